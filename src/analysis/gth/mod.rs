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

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use dense::Dense;

/// Elimination turns dense when the remaining matrix holds this share of
/// its r² entries (and at least [`DENSE_MIN`] touchpoints remain).
const DENSE_FILL: f64 = 0.5;
const DENSE_MIN: usize = 48;
/// A row this long gets an index of where each column sits in it (short
/// in the unit tests, so that their small loops take that path too).
const LONG: usize = if cfg!(test) { 8 } else { 1024 };

/// Where each column sits in a long row.
type Index = HashMap<u32, u32, BuildHasherDefault<Mix>>;

/// A multiplicative hash of a column number (as rustc's Fx hash): the
/// keys are small distinct integers, not chosen by anyone.
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

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

/// The remaining matrix during elimination: its rows (later columns and
/// values), each column's rows (with rows already eliminated left in, and
/// skipped when read) and live count.
struct Remaining {
    rows: Vec<Vec<(u32, f64)>>,
    /// The index of each row of at least [`LONG`] entries.
    index: Vec<Option<Index>>,
    cols: Vec<Vec<u32>>,
    ccount: Vec<u32>,
    nnz: usize,
}

impl Remaining {
    fn new(entries: &Entries) -> Remaining {
        let k = entries.k;
        let mut off: Vec<(u32, u32, f64)> = entries
            .off
            .iter()
            .copied()
            .filter(|&(r, s, a)| r != s && (r as usize) < k && (s as usize) < k && a != 0.0)
            .collect();
        off.sort_unstable_by_key(|&(r, s, _)| (r, s));
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); k];
        for (r, s, a) in off {
            let row = &mut rows[r as usize];
            match row.last_mut() {
                Some(last) if last.0 == s => last.1 += a,
                _ => row.push((s, a)),
            }
        }
        let mut cols: Vec<Vec<u32>> = vec![Vec::new(); k];
        let mut nnz = 0;
        for (r, row) in rows.iter().enumerate() {
            nnz += row.len();
            for &(s, _) in row {
                cols[s as usize].push(r as u32);
            }
        }
        let ccount = cols.iter().map(|c| c.len() as u32).collect();
        let index = rows
            .iter()
            .map(|row| {
                (row.len() >= LONG).then(|| {
                    row.iter()
                        .enumerate()
                        .map(|(p, &(c, _))| (c, p as u32))
                        .collect()
                })
            })
            .collect();
        Remaining {
            rows,
            index,
            cols,
            ccount,
            nnz,
        }
    }

    /// The Markowitz count of v: the fill its elimination can make.
    fn cost(&self, v: usize) -> u64 {
        self.rows[v].len() as u64 * self.ccount[v] as u64
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
                    if ru.len() >= LONG {
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

    /// The diagonal of Z = A⁻¹, by local node, from the Takahashi
    /// (Erisman–Tinney) recurrences in reverse elimination order. With
    /// unit U' = D⁻¹U, R_v the nodes of v's U row and C_v those of its L
    /// column:
    /// Z_kv = −Σ_{j∈C_v} Z_kj L_jv for k ∈ R_v,
    /// Z_vj = −Σ_{k∈R_v} U'_vk Z_kj for j ∈ C_v, and
    /// Z_vv = 1/d_v − Σ_{k∈R_v} U'_vk Z_kv.
    /// Z is needed only at the transposed positions of the factors: the
    /// elimination of v filled (j, k) for every j ∈ C_v and k ∈ R_v, so
    /// each Z_kj above sits beside the factor entry (j, k), in the row or
    /// column of whichever of j and k was eliminated first (or in the
    /// dense tail's inverse).
    pub fn inverse_diagonal(&self) -> Vec<f64> {
        let k = self.order.len();
        let m = self.sparse_steps();
        // zu[e] = Z_wv beside U entry e = (v, w); zl[e] = Z_vu beside L
        // entry e = (u, v); Z_vv by node; the dense tail's whole inverse.
        let mut zu = vec![0.0; self.rn.len()];
        let mut zl = vec![0.0; self.cn.len()];
        let mut zd = vec![0.0; k];
        let (zt, tpos, r) = match &self.tail {
            Some((dense, pos)) => (dense.inverse(), pos.as_slice(), dense.r),
            None => (Vec::new(), &[][..], 0),
        };
        for &v in &self.order[m..] {
            let p = tpos[v as usize] as usize;
            zd[v as usize] = zt[p * r + p];
        }
        let in_tail = |x: usize| !tpos.is_empty() && tpos[x] != u32::MAX;
        let mut mark_c = vec![u32::MAX; k];
        let mut mark_r = vec![u32::MAX; k];
        let (mut tail_r, mut tail_c): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        for t in (0..m).rev() {
            let v = self.order[t] as usize;
            let d = self.pivot[t];
            let (row, col) = (self.row(t), self.col(t));
            for c in col.clone() {
                mark_c[self.cn[c] as usize] = c as u32;
            }
            for e in row.clone() {
                mark_r[self.rn[e] as usize] = e as u32;
            }
            // Each pair (k, j), k ∈ R_v (entry e), j ∈ C_v (entry c), with
            // z = Z_kj: Z_kv −= z·L_jv and Z_vj −= U'_vk·z.
            let add = |zu: &mut [f64], zl: &mut [f64], e: usize, c: usize, z: f64| {
                zu[e] -= z * self.lo[c];
                zl[c] -= self.up[e] / d * z;
            };
            tail_r.clear();
            tail_c.clear();
            for e in row.clone() {
                let kk = self.rn[e] as usize;
                let c = mark_c[kk];
                if c != u32::MAX {
                    add(&mut zu, &mut zl, e, c as usize, zd[kk]);
                }
                if in_tail(kk) {
                    tail_r.push(e);
                    continue;
                }
                // k first: j sits in k's L column, Z_kj beside it.
                for f in self.col(self.step[kk] as usize) {
                    let c = mark_c[self.cn[f] as usize];
                    if c != u32::MAX {
                        let z = zl[f];
                        add(&mut zu, &mut zl, e, c as usize, z);
                    }
                }
            }
            for c in col.clone() {
                let j = self.cn[c] as usize;
                if in_tail(j) {
                    tail_c.push(c);
                    continue;
                }
                // j first: k sits in j's U row, Z_kj beside it.
                for f in self.row(self.step[j] as usize) {
                    let e = mark_r[self.rn[f] as usize];
                    if e != u32::MAX {
                        let z = zu[f];
                        add(&mut zu, &mut zl, e as usize, c, z);
                    }
                }
            }
            for &e in &tail_r {
                let pk = tpos[self.rn[e] as usize] as usize;
                for &c in &tail_c {
                    let pj = tpos[self.cn[c] as usize] as usize;
                    if pj != pk {
                        add(&mut zu, &mut zl, e, c, zt[pk * r + pj]);
                    }
                }
            }
            let mut z = 1.0 / d;
            for e in row.clone() {
                z -= self.up[e] / d * zu[e];
            }
            zd[v] = z;
            for c in col {
                mark_c[self.cn[c] as usize] = u32::MAX;
            }
            for e in row {
                mark_r[self.rn[e] as usize] = u32::MAX;
            }
        }
        zd
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
