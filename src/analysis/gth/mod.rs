//! Sparse LU of one loop component of I − Q, in the state-reduction form of
//! Grassmann, Taksar and Heyman (GTH), and the diagonal of its inverse.
//!
//! # Why it is exact
//! I − Q of a journey is a nonsingular M-matrix: off-diagonal entries −q_ij
//! ≤ 0, rows weakly diagonally dominant. Gaussian elimination of an M-matrix
//! needs no pivoting, and every Schur complement is again an M-matrix, so
//! each update a_uw −= l_uv·a_vw adds numbers of one sign: nothing cancels.
//! The one subtraction plain LU would make, the diagonal a_uu −= l_uv·a_vu,
//! is replaced by GTH's sum: a pivot is the probability of leaving the
//! touchpoint in the reduced chain, the sum of its remaining off-diagonal
//! flows and of its escape (dropout and flows out of the component), each
//! escape updated by state reduction. A loop with a way out 10⁻¹⁵ wide is
//! then solved to full relative precision, where subtraction would return 0
//! or a negative pivot.
//!
//! The diagonal of N = (I − Q)⁻¹ (N_ii, for reach) comes from the factors by
//! the Takahashi (Erisman–Tinney) recurrences, which need N only on the
//! pattern of the factors; they too add terms of one sign.
//!
//! # Complexity
//! The elimination order is Markowitz's (smallest product of row and
//! column counts first), on the pattern as it is, not symmetrised: the
//! hub-and-spoke graphs of page-level paths lead everywhere into a few
//! hubs, and out of them to few. Factoring and the diagonal cost about
//! Σ_v |R_v|·|C_v| for the later nodes R_v that v leads to and C_v that
//! lead to v; each solve, the factors' size. Linear for the small loops
//! of drawn journeys, k³/3 for a loop in which everything leads to
//! everything (the dense tail).

mod dense;
mod diagonal;
mod remaining;

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use dense::Dense;
use remaining::Remaining;

/// Elimination turns dense when the remaining matrix holds this share of
/// its r² entries (and at least [`DENSE_MIN`] touchpoints remain).
const DENSE_FILL: f64 = 0.5;
const DENSE_MIN: usize = 48;
/// One loop component, factored: A = L·U with unit lower L and upper U, in
/// elimination order. Indices are local (0..k).
#[derive(Debug, Clone)]
pub(crate) struct Gth {
    /// Local node eliminated at each step.
    order: Vec<u32>,
    /// Step at which each local node is eliminated.
    step: Vec<u32>,
    /// Per step t, `rs[t]..rs[t + 1]` indexes U's row of the step's node v:
    /// the later nodes w (`rn`) with a_vw (≤ 0, `up`).
    rs: Vec<u32>,
    rn: Vec<u32>,
    up: Vec<f64>,
    /// Per step t, `cs[t]..cs[t + 1]` indexes L's column of v: the later
    /// nodes u (`cn`) with l_uv = a_uv / d_v (≤ 0, `lo`).
    cs: Vec<u32>,
    cn: Vec<u32>,
    lo: Vec<f64>,
    /// The pivots d_v (> 0) of the sparse steps.
    pivot: Vec<f64>,
    /// The steps from `pivot.len()` on, factored densely (local nodes
    /// `order[pivot.len()..]`, in that order), and each local node's
    /// position among them.
    tail: Option<(Dense, Vec<u32>)>,
}

/// A component's entries before factoring: off-diagonal a_rs = −q_rs (≤ 0)
/// and each row's escape (dropout plus flow out of the component).
pub(crate) struct Entries {
    pub k: usize,
    pub off: Vec<(u32, u32, f64)>,
    pub escape: Vec<f64>,
}

impl Entries {
    /// The local nodes with no way out worth the name: a node is free when
    /// its escape, or its total flow to free nodes, is at least 2⁻⁵³ of the
    /// customers at it (a share that still shows next to 1). Used to name
    /// the touchpoints of a failed elimination; empty when every node is
    /// free by this rule.
    pub fn trapped(&self) -> Vec<u32> {
        let mut into: Vec<Vec<(u32, f64)>> = vec![Vec::new(); self.k];
        for &(r, s, a) in &self.off {
            if a < 0.0 && (r as usize) < self.k && (s as usize) < self.k {
                into[s as usize].push((r, -a));
            }
        }
        let mut free: Vec<bool> = self.escape.iter().map(|&e| wide(e)).collect();
        let mut to_free = vec![0.0; self.k];
        let mut stack: Vec<u32> = (0..self.k as u32).filter(|&v| free[v as usize]).collect();
        while let Some(v) = stack.pop() {
            for &(u, flow) in &into[v as usize] {
                let u = u as usize;
                if !free[u] {
                    to_free[u] += flow;
                    if wide(to_free[u]) {
                        free[u] = true;
                        stack.push(u as u32);
                    }
                }
            }
        }
        (0..self.k as u32).filter(|&v| !free[v as usize]).collect()
    }
}

impl Gth {
    /// Factors; on a pivot that is not [`usable`] (customers who enter part
    /// of the component never leave it, or too rarely to count), the local
    /// node of that pivot.
    ///
    /// The order is Markowitz's: the node whose row and column counts have
    /// the smallest product goes next, so that elimination of v fills
    /// (u, w) only for the u that lead to v and the w that v leads to.
    /// Page-level paths are far from symmetric (every page leads to the
    /// home page; the home page leads to few), and a symmetric order would
    /// fill both ways.
    pub fn factor(entries: &Entries) -> Result<Gth, u32> {
        let k = entries.k;
        let mut escape = entries.escape.clone();
        let mut m = Remaining::new(entries);
        let mut mark = vec![u32::MAX; k];
        let mut heap: BinaryHeap<Reverse<(u64, u32)>> =
            (0..k).map(|v| Reverse((m.cost(v), v as u32))).collect();
        let mut done = vec![false; k];
        let mut g = Gth {
            order: Vec::with_capacity(k),
            step: vec![0; k],
            rs: Vec::with_capacity(k + 1),
            rn: Vec::new(),
            up: Vec::new(),
            cs: Vec::with_capacity(k + 1),
            cn: Vec::new(),
            lo: Vec::new(),
            pivot: Vec::with_capacity(k),
            tail: None,
        };
        g.rs.push(0);
        g.cs.push(0);
        while let Some(Reverse((cost, v))) = heap.pop() {
            let v = v as usize;
            if done[v] || cost != m.cost(v) {
                continue; // a stale entry of the lazy heap
            }
            let left = k - g.order.len();
            if left >= DENSE_MIN && m.nnz as f64 >= DENSE_FILL * (left * left) as f64 {
                g.factor_tail(&m.rows, &done, escape)?;
                return Ok(g);
            }
            let row = std::mem::take(&mut m.rows[v]);
            m.index[v] = None;
            let mut col = std::mem::take(&mut m.cols[v]);
            col.retain(|&u| !done[u as usize]);
            m.nnz -= row.len();
            let d = escape[v] + row.iter().map(|&(_, a)| -a).sum::<f64>();
            if !usable(d) {
                return Err(v as u32);
            }
            g.step[v] = g.order.len() as u32;
            g.order.push(v as u32);
            g.pivot.push(d);
            for &(w, a_vw) in &row {
                g.rn.push(w);
                g.up.push(a_vw);
                m.ccount[w as usize] -= 1;
            }
            for &u in &col {
                let u = u as usize;
                let (ru, ix) = (&mut m.rows[u], &mut m.index[u]);
                // Take a_uv out of row u: v is gone from the remaining matrix.
                let at = match ix {
                    Some(ix) => ix.remove(&(v as u32)).map(|p| p as usize),
                    None => ru.iter().position(|&(c, _)| c as usize == v),
                };
                let mut a_uv = 0.0;
                if let Some(at) = at {
                    a_uv = ru.swap_remove(at).1;
                    m.nnz -= 1;
                    if let (Some(&(c, _)), Some(ix)) = (ru.get(at), ix.as_mut()) {
                        ix.insert(c, at as u32);
                    }
                }
                let l = a_uv / d;
                g.cn.push(u as u32);
                g.lo.push(l);
                escape[u] -= l * escape[v];
                // Where each column of row u sits: from its index when the
                // row is long (hubs: scanning them for every v that they
                // lead to would cost more than the arithmetic), else marked.
                if ix.is_none() {
                    for (p, &(c, _)) in ru.iter().enumerate() {
                        mark[c as usize] = p as u32;
                    }
                }
                // a_uw −= l·a_vw for every w that v leads to (but u: the
                // pivots are sums); the pattern fills even where the
                // product is 0, which the diagonal's recurrences rely on.
                for &(w, a_vw) in &row {
                    if w as usize == u {
                        continue;
                    }
                    let p = match ix {
                        Some(ix) => ix.get(&w).copied(),
                        None => Some(mark[w as usize]).filter(|&p| p != u32::MAX),
                    };
                    match p {
                        Some(p) => ru[p as usize].1 -= l * a_vw,
                        None => {
                            if let Some(ix) = ix.as_mut() {
                                ix.insert(w, ru.len() as u32);
                            }
                            ru.push((w, -l * a_vw));
                            m.cols[w as usize].push(u as u32);
                            m.ccount[w as usize] += 1;
                            m.nnz += 1;
                        }
                    }
                }
                if ix.is_none() {
                    for &(c, _) in ru.iter() {
                        mark[c as usize] = u32::MAX;
                    }
                    if ru.len() >= remaining::LONG {
                        *ix = Some(
                            ru.iter()
                                .enumerate()
                                .map(|(p, &(c, _))| (c, p as u32))
                                .collect(),
                        );
                    }
                }
            }
            done[v] = true;
            for &u in &col {
                heap.push(Reverse((m.cost(u as usize), u)));
            }
            for &(w, _) in &row {
                heap.push(Reverse((m.cost(w as usize), w)));
            }
            g.rs.push(g.rn.len() as u32);
            g.cs.push(g.cn.len() as u32);
        }
        Ok(g)
    }

    /// Moves what remains (`rows` of the nodes not `done`) into a dense
    /// matrix and factors it; the local node of a pivot that is not usable.
    fn factor_tail(
        &mut self,
        rows: &[Vec<(u32, f64)>],
        done: &[bool],
        escape: Vec<f64>,
    ) -> Result<(), u32> {
        let k = done.len();
        let nodes: Vec<u32> = (0..k as u32).filter(|&v| !done[v as usize]).collect();
        let r = nodes.len();
        let mut pos = vec![u32::MAX; k];
        for (p, &v) in nodes.iter().enumerate() {
            pos[v as usize] = p as u32;
        }
        let mut a = vec![0.0; r * r];
        let mut esc = Vec::with_capacity(r);
        for (p, &v) in nodes.iter().enumerate() {
            for &(w, val) in &rows[v as usize] {
                let q = pos[w as usize];
                if q != u32::MAX {
                    a[p * r + q as usize] = val;
                }
            }
            esc.push(escape[v as usize]);
        }
        let dense = Dense::factor(r, a, esc).map_err(|p| nodes[p])?;
        for &v in &nodes {
            self.step[v as usize] = self.order.len() as u32;
            self.order.push(v);
            self.rs.push(self.rn.len() as u32);
            self.cs.push(self.cn.len() as u32);
        }
        self.tail = Some((dense, pos));
        Ok(())
    }

    /// Steps factored sparsely; the rest are the dense tail.
    fn sparse_steps(&self) -> usize {
        self.pivot.len()
    }

    fn tail_apply(&self, b: &mut [f64], f: impl Fn(&Dense, &mut [f64])) {
        if let Some((dense, _)) = &self.tail {
            let nodes = &self.order[self.sparse_steps()..];
            let mut buf: Vec<f64> = nodes.iter().map(|&v| b[v as usize]).collect();
            f(dense, &mut buf);
            for (&v, x) in nodes.iter().zip(buf) {
                b[v as usize] = x;
            }
        }
    }

    /// U's row of step t (indexes into `rn`, `up`).
    fn row(&self, t: usize) -> std::ops::Range<usize> {
        self.rs[t] as usize..self.rs[t + 1] as usize
    }

    /// L's column of step t (indexes into `cn`, `lo`).
    fn col(&self, t: usize) -> std::ops::Range<usize> {
        self.cs[t] as usize..self.cs[t + 1] as usize
    }

    /// Solves Aᵀ x = b in place (xᵀ A = bᵀ: the forward flow).
    pub fn solve_t(&self, b: &mut [f64]) {
        let m = self.sparse_steps();
        for t in 0..m {
            let v = self.order[t] as usize;
            b[v] /= self.pivot[t];
            let w = b[v];
            if w != 0.0 {
                for e in self.row(t) {
                    b[self.rn[e] as usize] -= self.up[e] * w;
                }
            }
        }
        self.tail_apply(b, |d, x| {
            d.upper_t(x);
            d.lower_t(x);
        });
        for t in (0..m).rev() {
            let v = self.order[t] as usize;
            let mut s = b[v];
            for e in self.col(t) {
                s -= self.lo[e] * b[self.cn[e] as usize];
            }
            b[v] = s;
        }
    }

    /// Solves A y = r in place.
    pub fn solve(&self, r: &mut [f64]) {
        let m = self.sparse_steps();
        for t in 0..m {
            let z = r[self.order[t] as usize];
            if z != 0.0 {
                for e in self.col(t) {
                    r[self.cn[e] as usize] -= self.lo[e] * z;
                }
            }
        }
        self.tail_apply(r, |d, x| {
            d.lower(x);
            d.upper(x);
        });
        for t in (0..m).rev() {
            let v = self.order[t] as usize;
            let mut s = r[v];
            for e in self.row(t) {
                s -= self.up[e] * r[self.rn[e] as usize];
            }
            r[v] = s / self.pivot[t];
        }
    }
}

/// A way out that shows next to staying: 1 − x < 1.
fn wide(x: f64) -> bool {
    1.0 - x < 1.0
}

/// A pivot the solves can divide by: at least 1e-290, so that expected
/// visits (its inverse, times what flows in) keep 18 orders of magnitude of
/// headroom below f64::MAX. A loop left only more rarely than that is
/// refused as `closed_loop`.
pub(crate) fn usable(d: f64) -> bool {
    d >= 1e-290 && d.is_finite()
}

#[cfg(test)]
mod tests;
