//! Strongly connected components without recursion.
//!
//! petgraph's Tarjan (`TarjanScc`, `tarjan_scc`) recurses once per step of
//! its depth-first search, so a journey that is one long path overflows the
//! call stack: 10,000 touchpoints in a row were enough in wasm (a
//! `RangeError` out of `analyze()`, its borrow of the journey never given
//! back), 200,000 natively. This is the same algorithm with the search's
//! path on a vector of its own: the same components (as sets) in the same
//! order (Tarjan's: each as soon as its root is done, so sinks first), in
//! memory that grows on the heap. Within a component the order of the
//! members may differ from petgraph's; no caller depends on it.

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::NodeIndexable;

/// Components found, one after another in `members`; component `c` ends
/// at `ends[c]`.
#[derive(Debug, Default)]
pub(crate) struct Components {
    members: Vec<u32>,
    ends: Vec<u32>,
}

impl Components {
    /// How many components there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Component `c`, in the order found (Tarjan's: a component comes
    /// before every component that leads to it).
    pub fn get(&self, c: usize) -> &[u32] {
        let start = if c == 0 { 0 } else { self.ends[c - 1] as usize };
        &self.members[start..self.ends[c] as usize]
    }

    /// The components in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.len()).map(|c| self.get(c))
    }

    /// The components in the other order (a component after every one that
    /// leads to it), as `(members, ends)` in the form of [`Components`];
    /// the members of a component in the reverse of their order here. In
    /// place: no new memory.
    pub fn into_reversed(self) -> (Vec<u32>, Vec<u32>) {
        let Components {
            mut members,
            mut ends,
        } = self;
        members.reverse();
        // The ends as lengths, in the new order, then summed again.
        for c in (1..ends.len()).rev() {
            ends[c] -= ends[c - 1];
        }
        ends.reverse();
        let mut sum = 0;
        for e in &mut ends {
            sum += *e;
            *e = sum;
        }
        (members, ends)
    }
}

/// `rank` of a node not yet reached.
const UNSEEN: u32 = 0;
/// `rank` of a node whose component is found: above every rank of a node
/// still open (those count up from 1 to at most n), so that it never
/// lowers one.
const DONE: u32 = u32::MAX;

/// The strongly connected components of the graph on nodes `0..n` in which
/// node `v` leads to `next(v)` (in that order); the search starts from the
/// nodes in order. O(n + m) time; O(n) memory besides the result.
///
/// Tarjan's search in Pearce's form ("A space-efficient algorithm for
/// finding strongly connected components", 2016): one rank per node holds
/// both when the search reached it and the earliest open node it leads
/// to, and a node done is marked in the same number, so each step reads
/// one array instead of three. Each step of the path keeps the rest of
/// its node's successors, so `next` is asked once per node. The same
/// search as Tarjan's, so the same components in the same order (within
/// one, the members in the order their search ended, the root last).
pub(crate) fn components<'a>(n: usize, next: impl Fn(usize) -> &'a [u32]) -> Components {
    let mut out = Components {
        members: Vec::with_capacity(n),
        ends: Vec::new(),
    };
    let mut rank = vec![UNSEEN; n];
    // Nodes whose search is done but whose component is not: each waits
    // for the root of its component (an earlier node still on the path).
    let mut waiting: Vec<u32> = Vec::new();
    // The search's path: each node with the successors it has yet to look
    // at, and whether it is still the earliest node it leads to (a root).
    let mut path: Vec<(u32, &'a [u32], bool)> = Vec::new();
    let mut count = 0u32;
    for start in 0..n {
        if rank[start] != UNSEEN {
            continue;
        }
        count += 1;
        rank[start] = count;
        path.push((start as u32, next(start), true));
        while let Some(top) = path.last_mut() {
            let v = top.0 as usize;
            if let Some((&w, rest)) = top.1.split_first() {
                top.1 = rest;
                let w = w as usize;
                if rank[w] == UNSEEN {
                    count += 1;
                    rank[w] = count;
                    path.push((w as u32, next(w), true));
                } else if rank[w] < rank[v] {
                    rank[v] = rank[w];
                    top.2 = false;
                }
                continue;
            }
            // Every successor looked at: v is done.
            let root = top.2;
            path.pop();
            if root {
                // v is the root of a component: it and the nodes done after
                // it that wait (each reached after v, so ranked no lower).
                let r = rank[v];
                while let Some(&w) = waiting.last() {
                    if rank[w as usize] < r {
                        break;
                    }
                    waiting.pop();
                    rank[w as usize] = DONE;
                    out.members.push(w);
                }
                rank[v] = DONE;
                out.members.push(v as u32);
                out.ends.push(out.members.len() as u32);
            } else {
                waiting.push(v as u32);
            }
            if let Some(parent) = path.last_mut() {
                let u = parent.0 as usize;
                if rank[v] < rank[u] {
                    rank[u] = rank[v];
                    parent.2 = false;
                }
            }
        }
    }
    out
}

/// The strongly connected components of a petgraph graph, as node indices:
/// what `petgraph::algo::tarjan_scc(graph)` gives (the same search, so the
/// same components, as sets, in the same order), without its recursion.
pub(crate) fn of_graph<N, E>(graph: &StableDiGraph<N, E>) -> Components {
    let bound = graph.node_bound();
    let mut row = Vec::with_capacity(bound + 1);
    let mut col = Vec::with_capacity(graph.edge_count());
    row.push(0usize);
    for v in 0..bound {
        let node = NodeIndex::new(v);
        if graph.contains_node(node) {
            col.extend(graph.neighbors(node).map(|w| w.index() as u32));
        }
        row.push(col.len());
    }
    let all = components(bound, |v| &col[row[v]..row[v + 1]]);
    // A free index (a node removed) is a component of its own, alone and
    // out of every path: left out, as petgraph leaves it.
    let mut out = Components::default();
    for c in all.iter() {
        if c.len() == 1 && !graph.contains_node(NodeIndex::new(c[0] as usize)) {
            continue;
        }
        out.members.extend_from_slice(c);
        out.ends.push(out.members.len() as u32);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::components;

    /// Successor lists as slices of one vector.
    fn graph(n: usize, edges: &[(u32, u32)]) -> (Vec<usize>, Vec<u32>) {
        let mut row = vec![0usize; n + 1];
        for &(a, _) in edges {
            row[a as usize + 1] += 1;
        }
        for i in 0..n {
            row[i + 1] += row[i];
        }
        let mut col = vec![0u32; edges.len()];
        let mut at = row.clone();
        for &(a, b) in edges {
            col[at[a as usize]] = b;
            at[a as usize] += 1;
        }
        (row, col)
    }

    fn sccs(n: usize, edges: &[(u32, u32)]) -> Vec<Vec<u32>> {
        let (row, col) = graph(n, edges);
        let found = components(n, |v| &col[row[v]..row[v + 1]]);
        found
            .iter()
            .map(|c| {
                let mut c = c.to_vec();
                c.sort_unstable();
                c
            })
            .collect()
    }

    #[test]
    fn a_path_of_a_million_needs_no_call_stack() {
        let n = 1_000_000;
        let edges: Vec<(u32, u32)> = (1..n as u32).map(|i| (i - 1, i)).collect();
        let (row, col) = graph(n, &edges);
        let found = components(n, |v| &col[row[v]..row[v + 1]]);
        assert_eq!(found.len(), n);
        // Sinks first: the end of the path, then back to its start.
        assert_eq!(found.get(0), &[n as u32 - 1]);
        assert_eq!(found.get(n - 1), &[0]);
        // And one loop of a million.
        let mut edges = edges;
        edges.push((n as u32 - 1, 0));
        let (row, col) = graph(n, &edges);
        assert_eq!(components(n, |v| &col[row[v]..row[v + 1]]).len(), 1);
    }

    /// 0 → {1, 2} loop → 3 ⇄ 4, 5 alone with a self-loop, 6 → 5.
    const EDGES: [(u32, u32); 8] = [
        (0, 1),
        (1, 2),
        (2, 1),
        (2, 3),
        (3, 4),
        (4, 3),
        (5, 5),
        (6, 5),
    ];

    #[test]
    fn components_in_tarjans_order() {
        assert_eq!(
            sccs(7, &EDGES),
            vec![vec![3, 4], vec![1, 2], vec![0], vec![5], vec![6]]
        );
    }

    #[test]
    fn reversed_in_place_the_components_come_in_the_customers_order() {
        let (row, col) = graph(7, &EDGES);
        let found = components(7, |v| &col[row[v]..row[v + 1]]);
        let mut forward: Vec<Vec<u32>> = found.iter().map(<[u32]>::to_vec).collect();
        forward.reverse();
        let (members, ends) = found.into_reversed();
        let mut start = 0;
        let mut parts = Vec::new();
        for &end in &ends {
            let mut part = members[start..end as usize].to_vec();
            part.reverse();
            parts.push(part);
            start = end as usize;
        }
        assert_eq!(parts, forward);
        assert_eq!(ends.last().copied(), Some(7));
    }

    #[test]
    fn of_graph_matches_petgraph_on_a_graph_with_removed_nodes() {
        use petgraph::stable_graph::{NodeIndex, StableDiGraph};
        // An edited journey's graph: nodes removed leave free indices.
        let mut g = StableDiGraph::<(), ()>::new();
        let n: Vec<NodeIndex> = (0..8).map(|_| g.add_node(())).collect();
        for (a, b) in [
            (0, 1),
            (1, 2),
            (2, 0),
            (2, 3),
            (3, 4),
            (4, 3),
            (5, 6),
            (6, 5),
            (7, 7),
            (6, 7),
        ] {
            g.add_edge(n[a], n[b], ());
        }
        g.remove_node(n[1]);
        g.remove_node(n[6]);
        let sets = |cs: Vec<Vec<u32>>| -> Vec<Vec<u32>> {
            cs.into_iter()
                .map(|mut c| {
                    c.sort_unstable();
                    c
                })
                .collect()
        };
        let ours = sets(super::of_graph(&g).iter().map(<[u32]>::to_vec).collect());
        let theirs = sets(
            petgraph::algo::tarjan_scc(&g)
                .into_iter()
                .map(|c| c.iter().map(|v| v.index() as u32).collect())
                .collect(),
        );
        assert_eq!(ours, theirs);
        assert_eq!(ours.len(), 5, "{ours:?}"); // {0}, {2}, {3, 4}, {5}, {7}
    }

    #[test]
    fn the_same_components_as_petgraph() {
        use petgraph::graph::{DiGraph, NodeIndex};
        // Small random graphs: petgraph's (recursive) Tarjan and this agree on
        // the components and on their order.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for _ in 0..300 {
            let n = 1 + (next() % 12) as usize;
            let m = next() as usize % (3 * n);
            let edges: Vec<(u32, u32)> = (0..m)
                .map(|_| (next() % n as u32, next() % n as u32))
                .collect();
            let mut g = DiGraph::<(), ()>::new();
            for _ in 0..n {
                g.add_node(());
            }
            // petgraph walks a node's edges newest first: add them in reverse
            // so that both searches take the successors in the same order.
            for &(a, b) in edges.iter().rev() {
                g.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
            }
            let theirs: Vec<Vec<u32>> = petgraph::algo::tarjan_scc(&g)
                .into_iter()
                .map(|c| {
                    let mut c: Vec<u32> = c.iter().map(|v| v.index() as u32).collect();
                    c.sort_unstable();
                    c
                })
                .collect();
            assert_eq!(sccs(n, &edges), theirs, "{edges:?}");
        }
    }
}
