//! A scenario beside the baseline: every figure of both, and the difference.

use serde::Serialize;

use crate::analysis::{analyze, Analysis};
use crate::error::Result;
use crate::model::{Journey, Scenario};
use crate::simulate::{simulate, Options, Simulation};

/// The exact analysis and the simulation of one journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    #[serde(flatten)]
    pub analysis: Analysis,
    pub simulation: Simulation,
}

/// Scenario minus baseline, figure by figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delta {
    pub success: f64,
    pub completion: f64,
    pub dropout: f64,
    pub expected_touchpoints: f64,
    pub emotional_load: f64,
    pub mean_felt: f64,
    pub service_share: f64,
    pub proactive_share: f64,
    /// Difference of the mean remembered experience.
    pub remembered: f64,
    pub satisfied: f64,
    pub promoter_index: f64,
}

/// Baseline, scenario and their difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub scenario_id: String,
    pub name: String,
    pub baseline: Figures,
    pub scenario: Figures,
    pub delta: Delta,
}

fn figures(journey: &Journey, options: Options) -> Result<Figures> {
    Ok(Figures {
        analysis: analyze(journey)?,
        simulation: simulate(journey, options)?,
    })
}

/// Applies the scenario to a copy of the baseline and compares. Both
/// simulations use the same customers and seed, so their difference is not
/// blurred by different random draws more than it must be.
///
/// # Errors
/// Those of applying the scenario (with the pointer of the change, under
/// `/changes`), then those of the analysis.
///
/// # Example
/// ```
/// use journeygraph::{compare::compare, format::sample, simulate::Options};
/// let j = sample();
/// let sc = j.scenarios[0].clone();
/// let c = compare(&j, &sc, Options::default())?;
/// assert_eq!(c.delta.success, c.scenario.analysis.success - c.baseline.analysis.success);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn compare(journey: &Journey, scenario: &Scenario, options: Options) -> Result<Comparison> {
    let changed = journey.with_changes(&scenario.changes, "/changes")?;
    let baseline = figures(journey, options)?;
    let scenario_figures = figures(&changed, options)?;
    let (b, s) = (&baseline.analysis, &scenario_figures.analysis);
    let (bs, ss) = (&baseline.simulation, &scenario_figures.simulation);
    let delta = Delta {
        success: s.success - b.success,
        completion: s.completion - b.completion,
        dropout: s.dropout - b.dropout,
        expected_touchpoints: s.expected_touchpoints - b.expected_touchpoints,
        emotional_load: s.emotional_load - b.emotional_load,
        mean_felt: s.mean_felt - b.mean_felt,
        service_share: s.service_share - b.service_share,
        proactive_share: s.proactive_share - b.proactive_share,
        remembered: ss.remembered.mean - bs.remembered.mean,
        satisfied: ss.satisfied - bs.satisfied,
        promoter_index: ss.promoter_index - bs.promoter_index,
    };
    Ok(Comparison {
        scenario_id: scenario.id.clone(),
        name: scenario.name.clone(),
        baseline,
        scenario: scenario_figures,
        delta,
    })
}
