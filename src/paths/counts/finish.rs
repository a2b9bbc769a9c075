//! The end of reading a counts CSV: the counts checked to be those of
//! whole paths (every channel left as often as entered), then fitted.

use super::{error, State};
use crate::error::Result;
use crate::model::Journey;
use crate::paths::fit::{fit, Counts};
use crate::paths::PathSummary;

impl State {
    /// Checks that the counts are those of whole paths, and fits.
    pub(super) fn finish(mut self, end_line: u64) -> Result<Journey> {
        if self.columns.is_none() {
            return Err(error(
                1,
                1,
                "the file is empty: it needs a header (kind,channel,next_channel,count) and rows",
            ));
        }
        let mut summary = PathSummary::default();
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs());
        for (k, ch) in self.channels.iter_mut().enumerate() {
            let line = self.lines[k];
            let name: String = ch.name.chars().take(40).collect();
            let (inflow, outflow) = (self.inflow[k], ch.departures);
            if inflow == 0.0 && outflow == 0.0 {
                return Err(error(
                    line,
                    1,
                    format!("\"{name}\" has counts but no visits: no first, move, conversions or nulls row gives it customers"),
                ));
            }
            if !near(inflow, outflow) {
                return Err(error(
                    line,
                    1,
                    format!(
                        "\"{name}\" is entered {inflow} times (first and moves to it) but left {outflow} times (moves from it, conversions and nulls); counts of whole paths balance"
                    ),
                ));
            }
            ch.visits = ch.departures;
            if self.observed {
                let over = |what: &str, x: f64, of: &str, max: f64| -> Result<()> {
                    if x > max * (1.0 + 1e-9) + 1e-9 {
                        Err(error(
                            line,
                            1,
                            format!("\"{name}\" has {what} {x}, more than {of} ({max})"),
                        ))
                    } else {
                        Ok(())
                    }
                };
                over("paths", ch.paths, "its visits", ch.visits)?;
                over(
                    "path_conversions",
                    ch.path_conversions,
                    "its paths",
                    ch.paths,
                )?;
                let conv = "its paths' conversions (path_conversions)";
                over("conversions", ch.conversions, conv, ch.path_conversions)?;
                over(
                    "first_touch",
                    ch.first_conversions,
                    conv,
                    ch.path_conversions,
                )?;
                over("linear", ch.linear, conv, ch.path_conversions)?;
            }
            summary.paths += ch.first;
            summary.conversions += ch.conversions;
            summary.nulls += ch.nulls;
        }
        // Every channel on some path: reached from a first channel by moves
        // (a balanced loop of moves that no path enters is not paths).
        let mut next: Vec<Vec<u32>> = vec![Vec::new(); self.channels.len()];
        for &(a, b) in self.moves.keys() {
            next[a as usize].push(b);
        }
        let mut reached = vec![false; self.channels.len()];
        let mut stack: Vec<usize> = (0..self.channels.len())
            .filter(|&c| self.channels[c].first > 0.0)
            .collect();
        for &c in &stack {
            reached[c] = true;
        }
        while let Some(c) = stack.pop() {
            for &t in &next[c] {
                if !std::mem::replace(&mut reached[t as usize], true) {
                    stack.push(t as usize);
                }
            }
        }
        if let Some(c) = (0..self.channels.len()).find(|&c| !reached[c]) {
            let name: String = self.channels[c].name.chars().take(40).collect();
            return Err(error(
                self.lines[c],
                1,
                format!("\"{name}\" is on no path: no first channel leads to it by moves (its moves are a loop that no path enters)"),
            ));
        }
        if summary.paths == 0.0 {
            return Err(error(
                end_line,
                1,
                "no row counts any customer (first, move, conversions or nulls above 0), so there is no customer to fit",
            ));
        }
        summary.channels = self.channels.len();
        summary.value = self.value;
        fit(Counts {
            channels: self.channels,
            moves: self.moves,
            summary,
            positions: self.positions,
            observed_channels: self.observed,
        })
    }
}
