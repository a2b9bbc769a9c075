//! What changed in a journey's graph, so that the analysis after an edit of
//! numbers can patch its copy of the flow instead of reading every
//! touchpoint of the `StableGraph` again ([`Journal::touched_since`]).
//!
//! Every change of the graph goes through a method of [`Journey`]
//! (its graph, ids and order are private), and each of those writes here:
//! a touchpoint or transition handed out for writing marks its touchpoint
//! as touched; anything that adds, removes or moves a touchpoint or a
//! transition is a change of structure, after which nothing older can be
//! patched. A copy of a journey is a journey of its own (a new identity),
//! so that a copy of the flow of one is never patched into another.
//!
//! [`Journey`]: super::Journey

use std::sync::atomic::{AtomicU64, Ordering};

use petgraph::stable_graph::NodeIndex;

/// At most this many touched touchpoints are remembered; past it the
/// oldest are forgotten as a change of structure would (the analysis reads
/// the graph again once).
const KEPT: usize = 64;

static IDENTITIES: AtomicU64 = AtomicU64::new(1);

fn new_identity() -> u64 {
    IDENTITIES.fetch_add(1, Ordering::Relaxed)
}

/// A point in a journey's history of changes: which journey, and how many
/// changes it had seen. Two marks are equal only for the same journey
/// value at the same change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    identity: u64,
    stamp: u64,
}

#[derive(Debug)]
pub(crate) struct Journal {
    identity: u64,
    /// Changes so far (of any kind).
    stamp: u64,
    /// The stamp after the latest change of structure (or the latest
    /// forgetting): a mark older than this cannot be patched.
    structure: u64,
    /// Touched touchpoints with the stamp of their latest touch, oldest
    /// first, each at most once.
    touched: Vec<(u64, NodeIndex)>,
}

impl Default for Journal {
    fn default() -> Journal {
        Journal {
            identity: new_identity(),
            stamp: 0,
            structure: 0,
            touched: Vec::new(),
        }
    }
}

impl Clone for Journal {
    /// A fresh journal: the copy is another journey, with nothing to patch
    /// from (its history of changes starts at the copy).
    fn clone(&self) -> Journal {
        Journal::default()
    }
}

impl Journal {
    /// Where the journey is now.
    pub fn mark(&self) -> Mark {
        Mark {
            identity: self.identity,
            stamp: self.stamp,
        }
    }

    /// A touchpoint's fields, or a transition leaving it, may change.
    pub fn touch(&mut self, node: NodeIndex) {
        self.stamp += 1;
        if let Some(at) = self.touched.iter().position(|&(_, n)| n == node) {
            self.touched.remove(at);
        } else if self.touched.len() == KEPT {
            // Forget the oldest: a mark from before its touch can no
            // longer be told what changed.
            let (stamp, _) = self.touched.remove(0);
            self.structure = self.structure.max(stamp);
        }
        self.touched.push((self.stamp, node));
    }

    /// Touchpoints or transitions were added, removed or moved.
    pub fn restructure(&mut self) {
        self.stamp += 1;
        self.structure = self.stamp;
        self.touched.clear();
    }

    /// The touchpoints touched since `mark`, when the journey at `mark` had
    /// the same touchpoints, transitions and order as now (only fields of
    /// touchpoints and weights of transitions changed since); None
    /// otherwise (another journey, or a change of structure since).
    pub fn touched_since(&self, mark: Mark) -> Option<impl Iterator<Item = NodeIndex> + '_> {
        let same = mark.identity == self.identity
            && mark.stamp <= self.stamp
            && mark.stamp >= self.structure;
        same.then(|| {
            self.touched
                .iter()
                .filter(move |&&(s, _)| s > mark.stamp)
                .map(|&(_, n)| n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_another_journey_and_structure_forgets() {
        let mut j = Journal::default();
        let m0 = j.mark();
        j.touch(NodeIndex::new(3));
        j.touch(NodeIndex::new(5));
        j.touch(NodeIndex::new(3));
        let t: Vec<_> = j.touched_since(m0).map(|t| t.collect()).unwrap_or_default();
        assert_eq!(t, vec![NodeIndex::new(5), NodeIndex::new(3)]);
        let m1 = j.mark();
        assert_eq!(j.touched_since(m1).map(|t| t.count()), Some(0));
        assert!(j.clone().touched_since(m1).is_none());
        j.restructure();
        assert!(j.touched_since(m1).is_none());
        assert_eq!(j.touched_since(j.mark()).map(|t| t.count()), Some(0));
    }

    #[test]
    fn past_what_it_keeps_an_old_mark_reads_the_graph_again() {
        let mut j = Journal::default();
        let m0 = j.mark();
        for i in 0..KEPT {
            j.touch(NodeIndex::new(i));
        }
        assert_eq!(j.touched_since(m0).map(|t| t.count()), Some(KEPT));
        let m1 = j.mark();
        j.touch(NodeIndex::new(KEPT));
        assert!(j.touched_since(m0).is_none());
        assert_eq!(j.touched_since(m1).map(|t| t.count()), Some(1));
    }
}
