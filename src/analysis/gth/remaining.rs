//! The remaining matrix of an elimination in Markowitz order: rows, the
//! rows of each column, and an index of each long row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Entries;

/// A row this long gets an index of where each column sits in it (short
/// in the unit tests, so that their small loops take that path too).
pub(super) const LONG: usize = if cfg!(test) { 8 } else { 1024 };

/// Where each column sits in a long row.
pub(super) type Index = HashMap<u32, u32, BuildHasherDefault<Mix>>;

/// A multiplicative hash of a column number (as rustc's Fx hash): the
/// keys are small distinct integers, not chosen by anyone.
#[derive(Default)]
pub(super) struct Mix(u64);

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

/// The remaining matrix during elimination: its rows (later columns and
/// values), each column's rows (with rows already eliminated left in, and
/// skipped when read) and live count.
pub(super) struct Remaining {
    pub rows: Vec<Vec<(u32, f64)>>,
    /// The index of each row of at least [`LONG`] entries.
    pub index: Vec<Option<Index>>,
    pub cols: Vec<Vec<u32>>,
    pub ccount: Vec<u32>,
    pub nnz: usize,
}

impl Remaining {
    pub fn new(entries: &Entries) -> Remaining {
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
    pub fn cost(&self, v: usize) -> u64 {
        self.rows[v].len() as u64 * self.ccount[v] as u64
    }
}
