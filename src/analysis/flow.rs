//! The journey as numbers: dense positions 0..n in file order, the start
//! distribution α, dropouts, felt emotions and the transition
//! probabilities P in compressed rows. Built in one pass over the
//! touchpoints ([`Flow::new`]), or patched from the numbers of an analysis
//! before an edit of numbers ([`Flow::after`], in `patch`); petgraph's
//! indices never leave this module and `patch`.

use std::ops::{Deref, DerefMut};
use std::rc::Rc;

use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::error::{JourneyError, Result};
use crate::model::blueprint::{fail_keep, failed_dropout};
use crate::model::{Journey, Mark};

/// One journey, ready for the solves: its [`Numbers`], and the journey
/// they are of (for names and stages, which only messages and a few
/// figures read).
#[derive(Debug, Clone)]
pub(crate) struct Flow<'a> {
    pub journey: &'a Journey,
    pub nums: Numbers,
}

/// The numbers of a flow, owned: what an analysis keeps so that the next
/// one, after an edit of numbers, patches them instead of reading every
/// touchpoint of the graph again. What no edit of numbers changes (the
/// rows' targets, the ids, the positions) is shared between the two.
#[derive(Debug, Clone)]
pub(crate) struct Numbers {
    pub n: usize,
    pub alpha: Vec<f64>,
    pub dropout: Vec<f64>,
    pub emotion: Vec<f64>,
    /// Whether each emotion was rated (an unrated one is 0 here).
    pub rated: Vec<bool>,
    pub impact: Vec<f64>,
    pub felt: Vec<f64>,
    pub goal: Vec<bool>,
    pub service: Vec<bool>,
    pub proactive: Vec<bool>,
    /// Row i of P is `col[row[i]..row[i+1]]` with probabilities `p[..]`,
    /// targets sorted and unique.
    pub row: Rc<Vec<u32>>,
    pub col: Rc<Vec<u32>>,
    pub p: Vec<f64>,
    /// 1 − P_ii, summed from the other weights rather than subtracted, so
    /// that a self-loop 10¹⁷ times heavier than the way out still leaves
    /// a way out (1 − (1 − 10⁻¹⁷) is 0 in floating point).
    pub leave: Vec<f64>,
    pub ids: Rc<Ids>,
    /// The entries as the touchpoints hold them (α before scaling).
    pub(super) entry: Vec<f64>,
    /// The dropouts as the touchpoints hold them, when a fail point raises
    /// any (None: they are `dropout`).
    pub(super) base: Option<Vec<f64>>,
    /// Position in file order of each petgraph node index (u32::MAX: none).
    pub(super) pos: Rc<Vec<u32>>,
    /// Where the journey was in its changes when these were read.
    pub(super) mark: Mark,
}

/// The touchpoint ids in file order, one after another (one allocation
/// rather than one per touchpoint); id k ends at `ends[k]`. In the form of
/// [`ById`](super::ById), so that the figures by id copy them whole.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ids {
    pub text: String,
    pub ends: Vec<usize>,
}

impl Ids {
    pub fn get(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|k| self.get(k))
    }
}

impl Deref for Flow<'_> {
    type Target = Numbers;
    fn deref(&self) -> &Numbers {
        &self.nums
    }
}

impl DerefMut for Flow<'_> {
    fn deref_mut(&mut self) -> &mut Numbers {
        &mut self.nums
    }
}

impl<'a> Flow<'a> {
    /// # Errors
    /// `no_entry` when no customer can start the journey.
    pub fn new(journey: &'a Journey) -> Result<Flow<'a>> {
        let (graph, order) = journey.graph();
        let n = order.len();
        let m = journey.transition_count();
        let mut pos = vec![u32::MAX; petgraph::visit::NodeIndexable::node_bound(graph)];
        for (i, node) in order.iter().enumerate() {
            pos[node.index()] = i as u32;
        }
        // Fail points raise the dropout of the touchpoints they serve.
        let keep = fail_keep(&journey.items);
        let mut entry = Vec::with_capacity(n);
        let mut dropout = Vec::with_capacity(n);
        let mut base = (!keep.is_empty()).then(|| Vec::with_capacity(n));
        let mut emotion = Vec::with_capacity(n);
        let mut rated = Vec::with_capacity(n);
        let mut impact = Vec::with_capacity(n);
        let mut felt = Vec::with_capacity(n);
        let mut goal = Vec::with_capacity(n);
        let mut service = Vec::with_capacity(n);
        let mut proactive = Vec::with_capacity(n);
        let mut row = Vec::with_capacity(n + 1);
        let mut col = Vec::with_capacity(m);
        let mut p = Vec::with_capacity(m);
        let mut leave = Vec::with_capacity(n);
        // Room for ids of up to 8 bytes each (the text grows past it).
        let mut text = String::with_capacity(8 * n);
        let mut ends = Vec::with_capacity(n);
        row.push(0);
        for (i, &node) in order.iter().enumerate() {
            let tp = &graph[node];
            entry.push(tp.entry);
            if let Some(b) = &mut base {
                b.push(tp.dropout);
            }
            dropout.push(match keep.get(tp.id.as_str()) {
                Some(&k) => failed_dropout(tp.dropout, k),
                None => tp.dropout,
            });
            emotion.push(tp.emotion_value());
            rated.push(tp.rated());
            impact.push(tp.impact);
            felt.push(tp.felt());
            goal.push(tp.goal);
            service.push(tp.service);
            proactive.push(tp.proactive);
            text.push_str(&tp.id);
            ends.push(text.len());
            let start = col.len();
            for e in graph.edges_directed(node, Direction::Outgoing) {
                col.push(pos[e.target().index()]);
                p.push(e.weight().weight);
            }
            sort_row(&mut col[start..], &mut p[start..]);
            leave.push(scale_row(i, &col[start..], &mut p[start..]));
            row.push(col.len() as u32);
        }
        let alpha = alpha(&entry, &col)?;
        Ok(Flow {
            journey,
            nums: Numbers {
                n,
                alpha,
                dropout,
                emotion,
                rated,
                impact,
                felt,
                goal,
                service,
                proactive,
                row: Rc::new(row),
                col: Rc::new(col),
                p,
                leave,
                ids: Rc::new(Ids { text, ends }),
                entry,
                base,
                pos: Rc::new(pos),
                mark: journey.mark(),
            },
        })
    }

    /// The id of the touchpoint at position i.
    pub fn id(&self, i: usize) -> &str {
        self.nums.ids.get(i)
    }

    /// The name of the touchpoint at position i.
    pub fn name(&self, i: usize) -> &'a str {
        self.journey.at(i).map_or("", |t| t.name.as_str())
    }

    /// The stage of the touchpoint at position i.
    pub fn stage(&self, i: usize) -> &'a str {
        self.journey.at(i).map_or("", |t| t.stage.as_str())
    }

    /// The `closed_loop` error for a set of positions.
    pub fn closed_loop(&self, set: &[usize]) -> JourneyError {
        let names: Vec<String> = set
            .iter()
            .map(|&i| format!("\"{}\"", self.name(i)))
            .collect();
        JourneyError::ClosedLoop {
            path: format!("/touchpoints/{}", set.first().copied().unwrap_or(0)),
            touchpoints: set.iter().map(|&i| self.id(i).to_string()).collect(),
            names: names.join(", "),
        }
    }
}

impl Numbers {
    /// Whether i is an end of the journey (no outgoing transitions).
    pub fn is_end(&self, i: usize) -> bool {
        self.row[i] == self.row[i + 1]
    }

    /// Whether any touchpoint is a goal.
    pub fn has_goal(&self) -> bool {
        self.goal.iter().any(|g| *g)
    }
}

/// One row's targets sorted, its weights along (petgraph gives a node's
/// edges newest first). A handful of targets each, for the most part: put
/// in place one by one, without a copy.
pub(super) fn sort_row(col: &mut [u32], w: &mut [f64]) {
    if col.len() > 16 {
        let mut pairs: Vec<(u32, f64)> = col.iter().copied().zip(w.iter().copied()).collect();
        pairs.sort_unstable_by_key(|t| t.0);
        for ((c, x), (j, y)) in col.iter_mut().zip(w.iter_mut()).zip(pairs) {
            *c = j;
            *x = y;
        }
        return;
    }
    for k in 1..col.len() {
        let (j, y) = (col[k], w[k]);
        let mut at = k;
        while at > 0 && col[at - 1] > j {
            col[at] = col[at - 1];
            w[at] = w[at - 1];
            at -= 1;
        }
        col[at] = j;
        w[at] = y;
    }
}

/// One row's weights (`p`, targets sorted) made probabilities, in place;
/// returns 1 − P_ii for row i. Weights are relative: scaled by the largest
/// first, their sum cannot overflow (two weights of 1.7e308 are each one
/// half).
pub(super) fn scale_row(i: usize, col: &[u32], p: &mut [f64]) -> f64 {
    if p.is_empty() {
        return 1.0;
    }
    let max = p.iter().fold(0.0f64, |m, &w| m.max(w));
    for w in p.iter_mut() {
        *w /= max;
    }
    let total: f64 = p.iter().sum();
    let mut others = 0.0;
    for (&j, w) in col.iter().zip(p.iter_mut()) {
        if j as usize != i {
            others += *w;
        }
        *w /= total;
    }
    others / total
}

/// α from the entries. Entries are relative: scaled by the largest before
/// summing, so that entries near f64::MAX neither overflow nor zero every
/// start. With no entry shares, customers start uniformly where no
/// transition leads (`col`: every row's targets).
///
/// # Errors
/// `no_entry` when no customer can start the journey.
pub(super) fn alpha(entry: &[f64], col: &[u32]) -> Result<Vec<f64>> {
    let n = entry.len();
    let entry_max = entry.iter().fold(0.0f64, |m, &e| m.max(e));
    let mut entry_total = 0.0;
    let mut alpha: Vec<f64> = entry
        .iter()
        .map(|&e| {
            let a = if entry_max > 0.0 { e / entry_max } else { 0.0 };
            entry_total += a;
            a
        })
        .collect();
    if entry_total > 0.0 {
        alpha.iter_mut().for_each(|a| *a /= entry_total);
    } else {
        let mut has_in = vec![false; n];
        for &j in col {
            has_in[j as usize] = true;
        }
        let starts = has_in.iter().filter(|h| !**h).count();
        if starts == 0 {
            return Err(JourneyError::NoEntry);
        }
        for (a, h) in alpha.iter_mut().zip(&has_in) {
            *a = if *h { 0.0 } else { 1.0 / starts as f64 };
        }
    }
    Ok(alpha)
}
