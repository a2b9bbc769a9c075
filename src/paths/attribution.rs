//! Credit per channel under the first-order Markov attribution model: each
//! channel's removal effect and its share of the conversions, beside what
//! the paths themselves say of it (counted at fit time: the paths that
//! contain it, their conversions, and first-touch, last-touch and linear
//! credit), so that an analyst can see where the model departs from them.

use serde::Serialize;

use crate::error::Result;
use crate::model::{Journey, ObservedChannel, Touchpoint};

/// Credit for one channel under the first-order Markov attribution model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attribution {
    pub touchpoint: String,
    pub name: String,
    pub removal_effect: f64,
    /// RE_i / Σ RE over the channels.
    pub share: f64,
    /// share × the observed conversions (or × success per customer when the
    /// journey was not fitted from paths).
    pub conversions: f64,
    /// share × the observed conversion value, when known.
    pub value: Option<f64>,
    /// The channel's observed counts and simple models; `None` (null) for
    /// a drawn journey, or one fitted before they were counted.
    pub observed: Option<ObservedChannel>,
}

/// Attribution of every non-goal touchpoint, largest share first.
///
/// # Errors
/// Those of [`crate::analysis::removal_effects`].
pub fn attribution(journey: &Journey) -> Result<Vec<Attribution>> {
    Ok(attribution_of(journey, &crate::analysis::prepare(journey)?))
}

/// [`attribution`] from the journey's prepared solve (shared with its
/// analysis).
pub fn attribution_of(journey: &Journey, prepared: &crate::analysis::Prepared) -> Vec<Attribution> {
    let effects = prepared.removal_effects(journey);
    let channels: Vec<(&Touchpoint, f64)> = journey
        .touchpoints()
        .zip(effects.iter())
        .filter(|(t, _)| !t.goal)
        .map(|(t, (_, re))| (t, *re))
        .collect();
    let total: f64 = channels.iter().map(|(_, re)| re).sum();
    let (conversions, value) = match &journey.observed {
        Some(o) => (o.conversions, o.value),
        None => (prepared.totals().success, None),
    };
    let mut out: Vec<Attribution> = channels
        .into_iter()
        .map(|(t, re)| {
            let share = if total > 0.0 { re / total } else { 0.0 };
            Attribution {
                touchpoint: t.id.clone(),
                name: t.name.clone(),
                removal_effect: re,
                share,
                conversions: share * conversions,
                value: value.map(|v| share * v),
                observed: journey
                    .observed
                    .as_ref()
                    .and_then(|o| o.channels.get(&t.id))
                    .cloned(),
            }
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| {
        b.share
            .total_cmp(&a.share)
            .then(a.touchpoint.cmp(&b.touchpoint))
    });
    out
}
