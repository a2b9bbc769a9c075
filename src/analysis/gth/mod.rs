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
//! The elimination order is minimum degree on the symmetrised pattern (the
//! order that keeps fill small for the hub-and-spoke graphs of page-level
//! paths). Factoring, each solve and the diagonal cost about Σ_v |S_v|²
//! for the later neighbours S_v of each eliminated touchpoint: linear for
//! the small loops of drawn journeys, k³/3 for a loop in which everything
//! leads to everything.

mod dense;

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use dense::Dense;

/// Elimination turns dense when the sparsest remaining touchpoint is linked
/// to this share of the others (and at least [`DENSE_MIN`] remain).
const DENSE_SHARE: f64 = 0.4;
const DENSE_MIN: usize = 48;

/// One loop component, factored: A = L·U with unit lower L and upper U, in
/// elimination order. Indices are local (0..k).
#[derive(Debug, Clone)]
pub(crate) struct Gth {
    /// Local node eliminated at each step.
    order: Vec<u32>,
    /// Step at which each local node is eliminated.
    step: Vec<u32>,
    /// Per step, `start[t]..start[t + 1]` indexes the later neighbours.
    start: Vec<u32>,
    nbr: Vec<u32>,
    /// l_uv = a_uv / d_v (≤ 0), for u = nbr.
    lo: Vec<f64>,
    /// a_vw (≤ 0), for w = nbr.
    up: Vec<f64>,
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
    pub fn factor(entries: &Entries) -> Result<Gth, u32> {
        let k = entries.k;
        let mut escape = entries.escape.clone();
        // Rows of the remaining matrix, with a symmetric pattern: an entry
        // a_rs implies a stored a_sr (0 when absent), which the diagonal
        // recurrences need.
        let mut all: Vec<(u32, u32, f64)> = Vec::with_capacity(2 * entries.off.len());
        for &(r, s, a) in &entries.off {
            if r != s && (r as usize) < k && (s as usize) < k {
                all.push((r, s, a));
                all.push((s, r, 0.0));
            }
        }
        all.sort_unstable_by_key(|&(r, s, _)| (r, s));
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); k];
        for (r, s, a) in all {
            let row = &mut rows[r as usize];
            match row.last_mut() {
                Some(last) if last.0 == s => last.1 += a,
                _ => row.push((s, a)),
            }
        }
        let mut mark = vec![u32::MAX; k];
        let mut heap: BinaryHeap<Reverse<(u32, u32)>> = (0..k)
            .map(|v| Reverse((rows[v].len() as u32, v as u32)))
            .collect();
        let mut done = vec![false; k];
        let mut g = Gth {
            order: Vec::with_capacity(k),
            step: vec![0; k],
            start: Vec::with_capacity(k + 1),
            nbr: Vec::new(),
            lo: Vec::new(),
            up: Vec::new(),
            pivot: Vec::with_capacity(k),
            tail: None,
        };
        g.start.push(0);
        while let Some(Reverse((deg, v))) = heap.pop() {
            let v = v as usize;
            if done[v] || deg as usize != rows[v].len() {
                continue; // a stale entry of the lazy heap
            }
            let left = k - g.order.len();
            if left >= DENSE_MIN && deg as f64 >= DENSE_SHARE * (left - 1) as f64 {
                g.factor_tail(&rows, &done, escape)?;
                return Ok(g);
            }
            let row = std::mem::take(&mut rows[v]);
            let d = escape[v] + row.iter().map(|&(_, a)| -a).sum::<f64>();
            if !usable(d) {
                return Err(v as u32);
            }
            g.step[v] = g.order.len() as u32;
            g.order.push(v as u32);
            g.pivot.push(d);
            for &(u, a_vu) in &row {
                let u = u as usize;
                // Take a_uv out of row u: v is gone from the remaining matrix.
                let ru = &mut rows[u];
                let mut a_uv = 0.0;
                if let Some(p) = ru.iter().position(|&(c, _)| c as usize == v) {
                    a_uv = ru.swap_remove(p).1;
                }
                let l = a_uv / d;
                g.nbr.push(u as u32);
                g.lo.push(l);
                g.up.push(a_vu);
                escape[u] -= l * escape[v];
                // a_uw −= l·a_vw for every other later neighbour w; the
                // pattern fills even where l is 0, so it stays chordal.
                for (p, &(c, _)) in ru.iter().enumerate() {
                    mark[c as usize] = p as u32;
                }
                for &(w, a_vw) in &row {
                    if w as usize == u {
                        continue;
                    }
                    let m = mark[w as usize];
                    if m != u32::MAX {
                        ru[m as usize].1 -= l * a_vw;
                    } else {
                        ru.push((w, -l * a_vw));
                    }
                }
                for &(c, _) in ru.iter() {
                    mark[c as usize] = u32::MAX;
                }
                heap.push(Reverse((ru.len() as u32, u as u32)));
            }
            done[v] = true;
            g.start.push(g.nbr.len() as u32);
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
            self.start.push(self.nbr.len() as u32);
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

    fn range(&self, t: usize) -> std::ops::Range<usize> {
        self.start[t] as usize..self.start[t + 1] as usize
    }

    /// Solves Aᵀ x = b in place (xᵀ A = bᵀ: the forward flow).
    pub fn solve_t(&self, b: &mut [f64]) {
        let m = self.sparse_steps();
        for t in 0..m {
            let v = self.order[t] as usize;
            b[v] /= self.pivot[t];
            let w = b[v];
            if w != 0.0 {
                for e in self.range(t) {
                    b[self.nbr[e] as usize] -= self.up[e] * w;
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
            for e in self.range(t) {
                s -= self.lo[e] * b[self.nbr[e] as usize];
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
                for e in self.range(t) {
                    r[self.nbr[e] as usize] -= self.lo[e] * z;
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
            for e in self.range(t) {
                s -= self.up[e] * r[self.nbr[e] as usize];
            }
            r[v] = s / self.pivot[t];
        }
    }

    /// The diagonal of A⁻¹, by local node, from the Takahashi recurrences
    /// in reverse elimination order: with unit factors U' = D⁻¹U,
    /// Z_vj = −Σ_k U'_vk Z_kj, Z_jv = −Σ_k Z_jk L_kv and
    /// Z_vv = 1/d_v − Σ_k U'_vk Z_kv over the later neighbours k of v.
    /// Every Z_kj needed lies on the factors' pattern, because the later
    /// neighbours of v are all neighbours of each other.
    pub fn inverse_diagonal(&self) -> Vec<f64> {
        let k = self.order.len();
        let m = self.sparse_steps();
        let nnz = self.nbr.len();
        // Z_{v,nbr} and Z_{nbr,v} beside each factor entry; Z_vv by node;
        // the dense tail's whole inverse.
        let mut zu = vec![0.0; nnz];
        let mut zl = vec![0.0; nnz];
        let mut zd = vec![0.0; k];
        let (zt, tpos, r) = match &self.tail {
            Some((dense, pos)) => (dense.inverse(), pos.as_slice(), dense.r),
            None => (Vec::new(), &[][..], 0),
        };
        for &v in &self.order[m..] {
            let p = tpos[v as usize] as usize;
            zd[v as usize] = zt[p * r + p];
        }
        let mut mark = vec![u32::MAX; k];
        let mut in_tail: Vec<(usize, usize)> = Vec::new();
        for t in (0..m).rev() {
            let v = self.order[t] as usize;
            let d = self.pivot[t];
            let range = self.range(t);
            in_tail.clear();
            for e in range.clone() {
                let w = self.nbr[e] as usize;
                mark[w] = e as u32;
                if !tpos.is_empty() && tpos[w] != u32::MAX {
                    in_tail.push((e, tpos[w] as usize));
                }
            }
            for a in range.clone() {
                let j = self.nbr[a] as usize;
                let (uj, lj) = (self.up[a] / d, self.lo[a]);
                let zjj = zd[j];
                zu[a] -= uj * zjj;
                zl[a] -= zjj * lj;
                if !tpos.is_empty() && tpos[j] != u32::MAX {
                    continue; // pairs within the tail: below
                }
                // Pairs (j, c) of later neighbours of v with c after j.
                for b in self.range(self.step[j] as usize) {
                    let c = mark[self.nbr[b] as usize];
                    if c != u32::MAX {
                        let (z_jc, z_cj) = (zu[b], zl[b]);
                        let (uc, lc) = (self.up[c as usize] / d, self.lo[c as usize]);
                        pair(
                            &mut zu,
                            &mut zl,
                            (a, uj, lj),
                            c as usize,
                            uc,
                            lc,
                            z_jc,
                            z_cj,
                        );
                    }
                }
            }
            for (x, &(a, pa)) in in_tail.iter().enumerate() {
                let (uj, lj) = (self.up[a] / d, self.lo[a]);
                for &(c, pc) in &in_tail[x + 1..] {
                    let (z_jc, z_cj) = (zt[pa * r + pc], zt[pc * r + pa]);
                    pair(
                        &mut zu,
                        &mut zl,
                        (a, uj, lj),
                        c,
                        self.up[c] / d,
                        self.lo[c],
                        z_jc,
                        z_cj,
                    );
                }
            }
            let mut z = 1.0 / d;
            for a in range.clone() {
                z -= self.up[a] / d * zl[a];
            }
            zd[v] = z;
            for e in range {
                mark[self.nbr[e] as usize] = u32::MAX;
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

/// The terms of one pair (j, c) of later neighbours of v in the Takahashi
/// recurrences: entry a is j's (with U'_vj, L_jv), entry c is c's.
#[allow(clippy::too_many_arguments)]
#[inline]
fn pair(
    zu: &mut [f64],
    zl: &mut [f64],
    (a, uj, lj): (usize, f64, f64),
    c: usize,
    uc: f64,
    lc: f64,
    z_jc: f64,
    z_cj: f64,
) {
    zu[c] -= uj * z_jc;
    zu[a] -= uc * z_cj;
    zl[c] -= z_cj * lj;
    zl[a] -= z_jc * lc;
}

#[cfg(test)]
mod tests;
