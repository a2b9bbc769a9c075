//! The remembered experience (SPEC section 3): seeded Monte Carlo of
//! customer walks, each remembered by the peak-end rule
//! R = a·peak + b·end + c·mean.
//!
//! Memory is path-dependent (the peak of a walk is a maximum over the walk),
//! so unlike the flow figures it has no closed form; the walks also give
//! estimates of success and dropout that must agree with the exact ones
//! within their half-widths, which the tests check.

mod rng;
mod simulator;

use serde::Serialize;

pub use rng::Rng;
pub use simulator::Simulator;

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
    /// Customers simulated: the estimates are over these. Fewer than
    /// `requested` only when a budget ended the run early.
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
    /// Customers asked for.
    pub requested: u32,
    /// Walks stopped after `settings.maxSteps` moments (counted as
    /// completed): many of them mean maxSteps shapes the figures.
    pub cut_at_max_steps: u64,
    /// Whether a budget of moments ended the run before `requested`
    /// customers were simulated.
    pub budget_exhausted: bool,
}

/// 1.96: the 97.5% quantile of the standard normal.
pub(crate) const Z95: f64 = 1.959_963_984_540_054;

pub(crate) fn proportion(hits: u64, n: u64) -> Estimate {
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
    simulate_within(journey, options, u64::MAX)
}

/// Simulates at most `options.customers` customers within a budget of
/// `max_moments` moments (customer-steps): no customer starts once the
/// budget is spent, and the customer walking then finishes (a walk is at
/// most `settings.maxSteps` moments), so at least one customer is always
/// simulated. The result is a valid estimate over the customers simulated
/// (`customers`, with `requested` the number asked for and
/// `budget_exhausted` set when they differ), and equals the first
/// `customers` customers of the unlimited run. A run costs about
/// `analysis.expected_touchpoints × customers` moments.
///
/// # Errors
/// As [`simulate`].
///
/// # Example
/// ```
/// use journeygraph::simulate::{simulate_within, Options};
/// let j = journeygraph::format::sample();
/// let s = simulate_within(&j, Options { customers: 10_000, seed: 1 }, 5_000)?;
/// assert!(s.budget_exhausted && s.customers < s.requested);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn simulate_within(
    journey: &Journey,
    options: Options,
    max_moments: u64,
) -> Result<Simulation> {
    let mut s = Simulator::new(journey, options)?;
    s.run(max_moments.max(1));
    s.finish_walk();
    s.result().ok_or_else(|| JourneyError::OutOfRange {
        path: "/maxMoments".to_string(),
        detail: "maxMoments left no customer to simulate.".to_string(),
    })
}
