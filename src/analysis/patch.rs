//! The flow after an edit of numbers, patched from the numbers of the
//! analysis before it ([`Flow::after`]): only the touchpoints the edit
//! touched are read again, not all of the `StableGraph`. Bit for bit the
//! flow [`Flow::new`] reads: the same values from the same arithmetic.

use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::flow::{alpha, scale_row, sort_row, Flow, Numbers};
use crate::error::Result;
use crate::model::blueprint::{fail_keep, failed_dropout};
use crate::model::Journey;

impl<'a> Flow<'a> {
    /// The flow of `journey` from `before`, the numbers of an earlier flow
    /// of the same journey value, when only fields of touchpoints and
    /// weights of transitions changed since (the journey's journal says
    /// which touchpoints); None when more changed, or when anything read
    /// again does not fit `before` (then [`Flow::new`] reads it all).
    ///
    /// # Errors
    /// `no_entry`, as [`Flow::new`].
    pub fn after(journey: &'a Journey, before: &Numbers) -> Option<Result<Flow<'a>>> {
        let touched = journey.touched_since(before.mark)?;
        let (graph, order) = journey.graph();
        if order.len() != before.n {
            return None;
        }
        let mut nums = before.clone();
        nums.mark = journey.mark();
        // The dropouts as the touchpoints hold them; the fail points
        // (journey.items, which any edit may change) are applied again below.
        let mut base = match nums.base.take() {
            Some(b) => b,
            None => std::mem::take(&mut nums.dropout),
        };
        let (mut col, mut w): (Vec<u32>, Vec<f64>) = (Vec::new(), Vec::new());
        let mut entries_moved = false;
        for node in touched {
            let i = *nums.pos.get(node.index())? as usize;
            if order.get(i) != Some(&node) {
                return None;
            }
            let tp = graph.node_weight(node)?;
            if tp.id != nums.ids.get(i) {
                return None;
            }
            entries_moved |= tp.entry.to_bits() != nums.entry[i].to_bits();
            nums.entry[i] = tp.entry;
            base[i] = tp.dropout;
            nums.emotion[i] = tp.emotion_value();
            nums.rated[i] = tp.rated();
            nums.impact[i] = tp.impact;
            nums.felt[i] = tp.felt();
            nums.goal[i] = tp.goal;
            nums.service[i] = tp.service;
            nums.proactive[i] = tp.proactive;
            // Its row: the same targets (an edit of numbers adds and
            // removes none), weights read again.
            col.clear();
            w.clear();
            for e in graph.edges_directed(node, Direction::Outgoing) {
                col.push(*nums.pos.get(e.target().index())?);
                w.push(e.weight().weight);
            }
            sort_row(&mut col, &mut w);
            let (start, end) = (nums.row[i] as usize, nums.row[i + 1] as usize);
            if nums.col[start..end] != col[..] {
                return None;
            }
            nums.leave[i] = scale_row(i, &col, &mut w);
            nums.p[start..end].copy_from_slice(&w);
        }
        let keep = fail_keep(&journey.items);
        if keep.is_empty() {
            nums.dropout = base;
        } else {
            let mut dropout = base.clone();
            for (id, &k) in &keep {
                let Some(node) = journey.node(id) else {
                    continue;
                };
                if let Some(&i) = nums.pos.get(node.index()).filter(|&&i| i != u32::MAX) {
                    dropout[i as usize] = failed_dropout(base[i as usize], k);
                }
            }
            nums.dropout = dropout;
            nums.base = Some(base);
        }
        if entries_moved {
            nums.alpha = match alpha(&nums.entry, &nums.col) {
                Ok(a) => a,
                Err(e) => return Some(Err(e)),
            };
        }
        Some(Ok(Flow { journey, nums }))
    }
}
