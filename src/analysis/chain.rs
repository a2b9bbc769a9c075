//! Exact solves with the customer-flow matrix Q of SPEC section 3.
//!
//! Every figure of the analysis is a solve with N = (I − Q)⁻¹, from the left
//! (`forward`: xᵀ = bᵀN, e.g. visits = αᵀN) or from the right (`backward`:
//! y = N r, e.g. the success probability from each touchpoint). Neither ever
//! forms N.
//!
//! # Why it is exact
//! The strongly connected components of Q's graph (petgraph's Tarjan), taken
//! in topological order, make I − Q block-triangular. Customers only move
//! forward between components, so each component is solved once with the
//! inflow from the ones before it already final: a component without a loop
//! is a division, one with loops is a small dense system solved by LU with
//! partial pivoting. That is direct elimination, not an iteration that stops
//! at a tolerance, so the figures are exact up to floating-point rounding of
//! a well-conditioned solve (relative error ~1e-15 per block).
//!
//! # Complexity
//! O(n + m + Σ k³) for n touchpoints, m transitions and loop components of
//! sizes k; journeys have small loops, so this is linear in practice.

use petgraph::algo::TarjanScc;
use petgraph::csr::Csr;

use super::flow::Flow;
use crate::error::{JourneyError, Result};

/// The largest loop component solved densely (k³ work). A journey in which
/// thousands of touchpoints all lead back to each other is refused with a
/// clear error rather than frozen.
pub const MAX_LOOP: usize = 3000;

/// A dense LU factorisation with partial pivoting: row i of L·U is row
/// `perm[i]` of the factored matrix.
#[derive(Debug, Clone)]
struct Lu {
    k: usize,
    a: Vec<f64>,
    perm: Vec<usize>,
}

impl Lu {
    /// Factors a k×k row-major matrix; None when it is singular.
    fn factor(mut a: Vec<f64>, k: usize) -> Option<Lu> {
        let mut perm: Vec<usize> = (0..k).collect();
        for c in 0..k {
            let (mut best, mut best_abs) = (c, a[c * k + c].abs());
            for r in c + 1..k {
                let v = a[r * k + c].abs();
                if v > best_abs {
                    best = r;
                    best_abs = v;
                }
            }
            if best_abs == 0.0 || !best_abs.is_finite() {
                return None;
            }
            if best != c {
                for j in 0..k {
                    a.swap(c * k + j, best * k + j);
                }
                perm.swap(c, best);
            }
            let pivot = a[c * k + c];
            for r in c + 1..k {
                let factor = a[r * k + c] / pivot;
                if factor != 0.0 {
                    a[r * k + c] = factor;
                    for j in c + 1..k {
                        a[r * k + j] -= factor * a[c * k + j];
                    }
                } else {
                    a[r * k + c] = 0.0;
                }
            }
        }
        Some(Lu { k, a, perm })
    }

    /// Solves A x = b in place.
    fn solve(&self, b: &mut [f64]) {
        let k = self.k;
        let mut x: Vec<f64> = self.perm.iter().map(|&p| b[p]).collect();
        for i in 0..k {
            let mut s = x[i];
            for j in 0..i {
                s -= self.a[i * k + j] * x[j];
            }
            x[i] = s;
        }
        for i in (0..k).rev() {
            let mut s = x[i];
            for j in i + 1..k {
                s -= self.a[i * k + j] * x[j];
            }
            x[i] = s / self.a[i * k + i];
        }
        b.copy_from_slice(&x);
    }

    /// Solves Aᵀ x = b in place: Uᵀ y = b, Lᵀ w = y, x = Pᵀ w.
    fn solve_t(&self, b: &mut [f64]) {
        let k = self.k;
        let mut y = b.to_vec();
        for i in 0..k {
            let mut s = y[i];
            for j in 0..i {
                s -= self.a[j * k + i] * y[j];
            }
            y[i] = s / self.a[i * k + i];
        }
        for i in (0..k).rev() {
            let mut s = y[i];
            for j in i + 1..k {
                s -= self.a[j * k + i] * y[j];
            }
            y[i] = s;
        }
        for (i, &p) in self.perm.iter().enumerate() {
            b[p] = y[i];
        }
    }
}

/// One strongly connected component.
#[derive(Debug, Clone)]
enum Comp {
    /// One touchpoint; `denom` is 1 − q_ii (1 without a self-loop).
    Single { node: u32, denom: f64 },
    /// A loop of several touchpoints, with I − Q restricted to it factored.
    Block { nodes: Vec<u32>, lu: Lu },
}

/// Q = diag(scale)·P for one choice of rows, with its components.
#[derive(Debug, Clone)]
pub(crate) struct Chain<'a> {
    flow: &'a Flow<'a>,
    /// q_ij = scale_i · p_ij; 0 removes row i (the walk stops there).
    scale: Vec<f64>,
    /// Components in topological order: customers only move to later ones.
    comps: Vec<Comp>,
    comp_of: Vec<u32>,
}

impl<'a> Chain<'a> {
    /// Builds the chain. `scale[i]` is the share of customers at i who move
    /// on (1 − dropout, or 0 where the walk stops, e.g. at an absorbing goal).
    ///
    /// # Errors
    /// `closed_loop` when a loop of touchpoints has no way out and no
    /// dropout; `too_large` for a loop of more than [`MAX_LOOP`] touchpoints.
    pub fn new(flow: &'a Flow<'a>, scale: Vec<f64>) -> Result<Chain<'a>> {
        let n = flow.n;
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(flow.col.len());
        for i in 0..n {
            if scale[i] > 0.0 {
                for e in flow.row[i] as usize..flow.row[i + 1] as usize {
                    edges.push((i as u32, flow.col[e]));
                }
            }
        }
        // Rows are built with sorted, unique targets, so this cannot fail.
        let mut csr: Csr<(), (), petgraph::Directed, u32> =
            Csr::from_sorted_edges(&edges).unwrap_or_else(|_| Csr::new());
        while csr.node_count() < n {
            csr.add_node(());
        }
        let mut sccs: Vec<Vec<u32>> = Vec::new();
        TarjanScc::new().run(&csr, |scc| sccs.push(scc.to_vec()));
        // Tarjan yields sinks first; customers flow the other way.
        sccs.reverse();

        let mut comp_of = vec![0u32; n];
        for (c, scc) in sccs.iter().enumerate() {
            for &v in scc {
                comp_of[v as usize] = c as u32;
            }
        }
        let mut comps = Vec::with_capacity(sccs.len());
        for (c, mut nodes) in sccs.into_iter().enumerate() {
            if nodes.len() == 1 {
                let denom = flow.diagonal_entry(nodes[0] as usize, scale[nodes[0] as usize]);
                if denom <= 0.0 {
                    return Err(trap(flow, &[nodes[0]]));
                }
                comps.push(Comp::Single { node: nodes[0], denom });
                continue;
            }
            let k = nodes.len();
            if k > MAX_LOOP {
                return Err(JourneyError::TooLarge {
                    path: "/transitions".to_string(),
                    detail: format!("{k} touchpoints all lead back to each other; journeygraph analyses loops of up to {MAX_LOOP} touchpoints exactly. Split the loop, e.g. by sending customers on rather than back."),
                });
            }
            nodes.sort_unstable();
            let local = |v: u32| nodes.binary_search(&v).ok();
            let mut a = vec![0.0; k * k];
            let mut leaks = false;
            for (r, &i) in nodes.iter().enumerate() {
                let i = i as usize;
                a[r * k + r] = flow.diagonal_entry(i, scale[i]);
                if scale[i] < 1.0 {
                    leaks = true;
                }
                for e in flow.row[i] as usize..flow.row[i + 1] as usize {
                    let j = flow.col[e];
                    if j as usize == i {
                        continue; // on the diagonal, set above
                    }
                    if comp_of[j as usize] as usize == c {
                        if let Some(s) = local(j) {
                            a[r * k + s] -= scale[i] * flow.p[e];
                        }
                    } else {
                        leaks = true;
                    }
                }
            }
            let lu = if leaks { Lu::factor(a, k) } else { None };
            match lu {
                Some(lu) => comps.push(Comp::Block { nodes, lu }),
                None => return Err(trap(flow, &nodes)),
            }
        }
        Ok(Chain {
            flow,
            scale,
            comps,
            comp_of,
        })
    }

    /// xᵀ = bᵀ N: x_j = b_j + Σ_i x_i q_ij. With b = α, x is the visits.
    pub fn forward(&self, b: &[f64]) -> Vec<f64> {
        let f = self.flow;
        let mut x = b.to_vec();
        for (c, comp) in self.comps.iter().enumerate() {
            match comp {
                Comp::Single { node, denom } => {
                    x[*node as usize] /= denom;
                }
                Comp::Block { nodes, lu } => {
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
                    if self.comp_of[j] as usize != c {
                        x[j] += out * f.p[e];
                    }
                }
            };
            match comp {
                Comp::Single { node, .. } => push(*node as usize, &mut x),
                Comp::Block { nodes, .. } => {
                    for &v in nodes {
                        push(v as usize, &mut x);
                    }
                }
            }
        }
        x
    }

    /// y = N r: y_i = r_i + Σ_j q_ij y_j.
    pub fn backward(&self, r: &[f64]) -> Vec<f64> {
        let f = self.flow;
        let mut y = r.to_vec();
        for (c, comp) in self.comps.iter().enumerate().rev() {
            let pull = |i: usize, y: &mut Vec<f64>| {
                if self.scale[i] == 0.0 {
                    return;
                }
                let mut s = 0.0;
                for e in f.row[i] as usize..f.row[i + 1] as usize {
                    let j = f.col[e] as usize;
                    if self.comp_of[j] as usize != c {
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
                Comp::Block { nodes, lu } => {
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
        let mut d = vec![1.0; self.flow.n];
        for comp in &self.comps {
            match comp {
                Comp::Single { node, denom } => d[*node as usize] = 1.0 / denom,
                Comp::Block { nodes, lu } => {
                    let k = nodes.len();
                    let mut e = vec![0.0; k];
                    for (s, &v) in nodes.iter().enumerate() {
                        e.iter_mut().for_each(|x| *x = 0.0);
                        e[s] = 1.0;
                        lu.solve(&mut e);
                        d[v as usize] = e[s];
                    }
                }
            }
        }
        d
    }

    /// The share of customers at i who move on.
    pub fn scale(&self, i: usize) -> f64 {
        self.scale[i]
    }
}

fn trap(flow: &Flow, nodes: &[u32]) -> JourneyError {
    let mut set: Vec<usize> = nodes.iter().map(|&v| v as usize).collect();
    set.sort_unstable();
    flow.closed_loop(&set)
}
