//! The dense end of an elimination: once what remains of a loop is mostly
//! filled in (page-level paths, where every page leads to the popular
//! ones), sparse bookkeeping costs more than the arithmetic, so the rest is
//! factored as a dense row-major matrix with the same GTH rules: no
//! pivoting, pivots as sums, every update of one sign. Its inner loops run
//! over contiguous rows, which the compiler vectorises.

/// The remaining r × r matrix, factored in place: above the diagonal U
/// (a_pj), below it L (l_ip = a_ip / d_p); the diagonal is not used.
#[derive(Debug, Clone)]
pub(crate) struct Dense {
    pub r: usize,
    pub a: Vec<f64>,
    pub pivot: Vec<f64>,
}

impl Dense {
    /// Factors `a` (off-diagonal entries, ≤ 0) with the rows' escapes;
    /// the position of a pivot that is not usable (a part of the loop with
    /// no way out).
    pub fn factor(r: usize, mut a: Vec<f64>, mut escape: Vec<f64>) -> Result<Dense, usize> {
        let mut pivot = Vec::with_capacity(r);
        for p in 0..r {
            let (head, rest) = a.split_at_mut((p + 1) * r);
            let row_p = &head[p * r..];
            let d = escape[p] + row_p[p + 1..].iter().map(|x| -x).sum::<f64>();
            if !super::usable(d) {
                return Err(p);
            }
            pivot.push(d);
            let ep = escape[p];
            for (i, row_i) in rest.chunks_exact_mut(r).enumerate() {
                let l = row_i[p] / d;
                row_i[p] = l;
                if l == 0.0 {
                    continue;
                }
                escape[p + 1 + i] -= l * ep;
                for (x, &u) in row_i[p + 1..].iter_mut().zip(&row_p[p + 1..]) {
                    *x -= l * u;
                }
            }
        }
        Ok(Dense { r, a, pivot })
    }

    /// Uᵀ w = b (forward).
    pub fn upper_t(&self, b: &mut [f64]) {
        let r = self.r;
        for p in 0..r {
            b[p] /= self.pivot[p];
            let w = b[p];
            if w != 0.0 {
                let row = &self.a[p * r + p + 1..(p + 1) * r];
                for (x, &u) in b[p + 1..].iter_mut().zip(row) {
                    *x -= u * w;
                }
            }
        }
    }

    /// Lᵀ x = w (backward).
    pub fn lower_t(&self, b: &mut [f64]) {
        let r = self.r;
        for p in (0..r).rev() {
            let mut s = b[p];
            for i in p + 1..r {
                s -= self.a[i * r + p] * b[i];
            }
            b[p] = s;
        }
    }

    /// L z = r (forward).
    pub fn lower(&self, b: &mut [f64]) {
        let r = self.r;
        for p in 0..r {
            let z = b[p];
            if z != 0.0 {
                for i in p + 1..r {
                    b[i] -= self.a[i * r + p] * z;
                }
            }
        }
    }

    /// U y = z (backward).
    pub fn upper(&self, b: &mut [f64]) {
        let r = self.r;
        for p in (0..r).rev() {
            let row = &self.a[p * r + p + 1..(p + 1) * r];
            let s: f64 = row.iter().zip(&b[p + 1..]).map(|(u, y)| u * y).sum();
            b[p] = (b[p] - s) / self.pivot[p];
        }
    }

    /// The whole inverse of the factored matrix, row-major, by the
    /// Takahashi recurrences (every entry is on a dense pattern). O(r³).
    pub fn inverse(&self) -> Vec<f64> {
        let r = self.r;
        let mut z = vec![0.0; r * r];
        let mut lcol = vec![0.0; r];
        let mut acc = vec![0.0; r];
        for p in (0..r).rev() {
            let d = self.pivot[p];
            // Z_pj = −Σ_k U'_pk Z_kj for j > p.
            acc[p + 1..].iter_mut().for_each(|x| *x = 0.0);
            for k in p + 1..r {
                let u = self.a[p * r + k] / d;
                if u == 0.0 {
                    continue;
                }
                let zk = &z[k * r + p + 1..(k + 1) * r];
                for (x, &zkj) in acc[p + 1..].iter_mut().zip(zk) {
                    *x -= u * zkj;
                }
            }
            z[p * r + p + 1..(p + 1) * r].copy_from_slice(&acc[p + 1..]);
            // Z_jp = −Σ_k Z_jk L_kp for j > p.
            for (k, l) in lcol[p + 1..].iter_mut().enumerate() {
                *l = self.a[(p + 1 + k) * r + p];
            }
            for j in p + 1..r {
                let zj = &z[j * r + p + 1..(j + 1) * r];
                let s: f64 = zj.iter().zip(&lcol[p + 1..]).map(|(a, b)| a * b).sum();
                z[j * r + p] = -s;
            }
            // Z_pp = 1/d − Σ_k U'_pk Z_kp.
            let mut zpp = 1.0 / d;
            for k in p + 1..r {
                zpp -= self.a[p * r + k] / d * z[k * r + p];
            }
            z[p * r + p] = zpp;
        }
        z
    }
}
