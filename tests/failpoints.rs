//! A fail point is a way out of a loop: customers it loses leave, so a
//! loop with no dropout of its own but a failing fail point inside is no
//! trap (SPEC section 5: every accepted journey is analysed).

use journeygraph::analysis::analyze;
use journeygraph::diagnostics::closed_loops;
use journeygraph::format::from_json;

const LOOP: &str = r#"{
  "format": "journeygraph", "version": 2, "title": "Loop",
  "stages": [{"id": "s", "name": "Stage"}],
  "touchpoints": [
    {"id": "a", "name": "Asks", "stage": "s", "entry": 1},
    {"id": "b", "name": "Is told to ask again", "stage": "s"}
  ],
  "transitions": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}],
  "lanes": [{"id": "sys", "kind": "support", "name": "Systems"}],
  "items": [{"id": "crm", "lane": "sys", "stage": "s", "touchpoints": ["b"], "failPoint": {"rate": 0.1}}]
}"#;

#[test]
fn a_failing_fail_point_opens_a_loop_and_a_rate_of_zero_does_not() {
    let j = from_json(LOOP).unwrap();
    assert!(closed_loops(&j).is_empty());
    let a = analyze(&j).unwrap();
    // Everyone leaves at b in the end (1 − 0.9ⁿ → 1); b is met 1/0.1 = 10 times.
    assert!((a.dropout - 1.0).abs() < 1e-9, "dropout {}", a.dropout);
    assert!((a.touchpoints.get("b").unwrap().visits - 10.0).abs() < 1e-9);
    let mut never = j.clone();
    never.items[0].fail_point.as_mut().unwrap().rate = 0.0;
    assert_eq!(closed_loops(&never), vec![vec![0, 1]]);
    assert_eq!(analyze(&never).unwrap_err().code(), "closed_loop");
}
