//! Outcomes that add up (SPEC section 3, amended), and the rules the
//! figures rest on. Every customer ends in exactly one of: reached a goal,
//! lost before any goal, ended at a non-goal end without reaching one; of
//! those who reached a goal, some left later. See [`super::Analysis`].

use super::flow::Flow;
use super::Solved;
use crate::model::Journey;

/// The outcomes of one solved flow, each in [0, 1].
pub(super) struct Outcomes {
    pub success: f64,
    pub lost_before_goal: f64,
    pub ended_elsewhere: f64,
    pub left_after_goal: f64,
    pub stayed_to_end: f64,
}

impl Outcomes {
    /// From the success chain (goals absorb there, so what drops out or
    /// ends in it has not reached a goal yet) and the dropout anywhere.
    pub(super) fn of(flow: &Flow<'_>, solved: &Solved, dropout: f64) -> Outcomes {
        let s = &solved.s;
        let (lost, elsewhere) = if s.no_goal {
            (dropout, 0.0)
        } else {
            let mut lost = 0.0;
            let mut elsewhere = 0.0;
            for i in 0..flow.n {
                if flow.goal[i] {
                    continue;
                }
                lost += s.visits[i] * flow.dropout[i];
                if flow.is_end(i) {
                    elsewhere += s.visits[i] * (1.0 - flow.dropout[i]);
                }
            }
            (lost, elsewhere)
        };
        // Probabilities, reported in [0, 1]: rounding can leave a sum of
        // shares a few ulps past 1.
        let success = s.success.clamp(0.0, 1.0);
        let (lost, elsewhere) = (lost.clamp(0.0, 1.0), elsewhere.clamp(0.0, 1.0));
        let left_after = (dropout - lost).clamp(0.0, success);
        Outcomes {
            success,
            lost_before_goal: lost,
            ended_elsewhere: elsewhere,
            left_after_goal: left_after,
            stayed_to_end: success - left_after,
        }
    }
}

/// The assumptions behind the figures (the journey's settings).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
    /// k: how strongly a change of emotion moves dropout.
    pub sensitivity: f64,
    /// Peak, end and mean weights of the remembered experience.
    pub remember_weights: crate::model::RememberWeights,
    /// Remembered at least this counts as satisfied.
    pub satisfied_at: f64,
    /// Remembered at least this counts as a promoter (below 0: a detractor).
    pub promoter_at: f64,
}

impl Rules {
    pub(super) fn of(journey: &Journey) -> Rules {
        let s = &journey.settings;
        Rules {
            sensitivity: s.sensitivity,
            remember_weights: s.remember_weights.clone(),
            satisfied_at: s.satisfied_at,
            promoter_at: s.promoter_at,
        }
    }
}
