//! No arrow crosses a card (issue 14): every arrow of the layout, sampled
//! finely along each of its pieces, stays outside every card, on the sample
//! journey, on a generated 200-touchpoint journey whose transitions go
//! anywhere (forward over stages, backward, within a stage, to itself), and
//! on random journeys. Arrows between neighbouring stages stay one piece.

use journeygraph::format::from_json;
use journeygraph::layout::{layout, Arrow, Card, MapLayout};
use journeygraph::Journey;
use proptest::prelude::*;
use serde_json::json;

/// The point at `t` of the cubic piece `p`.
fn at(p: &[[f64; 2]], t: f64) -> [f64; 2] {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    [
        a * p[0][0] + b * p[1][0] + c * p[2][0] + d * p[3][0],
        a * p[0][1] + b * p[1][1] + c * p[2][1] + d * p[3][1],
    ]
}

/// Whether `q` is inside card `c`, more than `inset` from its edges.
fn inside(c: &Card, q: [f64; 2], inset: f64) -> bool {
    q[0] > c.x + inset
        && q[0] < c.x + c.width - inset
        && q[1] > c.y + inset
        && q[1] < c.y + c.height - inset
}

/// The first card an arrow crosses, with the point: None when it crosses none.
fn crossing<'a>(map: &'a MapLayout, a: &Arrow) -> Option<(&'a str, [f64; 2])> {
    assert_eq!(
        a.points.len() % 3,
        1,
        "{} → {}: 3n + 1 points",
        a.from,
        a.to
    );
    for piece in a.points.windows(4).step_by(3) {
        for k in 0..=200 {
            let q = at(piece, k as f64 / 200.0);
            // The stroke is up to 4.5 units wide: half of it may touch an edge.
            if let Some(c) = map.cards.iter().find(|c| inside(c, q, 0.5)) {
                return Some((c.id.as_str(), q));
            }
        }
    }
    None
}

fn assert_no_crossing(j: &Journey) {
    let map = layout(j);
    let bad: Vec<String> = map
        .arrows
        .iter()
        .filter_map(|a| {
            crossing(&map, a).map(|(id, q)| format!("{} → {} crosses {id} at {q:?}", a.from, a.to))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} arrows cross a card: {bad:#?}",
        bad.len(),
        map.arrows.len()
    );
}

/// A journey of `n` touchpoints over `stages` stages whose transitions go anywhere, from a seed.
fn anywhere(n: usize, stages: usize, seed: u64) -> Journey {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407)
        | 1;
    let mut next = move |m: usize| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % m as u64) as usize
    };
    let stage_list: Vec<_> = (0..stages)
        .map(|k| json!({ "id": format!("s{k}"), "name": format!("Stage {k}") }))
        .collect();
    let tps: Vec<_> = (0..n)
        .map(|i| json!({ "id": format!("t{i}"), "name": format!("Touchpoint {i}"), "stage": format!("s{}", next(stages)), "entry": if i == 0 { 1.0 } else { 0.0 } }))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut trs = Vec::new();
    for i in 0..n {
        for _ in 0..3 {
            let to = next(n);
            if seen.insert((i, to)) {
                trs.push(json!({ "from": format!("t{i}"), "to": format!("t{to}"), "weight": 1.0 }));
            }
        }
    }
    let file = json!({ "format": "journeygraph", "version": 1, "title": "Anywhere", "stages": stage_list, "touchpoints": tps, "transitions": trs });
    from_json(&file.to_string()).expect("a valid journey")
}

#[test]
fn no_arrow_crosses_a_card_on_the_sample() {
    let j = journeygraph::format::sample();
    assert_no_crossing(&j);
    // The long arrows of the sample are routed (more than one piece); a neighbour's is one curve.
    let map = layout(&j);
    let piece = |from: &str, to: &str| {
        map.arrows
            .iter()
            .find(|a| a.from == from && a.to == to)
            .map(|a| (a.points.len() - 1) / 3)
    };
    assert_eq!(
        piece("tv-advert", "reads-reviews"),
        Some(1),
        "the next stage: one curve"
    );
    assert!(
        piece("support-call", "daily-use").unwrap() > 1,
        "back over a stage: routed"
    );
}

#[test]
fn no_arrow_crosses_a_card_on_a_generated_200_touchpoint_journey() {
    let j = anywhere(200, 10, 7);
    let map = layout(&j);
    let routed = map.arrows.iter().filter(|a| a.points.len() > 4).count();
    assert!(
        routed > 100,
        "most of its arrows go over stages or back ({routed} routed of {})",
        map.arrows.len()
    );
    assert_no_crossing(&j);
}

#[test]
fn no_arrow_crosses_a_card_on_the_reference_journeys() {
    for n in [20, 500] {
        assert_no_crossing(&journeygraph::generate::reference(n, 3));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn no_arrow_crosses_a_card_on_random_journeys(n in 1usize..60, stages in 1usize..9, seed in any::<u64>()) {
        assert_no_crossing(&anywhere(n, stages, seed));
    }
}
