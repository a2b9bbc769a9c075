//! File format version 2: the migration from version 1 on every version 1
//! file of the repository, lanes and blueprint items through the file and
//! through undo, their coded errors, and the fail-point what-if against a
//! figure derived by hand.

use std::path::{Path, PathBuf};

use journeygraph::analysis::analyze;
use journeygraph::compare::compare;
use journeygraph::format::{from_json, to_json, view, VERSION};
use journeygraph::layout::layout;
use journeygraph::model::Scenario;
use journeygraph::simulate::Options;
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every .json file under `dir` (node_modules and build output skipped).
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !matches!(name, "node_modules" | "target" | "pkg" | "out") {
                json_files(&p, out);
            }
        } else if name.ends_with(".json") {
            out.push(p);
        }
    }
}

/// Journey texts of version 1 in `v`: the value itself, or strings within
/// it that are journey files (tests/data/golden.json keeps its journeys as
/// text).
fn v1_texts(v: &Value, text: Option<&str>, out: &mut Vec<String>) {
    let is_v1 = |v: &Value| v["format"] == "journeygraph" && v["version"] == 1;
    if is_v1(v) {
        if let Some(t) = text {
            out.push(t.to_string());
        }
        return;
    }
    match v {
        Value::String(s) if s.contains("\"journeygraph\"") => {
            if let Ok(inner) = serde_json::from_str::<Value>(s) {
                if is_v1(&inner) {
                    out.push(s.clone());
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| v1_texts(x, None, out)),
        Value::Object(m) => m.values().for_each(|x| v1_texts(x, None, out)),
        _ => {}
    }
}

fn all_v1_journeys() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["tests", "src", "www", "examples"] {
        json_files(&root().join(dir), &mut files);
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let mut texts = Vec::new();
        v1_texts(&v, Some(&text), &mut texts);
        let name = f.strip_prefix(root()).unwrap_or(&f).display().to_string();
        for (k, t) in texts.into_iter().enumerate() {
            out.push((format!("{name}#{k}"), t));
        }
    }
    out
}

/// The figures of a journey (or its error code) as comparable text.
fn figures(j: &journeygraph::Journey) -> String {
    match analyze(j) {
        Ok(a) => serde_json::to_string(&a).unwrap(),
        Err(e) => format!("error {} at {}", e.code(), e.path()),
    }
}

#[test]
fn every_version_1_file_migrates_with_the_same_figures_and_round_trips() {
    let journeys = all_v1_journeys();
    // The version 1 sample (tests/data/sample.v1.json: the built-in sample
    // is version 2 now), renewal.json, closed-loop-names.json and the
    // golden journeys at least.
    assert!(journeys.len() >= 9, "found only {journeys:?}");
    for (name, text) in &journeys {
        let j = from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The lanes version 1 drew implicitly, now explicit.
        let kinds: Vec<&str> = j.lanes.iter().map(|l| l.kind.name()).collect();
        assert_eq!(kinds, ["painPoints", "opportunities"], "{name}");
        assert!(j.items.is_empty(), "{name}");
        let written = to_json(&j);
        let file: Value = serde_json::from_str(&written).unwrap();
        assert_eq!(file["version"], 2, "{name}");
        assert_eq!(file["lanes"][0]["name"], "Pain points", "{name}");
        let again = from_json(&written).unwrap_or_else(|e| panic!("{name} rewritten: {e}"));
        assert_eq!(
            again, j,
            "{name}: the version 2 file reads back as the journey"
        );
        assert_eq!(to_json(&again), written, "{name}: writing is stable");
        // Lanes without items move no figure: the migrated journey has the
        // figures of the version 1 journey (golden.rs checks these against
        // the numbers main computed, for the golden journeys).
        let mut bare = j.clone();
        bare.lanes.clear();
        assert_eq!(figures(&j), figures(&bare), "{name}");
        assert_eq!(figures(&again), figures(&j), "{name}");
    }
}

#[test]
fn version_2_is_written_and_version_3_refused() {
    assert_eq!(VERSION, 2);
    let text = r#"{"format":"journeygraph","version":3,"title":"Later",
      "stages":[{"id":"s","name":"S"}],"touchpoints":[{"id":"a","name":"A","stage":"s","entry":1}]}"#;
    let e = from_json(text).unwrap_err();
    assert_eq!((e.code(), e.path()), ("unsupported_version", "/version"));
    // A version 2 file without lanes has none (no lanes are invented).
    let j = from_json(&text.replace("\"version\":3", "\"version\":2")).unwrap();
    assert!(j.lanes.is_empty());
}

/// A chain a → b → c (goal): a has dropout 0.2, b has none, and the ID
/// check (support) serves b, failing 5% of the time and losing 80% of
/// those it fails.
const CHAIN: &str = include_str!("data/chain.v2.json");

#[test]
fn a_fail_point_raises_dropout_as_derived_by_hand() {
    let j = from_json(CHAIN).unwrap();
    let a = analyze(&j).unwrap();
    // On paper: 0.8 pass a; of them 0.9 pass b's own dropout and
    // 1 − 0.05·0.8 = 0.96 pass the ID check: 0.8 · 0.9 · 0.96 = 0.6912.
    assert!((a.success - 0.6912).abs() < 1e-12, "success {}", a.success);
    // b's effective dropout: 1 − 0.9 · 0.96 = 0.136.
    let b = a.touchpoints.get("b").unwrap();
    assert!((b.dropout - 0.136).abs() < 1e-12, "dropout {}", b.dropout);
    // Without the fail point: 0.8 · 0.9 = 0.72.
    let mut no_fail = j.clone();
    no_fail.items[0].fail_point = None;
    assert!((analyze(&no_fail).unwrap().success - 0.72).abs() < 1e-12);
    // Two fail points on b multiply: 0.8 · 0.9 · 0.96 · (1 − 0.1) = 0.62208.
    let mut two = j.clone();
    let mut other = two.items[0].clone();
    other.id = "payments".into();
    other.lane = "back".into();
    other.fail_point.as_mut().unwrap().rate = 0.1;
    other.fail_point.as_mut().unwrap().lost = 1.0;
    two.items.push(other);
    assert!((analyze(&two).unwrap().success - 0.62208).abs() < 1e-12);
}

#[test]
fn a_scenario_changes_a_fail_rate_and_the_what_if_follows() {
    let j = from_json(CHAIN).unwrap();
    let sc: &Scenario = &j.scenarios[0];
    let c = compare(
        &j,
        sc,
        Options {
            customers: 100,
            seed: 1,
        },
    )
    .unwrap();
    // At 20%: 0.8 · 0.9 · (1 − 0.2·0.8) = 0.6048.
    assert!((c.scenario.analysis.success - 0.6048).abs() < 1e-12);
    assert!((c.delta.success - (0.6048 - 0.6912)).abs() < 1e-12);
    // Why: the touchpoint the fail point serves, its dropout 0.136 → 0.244.
    let m: Vec<(&str, f64, f64)> = c
        .touchpoints
        .iter()
        .map(|m| (m.touchpoint.as_str(), m.dropout_before, m.dropout_after))
        .collect();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].0, "b");
    assert!(
        (m[0].1 - 0.136).abs() < 1e-12 && (m[0].2 - 0.244).abs() < 1e-12,
        "{m:?}"
    );
    // The baseline keeps its rate.
    assert_eq!(j.items[0].fail_point.as_ref().unwrap().rate, 0.05);
}

#[test]
fn view_has_lanes_and_items_and_the_layout_the_blueprint_lines() {
    let j = from_json(CHAIN).unwrap();
    let v = view(&j);
    let lines = |j: &journeygraph::Journey| serde_json::to_value(layout(j).lines).unwrap();
    assert_eq!(
        v["lanes"][3],
        json!({"id": "quotes", "kind": "thoughts", "name": "Thoughts", "hidden": true})
    );
    assert_eq!(v["items"][1]["failPoint"], Value::Null);
    assert_eq!(
        v["items"][0]["failPoint"],
        json!({"rate": 0.05, "lost": 0.8})
    );
    assert_eq!(
        lines(&j),
        json!([
            {"kind": "interaction", "name": "Line of interaction", "lane": "front"},
            {"kind": "visibility", "name": "Line of visibility", "lane": "back"},
            {"kind": "internal", "name": "Line of internal interaction", "lane": "sys"}
        ])
    );
    // Hide the frontstage: the line of interaction moves down to the backstage.
    let mut k = j.clone();
    k.lanes[0].hidden = true;
    assert_eq!(lines(&k)[0]["lane"], "back");
    assert_eq!(lines(&k)[1]["lane"], "back");
    // Only a support lane shown: all three lines sit above it.
    k.lanes.retain(|l| l.kind.name() != "backstage");
    let all: Vec<Value> = lines(&k)
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lane"].clone())
        .collect();
    assert_eq!(all, [json!("sys"), json!("sys"), json!("sys")]);
    // No blueprint lane: no line.
    k.lanes.retain(|l| l.kind.name() == "thoughts");
    assert_eq!(lines(&k), json!([]));
}

/// The error of `CHAIN` with `path` set to `value`.
fn refused(pointer: &str, value: Value) -> (String, String) {
    let mut v: Value = serde_json::from_str(CHAIN).unwrap();
    *v.pointer_mut(pointer).unwrap() = value;
    let e = from_json(&v.to_string()).unwrap_err();
    (e.code().to_string(), e.path().to_string())
}

#[test]
fn bad_lanes_and_items_get_coded_errors_with_their_paths() {
    let cases = [
        (
            "/items/0/lane",
            json!("nowhere"),
            "unknown_lane",
            "/items/0/lane",
        ),
        (
            "/items/0/stage",
            json!("nowhere"),
            "unknown_stage",
            "/items/0/stage",
        ),
        (
            "/items/0/touchpoints/0",
            json!("zz"),
            "unknown_touchpoint",
            "/items/0/touchpoints/0",
        ),
        (
            "/items/1/touchpoints/1",
            json!("a"),
            "duplicate_id",
            "/items/1/touchpoints/1",
        ),
        (
            "/items/0/failPoint/rate",
            json!(1.5),
            "out_of_range",
            "/items/0/failPoint/rate",
        ),
        (
            "/items/0/failPoint/lost",
            json!(-0.1),
            "out_of_range",
            "/items/0/failPoint/lost",
        ),
        (
            "/items/1/id",
            json!("idcheck"),
            "duplicate_id",
            "/items/1/id",
        ),
        ("/lanes/1/id", json!("front"), "duplicate_id", "/lanes/1/id"),
        (
            "/lanes/0/kind",
            json!("sideways"),
            "schema",
            "/lanes/0/kind",
        ),
        (
            "/items/0/lane",
            json!("front"),
            "wrong_lane",
            "/items/0/failPoint",
        ),
        (
            "/scenarios/0/changes/0/failRate",
            json!(2),
            "out_of_range",
            "/scenarios/0/changes/0/failRate",
        ),
        (
            "/scenarios/0/changes/0/item",
            json!("say"),
            "wrong_lane",
            "/scenarios/0/changes/0/item",
        ),
        (
            "/scenarios/0/changes/0/item",
            json!("gone"),
            "unknown_item",
            "/scenarios/0/changes/0/item",
        ),
    ];
    for (pointer, value, code, path) in cases {
        assert_eq!(
            refused(pointer, value.clone()),
            (code.to_string(), path.to_string()),
            "{pointer} = {value}"
        );
    }
}

#[test]
fn unknown_fields_of_lanes_items_and_fail_points_are_kept() {
    let mut v: Value = serde_json::from_str(CHAIN).unwrap();
    v["lanes"][0]["colour"] = json!("teal");
    v["items"][0]["owner"] = json!({"team": "identity"});
    v["items"][0]["failPoint"]["source"] = json!("status page, 2026");
    let j = from_json(&v.to_string()).unwrap();
    let written: Value = serde_json::from_str(&to_json(&j)).unwrap();
    assert_eq!(written["lanes"][0]["colour"], "teal");
    assert_eq!(written["items"][0]["owner"], json!({"team": "identity"}));
    assert_eq!(
        written["items"][0]["failPoint"]["source"],
        "status page, 2026"
    );
    // Defaults are left out of the file: no "hidden": false, no "lost": 1.
    assert!(written["lanes"][0].get("hidden").is_none());
    assert_eq!(from_json(&to_json(&j)).unwrap(), j);
    // The view has them too, beside every known field.
    assert_eq!(view(&j)["lanes"][0]["colour"], "teal");
}
