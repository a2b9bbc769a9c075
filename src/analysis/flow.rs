//! The journey as numbers: dense positions 0..n in file order, the start
//! distribution α, dropouts, felt emotions and the transition
//! probabilities P in compressed rows. Built once per analysis; petgraph's
//! indices never leave this function.

use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::error::{JourneyError, Result};
use crate::model::blueprint::{fail_keep, failed_dropout};
use crate::model::Journey;

/// One journey, ready for the solves.
#[derive(Debug, Clone)]
pub(crate) struct Flow<'a> {
    pub n: usize,
    pub alpha: Vec<f64>,
    pub dropout: Vec<f64>,
    pub emotion: Vec<f64>,
    /// Whether each emotion was rated (an unrated one is 0 here).
    pub rated: Vec<bool>,
    pub impact: Vec<f64>,
    pub felt: Vec<f64>,
    pub goal: Vec<bool>,
    pub service: Vec<bool>,
    pub proactive: Vec<bool>,
    /// Row i of P is `col[row[i]..row[i+1]]` with probabilities `p[..]`,
    /// targets sorted and unique.
    pub row: Vec<u32>,
    pub col: Vec<u32>,
    pub p: Vec<f64>,
    /// 1 − P_ii, summed from the other weights rather than subtracted, so
    /// that a self-loop 10¹⁷ times heavier than the way out still leaves
    /// a way out (1 − (1 − 10⁻¹⁷) is 0 in floating point).
    pub leave: Vec<f64>,
    pub ids: Vec<&'a str>,
    pub names: Vec<&'a str>,
    pub stage: Vec<&'a str>,
}

impl<'a> Flow<'a> {
    /// # Errors
    /// `no_entry` when no customer can start the journey.
    pub fn new(journey: &'a Journey) -> Result<Flow<'a>> {
        let (graph, order) = journey.graph();
        let n = order.len();
        let mut pos = vec![u32::MAX; petgraph::visit::NodeIndexable::node_bound(graph)];
        for (i, node) in order.iter().enumerate() {
            pos[node.index()] = i as u32;
        }
        let mut flow = Flow {
            n,
            alpha: vec![0.0; n],
            dropout: Vec::with_capacity(n),
            emotion: Vec::with_capacity(n),
            rated: Vec::with_capacity(n),
            impact: Vec::with_capacity(n),
            felt: Vec::with_capacity(n),
            goal: Vec::with_capacity(n),
            service: Vec::with_capacity(n),
            proactive: Vec::with_capacity(n),
            row: Vec::with_capacity(n + 1),
            col: Vec::with_capacity(journey.transition_count()),
            p: Vec::with_capacity(journey.transition_count()),
            leave: Vec::with_capacity(n),
            ids: Vec::with_capacity(n),
            names: Vec::with_capacity(n),
            stage: Vec::with_capacity(n),
        };
        // Fail points raise the dropout of the touchpoints they serve.
        let keep = fail_keep(&journey.items);
        let mut row: Vec<(u32, f64)> = Vec::new();
        flow.row.push(0);
        for (i, &node) in order.iter().enumerate() {
            let tp = &graph[node];
            flow.alpha[i] = tp.entry; // scaled below
            flow.dropout.push(match keep.get(tp.id.as_str()) {
                Some(&k) => failed_dropout(tp.dropout, k),
                None => tp.dropout,
            });
            flow.emotion.push(tp.emotion_value());
            flow.rated.push(tp.rated());
            flow.impact.push(tp.impact);
            flow.felt.push(tp.felt());
            flow.goal.push(tp.goal);
            flow.service.push(tp.service);
            flow.proactive.push(tp.proactive);
            flow.ids.push(&tp.id);
            flow.names.push(&tp.name);
            flow.stage.push(&tp.stage);
            row.clear();
            row.extend(
                graph
                    .edges_directed(node, Direction::Outgoing)
                    .map(|e| (pos[e.target().index()], e.weight().weight)),
            );
            row.sort_unstable_by_key(|t| t.0);
            // Weights are relative: scaled by the largest first, their sum
            // cannot overflow (two weights of 1.7e308 are each one half).
            let max = row.iter().fold(0.0f64, |m, t| m.max(t.1));
            let total: f64 = row.iter().map(|t| t.1 / max).sum();
            let mut others = 0.0;
            for &(j, w) in &row {
                flow.col.push(j);
                flow.p.push(w / max / total);
                if j as usize != i {
                    others += w / max;
                }
            }
            flow.leave
                .push(if row.is_empty() { 1.0 } else { others / total });
            flow.row.push(flow.col.len() as u32);
        }
        // Entries are relative: scaled by the largest before summing, so that
        // entries near f64::MAX neither overflow nor zero every start. (In
        // a pass of their own over α, not over the touchpoints: one read of
        // each touchpoint, which a journey of 100,000 keeps out of cache.)
        let entry_max = flow.alpha.iter().fold(0.0f64, |m, &e| m.max(e));
        let mut entry_total = 0.0;
        for a in &mut flow.alpha {
            *a = if entry_max > 0.0 { *a / entry_max } else { 0.0 };
            entry_total += *a;
        }
        if entry_total > 0.0 {
            flow.alpha.iter_mut().for_each(|a| *a /= entry_total);
        } else {
            // No entry shares: start uniformly where no transition leads.
            let mut has_in = vec![false; n];
            for &j in &flow.col {
                has_in[j as usize] = true;
            }
            let starts = has_in.iter().filter(|h| !**h).count();
            if starts == 0 {
                return Err(JourneyError::NoEntry);
            }
            for (a, h) in flow.alpha.iter_mut().zip(&has_in) {
                *a = if *h { 0.0 } else { 1.0 / starts as f64 };
            }
        }
        Ok(flow)
    }

    /// Whether i is an end of the journey (no outgoing transitions).
    pub fn is_end(&self, i: usize) -> bool {
        self.row[i] == self.row[i + 1]
    }

    /// Whether any touchpoint is a goal.
    pub fn has_goal(&self) -> bool {
        self.goal.iter().any(|g| *g)
    }

    /// The `closed_loop` error for a set of positions.
    pub fn closed_loop(&self, set: &[usize]) -> JourneyError {
        let names: Vec<String> = set
            .iter()
            .map(|&i| format!("\"{}\"", self.names[i]))
            .collect();
        JourneyError::ClosedLoop {
            path: format!("/touchpoints/{}", set.first().copied().unwrap_or(0)),
            touchpoints: set.iter().map(|&i| self.ids[i].to_string()).collect(),
            names: names.join(", "),
        }
    }
}
