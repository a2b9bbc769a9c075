//! Fitting a journey from pre-aggregated counts of observed paths, so that
//! path data of any size can be counted where it lives (a warehouse) and
//! only the counts are brought here.
//!
//! One CSV with the columns `kind`, `channel`, `next_channel` and `count` (any order,
//! any case; other columns ignored). Each row is one count, repeats of one
//! channel collapsed into one visit first, as [`super::PathsReader`] does:
//!
//! | kind | channel | next_channel | count |
//! | --- | --- | --- | --- |
//! | `first` | the first channel of paths | | customers whose path starts there |
//! | `move` | a channel | the next channel | customers moving from one to the other |
//! | `conversions` | the last channel of paths | | conversions of paths ending there |
//! | `nulls` | the last channel of paths | | nulls of paths ending there |
//! | `positions` | a channel | | Σ over its visits of the visit's 0-based step in its path × customers (optional: the stages) |
//! | `paths` | a channel | | customers whose path contains it (optional: observed) |
//! | `path_conversions` | a channel | | their conversions (optional: observed) |
//! | `first_touch` | a channel | | conversions of paths starting there (optional: observed) |
//! | `linear` | a channel | | Σ over its visits of the path's conversions over its visits (optional: observed) |
//! | `value` | (empty) | | total conversion value (optional) |
//!
//! The first four are what the Markov model needs; with them alone the
//! analysis (success, removal effects, attribution shares and conversions)
//! equals that of the journey fitted from the paths. `positions` places the
//! channels in the same stages; the observed kinds fill `observed.channels`
//! the same way (each absent one is 0 for every channel once any observed
//! kind is given; none given: `observed.channels` is empty). With all of
//! them the fitted journey is the one fitted from the paths. Rows of one
//! kind and channel (and `next_channel`) add up, so counts of parts of the data
//! (partitions, days) can be concatenated.

use std::collections::HashMap;

use csv_core::{ReadRecordResult, ReaderBuilder};

mod finish;

use super::fit::Channel;
use super::PathOptions;
use crate::error::{JourneyError, Result};
use crate::model::Journey;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    First,
    Move,
    Conversions,
    Nulls,
    Positions,
    Paths,
    PathConversions,
    FirstTouch,
    Linear,
    Value,
}

const KINDS: [(&str, Kind); 10] = [
    ("first", Kind::First),
    ("move", Kind::Move),
    ("conversions", Kind::Conversions),
    ("nulls", Kind::Nulls),
    ("positions", Kind::Positions),
    ("paths", Kind::Paths),
    ("path_conversions", Kind::PathConversions),
    ("first_touch", Kind::FirstTouch),
    ("linear", Kind::Linear),
    ("value", Kind::Value),
];

#[derive(Debug, Clone, Copy)]
struct Columns {
    kind: usize,
    channel: usize,
    to: usize,
    count: usize,
}

fn error(line: u64, column: usize, detail: impl Into<String>) -> JourneyError {
    JourneyError::CountsCsv {
        detail: detail.into(),
        line: line as usize,
        column,
    }
}

struct State {
    columns: Option<Columns>,
    index: HashMap<String, u32>,
    channels: Vec<Channel>,
    /// Per channel: entries (first + moves in), and the line of its first row.
    inflow: Vec<f64>,
    lines: Vec<u64>,
    moves: HashMap<(u32, u32), f64>,
    value: Option<f64>,
    positions: bool,
    observed: bool,
}

impl State {
    fn channel(&mut self, name: &str, line: u64) -> u32 {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        let id = self.channels.len() as u32;
        self.index.insert(name.to_string(), id);
        self.channels.push(Channel {
            name: name.to_string(),
            ..Channel::default()
        });
        self.inflow.push(0.0);
        self.lines.push(line);
        id
    }

    fn header(&mut self, fields: &[&[u8]], line: u64) -> Result<()> {
        let find = |name: &str| {
            fields.iter().position(|f| {
                std::str::from_utf8(f)
                    .map(|s| s.trim().eq_ignore_ascii_case(name))
                    .unwrap_or(false)
            })
        };
        match (
            find("kind"),
            find("channel"),
            find("next_channel"),
            find("count"),
        ) {
            (Some(kind), Some(channel), Some(to), Some(count)) => {
                self.columns = Some(Columns {
                    kind,
                    channel,
                    to,
                    count,
                });
                Ok(())
            }
            (kind, channel, to, count) => {
                let missing: Vec<&str> = [
                    ("kind", kind),
                    ("channel", channel),
                    ("next_channel", to),
                    ("count", count),
                ]
                .iter()
                .filter(|(_, c)| c.is_none())
                .map(|(n, _)| *n)
                .collect();
                Err(error(
                    line,
                    1,
                    format!(
                        "the header must name the columns kind, channel, next_channel and count; {} missing",
                        missing.join(", ")
                    ),
                ))
            }
        }
    }

    fn record(&mut self, fields: &[&[u8]], line: u64) -> Result<()> {
        if fields.is_empty() || (fields.len() == 1 && fields[0].is_empty()) {
            return Ok(());
        }
        let Some(cols) = self.columns else {
            return self.header(fields, line);
        };
        let needed = cols.kind.max(cols.channel).max(cols.to).max(cols.count) + 1;
        if fields.len() < needed {
            return Err(error(
                line,
                fields.len() + 1,
                format!(
                    "this row has {} columns; the header names {needed} or more",
                    fields.len()
                ),
            ));
        }
        let text = |i: usize| -> Result<&str> {
            std::str::from_utf8(fields[i])
                .map(str::trim)
                .map_err(|_| error(line, i + 1, "this field is not UTF-8 text"))
        };
        let kind_text = text(cols.kind)?;
        let Some(&(_, kind)) = KINDS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(kind_text))
        else {
            return Err(error(
                line,
                cols.kind + 1,
                format!(
                    "the kind must be one of {}, not \"{}\"",
                    KINDS.map(|(n, _)| n).join(", "),
                    kind_text.chars().take(40).collect::<String>()
                ),
            ));
        };
        let count_text = text(cols.count)?;
        let count = match count_text.parse::<f64>() {
            Ok(x) if x >= 0.0 && x.is_finite() => x,
            _ => {
                return Err(error(
                    line,
                    cols.count + 1,
                    format!(
                        "the count must be a number of 0 or more, not \"{}\"",
                        count_text.chars().take(40).collect::<String>()
                    ),
                ))
            }
        };
        let channel = text(cols.channel)?;
        let to = text(cols.to)?;
        match kind {
            Kind::Value if !channel.is_empty() => {
                return Err(error(
                    line,
                    cols.channel + 1,
                    "a value row is the total conversion value: its channel is empty",
                ))
            }
            Kind::Value => {}
            _ if channel.is_empty() => {
                return Err(error(
                    line,
                    cols.channel + 1,
                    format!("a {kind_text} row names its channel"),
                ))
            }
            Kind::Move if to.is_empty() => {
                return Err(error(
                    line,
                    cols.to + 1,
                    "a move row names the channel moved to in the column next_channel",
                ))
            }
            Kind::Move if to == channel => {
                return Err(error(
                    line,
                    cols.to + 1,
                    format!(
                        "a move from \"{}\" to itself: consecutive repeats of a channel are one visit, so counts of paths have none (collapse repeats before counting moves)",
                        channel.chars().take(40).collect::<String>()
                    ),
                ))
            }
            Kind::Move => {}
            _ if !to.is_empty() => {
                return Err(error(
                    line,
                    cols.to + 1,
                    format!("only move rows name a next_channel; this is a {kind_text} row"),
                ))
            }
            _ => {}
        }
        match kind {
            Kind::Positions => self.positions = true,
            Kind::Paths | Kind::PathConversions | Kind::FirstTouch | Kind::Linear => {
                self.observed = true
            }
            _ => {}
        }
        if count == 0.0 {
            return Ok(()); // no customer: as a path row of no customers
        }
        let too_many = || {
            error(
                line,
                cols.count + 1,
                "the counts add up to more than journeygraph can count",
            )
        };
        let add = |x: &mut f64| -> Result<()> {
            *x += count;
            if x.is_finite() {
                Ok(())
            } else {
                Err(too_many())
            }
        };
        if kind == Kind::Value {
            return add(self.value.get_or_insert(0.0));
        }
        let c = self.channel(channel, line) as usize;
        match kind {
            Kind::First => {
                add(&mut self.channels[c].first)?;
                add(&mut self.inflow[c])?;
            }
            Kind::Move => {
                let t = self.channel(to, line);
                add(&mut self.channels[c].departures)?;
                add(&mut self.inflow[t as usize])?;
                add(self.moves.entry((c as u32, t)).or_default())?;
            }
            Kind::Conversions => {
                add(&mut self.channels[c].conversions)?;
                add(&mut self.channels[c].departures)?;
            }
            Kind::Nulls => {
                add(&mut self.channels[c].nulls)?;
                add(&mut self.channels[c].departures)?;
            }
            Kind::Positions => add(&mut self.channels[c].position_sum)?,
            Kind::Paths => add(&mut self.channels[c].paths)?,
            Kind::PathConversions => add(&mut self.channels[c].path_conversions)?,
            Kind::FirstTouch => add(&mut self.channels[c].first_conversions)?,
            Kind::Linear => add(&mut self.channels[c].linear)?,
            Kind::Value => {}
        }
        Ok(())
    }
}

/// Fits a journey from a counts CSV (the module's table); the options'
/// delimiter applies (its separator is not used).
///
/// # Errors
/// `parse` (a [`JourneyError::CountsCsv`] naming the line and column) for a
/// malformed row or counts that are not those of whole paths (a channel
/// entered more often than left); `too_large` past the journey limits.
///
/// # Example
/// ```
/// use journeygraph::paths::{from_counts, PathOptions};
/// let csv = "kind,channel,next_channel,count\nfirst,Ad,,4\nmove,Ad,Site,3\nconversions,Site,,2\nnulls,Site,,1\nnulls,Ad,,1\n";
/// let journey = from_counts(csv, PathOptions::default())?;
/// let a = journeygraph::analysis::analyze(&journey)?;
/// assert!((a.success - 2.0 / 4.0).abs() < 1e-12);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn from_counts(text: &str, options: PathOptions) -> Result<Journey> {
    options.check()?;
    let bytes = text.as_bytes();
    let mut input = bytes
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(bytes);
    let mut csv = ReaderBuilder::new().delimiter(options.delimiter).build();
    let mut state = State {
        columns: None,
        index: HashMap::new(),
        channels: Vec::new(),
        inflow: Vec::new(),
        lines: Vec::new(),
        moves: HashMap::new(),
        value: None,
        positions: false,
        observed: false,
    };
    let mut out = vec![0u8; 4096];
    let mut ends = vec![0usize; 16];
    loop {
        // Blank lines before a record, so that its line is its first byte's.
        let blank = input
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let lines = input[..blank].iter().filter(|&&b| b == b'\n').count() as u64;
        csv.set_line(csv.line() + lines);
        input = &input[blank..];
        let line = csv.line();
        let (mut outlen, mut endlen) = (0, 0);
        loop {
            let (res, nin, nout, nend) =
                csv.read_record(input, &mut out[outlen..], &mut ends[endlen..]);
            input = &input[nin..];
            outlen += nout;
            endlen += nend;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let n = out.len() * 2;
                    out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = ends.len() * 2;
                    ends.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    let fields: Vec<&[u8]> = (0..endlen)
                        .map(|i| &out[if i == 0 { 0 } else { ends[i - 1] }..ends[i]])
                        .collect();
                    state.record(&fields, line)?;
                    break;
                }
                ReadRecordResult::End => return state.finish(csv.line()),
            }
        }
    }
}
