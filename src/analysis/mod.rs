//! Exact customer-flow figures (SPEC section 3): visits, reach, success,
//! dropout, the felt experience and its shares; which touchpoint to fix
//! first (opportunities); and how much each touchpoint matters (removal
//! effects). All of it from a handful of solves with N = (I − Q)⁻¹ (see
//! [`chain`]); nothing here simulates.

mod chain;
mod curve;
mod flow;
mod gth;
mod memory;
mod opportunities;
mod outcomes;
mod sensitivity;

use std::cell::OnceCell;
use std::rc::Rc;

use serde::ser::{Serialize, SerializeMap, Serializer};

pub use crate::model::{shifted_dropout, MIN_SHIFTED_DROPOUT};
pub use curve::{curve, endings, Curve, CurveMoment, StageFeeling};
pub(crate) use flow::Flow;
pub use opportunities::opportunities;
pub use outcomes::Rules;
pub use sensitivity::{remembered, sensitivity, Assumption, Parameter, Sensitivity, Span, BUDGET};

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

/// The pieces every figure is made of, shared by the analysis, the
/// opportunities and the removal effects.
#[derive(Debug)]
struct Solved {
    /// The full chain: rows scaled by 1 − dropout.
    q: Chain,
    visits: Vec<f64>,
    /// The success chain: Q with goal rows removed (goals absorb, success
    /// counts on arrival), or Q itself when there is no goal
    /// (success = completion) or when every goal is an end (removing a row
    /// that is empty changes nothing: fitted journeys, for instance).
    s: SuccessChain,
}

#[derive(Debug)]
struct SuccessChain {
    /// None: the success chain is Q.
    chain: Option<Chain>,
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

impl SuccessChain {
    fn chain<'b>(&'b self, q: &'b Chain) -> &'b Chain {
        self.chain.as_ref().unwrap_or(q)
    }
}

fn solve(flow: &Flow<'_>) -> Result<Solved> {
    let q = Chain::new(flow, &flow.dropout)?;
    let visits = q.forward(flow, &flow.alpha);
    // Visits beyond what a number holds (loops left only by chances near
    // 1e-290, one inside another): refused by name, never a NaN.
    let mut unbounded = q.first_unbounded(&visits);
    if unbounded.is_empty() && !visits.iter().sum::<f64>().is_finite() {
        // Each count fits, their sum does not: name the largest.
        let most = (0..flow.n).max_by(|&a, &b| visits[a].total_cmp(&visits[b]));
        unbounded.extend(most);
    }
    if !unbounded.is_empty() {
        // Name those that cannot get out: a touchpoint with a dropout that
        // shows next to staying (1 − d < 1) leaves by itself, whatever the
        // loop it sits in does.
        let stuck: Vec<usize> = unbounded
            .iter()
            .copied()
            .filter(|&i| 1.0 - flow.dropout[i] >= 1.0 && !flow.is_end(i))
            .collect();
        let named = if stuck.is_empty() { &unbounded } else { &stuck };
        return Err(flow.closed_loop(named));
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
            c.forward(flow, &flow.alpha)
        } else {
            visits.clone()
        };
        let from = c.backward(flow, &reward);
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
        let from = q.backward(flow, &reward);
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
    Ok(ById(
        flow.ids
            .iter()
            .zip(&flow.alpha)
            .map(|(id, a)| (id.to_string(), *a))
            .collect(),
    ))
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
                        entry_share: c.entry_share[i],
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
    pub entry_share: Vec<f64>,
}

/// The totals (with `touchpoints` empty) and, when asked, the columns.
pub fn analyze_columns(journey: &Journey, columns: bool) -> Result<(Analysis, Option<Columns>)> {
    let prepared = prepare(journey)?;
    let columns = columns.then(|| prepared.columns());
    Ok((prepared.totals, columns))
}

/// One journey solved once, for every figure that shares the solve: the
/// totals at once, and on first use the diagonals that reach and the
/// removal effects need (the costly part for one large loop). It owns its
/// numbers and keeps no reference to the journey, so a caller can keep it
/// while the journey is unchanged (the wasm `Journey` keeps it per
/// revision of its document) and must drop it when the journey changes.
///
/// # Example
/// ```
/// let j = journeygraph::format::sample();
/// let p = journeygraph::analysis::prepare(&j)?;
/// assert_eq!(p.totals(), &journeygraph::analysis::analyze_with(&j, false)?);
/// assert_eq!(p.removal_effects(&j), journeygraph::analysis::removal_effects(&j)?);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
#[derive(Debug)]
pub struct Prepared {
    totals: Analysis,
    felt: Vec<f64>,
    /// The solve, shared with the next preparation when an edit changed
    /// only what customers feel (an emotion, an impact), not how they move.
    core: Rc<Core>,
}

/// What a preparation solved, and the flow it solved for.
#[derive(Debug)]
struct Core {
    solved: Solved,
    key: FlowKey,
    q_diagonal: OnceCell<Vec<f64>>,
    s_diagonal: OnceCell<Vec<f64>>,
}

/// Everything of a flow that its solve depends on: where customers start,
/// how they move, drop out and arrive, and which touchpoint is which.
#[derive(Debug)]
struct FlowKey {
    /// The touchpoint ids in order, each after its length (one allocation
    /// rather than one per touchpoint: see [`id_text`]).
    ids: String,
    alpha: Vec<f64>,
    dropout: Vec<f64>,
    goal: Vec<bool>,
    row: Vec<u32>,
    col: Vec<u32>,
    p: Vec<f64>,
    leave: Vec<f64>,
}

impl FlowKey {
    fn of(flow: &Flow<'_>) -> FlowKey {
        FlowKey {
            ids: id_text(&flow.ids),
            alpha: flow.alpha.clone(),
            dropout: flow.dropout.clone(),
            goal: flow.goal.clone(),
            row: flow.row.clone(),
            col: flow.col.clone(),
            p: flow.p.clone(),
            leave: flow.leave.clone(),
        }
    }

    /// Whether `flow` moves customers exactly as the flow of this key did
    /// (compared bit for bit: a solve is reused only for the same numbers).
    fn matches(&self, flow: &Flow<'_>) -> bool {
        let same = |a: &[f64], b: &[f64]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
        };
        self.ids == id_text(&flow.ids)
            && same(&self.alpha, &flow.alpha)
            && same(&self.dropout, &flow.dropout)
            && self.goal == flow.goal
            && self.row == flow.row
            && self.col == flow.col
            && same(&self.p, &flow.p)
            && same(&self.leave, &flow.leave)
    }
}

/// The ids in order as one text: each id after its length in bytes (so
/// that no two lists of ids give the same text).
fn id_text(ids: &[&str]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(ids.iter().map(|s| s.len() + 5).sum());
    for id in ids {
        // Writing into a String cannot fail.
        let _ = write!(out, "{}:", id.len());
        out.push_str(id);
    }
    out
}

/// The totals of a solved flow (`touchpoints` left empty).
fn totals_of(journey: &Journey, flow: &Flow<'_>, solved: &Solved) -> Analysis {
    let v = &solved.visits;
    let mut dropout = 0.0;
    let mut completion = 0.0;
    let mut expected = 0.0;
    let mut load = 0.0;
    for (i, &vi) in v.iter().enumerate().take(flow.n) {
        dropout += vi * flow.dropout[i];
        if flow.is_end(i) {
            completion += vi * (1.0 - flow.dropout[i]);
        }
        expected += vi;
        load += vi * flow.felt[i];
    }
    let o = outcomes::Outcomes::of(flow, solved, dropout);
    Analysis {
        success: o.success,
        completion,
        dropout,
        lost_before_goal: o.lost_before_goal,
        ended_elsewhere: o.ended_elsewhere,
        left_after_goal: o.left_after_goal,
        stayed_to_end: o.stayed_to_end,
        goals: flow.goal.iter().filter(|g| **g).count(),
        expected_touchpoints: expected,
        emotional_load: load,
        mean_felt: if expected > 0.0 { load / expected } else { 0.0 },
        service_share: share(flow, v, &flow.service),
        proactive_share: share(flow, v, &flow.proactive),
        rated_share: share_of(v, &flow.rated),
        rated: flow.rated.iter().filter(|r| **r).count(),
        rules: Rules::of(journey),
        touchpoints: ById(Vec::new()),
    }
}

/// Solves `journey` once for [`Prepared`]'s figures.
///
/// # Errors
/// As [`analyze`].
pub fn prepare(journey: &Journey) -> Result<Prepared> {
    prepare_after(None, journey)
}

/// [`prepare`], reusing the solve of `previous` (a preparation of the same
/// journey before an edit) when the edit changed only what customers feel
/// (emotions, impacts, names, notes, scenarios), not where they start, how
/// they move or where they drop out: then only the felt figures are summed
/// again, in O(n + m) instead of a solve. The figures are the same, bit for
/// bit, as a fresh preparation's.
///
/// # Errors
/// As [`analyze`].
pub fn prepare_after(previous: Option<&Prepared>, journey: &Journey) -> Result<Prepared> {
    let mut flow = Flow::new(journey)?;
    let core = match previous {
        Some(p) if p.core.key.matches(&flow) => Rc::clone(&p.core),
        _ => Rc::new(Core {
            solved: solve(&flow)?,
            key: FlowKey::of(&flow),
            q_diagonal: OnceCell::new(),
            s_diagonal: OnceCell::new(),
        }),
    };
    let totals = totals_of(journey, &flow, &core.solved);
    Ok(Prepared {
        totals,
        felt: std::mem::take(&mut flow.felt),
        core,
    })
}

impl Prepared {
    /// The analysis with `touchpoints` empty.
    pub fn totals(&self) -> &Analysis {
        &self.totals
    }

    fn q_diagonal(&self) -> &[f64] {
        let core = &self.core;
        core.q_diagonal.get_or_init(|| core.solved.q.diagonal())
    }

    /// Whether this preparation shares its solve with `other` (for tests
    /// and benchmarks of the reuse).
    pub fn shares_solve_with(&self, other: &Prepared) -> bool {
        Rc::ptr_eq(&self.core, &other.core)
    }

    /// The per-touchpoint figures in file order.
    pub fn columns(&self) -> Columns {
        let diag = self.q_diagonal();
        let v = &self.core.solved.visits;
        Columns {
            reach: v.iter().zip(diag).map(|(&v, &d)| reach(v, d)).collect(),
            visits: v.clone(),
            dropout: self.core.key.dropout.clone(),
            felt: self.felt.clone(),
            entry_share: self.core.key.alpha.clone(),
        }
    }

    /// [`removal_effects`] of the journey this was prepared from.
    pub fn removal_effects(&self, journey: &Journey) -> ById<f64> {
        let s = &self.core.solved.s;
        let diag = match &s.chain {
            // The success chain is Q: its diagonal is the analysis's.
            None => self.q_diagonal(),
            Some(c) => self.core.s_diagonal.get_or_init(|| c.diagonal()),
        };
        let effects = journey
            .touchpoints()
            .enumerate()
            .map(|(i, t)| {
                let reach = reach(s.visits[i], diag[i]);
                let re = if s.success > 0.0 {
                    (reach * s.from[i] / s.success).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                (t.id.clone(), re)
            })
            .collect();
        ById(effects)
    }
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
