//! The rules every touchpoint, setting and emotion change obeys, wherever it
//! comes from (a file, an edit, a scenario, fitted paths): the ranges and
//! limits of SPEC sections 2 and 5, and the sensitivity link of section 3
//! by which an emotion change moves a touchpoint's dropout. The file format,
//! the edits and the analysis all take them from here.

use crate::error::{JourneyError, Result};
use crate::model::{Metric, Settings, Touchpoint};

/// How much journeygraph accepts (SPEC section 5).
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Bytes of JSON text.
    pub max_bytes: usize,
    pub max_touchpoints: usize,
    pub max_transitions: usize,
    /// Characters in any one string.
    pub max_string: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64_000_000,
            max_touchpoints: 200_000,
            max_transitions: 1_000_000,
            max_string: 10_000,
        }
    }
}

/// Longest touchpoint id, in characters.
pub const MAX_ID: usize = 128;
/// Longest touchpoint name, in characters.
pub const MAX_NAME: usize = 500;

pub(crate) fn out_of_range(path: String, detail: String) -> JourneyError {
    JourneyError::OutOfRange { path, detail }
}

fn in_range(path: &str, field: &str, x: f64, lo: f64, hi: f64) -> Result<()> {
    if (lo..=hi).contains(&x) {
        Ok(())
    } else {
        Err(out_of_range(
            format!("{path}/{field}"),
            format!("{field} is {x}; it must be between {lo} and {hi}."),
        ))
    }
}

/// Checks an id's length; `what` names its kind in the message.
pub fn check_id(path: &str, what: &str, id: &str) -> Result<()> {
    let n = id.chars().count();
    if n == 0 || n > MAX_ID {
        return Err(out_of_range(
            format!("{path}/id"),
            format!("A {what} id must be 1 to {MAX_ID} characters long; this one has {n}."),
        ));
    }
    Ok(())
}

/// Checks one touchpoint's own fields (not its references). Used for files,
/// scenario additions and edits alike. `path` is its JSON pointer.
pub fn check_touchpoint(tp: &Touchpoint, path: &str, limits: &Limits) -> Result<()> {
    check_id(path, "touchpoint", &tp.id)?;
    let name_len = tp.name.chars().count();
    if name_len > MAX_NAME {
        return Err(out_of_range(
            format!("{path}/name"),
            format!("Touchpoint names are at most {MAX_NAME} characters; \"{}…\" has {name_len}. Move the rest into its notes.", tp.name.chars().take(40).collect::<String>()),
        ));
    }
    if let Some(e) = tp.emotion {
        in_range(path, "emotion", e, -1.0, 1.0)?;
    }
    in_range(path, "impact", tp.impact, 0.0, 1.0)?;
    in_range(path, "dropout", tp.dropout, 0.0, 1.0)?;
    if !(tp.entry >= 0.0 && tp.entry.is_finite()) {
        return Err(out_of_range(
            format!("{path}/entry"),
            format!("entry is {}; an entry share must be 0 or more.", tp.entry),
        ));
    }
    if let Some(e) = tp.effort {
        if !(1..=7).contains(&e) {
            return Err(out_of_range(
                format!("{path}/effort"),
                format!("effort is {e}; a customer effort score is a whole number from 1 to 7."),
            ));
        }
    }
    let texts = [
        ("stage", &tp.stage),
        ("channel", &tp.channel),
        ("owner", &tp.owner),
        ("notes", &tp.notes),
    ];
    for (field, s) in texts {
        check_string_at(s, limits, || format!("{path}/{field}"))?;
    }
    for field in crate::model::BASIS_FIELDS {
        if let Some(src) = tp.basis.of(field) {
            check_string_at(&src.source, limits, || {
                format!("{path}/basis/{field}/source")
            })?;
        }
    }
    check_metrics(&tp.metrics, path, limits)?;
    for (field, list) in [
        ("painPoints", &tp.pain_points),
        ("opportunities", &tp.opportunities),
    ] {
        for (i, s) in list.iter().enumerate() {
            check_string_at(s, limits, || format!("{path}/{field}/{i}"))?;
        }
    }
    Ok(())
}

/// Checks one text against the string limit.
pub fn check_string(path: &str, s: &str, limits: &Limits) -> Result<()> {
    // Byte length bounds the character count from above: skip counting
    // characters for the (usual) short strings.
    if s.len() > limits.max_string && s.chars().count() > limits.max_string {
        return Err(JourneyError::TooLarge {
            path: path.to_string(),
            detail: format!(
                "This text has {} characters; journeygraph keeps texts of up to {}.",
                s.chars().count(),
                limits.max_string
            ),
        });
    }
    Ok(())
}

/// [`check_string`], its pointer made only for a text that may be too
/// long (one of up to `max_string` bytes has at most as many characters).
fn check_string_at(s: &str, limits: &Limits, path: impl FnOnce() -> String) -> Result<()> {
    if s.len() <= limits.max_string {
        return Ok(());
    }
    check_string(&path(), s, limits)
}

/// Checks the settings' ranges.
pub fn check_settings(s: &Settings) -> Result<()> {
    let p = "/settings";
    if !(0.0..=100.0).contains(&s.sensitivity) {
        return Err(out_of_range(
            format!("{p}/sensitivity"),
            format!(
                "sensitivity is {}; it must be between 0 and 100 (1 is usual).",
                s.sensitivity
            ),
        ));
    }
    let w = &s.remember_weights;
    let wp = format!("{p}/rememberWeights");
    in_range(&wp, "peak", w.peak, 0.0, 1.0)?;
    in_range(&wp, "end", w.end, 0.0, 1.0)?;
    in_range(&wp, "mean", w.mean, 0.0, 1.0)?;
    let sum = w.peak + w.end + w.mean;
    if (sum - 1.0).abs() > 1e-9 {
        return Err(out_of_range(
            wp,
            format!(
                "The remember weights peak, end and mean add up to {sum}; they must add up to 1."
            ),
        ));
    }
    in_range(p, "satisfiedAt", s.satisfied_at, -1.0, 1.0)?;
    in_range(p, "promoterAt", s.promoter_at, -1.0, 1.0)?;
    if !(1..=1_000_000).contains(&s.max_steps) {
        return Err(out_of_range(
            format!("{p}/maxSteps"),
            format!(
                "maxSteps is {}; it must be between 1 and 1000000.",
                s.max_steps
            ),
        ));
    }
    Ok(())
}

// ---- The sensitivity link ------------------------------------------------

/// The least a positive dropout becomes through an emotion change. With a
/// sensitivity of 100, σ(logit(d) − k·Δe) can round to 0, which would close
/// a loop that this dropout was the only way out of; held here, the loop
/// stays open (customers pass through it up to 10²⁸⁰ times) and every
/// figure stays finite and exact.
pub const MIN_SHIFTED_DROPOUT: f64 = 1e-280;

/// Dropout after an emotion change (SPEC section 3):
/// d′ = σ(logit(d) − k·(e′ − e)); 0 and 1 stay put, and a positive dropout
/// stays at least [`MIN_SHIFTED_DROPOUT`]. Uses `libm` so the result is
/// bit-identical natively and in wasm.
pub fn shifted_dropout(d: f64, e: f64, e_new: f64, k: f64) -> f64 {
    shifted(d, e, e_new, k).0
}

/// [`shifted_dropout`] and its complement 1 − d′, each computed directly so
/// that neither loses digits when d′ is near 0 or near 1.
pub(crate) fn shifted(d: f64, e: f64, e_new: f64, k: f64) -> (f64, f64) {
    if d <= 0.0 || d >= 1.0 || e_new == e || k == 0.0 {
        return (d, 1.0 - d);
    }
    let z = libm::log(d / (1.0 - d)) - k * (e_new - e);
    let dropout = (1.0 / (1.0 + libm::exp(-z))).max(MIN_SHIFTED_DROPOUT);
    let stay = if dropout == MIN_SHIFTED_DROPOUT {
        1.0 - dropout
    } else {
        1.0 / (1.0 + libm::exp(z))
    };
    (dropout, stay)
}

/// Each value in its metric's range, each metric once, every text within the limits.
fn check_metrics(metrics: &[Metric], path: &str, limits: &Limits) -> Result<()> {
    for (i, m) in metrics.iter().enumerate() {
        let at = format!("{path}/metrics/{i}");
        let (lo, hi) = m.metric.range();
        if !(m.value.is_finite() && (lo..=hi).contains(&m.value)) {
            let range = if hi == f64::MAX {
                format!("{lo} or more")
            } else {
                format!("from {lo} to {hi}")
            };
            return Err(out_of_range(
                format!("{at}/value"),
                format!("{} is {}; it must be {range}.", m.metric.key(), m.value),
            ));
        }
        if metrics[..i].iter().any(|o| o.metric == m.metric) {
            return Err(out_of_range(
                format!("{at}/metric"),
                format!("{} is given twice; a touchpoint has one value per metric (aggregate the survey rows first).", m.metric.key()),
            ));
        }
        check_string_at(&m.date, limits, || format!("{at}/date"))?;
        check_string_at(&m.source, limits, || format!("{at}/source"))?;
    }
    Ok(())
}
