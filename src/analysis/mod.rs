//! Exact customer-flow figures (SPEC section 3): visits, reach, success,
//! dropout, the felt experience and its shares; which touchpoint to fix
//! first (opportunities); and how much each touchpoint matters (removal
//! effects). All of it from a handful of solves with N = (I − Q)⁻¹ (see
//! [`chain`]); nothing here simulates.

mod by_id;
mod chain;
mod curve;
mod flow;
mod gth;
mod memory;
mod moved;
mod opportunities;
mod outcomes;
mod patch;
mod prepared;
mod sensitivity;
mod solved;

pub use crate::model::{shifted_dropout, MIN_SHIFTED_DROPOUT};
pub use by_id::ById;
pub use curve::{curve, endings, Curve, CurveMoment, StageFeeling};
pub(crate) use flow::Flow;
pub use opportunities::opportunities;
pub use outcomes::Rules;
use prepared::reach;
pub use prepared::{prepare, prepare_after, Prepared};
pub use sensitivity::{remembered, sensitivity, Assumption, Parameter, Sensitivity, Span, BUDGET};

use crate::error::Result;
use crate::model::Journey;
use solved::{dot, solve, solve_like, Pattern, Solved};

/// Figures of one touchpoint.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TouchpointFigures {
    /// Expected arrivals per customer.
    pub visits: f64,
    /// Probability of arriving at least once.
    pub reach: f64,
    /// The dropout in effect (after any emotion change).
    pub dropout: f64,
    /// Felt emotion, emotion · impact.
    pub felt: f64,
    /// Share of customers who start here, α_i = s_i / Σ s (SPEC section
    /// 3; uniform over the touchpoints with no way in when every entry is
    /// 0): what a front end shows as the entry, whether the file holds a
    /// share (0.6) or a count of observed first touches (340).
    pub entry_share: f64,
}

/// The exact analysis of a journey.
///
/// # Outcomes that add up
/// Every customer ends in exactly one of three outcomes:
/// `success` (reached a goal), `lost_before_goal` (dropped out before
/// reaching any goal) and `ended_elsewhere` (came to an end that is not a
/// goal without reaching one); the three sum to 1. Of those who reached a
/// goal, `left_after_goal` dropped out later (a dropout at the goal itself
/// included) and `stayed_to_end` did not, so
/// `dropout = lost_before_goal + left_after_goal` and
/// `success = stayed_to_end + left_after_goal`. Without any goal,
/// success = completion, lost_before_goal = dropout, ended_elsewhere = 0.
/// `dropout` and `success` overlap by `left_after_goal`: never show them
/// side by side without saying so.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// Probability of reaching any goal (completion when there is none).
    pub success: f64,
    /// Probability of ending at an end (no outgoing transition) without
    /// dropping out; with `dropout`, sums to 1.
    pub completion: f64,
    /// Probability of dropping out anywhere, after a goal included.
    pub dropout: f64,
    /// Dropped out before reaching any goal.
    pub lost_before_goal: f64,
    /// Came to a non-goal end without reaching a goal.
    pub ended_elsewhere: f64,
    /// Reached a goal and dropped out afterwards (or right at it).
    pub left_after_goal: f64,
    /// Reached a goal and did not drop out afterwards.
    pub stayed_to_end: f64,
    /// How many touchpoints are goals (0: success is completion).
    pub goals: usize,
    pub expected_touchpoints: f64,
    pub emotional_load: f64,
    pub mean_felt: f64,
    pub service_share: f64,
    pub proactive_share: f64,
    /// Share of the expected moments (visits) at touchpoints whose emotion
    /// was rated. 0: the felt figures and the remembered experience rest on
    /// nothing the user entered and are not available (SPEC section 3).
    pub rated_share: f64,
    /// How many touchpoints have a rated emotion.
    pub rated: usize,
    /// The settings these figures and the simulation rest on, so that a
    /// front end can say how each figure is computed without repeating a
    /// default.
    pub rules: Rules,
    /// Per touchpoint, keyed by id, in file order.
    pub touchpoints: ById<TouchpointFigures>,
}

/// What raising one touchpoint's emotion would change, and why: how many
/// customers it reaches, and how the sensitivity link moves its dropout.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Opportunity {
    pub touchpoint: String,
    pub name: String,
    /// The emotion it would have (raised by delta, capped at 1).
    pub emotion: f64,
    pub success_gain: f64,
    pub mean_felt_gain: f64,
    /// Share of customers who arrive here at least once (as it is now):
    /// those the change reaches.
    pub reach: f64,
    /// Its dropout in effect now, and at the raised emotion (the
    /// sensitivity link, SPEC section 3).
    pub dropout_before: f64,
    pub dropout_after: f64,
    /// Customers who give up right after this touchpoint, per customer
    /// (visits × dropout), now and after the change.
    pub left_before: f64,
    pub left_after: f64,
}

/// Shares of the felt experience: Σ_{i in set} v_i |f_i| / Σ_i v_i |f_i|.
fn share(flow: &Flow<'_>, visits: &[f64], set: &[bool]) -> f64 {
    let mut part = 0.0;
    let mut all = 0.0;
    for i in 0..flow.n {
        let w = visits[i] * flow.felt[i].abs();
        all += w;
        if set[i] {
            part += w;
        }
    }
    if all > 0.0 {
        part / all
    } else {
        0.0
    }
}

/// Σ_{i in set} v_i / Σ_i v_i (0 when nobody visits anything).
fn share_of(visits: &[f64], set: &[bool]) -> f64 {
    let (mut part, mut all) = (0.0, 0.0);
    for (v, &s) in visits.iter().zip(set) {
        all += v;
        if s {
            part += v;
        }
    }
    if all > 0.0 {
        (part / all).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Each touchpoint's share of the customers who start there, α (SPEC
/// section 3), in file order: without solving anything, for a front end
/// that shows an entry as a share whatever the file holds (a share, or a
/// count of observed first touches).
///
/// # Errors
/// `no_entry` when no customer can start the journey.
///
/// # Complexity
/// O(n + m).
pub fn entry_shares(journey: &Journey) -> Result<ById<f64>> {
    let flow = Flow::new(journey)?;
    Ok(flow
        .ids
        .iter()
        .zip(&flow.alpha)
        .map(|(id, a)| (id, *a))
        .collect())
}

/// The exact analysis.
///
/// # Errors
/// `no_entry`; `closed_loop` for touchpoints customers cannot leave, or
/// leave so rarely that their visits exceed what a number holds.
///
/// # Complexity
/// O(n + m) plus the elimination of each loop (see `chain`): linear for
/// small loops, up to k³ for a loop of k in which everything leads to
/// everything.
///
/// # Example
/// ```
/// let a = journeygraph::analysis::analyze(&journeygraph::format::sample())?;
/// assert!((a.dropout + a.completion - 1.0).abs() < 1e-9);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn analyze(journey: &Journey) -> Result<Analysis> {
    analyze_with(journey, true)
}

/// [`analyze`], leaving `touchpoints` empty when `per_touchpoint` is false:
/// what a figures bar needs, without building a value per touchpoint.
pub fn analyze_with(journey: &Journey, per_touchpoint: bool) -> Result<Analysis> {
    let prepared = prepare(journey)?;
    let touchpoints = if per_touchpoint {
        prepared.figures()
    } else {
        ById::default()
    };
    Ok(Analysis {
        touchpoints,
        ..prepared.totals
    })
}

/// The per-touchpoint figures as columns in file order, for callers that
/// hand them on in bulk (the wasm boundary builds its object from these).
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub visits: Vec<f64>,
    pub reach: Vec<f64>,
    pub dropout: Vec<f64>,
    pub felt: Vec<f64>,
    pub entry_share: Vec<f64>,
}

/// The totals (with `touchpoints` empty) and, when asked, the columns.
pub fn analyze_columns(journey: &Journey, columns: bool) -> Result<(Analysis, Option<Columns>)> {
    let prepared = prepare(journey)?;
    let columns = columns.then(|| prepared.columns());
    Ok((prepared.totals, columns))
}

/// The removal effect of every touchpoint ("moments that matter"):
/// RE_i = 1 − success_without_i / success, where without i the customers
/// who would arrive at i are lost. By the strong Markov property,
/// success = success_without_i + a_i · h_i, with a_i the probability of
/// arriving at i before any goal (reach in the success chain) and h_i the
/// success probability from i; so RE_i = a_i h_i / success, for all i from
/// the same few solves. 0 for every touchpoint when success is 0.
///
/// # Complexity
/// As [`analyze`].
pub fn removal_effects(journey: &Journey) -> Result<ById<f64>> {
    Ok(prepare(journey)?.removal_effects(journey))
}
