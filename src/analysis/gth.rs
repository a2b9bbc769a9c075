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

use std::cmp::Reverse;
use std::collections::BinaryHeap;

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
    /// The pivots d_v (> 0).
    pivot: Vec<f64>,
}

/// A component's entries before factoring: off-diagonal a_rs = −q_rs (≤ 0)
/// and each row's escape (dropout plus flow out of the component).
pub(crate) struct Entries {
    pub k: usize,
    pub off: Vec<(u32, u32, f64)>,
    pub escape: Vec<f64>,
}

impl Gth {
    /// Factors; None when the component is singular (customers who enter
    /// part of it can never leave).
    pub fn factor(entries: Entries) -> Option<Gth> {
        let k = entries.k;
        let mut escape = entries.escape;
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
        let mut heap: BinaryHeap<Reverse<(u32, u32)>> =
            (0..k).map(|v| Reverse((rows[v].len() as u32, v as u32))).collect();
        let mut done = vec![false; k];
        let mut g = Gth {
            order: Vec::with_capacity(k),
            step: vec![0; k],
            start: Vec::with_capacity(k + 1),
            nbr: Vec::new(),
            lo: Vec::new(),
            up: Vec::new(),
            pivot: Vec::with_capacity(k),
        };
        g.start.push(0);
        while let Some(Reverse((deg, v))) = heap.pop() {
            let v = v as usize;
            if done[v] || deg as usize != rows[v].len() {
                continue; // a stale entry of the lazy heap
            }
            let row = std::mem::take(&mut rows[v]);
            let d = escape[v] + row.iter().map(|&(_, a)| -a).sum::<f64>();
            if !(d > 0.0 && d.is_finite()) {
                return None;
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
        (g.order.len() == k).then_some(g)
    }

    fn range(&self, t: usize) -> std::ops::Range<usize> {
        self.start[t] as usize..self.start[t + 1] as usize
    }

    /// Solves Aᵀ x = b in place (xᵀ A = bᵀ: the forward flow).
    pub fn solve_t(&self, b: &mut [f64]) {
        for t in 0..self.order.len() {
            let v = self.order[t] as usize;
            b[v] /= self.pivot[t];
            let w = b[v];
            if w != 0.0 {
                for e in self.range(t) {
                    b[self.nbr[e] as usize] -= self.up[e] * w;
                }
            }
        }
        for t in (0..self.order.len()).rev() {
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
        for t in 0..self.order.len() {
            let z = r[self.order[t] as usize];
            if z != 0.0 {
                for e in self.range(t) {
                    r[self.nbr[e] as usize] -= self.lo[e] * z;
                }
            }
        }
        for t in (0..self.order.len()).rev() {
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
        let nnz = self.nbr.len();
        // Z_{v,nbr} and Z_{nbr,v} beside each factor entry; Z_vv by node.
        let mut zu = vec![0.0; nnz];
        let mut zl = vec![0.0; nnz];
        let mut zd = vec![0.0; k];
        let mut mark = vec![u32::MAX; k];
        for t in (0..k).rev() {
            let v = self.order[t] as usize;
            let d = self.pivot[t];
            let r = self.range(t);
            for e in r.clone() {
                mark[self.nbr[e] as usize] = e as u32;
            }
            for a in r.clone() {
                let j = self.nbr[a] as usize;
                let (uj, lj) = (self.up[a] / d, self.lo[a]);
                let zjj = zd[j];
                zu[a] -= uj * zjj;
                zl[a] -= zjj * lj;
                // Pairs (j, c) of later neighbours of v with c after j.
                for b in self.range(self.step[j] as usize) {
                    let c = mark[self.nbr[b] as usize];
                    if c == u32::MAX {
                        continue;
                    }
                    let c = c as usize;
                    let (z_jc, z_cj) = (zu[b], zl[b]);
                    let (uc, lc) = (self.up[c] / d, self.lo[c]);
                    zu[c] -= uj * z_jc;
                    zu[a] -= uc * z_cj;
                    zl[c] -= z_cj * lj;
                    zl[a] -= z_jc * lc;
                }
            }
            let mut z = 1.0 / d;
            for a in r.clone() {
                z -= self.up[a] / d * zl[a];
            }
            zd[v] = z;
            for e in r {
                mark[self.nbr[e] as usize] = u32::MAX;
            }
        }
        zd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dense inverse by Gauss–Jordan, for checking.
    fn dense_inverse(a: &[f64], k: usize) -> Vec<f64> {
        let mut m = a.to_vec();
        let mut inv = vec![0.0; k * k];
        for i in 0..k {
            inv[i * k + i] = 1.0;
        }
        for c in 0..k {
            let p = (c..k)
                .max_by(|&x, &y| m[x * k + c].abs().total_cmp(&m[y * k + c].abs()))
                .unwrap_or(c);
            for j in 0..k {
                m.swap(c * k + j, p * k + j);
                inv.swap(c * k + j, p * k + j);
            }
            let piv = m[c * k + c];
            for j in 0..k {
                m[c * k + j] /= piv;
                inv[c * k + j] /= piv;
            }
            for r in 0..k {
                if r != c {
                    let f = m[r * k + c];
                    for j in 0..k {
                        m[r * k + j] -= f * m[c * k + j];
                        inv[r * k + j] -= f * inv[c * k + j];
                    }
                }
            }
        }
        inv
    }

    /// A random substochastic matrix on k nodes with a ring (so one
    /// component), its entries and its dense I − Q.
    fn random(k: usize, seed: u64) -> (Entries, Vec<f64>) {
        let mut rng = crate::simulate::Rng::new(seed);
        let mut q = vec![0.0; k * k];
        for i in 0..k {
            let mut w = vec![0.0; k];
            w[(i + 1) % k] = 1.0;
            for _ in 0..3 {
                let j = (rng.uniform() * k as f64) as usize % k;
                w[j] += rng.uniform();
            }
            let stay = 0.5 + 0.5 * rng.uniform();
            let total: f64 = w.iter().sum();
            for j in 0..k {
                q[i * k + j] = stay * w[j] / total;
            }
        }
        let mut off = Vec::new();
        let mut escape = vec![0.0; k];
        let mut a = vec![0.0; k * k];
        for i in 0..k {
            let mut row = 0.0;
            for j in 0..k {
                row += q[i * k + j];
                a[i * k + j] = if i == j { 1.0 - q[i * k + j] } else { -q[i * k + j] };
                if i != j && q[i * k + j] > 0.0 {
                    off.push((i as u32, j as u32, -q[i * k + j]));
                }
            }
            escape[i] = 1.0 - row;
        }
        (Entries { k, off, escape }, a)
    }

    #[test]
    fn solves_and_diagonal_match_a_dense_inverse() {
        for (k, seed) in [(2, 1), (5, 2), (17, 3), (60, 4)] {
            let (entries, a) = random(k, seed);
            let inv = dense_inverse(&a, k);
            let g = Gth::factor(entries).expect("nonsingular");
            let diag = g.inverse_diagonal();
            let b: Vec<f64> = (0..k).map(|i| 1.0 + i as f64).collect();
            let mut x = b.clone();
            g.solve(&mut x);
            let mut y = b.clone();
            g.solve_t(&mut y);
            for i in 0..k {
                let rel = |got: f64, want: f64| (got - want).abs() / want.abs().max(1e-300);
                assert!(rel(diag[i], inv[i * k + i]) < 1e-12, "k={k} N_{i}{i}");
                let xi: f64 = (0..k).map(|j| inv[i * k + j] * b[j]).sum();
                let yi: f64 = (0..k).map(|j| inv[j * k + i] * b[j]).sum();
                assert!(rel(x[i], xi) < 1e-12, "k={k} solve {i}");
                assert!(rel(y[i], yi) < 1e-12, "k={k} solve_t {i}");
            }
        }
    }

    #[test]
    fn a_closed_pair_is_singular() {
        // 0 ↔ 1 with no escape; 2 leaves to 0 and out.
        let entries = Entries {
            k: 3,
            off: vec![(0, 1, -1.0), (1, 0, -1.0), (2, 0, -0.5), (0, 2, 0.0)],
            escape: vec![0.0, 0.0, 0.5],
        };
        assert!(Gth::factor(entries).is_none());
    }

    #[test]
    fn a_narrow_way_out_keeps_full_precision() {
        // 0 ↔ 1, and 1 leaves with probability 1e-15: N_00 = 2e15 / (1·…)
        let eps = 1e-15;
        let entries = Entries {
            k: 2,
            off: vec![(0, 1, -1.0), (1, 0, -(1.0 - eps))],
            escape: vec![0.0, eps],
        };
        let g = Gth::factor(entries).expect("open");
        let d = g.inverse_diagonal();
        // N_00 = 1/(1 − (1 − eps)) = 1/eps; N_11 = 1/eps too.
        assert!((d[0] * eps - 1.0).abs() < 1e-12, "{}", d[0] * eps);
        assert!((d[1] * eps - 1.0).abs() < 1e-12, "{}", d[1] * eps);
    }
}
