//! One sort for the whole crate, where speed does not depend on it.
//!
//! Each `sort_by` with its own closure is a copy of the standard library's
//! sort in the wasm module (3–13 KB each; 42 of them were 95 KB, a tenth of
//! the module). Here every element type and comparison goes through one
//! sort of positions, [`order`], with the comparison behind a `dyn`; only
//! [`permute`], a few lines, is copied per element type. The analysis's
//! inner loops (a row's transitions, a loop's touchpoints) keep their own
//! typed sorts.

use std::cmp::Ordering;

/// The positions `0..n` in the order `cmp` gives them; equal ones keep
/// their position order (a stable sort).
pub fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Sorts `v` stably by `cmp`, as `slice::sort_by` does, with [`order`].
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let idx = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &idx);
}

/// Sorts `v` stably by its natural order, with [`order`].
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a.cmp(b));
}

/// Puts `v[idx[i]]` at `i` for every `i` (`idx` a permutation of the
/// positions), in place, one cycle at a time.
fn permute<T>(v: &mut [T], idx: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done[start] {
            continue;
        }
        done[start] = true;
        let mut at = start;
        loop {
            let next = idx[at];
            if next == start {
                break;
            }
            v.swap(at, next);
            done[next] = true;
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_sort_does_and_keeps_ties_in_order() {
        // (key, position): ties on the key must keep their positions rising.
        let mut seed = 7u64;
        for n in [0, 1, 2, 3, 17, 100, 1000] {
            let v: Vec<(u64, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) % 5, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = v.clone();
            theirs.sort_by_key(|t| t.0);
            assert_eq!(ours, theirs, "n = {n}");
            let mut plain: Vec<u64> = v.iter().map(|t| t.0).collect();
            sort(&mut plain);
            assert!(plain.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
