//! The journey graph: touchpoints as nodes of a petgraph `StableGraph`,
//! transitions as its edges, addressed from outside only by our own ids.
//!
//! `StableGraph` keeps indices valid across removals but reuses freed slots,
//! so a `NodeIndex` must never leave this module's callers inside the crate:
//! JavaScript, the file format and the undo history speak touchpoint ids.

use std::collections::HashMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;

use super::blueprint::{Item, Lane};
use super::journal::{Journal, Mark};
use super::personas::PersonaDef;
use super::types::{
    Extra, Observed, Persona, Scenario, Settings, Stage, Touchpoint, TransitionRecord,
};

/// The weight of a graph edge: a transition without its ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Relative share of the customers leaving the source who take this edge.
    pub weight: f64,
    /// Creation order, so that export writes transitions in a stable order
    /// even though `StableGraph` reuses edge slots.
    pub seq: u64,
    pub extra: Extra,
}

/// A whole customer journey (SPEC section 2).
#[derive(Debug, Clone)]
pub struct Journey {
    pub title: String,
    pub persona: Option<Persona>,
    pub stages: Vec<Stage>,
    pub settings: Settings,
    pub scenarios: Vec<Scenario>,
    /// Lanes of the map in display order (format version 2).
    pub lanes: Vec<Lane>,
    /// Blueprint items, in file order (format version 2).
    pub items: Vec<Item>,
    /// The personas, in file order (format version 2).
    pub personas: Vec<PersonaDef>,
    /// For a journey fitted from observed paths: the observed totals.
    pub observed: Option<Observed>,
    /// Top-level fields this version does not know, kept for export.
    pub extra: Extra,
    graph: StableDiGraph<Touchpoint, Link>,
    ids: HashMap<String, NodeIndex>,
    /// Touchpoints in file order (by stage, then position in the stage).
    order: Vec<NodeIndex>,
    next_seq: u64,
    /// What changed in the graph, for the analysis after an edit.
    journal: Journal,
}

impl PartialEq for Journey {
    /// Two journeys are equal when they would be written as the same file.
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.persona == other.persona
            && self.stages == other.stages
            && self.settings == other.settings
            && self.scenarios == other.scenarios
            && self.observed == other.observed
            && self.lanes == other.lanes
            && self.items == other.items
            && self.personas == other.personas
            && self.extra == other.extra
            && self.touchpoints().eq(other.touchpoints())
            && self.transitions() == other.transitions()
    }
}

impl Journey {
    /// An empty journey with a title and nothing else.
    pub fn new(title: impl Into<String>) -> Self {
        Journey {
            title: title.into(),
            persona: None,
            stages: Vec::new(),
            settings: Settings::default(),
            scenarios: Vec::new(),
            observed: None,
            lanes: Vec::new(),
            items: Vec::new(),
            personas: Vec::new(),
            extra: Extra::new(),
            graph: StableDiGraph::new(),
            ids: HashMap::new(),
            order: Vec::new(),
            next_seq: 0,
            journal: Journal::default(),
        }
    }

    /// Number of touchpoints.
    pub fn touchpoint_count(&self) -> usize {
        self.order.len()
    }

    /// Number of transitions.
    pub fn transition_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The touchpoint with this id.
    pub fn touchpoint(&self, id: &str) -> Option<&Touchpoint> {
        self.ids.get(id).and_then(|&n| self.graph.node_weight(n))
    }

    /// Mutable access to a touchpoint's fields. Changing its `id` through
    /// this would corrupt the index, so callers inside the crate only.
    pub(crate) fn touchpoint_mut(&mut self, id: &str) -> Option<&mut Touchpoint> {
        let n = *self.ids.get(id)?;
        self.journal.touch(n);
        self.graph.node_weight_mut(n)
    }

    /// Whether a touchpoint with this id exists.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    /// Touchpoints in file order.
    pub fn touchpoints(&self) -> impl Iterator<Item = &Touchpoint> + '_ {
        self.order.iter().filter_map(|&n| self.graph.node_weight(n))
    }

    /// Position of each touchpoint id in file order.
    pub fn position(&self, id: &str) -> Option<usize> {
        let n = *self.ids.get(id)?;
        self.order.iter().position(|&m| m == n)
    }

    /// Transitions in creation order, as the file writes them.
    pub fn transitions(&self) -> Vec<TransitionRecord> {
        self.links()
            .map(|(from, to, link)| TransitionRecord {
                from: from.to_string(),
                to: to.to_string(),
                weight: link.weight,
                extra: link.extra.clone(),
            })
            .collect()
    }

    /// The transitions in file order as `(from, to, link)`, borrowed: what
    /// [`Journey::transitions`] copies.
    pub fn links(&self) -> impl Iterator<Item = (&str, &str, &Link)> + '_ {
        let mut edges: Vec<_> = self.graph.edge_references().collect();
        crate::sort::sort_by(&mut edges, |a, b| a.weight().seq.cmp(&b.weight().seq));
        edges.into_iter().map(|e| {
            (
                self.graph[e.source()].id.as_str(),
                self.graph[e.target()].id.as_str(),
                e.weight(),
            )
        })
    }

    /// The transition from `from` to `to`, if there is one.
    pub fn transition(&self, from: &str, to: &str) -> Option<&Link> {
        let e = self.edge(from, to)?;
        self.graph.edge_weight(e)
    }

    pub(crate) fn transition_mut(&mut self, from: &str, to: &str) -> Option<&mut Link> {
        let e = self.edge(from, to)?;
        if let Some(&n) = self.ids.get(from) {
            self.journal.touch(n);
        }
        self.graph.edge_weight_mut(e)
    }

    fn edge(&self, from: &str, to: &str) -> Option<EdgeIndex> {
        let a = *self.ids.get(from)?;
        let b = *self.ids.get(to)?;
        self.graph.find_edge(a, b)
    }

    /// Ids of the touchpoints `id` leads to, with the transition weights.
    pub fn successors(&self, id: &str) -> Vec<(&str, f64)> {
        let Some(&n) = self.ids.get(id) else {
            return Vec::new();
        };
        let mut out: Vec<_> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .map(|e| {
                (
                    e.weight().seq,
                    self.graph[e.target()].id.as_str(),
                    e.weight().weight,
                )
            })
            .collect();
        crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
        out.into_iter().map(|(_, id, w)| (id, w)).collect()
    }

    /// Number of transitions arriving at `id`.
    pub fn in_degree(&self, id: &str) -> usize {
        self.ids.get(id).map_or(0, |&n| {
            self.graph.edges_directed(n, Direction::Incoming).count()
        })
    }

    /// Where this journey is in its history of changes (see
    /// [`Journal`]): the analysis keeps it with its copy of the flow.
    pub(crate) fn mark(&self) -> Mark {
        self.journal.mark()
    }

    /// The touchpoints whose fields, or transitions leaving them, may
    /// have changed since `mark`; None when more than that changed (or
    /// `mark` is of another journey).
    pub(crate) fn touched_since(&self, mark: Mark) -> Option<impl Iterator<Item = NodeIndex> + '_> {
        self.journal.touched_since(mark)
    }

    /// The graph's node of the touchpoint with this id.
    pub(crate) fn node(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get(id).copied()
    }

    /// The touchpoint at position `i` of the file order.
    pub(crate) fn at(&self, i: usize) -> Option<&Touchpoint> {
        self.order.get(i).and_then(|&n| self.graph.node_weight(n))
    }

    /// The petgraph graph and the file order, for the analysis, which works
    /// on dense positions rather than on ids.
    pub(crate) fn graph(&self) -> (&StableDiGraph<Touchpoint, Link>, &[NodeIndex]) {
        (&self.graph, &self.order)
    }

    /// Adds a touchpoint at the end of the order. The caller has checked
    /// that the id is new and the fields are valid; returns false (and
    /// changes nothing) when the id is taken.
    pub(crate) fn insert_touchpoint(&mut self, tp: Touchpoint) -> bool {
        if self.ids.contains_key(&tp.id) {
            return false;
        }
        self.journal.restructure();
        let id = tp.id.clone();
        let n = self.graph.add_node(tp);
        self.ids.insert(id, n);
        self.order.push(n);
        true
    }

    /// Removes a touchpoint and every transition touching it.
    pub(crate) fn remove_touchpoint(&mut self, id: &str) -> Option<Touchpoint> {
        let n = self.ids.remove(id)?;
        self.journal.restructure();
        self.order.retain(|&m| m != n);
        self.graph.remove_node(n)
    }

    /// Adds a transition after the existing ones. The caller has checked
    /// both ends exist; returns false (and changes nothing) when they do not
    /// or when the transition already exists.
    pub(crate) fn insert_transition(&mut self, rec: TransitionRecord) -> bool {
        let seq = self.next_seq;
        self.restore_transition(rec, seq)
    }

    /// Adds transitions after the existing ones, in order, without looking
    /// up their ids or for an existing one between the same ends (a linear
    /// walk of the source's edges in a `StableGraph`): for the file reader,
    /// which has checked that no two share their ends and gives, for each,
    /// the positions of its ends in the file order, on a journey that has
    /// no transitions yet. A pair with a position out of the order is
    /// skipped.
    pub(crate) fn insert_new_transitions(
        &mut self,
        recs: Vec<TransitionRecord>,
        ends: &[(usize, usize)],
    ) {
        debug_assert_eq!(self.graph.edge_count(), 0);
        self.journal.restructure();
        self.graph.reserve_edges(recs.len());
        for (rec, &(from, to)) in recs.into_iter().zip(ends) {
            let (Some(&a), Some(&b)) = (self.order.get(from), self.order.get(to)) else {
                continue;
            };
            let seq = self.next_seq;
            self.next_seq += 1;
            self.graph.add_edge(
                a,
                b,
                Link {
                    weight: rec.weight,
                    seq,
                    extra: rec.extra,
                },
            );
        }
    }

    /// Removes the transition from `from` to `to`.
    pub(crate) fn remove_transition(&mut self, from: &str, to: &str) -> Option<Link> {
        let e = self.edge(from, to)?;
        self.journal.restructure();
        self.graph.remove_edge(e)
    }

    /// Inserts a touchpoint at a position of the file order (clamped).
    pub(crate) fn insert_touchpoint_at(&mut self, tp: Touchpoint, index: usize) -> bool {
        if !self.insert_touchpoint(tp) {
            return false;
        }
        if let Some(n) = self.order.pop() {
            self.order.insert(index.min(self.order.len()), n);
        }
        true
    }

    /// Moves a touchpoint to a position of the file order (clamped).
    pub(crate) fn place_touchpoint(&mut self, id: &str, index: usize) -> bool {
        let Some(&n) = self.ids.get(id) else {
            return false;
        };
        self.order.retain(|&m| m != n);
        self.journal.restructure();
        self.order.insert(index.min(self.order.len()), n);
        true
    }

    /// Every transition touching `id`, with its creation order, so that a
    /// removal can be undone exactly.
    pub(crate) fn transitions_touching(&self, id: &str) -> Vec<(TransitionRecord, u64)> {
        let Some(&n) = self.ids.get(id) else {
            return Vec::new();
        };
        let mut out: Vec<(TransitionRecord, u64)> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .chain(
                self.graph
                    .edges_directed(n, Direction::Incoming)
                    .filter(|e| e.source() != n),
            )
            .map(|e| {
                (
                    TransitionRecord {
                        from: self.graph[e.source()].id.clone(),
                        to: self.graph[e.target()].id.clone(),
                        weight: e.weight().weight,
                        extra: e.weight().extra.clone(),
                    },
                    e.weight().seq,
                )
            })
            .collect();
        crate::sort::sort_by(&mut out, |a, b| a.1.cmp(&b.1));
        out
    }

    /// Inserts a transition with a given creation order (an undo restores
    /// the one it had); later transitions come after it.
    pub(crate) fn restore_transition(&mut self, rec: TransitionRecord, seq: u64) -> bool {
        let (Some(&a), Some(&b)) = (self.ids.get(&rec.from), self.ids.get(&rec.to)) else {
            return false;
        };
        if self.graph.find_edge(a, b).is_some() {
            return false;
        }
        self.journal.restructure();
        self.next_seq = self.next_seq.max(seq + 1);
        self.graph.add_edge(
            a,
            b,
            Link {
                weight: rec.weight,
                seq,
                extra: rec.extra,
            },
        );
        true
    }

    /// The creation order of a transition.
    pub(crate) fn transition_seq(&self, from: &str, to: &str) -> Option<u64> {
        self.transition(from, to).map(|l| l.seq)
    }
}
