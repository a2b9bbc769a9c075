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
    /// Differences of the outcomes that add up (see [`Analysis`]).
    pub lost_before_goal: f64,
    pub ended_elsewhere: f64,
    pub left_after_goal: f64,
    pub stayed_to_end: f64,
    /// Difference of the mean remembered experience.
    pub remembered: f64,
    pub satisfied: f64,
    pub promoter_index: f64,
}

/// Why a scenario moves the figures: one touchpoint it changes, before
/// and after, from the exact analyses of both.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Move {
    pub touchpoint: String,
    pub name: String,
    /// Its emotion in the baseline and in the scenario (null: not rated).
    pub emotion_before: Option<f64>,
    pub emotion_after: Option<f64>,
    /// Share of customers who arrive here at least once.
    pub reach_before: f64,
    pub reach_after: f64,
    /// The dropout in effect (a change of emotion moves it with the
    /// sensitivity, SPEC section 3).
    pub dropout_before: f64,
    pub dropout_after: f64,
    /// Customers who give up right after it, per customer (visits × dropout).
    pub left_before: f64,
    pub left_after: f64,
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
    /// Each touchpoint of the baseline that a change names (its emotion,
    /// impact or dropout, or a transition out of it) and the scenario
    /// keeps, in the order of the changes: why the figures moved.
    pub touchpoints: Vec<Move>,
}

/// The touchpoints `changes` name that both journeys hold, first mention first.
fn moves(
    base: &Journey,
    changed: &Journey,
    scenario: &Scenario,
    b: &Analysis,
    s: &Analysis,
) -> Vec<Move> {
    let mut seen: Vec<&str> = Vec::new();
    for c in &scenario.changes {
        // A fail point's new rate moves the touchpoints it serves.
        let served = c
            .item
            .as_deref()
            .and_then(|id| base.items.iter().find(|i| i.id == id))
            .map_or(&[][..], |i| &i.touchpoints[..]);
        let named = [c.touchpoint.as_deref(), c.from.as_deref()];
        for id in named
            .into_iter()
            .flatten()
            .chain(served.iter().map(String::as_str))
        {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
    }
    seen.into_iter()
        .filter_map(|id| {
            let (tb, ts) = (base.touchpoint(id)?, changed.touchpoint(id)?);
            let (fb, fs) = (b.touchpoints.get(id)?, s.touchpoints.get(id)?);
            Some(Move {
                touchpoint: id.to_string(),
                name: ts.name.clone(),
                emotion_before: tb.emotion,
                emotion_after: ts.emotion,
                reach_before: fb.reach,
                reach_after: fs.reach,
                dropout_before: fb.dropout,
                dropout_after: fs.dropout,
                left_before: fb.visits * fb.dropout,
                left_after: fs.visits * fs.dropout,
            })
        })
        .collect()
}

fn figures(journey: &Journey, options: Options) -> Result<Figures> {
    Ok(Figures {
        analysis: analyze(journey)?,
        simulation: simulate(journey, options)?,
    })
}

/// Why a scenario moves the figures, without simulating: the exact
/// before and after of each touchpoint its changes name (see
/// [`Comparison::touchpoints`]). What a live what-if shows on every edit.
///
/// # Errors
/// Those of applying the scenario (under `/changes`), then those of the
/// analysis.
///
/// # Example
/// ```
/// use journeygraph::{compare::explain, format::sample};
/// let j = sample();
/// let moves = explain(&j, &j.scenarios[0])?;
/// assert!(moves.iter().all(|m| m.reach_before >= 0.0 && m.dropout_after <= 1.0));
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn explain(journey: &Journey, scenario: &Scenario) -> Result<Vec<Move>> {
    let changed = journey.with_changes(&scenario.changes, "/changes")?;
    let (b, s) = (analyze(journey)?, analyze(&changed)?);
    Ok(moves(journey, &changed, scenario, &b, &s))
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
        lost_before_goal: s.lost_before_goal - b.lost_before_goal,
        ended_elsewhere: s.ended_elsewhere - b.ended_elsewhere,
        left_after_goal: s.left_after_goal - b.left_after_goal,
        stayed_to_end: s.stayed_to_end - b.stayed_to_end,
        remembered: ss.remembered.mean - bs.remembered.mean,
        satisfied: ss.satisfied - bs.satisfied,
        promoter_index: ss.promoter_index - bs.promoter_index,
    };
    let touchpoints = moves(journey, &changed, scenario, b, s);
    Ok(Comparison {
        touchpoints,
        scenario_id: scenario.id.clone(),
        name: scenario.name.clone(),
        baseline,
        scenario: scenario_figures,
        delta,
    })
}

/// Why a persona's figures could not be computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub path: String,
}

/// One persona's exact figures, to show beside everyone's (the drawn
/// journey's). `analysis` has no per-touchpoint figures (`touchpoints` is
/// empty); `for_persona` gives the journey for those.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonaFigures {
    pub id: String,
    pub name: String,
    /// Touchpoints this persona skips, and touchpoints it overrides.
    pub skipped: usize,
    pub overridden: usize,
    /// The figures of the journey this persona walks; none when `problem`.
    pub analysis: Option<Analysis>,
    pub problem: Option<Problem>,
}

/// Every persona's figures, in file order (empty without personas). A
/// persona whose journey cannot be analysed (its entries all 0, a closed
/// loop) says why instead, and the others are still there.
pub fn persona_figures(journey: &Journey) -> Vec<PersonaFigures> {
    journey
        .personas
        .iter()
        .map(|p| {
            let figures = crate::model::for_persona(journey, &p.id)
                .and_then(|j| crate::analysis::analyze_with(&j, false));
            let (analysis, problem) = match figures {
                Ok(a) => (Some(a), None),
                Err(e) => (
                    None,
                    Some(Problem {
                        code: e.code(),
                        message: e.to_string(),
                        path: e.path().to_string(),
                    }),
                ),
            };
            PersonaFigures {
                id: p.id.clone(),
                name: p.name.clone(),
                skipped: p.skip.len(),
                overridden: p.overrides.len(),
                analysis,
                problem,
            }
        })
        .collect()
}
