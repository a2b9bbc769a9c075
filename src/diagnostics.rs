//! Problems of a journey that do not stop it from being opened or edited:
//! errors that stop the analysis (`no_entry`, `closed_loop`) and warnings
//! that only deserve a look (unreachable touchpoints, dead ends that are not
//! goals, empty stages).

use std::collections::HashSet;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{Bfs, EdgeRef, NodeIndexable, Walker};
use petgraph::Direction;
use serde::Serialize;

use crate::error::JourneyError;
use crate::model::Journey;

/// A branch taking less than this share of its touchpoint's customers is
/// reported as negligible.
pub const NEGLIGIBLE: f64 = 0.001;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The analysis cannot run until this is fixed.
    Error,
    /// Worth a look; everything still works.
    Warning,
}

/// One finding about a journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    /// JSON pointer of the thing concerned.
    pub path: String,
    pub message: String,
}

impl Diagnostic {
    fn warning(code: &'static str, path: String, message: String) -> Self {
        Diagnostic {
            code,
            severity: Severity::Warning,
            path,
            message,
        }
    }

    fn from_error(e: &JourneyError) -> Self {
        Diagnostic {
            code: e.code(),
            severity: Severity::Error,
            path: e.path().to_string(),
            message: e.to_string(),
        }
    }
}

/// Where customers start, by file position: touchpoints with an entry share,
/// or, when no touchpoint has one, those without incoming transitions.
pub fn entry_positions(journey: &Journey) -> Vec<usize> {
    let with_share: Vec<usize> = journey
        .touchpoints()
        .enumerate()
        .filter(|(_, t)| t.entry > 0.0)
        .map(|(i, _)| i)
        .collect();
    if !with_share.is_empty() {
        return with_share;
    }
    journey
        .touchpoints()
        .enumerate()
        .filter(|(_, t)| journey.in_degree(&t.id) == 0)
        .map(|(i, _)| i)
        .collect()
}

/// The sets of touchpoints customers can enter and never leave: strongly
/// connected components with at least one internal transition, no
/// transition out, and no dropout (nor failing fail point) anywhere inside. Each set lists file
/// positions, in file order.
pub fn closed_loops(journey: &Journey) -> Vec<Vec<usize>> {
    let (graph, order) = journey.graph();
    let mut pos = vec![usize::MAX; graph.node_bound()];
    for (i, n) in order.iter().enumerate() {
        pos[n.index()] = i;
    }
    // A fail point serving a touchpoint is a way out there too.
    let keep = crate::model::blueprint::fail_keep(&journey.items);
    let mut traps = Vec::new();
    for found in crate::scc::of_graph(graph).iter() {
        let first = NodeIndex::new(found[0] as usize);
        let cyclic = found.len() > 1 || graph.find_edge(first, first).is_some();
        if !cyclic {
            continue;
        }
        let scc: Vec<NodeIndex> = found.iter().map(|&v| NodeIndex::new(v as usize)).collect();
        let members: HashSet<_> = scc.iter().copied().collect();
        let leaks = scc.iter().any(|&n| {
            graph[n].dropout > 0.0
                || keep.get(graph[n].id.as_str()).is_some_and(|&k| k < 1.0)
                || graph
                    .edges_directed(n, Direction::Outgoing)
                    .any(|e| !members.contains(&e.target()))
        });
        if !leaks {
            let mut set: Vec<usize> = scc.iter().map(|n| pos[n.index()]).collect();
            crate::sort::sort(&mut set);
            traps.push(set);
        }
    }
    crate::sort::sort(&mut traps);
    traps
}

/// The `closed_loop` error for a trap of file positions.
pub fn closed_loop_error(journey: &Journey, trap: &[usize]) -> JourneyError {
    let tps: Vec<_> = journey.touchpoints().collect();
    let ids: Vec<String> = trap.iter().map(|&i| tps[i].id.clone()).collect();
    let names: Vec<String> = trap
        .iter()
        .map(|&i| format!("\"{}\"", tps[i].name))
        .collect();
    JourneyError::ClosedLoop {
        path: format!("/touchpoints/{}", trap.first().copied().unwrap_or(0)),
        touchpoints: ids,
        names: names.join(", "),
    }
}

/// Every diagnostic of the journey, errors first.
pub fn diagnostics(journey: &Journey) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let entries = entry_positions(journey);
    if entries.is_empty() {
        out.push(Diagnostic::from_error(&JourneyError::NoEntry));
    }
    for trap in closed_loops(journey) {
        out.push(Diagnostic::from_error(&closed_loop_error(journey, &trap)));
    }
    // Reachability from the entries, by breadth-first search on the graph.
    let (graph, order) = journey.graph();
    let mut reached = vec![false; graph.node_bound()];
    for &i in &entries {
        for n in Bfs::new(graph, order[i]).iter(graph) {
            if reached[n.index()] {
                continue;
            }
            reached[n.index()] = true;
        }
    }
    // Branches so light that almost nobody takes them: usually a typo in a
    // weight (1 instead of 1000), and invisible on the map.
    // Shares are taken with weights scaled by the largest of their row, so
    // a sum of weights near f64::MAX cannot overflow; one sum per row.
    let mut rows: std::collections::HashMap<&str, (f64, f64)> = std::collections::HashMap::new();
    for (k, t) in journey.transitions().iter().enumerate() {
        let (max, scaled) = *rows.entry(t.from.as_str()).or_insert_with(|| {
            let ws: Vec<f64> = journey.successors(&t.from).iter().map(|s| s.1).collect();
            let max = ws.iter().fold(0.0f64, |m, &w| m.max(w));
            (max, ws.iter().map(|w| w / max).sum())
        });
        let total = max * scaled;
        let share = t.weight / max / scaled;
        if share < NEGLIGIBLE {
            out.push(Diagnostic::warning(
                "negligible_branch",
                format!("/transitions/{k}"),
                format!("Only {:.3}% of the customers leaving \"{}\" go to \"{}\" (weight {} of {}). Check the weight, or remove the transition.", share * 100.0, t.from, t.to, t.weight, total),
            ));
        }
    }
    let mut used_stages = HashSet::new();
    for (i, (tp, n)) in journey.touchpoints().zip(order.iter()).enumerate() {
        used_stages.insert(tp.stage.as_str());
        if !entries.is_empty() && !reached[n.index()] {
            out.push(Diagnostic::warning(
                "unreachable",
                format!("/touchpoints/{i}"),
                format!("No customer can reach \"{}\": no transition leads to it from where customers start.", tp.name),
            ));
        }
        if !tp.goal
            && graph
                .edges_directed(*n, Direction::Outgoing)
                .next()
                .is_none()
        {
            out.push(Diagnostic::warning(
                "dead_end",
                format!("/touchpoints/{i}"),
                format!("\"{}\" is an end of the journey but not a goal: customers who get here finish without success. Mark it as a goal or add a transition out of it.", tp.name),
            ));
        }
    }
    for (s, stage) in journey.stages.iter().enumerate() {
        if !used_stages.contains(stage.id.as_str()) {
            out.push(Diagnostic::warning(
                "empty_stage",
                format!("/stages/{s}"),
                format!("Stage \"{}\" has no touchpoints.", stage.name),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::from_json;

    #[test]
    fn a_branch_under_a_tenth_of_a_percent_is_reported_with_its_path() {
        let j = from_json(
            r#"{"format":"journeygraph","version":1,"stages":[{"id":"s","name":"S"}],
            "touchpoints":[{"id":"a","name":"A","stage":"s","entry":1,"goal":true},
                           {"id":"b","name":"B","stage":"s","goal":true},
                           {"id":"c","name":"C","stage":"s","goal":true}],
            "transitions":[{"from":"a","to":"b","weight":5000},{"from":"a","to":"c","weight":1}]}"#,
        )
        .expect("valid");
        let found: Vec<_> = diagnostics(&j)
            .into_iter()
            .filter(|d| d.code == "negligible_branch")
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/transitions/1");
        assert!(found[0].message.contains("\"a\"") && found[0].message.contains("\"c\""));
    }
}
