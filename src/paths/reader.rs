//! The streaming reader of a paths CSV: rows in pieces of any size, only
//! the counts kept.

use std::collections::HashMap;

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use super::fit::{fit, Channel, Counts};
use super::{PathOptions, PathSummary};
use crate::error::{JourneyError, Result};
use crate::model::Journey;

#[derive(Debug, Clone, Copy)]
struct Columns {
    path: usize,
    conversions: usize,
    nulls: usize,
    value: Option<usize>,
}

/// A streaming reader of a paths CSV.
///
/// # Example
/// ```
/// use journeygraph::paths::{PathOptions, PathsReader};
/// let mut r = PathsReader::new(PathOptions::default());
/// r.push(b"path,conversions,nulls\nAd > Site,3,1\n")?;
/// r.push(b"Site,1,5\n")?;
/// let journey = r.finish()?;
/// let a = journeygraph::analysis::analyze(&journey)?;
/// assert!((a.success - 4.0 / 10.0).abs() < 1e-12);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub struct PathsReader {
    options: PathOptions,
    csv: Reader,
    out: Vec<u8>,
    outlen: usize,
    ends: Vec<usize>,
    endlen: usize,
    columns: Option<Columns>,
    index: HashMap<String, u32>,
    channels: Vec<Channel>,
    moves: HashMap<(u32, u32), f64>,
    summary: PathSummary,
    /// Scratch for one path's channels.
    steps: Vec<u32>,
    failed: Option<JourneyError>,
    finished: bool,
    /// The line (1-based) on which the record being read began.
    record_line: u64,
    /// Between records: blank lines are skipped here, so that a record's
    /// line is where its first byte is, however the file is cut.
    at_record_start: bool,
    /// The first bytes, held until a UTF-8 BOM can be told apart.
    head: Option<Vec<u8>>,
}

impl PathsReader {
    /// A reader expecting a header row first. Options that
    /// [`PathOptions::check`] refuses make every push and the finish fail
    /// with its error.
    pub fn new(options: PathOptions) -> Self {
        let csv = ReaderBuilder::new().delimiter(options.delimiter).build();
        let failed = options.check().err();
        PathsReader {
            options,
            csv,
            out: vec![0; 4096],
            outlen: 0,
            ends: vec![0; 16],
            endlen: 0,
            columns: None,
            index: HashMap::new(),
            channels: Vec::new(),
            moves: HashMap::new(),
            summary: PathSummary::default(),
            steps: Vec::new(),
            failed,
            finished: false,
            record_line: 1,
            at_record_start: true,
            head: Some(Vec::new()),
        }
    }

    /// The counts read so far.
    pub fn summary(&self) -> PathSummary {
        PathSummary {
            channels: self.channels.len(),
            ..self.summary.clone()
        }
    }

    /// Reads the next piece of the file; pieces may split lines, fields and
    /// UTF-8 characters anywhere.
    ///
    /// # Errors
    /// `parse`, naming the line and column, for a malformed row; once a
    /// push failed, every later call returns the same error.
    pub fn push(&mut self, chunk: &[u8]) -> Result<()> {
        if chunk.is_empty() {
            return match &self.failed {
                Some(e) => Err(e.clone()),
                None => Ok(()),
            };
        }
        if let Some(mut head) = self.head.take() {
            head.extend_from_slice(chunk);
            if head.len() < 3 && b"\xef\xbb\xbf".starts_with(&head) {
                self.head = Some(head);
                return Ok(());
            }
            let rest = head
                .strip_prefix(b"\xef\xbb\xbf".as_slice())
                .unwrap_or(&head)
                .to_vec();
            return self.feed(&rest, false);
        }
        self.feed(chunk, false)
    }

    fn feed(&mut self, mut chunk: &[u8], at_end: bool) -> Result<()> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        if self.finished {
            return Ok(());
        }
        loop {
            if self.at_record_start {
                let blank = chunk
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .count();
                let lines = chunk[..blank].iter().filter(|&&b| b == b'\n').count() as u64;
                self.csv.set_line(self.csv.line() + lines);
                chunk = &chunk[blank..];
                if !chunk.is_empty() {
                    self.at_record_start = false;
                    self.record_line = self.csv.line();
                }
            }
            // csv-core reads an empty input as the end of the file, so an
            // exhausted chunk must return here, not be passed on.
            if chunk.is_empty() && !at_end {
                return Ok(());
            }
            let line = self.record_line;
            let (res, nin, nout, nend) = self.csv.read_record(
                chunk,
                &mut self.out[self.outlen..],
                &mut self.ends[self.endlen..],
            );
            chunk = &chunk[nin..];
            self.outlen += nout;
            self.endlen += nend;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    let result = self.record(line);
                    self.outlen = 0;
                    self.endlen = 0;
                    self.at_record_start = true;
                    if let Err(e) = result {
                        self.failed = Some(e.clone());
                        return Err(e);
                    }
                }
                ReadRecordResult::End => {
                    self.finished = true;
                    return Ok(());
                }
            }
        }
    }

    fn field(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.out[start..self.ends[i]]
    }

    fn text(&self, i: usize, line: u64) -> Result<&str> {
        std::str::from_utf8(self.field(i)).map_err(|_| JourneyError::Csv {
            detail: "this field is not UTF-8 text".to_string(),
            line: line as usize,
            column: i + 1,
        })
    }

    /// Handles one complete CSV record; `line` is its first line (1-based).
    fn record(&mut self, line: u64) -> Result<()> {
        let fields = self.endlen;
        if fields == 0 || (fields == 1 && self.field(0).is_empty()) {
            return Ok(()); // a blank line
        }
        let Some(cols) = self.columns else {
            return self.header(line);
        };
        let needed = cols
            .path
            .max(cols.conversions)
            .max(cols.nulls)
            .max(cols.value.unwrap_or(0))
            + 1;
        if fields < needed {
            return Err(JourneyError::Csv {
                detail: format!("this row has {fields} columns; the header names {needed} or more"),
                line: line as usize,
                column: fields + 1,
            });
        }
        let number = |this: &Self, col: usize, name: &str| -> Result<f64> {
            let text = this.text(col, line)?.trim();
            match text.parse::<f64>() {
                Ok(x) if x >= 0.0 && x.is_finite() => Ok(x),
                _ => Err(JourneyError::Csv {
                    detail: format!(
                        "{name} must be a number of 0 or more, not \"{}\"",
                        text.chars().take(40).collect::<String>()
                    ),
                    line: line as usize,
                    column: col + 1,
                }),
            }
        };
        let conversions = number(self, cols.conversions, "conversions")?;
        let nulls = number(self, cols.nulls, "nulls")?;
        let value = match cols.value {
            Some(c) if !self.field(c).is_empty() => Some(number(self, c, "value")?),
            _ => None,
        };
        self.summary.rows += 1;
        let customers = conversions + nulls;
        let too_many = !(customers.is_finite()
            && (self.summary.paths + customers).is_finite()
            && (self.summary.value.unwrap_or(0.0) + value.unwrap_or(0.0)).is_finite());
        if too_many {
            return Err(JourneyError::Csv {
                detail: "the counts add up to more than journeygraph can count".to_string(),
                line: line as usize,
                column: cols.conversions.min(cols.nulls) + 1,
            });
        }
        if customers == 0.0 {
            self.summary.empty_rows += 1;
            return Ok(());
        }
        // The path's channels, with consecutive repeats collapsed.
        let path = self.text(cols.path, line)?.to_string();
        let mut steps = std::mem::take(&mut self.steps);
        steps.clear();
        for name in path.split(self.options.separator.as_str()) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let id = match self.index.get(name) {
                Some(&id) => id,
                None => {
                    let id = self.channels.len() as u32;
                    self.index.insert(name.to_string(), id);
                    self.channels.push(Channel {
                        name: name.to_string(),
                        ..Channel::default()
                    });
                    id
                }
            };
            if steps.last() != Some(&id) {
                steps.push(id);
            }
        }
        if steps.is_empty() {
            self.steps = steps;
            return Err(JourneyError::Csv {
                detail: "the path names no channel".to_string(),
                line: line as usize,
                column: cols.path + 1,
            });
        }
        let row = self.summary.rows;
        let share = conversions / steps.len() as f64;
        for (k, &c) in steps.iter().enumerate() {
            let ch = &mut self.channels[c as usize];
            if ch.row != row {
                ch.row = row;
                ch.paths += customers;
                ch.path_conversions += conversions;
            }
            ch.linear += share;
            ch.departures += customers;
            ch.position_sum += k as f64 * customers;
            ch.visits += customers;
            if k + 1 < steps.len() {
                *self.moves.entry((c, steps[k + 1])).or_default() += customers;
            }
        }
        if steps
            .iter()
            .any(|&c| !self.channels[c as usize].departures.is_finite())
        {
            self.steps = steps;
            return Err(JourneyError::Csv {
                detail: "the counts add up to more than journeygraph can count".to_string(),
                line: line as usize,
                column: cols.conversions.min(cols.nulls) + 1,
            });
        }
        self.channels[steps[0] as usize].first += customers;
        self.channels[steps[0] as usize].first_conversions += conversions;
        let last = &mut self.channels[steps[steps.len() - 1] as usize];
        last.conversions += conversions;
        last.nulls += nulls;
        self.summary.paths += customers;
        self.summary.conversions += conversions;
        self.summary.nulls += nulls;
        if let Some(v) = value {
            *self.summary.value.get_or_insert(0.0) += v;
        }
        self.steps = steps;
        Ok(())
    }

    fn header(&mut self, line: u64) -> Result<()> {
        let find = |name: &str| -> Option<usize> {
            (0..self.endlen).find(|&i| {
                std::str::from_utf8(self.field(i))
                    .map(|s| {
                        s.trim()
                            .trim_start_matches('\u{feff}')
                            .eq_ignore_ascii_case(name)
                    })
                    .unwrap_or(false)
            })
        };
        let (path, conversions, nulls, value) = (
            find("path"),
            find("conversions"),
            find("nulls"),
            find("value"),
        );
        match (path, conversions, nulls) {
            (Some(path), Some(conversions), Some(nulls)) => {
                self.columns = Some(Columns {
                    path,
                    conversions,
                    nulls,
                    value,
                });
                Ok(())
            }
            _ => {
                let missing: Vec<&str> = [
                    ("path", path),
                    ("conversions", conversions),
                    ("nulls", nulls),
                ]
                .iter()
                .filter(|(_, c)| c.is_none())
                .map(|(n, _)| *n)
                .collect();
                Err(JourneyError::Csv {
                    detail: format!(
                        "the header must name the columns path, conversions and nulls (value is optional); {} missing",
                        missing.join(", ")
                    ),
                    line: line as usize,
                    column: 1,
                })
            }
        }
    }

    /// Ends the file and fits the journey.
    ///
    /// # Errors
    /// A pending `parse` error; `parse` when there was no header or no
    /// customer at all; `too_large` past the journey limits.
    pub fn finish(mut self) -> Result<Journey> {
        if let Some(head) = self.head.take() {
            self.feed(&head, false)?;
        }
        self.feed(&[], true)?;
        if self.columns.is_none() {
            return Err(JourneyError::Csv {
                detail: "the file is empty: it needs a header (path,conversions,nulls) and rows"
                    .to_string(),
                line: 1,
                column: 1,
            });
        }
        if self.summary.paths == 0.0 {
            return Err(JourneyError::Csv {
                detail: "no row has any conversions or nulls, so there is no customer to fit"
                    .to_string(),
                line: self.csv.line() as usize,
                column: 1,
            });
        }
        fit(Counts {
            channels: self.channels,
            moves: self.moves,
            summary: self.summary,
            positions: true,
            observed_channels: true,
        })
    }
}
