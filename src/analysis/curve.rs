//! The emotional curve the editor draws: felt emotion along the most likely
//! path through the journey, and per stage (visit-weighted), with the peak
//! and the end marked, as the peak-end rule remembers them.

use petgraph::algo::astar;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;

use super::{solve, Flow};
use crate::error::Result;
use crate::model::Journey;

/// One moment of the most likely path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurveMoment {
    pub touchpoint: String,
    pub stage: String,
    pub felt: f64,
}

/// The visit-weighted felt emotion of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageFeeling {
    pub stage: String,
    /// Σ visits·felt / Σ visits over the stage; None when nobody gets there.
    pub felt: Option<f64>,
    /// Expected arrivals in the stage per customer.
    pub visits: f64,
}

/// The curve of a journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Curve {
    /// The single most probable complete walk, entry to end.
    pub path: Vec<CurveMoment>,
    /// Its probability.
    pub path_probability: f64,
    /// Index into `path` of the most intense moment (largest |felt|, earliest on ties).
    pub peak: Option<usize>,
    /// Index into `path` of the last moment.
    pub end: Option<usize>,
    pub stages: Vec<StageFeeling>,
}

/// Where customers' journeys end: for each touchpoint in file order, the
/// share of customers whose last moment is there (they drop out after it,
/// or it is an end and they stop there). The shares sum to 1. This is where
/// the END of the curve belongs: where customers actually end, not the
/// rightmost card.
///
/// # Errors
/// As [`super::analyze`].
///
/// # Complexity
/// As [`super::analyze`].
pub fn endings(journey: &Journey) -> Result<Vec<f64>> {
    let flow = Flow::new(journey)?;
    let solved = solve(&flow)?;
    Ok((0..flow.n)
        .map(|i| {
            let v = solved.visits[i];
            let stop = if flow.is_end(i) { 1.0 } else { flow.dropout[i] };
            (v * stop).clamp(0.0, 1.0)
        })
        .collect())
}

/// The curve: the most probable walk that completes the journey (start,
/// every move and finishing at an end), found with petgraph's A* (zero
/// heuristic, i.e. Dijkstra) on costs −ln(probability); and the stage means.
///
/// # Complexity
/// O((n + m) log n) for the path, O(n + m) for the stages.
pub fn curve(journey: &Journey) -> Result<Curve> {
    let flow = Flow::new(journey)?;
    let solved = solve(&flow)?;
    let n = flow.n;
    // Nodes 0..n are touchpoints; n is the start, n + 1 the finish.
    let mut g: DiGraph<(), f64, u32> = DiGraph::with_capacity(n + 2, flow.col.len() + 2 * n);
    for _ in 0..n + 2 {
        g.add_node(());
    }
    let start = NodeIndex::new(n);
    let finish = NodeIndex::new(n + 1);
    // libm, not std: the same bits natively and in wasm.
    let cost = |p: f64| -libm::log(p);
    for i in 0..n {
        if flow.alpha[i] > 0.0 {
            g.add_edge(start, NodeIndex::new(i), cost(flow.alpha[i]));
        }
        let go = 1.0 - flow.dropout[i];
        if go <= 0.0 {
            continue;
        }
        if flow.is_end(i) {
            g.add_edge(NodeIndex::new(i), finish, cost(go));
        }
        for e in flow.row[i] as usize..flow.row[i + 1] as usize {
            let j = flow.col[e] as usize;
            if j != i {
                g.add_edge(NodeIndex::new(i), NodeIndex::new(j), cost(go * flow.p[e]));
            }
        }
    }
    let found = astar(&g, start, |v| v == finish, |e| *e.weight(), |_| 0.0);
    let (path, path_probability) = match found {
        Some((c, nodes)) => (
            nodes
                .into_iter()
                .filter(|v| v.index() < n)
                .map(|v| CurveMoment {
                    touchpoint: flow.id(v.index()).to_string(),
                    stage: flow.stage(v.index()).to_string(),
                    felt: flow.felt[v.index()],
                })
                .collect::<Vec<_>>(),
            libm::exp(-c),
        ),
        None => (Vec::new(), 0.0),
    };
    let mut peak: Option<usize> = None;
    for (k, m) in path.iter().enumerate() {
        if peak.is_none_or(|p| m.felt.abs() > path[p].felt.abs()) {
            peak = Some(k);
        }
    }
    let end = path.len().checked_sub(1);
    let stages = journey
        .stages
        .iter()
        .map(|s| {
            let (mut vis, mut load) = (0.0, 0.0);
            for i in 0..n {
                if flow.stage(i) == s.id {
                    vis += solved.visits[i];
                    load += solved.visits[i] * flow.felt[i];
                }
            }
            StageFeeling {
                stage: s.id.clone(),
                felt: (vis > 0.0).then(|| load / vis),
                visits: vis,
            }
        })
        .collect();
    Ok(Curve {
        path,
        path_probability,
        peak,
        end,
        stages,
    })
}
