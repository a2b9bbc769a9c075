//! The remembered experience (SPEC section 3): seeded Monte Carlo of
//! customer walks, each remembered by the peak-end rule
//! R = a·peak + b·end + c·mean.
//!
//! Memory is path-dependent (the peak of a walk is a maximum over the walk),
//! so unlike the flow figures it has no closed form; the walks also give
//! estimates of success and dropout that must agree with the exact ones
//! within their half-widths, which the tests check.

mod rng;

use serde::Serialize;

pub use rng::Rng;

use crate::analysis::Flow;
use crate::error::{JourneyError, Result};
use crate::model::Journey;

/// The most customers one run simulates.
pub const MAX_CUSTOMERS: u32 = 10_000_000;

/// How many customers, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub customers: u32,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            customers: 10_000,
            seed: 1,
        }
    }
}

/// A mean with its 95% confidence half-width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    pub mean: f64,
    pub half_width: f64,
}

/// What the simulated customers remember and how they fare.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Simulation {
    pub customers: u32,
    pub seed: u64,
    /// Mean remembered experience R.
    pub remembered: Estimate,
    /// Share with R ≥ settings.satisfiedAt.
    pub satisfied: f64,
    /// 100 × (share with R ≥ settings.promoterAt − share with R < 0).
    pub promoter_index: f64,
    pub success: Estimate,
    pub dropout: Estimate,
    /// Moments experienced in all, for throughput figures.
    pub moments: u64,
}

/// 1.96: the 97.5% quantile of the standard normal.
const Z95: f64 = 1.959_963_984_540_054;

fn proportion(hits: u64, n: u64) -> Estimate {
    let p = hits as f64 / n as f64;
    Estimate {
        mean: p,
        half_width: Z95 * (p * (1.0 - p) / n as f64).sqrt(),
    }
}

/// Simulates `options.customers` customers.
///
/// # Errors
/// `out_of_range` for 0 or more than [`MAX_CUSTOMERS`] customers;
/// `no_entry` when nobody can start.
///
/// # Complexity
/// O(customers × moments per customer) after O(n + m) set-up; one uniform
/// number for each dropout check and each move.
///
/// # Example
/// ```
/// use journeygraph::simulate::{simulate, Options};
/// let j = journeygraph::format::sample();
/// let a = simulate(&j, Options { customers: 2000, seed: 7 })?;
/// let b = simulate(&j, Options { customers: 2000, seed: 7 })?;
/// assert_eq!(a, b);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn simulate(journey: &Journey, options: Options) -> Result<Simulation> {
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
    let settings = &journey.settings;
    let w = &settings.remember_weights;
    let any_goal = flow.has_goal();

    // Cumulative start and move probabilities, for inverse-CDF sampling.
    let starts: Vec<u32> = (0..flow.n as u32)
        .filter(|&i| flow.alpha[i as usize] > 0.0)
        .collect();
    let mut start_cum = Vec::with_capacity(starts.len());
    let mut acc = 0.0;
    for &i in &starts {
        acc += flow.alpha[i as usize];
        start_cum.push(acc);
    }
    let mut cum = Vec::with_capacity(flow.p.len());
    for i in 0..flow.n {
        let mut acc = 0.0;
        for e in flow.row[i] as usize..flow.row[i + 1] as usize {
            acc += flow.p[e];
            cum.push(acc);
        }
    }
    let pick = |cum: &[f64], u: f64| -> usize {
        // The last entry catches rounding (sums slightly below 1).
        let last = cum.len() - 1;
        if cum.len() <= 8 {
            cum.iter().position(|&c| u < c).unwrap_or(last)
        } else {
            cum.partition_point(|&c| c <= u).min(last)
        }
    };

    let mut rng = Rng::new(options.seed);
    let (mut successes, mut dropouts, mut moments) = (0u64, 0u64, 0u64);
    let (mut satisfied, mut promoters, mut detractors) = (0u64, 0u64, 0u64);
    let (mut mean_r, mut m2) = (0.0f64, 0.0f64);
    for c in 0..options.customers as u64 {
        let mut at = starts[pick(&start_cum, rng.uniform() * acc)] as usize;
        let (mut peak, mut sum, mut count) = (0.0f64, 0.0f64, 0u32);
        let mut end;
        let mut reached_goal = false;
        let mut dropped = false;
        loop {
            let f = flow.felt[at];
            if count == 0 || f.abs() > peak.abs() {
                peak = f;
            }
            end = f;
            sum += f;
            count += 1;
            reached_goal |= flow.goal[at];
            if rng.uniform() < flow.dropout[at] {
                dropped = true;
                break;
            }
            let (a, b) = (flow.row[at] as usize, flow.row[at + 1] as usize);
            if a == b || count >= settings.max_steps {
                break;
            }
            at = flow.col[a + pick(&cum[a..b], rng.uniform())] as usize;
        }
        moments += count as u64;
        let success = if any_goal { reached_goal } else { !dropped };
        successes += success as u64;
        dropouts += dropped as u64;
        let r = w.peak * peak + w.end * end + w.mean * (sum / count as f64);
        satisfied += (r >= settings.satisfied_at) as u64;
        promoters += (r >= settings.promoter_at) as u64;
        detractors += (r < 0.0) as u64;
        // Welford's running mean and variance.
        let k = (c + 1) as f64;
        let delta = r - mean_r;
        mean_r += delta / k;
        m2 += delta * (r - mean_r);
    }
    let n = options.customers as u64;
    let sd = if n > 1 {
        (m2 / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    Ok(Simulation {
        customers: options.customers,
        seed: options.seed,
        remembered: Estimate {
            mean: mean_r,
            half_width: Z95 * sd / (n as f64).sqrt(),
        },
        satisfied: satisfied as f64 / n as f64,
        promoter_index: 100.0 * (promoters as f64 - detractors as f64) / n as f64,
        success: proportion(successes, n),
        dropout: proportion(dropouts, n),
        moments,
    })
}
