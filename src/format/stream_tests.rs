//! The direct reader against the `Value` reader: for every field of the
//! records it reads, given every kind of value (and given twice, under an
//! escaped key, over the string limit), a file reads to the same journey,
//! written the same, or to the same error.

use super::{from_json_with, from_value, stream, to_json, Limits, SAMPLE};

const VALUES: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "-0.0",
    "1.0",
    "3",
    "3.0",
    "3e0",
    "7",
    "255",
    "256",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "0.1000000000000000055511151231257827",
    "1e400",
    "-1e400",
    "1e-400",
    "\"\"",
    "\"x\"",
    "\"s\"",
    "\"direct\"",
    "\"indirect\"",
    "\"\\u0064irect\"",
    "\"a long text, longer than the limit\"",
    "[]",
    "[\"x\"]",
    "[1]",
    "[null]",
    "{}",
    "{\"emotion\": {\"measured\": true, \"source\": \"Survey\"}}",
    "[{\"metric\": \"csat\", \"value\": 4.2}]",
    "{\"$serde_json::private::Number\": \"0.5\"}",
    "{\"$serde_json::private::Number\": \"+1\"}",
    "{\"$serde_json::private::Number\": \".5\"}",
    "{\"$serde_json::private::Number\": \"inf\"}",
    "{\"$serde_json::private::Number\": \"0.5\", \"x\": 1}",
    "{\"x\": 1e400}",
    "{\"x\": [1, {\"y\": \"a long text, longer than the limit\"}]}",
];

/// Keys tried on a touchpoint: its fields, and keys it does not know.
fn touchpoint_keys() -> Vec<&'static str> {
    let odd = [
        "unknown",
        "\\u0069d",
        "$serde_json::private::Number",
        "a long key, longer than the limit",
    ];
    crate::model::read::TOUCHPOINT
        .iter()
        .copied()
        .chain(odd)
        .collect()
}

/// A file with `field` (`"key": value`, or nothing) in a record of kind
/// `at`: a stage, a touchpoint, a transition or the file itself.
fn file(at: &str, field: &str) -> String {
    let put = |kind: &str| {
        if kind == at && !field.is_empty() {
            format!(", {field}")
        } else {
            String::new()
        }
    };
    format!(
        r#"{{"format": "journeygraph", "version": 2, "title": "T"{f},
        "stages": [{{"id": "s", "name": "S"{s}}}, {{"id": "t", "name": "T"}}],
        "touchpoints": [
          {{"id": "a", "name": "A", "stage": "s", "entry": 1, "x": [1, 2.50]{t}}},
          {{"id": "b", "name": "B", "stage": "t", "emotion": -0.25, "impact": 0.5}}],
        "transitions": [{{"from": "a", "to": "b", "weight": 2{r}}}]}}"#,
        f = put("file"),
        s = put("stage"),
        t = put("touchpoint"),
        r = put("transition"),
    )
}

/// Both readers agree on `text`; returns whether the direct one read it.
fn same(text: &str, limits: &Limits) -> bool {
    let direct = from_json_with(text, limits);
    let long_way = from_value(text, limits);
    assert_eq!(direct, long_way, "{text}");
    if let (Ok(a), Ok(b)) = (&direct, &long_way) {
        assert_eq!(to_json(a), to_json(b), "{text}");
    }
    stream::read(text, limits)
        .and_then(|r| super::direct(r, limits))
        .is_some()
}

#[test]
fn every_field_with_every_value_reads_as_the_value_reader_reads_it() {
    let short = Limits {
        max_string: 30,
        ..Limits::default()
    };
    let mut direct = 0;
    for limits in [Limits::default(), short] {
        for (at, keys) in [
            ("touchpoint", &touchpoint_keys()[..]),
            ("stage", &["id", "name", "unknown", "\\u0069d"][..]),
            ("transition", &["from", "to", "weight", "unknown"][..]),
            (
                "file",
                &["stages", "touchpoints", "transitions", "title", "unknown"][..],
            ),
        ] {
            for key in keys {
                for value in VALUES {
                    direct += usize::from(same(&file(at, &format!("\"{key}\": {value}")), &limits));
                }
            }
        }
    }
    // Most of these are wrong; the right ones go the direct way.
    assert!(direct > 300, "{direct}");
}

#[test]
fn the_direct_reader_reads_whole_files() {
    let limits = Limits::default();
    assert!(same(SAMPLE, &limits));
    assert!(same(&file("", ""), &limits));
    assert!(same(&format!("\u{feff}{}", file("", "")), &limits));
    let v1 = file("", "").replace("\"version\": 2", "\"version\": 1.0");
    assert!(same(&v1, &limits));
    // Not a file, or not JSON: the long way names it.
    for text in [
        "[]",
        "1",
        "{",
        "{} x",
        "{\"format\": \"journeygraph\"}",
        "{\"format\": \"journeygraph\", \"version\": 3}",
    ] {
        assert!(!same(text, &limits), "{text}");
    }
    // A list given twice, and a deep error: the long way, same pointer.
    let twice = file("file", "\"stages\": []");
    assert!(!same(&twice, &limits));
    let deep = file(
        "touchpoint",
        "\"metrics\": [{\"metric\": \"csat\", \"value\": true}]",
    );
    let e = from_json_with(&deep, &limits).map(|_| ()).unwrap_err();
    assert_eq!(e.path(), "/touchpoints/0/metrics/0/value");
}
