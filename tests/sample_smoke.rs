use journeygraph::format::{from_json, to_json, SAMPLE};

#[test]
fn sample_loads_and_round_trips() {
    let j = from_json(SAMPLE).expect("sample loads");
    assert!(j.touchpoint_count() >= 15);
    let again = from_json(&to_json(&j)).expect("export loads");
    assert_eq!(again, j);
    assert_eq!(to_json(&again), to_json(&j));
}
