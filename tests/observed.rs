//! What the paths say of each channel (issue 13, "For analysts"): the
//! observed counts and the simple attribution models counted when a
//! journey is fitted from paths, kept in the file, and set beside the
//! Markov credit; the entry as a share; and why an opportunity or a
//! scenario moves the figures, against direct recomputation.

use journeygraph::analysis::{analyze, opportunities, shifted_dropout};
use journeygraph::compare::compare;
use journeygraph::format::{from_json, sample, to_json, view};
use journeygraph::model::{ChangeRecord, Scenario};
use journeygraph::paths::{attribution, from_paths, PathOptions};
use journeygraph::simulate::Options;
use journeygraph::Journey;
use proptest::prelude::*;

fn fit(text: &str) -> Journey {
    match from_paths(text, PathOptions::default()) {
        Ok(j) => j,
        Err(e) => panic!("fitting failed: {e}\n{text}"),
    }
}

#[track_caller]
fn close(actual: f64, expected: f64, tol: f64, what: &str) {
    let diff = (actual - expected).abs();
    assert!(
        diff <= tol * expected.abs().max(1.0),
        "{what}: got {actual:e}, expected {expected:e}"
    );
}

/// (paths, conversions, firstTouch, lastTouch, linear) of a channel.
fn counts(j: &Journey, id: &str) -> (f64, f64, f64, f64, f64) {
    let o = j.observed.as_ref().expect("fitted");
    let c = o
        .channels
        .get(id)
        .unwrap_or_else(|| panic!("no counts for {id}"));
    (
        c.paths,
        c.conversions,
        c.first_touch,
        c.last_touch,
        c.linear,
    )
}

/// Three paths, worked on paper (repeats collapse first: C > C > A is C > A):
///   A > B       3 conversions, 1 null  (4 customers)
///   B > A > B   1 conversion,  2 nulls (3 customers; B twice)
///   C > C > A   2 conversions, 0 nulls (2 customers)
/// A is in all three: 9 paths, 6 conversions; first in row 1 (3), last in
/// row 3 (2); linear 3/2 + 1/3 + 2/2 = 17/6.
/// B is in rows 1 and 2: 7 paths, 4 conversions; first in row 2 (1), last
/// in rows 1 and 2 (4); linear 3/2 + 2·(1/3) = 13/6.
/// C is in row 3: 2 paths, 2 conversions; first 2, last 0; linear 1.
/// Each model shares out all 6 conversions.
const THREE: &str = "path,conversions,nulls\nA > B,3,1\nB > A > B,1,2\nC > C > A,2,0\n";

#[test]
fn three_paths_by_hand() {
    let j = fit(THREE);
    let exact = |got: (f64, f64, f64, f64, f64), want: (f64, f64, f64, f64, f64), what: &str| {
        close(got.0, want.0, 1e-15, &format!("{what} paths"));
        close(got.1, want.1, 1e-15, &format!("{what} conversions"));
        close(got.2, want.2, 1e-15, &format!("{what} first touch"));
        close(got.3, want.3, 1e-15, &format!("{what} last touch"));
        close(got.4, want.4, 1e-15, &format!("{what} linear"));
    };
    exact(counts(&j, "A"), (9.0, 6.0, 3.0, 2.0, 17.0 / 6.0), "A");
    exact(counts(&j, "B"), (7.0, 4.0, 1.0, 4.0, 13.0 / 6.0), "B");
    exact(counts(&j, "C"), (2.0, 2.0, 2.0, 0.0, 1.0), "C");
    // In the order of the touchpoints, and none for the goal.
    let o = j.observed.as_ref().unwrap();
    let ids: Vec<&str> = o.channels.0.iter().map(|(k, _)| k.as_str()).collect();
    let order: Vec<&str> = j
        .touchpoints()
        .filter(|t| !t.goal)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids, order);
    // Attribution carries them beside the Markov credit.
    for a in attribution(&j).unwrap() {
        let c = a
            .observed
            .as_ref()
            .expect("observed counts in the attribution");
        assert_eq!(Some(c), o.channels.get(&a.touchpoint));
    }
}

/// Entry as a share: A starts row 1 (4 of 9 customers), B row 2 (3), C
/// row 3 (2).
#[test]
fn entry_is_a_share_of_the_customers_who_start_there() {
    let j = fit(THREE);
    assert_eq!(
        j.touchpoint("A").unwrap().entry,
        4.0,
        "the file keeps the count"
    );
    let a = analyze(&j).unwrap();
    let share = |id: &str| a.touchpoints.get(id).unwrap().entry_share;
    close(share("A"), 4.0 / 9.0, 1e-15, "A");
    close(share("B"), 3.0 / 9.0, 1e-15, "B");
    close(share("C"), 2.0 / 9.0, 1e-15, "C");
    assert_eq!(share("conversion"), 0.0);
    // A drawn journey's shares sum to 1 too.
    let s = analyze(&sample()).unwrap();
    let total: f64 = s.touchpoints.iter().map(|(_, f)| f.entry_share).sum();
    close(total, 1.0, 1e-12, "sample entry shares");
}

/// The measured case of issue 13: a channel whose own paths converted 20
/// times gets far more than 20 from the Markov model, because the chain
/// credits it with the conversion rate of where its customers go next,
/// pooled over other customers' paths. The observed columns are what lets
/// an analyst see that. Worked on paper:
///   TikTok > Search   20 conversions,  80 nulls
///   Search           800 conversions, 200 nulls
/// Every TikTok customer moves on to Search; Search converts 820 of its
/// 1100 departures. Success 820/1100. Without TikTok its 100 starters are
/// lost: RE = 1/11; without Search everything is: RE = 1. Shares 1/12 and
/// 11/12: TikTok gets 820/12 = 68.33 conversions, Search 751.67.
/// TikTok observed: 100 paths, 20 conversions, first touch 20, last touch
/// 0, linear 10. Search: 1100, 820, 800, 820, 810.
const TIKTOK: &str = "path,conversions,nulls\nTikTok > Search,20,80\nSearch,800,200\n";

#[test]
fn tiktok_gets_more_credit_than_its_paths_converted() {
    let j = fit(TIKTOK);
    assert_eq!(counts(&j, "TikTok"), (100.0, 20.0, 20.0, 0.0, 10.0));
    assert_eq!(counts(&j, "Search"), (1100.0, 820.0, 800.0, 820.0, 810.0));
    let rows = attribution(&j).unwrap();
    let row = |id: &str| rows.iter().find(|r| r.touchpoint == id).unwrap();
    close(row("TikTok").removal_effect, 1.0 / 11.0, 1e-12, "RE TikTok");
    close(row("Search").removal_effect, 1.0, 1e-12, "RE Search");
    close(
        row("TikTok").conversions,
        820.0 / 12.0,
        1e-12,
        "Markov TikTok",
    );
    close(
        row("Search").conversions,
        820.0 * 11.0 / 12.0,
        1e-12,
        "Markov Search",
    );
    let observed = row("TikTok").observed.clone().unwrap();
    assert!(row("TikTok").conversions > 3.0 * observed.conversions);
}

// ---------------------------------------------------------------------------
// The file format: kept, shown, checked
// ---------------------------------------------------------------------------

#[test]
fn observed_counts_survive_the_file_and_the_view() {
    let j = fit(THREE);
    let text = to_json(&j);
    let back = from_json(&text).unwrap();
    assert_eq!(back, j, "round trip");
    assert_eq!(to_json(&back), text);
    let v = view(&j);
    let a = &v["observed"]["channels"]["A"];
    assert_eq!(a["paths"], 9.0);
    assert_eq!(a["firstTouch"], 3.0);
    assert_eq!(a["lastTouch"], 2.0);
    assert_eq!(a["conversions"], 6.0);
    // An edit keeps them, and so does a scenario's journey.
    let sc = Scenario {
        id: "s".into(),
        name: "s".into(),
        changes: vec![ChangeRecord {
            touchpoint: Some("A".into()),
            emotion: Some(0.5),
            ..Default::default()
        }],
        extra: Default::default(),
    };
    let changed = j.with_changes(&sc.changes, "/changes").unwrap();
    assert_eq!(changed.observed, j.observed);
}

#[test]
fn a_fitted_file_without_channel_counts_still_opens() {
    // Files fitted before the counts were kept (observed totals only).
    let j = fit(THREE);
    let mut v: serde_json::Value = serde_json::from_str(&to_json(&j)).unwrap();
    v["observed"].as_object_mut().unwrap().remove("channels");
    let old = from_json(&v.to_string()).unwrap();
    assert!(old.observed.as_ref().unwrap().channels.is_empty());
    assert!(attribution(&old)
        .unwrap()
        .iter()
        .all(|a| a.observed.is_none()));
    assert!(!to_json(&old).contains("channels"));
    // A drawn journey has none either.
    assert!(attribution(&sample())
        .unwrap()
        .iter()
        .all(|a| a.observed.is_none()));
}

#[test]
fn wrong_channel_counts_are_refused_with_their_pointer() {
    let j = fit(THREE);
    let base: serde_json::Value = serde_json::from_str(&to_json(&j)).unwrap();
    let cases = [
        ("paths", serde_json::json!(-1), "/observed/channels/A/paths"),
        (
            "conversions",
            serde_json::json!(10),
            "/observed/channels/A/conversions",
        ),
        (
            "linear",
            serde_json::json!(7),
            "/observed/channels/A/linear",
        ),
        (
            "firstTouch",
            serde_json::json!("three"),
            "/observed/channels/A/firstTouch",
        ),
    ];
    for (field, value, pointer) in cases {
        let mut v = base.clone();
        v["observed"]["channels"]["A"][field] = value.clone();
        let e = from_json(&v.to_string()).expect_err(field);
        assert_eq!(e.path(), pointer, "{field} = {value}: {e}");
    }
    let mut v = base.clone();
    v["observed"]["channels"]["A"]
        .as_object_mut()
        .unwrap()
        .remove("lastTouch");
    let e = from_json(&v.to_string()).unwrap_err();
    assert_eq!((e.code(), e.path()), ("schema", "/observed/channels/A"));
    let mut v = base;
    v["observed"]["channels"] = serde_json::json!([1]);
    assert_eq!(
        from_json(&v.to_string()).unwrap_err().path(),
        "/observed/channels"
    );
}

// ---------------------------------------------------------------------------
// Properties: the counts against the rows, counted directly here
// ---------------------------------------------------------------------------

const NAMES: [&str; 5] = ["Ad", "Web", "Mail", "Shop", "App"];

fn rows() -> impl Strategy<Value = Vec<(Vec<usize>, u32, u32)>> {
    prop::collection::vec(
        (
            prop::collection::vec(0..NAMES.len(), 1..7),
            0u32..6,
            0u32..6,
        ),
        1..12,
    )
}

proptest! {
    #[test]
    fn counts_and_simple_models_follow_the_rows(rows in rows()) {
        let mut csv = String::from("path,conversions,nulls\n");
        for (steps, c, n) in &rows {
            let path: Vec<&str> = steps.iter().map(|&s| NAMES[s]).collect();
            csv.push_str(&format!("{},{c},{n}\n", path.join(" > ")));
        }
        let Ok(j) = from_paths(&csv, PathOptions::default()) else {
            // Every row without customers: nothing to fit.
            prop_assert!(rows.iter().all(|(_, c, n)| c + n == 0));
            return Ok(());
        };
        let o = j.observed.clone().unwrap();
        for (k, name) in NAMES.iter().enumerate() {
            let (mut paths, mut conv, mut first, mut last, mut linear) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (steps, c, n) in &rows {
                let (c, n) = (f64::from(*c), f64::from(*n));
                if c + n == 0.0 {
                    continue;
                }
                let mut visits = steps.clone();
                visits.dedup();
                if visits.contains(&k) {
                    paths += c + n;
                    conv += c;
                }
                if visits[0] == k {
                    first += c;
                }
                if visits[visits.len() - 1] == k {
                    last += c;
                }
                let here = visits.iter().filter(|&&s| s == k).count() as f64;
                linear += c * here / visits.len() as f64;
            }
            match o.channels.get(name) {
                None => prop_assert_eq!(paths, 0.0, "{} has customers but no counts", name),
                Some(ch) => {
                    prop_assert_eq!((ch.paths, ch.conversions, ch.first_touch, ch.last_touch), (paths, conv, first, last));
                    prop_assert!((ch.linear - linear).abs() <= 1e-12 * linear.max(1.0));
                }
            }
        }
        // Each simple model shares out every conversion.
        let sum = |f: fn(&journeygraph::model::ObservedChannel) -> f64| -> f64 { o.channels.0.iter().map(|(_, c)| f(c)).sum() };
        prop_assert_eq!(sum(|c| c.first_touch), o.conversions);
        prop_assert_eq!(sum(|c| c.last_touch), o.conversions);
        prop_assert!((sum(|c| c.linear) - o.conversions).abs() <= 1e-9 * o.conversions.max(1.0));
        // And the file keeps them.
        prop_assert_eq!(from_json(&to_json(&j)).unwrap(), j);
    }
}

// ---------------------------------------------------------------------------
// Why it moves: the opportunity and compare fields against recomputation
// ---------------------------------------------------------------------------

fn set_emotion(j: &Journey, id: &str, e: f64) -> Journey {
    let change = ChangeRecord {
        touchpoint: Some(id.into()),
        emotion: Some(e),
        ..Default::default()
    };
    j.with_changes(&[change], "/changes").unwrap()
}

#[track_caller]
fn check_opportunities(j: &Journey) {
    let before = analyze(j).unwrap();
    let k = j.settings.sensitivity;
    let list = opportunities(j, 0.5).unwrap();
    assert!(!list.is_empty());
    for o in list {
        let tp = j.touchpoint(&o.touchpoint).unwrap();
        let f = before.touchpoints.get(&o.touchpoint).unwrap();
        close(o.reach, f.reach, 1e-9, "reach");
        assert_eq!(o.dropout_before, f.dropout, "dropout before");
        let e = tp.emotion.unwrap();
        let after_d = shifted_dropout(tp.dropout, e, o.emotion, k);
        close(o.dropout_after, after_d, 1e-12, "dropout after");
        close(o.left_before, f.visits * f.dropout, 1e-9, "left before");
        let after = analyze(&set_emotion(j, &o.touchpoint, o.emotion)).unwrap();
        let g = after.touchpoints.get(&o.touchpoint).unwrap();
        assert_eq!(
            g.dropout, o.dropout_after,
            "the scenario's dropout is the core's"
        );
        close(
            o.left_after,
            g.visits * g.dropout,
            1e-9,
            &format!("left after at {}", o.touchpoint),
        );
        close(
            o.success_gain,
            after.success - before.success,
            1e-9,
            "success gain",
        );
    }
}

#[test]
fn opportunities_say_why_on_the_sample() {
    check_opportunities(&sample());
}

/// A loop (support called again), dropout near 1, and a strong sensitivity:
/// the rank-one update and its direct fallback both.
#[test]
fn opportunities_say_why_on_loops_and_edges() {
    let text = r#"{"format":"journeygraph","version":1,"title":"Loop",
      "stages":[{"id":"s","name":"S"}],
      "touchpoints":[
        {"id":"a","name":"Ad","stage":"s","entry":1,"emotion":-0.2,"dropout":0.3},
        {"id":"c","name":"Call","stage":"s","emotion":-0.8,"dropout":0.999},
        {"id":"h","name":"Help","stage":"s","emotion":0.1,"dropout":0.05},
        {"id":"g","name":"Goal","stage":"s","goal":true,"emotion":0.6}],
      "transitions":[{"from":"a","to":"c"},{"from":"c","to":"h","weight":3},{"from":"h","to":"c","weight":2},
        {"from":"h","to":"g"},{"from":"a","to":"g","weight":0.5}],
      "settings":{"sensitivity":6}}"#;
    check_opportunities(&from_json(text).unwrap());
}

#[test]
fn compare_says_why_and_carries_the_outcomes() {
    let j = sample();
    let sc = j.scenarios[0].clone();
    let c = compare(
        &j,
        &sc,
        Options {
            customers: 2000,
            ..Options::default()
        },
    )
    .unwrap();
    let (b, s) = (&c.baseline.analysis, &c.scenario.analysis);
    assert_eq!(
        c.delta.lost_before_goal,
        s.lost_before_goal - b.lost_before_goal
    );
    assert_eq!(
        c.delta.ended_elsewhere,
        s.ended_elsewhere - b.ended_elsewhere
    );
    assert_eq!(
        c.delta.left_after_goal,
        s.left_after_goal - b.left_after_goal
    );
    assert_eq!(c.delta.stayed_to_end, s.stayed_to_end - b.stayed_to_end);
    let named: Vec<&str> = sc
        .changes
        .iter()
        .filter_map(|ch| ch.touchpoint.as_deref().or(ch.from.as_deref()))
        .collect();
    assert!(!c.touchpoints.is_empty());
    let changed = j.with_changes(&sc.changes, "/changes").unwrap();
    for m in &c.touchpoints {
        assert!(named.contains(&m.touchpoint.as_str()));
        let (fb, fs) = (
            b.touchpoints.get(&m.touchpoint).unwrap(),
            s.touchpoints.get(&m.touchpoint).unwrap(),
        );
        assert_eq!((m.reach_before, m.reach_after), (fb.reach, fs.reach));
        assert_eq!(
            (m.dropout_before, m.dropout_after),
            (fb.dropout, fs.dropout)
        );
        assert_eq!(m.left_after, fs.visits * fs.dropout);
        assert_eq!(
            m.emotion_before,
            j.touchpoint(&m.touchpoint).unwrap().emotion
        );
        assert_eq!(
            m.emotion_after,
            changed.touchpoint(&m.touchpoint).unwrap().emotion
        );
    }
}

#[test]
fn entry_shares_without_a_solve_are_the_analysis_shares() {
    for j in [fit(THREE), sample()] {
        let shares = journeygraph::analysis::entry_shares(&j).unwrap();
        let a = analyze(&j).unwrap();
        for (id, s) in shares.iter() {
            assert_eq!(*s, a.touchpoints.get(id).unwrap().entry_share, "{id}");
        }
    }
}

#[test]
fn explain_is_the_comparison_without_simulating() {
    let j = sample();
    for sc in &j.scenarios {
        let c = compare(
            &j,
            sc,
            Options {
                customers: 500,
                ..Options::default()
            },
        )
        .unwrap();
        assert_eq!(
            journeygraph::compare::explain(&j, sc).unwrap(),
            c.touchpoints
        );
    }
}
