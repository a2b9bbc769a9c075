//! The solves every figure is made of: the full chain Q and the success
//! chain, their visits and success, and what an edit of numbers alone
//! keeps of them ([`Pattern`]).

use super::chain::Chain;
use super::flow::{Flow, Numbers};
use crate::error::Result;

/// The pieces every figure is made of, shared by the analysis, the
/// opportunities and the removal effects.
#[derive(Debug)]
pub(super) struct Solved {
    /// The full chain: rows scaled by 1 − dropout.
    pub(super) q: Chain,
    pub(super) visits: Vec<f64>,
    /// The success chain: Q with goal rows removed (goals absorb, success
    /// counts on arrival), or Q itself when there is no goal
    /// (success = completion) or when every goal is an end (removing a row
    /// that is empty changes nothing: fitted journeys, for instance).
    pub(super) s: SuccessChain,
}

#[derive(Debug)]
pub(super) struct SuccessChain {
    /// None: the success chain is Q.
    pub(super) chain: Option<Chain>,
    /// No touchpoint is a goal: success is completion.
    pub(super) no_goal: bool,
    /// Visits in the success chain (first arrivals, for goals).
    pub(super) visits: Vec<f64>,
    /// r_i: the success a customer banks at i (1 at a goal; 1 − d_i at an
    /// end when there is no goal).
    pub(super) reward: Vec<f64>,
    /// h = N_S r: success probability of a customer arriving at i.
    pub(super) from: Vec<f64>,
    pub(super) success: f64,
}

impl SuccessChain {
    pub(super) fn chain<'b>(&'b self, q: &'b Chain) -> &'b Chain {
        self.chain.as_ref().unwrap_or(q)
    }
}

pub(super) fn solve(flow: &Flow<'_>) -> Result<Solved> {
    solve_like(flow, None)
}

/// Where customers can move in a flow: what its chains' components
/// depend on (see [`chain::Shape`]).
#[derive(Clone, Copy)]
pub(super) struct Pattern<'x> {
    pub row: &'x [u32],
    pub col: &'x [u32],
    pub goal: &'x [bool],
    pub dropout: &'x [f64],
}

impl<'x> Pattern<'x> {
    pub fn of(flow: &'x Numbers) -> Pattern<'x> {
        Pattern {
            row: &flow.row,
            col: &flow.col,
            goal: &flow.goal,
            dropout: &flow.dropout,
        }
    }

    /// The same rows, targets and goals, and the same rows that move
    /// nobody (a dropout of 1): the chains of both have the same
    /// components. O(n + m), a comparison of memory.
    pub fn same(&self, other: &Pattern<'_>) -> bool {
        let moves = |d: &f64| 1.0 - d > 0.0;
        // The same rows shared (a flow patched after an edit of numbers)
        // need no comparison.
        (std::ptr::eq(self.row, other.row) || self.row == other.row)
            && (std::ptr::eq(self.col, other.col) || self.col == other.col)
            && self.goal == other.goal
            && self.dropout.len() == other.dropout.len()
            && self
                .dropout
                .iter()
                .zip(other.dropout)
                .all(|(a, b)| moves(a) == moves(b))
    }
}

/// [`solve`], keeping the components of `same` (a solve of a flow of the
/// same [`Pattern`]: the caller has checked) instead of searching them
/// again.
pub(super) fn solve_like(flow: &Flow<'_>, same: Option<&Solved>) -> Result<Solved> {
    let q = Chain::new(flow, &flow.dropout, same.map(|s| &s.q))?;
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
            Some(Chain::new(
                flow,
                &stop,
                same.and_then(|s| s.s.chain.as_ref()),
            )?)
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

pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
