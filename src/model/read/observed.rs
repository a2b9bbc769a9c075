//! Reading what a journey fitted from observed paths was fitted from.

use serde_json::Value;

use super::{child, number, wrong, Fields};
use crate::error::Result;
use crate::model::types::{Observed, ObservedChannel, ObservedChannels};

pub fn read_observed(v: &Value, path: &str) -> Result<Observed> {
    let mut f = Fields::of(v, path, "observed totals (an object)")?;
    let mut count = |key: &'static str| -> Result<f64> {
        let v = f.required(key)?;
        number(v, &child(path, key))
    };
    let (paths, conversions, nulls) = (count("paths")?, count("conversions")?, count("nulls")?);
    Ok(Observed {
        paths,
        conversions,
        nulls,
        value: f.opt("value", number)?,
        channels: f.or(
            "channels",
            ObservedChannels::default(),
            read_observed_channels,
        )?,
        extra: f.extra(),
    })
}

/// `{id: {paths, conversions, firstTouch, lastTouch, linear}}`, in file order.
fn read_observed_channels(v: &Value, path: &str) -> Result<ObservedChannels> {
    match v {
        Value::Object(map) => map
            .iter()
            .map(|(id, c)| Ok((id.clone(), read_observed_channel(c, &child(path, id))?)))
            .collect::<Result<Vec<_>>>()
            .map(ObservedChannels),
        other => Err(wrong(path, "an object of channels by touchpoint id", other)),
    }
}

pub fn read_observed_channel(v: &Value, path: &str) -> Result<ObservedChannel> {
    let mut f = Fields::of(v, path, "a channel's observed counts (an object)")?;
    let mut count = |key: &'static str| -> Result<f64> {
        let v = f.required(key)?;
        number(v, &child(path, key))
    };
    Ok(ObservedChannel {
        paths: count("paths")?,
        conversions: count("conversions")?,
        first_touch: count("firstTouch")?,
        last_touch: count("lastTouch")?,
        linear: count("linear")?,
        extra: f.extra(),
    })
}
