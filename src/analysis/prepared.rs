//! One solve kept for every figure that shares it ([`Prepared`]), and
//! reused across edits that change only what customers feel; the numbers of
//! its flow, patched by the next preparation after an edit of numbers.

use std::cell::OnceCell;
use std::rc::Rc;

use super::flow::Numbers;
use super::{
    outcomes, share, share_of, solve_like, Analysis, ById, Columns, Flow, Pattern, Rules, Solved,
    TouchpointFigures,
};
use crate::error::Result;
use crate::model::Journey;

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
    pub(super) totals: Analysis,
    /// The numbers of the flow solved: the next preparation of the same
    /// journey, after an edit of numbers, patches them ([`Flow::after`])
    /// and compares its flow with them.
    nums: Numbers,
    /// Whether `nums` were patched from the preparation before.
    patched: bool,
    /// The solve, shared with the next preparation when an edit changed
    /// only what customers feel (an emotion, an impact), not how they move.
    core: Rc<Core>,
}

/// What a preparation solved.
#[derive(Debug)]
struct Core {
    solved: Solved,
    q_diagonal: OnceCell<Vec<f64>>,
    s_diagonal: OnceCell<Vec<f64>>,
}

/// Whether `flow` moves customers exactly as the flow of `nums` did: where
/// they start, how they move, drop out and arrive, and which touchpoint is
/// which (compared bit for bit: a solve is reused only for the same
/// numbers). What the two share (a patched flow's rows and ids) needs no
/// comparison.
fn moves_as(nums: &Numbers, flow: &Flow<'_>) -> bool {
    let same = |a: &[f64], b: &[f64]| {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
    };
    (Rc::ptr_eq(&nums.ids, &flow.ids) || nums.ids == flow.ids)
        && same(&nums.alpha, &flow.alpha)
        && same(&nums.dropout, &flow.dropout)
        && nums.goal == flow.goal
        && (Rc::ptr_eq(&nums.row, &flow.row) || nums.row == flow.row)
        && (Rc::ptr_eq(&nums.col, &flow.col) || nums.col == flow.col)
        && same(&nums.p, &flow.p)
        && same(&nums.leave, &flow.leave)
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
        touchpoints: ById::default(),
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
    // After an edit of numbers, the numbers before it with the touchpoints
    // it touched read again; otherwise the whole graph read.
    let (flow, patched) = match previous.and_then(|p| Flow::after(journey, &p.nums)) {
        Some(flow) => (flow?, true),
        None => (Flow::new(journey)?, false),
    };
    if let Some(p) = previous.filter(|p| moves_as(&p.nums, &flow)) {
        return Ok(Prepared {
            totals: totals_of(journey, &flow, &p.core.solved),
            nums: flow.nums,
            patched,
            core: Rc::clone(&p.core),
        });
    }
    // An edit of numbers alone (a dropout, a weight, an entry; an emotion
    // that moves dropout through the sensitivity) keeps the components.
    let same = previous
        .filter(|p| Pattern::of(&p.nums).same(&Pattern::of(&flow)))
        .map(|p| &p.core.solved);
    let solved = solve_like(&flow, same)?;
    let totals = totals_of(journey, &flow, &solved);
    Ok(Prepared {
        totals,
        nums: flow.nums,
        patched,
        core: Rc::new(Core {
            solved,
            q_diagonal: OnceCell::new(),
            s_diagonal: OnceCell::new(),
        }),
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

    /// Whether this preparation patched the numbers of the preparation
    /// before it (an edit of numbers: only the touchpoints it touched were
    /// read again) rather than reading the whole journey (for tests and
    /// benchmarks of the reuse).
    pub fn patched(&self) -> bool {
        self.patched
    }

    /// Whether this preparation keeps the components of `other`'s chains
    /// (an edit of numbers alone), or shares its whole solve.
    pub fn shares_components_with(&self, other: &Prepared) -> bool {
        let (a, b) = (&self.core.solved, &other.core.solved);
        a.q.shares_components_with(&b.q)
            && match (&a.s.chain, &b.s.chain) {
                (Some(x), Some(y)) => x.shares_components_with(y),
                (None, None) => true,
                _ => false,
            }
    }

    /// The per-touchpoint figures by id, in file order (what
    /// [`analyze`](super::analyze) returns as `touchpoints`).
    pub fn figures(&self) -> ById<TouchpointFigures> {
        let diag = self.q_diagonal();
        let core = &self.core;
        let key = &self.nums;
        let values = (core.solved.visits.iter().zip(diag))
            .zip(key.dropout.iter().zip(&key.felt).zip(&key.alpha))
            .map(
                |((&visits, &d), ((&dropout, &felt), &entry_share))| TouchpointFigures {
                    visits,
                    reach: reach(visits, d),
                    dropout,
                    felt,
                    entry_share,
                },
            )
            .collect();
        ById::from_parts(key.ids.text.clone(), key.ids.ends.clone(), values)
    }

    /// The per-touchpoint figures in file order.
    pub fn columns(&self) -> Columns {
        let diag = self.q_diagonal();
        let v = &self.core.solved.visits;
        Columns {
            reach: v.iter().zip(diag).map(|(&v, &d)| reach(v, d)).collect(),
            visits: v.clone(),
            dropout: self.nums.dropout.clone(),
            felt: self.nums.felt.clone(),
            entry_share: self.nums.alpha.clone(),
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
        journey
            .touchpoints()
            .enumerate()
            .map(|(i, t)| {
                // a_i unclamped: a goal's a_i is its visits, as is the
                // success, so that removing the only goal loses exactly
                // all of it (clamping a_i at 1 first left 1 − 2⁻⁵² where
                // rounding put the visits a few ulps above 1).
                let re = if s.success > 0.0 && s.visits[i] > 0.0 && diag[i] > 0.0 {
                    (s.visits[i] / diag[i] * s.from[i] / s.success).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                (t.id.as_str(), re)
            })
            .collect()
    }
}

/// reach = visits / N_ii, at most 1; 0 where nobody arrives (whatever N_ii,
/// which can be vast for a loop nobody enters).
pub(super) fn reach(visits: f64, n_ii: f64) -> f64 {
    if visits > 0.0 && n_ii > 0.0 {
        (visits / n_ii).min(1.0)
    } else {
        0.0
    }
}
