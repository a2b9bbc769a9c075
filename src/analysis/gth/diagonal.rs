//! The diagonal of the inverse of a factored loop component.

use super::Gth;

impl Gth {
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
