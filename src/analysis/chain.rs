//! Exact solves with the customer-flow matrix Q of SPEC section 3.
//!
//! Every figure of the analysis is a solve with N = (I − Q)⁻¹, from the left
//! (`forward`: xᵀ = bᵀN, e.g. visits = αᵀN) or from the right (`backward`:
//! y = N r, e.g. the success probability from each touchpoint). Neither ever
//! forms N.
//!
//! # Why it is exact
//! The strongly connected components of Q's graph (Tarjan's, `crate::scc`), taken
//! in topological order, make I − Q block-triangular. Customers only move
//! forward between components, so each component is solved once with the
//! inflow from the ones before it already final: a component without a loop
//! is a division, one with loops is a sparse system factored without
//! cancellation ([`gth`](super::gth)). That is direct elimination, not an
//! iteration that stops at a tolerance, so the figures are exact up to
//! floating-point rounding, loops of any size and any narrowness included.
//!
//! # Complexity
//! O(n + m) plus the elimination of each loop component: linear for the
//! small loops of drawn journeys; for one large loop (page-level paths) it
//! grows with the fill of the elimination (see [`gth`](super::gth)).

use std::rc::Rc;

use super::flow::Flow;
use super::gth::{Entries, Gth};
use crate::error::{JourneyError, Result};

/// One strongly connected component.
#[derive(Debug, Clone)]
enum Comp {
    /// One touchpoint; `denom` is 1 − q_ii (1 without a self-loop).
    Single { node: u32, denom: f64 },
    /// A loop of several touchpoints, boxed: most components are single
    /// touchpoints, and a list of them half as large is half as much memory
    /// to write and read.
    Block(Box<Loop>),
}

/// A loop of several touchpoints (sorted), with I − Q restricted to it
/// factored.
#[derive(Debug, Clone)]
struct Loop {
    nodes: Vec<u32>,
    lu: Gth,
}

/// Q = diag(scale)·P for one choice of rows, with its components and
/// their factors. It keeps no reference to the flow it was built from: the
/// solves take that flow again (the same one), so that a chain can outlive
/// the call that built it (a prepared journey keeps its factors).
#[derive(Debug, Clone)]
pub(crate) struct Chain {
    /// q_ij = scale_i · p_ij; 0 removes row i (the walk stops there).
    scale: Vec<f64>,
    /// Components in topological order: customers only move to later ones.
    comps: Vec<Comp>,
    shape: Rc<Shape>,
}

/// The components of a chain's graph, in topological order (each loop's
/// touchpoints sorted), and which one each touchpoint is in. They depend
/// only on where customers can move (the rows' targets, and which rows
/// move anybody), not on how many do: an edit of numbers alone (a dropout
/// slider step, a weight) keeps them ([`Chain::new`]'s `same`).
#[derive(Debug)]
pub(crate) struct Shape {
    members: Vec<u32>,
    ends: Vec<u32>,
    comp_of: Vec<u32>,
}

impl Shape {
    fn of(flow: &Flow<'_>, scale: &[f64]) -> Shape {
        let n = flow.n;
        // Tarjan over the flow's own rows, with the rows that move nobody
        // left out (crate::scc: no recursion, however long a path).
        let found = crate::scc::components(n, |i| {
            if scale[i] > 0.0 {
                &flow.col[flow.row[i] as usize..flow.row[i + 1] as usize]
            } else {
                &[]
            }
        });
        // Tarjan yields sinks first; customers flow the other way. (Its
        // memory turned round in place: a new copy made glibc give the top
        // of its heap back and fault it in again at every analysis.)
        let (mut members, ends) = found.into_reversed();
        let mut comp_of = vec![0u32; n];
        let mut start = 0;
        for (c, &end) in ends.iter().enumerate() {
            let part = &mut members[start..end as usize];
            if part.len() > 1 {
                part.sort_unstable();
            }
            for &v in part.iter() {
                comp_of[v as usize] = c as u32;
            }
            start = end as usize;
        }
        Shape {
            members,
            ends,
            comp_of,
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, c: usize) -> &[u32] {
        let start = if c == 0 { 0 } else { self.ends[c - 1] as usize };
        &self.members[start..self.ends[c] as usize]
    }
}

impl Chain {
    /// Builds the chain. `stop[i]` is the share of customers at i whose
    /// walk ends there (the dropout, or 1 where the walk stops, e.g. at an
    /// absorbing goal); the rest move on. Taking the stopping share rather
    /// than its complement keeps a tiny dropout exact: 1 − (1 − 10⁻¹⁷) is 0.
    ///
    /// `same`: a chain of the same pattern (a flow with the same rows and
    /// targets, whose rows that move nobody are the same, and the same
    /// `stop` at 1), whose components are kept instead of searched again.
    ///
    /// # Errors
    /// `closed_loop` when a loop of touchpoints has no way out and no
    /// dropout.
    pub fn new(flow: &Flow<'_>, stop: &[f64], same: Option<&Chain>) -> Result<Chain> {
        let scale: Vec<f64> = stop.iter().map(|s| 1.0 - s).collect();
        let shape = match same {
            Some(c) => Rc::clone(&c.shape),
            None => Rc::new(Shape::of(flow, &scale)),
        };
        let comp_of = &shape.comp_of;
        let stays = |i: usize| if scale[i] > 0.0 { 1.0 - stop[i] } else { 0.0 };
        let mut comps = Vec::with_capacity(shape.len());
        for c in 0..shape.len() {
            let found = shape.get(c);
            if let [single] = *found {
                let i = single as usize;
                let denom = if scale[i] > 0.0 {
                    stop[i] + stays(i) * flow.leave[i]
                } else {
                    1.0
                };
                if !crate::analysis::gth::usable(denom) {
                    return Err(trap(flow, found));
                }
                comps.push(Comp::Single {
                    node: single,
                    denom,
                });
                continue;
            }
            let nodes = found.to_vec();
            let local = |v: u32| nodes.binary_search(&v).ok();
            let k = nodes.len();
            let mut entries = Entries {
                k,
                off: Vec::new(),
                escape: vec![0.0; k],
            };
            for (r, &i) in nodes.iter().enumerate() {
                let i = i as usize;
                let s = stays(i);
                let mut escape = stop[i];
                for e in flow.row[i] as usize..flow.row[i + 1] as usize {
                    let j = flow.col[e];
                    if j as usize == i {
                        continue; // the diagonal: the pivots are sums
                    }
                    match local(j).filter(|_| comp_of[j as usize] as usize == c) {
                        Some(t) => entries.off.push((r as u32, t as u32, -s * flow.p[e])),
                        None => escape += s * flow.p[e],
                    }
                }
                entries.escape[r] = escape;
            }
            match Gth::factor(&entries) {
                Ok(lu) => comps.push(Comp::Block(Box::new(Loop { nodes, lu }))),
                Err(at) => {
                    // Name the part that has no way out; where every part
                    // has one, too narrow to count, the touchpoint whose
                    // reduced way out vanished.
                    let mut part: Vec<u32> = entries.trapped();
                    if part.is_empty() {
                        part.push(at);
                    }
                    let part: Vec<u32> = part.iter().map(|&t| nodes[t as usize]).collect();
                    return Err(trap(flow, &part));
                }
            }
        }
        Ok(Chain {
            scale,
            comps,
            shape,
        })
    }

    /// xᵀ = bᵀ N: x_j = b_j + Σ_i x_i q_ij. With b = α, x is the visits.
    /// `f` is the flow the chain was built from.
    pub fn forward(&self, f: &Flow<'_>, b: &[f64]) -> Vec<f64> {
        let mut x = b.to_vec();
        for (c, comp) in self.comps.iter().enumerate() {
            match comp {
                Comp::Single { node, denom } => {
                    x[*node as usize] /= denom;
                }
                Comp::Block(b) => {
                    let (nodes, lu) = (&b.nodes, &b.lu);
                    let mut local: Vec<f64> = nodes.iter().map(|&v| x[v as usize]).collect();
                    lu.solve_t(&mut local);
                    for (&v, &val) in nodes.iter().zip(&local) {
                        x[v as usize] = val;
                    }
                }
            }
            let push = |i: usize, x: &mut Vec<f64>| {
                let out = x[i] * self.scale[i];
                if out == 0.0 {
                    return;
                }
                for e in f.row[i] as usize..f.row[i + 1] as usize {
                    let j = f.col[e] as usize;
                    // A branch whose share underflowed to 0 carries nobody,
                    // however many arrive (no ∞ · 0).
                    if self.shape.comp_of[j] as usize != c && f.p[e] != 0.0 {
                        x[j] += out * f.p[e];
                    }
                }
            };
            match comp {
                Comp::Single { node, .. } => push(*node as usize, &mut x),
                Comp::Block(b) => {
                    let nodes = &b.nodes;
                    for &v in nodes {
                        push(v as usize, &mut x);
                    }
                }
            }
        }
        x
    }

    /// y = N r: y_i = r_i + Σ_j q_ij y_j. `f` as for [`Chain::forward`].
    pub fn backward(&self, f: &Flow<'_>, r: &[f64]) -> Vec<f64> {
        let mut y = r.to_vec();
        for (c, comp) in self.comps.iter().enumerate().rev() {
            let pull = |i: usize, y: &mut Vec<f64>| {
                if self.scale[i] == 0.0 {
                    return;
                }
                let mut s = 0.0;
                for e in f.row[i] as usize..f.row[i + 1] as usize {
                    let j = f.col[e] as usize;
                    if self.shape.comp_of[j] as usize != c && f.p[e] != 0.0 {
                        s += f.p[e] * y[j];
                    }
                }
                y[i] += self.scale[i] * s;
            };
            match comp {
                Comp::Single { node, denom } => {
                    let i = *node as usize;
                    pull(i, &mut y);
                    y[i] /= denom;
                }
                Comp::Block(b) => {
                    let (nodes, lu) = (&b.nodes, &b.lu);
                    for &v in nodes {
                        pull(v as usize, &mut y);
                    }
                    let mut local: Vec<f64> = nodes.iter().map(|&v| y[v as usize]).collect();
                    lu.solve(&mut local);
                    for (&v, &val) in nodes.iter().zip(&local) {
                        y[v as usize] = val;
                    }
                }
            }
        }
        y
    }

    /// N_ii for every i: expected arrivals at i of a customer who starts at
    /// i. Paths from i back to i never leave i's component, so it is the
    /// diagonal of that component's own inverse.
    pub fn diagonal(&self) -> Vec<f64> {
        let mut d = vec![1.0; self.shape.comp_of.len()];
        for comp in &self.comps {
            match comp {
                Comp::Single { node, denom } => d[*node as usize] = 1.0 / denom,
                Comp::Block(b) => {
                    let (nodes, lu) = (&b.nodes, &b.lu);
                    for (&v, z) in nodes.iter().zip(lu.inverse_diagonal()) {
                        d[v as usize] = z;
                    }
                }
            }
        }
        d
    }

    /// The touchpoints of the first component (in the customers' order)
    /// whose count in `x` is not finite: where counting broke down, not the
    /// touchpoints downstream that it spilled into. Empty when all are.
    pub fn first_unbounded(&self, x: &[f64]) -> Vec<usize> {
        for comp in &self.comps {
            match comp {
                Comp::Single { node, .. } => {
                    if !x[*node as usize].is_finite() {
                        return vec![*node as usize];
                    }
                }
                Comp::Block(b) => {
                    let nodes = &b.nodes;
                    if nodes.iter().any(|&i| !x[i as usize].is_finite()) {
                        return nodes.iter().map(|&v| v as usize).collect();
                    }
                }
            }
        }
        Vec::new()
    }

    /// Whether this chain keeps the components of `other` (for tests and
    /// benchmarks of the reuse).
    pub fn shares_components_with(&self, other: &Chain) -> bool {
        Rc::ptr_eq(&self.shape, &other.shape)
    }

    /// The share of customers at i who move on.
    pub fn scale(&self, i: usize) -> f64 {
        self.scale[i]
    }
}

fn trap(flow: &Flow, nodes: &[u32]) -> JourneyError {
    let mut set: Vec<usize> = nodes.iter().map(|&v| v as usize).collect();
    crate::sort::sort(&mut set);
    flow.closed_loop(&set)
}
