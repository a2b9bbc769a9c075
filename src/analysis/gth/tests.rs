//! The factors against a dense inverse.

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

/// A small linear congruential generator: the tests' own numbers.
struct Lcg(u64);

impl Lcg {
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A random substochastic matrix on k nodes with a ring (so one
/// component), its entries and its dense I − Q.
fn random(k: usize, links: usize, seed: u64) -> (Entries, Vec<f64>) {
    let mut rng = Lcg(seed);
    let mut q = vec![0.0; k * k];
    for i in 0..k {
        let mut w = vec![0.0; k];
        w[(i + 1) % k] = 1.0;
        for _ in 0..links {
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
            a[i * k + j] = if i == j {
                1.0 - q[i * k + j]
            } else {
                -q[i * k + j]
            };
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
    // Sparse throughout, sparse then dense (the tail), and dense at once.
    for (k, links, seed) in [
        (2, 3, 1),
        (5, 3, 2),
        (17, 3, 3),
        (60, 3, 4),
        (150, 3, 5),
        (300, 2, 6),
        (90, 90, 7),
    ] {
        let (entries, a) = random(k, links, seed);
        let inv = dense_inverse(&a, k);
        let g = Gth::factor(&entries).expect("nonsingular");
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
    assert!(Gth::factor(&entries).is_err());
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
    let g = Gth::factor(&entries).expect("open");
    let d = g.inverse_diagonal();
    // N_00 = 1/(1 − (1 − eps)) = 1/eps; N_11 = 1/eps too.
    assert!((d[0] * eps - 1.0).abs() < 1e-12, "{}", d[0] * eps);
    assert!((d[1] * eps - 1.0).abs() < 1e-12, "{}", d[1] * eps);
}
