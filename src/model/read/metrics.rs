//! Reading a touchpoint's `metrics` (see `model::metrics`).

use serde_json::Value;

use super::{child, number, text, whole, Fields};
use crate::error::{JourneyError, Result};
use crate::model::{Metric, MetricKind, METRIC_KINDS};

fn read_metric(v: &Value, path: &str) -> Result<Metric> {
    let mut f = Fields::of(
        v,
        path,
        "a metric (an object such as {\"metric\": \"csat\", \"value\": 4.2})",
    )?;
    let key = f.text("metric")?;
    let metric = MetricKind::of(&key).ok_or_else(|| JourneyError::Schema {
        path: child(path, "metric"),
        detail: format!(
            "{}: a metric is one of {}, not \"{key}\".",
            child(path, "metric"),
            METRIC_KINDS.map(|k| format!("\"{}\"", k.key())).join(", ")
        ),
    })?;
    let value = number(f.required("value")?, &child(path, "value"))?;
    Ok(Metric {
        metric,
        value,
        respondents: f.opt("respondents", |v, p| whole(v, p, u64::from(u32::MAX)))?,
        date: f.or("date", String::new(), text)?,
        source: f.or("source", String::new(), text)?,
        extra: f.extra(),
    })
}

/// A touchpoint's `metrics` (absent or `null`: none).
pub fn read_metrics(v: &Value, path: &str) -> Result<Vec<Metric>> {
    if v.is_null() {
        return Ok(Vec::new());
    }
    super::list(v, path, read_metric)
}
