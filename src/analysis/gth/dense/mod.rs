//! The dense end of an elimination: once what remains of a loop is mostly
//! filled in (page-level paths, where every page leads to the popular
//! ones), sparse bookkeeping costs more than the arithmetic, so the rest is
//! factored as a dense row-major matrix with the same GTH rules: no
//! pivoting, pivots as sums, every update of one sign. Its inner loops run
//! over contiguous rows, which the compiler vectorises.

// The kernels index rows and columns by their subscripts, as the
// algorithm is written; iterator forms would hide which element is which.
#![allow(clippy::needless_range_loop)]

/// The remaining r × r matrix, factored in place: above the diagonal U
/// (a_pj), below it L (l_ip = a_ip / d_p); the diagonal is not used.
/// Pivots factored together as one block.
const NB: usize = 32;

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
    ///
    /// Blocked: the [`NB`] pivots of a block are factored against the
    /// block's rows and columns only (row p gets the updates of the block's
    /// earlier pivots before its pivot sum, column p before its division),
    /// and their updates reach the rest of the matrix in one pass over it,
    /// so that the matrix streams through memory once a block instead of
    /// once a pivot. The updates are those of the unblocked elimination,
    /// summed in another order; every term still has one sign.
    pub fn factor(r: usize, mut a: Vec<f64>, mut escape: Vec<f64>) -> Result<Dense, usize> {
        let mut pivot = Vec::with_capacity(r);
        let mut col = [0.0; NB];
        let mut panel: Vec<f64> = Vec::new();
        let mut p0 = 0;
        while p0 < r {
            let p1 = (p0 + NB).min(r);
            for p in p0..p1 {
                // Row p after p: a_pj −= l_pq·a_qj, q the block's earlier pivots.
                let (head, rest) = a.split_at_mut(p * r);
                let row_p = &mut rest[..r];
                for q in p0..p {
                    let l = row_p[q];
                    if l == 0.0 {
                        continue;
                    }
                    let e_q = escape[q];
                    escape[p] -= l * e_q;
                    let row_q = &head[q * r..(q + 1) * r];
                    for (x, &u) in row_p[p + 1..].iter_mut().zip(&row_q[p + 1..]) {
                        *x -= l * u;
                    }
                }
                let d = escape[p] + row_p[p + 1..].iter().map(|x| -x).sum::<f64>();
                if !super::usable(d) {
                    return Err(p);
                }
                pivot.push(d);
                // Column p below: a_ip −= l_iq·a_qp, then l_ip = a_ip / d.
                let m = p - p0;
                for (c, q) in col.iter_mut().zip(p0..p) {
                    *c = a[q * r + p];
                }
                for row_i in a[(p + 1) * r..].chunks_exact_mut(r) {
                    let s = dot(&row_i[p0..p], &col[..m]);
                    row_i[p] = (row_i[p] - s) / d;
                }
            }
            // The rest: a_ij −= Σ_q l_iq·a_qj and e_i −= Σ_q l_iq·e_q for
            // i, j ≥ p1, one row at a time against the block's U rows.
            if p1 < r {
                let w = r - p1;
                panel.clear();
                for q in p0..p1 {
                    panel.extend_from_slice(&a[q * r + p1..(q + 1) * r]);
                }
                let (esc_done, esc_rest) = escape.split_at_mut(p1);
                let esc_block = &esc_done[p0..p1];
                for (row_i, e_i) in a[p1 * r..].chunks_exact_mut(r).zip(esc_rest) {
                    let (left, c) = row_i.split_at_mut(p1);
                    let l = &left[p0..p1];
                    *e_i -= l.iter().zip(esc_block).map(|(l, e)| l * e).sum::<f64>();
                    for (&l_q, u) in l.iter().zip(panel.chunks_exact(w)) {
                        if l_q != 0.0 {
                            for (x, &u_j) in c.iter_mut().zip(u) {
                                *x -= l_q * u_j;
                            }
                        }
                    }
                }
            }
            p0 = p1;
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
            let s = dot(row, &b[p + 1..]);
            b[p] = (b[p] - s) / self.pivot[p];
        }
    }

    /// The whole inverse of the factored matrix, row-major, by the
    /// Takahashi recurrences (every entry is on a dense pattern). O(r³).
    ///
    /// Blocked like [`Dense::factor`], from the last block back: for a
    /// block P before the finished part T, the terms through T,
    /// G = −U'_PT·Z_TT and H = −Z_TT·L_TP, are two products
    /// ([`sub_product`], register tiles); then the block's
    /// rows, columns and diagonal follow by the recurrences within P.
    /// Every term is ≥ 0 (U', L ≤ 0 and Z ≥ 0): nothing cancels.
    pub fn inverse(&self) -> Vec<f64> {
        let (r, a) = (self.r, &self.a);
        let mut z = vec![0.0; r * r];
        // Per block, each nb × t (t = |T|), row p of the block:
        // U'_pT, L_Tp, Z_Tp (transposed), and G.
        let (mut up, mut lt, mut zc, mut g) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut h: Vec<f64> = Vec::new(); // t × nb
        let mut lk: Vec<f64> = Vec::new(); // L_TP, t × nb
        let mut p1 = r;
        while p1 > 0 {
            let p0 = p1.saturating_sub(NB);
            let (nb, t) = (p1 - p0, r - p1);
            up.clear();
            lt.clear();
            for p in p0..p1 {
                let d = self.pivot[p];
                up.extend(a[p * r + p1..(p + 1) * r].iter().map(|&u| u / d));
                lt.extend((p1..r).map(|k| a[k * r + p]));
            }
            g.clear();
            g.resize(nb * t, 0.0);
            h.clear();
            h.resize(t * nb, 0.0);
            if t > 0 {
                // G = −U'_PT·Z_TT and H = −Z_TT·L_TP, each one product.
                let zt = &z[p1 * r + p1..];
                sub_product(&mut g, t, (&up, t), (zt, r), (nb, t, t));
                lk.clear();
                lk.resize(t * nb, 0.0);
                for (p, col) in lt.chunks_exact(t).enumerate() {
                    for (k, &l) in col.iter().enumerate() {
                        lk[k * nb + p] = l;
                    }
                }
                sub_product(&mut h, nb, (zt, r), (&lk, nb), (t, nb, t));
            }
            zc.clear();
            zc.resize(nb * t, 0.0);
            for p in (p0..p1).rev() {
                let (i, d) = (p - p0, self.pivot[p]);
                // Row p through T: Z_pj = G_pj − Σ_{p<k<p1} U'_pk Z_kj.
                {
                    let (head, rest) = z.split_at_mut((p + 1) * r);
                    let zp = &mut head[p * r + p1..(p + 1) * r];
                    zp.copy_from_slice(&g[i * t..(i + 1) * t]);
                    for k in p + 1..p1 {
                        let u = a[p * r + k] / d;
                        if u != 0.0 {
                            let zk = &rest[(k - p - 1) * r + p1..(k - p) * r];
                            for (x, &zkj) in zp.iter_mut().zip(zk) {
                                *x -= u * zkj;
                            }
                        }
                    }
                }
                // Column p through T: Z_jp = H_jp − Σ_{p<k<p1} Z_jk L_kp.
                for j in 0..t {
                    let row = (p1 + j) * r;
                    let mut s = h[j * nb + i];
                    for k in p + 1..p1 {
                        s -= z[row + k] * a[k * r + p];
                    }
                    z[row + p] = s;
                    zc[i * t + j] = s;
                }
                // Within the block: Z_pj and Z_jp for p < j < p1.
                for j in p + 1..p1 {
                    let jj = j - p0;
                    let mut s = -dot(&up[i * t..(i + 1) * t], &zc[jj * t..(jj + 1) * t]);
                    for k in p + 1..p1 {
                        s -= a[p * r + k] / d * z[k * r + j];
                    }
                    z[p * r + j] = s;
                    let mut s = -dot(&z[j * r + p1..(j + 1) * r], &lt[i * t..(i + 1) * t]);
                    for k in p + 1..p1 {
                        s -= z[j * r + k] * a[k * r + p];
                    }
                    z[j * r + p] = s;
                }
                // Z_pp = 1/d − Σ_{k>p} U'_pk Z_kp.
                let mut zpp = 1.0 / d;
                for k in p + 1..p1 {
                    zpp -= a[p * r + k] / d * z[k * r + p];
                }
                zpp -= dot(&up[i * t..(i + 1) * t], &zc[i * t..(i + 1) * t]);
                z[p * r + p] = zpp;
            }
            p1 = p0;
        }
        z
    }
}

/// C −= A·B for row-major C (m × n, row stride `ldc`), A (m × kk) and B
/// (kk × n), each given with its row stride. Tiles of C of [`MR`] × [`NR`]
/// sit in registers (the compiler vectorises their rows) while a panel of
/// A and B streams past, [`KC`] terms at a time so that B's panel stays in
/// cache: two loads for eight products, where a row update makes three
/// memory accesses a product. Each entry's terms are summed in the order
/// of k, as one row update after another would.
fn sub_product(
    c: &mut [f64],
    ldc: usize,
    (a, lda): (&[f64], usize),
    (b, ldb): (&[f64], usize),
    (m, n, kk): (usize, usize, usize),
) {
    for k0 in (0..kk).step_by(KC) {
        let k1 = (k0 + KC).min(kk);
        let mut i0 = 0;
        while i0 < m {
            let i1 = (i0 + MR).min(m);
            let mut j0 = 0;
            while j0 < n {
                let j1 = (j0 + NR).min(n);
                if i1 - i0 == MR && j1 - j0 == NR {
                    let mut acc = [[0.0; NR]; MR];
                    for (i, row) in acc.iter_mut().enumerate() {
                        row.copy_from_slice(&c[(i0 + i) * ldc + j0..(i0 + i) * ldc + j1]);
                    }
                    for k in k0..k1 {
                        let bk: &[f64; NR] = b[k * ldb + j0..k * ldb + j1]
                            .try_into()
                            .unwrap_or(&[0.0; NR]);
                        for (i, row) in acc.iter_mut().enumerate() {
                            let x = a[(i0 + i) * lda + k];
                            for j in 0..NR {
                                row[j] -= x * bk[j];
                            }
                        }
                    }
                    for (i, row) in acc.iter().enumerate() {
                        c[(i0 + i) * ldc + j0..(i0 + i) * ldc + j1].copy_from_slice(row);
                    }
                } else {
                    for i in i0..i1 {
                        for k in k0..k1 {
                            let x = a[i * lda + k];
                            for j in j0..j1 {
                                c[i * ldc + j] -= x * b[k * ldb + j];
                            }
                        }
                    }
                }
                j0 = j1;
            }
            i0 = i1;
        }
    }
}

/// Rows and columns of a register tile of [`sub_product`], and how many
/// terms pass through it before the next tile.
const MR: usize = 4;
const NR: usize = 8;
const KC: usize = 256;

/// Σ x_i·y_i in four running sums, which the compiler can keep in vector
/// registers (one sum is a chain of dependent additions).
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let (x4, y4) = (x[..n].chunks_exact(4), y[..n].chunks_exact(4));
    let (xr, yr) = (x4.remainder(), y4.remainder());
    let mut acc = [0.0; 4];
    for (a, b) in x4.zip(y4) {
        for i in 0..4 {
            acc[i] += a[i] * b[i];
        }
    }
    let tail: f64 = xr.iter().zip(yr).map(|(a, b)| a * b).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

#[cfg(test)]
mod tests;
