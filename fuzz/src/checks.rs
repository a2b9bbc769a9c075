//! What every accepted journey must satisfy (SPEC sections 3 and 5): the
//! checks the fuzz targets run on each journey they get past validation,
//! and that `tests/domain.rs` runs on its generated journeys (it includes
//! this file with `#[path]`, so the two never drift apart).
//!
//! Only the public API is used. A violated check panics with the journey's
//! canonical JSON in the message, so a crash is its own reproducer.
//!
//! The one judgement call is the oracle for `closed_loop`: a touchpoint
//! "leaks" when its dropout is above 0 or it is an end, and is trapped when
//! no chain of transitions leads it to a leak. Where the only way out is a
//! dropout or a branch share below 2⁻⁵³ (so that 1 − d, or 1 − P, is 1 in
//! floating point), the exact visits can exceed f64::MAX (a self-loop with
//! dropout 5e-324 is visited 2e323 times) and no finite figure exists; there
//! the engine may answer `closed_loop` as well. Figures it does give must
//! still be finite and add up.

#![allow(dead_code)] // tests/domain.rs uses a part of it

use std::collections::HashMap;

use journeygraph::analysis::{analyze, curve, opportunities, removal_effects, Analysis};
use journeygraph::compare::compare;
use journeygraph::diagnostics::{diagnostics, Severity, NEGLIGIBLE};
use journeygraph::format::{from_json, to_json};
use journeygraph::layout::layout;
use journeygraph::simulate::{simulate, Options};
use journeygraph::{Journey, JourneyError};

/// SPEC section 3: figures exact to 1e-9, relative.
pub const REL: f64 = 1e-9;

/// Deltas the opportunities are ranked with.
pub const DELTAS: [f64; 4] = [0.5, 1.0, -0.5, 2.0];

/// How much simulated work one check may do, in moments (customers ×
/// maxSteps), so a journey with maxSteps 1,000,000 stays quick.
pub const MOMENT_BUDGET: u64 = 200_000;

/// |a − b| ≤ tol · max(1, |b|).
pub fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

/// What the structure of the journey says the analysis must answer,
/// worked out here, independently of the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// Nobody can start: every entry 0 and every touchpoint has a
    /// transition into it (or there is no touchpoint).
    pub no_entry: bool,
    /// Ids of the touchpoints that can never get out.
    pub trapped: Vec<String>,
    /// Ids of the touchpoints whose every way out is below 2⁻⁵³ (see the
    /// module notes): `closed_loop` is also acceptable for these.
    pub numerically_trapped: Vec<String>,
}

impl Expectation {
    pub fn of(j: &Journey) -> Expectation {
        let tps: Vec<_> = j.touchpoints().collect();
        let n = tps.len();
        let pos: HashMap<&str, usize> = tps
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut out: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        let mut has_in = vec![false; n];
        for t in j.transitions() {
            let (a, b) = (pos[t.from.as_str()], pos[t.to.as_str()]);
            out[a].push((b, t.weight));
            has_in[b] = true;
        }
        let any_entry = tps.iter().any(|t| t.entry > 0.0);
        let no_entry = !any_entry && has_in.iter().all(|h| *h);
        let trapped_with = |tiny: bool| -> Vec<String> {
            // A leak: dropout (representable in 1 − d when `tiny`), or an end.
            let leak = |i: usize| {
                let d = tps[i].dropout;
                out[i].is_empty() || if tiny { 1.0 - d < 1.0 } else { d > 0.0 }
            };
            let mut free: Vec<bool> = (0..n).map(leak).collect();
            // Backwards over transitions; with `tiny`, a branch counts only
            // when its share of the row is representable next to 1.
            let mut changed = true;
            while changed {
                changed = false;
                for i in 0..n {
                    if free[i] {
                        continue;
                    }
                    let max = out[i].iter().fold(0.0f64, |m, e| m.max(e.1));
                    let total: f64 = out[i].iter().map(|e| e.1 / max).sum();
                    let ok = out[i]
                        .iter()
                        .any(|&(k, w)| free[k] && k != i && (!tiny || 1.0 - w / max / total < 1.0));
                    if ok {
                        free[i] = true;
                        changed = true;
                    }
                }
            }
            (0..n)
                .filter(|&i| !free[i])
                .map(|i| tps[i].id.clone())
                .collect()
        };
        let trapped = trapped_with(false);
        let numerically_trapped = trapped_with(true);
        Expectation {
            no_entry,
            trapped,
            numerically_trapped,
        }
    }

    /// The codes the analysis may fail with; empty when it must succeed.
    pub fn allowed(&self) -> Vec<&'static str> {
        if self.no_entry {
            vec!["no_entry"]
        } else if !self.trapped.is_empty() || !self.numerically_trapped.is_empty() {
            vec!["closed_loop"]
        } else {
            Vec::new()
        }
    }

    pub fn must_fail(&self) -> bool {
        self.no_entry || !self.trapped.is_empty()
    }
}

/// A readable context for a failed check: the journey's file text
/// (shortened when huge).
pub fn context(j: &Journey) -> String {
    let text = to_json(j);
    if text.len() > 20_000 {
        format!(
            "{}… ({} bytes)",
            &text[..text.char_indices().nth(20_000).map_or(text.len(), |c| c.0)],
            text.len()
        )
    } else {
        text
    }
}

macro_rules! ensure {
    ($j:expr, $cond:expr, $($arg:tt)+) => {{
        // A bool first: a NaN must fail the condition, not pass its negation.
        let holds: bool = $cond;
        if !holds {
            panic!("{}\njourney:\n{}", format!($($arg)+), context($j));
        }
    }};
}

fn finite(j: &Journey, x: f64, what: &str) {
    ensure!(j, x.is_finite(), "{what} is {x}, not a finite number");
}

fn unit(j: &Journey, x: f64, what: &str) {
    finite(j, x, what);
    ensure!(
        j,
        (-REL..=1.0 + REL).contains(&x),
        "{what} is {x}, outside [0, 1]"
    );
}

/// Checks an analysis error against the expectation.
pub fn check_error(j: &Journey, e: &JourneyError, exp: &Expectation, what: &str) {
    let allowed = exp.allowed();
    ensure!(
        j,
        allowed.contains(&e.code()),
        "{what} failed with `{}` ({e}); expected {}",
        e.code(),
        if allowed.is_empty() {
            "figures".to_string()
        } else {
            allowed.join(" or ")
        }
    );
    if let JourneyError::ClosedLoop { touchpoints, .. } = e {
        ensure!(
            j,
            !touchpoints.is_empty(),
            "{what}: closed_loop names no touchpoint"
        );
        for id in touchpoints {
            ensure!(
                j,
                exp.trapped.contains(id) || exp.numerically_trapped.contains(id),
                "{what}: closed_loop names \"{id}\", which can get out (trapped: {:?})",
                exp.trapped
            );
        }
    }
}

/// SPEC section 3's identities on one analysis.
pub fn check_analysis(j: &Journey, a: &Analysis) {
    for (x, what) in [
        (a.success, "success"),
        (a.completion, "completion"),
        (a.dropout, "dropout"),
        (a.service_share, "serviceShare"),
        (a.proactive_share, "proactiveShare"),
    ] {
        unit(j, x, what);
    }
    finite(j, a.expected_touchpoints, "expectedTouchpoints");
    finite(j, a.emotional_load, "emotionalLoad");
    finite(j, a.mean_felt, "meanFelt");
    ensure!(
        j,
        a.expected_touchpoints >= 1.0 - REL,
        "expectedTouchpoints is {}; every customer experiences at least one moment",
        a.expected_touchpoints
    );
    ensure!(
        j,
        (-1.0 - REL..=1.0 + REL).contains(&a.mean_felt),
        "meanFelt is {}",
        a.mean_felt
    );
    let sum = a.dropout + a.completion;
    ensure!(
        j,
        near(sum, 1.0, REL),
        "dropout {} + completion {} = {sum}, not 1",
        a.dropout,
        a.completion
    );
    ensure!(
        j,
        a.touchpoints.len() == j.touchpoint_count(),
        "{} touchpoint figures for {} touchpoints",
        a.touchpoints.len(),
        j.touchpoint_count()
    );
    for (id, f) in a.touchpoints.iter() {
        finite(j, f.visits, &format!("visits[{id}]"));
        ensure!(j, f.visits >= 0.0, "visits[{id}] is {}", f.visits);
        unit(j, f.reach, &format!("reach[{id}]"));
        unit(j, f.dropout, &format!("dropout[{id}]"));
        finite(j, f.felt, &format!("felt[{id}]"));
        ensure!(
            j,
            f.reach <= f.visits * (1.0 + REL) + 1e-300,
            "reach[{id}] {} above visits {}",
            f.reach,
            f.visits
        );
    }
}

/// Whether the journey with one touchpoint's emotion raised by delta (and
/// its dropout moved by the sensitivity link) fails to analyse with
/// `closed_loop`, for some touchpoint.
fn some_fix_traps(j: &Journey, delta: f64) -> bool {
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&to_json(j)) else {
        return false;
    };
    let k = j.settings.sensitivity;
    let n = v["touchpoints"].as_array().map_or(0, |a| a.len());
    (0..n).any(|i| {
        let tp = &v["touchpoints"][i];
        let e = tp["emotion"].as_f64().unwrap_or(0.0);
        let d = tp["dropout"].as_f64().unwrap_or(0.0);
        let e_new = (e + delta).clamp(-1.0, 1.0);
        let d_new = journeygraph::analysis::shifted_dropout(d, e, e_new, k);
        let saved = v["touchpoints"][i].clone();
        v["touchpoints"][i]["emotion"] = serde_json::json!(e_new);
        v["touchpoints"][i]["dropout"] = serde_json::json!(d_new);
        let trapped = from_json(&v.to_string())
            .map(|fixed| matches!(analyze(&fixed), Err(JourneyError::ClosedLoop { .. })))
            .unwrap_or(false);
        v["touchpoints"][i] = saved;
        trapped
    })
}

/// Opportunities: one per touchpoint, finite gains, best first.
pub fn check_opportunities(j: &Journey, a: &Analysis, delta: f64) {
    let ops = match opportunities(j, delta) {
        Ok(o) => o,
        // Allowed only where raising some touchpoint's emotion really makes
        // a journey the analysis refuses: the fix would trap customers in a
        // loop (visits beyond what a number holds).
        Err(e) if e.code() == "closed_loop" && some_fix_traps(j, delta) => return,
        Err(e) => panic!(
            "opportunities({delta}) failed with `{}` ({e}) where analyze succeeded\njourney:\n{}",
            e.code(),
            context(j)
        ),
    };
    ensure!(
        j,
        ops.len() == j.touchpoints().filter(|t| t.rated()).count(),
        "opportunities({delta}): {} for {} touchpoints with a rated emotion (unrated ones claim none)",
        ops.len(),
        j.touchpoints().filter(|t| t.rated()).count()
    );
    for o in &ops {
        finite(
            j,
            o.success_gain,
            &format!("opportunities({delta}) successGain[{}]", o.touchpoint),
        );
        finite(
            j,
            o.mean_felt_gain,
            &format!("opportunities({delta}) meanFeltGain[{}]", o.touchpoint),
        );
        finite(
            j,
            o.emotion,
            &format!("opportunities({delta}) emotion[{}]", o.touchpoint),
        );
        let after = a.success + o.success_gain;
        ensure!(
            j,
            (-REL..=1.0 + REL).contains(&after),
            "opportunities({delta}): success {} + gain {} of \"{}\" = {after}, outside [0, 1]",
            a.success,
            o.success_gain,
            o.touchpoint
        );
        let felt = a.mean_felt + o.mean_felt_gain;
        ensure!(
            j,
            (-1.0 - REL..=1.0 + REL).contains(&felt),
            "opportunities({delta}): meanFelt {} + gain {} of \"{}\" = {felt}, outside [-1, 1]",
            a.mean_felt,
            o.mean_felt_gain,
            o.touchpoint
        );
    }
    for w in ops.windows(2) {
        let (x, y) = (&w[0], &w[1]);
        let sorted = x.success_gain > y.success_gain
            || (x.success_gain == y.success_gain && x.mean_felt_gain >= y.mean_felt_gain);
        ensure!(
            j,
            sorted,
            "opportunities({delta}) not best first: \"{}\" ({}, {}) before \"{}\" ({}, {})",
            x.touchpoint,
            x.success_gain,
            x.mean_felt_gain,
            y.touchpoint,
            y.success_gain,
            y.mean_felt_gain
        );
    }
}

/// Removal effects: one per touchpoint, each in [0, 1].
pub fn check_removal_effects(j: &Journey) {
    match removal_effects(j) {
        Ok(re) => {
            ensure!(
                j,
                re.len() == j.touchpoint_count(),
                "{} removal effects for {} touchpoints",
                re.len(),
                j.touchpoint_count()
            );
            for (id, x) in re.iter() {
                unit(j, *x, &format!("removal effect[{id}]"));
            }
        }
        Err(e) => panic!(
            "removal_effects failed with `{}` ({e}) where analyze succeeded\njourney:\n{}",
            e.code(),
            context(j)
        ),
    }
}

/// Customers to simulate within [`MOMENT_BUDGET`].
pub fn customers_for(j: &Journey, most: u32) -> u32 {
    let steps = u64::from(j.settings.max_steps.max(1));
    (MOMENT_BUDGET / steps).clamp(1, u64::from(most)) as u32
}

/// The simulation: no panic, finite figures, shares in [0, 1].
pub fn check_simulation(j: &Journey, exp: &Expectation, customers: u32, seed: u64) {
    match simulate(j, Options { customers, seed }) {
        Ok(s) => {
            ensure!(
                j,
                s.customers == customers,
                "simulated {} customers, asked {customers}",
                s.customers
            );
            finite(j, s.remembered.mean, "remembered.mean");
            finite(j, s.remembered.half_width, "remembered.halfWidth");
            ensure!(
                j,
                (-1.0 - REL..=1.0 + REL).contains(&s.remembered.mean),
                "remembered.mean is {}",
                s.remembered.mean
            );
            unit(j, s.satisfied, "satisfied");
            finite(j, s.promoter_index, "promoterIndex");
            ensure!(
                j,
                (-100.0..=100.0).contains(&s.promoter_index),
                "promoterIndex is {}",
                s.promoter_index
            );
            unit(j, s.success.mean, "simulated success");
            unit(j, s.dropout.mean, "simulated dropout");
            finite(j, s.success.half_width, "success.halfWidth");
            finite(j, s.dropout.half_width, "dropout.halfWidth");
            let steps = u64::from(j.settings.max_steps);
            ensure!(
                j,
                s.moments >= u64::from(customers) && s.moments <= u64::from(customers) * steps,
                "{} moments for {customers} customers of at most {steps}",
                s.moments
            );
        }
        Err(e) => {
            // simulate walks without solving: it may refuse a journey
            // nobody can start, and (like the analysis) a closed loop.
            let ok = match e.code() {
                "no_entry" => exp.no_entry,
                "closed_loop" => !exp.allowed().is_empty(),
                _ => false,
            };
            ensure!(
                j,
                ok,
                "simulate failed with `{}` ({e}); expected figures",
                e.code()
            );
        }
    }
}

/// Diagnostics agree with the analysis: an error-severity diagnostic
/// exactly when the analysis fails (for a journey that really is
/// `no_entry`/`closed_loop`), and no "negligible branch" that is not.
pub fn check_diagnostics(j: &Journey, result: &Result<Analysis, JourneyError>, exp: &Expectation) {
    let ds = diagnostics(j);
    let errors: Vec<&str> = ds
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code)
        .collect();
    match result {
        Ok(_) => ensure!(
            j,
            errors.is_empty(),
            "diagnostics report errors {errors:?}, yet the analysis succeeds"
        ),
        Err(e) if exp.must_fail() => {
            ensure!(
                j,
                errors.contains(&e.code()),
                "the analysis fails with `{}`, diagnostics report errors {errors:?}",
                e.code()
            )
        }
        Err(_) => {} // numerically trapped: diagnostics may see a way out
    }
    let trs = j.transitions();
    for d in ds.iter().filter(|d| d.code == "negligible_branch") {
        let k: usize = d
            .path
            .trim_start_matches("/transitions/")
            .parse()
            .unwrap_or(usize::MAX);
        ensure!(
            j,
            k < trs.len(),
            "negligible_branch at {}, not a transition",
            d.path
        );
        let t = &trs[k];
        let row: Vec<f64> = trs
            .iter()
            .filter(|x| x.from == t.from)
            .map(|x| x.weight)
            .collect();
        let max = row.iter().fold(0.0f64, |m, w| m.max(*w));
        let share = (t.weight / max) / row.iter().map(|w| w / max).sum::<f64>();
        ensure!(j, share < NEGLIGIBLE, "diagnostics call the branch {} → {} negligible ({}), but it takes {share} of the customers", t.from, t.to, d.message);
    }
}

/// The map layout: every coordinate finite.
pub fn check_layout(j: &Journey) {
    let m = layout(j);
    let mut xs = vec![
        m.width,
        m.height,
        m.header_height,
        m.curve.y,
        m.curve.height,
        m.curve.zero_y,
    ];
    for s in &m.stages {
        xs.extend([s.x, s.width]);
    }
    for c in &m.cards {
        xs.extend([c.x, c.y, c.width, c.height, c.felt]);
    }
    for a in &m.arrows {
        xs.push(a.share);
        xs.extend(a.points.iter().flatten());
    }
    for p in &m.curve.points {
        xs.extend([p.x, p.y, p.felt]);
    }
    for l in &m.lanes {
        xs.extend([l.y, l.height]);
        for c in &l.cells {
            xs.extend([c.x, c.width]);
        }
    }
    for (i, x) in xs.iter().enumerate() {
        ensure!(j, x.is_finite(), "layout number {i} is {x}");
    }
    ensure!(
        j,
        m.cards.len() == j.touchpoint_count(),
        "layout has {} cards for {} touchpoints",
        m.cards.len(),
        j.touchpoint_count()
    );
}

pub fn check_curve(j: &Journey, exp: &Expectation) {
    match curve(j) {
        Ok(c) => {
            unit(j, c.path_probability, "curve pathProbability");
            for m in &c.path {
                finite(j, m.felt, "curve felt");
            }
            for s in &c.stages {
                finite(j, s.visits, "stage visits");
                if let Some(f) = s.felt {
                    finite(j, f, "stage felt");
                }
            }
            if let Some(p) = c.peak {
                ensure!(j, p < c.path.len(), "curve peak {p} past the path");
            }
        }
        Err(e) => check_error(j, &e, exp, "curve"),
    }
}

/// Export then import gives back the same journey, and the same text.
pub fn check_round_trip(j: &Journey) {
    let text = to_json(j);
    match from_json(&text) {
        Ok(back) => {
            ensure!(
                j,
                &back == j,
                "the journey read back from its export differs"
            );
            ensure!(
                j,
                to_json(&back) == text,
                "export of the re-imported journey differs"
            );
        }
        Err(e) => panic!(
            "the journey's own export is refused: `{}` at {}: {e}\njourney:\n{}",
            e.code(),
            e.path(),
            context(j)
        ),
    }
}

/// Everything at once: the analysis and all that rests on it, the curve,
/// the layout, the diagnostics, the simulation (within the moment budget)
/// and, `scenarios` deep, every scenario compared and checked in turn.
pub fn check_journey(j: &Journey, scenarios: bool) {
    check_journey_with(j, scenarios, true);
}

/// [`check_journey`]; `simulate` false leaves out the simulation (a
/// scenario's changed journey: `compare` has just simulated it, and with
/// maxSteps 1,000,000 one walk can be a million moments).
fn check_journey_with(j: &Journey, scenarios: bool, simulate: bool) {
    let exp = Expectation::of(j);
    let result = analyze(j);
    match &result {
        Ok(a) => {
            ensure!(
                j,
                !exp.must_fail(),
                "analysis succeeded, but the journey is {}",
                if exp.no_entry {
                    "no_entry".to_string()
                } else {
                    format!("a closed loop of {:?}", exp.trapped)
                }
            );
            check_analysis(j, a);
            for delta in DELTAS {
                check_opportunities(j, a, delta);
            }
            check_removal_effects(j);
        }
        Err(e) => {
            check_error(j, e, &exp, "analyze");
            for delta in DELTAS {
                if let Err(e) = opportunities(j, delta) {
                    check_error(j, &e, &exp, "opportunities");
                } else {
                    panic!(
                        "opportunities succeed where analyze fails\njourney:\n{}",
                        context(j)
                    );
                }
            }
            if let Err(e) = removal_effects(j) {
                check_error(j, &e, &exp, "removal_effects");
            }
        }
    }
    check_curve(j, &exp);
    check_layout(j);
    check_diagnostics(j, &result, &exp);
    if simulate {
        check_simulation(j, &exp, customers_for(j, 16), 7);
    }
    if scenarios {
        let options = Options {
            customers: customers_for(j, 2),
            seed: 3,
        };
        for sc in &j.scenarios {
            let changed = j.with_changes(&sc.changes, "/changes");
            let compared = compare(j, sc, options);
            match (changed, compared) {
                (Ok(changed), Ok(c)) => {
                    for (x, what) in [
                        (c.delta.success, "delta success"),
                        (c.delta.dropout, "delta dropout"),
                        (c.delta.mean_felt, "delta meanFelt"),
                        (c.delta.remembered, "delta remembered"),
                        (c.delta.promoter_index, "delta promoterIndex"),
                    ] {
                        finite(j, x, &format!("scenario {}: {what}", sc.id));
                    }
                    check_journey_with(&changed, false, false);
                }
                (Ok(changed), Err(e)) => {
                    // The baseline or the changed journey may be refused,
                    // for what it really is.
                    let base = Expectation::of(j);
                    let other = Expectation::of(&changed);
                    let ok = ["no_entry", "closed_loop"].contains(&e.code())
                        && (!base.allowed().is_empty() || !other.allowed().is_empty());
                    ensure!(j, ok, "compare(\"{}\") failed with `{}` ({e})", sc.id, e.code());
                    check_journey_with(&changed, false, false);
                }
                (Err(e), _) => panic!("scenario \"{}\" of an accepted journey no longer applies: `{}` {e}\njourney:\n{}", sc.id, e.code(), context(j)),
            }
        }
    }
}

/// One touchpoint of a generated journey.
#[derive(Debug, Clone, PartialEq)]
pub struct TpSpec {
    pub emotion: f64,
    pub impact: f64,
    pub dropout: f64,
    pub entry: f64,
    pub goal: bool,
    pub service: bool,
    pub proactive: bool,
    pub stage: usize,
}

/// One change of a generated scenario: `kind` 0 sets emotion, 1 shifts it,
/// 2 sets impact, 3 sets dropout, 4 shifts dropout, 5 sets the weight of
/// transition `target` (of the file's transitions); otherwise of
/// touchpoint `target`. Targets wrap around.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeSpec {
    pub kind: u8,
    pub target: usize,
    pub value: f64,
}

/// A journey anywhere in the accepted domain, as plain numbers; written
/// as file text and read through the public file format.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub stages: usize,
    pub tps: Vec<TpSpec>,
    /// (from, to, weight) by position; duplicates are merged by keeping the first.
    pub edges: Vec<(usize, usize, f64)>,
    pub sensitivity: f64,
    pub max_steps: u32,
    /// peak, end (mean is what is left).
    pub remember: (f64, f64),
    pub satisfied_at: f64,
    pub promoter_at: f64,
    pub scenarios: Vec<Vec<ChangeSpec>>,
}

impl Spec {
    /// The file text.
    pub fn json(&self) -> String {
        use serde_json::{json, Value};
        let stages = self.stages.max(1);
        let n = self.tps.len();
        let tps: Vec<Value> = self
            .tps
            .iter()
            .enumerate()
            .map(|(i, t)| {
                json!({"id": format!("t{i}"), "name": format!("Touchpoint {i}"), "stage": format!("s{}", t.stage % stages),
                    "emotion": t.emotion, "impact": t.impact, "dropout": t.dropout, "entry": t.entry,
                    "goal": t.goal, "service": t.service, "proactive": t.proactive})
            })
            .collect();
        let mut seen = std::collections::HashSet::new();
        let mut trs = Vec::new();
        if n > 0 {
            for &(a, b, w) in &self.edges {
                let (a, b) = (a % n, b % n);
                if seen.insert((a, b)) {
                    trs.push(json!({"from": format!("t{a}"), "to": format!("t{b}"), "weight": w}));
                }
            }
        }
        let (peak, end) = self.remember;
        let peak = peak.clamp(0.0, 1.0);
        let end = end.clamp(0.0, 1.0 - peak);
        let mean = (1.0 - peak - end).max(0.0);
        let scenarios: Vec<Value> = self
            .scenarios
            .iter()
            .enumerate()
            .map(|(s, changes)| {
                let changes: Vec<Value> = changes
                    .iter()
                    .filter_map(|c| {
                        if c.kind % 6 == 5 {
                            let t = trs.get(c.target % trs.len().max(1))?;
                            let w = if c.value > 0.0 { c.value } else { 1.0 };
                            return Some(json!({"from": t["from"], "to": t["to"], "weight": w}));
                        }
                        if n == 0 {
                            return None;
                        }
                        let id = format!("t{}", c.target % n);
                        let (field, v) = match c.kind % 6 {
                            0 => ("emotion", c.value.clamp(-1.0, 1.0)),
                            1 => ("emotionBy", c.value.clamp(-2.0, 2.0)),
                            2 => ("impact", c.value.clamp(0.0, 1.0)),
                            3 => ("dropout", c.value.clamp(0.0, 1.0)),
                            _ => ("dropoutBy", c.value.clamp(-1.0, 1.0)),
                        };
                        Some(json!({"touchpoint": id, field: v}))
                    })
                    .collect();
                json!({"id": format!("sc{s}"), "name": format!("Scenario {s}"), "changes": changes})
            })
            .collect();
        let file = json!({
            "format": "journeygraph", "version": 1, "title": "Generated",
            "stages": (0..stages).map(|s| json!({"id": format!("s{s}"), "name": format!("Stage {s}")})).collect::<Vec<_>>(),
            "touchpoints": tps,
            "transitions": trs,
            "settings": {"sensitivity": self.sensitivity, "maxSteps": self.max_steps,
                "rememberWeights": {"peak": peak, "end": end, "mean": mean},
                "satisfiedAt": self.satisfied_at, "promoterAt": self.promoter_at},
            "scenarios": scenarios,
        });
        file.to_string()
    }

    /// The journey; panics when validation refuses it (every value is in
    /// range by construction, so a refusal is a finding too).
    pub fn journey(&self) -> Journey {
        let text = self.json();
        from_json(&text).unwrap_or_else(|e| {
            panic!(
                "a journey inside the accepted domain is refused: `{}` at {}: {e}\n{text}",
                e.code(),
                e.path()
            )
        })
    }
}
