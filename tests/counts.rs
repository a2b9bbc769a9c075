//! Journeys fitted from pre-aggregated counts (`paths::from_counts`, issue
//! 15 "Path data from anywhere"): the fit from counts equals the fit from
//! the raw paths they were counted from, on generated path sets with
//! repeated channels (collapsed), revisits, single-touch paths, paths with
//! conversions and nulls and paths with neither; counts in any row order
//! and split over several rows fit the same journey; without the optional
//! kinds the analysis is still the same; and bad input gets a `parse` error
//! naming its line and column.
//!
//! The counts are made here, independently of the reader, by walking each
//! path (its consecutive repeats collapsed) — what the README's SQL does in
//! a warehouse (tests/node/counts.test.mjs runs that SQL in DuckDB).

use std::collections::BTreeMap;

use journeygraph::analysis::{analyze, removal_effects};
use journeygraph::format::{from_json, to_json};
use journeygraph::paths::{attribution, from_counts, from_paths, PathOptions};
use journeygraph::JourneyError;

/// A small deterministic generator (no dependency on the reader's order).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const NAMES: [&str; 9] = [
    "Search",
    "Display",
    "Email",
    "Ad, TV",
    "Café",
    "\"Direct\"",
    "Social",
    "conversion",
    "電話",
];

/// Paths as channel lists with their conversions and nulls.
type Paths = Vec<(Vec<String>, u64, u64)>;

fn generate(seed: u64, rows: usize, channels: usize) -> Paths {
    let mut g = Lcg(seed);
    (0..rows)
        .map(|r| {
            let len = match r % 5 {
                0 => 1, // single-touch paths
                _ => 1 + g.below(6) as usize,
            };
            let mut path = Vec::new();
            for _ in 0..len {
                let c = NAMES[g.below(channels as u64) as usize].to_string();
                path.push(c.clone());
                if g.below(4) == 0 {
                    path.push(c); // a consecutive repeat (a self-loop in the raw data)
                }
            }
            let (conv, nulls) = match r % 7 {
                0 => (0, 0), // a row with no customers
                1 => (g.below(5) + 1, 0),
                2 => (0, g.below(5) + 1),
                _ => (g.below(4), g.below(6)),
            };
            (path, conv, nulls)
        })
        .collect()
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '>']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn paths_csv(paths: &Paths) -> String {
    let mut out = String::from("path,conversions,nulls\n");
    for (p, c, n) in paths {
        out += &format!("{},{c},{n}\n", quote(&p.join(" | ")));
    }
    out
}

fn options() -> PathOptions {
    PathOptions::new(Some("|".into()), None).unwrap()
}

/// The counts of the paths: (kind, channel, to) → count.
fn count(paths: &Paths) -> BTreeMap<(String, String, String), f64> {
    let mut m: BTreeMap<(String, String, String), f64> = BTreeMap::new();
    let mut add = |k: &str, c: &str, t: &str, x: f64| {
        *m.entry((k.into(), c.into(), t.into())).or_default() += x;
    };
    for (p, conv, nulls) in paths {
        let (conv, nulls) = (*conv as f64, *nulls as f64);
        let customers = conv + nulls;
        if customers == 0.0 {
            continue;
        }
        let mut steps: Vec<&str> = Vec::new();
        for c in p {
            if steps.last() != Some(&c.as_str()) {
                steps.push(c);
            }
        }
        add("first", steps[0], "", customers);
        add("first_touch", steps[0], "", conv);
        add("conversions", steps[steps.len() - 1], "", conv);
        add("nulls", steps[steps.len() - 1], "", nulls);
        let mut seen: Vec<&str> = Vec::new();
        for (k, c) in steps.iter().enumerate() {
            if k + 1 < steps.len() {
                add("move", c, steps[k + 1], customers);
            }
            add("positions", c, "", k as f64 * customers);
            add("linear", c, "", conv / steps.len() as f64);
            if !seen.contains(c) {
                seen.push(c);
                add("paths", c, "", customers);
                add("path_conversions", c, "", conv);
            }
        }
    }
    m
}

/// A counts CSV of the given kinds, rows in an order scrambled by `seed`,
/// integer counts above 1 split over two rows when `split`.
fn counts_csv(
    counts: &BTreeMap<(String, String, String), f64>,
    kinds: &[&str],
    seed: u64,
    split: bool,
) -> String {
    let mut rows: Vec<String> = Vec::new();
    for ((k, c, t), x) in counts {
        if !kinds.contains(&k.as_str()) {
            continue;
        }
        let row = |x: f64| format!("{k},{},{},{x}", quote(c), quote(t));
        if split && x.fract() == 0.0 && *x > 1.0 {
            let a = (x / 2.0).floor();
            rows.push(row(a));
            rows.push(row(x - a));
        } else {
            rows.push(row(*x));
        }
    }
    let mut g = Lcg(seed);
    for i in (1..rows.len()).rev() {
        rows.swap(i, g.below(i as u64 + 1) as usize);
    }
    format!("kind,channel,next_channel,count\n{}\n", rows.join("\n"))
}

/// `a` and `b` as JSON, equal but for rounding: the same structure and
/// texts, numbers within 1e-12 relative (a sum of fractions such as linear
/// credit, or a solve over the touchpoints in another order, may differ in
/// its last bit).
fn assert_close<T: serde::Serialize>(a: &T, b: &T, what: &str) {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> Result<(), String> {
        use serde_json::Value as V;
        match (a, b) {
            (V::Number(x), V::Number(y)) => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                if (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0) {
                    Ok(())
                } else {
                    Err(format!("{at}: {x} vs {y}"))
                }
            }
            (V::Array(x), V::Array(y)) if x.len() == y.len() => x
                .iter()
                .zip(y)
                .enumerate()
                .try_for_each(|(i, (x, y))| walk(x, y, &format!("{at}/{i}"))),
            (V::Object(x), V::Object(y)) if x.len() == y.len() => {
                x.iter().try_for_each(|(k, v)| match y.get(k) {
                    Some(w) => walk(v, w, &format!("{at}/{k}")),
                    None => Err(format!("{at}/{k}: missing")),
                })
            }
            _ if a == b => Ok(()),
            _ => Err(format!("{at}: {a} vs {b}")),
        }
    }
    let (a, b) = (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap(),
    );
    if let Err(e) = walk(&a, &b, "") {
        panic!("{what}: {e}");
    }
}

const REQUIRED: [&str; 4] = ["first", "move", "conversions", "nulls"];
const ALL: [&str; 9] = [
    "first",
    "move",
    "conversions",
    "nulls",
    "positions",
    "paths",
    "path_conversions",
    "first_touch",
    "linear",
];

#[test]
fn counts_fit_the_same_journey_as_the_paths() {
    for (seed, rows, channels) in [(1, 5, 2), (2, 40, 4), (3, 300, 9), (4, 2000, 9), (5, 1, 1)] {
        let paths = generate(seed, rows, channels);
        let Ok(expected) = from_paths(&paths_csv(&paths), options()) else {
            continue; // a set of only empty rows: no customer to fit either way
        };
        let counts = count(&paths);
        for (order, split) in [(seed, false), (seed + 100, true)] {
            let got = from_counts(
                &counts_csv(&counts, &ALL, order, split),
                PathOptions::default(),
            )
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            assert_eq!(
                to_json(&got),
                to_json(&expected),
                "seed {seed}, split {split}"
            );
            assert_eq!(analyze(&got).unwrap(), analyze(&expected).unwrap());
            assert_eq!(
                removal_effects(&got).unwrap(),
                removal_effects(&expected).unwrap()
            );
            assert_eq!(attribution(&got).unwrap(), attribution(&expected).unwrap());
            // The fitted journey is a valid file.
            assert_eq!(to_json(&from_json(&to_json(&got)).unwrap()), to_json(&got));
        }
    }
}

#[test]
fn the_paths_fit_does_not_depend_on_row_order() {
    let mut paths = generate(9, 200, 9);
    let a = from_paths(&paths_csv(&paths), options()).unwrap();
    paths.reverse();
    let b = from_paths(&paths_csv(&paths), options()).unwrap();
    // The same journey, but for the last bit of the linear credit (a sum of
    // fractions in another order).
    let file = |j: &journeygraph::Journey| {
        let mut v: serde_json::Value = serde_json::from_str(&to_json(j)).unwrap();
        v["observed"]["channels"]
            .as_object_mut()
            .unwrap()
            .values_mut()
            .for_each(|c| c["linear"] = serde_json::Value::Null);
        v
    };
    assert_eq!(file(&a), file(&b));
    assert_close(&a.observed, &b.observed, "observed");
}

#[test]
fn the_four_required_kinds_give_the_same_analysis() {
    let paths = generate(7, 500, 9);
    let expected = from_paths(&paths_csv(&paths), options()).unwrap();
    let got = from_counts(
        &counts_csv(&count(&paths), &REQUIRED, 3, false),
        PathOptions::default(),
    )
    .unwrap();
    // The same figures; the touchpoints are in another order (one stage),
    // so the solve may round differently in the last bit.
    let by_id = |j: &journeygraph::Journey| {
        let mut re: Vec<(String, f64)> = removal_effects(j)
            .unwrap()
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        re.sort_by(|a, b| a.0.cmp(&b.0));
        re
    };
    assert_close(&by_id(&got), &by_id(&expected), "removal effects");
    let (ga, ea) = (analyze(&got).unwrap(), analyze(&expected).unwrap());
    assert_close(&ga.success, &ea.success, "success");
    assert_close(
        &ga.expected_touchpoints,
        &ea.expected_touchpoints,
        "expected touchpoints",
    );
    let strip = |a: Vec<journeygraph::paths::Attribution>| {
        a.into_iter()
            .map(|mut x| {
                x.observed = None;
                x
            })
            .collect::<Vec<_>>()
    };
    let sorted = |mut a: Vec<journeygraph::paths::Attribution>| {
        a.sort_by(|x, y| x.touchpoint.cmp(&y.touchpoint));
        a
    };
    assert_close(
        &sorted(strip(attribution(&got).unwrap())),
        &sorted(strip(attribution(&expected).unwrap())),
        "attribution",
    );
    let (o, e) = (
        got.observed.as_ref().unwrap(),
        expected.observed.as_ref().unwrap(),
    );
    assert_eq!(
        (o.paths, o.conversions, o.nulls),
        (e.paths, e.conversions, e.nulls)
    );
    assert!(
        o.channels.0.is_empty(),
        "no observed channel counts without their rows"
    );
    assert_eq!(
        got.stages.len(),
        2,
        "one stage of touches and the conversion"
    );
    assert_eq!(got.stages[0].id, "touches");
    // With positions the stages are those of the paths.
    let mut kinds = REQUIRED.to_vec();
    kinds.push("positions");
    let staged = from_counts(
        &counts_csv(&count(&paths), &kinds, 3, false),
        PathOptions::default(),
    )
    .unwrap();
    assert_eq!(staged.stages, expected.stages);
}

#[test]
fn value_delimiter_bom_and_blank_lines() {
    let paths = "path,conversions,nulls,value\nA > B,3,1,30\nB,0,4,\nA > A > B,2,1,12.5\n";
    let expected = from_paths(paths, PathOptions::default()).unwrap();
    let counts =
        "\u{feff}Kind;Channel;Next_Channel;Count;note\r\n\r\nfirst;A;;7;x\r\nfirst;B;;4\r\n\
        move;A;B;7\r\nconversions;B;;5\r\nnulls;B;;6\r\nvalue;;;42.5\r\n\r\n\
        positions;B;;7\npaths;A;;7\npaths;B;;11\npath_conversions;A;;5\npath_conversions;B;;5\n\
        first_touch;A;;5\nlinear;A;;2.5\nlinear;B;;2.5";
    let got = from_counts(counts, PathOptions::new(None, Some(";")).unwrap()).unwrap();
    assert_eq!(to_json(&got), to_json(&expected));
    assert_eq!(got.observed.as_ref().unwrap().value, Some(42.5));
}

fn parse_error(text: &str) -> (usize, usize, String) {
    match from_counts(text, PathOptions::default()) {
        Err(e @ JourneyError::CountsCsv { .. }) => {
            assert_eq!(e.code(), "parse");
            let JourneyError::CountsCsv { line, column, .. } = &e else {
                unreachable!()
            };
            (*line, *column, e.to_string())
        }
        other => panic!("expected a counts parse error, got {other:?}"),
    }
}

#[test]
fn bad_counts_name_their_line_and_column() {
    let h = "kind,channel,next_channel,count\n";
    let cases: Vec<(String, usize, usize, &str)> = vec![
        (String::new(), 1, 1, "empty"),
        (
            "kind,channel,count\nfirst,A,3\n".into(),
            1,
            1,
            "next_channel missing",
        ),
        (
            format!("{h}first,A,,2\nstart,A,,3\n"),
            3,
            1,
            "must be one of",
        ),
        (format!("{h}first,A,,2\n\nfirst,A,,-1\n"), 4, 4, "0 or more"),
        (format!("{h}first,A,,two\n"), 2, 4, "0 or more"),
        (format!("{h}first,A,,inf\n"), 2, 4, "0 or more"),
        (format!("{h}first,A,,1\nmove,A,A,1\n"), 3, 3, "itself"),
        (format!("{h}first,A,,1\nmove,A,,1\n"), 3, 3, "moved to"),
        (
            format!("{h}first,A,B,1\n"),
            2,
            3,
            "only move rows name a next_channel",
        ),
        (format!("{h}first,,,1\n"), 2, 2, "names its channel"),
        (format!("{h}value,A,,1\n"), 2, 2, "channel is empty"),
        (format!("{h}first,A\n"), 2, 3, "columns"),
        (format!("{h}first,A,,3\nnulls,A,,2\n"), 2, 1, "balance"),
        (
            format!("{h}first,A,,3\nnulls,A,,3\nmove,B,C,1\nnulls,C,,1\n"),
            4,
            1,
            "balance",
        ),
        (format!("{h}first,A,,0\nnulls,A,,0\n"), 4, 1, "no customer"),
        (
            format!("{h}first,A,,2\nnulls,A,,2\npaths,A,,3\n"),
            2,
            1,
            "more than its visits",
        ),
        (
            format!("{h}first,A,,2\nconversions,A,,2\npaths,A,,2\npath_conversions,A,,1\n"),
            2,
            1,
            "more than its paths' conversions",
        ),
        (
            format!("{h}first,A,,2\nnulls,A,,2\nlinear,B,,1\n"),
            4,
            1,
            "no visits",
        ),
        (
            format!("{h}first,A,,1e308\nfirst,A,,1e308\n"),
            3,
            4,
            "more than journeygraph can count",
        ),
        (
            format!("{h}first,A,,1\nnulls,A,,1\nmove,C,D,1\nmove,D,C,1\n"),
            4,
            1,
            "on no path",
        ),
    ];
    for (text, line, column, words) in cases {
        let (l, c, message) = parse_error(&text);
        assert_eq!((l, c), (line, column), "{text:?}: {message}");
        assert!(message.contains(words), "{text:?}: {message}");
        assert!(message.contains(&format!("Line {line}, column {column} of the counts file")));
    }
}

#[test]
fn the_journey_limits_hold_for_counts() {
    let n = 200_000; // with the goal, one touchpoint more than a journey holds
    let mut text = String::from("kind,channel,next_channel,count\n");
    for i in 0..n {
        text += &format!("first,c{i},,1\nnulls,c{i},,1\n");
    }
    match from_counts(&text, PathOptions::default()) {
        Err(e) => assert_eq!(e.code(), "too_large", "{e}"),
        Ok(_) => panic!("200,001 touchpoints fitted"),
    }
}

/// Rows of random kinds, channels and counts (valid and not), in random
/// delimiters: never a panic; an error is `parse` with a line and column
/// of 1 or more (or `too_large`); a fitted journey analyses (no closed
/// loop) and round-trips.
mod random {
    use super::*;
    use proptest::prelude::*;

    fn row() -> impl Strategy<Value = (usize, usize, usize, usize)> {
        (0usize..12, 0usize..5, 0usize..5, 0usize..8)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn random_counts_never_panic(
            rows in prop::collection::vec(row(), 0..30),
            delimiter in prop::sample::select(vec![",", ";", "\t"]),
            header in any::<bool>(),
        ) {
            let kinds = ["first", "move", "conversions", "nulls", "positions", "paths",
                "path_conversions", "first_touch", "linear", "value", "start", ""];
            let channels = ["A", "B", "C", "", "A"];
            let counts = ["1", "2", "0", "2.5", "-1", "x", "1e308", "3"];
            let d = delimiter;
            let mut text = if header { format!("kind{d}channel{d}next_channel{d}count\n") } else { String::new() };
            for (k, c, t, n) in rows {
                text += &format!("{}{d}{}{d}{}{d}{}\n", kinds[k], channels[c], channels[t], counts[n]);
            }
            match from_counts(&text, PathOptions::new(None, Some(d)).unwrap()) {
                Ok(j) => {
                    let a = analyze(&j);
                    prop_assert!(a.is_ok(), "{text}: {a:?}");
                    prop_assert!(a.unwrap().success.is_finite());
                    attribution(&j).unwrap();
                    prop_assert_eq!(to_json(&from_json(&to_json(&j)).unwrap()), to_json(&j));
                }
                Err(e @ JourneyError::CountsCsv { .. }) => {
                    let JourneyError::CountsCsv { line, column, .. } = e else { unreachable!() };
                    prop_assert!(line >= 1 && column >= 1);
                }
                Err(e) => prop_assert_eq!(e.code(), "too_large", "{}", e),
            }
        }
    }
}
