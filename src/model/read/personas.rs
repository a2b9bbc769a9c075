//! Reading personas (format version 2).

use serde_json::Value;

use super::{list, number, Fields};
use crate::error::Result;
use crate::model::personas::{Override, PersonaDef};

fn read_override(v: &Value, path: &str) -> Result<Override> {
    let mut f = Fields::of(
        v,
        path,
        "an override (an object such as {\"touchpoint\": \"ivr\", \"emotion\": -0.5})",
    )?;
    Ok(Override {
        touchpoint: f.text("touchpoint")?,
        entry: f.opt("entry", number)?,
        emotion: f.opt("emotion", number)?,
        dropout: f.opt("dropout", number)?,
        extra: f.extra(),
    })
}

pub fn read_persona_def(v: &Value, path: &str) -> Result<PersonaDef> {
    let mut f = Fields::of(v, path, "a persona (an object with an id and a name)")?;
    Ok(PersonaDef {
        id: f.text("id")?,
        name: f.text_or_empty("name")?,
        description: f.text_or_empty("description")?,
        overrides: f.or("overrides", Vec::new(), |v, p| list(v, p, read_override))?,
        skip: f.texts("skip")?,
        extra: f.extra(),
    })
}
