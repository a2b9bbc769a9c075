//! Exact customer-flow figures (SPEC section 3): visits, reach, success,
//! dropout, the felt experience and its shares; which touchpoint to fix
//! first (opportunities); and how much each touchpoint matters (removal
//! effects). All of it from a handful of solves with N = (I − Q)⁻¹ (see
//! [`chain`]); nothing here simulates.

mod chain;
mod curve;
mod flow;
mod gth;

use serde::ser::{Serialize, SerializeMap, Serializer};

pub use curve::{curve, Curve, CurveMoment, StageFeeling};
pub(crate) use flow::Flow;
pub use flow::{shifted_dropout, MIN_SHIFTED_DROPOUT};

use crate::error::Result;
use crate::model::Journey;
use chain::Chain;

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
}

/// The exact analysis of a journey.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    pub success: f64,
    pub completion: f64,
    pub dropout: f64,
    pub expected_touchpoints: f64,
    pub emotional_load: f64,
    pub mean_felt: f64,
    pub service_share: f64,
    pub proactive_share: f64,
    /// Per touchpoint, keyed by id, in file order.
    pub touchpoints: ById<TouchpointFigures>,
}

/// Values keyed by touchpoint id, kept in file order; serialized as an
/// object `{id: value}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ById<T>(pub Vec<(String, T)>);

impl<T> ById<T> {
    /// The value for an id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for ById<T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// What raising one touchpoint's emotion would change.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Opportunity {
    pub touchpoint: String,
    pub name: String,
    /// The emotion it would have (raised by delta, capped at 1).
    pub emotion: f64,
    pub success_gain: f64,
    pub mean_felt_gain: f64,
}

/// The pieces every figure is made of, shared by the analysis, the
/// opportunities and the removal effects.
struct Solved<'a> {
    /// The full chain: rows scaled by 1 − dropout.
    q: Chain<'a>,
    visits: Vec<f64>,
    /// The success chain: Q with goal rows removed (goals absorb, success
    /// counts on arrival), or Q itself when there is no goal
    /// (success = completion) or when every goal is an end (removing a row
    /// that is empty changes nothing: fitted journeys, for instance).
    s: SuccessChain<'a>,
}

struct SuccessChain<'a> {
    /// None: the success chain is Q.
    chain: Option<Chain<'a>>,
    /// No touchpoint is a goal: success is completion.
    no_goal: bool,
    /// Visits in the success chain (first arrivals, for goals).
    visits: Vec<f64>,
    /// r_i: the success a customer banks at i (1 at a goal; 1 − d_i at an
    /// end when there is no goal).
    reward: Vec<f64>,
    /// h = N_S r: success probability of a customer arriving at i.
    from: Vec<f64>,
    success: f64,
}

impl<'a> SuccessChain<'a> {
    fn chain<'b>(&'b self, q: &'b Chain<'a>) -> &'b Chain<'a> {
        self.chain.as_ref().unwrap_or(q)
    }
}

fn solve<'a>(flow: &'a Flow<'a>) -> Result<Solved<'a>> {
    let q = Chain::new(flow, &flow.dropout)?;
    let visits = q.forward(&flow.alpha);
    // Visits beyond what a number holds (loops left only by chances near
    // 1e-290, one inside another): refused by name, never a NaN.
    let mut unbounded = q.first_unbounded(&visits);
    if unbounded.is_empty() && !visits.iter().sum::<f64>().is_finite() {
        // Each count fits, their sum does not: name the largest.
        let most = (0..flow.n).max_by(|&a, &b| visits[a].total_cmp(&visits[b]));
        unbounded.extend(most);
    }
    if !unbounded.is_empty() {
        return Err(flow.closed_loop(&unbounded));
    }
    let s = if flow.has_goal() {
        let goals_end = (0..flow.n).all(|i| !flow.goal[i] || flow.is_end(i));
        let chain = if goals_end {
            None
        } else {
            let stop: Vec<f64> = (0..flow.n)
                .map(|i| if flow.goal[i] { 1.0 } else { flow.dropout[i] })
                .collect();
            Some(Chain::new(flow, &stop)?)
        };
        let reward: Vec<f64> = flow
            .goal
            .iter()
            .map(|&g| if g { 1.0 } else { 0.0 })
            .collect();
        let c = chain.as_ref().unwrap_or(&q);
        let sv = if chain.is_some() {
            c.forward(&flow.alpha)
        } else {
            visits.clone()
        };
        let from = c.backward(&reward);
        let success = dot(&sv, &reward);
        SuccessChain {
            chain,
            no_goal: false,
            visits: sv,
            reward,
            from,
            success,
        }
    } else {
        let reward: Vec<f64> = (0..flow.n)
            .map(|i| {
                if flow.is_end(i) {
                    1.0 - flow.dropout[i]
                } else {
                    0.0
                }
            })
            .collect();
        let from = q.backward(&reward);
        let success = dot(&visits, &reward);
        SuccessChain {
            chain: None,
            no_goal: true,
            visits: visits.clone(),
            reward,
            from,
            success,
        }
    };
    Ok(Solved { q, visits, s })
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
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
    let (mut analysis, columns) = analyze_columns(journey, per_touchpoint)?;
    if let Some(c) = columns {
        analysis.touchpoints = ById(
            journey
                .touchpoints()
                .enumerate()
                .map(|(i, t)| {
                    let figures = TouchpointFigures {
                        visits: c.visits[i],
                        reach: c.reach[i],
                        dropout: c.dropout[i],
                        felt: c.felt[i],
                    };
                    (t.id.clone(), figures)
                })
                .collect(),
        );
    }
    Ok(analysis)
}

/// The per-touchpoint figures as columns in file order, for callers that
/// hand them on in bulk (the wasm boundary builds its object from these).
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub visits: Vec<f64>,
    pub reach: Vec<f64>,
    pub dropout: Vec<f64>,
    pub felt: Vec<f64>,
}

/// The totals (with `touchpoints` empty) and, when asked, the columns.
pub fn analyze_columns(journey: &Journey, columns: bool) -> Result<(Analysis, Option<Columns>)> {
    let flow = Flow::new(journey)?;
    let solved = solve(&flow)?;
    let v = &solved.visits;
    let mut dropout = 0.0;
    let mut completion = 0.0;
    let mut expected = 0.0;
    let mut load = 0.0;
    for i in 0..flow.n {
        dropout += v[i] * flow.dropout[i];
        if flow.is_end(i) {
            completion += v[i] * (1.0 - flow.dropout[i]);
        }
        expected += v[i];
        load += v[i] * flow.felt[i];
    }
    let analysis = Analysis {
        success: solved.s.success,
        completion,
        dropout,
        expected_touchpoints: expected,
        emotional_load: load,
        mean_felt: if expected > 0.0 { load / expected } else { 0.0 },
        service_share: share(&flow, v, &flow.service),
        proactive_share: share(&flow, v, &flow.proactive),
        touchpoints: ById(Vec::new()),
    };
    let columns = columns.then(|| {
        let diag = solved.q.diagonal();
        Columns {
            reach: v.iter().zip(&diag).map(|(&v, &d)| reach(v, d)).collect(),
            visits: solved.visits.clone(),
            dropout: flow.dropout.clone(),
            felt: flow.felt.clone(),
        }
    });
    Ok((analysis, columns))
}

/// Every touchpoint ranked by the exact gain in success and in mean felt
/// emotion from raising its emotion by `delta` (capped at 1), best first
/// (by success gain, then by mean-felt gain).
///
/// Raising e_i changes f_i and, through the sensitivity link, d_i: row i of
/// Q is scaled by c = (1 − d′_i)/(1 − d_i), a rank-one change
/// Q + e_i (c − 1) q_iᵀ. By Sherman–Morrison, with q_iᵀN = N_i· − e_iᵀ,
/// the new visits are v + v_i (c−1)(N_i· − e_iᵀ) / (1 − (c−1)(N_ii − 1)),
/// so every total needs only v, N_ii and the row sums (N·1)_i, (N·f)_i,
/// (N_S·r)_i — five solves for all touchpoints together, not one per
/// touchpoint.
///
/// # Complexity
/// O(n + m) plus k³ per loop of k touchpoints, then O(n log n) to sort.
pub fn opportunities(journey: &Journey, delta: f64) -> Result<Vec<Opportunity>> {
    let flow = Flow::new(journey)?;
    let solved = solve(&flow)?;
    let k = journey.settings.sensitivity;
    let v = &solved.visits;
    let diag = solved.q.diagonal();
    let ones = vec![1.0; flow.n];
    let t = solved.q.backward(&ones);
    let nf = solved.q.backward(&flow.felt);
    let total: f64 = v.iter().sum();
    let load = dot(v, &flow.felt);
    let mean = if total > 0.0 { load / total } else { 0.0 };
    let s = &solved.s;
    let s_chain = s.chain(&solved.q);
    let s_diag_own = s.chain.as_ref().map(|c| c.diagonal());
    let s_diag = s_diag_own.as_ref().unwrap_or(&diag);
    let no_goal = s.no_goal;

    let mut out = Vec::with_capacity(flow.n);
    for i in 0..flow.n {
        let e_new = (flow.emotion[i] + delta).clamp(-1.0, 1.0);
        let d_old = flow.dropout[i];
        let (d_new, stay_new) = flow::shifted(d_old, flow.emotion[i], e_new, k);
        let f_new = e_new * flow.impact[i];
        let eps = if d_old < 1.0 {
            stay_new / (1.0 - d_old) - 1.0
        } else {
            0.0
        };

        // Mean felt emotion.
        let den = 1.0 - eps * (diag[i] - 1.0);
        let total_new = total + v[i] * eps * (t[i] - 1.0) / den;
        let load_new =
            load + v[i] * eps * (nf[i] - flow.felt[i]) / den + v[i] / den * (f_new - flow.felt[i]);
        let mean_new = if total_new > 0.0 {
            load_new / total_new
        } else {
            0.0
        };

        // Success, in the success chain (whose row i is absent at a goal).
        let eps_s = if s_chain.scale(i) > 0.0 { eps } else { 0.0 };
        let den_s = 1.0 - eps_s * (s_diag[i] - 1.0);
        let reward_new = if no_goal && flow.is_end(i) {
            stay_new
        } else {
            s.reward[i]
        };
        let mut success_gain = s.visits[i] * eps_s * (s.from[i] - s.reward[i]) / den_s
            + s.visits[i] / den_s * (reward_new - s.reward[i]);
        let mut mean_felt_gain = mean_new - mean;

        // The rank-one update loses digits when the change nearly closes a
        // loop (den → 0: the dropout was the loop's main way out) or scales
        // the row by a large factor (dropout near 1): then solve the changed
        // journey directly, which is exact.
        let shaky = |den: f64| !(den >= WELL_CONDITIONED);
        // Or when the new totals are small differences of large numbers (a
        // loop customers stayed in 10¹⁷ times, now left at once).
        let cancels = |old: f64, new: f64| old.abs() * WELL_CONDITIONED > new.abs();
        if shaky(den)
            || shaky(den_s)
            || cancels(total, total_new)
            || cancels(load, load_new)
            || eps.abs() > 1.0 / WELL_CONDITIONED
            || !(success_gain.is_finite() && mean_felt_gain.is_finite())
        {
            let (success_new, mean_new) = direct(&flow, i, d_new, f_new)?;
            success_gain = success_new - s.success;
            mean_felt_gain = mean_new - mean;
        }

        out.push(Opportunity {
            touchpoint: flow.ids[i].to_string(),
            name: flow.names[i].to_string(),
            emotion: e_new,
            success_gain,
            mean_felt_gain,
        });
    }
    // Best first, by a total order on finite gains; adding 0.0 makes −0.0
    // tie with +0.0, and the sort is stable, so ties keep file order.
    let key = |x: f64| x + 0.0;
    out.sort_by(|a, b| {
        key(b.success_gain)
            .total_cmp(&key(a.success_gain))
            .then(key(b.mean_felt_gain).total_cmp(&key(a.mean_felt_gain)))
    });
    Ok(out)
}

/// reach = visits / N_ii, at most 1; 0 where nobody arrives (whatever N_ii,
/// which can be vast for a loop nobody enters).
fn reach(visits: f64, n_ii: f64) -> f64 {
    if visits > 0.0 && n_ii > 0.0 {
        (visits / n_ii).min(1.0)
    } else {
        0.0
    }
}

/// Below this, a Sherman–Morrison denominator is solved directly instead.
const WELL_CONDITIONED: f64 = 1e-3;

/// Success and mean felt emotion with touchpoint i's dropout and felt
/// emotion changed, by a full solve.
fn direct(flow: &Flow<'_>, i: usize, dropout: f64, felt: f64) -> Result<(f64, f64)> {
    let mut changed = flow.clone();
    changed.dropout[i] = dropout;
    changed.felt[i] = felt;
    let solved = solve(&changed)?;
    Ok((solved.s.success, mean_of(&changed, &solved.visits)))
}

fn mean_of(flow: &Flow<'_>, visits: &[f64]) -> f64 {
    let total: f64 = visits.iter().sum();
    if total > 0.0 {
        dot(visits, &flow.felt) / total
    } else {
        0.0
    }
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
    let flow = Flow::new(journey)?;
    let solved = solve(&flow)?;
    let s = &solved.s;
    let diag = s.chain(&solved.q).diagonal();
    let effects = (0..flow.n)
        .map(|i| {
            let reach = reach(s.visits[i], diag[i]);
            let re = if s.success > 0.0 {
                (reach * s.from[i] / s.success).clamp(0.0, 1.0)
            } else {
                0.0
            };
            (flow.ids[i].to_string(), re)
        })
        .collect();
    Ok(ById(effects))
}
