//! The blocked factor and inverse against the unblocked recurrences they
//! reorder (the code as it was before blocking), on sizes around the block.

use super::*;

/// The unblocked GTH elimination: one pass over the rest a pivot.
fn factor_unblocked(r: usize, mut a: Vec<f64>, mut escape: Vec<f64>) -> Dense {
    let mut pivot = Vec::with_capacity(r);
    for p in 0..r {
        let (head, rest) = a.split_at_mut((p + 1) * r);
        let row_p = &head[p * r..];
        let d = escape[p] + row_p[p + 1..].iter().map(|x| -x).sum::<f64>();
        if !crate::analysis::gth::usable(d) {
            panic!("pivot {p}");
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
    Dense { r, a, pivot }
}

/// The unblocked Takahashi inverse.
fn inverse_unblocked(dense: &Dense) -> Vec<f64> {
    let (r, a, pivot) = (dense.r, &dense.a, &dense.pivot);
    let mut z = vec![0.0; r * r];
    let mut lcol = vec![0.0; r];
    let mut acc = vec![0.0; r];
    for p in (0..r).rev() {
        let d = pivot[p];
        // Z_pj = −Σ_k U'_pk Z_kj for j > p.
        acc[p + 1..].iter_mut().for_each(|x| *x = 0.0);
        for k in p + 1..r {
            let u = a[p * r + k] / d;
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
            *l = a[(p + 1 + k) * r + p];
        }
        for j in p + 1..r {
            let zj = &z[j * r + p + 1..(j + 1) * r];
            let s: f64 = zj.iter().zip(&lcol[p + 1..]).map(|(a, b)| a * b).sum();
            z[j * r + p] = -s;
        }
        // Z_pp = 1/d − Σ_k U'_pk Z_kp.
        let mut zpp = 1.0 / d;
        for k in p + 1..r {
            zpp -= a[p * r + k] / d * z[k * r + p];
        }
        z[p * r + p] = zpp;
    }
    z
}

/// A random dense substochastic matrix: a_ij = −q_ij and escapes, with one
/// row whose way out is narrow (the case GTH's sums exist for).
fn random(r: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut x = seed;
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut a = vec![0.0; r * r];
    let mut escape = vec![0.0; r];
    for i in 0..r {
        let w: Vec<f64> = (0..=r).map(|_| next() * next()).collect();
        let narrow = i == r / 2;
        let total: f64 = w.iter().sum::<f64>() - w[i];
        for j in 0..r {
            if j != i {
                a[i * r + j] = -w[j] / total * if narrow { 1.0 - 1e-12 } else { 1.0 };
            }
        }
        escape[i] = if narrow { 1e-12 } else { w[r] / total };
        let s: f64 = (0..r)
            .filter(|&j| j != i)
            .map(|j| -a[i * r + j])
            .sum::<f64>()
            + escape[i];
        for j in 0..r {
            a[i * r + j] /= s;
        }
        escape[i] /= s;
    }
    (a, escape)
}

#[test]
fn blocked_equals_unblocked() {
    for (r, seed) in [
        (1, 1),
        (2, 2),
        (31, 3),
        (32, 4),
        (33, 5),
        (65, 6),
        (100, 7),
        (161, 8),
    ] {
        let (a, escape) = random(r, seed);
        let want = factor_unblocked(r, a.clone(), escape.clone());
        let got = Dense::factor(r, a, escape).expect("open");
        let rel = |x: f64, y: f64| (x - y).abs() / y.abs().max(1e-300);
        for p in 0..r {
            assert!(rel(got.pivot[p], want.pivot[p]) < 1e-13, "r={r} pivot {p}");
        }
        // The diagonal is not used (the pivots are sums).
        for (e, (x, y)) in got
            .a
            .iter()
            .zip(&want.a)
            .enumerate()
            .filter(|(e, _)| e / r != e % r)
        {
            assert!(
                (x - y).abs() <= 1e-13 * y.abs() + 1e-300,
                "r={r} entry {e}: {x} {y}"
            );
        }
        let (zg, zw) = (got.inverse(), inverse_unblocked(&want));
        for (e, (x, y)) in zg.iter().zip(&zw).enumerate() {
            assert!(rel(*x, *y) < 1e-12, "r={r} Z entry {e}: {x} {y}");
            assert!(*x > 0.0, "r={r} Z entry {e} = {x}");
        }
    }
}

#[test]
fn the_product_kernel_equals_the_sum_it_tiles() {
    // Sizes on and off the register tile (4 × 8) and the term panel (256).
    for (m, n, kk) in [
        (1, 1, 1),
        (4, 8, 3),
        (5, 9, 7),
        (13, 30, 260),
        (32, 17, 513),
    ] {
        let (lda, ldb, ldc) = (kk + 1, n + 2, n + 3);
        let a: Vec<f64> = (0..m * lda)
            .map(|x| ((x * 7919) % 101) as f64 / 101.0)
            .collect();
        let b: Vec<f64> = (0..kk * ldb)
            .map(|x| ((x * 104729) % 97) as f64 / 97.0)
            .collect();
        let c0: Vec<f64> = (0..m * ldc).map(|x| (x % 13) as f64).collect();
        let mut c = c0.clone();
        sub_product(&mut c, ldc, (&a, lda), (&b, ldb), (m, n, kk));
        for i in 0..m {
            for j in 0..ldc {
                let want = if j < n {
                    (0..kk).fold(c0[i * ldc + j], |s, k| s - a[i * lda + k] * b[k * ldb + j])
                } else {
                    c0[i * ldc + j] // outside the m × n block: untouched
                };
                assert_eq!(c[i * ldc + j], want, "m={m} n={n} kk={kk} ({i}, {j})");
            }
        }
    }
}
