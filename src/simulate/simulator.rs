//! The simulation in resumable pieces: [`Simulator`] holds the prepared
//! sampling tables, the generator's state and the running sums, and
//! [`Simulator::run`] advances it by at most a given number of moments
//! (customer-steps), pausing in the middle of a walk if need be. The
//! random draws happen in the same order however the run is cut into
//! pieces, so the figures for (journey, customers, seed) are bit for bit
//! those of one uninterrupted run.

use super::{proportion, Estimate, Options, Rng, Simulation, MAX_CUSTOMERS, Z95};
use crate::analysis::Flow;
use crate::error::{JourneyError, Result};
use crate::model::Journey;

/// A customer's walk in progress: the touchpoint they are about to
/// experience, and what they remember so far.
#[derive(Debug, Clone, Copy)]
struct Walk {
    at: usize,
    peak: f64,
    end: f64,
    sum: f64,
    count: u32,
    reached_goal: bool,
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ending {
    Dropped,
    /// At an end of the journey.
    Completed,
    /// After `settings.maxSteps` moments (counted as completed).
    Cut,
}

/// Running sums over the customers whose walk has ended.
#[derive(Debug, Clone, Default)]
struct Tally {
    customers: u32,
    successes: u64,
    dropouts: u64,
    moments: u64,
    cut: u64,
    satisfied: u64,
    promoters: u64,
    detractors: u64,
    /// Welford's running mean and sum of squared deviations of R.
    mean_r: f64,
    m2: f64,
}

/// Inverse-CDF pick in cumulative probabilities `cum` (never empty where it
/// is called): the last entry catches rounding (sums slightly below 1).
#[inline]
fn pick(cum: &[f64], u: f64) -> usize {
    let last = cum.len().saturating_sub(1);
    if cum.len() <= 8 {
        cum.iter().position(|&c| u < c).unwrap_or(last)
    } else {
        cum.partition_point(|&c| c <= u).min(last)
    }
}

/// A simulation that can be run in pieces.
///
/// ```
/// use journeygraph::simulate::{simulate, Options, Simulator};
/// let j = journeygraph::format::sample();
/// let o = Options { customers: 2000, seed: 7 };
/// let mut s = Simulator::new(&j, o)?;
/// while !s.run(500) {}                        // 500 moments at a time
/// assert_eq!(s.result(), Some(simulate(&j, o)?));
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Simulator {
    requested: u32,
    seed: u64,
    /// Positions with a positive start probability, and its running sums.
    starts: Vec<u32>,
    start_cum: Vec<f64>,
    start_total: f64,
    /// Rows of the transition probabilities as running sums (see `Flow`).
    row: Vec<u32>,
    col: Vec<u32>,
    cum: Vec<f64>,
    felt: Vec<f64>,
    dropout: Vec<f64>,
    goal: Vec<bool>,
    any_goal: bool,
    max_steps: u32,
    weights: (f64, f64, f64),
    satisfied_at: f64,
    promoter_at: f64,
    rng: Rng,
    walk: Option<Walk>,
    tally: Tally,
}

impl Simulator {
    /// Prepares the simulation of `options.customers` customers.
    ///
    /// # Errors
    /// `out_of_range` for 0 or more than [`MAX_CUSTOMERS`] customers;
    /// `no_entry` when nobody can start.
    pub fn new(journey: &Journey, options: Options) -> Result<Simulator> {
        if options.customers == 0 || options.customers > MAX_CUSTOMERS {
            return Err(JourneyError::OutOfRange {
                path: "/customers".to_string(),
                detail: format!(
                    "customers is {}; simulate between 1 and {MAX_CUSTOMERS} customers.",
                    options.customers
                ),
            });
        }
        let flow = Flow::new(journey)?;
        let any_goal = flow.has_goal();
        let starts: Vec<u32> = (0..flow.n as u32)
            .filter(|&i| flow.alpha[i as usize] > 0.0)
            .collect();
        let mut start_cum = Vec::with_capacity(starts.len());
        let mut acc = 0.0;
        for &i in &starts {
            acc += flow.alpha[i as usize];
            start_cum.push(acc);
        }
        // Flow::new refuses a journey nobody can start, but an entry total
        // that overflows leaves every share at 0: never sample from nothing.
        if starts.is_empty() || !(acc > 0.0 && acc.is_finite()) {
            return Err(JourneyError::NoEntry);
        }
        let mut cum = Vec::with_capacity(flow.p.len());
        for i in 0..flow.n {
            let mut acc = 0.0;
            for e in flow.row[i] as usize..flow.row[i + 1] as usize {
                acc += flow.p[e];
                cum.push(acc);
            }
        }
        let s = &journey.settings;
        let w = &s.remember_weights;
        Ok(Simulator {
            requested: options.customers,
            seed: options.seed,
            starts,
            start_cum,
            start_total: acc,
            row: std::rc::Rc::unwrap_or_clone(flow.nums.row),
            col: std::rc::Rc::unwrap_or_clone(flow.nums.col),
            cum,
            felt: flow.nums.felt,
            dropout: flow.nums.dropout,
            goal: flow.nums.goal,
            any_goal,
            max_steps: s.max_steps,
            weights: (w.peak, w.end, w.mean),
            satisfied_at: s.satisfied_at,
            promoter_at: s.promoter_at,
            rng: Rng::new(options.seed),
            walk: None,
            tally: Tally::default(),
        })
    }

    /// Customers asked for.
    pub fn requested(&self) -> u32 {
        self.requested
    }

    /// Customers whose walk has ended so far.
    pub fn simulated(&self) -> u32 {
        self.tally.customers
    }

    /// Moments of the customers simulated so far.
    pub fn moments(&self) -> u64 {
        self.tally.moments
    }

    /// Whether every customer asked for has been simulated.
    pub fn is_done(&self) -> bool {
        self.tally.customers >= self.requested
    }

    /// Advances the simulation by at most `max_moments` moments (a walk
    /// may pause between two of its moments and go on at the next call).
    /// Returns whether every customer has been simulated.
    ///
    /// # Complexity
    /// O(max_moments), one uniform number for each start, dropout check
    /// and move.
    pub fn run(&mut self, max_moments: u64) -> bool {
        let mut left = max_moments;
        while left > 0 && !self.is_done() {
            let mut walk = match self.walk.take() {
                Some(w) => w,
                None => self.start_walk(),
            };
            match self.advance(&mut walk, &mut left) {
                Some(ending) => self.finish(&walk, ending),
                None => self.walk = Some(walk),
            }
        }
        self.is_done()
    }

    /// Ends the walk in progress, if any (however many moments it takes,
    /// at most `settings.maxSteps`), so that the result counts it.
    pub fn finish_walk(&mut self) {
        if let Some(mut walk) = self.walk.take() {
            let mut unlimited = u64::MAX;
            if let Some(ending) = self.advance(&mut walk, &mut unlimited) {
                self.finish(&walk, ending);
            }
        }
    }

    /// The figures over the customers simulated so far (None before the
    /// first customer's walk has ended). `budget_exhausted` says whether
    /// fewer customers than asked for were simulated.
    pub fn result(&self) -> Option<Simulation> {
        let t = &self.tally;
        if t.customers == 0 {
            return None;
        }
        let n = t.customers as u64;
        let sd = if n > 1 {
            (t.m2 / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        Some(Simulation {
            customers: t.customers,
            seed: self.seed,
            remembered: Estimate {
                mean: t.mean_r,
                half_width: Z95 * sd / (n as f64).sqrt(),
            },
            satisfied: t.satisfied as f64 / n as f64,
            promoter_index: 100.0 * (t.promoters as f64 - t.detractors as f64) / n as f64,
            success: proportion(t.successes, n),
            dropout: proportion(t.dropouts, n),
            moments: t.moments,
            requested: self.requested,
            cut_at_max_steps: t.cut,
            budget_exhausted: t.customers < self.requested,
        })
    }

    /// A new customer at a start drawn from α.
    fn start_walk(&mut self) -> Walk {
        let u = self.rng.uniform() * self.start_total;
        let k = pick(&self.start_cum, u);
        // `pick` returns an index of `start_cum`, which is as long as `starts`.
        let at = self.starts.get(k).copied().unwrap_or(0) as usize;
        Walk {
            at,
            peak: 0.0,
            end: 0.0,
            sum: 0.0,
            count: 0,
            reached_goal: false,
        }
    }

    /// Walks on until the walk ends (Some) or `left` moments are used up
    /// (None; `walk` then holds where it goes on). Positions come from
    /// `Flow` (every column is a touchpoint), so the indexing is in range.
    #[inline]
    fn advance(&mut self, walk: &mut Walk, left: &mut u64) -> Option<Ending> {
        let Walk {
            mut at,
            mut peak,
            mut end,
            mut sum,
            mut count,
            mut reached_goal,
        } = *walk;
        let ending = loop {
            if *left == 0 {
                break None;
            }
            *left -= 1;
            let f = self.felt[at];
            if count == 0 || f.abs() > peak.abs() {
                peak = f;
            }
            end = f;
            sum += f;
            count += 1;
            reached_goal |= self.goal[at];
            if self.rng.uniform() < self.dropout[at] {
                break Some(Ending::Dropped);
            }
            let (a, b) = (self.row[at] as usize, self.row[at + 1] as usize);
            if a == b {
                break Some(Ending::Completed);
            }
            if count >= self.max_steps {
                break Some(Ending::Cut);
            }
            at = self.col[a + pick(&self.cum[a..b], self.rng.uniform())] as usize;
        };
        *walk = Walk {
            at,
            peak,
            end,
            sum,
            count,
            reached_goal,
        };
        ending
    }

    /// Adds an ended walk to the sums.
    fn finish(&mut self, walk: &Walk, ending: Ending) {
        let t = &mut self.tally;
        let dropped = ending == Ending::Dropped;
        t.moments += walk.count as u64;
        t.cut += (ending == Ending::Cut) as u64;
        let success = if self.any_goal {
            walk.reached_goal
        } else {
            !dropped
        };
        t.successes += success as u64;
        t.dropouts += dropped as u64;
        let (a, b, c) = self.weights;
        let r = a * walk.peak + b * walk.end + c * (walk.sum / walk.count.max(1) as f64);
        t.satisfied += (r >= self.satisfied_at) as u64;
        t.promoters += (r >= self.promoter_at) as u64;
        t.detractors += (r < 0.0) as u64;
        t.customers += 1;
        let k = t.customers as f64;
        let delta = r - t.mean_r;
        t.mean_r += delta / k;
        t.m2 += delta * (r - t.mean_r);
    }
}
