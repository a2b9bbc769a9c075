//! How sure: for every assumed value (the emotion of a rated touchpoint, a
//! dropout, a start share), how far success and the remembered experience
//! move if it is off by a chosen amount, and which assumptions matter most.
//! Values marked measured in a touchpoint's `basis` are left out.
//!
//! Each assumption gets the exact derivative of both figures (adjoint
//! solves, see [`super::memory`]) and the exact figures with the value
//! moved down and up by the amount (clamped to its range), recomputed by
//! full solves. An emotion moves its dropout too, through the sensitivity
//! link d′ = σ(logit d − k·Δe) (`model::rules::shifted`).

use serde::Serialize;

use super::flow::Flow;
use super::memory::{self, p_dot, Memory};
use super::moved::figures_at;
pub use super::moved::Parameter;
use super::{solve, Solved};
use crate::error::{JourneyError, Result};
use crate::model::Journey;

/// A figure with the value at the low and at the high end of its range;
/// None on a side where the change leaves no valid journey (it closes a
/// loop: see `closesLoop`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    pub at_low: Option<f64>,
    pub at_high: Option<f64>,
}

/// One assumed value and what it moves.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assumption {
    pub touchpoint: String,
    pub name: String,
    pub parameter: Parameter,
    /// The value as the journey has it (for `entry`, the start share).
    pub value: f64,
    /// The value moved down and up by the amount, clamped to its range.
    pub low: f64,
    pub high: f64,
    /// The source note of the assumption ("" when none).
    pub source: String,
    /// ∂success/∂value.
    pub success_slope: f64,
    /// ∂remembered/∂value; None when the remembered figure is not available.
    pub remembered_slope: Option<f64>,
    /// Success at `low` and `high`, recomputed exactly; None beyond the
    /// work budget (the slope still ranks it).
    pub success: Option<Span>,
    pub remembered: Option<Span>,
    /// The ranking key: the larger of the success swing and half the
    /// remembered swing (both then on a scale of width 1).
    pub swing: f64,
    /// False where the remembered figure has a kink here (the value ties
    /// another moment's intensity for the peak): the slope is for an
    /// increase, and the span is what to read.
    pub smooth: bool,
    /// Moving the value to one end closes a loop (customers could no longer
    /// leave it): that side has no figure.
    pub closes_loop: bool,
}

/// The sensitivity of a journey's figures to its assumptions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sensitivity {
    pub amount: f64,
    pub success: f64,
    /// The exact remembered experience (see `analysis::memory`); None when
    /// no emotion is rated, or the journey is too large for it.
    pub remembered: Option<f64>,
    /// Every assumption, the one that matters most first.
    pub assumptions: Vec<Assumption>,
    /// How many values are marked measured (and left out).
    pub measured: usize,
    /// How many assumptions got only slopes, their spans beyond the budget.
    pub unranged: usize,
}

/// The work one sensitivity may do, in touchpoint-and-transition visits of
/// factorisations (about 115 ns each natively, measured with
/// `cargo bench --bench engine`): about 35 ms. Spans go to the assumptions of the largest
/// estimated swing first until it is spent.
pub const BUDGET: f64 = 3.0e5;

/// The sensitivity of success and the remembered experience to every
/// assumed value, the largest swing first (ties in file order).
///
/// # Errors
/// `out_of_range` at `/amount` unless 0 < amount ≤ 1; those of
/// [`super::analyze`].
///
/// # Complexity
/// Slopes: O(levels · (n + m)), levels the distinct felt intensities (see
/// [`super::memory`]). Spans: two full recomputations per assumption,
/// within [`BUDGET`].
///
/// # Example
/// ```
/// let j = journeygraph::format::sample();
/// let s = journeygraph::analysis::sensitivity(&j, 0.2)?;
/// assert!(s.assumptions.windows(2).all(|w| w[0].swing >= w[1].swing));
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn sensitivity(journey: &Journey, amount: f64) -> Result<Sensitivity> {
    if !(amount > 0.0 && amount <= 1.0) {
        return Err(JourneyError::OutOfRange {
            path: "/amount".into(),
            detail: format!(
                "amount is {amount}; an assumption can be off by more than 0 and at most 1."
            ),
        });
    }
    let flow = Flow::new(journey)?;
    let solved = solve(&flow)?;
    let n = flow.n;
    let k = journey.settings.sensitivity;
    let weights = &journey.settings.remember_weights;
    let size = (n + flow.col.len()) as f64;
    // One remembered figure (a span's): two factorisations per level.
    let mem_cost = size * (2.0 * memory::levels(&flow) as f64 + 4.0);

    // Which values are assumed.
    let tps: Vec<_> = journey.touchpoints().collect();
    let starts = flow.alpha.iter().filter(|a| **a > 0.0).count();
    let mut params: Vec<(usize, Parameter)> = Vec::new();
    let mut measured = 0;
    for (i, tp) in tps.iter().enumerate() {
        let b = &tp.basis;
        for (p, src, applies) in [
            (Parameter::Emotion, &b.emotion, flow.rated[i]),
            (Parameter::Dropout, &b.dropout, true),
            (
                Parameter::Entry,
                &b.entry,
                flow.alpha[i] > 0.0 && starts > 1,
            ),
        ] {
            if src.measured {
                measured += 1;
            } else if applies {
                params.push((i, p));
            }
        }
    }
    let slopes: Vec<bool> = (0..n)
        .map(|i| {
            params
                .iter()
                .any(|&(j, p)| j == i && p == Parameter::Emotion)
        })
        .collect();
    // With its slopes: more for each touchpoint tied with another in |felt|
    // (a ring of 20,000 equal emotions took 105 s before this was counted).
    let slope_cost = mem_cost + size * memory::tie_factorisations(&flow, &slopes);
    let memory_on = flow.rated.iter().any(|r| *r) && slope_cost <= BUDGET;
    let mem = if memory_on {
        Some(memory::remembered(&flow, &solved, weights, Some(&slopes))?)
    } else {
        None
    };
    let success_grad = success_gradient(&flow, &solved);

    let mut out: Vec<Assumption> = params
        .iter()
        .map(|&(i, p)| {
            let value = match p {
                Parameter::Emotion => flow.emotion[i],
                Parameter::Dropout => flow.dropout[i],
                Parameter::Entry => flow.alpha[i],
            };
            let (lo, hi) = match p {
                Parameter::Emotion => (-1.0, 1.0),
                _ => (0.0, 1.0),
            };
            let slope = |g: &Memory| -> f64 {
                match p {
                    Parameter::Dropout => g.d_dropout[i],
                    Parameter::Emotion => {
                        let d = flow.dropout[i];
                        let link = if d > 0.0 && d < 1.0 {
                            -k * d * (1.0 - d)
                        } else {
                            0.0
                        };
                        let after = g.d_dropout_after.get(i).copied().unwrap_or(0.0);
                        flow.impact[i] * g.d_felt[i] + link * (g.d_dropout[i] + after)
                    }
                    Parameter::Entry => {
                        let mean: f64 = flow.alpha.iter().zip(&g.d_alpha).map(|(a, d)| a * d).sum();
                        (g.d_alpha[i] - mean) / (1.0 - flow.alpha[i])
                    }
                }
            };
            let success_slope = slope(&success_grad);
            let remembered_slope = mem.as_ref().map(slope);
            let (low, high) = ((value - amount).max(lo), (value + amount).min(hi));
            let est = |s: f64| {
                if s.is_finite() {
                    s.abs() * (high - low)
                } else {
                    f64::MAX
                }
            };
            let swing = est(success_slope).max(remembered_slope.map_or(0.0, |s| est(s) / 2.0));
            Assumption {
                touchpoint: flow.id(i).to_string(),
                name: flow.name(i).to_string(),
                parameter: p,
                value,
                low,
                high,
                source: tps[i]
                    .basis
                    .of(field(p))
                    .map(|s| s.source.clone())
                    .unwrap_or_default(),
                success_slope: finite(success_slope),
                remembered_slope: remembered_slope.map(finite),
                success: None,
                remembered: None,
                swing,
                smooth: mem
                    .as_ref()
                    .is_none_or(|m| p != Parameter::Emotion || m.smooth[i]),
                closes_loop: false,
            }
        })
        .collect();
    let by_swing = |a: &Assumption, b: &Assumption| (b.swing + 0.0).total_cmp(&(a.swing + 0.0));
    crate::sort::sort_by(&mut out, by_swing);

    // Spans, largest estimated swing first, within the budget.
    let per_span = 2.0 * (size * 2.0 + if memory_on { mem_cost } else { 0.0 });
    // The slopes' own cost counts: what is left goes to spans.
    let mut spent = if memory_on { slope_cost } else { size * 2.0 };
    let mut unranged = 0;
    for a in &mut out {
        if spent + per_span > BUDGET {
            unranged += 1;
            continue;
        }
        spent += per_span;
        let i = flow
            .ids
            .iter()
            .position(|id| *id == a.touchpoint)
            .unwrap_or(0);
        let low = figures_at(
            (&flow, &solved),
            i,
            a.parameter,
            a.low,
            k,
            weights,
            memory_on,
        )?;
        let high = figures_at(
            (&flow, &solved),
            i,
            a.parameter,
            a.high,
            k,
            weights,
            memory_on,
        )?;
        a.closes_loop = low.is_none() || high.is_none();
        let s = Span {
            at_low: low.map(|f| f.0),
            at_high: high.map(|f| f.0),
        };
        let r = Span {
            at_low: low.and_then(|f| f.1),
            at_high: high.and_then(|f| f.1),
        };
        let width = |sp: &Span, base: f64| {
            let (l, h) = (sp.at_low.unwrap_or(base), sp.at_high.unwrap_or(base));
            (h - l).abs()
        };
        let rb = mem.as_ref().map_or(0.0, |m| m.value);
        a.swing =
            width(&s, solved.s.success).max(if memory_on { width(&r, rb) / 2.0 } else { 0.0 });
        a.success = Some(s);
        a.remembered = memory_on.then_some(r);
    }
    // Ranged ones by their exact swing; the rest keep their estimated order after them.
    crate::sort::sort_by(&mut out, |a, b| {
        b.success
            .is_some()
            .cmp(&a.success.is_some())
            .then(by_swing(a, b))
    });
    Ok(Sensitivity {
        amount,
        success: solved.s.success.clamp(0.0, 1.0),
        remembered: mem.map(|m| m.value),
        assumptions: out,
        measured,
        unranged,
    })
}

/// The remembered experience computed exactly (see `analysis::memory`):
/// the expectation of a·peak + b·end + c·meanFelt over customers. None
/// when no emotion is rated (it would rest on nothing the user entered).
///
/// # Errors
/// Those of [`super::analyze`].
///
/// # Complexity
/// Two factorisations per distinct felt intensity.
pub fn remembered(journey: &Journey) -> Result<Option<f64>> {
    let flow = Flow::new(journey)?;
    if !flow.rated.iter().any(|r| *r) {
        return Ok(None);
    }
    let solved = solve(&flow)?;
    let w = &journey.settings.remember_weights;
    Ok(Some(memory::remembered(&flow, &solved, w, None)?.value))
}

fn field(p: Parameter) -> &'static str {
    match p {
        Parameter::Emotion => "emotion",
        Parameter::Dropout => "dropout",
        Parameter::Entry => "entry",
    }
}

fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// The derivatives of success (as a [`Memory`]: success does not depend
/// on felt emotion).
fn success_gradient(flow: &Flow<'_>, solved: &Solved) -> Memory {
    let s = &solved.s;
    let n = flow.n;
    let d_dropout: Vec<f64> = (0..n)
        .map(|j| {
            if s.no_goal && flow.is_end(j) {
                -s.visits[j]
            } else if flow.goal[j] && !s.no_goal {
                0.0
            } else {
                -s.visits[j] * p_dot(flow, j, &s.from)
            }
        })
        .collect();
    Memory {
        value: s.success,
        d_alpha: s.from.clone(),
        d_dropout,
        d_felt: vec![0.0; n],
        smooth: vec![true; n],
        d_dropout_after: vec![0.0; n],
    }
}
