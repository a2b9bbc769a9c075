//! Golden numbers: the engine's results on fixed journeys, written once to
//! `tests/data/golden.json` and checked against on every run.
//!
//! The same file is the contract between the native build and the wasm
//! build: `tests/node/engine.test.mjs` (the built package in Node) and
//! `tests/web.rs` (the wasm boundary in headless Chromium) load each
//! journey from the JSON text stored here and must produce these numbers
//! bit for bit (SPEC section 3: "same journey, customers and seed → same
//! numbers on every platform"). `float_roundtrip` is on, so every f64 in
//! the file parses back, in Rust and in JavaScript, to exactly the value
//! that was computed.
//!
//! Here the freshly computed results must equal the file's, so any drift of
//! the native engine shows up as a failed test naming the figures that
//! moved. When a change of the numbers is intended, rewrite the file and
//! review its diff:
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test golden
//! ```
//!
//! Each operation's outcome is stored as `{"ok": result}` or
//! `{"error": {code, path[, touchpoints]}}`, so the error journeys are
//! golden too.

use std::path::PathBuf;

use journeygraph::analysis::{analyze, curve, opportunities, removal_effects};
use journeygraph::compare::compare;
use journeygraph::format::{from_json, to_json, SAMPLE};
use journeygraph::generate::reference;
use journeygraph::simulate::{simulate, Options};
use journeygraph::{Journey, JourneyError};
use serde::Serialize;
use serde_json::{json, Value};

/// The simulation runs of every journey.
const SIMULATIONS: [Options; 2] = [
    Options {
        customers: 5000,
        seed: 42,
    },
    Options {
        customers: 1000,
        seed: 7,
    },
];

/// The run of both sides of a comparison.
const COMPARE: Options = Options {
    customers: 2000,
    seed: 3,
};

/// The emotion rise of the opportunities.
const DELTA: f64 = 0.5;

/// The generated reference journey (SPEC section 6) in the file, to prove
/// the generator itself is the same on every platform.
const REFERENCE: (usize, u64) = (260, 7);

/// A support loop: website ⇄ support call ⇄ fix, one goal, service and
/// proactive touchpoints, two entries.
const LOOP: &str = r#"{
  "format": "journeygraph",
  "version": 1,
  "title": "Support loop",
  "stages": [{"id": "buy", "name": "Buy"}, {"id": "help", "name": "Help"}],
  "touchpoints": [
    {"id": "ad", "name": "Ad", "stage": "buy", "emotion": 0.2, "impact": 0.4, "dropout": 0.3, "entry": 3, "proactive": true},
    {"id": "site", "name": "Website", "stage": "buy", "emotion": -0.1, "impact": 0.7, "dropout": 0.15, "entry": 1},
    {"id": "order", "name": "Order", "stage": "buy", "emotion": 0.7, "impact": 0.6, "goal": true},
    {"id": "call", "name": "Support call", "stage": "help", "emotion": -0.6, "impact": 0.9, "dropout": 0.2, "service": true},
    {"id": "fix", "name": "Fix", "stage": "help", "emotion": 0.5, "impact": 0.8, "dropout": 0.05, "service": true, "proactive": true}
  ],
  "transitions": [
    {"from": "ad", "to": "site", "weight": 3},
    {"from": "ad", "to": "call"},
    {"from": "site", "to": "call", "weight": 2},
    {"from": "site", "to": "order", "weight": 5},
    {"from": "call", "to": "fix", "weight": 2},
    {"from": "call", "to": "site"},
    {"from": "fix", "to": "call"},
    {"from": "fix", "to": "order", "weight": 3}
  ],
  "scenarios": [
    {"id": "kinder-calls", "name": "Kinder calls", "changes": [
      {"touchpoint": "call", "emotionBy": 0.4},
      {"from": "fix", "to": "order", "weight": 6}
    ]}
  ]
}"#;

/// A self-loop (waiting on hold), a loop back to the IVR, a small
/// `maxSteps` so that some walks are cut short, and a higher sensitivity.
const SELF_LOOP: &str = r#"{
  "format": "journeygraph",
  "version": 1,
  "title": "On hold",
  "stages": [{"id": "call", "name": "Call"}],
  "touchpoints": [
    {"id": "ivr", "name": "IVR menu", "stage": "call", "emotion": -0.3, "impact": 0.5, "dropout": 0.05, "entry": 1, "service": true},
    {"id": "hold", "name": "On hold", "stage": "call", "emotion": -0.8, "impact": 0.6, "dropout": 0.1, "service": true},
    {"id": "agent", "name": "Agent", "stage": "call", "emotion": 0.4, "impact": 0.9, "dropout": 0.02, "service": true},
    {"id": "resolved", "name": "Resolved", "stage": "call", "emotion": 0.6, "impact": 0.7, "goal": true}
  ],
  "transitions": [
    {"from": "ivr", "to": "hold"},
    {"from": "ivr", "to": "agent", "weight": 0.5},
    {"from": "hold", "to": "hold", "weight": 4},
    {"from": "hold", "to": "agent"},
    {"from": "agent", "to": "resolved", "weight": 3},
    {"from": "agent", "to": "ivr"}
  ],
  "settings": {"sensitivity": 1.5, "maxSteps": 12},
  "scenarios": [
    {"id": "shorter-hold", "name": "Shorter hold", "changes": [
      {"from": "hold", "to": "hold", "weight": 1},
      {"touchpoint": "hold", "dropoutBy": -0.05},
      {"removeTransition": {"from": "agent", "to": "ivr"}}
    ]}
  ]
}"#;

/// Two goals, one of them not an end (subscribers go on to onboarding),
/// every remembering setting changed (a mean weight, other thresholds), and
/// an empty stage (its curve feeling is null).
const TWO_GOALS: &str = r#"{
  "format": "journeygraph",
  "version": 1,
  "title": "Two goals",
  "stages": [{"id": "find", "name": "Find"}, {"id": "decide", "name": "Decide"}, {"id": "after", "name": "After"}, {"id": "loyalty", "name": "Loyalty"}],
  "touchpoints": [
    {"id": "search", "name": "Search", "stage": "find", "emotion": 0.1, "impact": 0.3, "dropout": 0.25, "entry": 2},
    {"id": "friend", "name": "A friend's tip", "stage": "find", "emotion": 0.6, "impact": 0.5, "dropout": 0.1, "entry": 1},
    {"id": "pricing", "name": "Pricing page", "stage": "decide", "emotion": -0.4, "impact": 0.8, "dropout": 0.35},
    {"id": "subscribe", "name": "Subscribes", "stage": "decide", "emotion": 0.5, "impact": 0.6, "goal": true},
    {"id": "buy-once", "name": "Buys once", "stage": "decide", "emotion": 0.3, "impact": 0.4, "goal": true},
    {"id": "onboard", "name": "Onboarding", "stage": "after", "emotion": -0.2, "impact": 0.7, "dropout": 0.15, "proactive": true}
  ],
  "transitions": [
    {"from": "search", "to": "pricing", "weight": 4},
    {"from": "search", "to": "friend"},
    {"from": "friend", "to": "pricing", "weight": 2},
    {"from": "friend", "to": "buy-once"},
    {"from": "pricing", "to": "subscribe", "weight": 2},
    {"from": "pricing", "to": "buy-once", "weight": 3},
    {"from": "subscribe", "to": "onboard"}
  ],
  "settings": {"sensitivity": 2, "rememberWeights": {"peak": 0.3, "end": 0.3, "mean": 0.4}, "satisfiedAt": 0.1, "promoterAt": 0.4},
  "scenarios": [
    {"id": "trial", "name": "Free trial", "changes": [
      {"add": {"id": "trial", "name": "Free trial", "stage": "decide", "emotion": 0.4, "impact": 0.5, "dropout": 0.2}},
      {"addTransition": {"from": "pricing", "to": "trial", "weight": 2}},
      {"addTransition": {"from": "trial", "to": "subscribe", "weight": 3}},
      {"touchpoint": "pricing", "emotion": 0.1}
    ]}
  ]
}"#;

/// No goal (success is completion) and no entry shares (customers start
/// evenly at the two touchpoints without incoming transitions).
const NO_GOAL: &str = r#"{
  "format": "journeygraph",
  "version": 1,
  "title": "No goal",
  "stages": [{"id": "s", "name": "Stage"}],
  "touchpoints": [
    {"id": "flyer", "name": "Flyer", "stage": "s", "emotion": 0.2, "impact": 0.2, "dropout": 0.5},
    {"id": "word", "name": "Word of mouth", "stage": "s", "emotion": 0.7, "impact": 0.6, "dropout": 0.05},
    {"id": "shop", "name": "Shop", "stage": "s", "emotion": -0.2, "impact": 0.9, "dropout": 0.3},
    {"id": "till", "name": "Till", "stage": "s", "emotion": -0.5, "impact": 0.4, "dropout": 0.1},
    {"id": "leave", "name": "Leaves happy", "stage": "s", "emotion": 0.8, "impact": 1}
  ],
  "transitions": [
    {"from": "flyer", "to": "shop"},
    {"from": "word", "to": "shop", "weight": 3},
    {"from": "word", "to": "leave"},
    {"from": "shop", "to": "till", "weight": 2},
    {"from": "shop", "to": "leave"},
    {"from": "till", "to": "leave"}
  ],
  "scenarios": [
    {"id": "no-till", "name": "Self-checkout", "changes": [{"remove": "till"}]}
  ]
}"#;

/// A closed loop: customers who reach b or c never leave. Analysis fails;
/// the simulation still runs (its walks stop at `maxSteps`).
const CLOSED_LOOP: &str = r#"{
  "format": "journeygraph",
  "version": 1,
  "title": "Closed loop",
  "stages": [{"id": "s", "name": "Stage"}],
  "touchpoints": [
    {"id": "a", "name": "A", "stage": "s", "emotion": 0.5, "dropout": 0.4, "entry": 1},
    {"id": "b", "name": "B", "stage": "s", "emotion": -0.5},
    {"id": "c", "name": "C", "stage": "s", "emotion": 0.1, "goal": true}
  ],
  "transitions": [
    {"from": "a", "to": "b"},
    {"from": "b", "to": "c"},
    {"from": "c", "to": "b"}
  ],
  "settings": {"maxSteps": 50}
}"#;

/// No entry share and every touchpoint has an incoming transition.
const NO_ENTRY: &str = r#"{
  "format": "journeygraph",
  "version": 1,
  "title": "No entry",
  "stages": [{"id": "s", "name": "Stage"}],
  "touchpoints": [
    {"id": "a", "name": "A", "stage": "s", "dropout": 0.5},
    {"id": "b", "name": "B", "stage": "s", "dropout": 0.5, "goal": true}
  ],
  "transitions": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]
}"#;

fn golden_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden.json")
}

/// A core error as the file stores it (what JavaScript sees on the thrown
/// `Error`: code, path, and touchpoints for closed_loop).
fn error_value(e: &JourneyError) -> Value {
    let mut v = json!({"code": e.code(), "path": e.path()});
    if let JourneyError::ClosedLoop { touchpoints, .. } = e {
        v["touchpoints"] = json!(touchpoints);
    }
    v
}

/// `{"ok": value}` or `{"error": {...}}`.
fn outcome<T: Serialize>(r: Result<T, JourneyError>) -> Value {
    match r {
        Ok(v) => {
            let v = serde_json::to_value(v).expect("results serialize");
            assert_finite(&v, "");
            json!({ "ok": v })
        }
        Err(e) => json!({ "error": error_value(&e) }),
    }
}

/// serde_json writes NaN and ±infinity as null, which would not round-trip:
/// the golden numbers must all be finite. (A null here is an absent Option.)
fn assert_finite(v: &Value, at: &str) {
    match v {
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{at}: {n}"),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| assert_finite(x, &format!("{at}/{i}"))),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| assert_finite(x, &format!("{at}/{k}"))),
        _ => {}
    }
}

fn options_value(o: Options) -> Value {
    json!({"customers": o.customers, "seed": o.seed})
}

/// Every result of one journey, with its input text.
fn entry(name: &str, text: &str, journey: &Journey) -> Value {
    let mut v = json!({
        "name": name,
        "json": text,
        "analyze": outcome(analyze(journey)),
        "simulate": SIMULATIONS
            .iter()
            .map(|&o| json!({"options": options_value(o), "result": outcome(simulate(journey, o))}))
            .collect::<Vec<_>>(),
        "opportunities": {"delta": DELTA, "result": outcome(opportunities(journey, DELTA))},
        "removalEffects": outcome(removal_effects(journey)),
        "curve": outcome(curve(journey)),
    });
    // The first scenario of the journey (the sample's for the sample).
    v["compare"] = match journey.scenarios.first() {
        Some(sc) => json!({
            "scenario": sc.id,
            "options": options_value(COMPARE),
            "result": outcome(compare(journey, sc, COMPARE)),
        }),
        None => Value::Null,
    };
    v
}

fn load(name: &str, text: &str) -> Journey {
    from_json(text).unwrap_or_else(|e| panic!("golden journey {name} must load: {e}"))
}

/// The whole golden file, computed afresh.
fn compute() -> Value {
    let mut journeys = Vec::new();
    for (name, text) in [
        ("sample", SAMPLE),
        ("loop", LOOP),
        ("self-loop", SELF_LOOP),
        ("two-goals", TWO_GOALS),
        ("no-goal", NO_GOAL),
        ("closed-loop", CLOSED_LOOP),
        ("no-entry", NO_ENTRY),
    ] {
        journeys.push(entry(name, text, &load(name, text)));
    }
    // The reference journey: its text is the generator's output, so the JS
    // side can check Journey.reference(n, seed) gives the same journey.
    let (n, seed) = REFERENCE;
    let generated = reference(n, seed);
    let text = to_json(&generated);
    let mut e = entry("reference", &text, &load("reference", &text));
    e["reference"] = json!({"touchpoints": n, "seed": seed});
    // The generated journey itself gives the same numbers as its export.
    assert_eq!(
        outcome(analyze(&generated)),
        e["analyze"],
        "reference journey: analysis differs from that of its own export"
    );
    journeys.push(e);

    json!({
        "about": "Golden results of the journeygraph engine, written by tests/golden.rs (UPDATE_GOLDEN=1 cargo test --test golden). The wasm build must reproduce every number exactly: tests/node/engine.test.mjs, tests/web.rs.",
        "journeys": journeys,
    })
}

/// Up to `limit` differences between `a` (fresh) and `b` (file), by JSON pointer.
fn differences(a: &Value, b: &Value, at: &str, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => differences(va, vb, &format!("{at}/{k}"), out, limit),
                    None => out.push(format!("{at}/{k}: new, {va}")),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("{at}/{k}: gone"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                differences(va, vb, &format!("{at}/{i}"), out, limit);
            }
        }
        (Value::Number(x), Value::Number(y)) => {
            // Bit for bit: 0.0 and -0.0 differ too.
            let same = match (x.as_f64(), y.as_f64()) {
                (Some(p), Some(q)) => p.to_bits() == q.to_bits() && x.is_f64() == y.is_f64(),
                _ => x == y,
            };
            if !same {
                out.push(format!("{at}: now {x}, golden {y}"));
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{at}: now {a}, golden {b}")),
    }
}

#[test]
fn engine_results_equal_the_golden_file() {
    let fresh = compute();
    let path = golden_path();
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        let text = serde_json::to_string_pretty(&fresh).unwrap() + "\n";
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        eprintln!("wrote {}", path.display());
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with UPDATE_GOLDEN=1 cargo test --test golden",
            path.display()
        )
    });
    let golden: Value = serde_json::from_str(&text).expect("golden.json is JSON");
    let mut diffs = Vec::new();
    differences(&fresh, &golden, "", &mut diffs, 40);
    assert!(
        diffs.is_empty(),
        "the engine's results differ from tests/data/golden.json (if intended: \
         UPDATE_GOLDEN=1 cargo test --test golden, and review the diff):\n  {}",
        diffs.join("\n  ")
    );
}

/// The file holds every number exactly: printing and parsing back changes
/// nothing (float_roundtrip), so what JavaScript parses is what Rust computed.
#[test]
fn golden_numbers_round_trip_through_text() {
    let fresh = compute();
    let again: Value =
        serde_json::from_str(&serde_json::to_string_pretty(&fresh).unwrap()).unwrap();
    let mut diffs = Vec::new();
    differences(&again, &fresh, "", &mut diffs, 10);
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// The golden journeys cover what they claim to: a loop, a self-loop, two
/// goals, no goal, and both error journeys fail as they should.
#[test]
fn golden_journeys_cover_the_cases() {
    let golden = compute();
    let by_name = |name: &str| -> Value {
        golden["journeys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| j["name"] == name)
            .unwrap_or_else(|| panic!("no golden journey {name}"))
            .clone()
    };
    let file = |name: &str| -> Value {
        serde_json::from_str(by_name(name)["json"].as_str().unwrap()).unwrap()
    };
    let transitions = |name: &str| -> Vec<(String, String)> {
        file(name)["transitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["from"].as_str().unwrap().into(),
                    t["to"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let goals = |name: &str| {
        file(name)["touchpoints"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["goal"] == true)
            .count()
    };
    assert!(transitions("self-loop").iter().any(|(a, b)| a == b));
    let lp = transitions("loop");
    assert!(lp
        .iter()
        .any(|(a, b)| lp.contains(&(b.clone(), a.clone())) && a != b));
    assert_eq!(goals("two-goals"), 2);
    assert_eq!(goals("no-goal"), 0);
    let ng = by_name("no-goal");
    assert_eq!(
        ng["analyze"]["ok"]["success"],
        ng["analyze"]["ok"]["completion"]
    );
    assert_eq!(
        by_name("closed-loop")["analyze"]["error"]["code"],
        "closed_loop"
    );
    assert_eq!(by_name("no-entry")["analyze"]["error"]["code"], "no_entry");
    let sample = by_name("sample");
    assert_eq!(
        sample["compare"]["scenario"],
        json!(load("sample", SAMPLE).scenarios[0].id)
    );
    for j in golden["journeys"].as_array().unwrap() {
        assert!(j["simulate"].as_array().unwrap().len() == SIMULATIONS.len());
    }
}
