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

/// A journey of `n` touchpoints in 5 stages where touchpoint i leads to the
/// `out` touchpoints after it (wrapping round), with weights that differ
/// (i's k-th way out weighs 1 + (7i + 3k) mod 50).
fn dense(n: usize, out: usize) -> Journey {
    let stages: Vec<_> = (0..5)
        .map(|k| json!({ "id": format!("s{k}"), "name": format!("Stage {k}") }))
        .collect();
    let tps: Vec<_> = (0..n)
        .map(|i| json!({ "id": format!("t{i}"), "name": format!("T {i}"), "stage": format!("s{}", i % 5), "entry": if i == 0 { 1.0 } else { 0.0 } }))
        .collect();
    let trs: Vec<_> = (0..n)
        .flat_map(|i| {
            (1..=out).map(move |k| {
                json!({ "from": format!("t{i}"), "to": format!("t{}", (i + k) % n), "weight": 1 + (7 * i + 3 * k) % 50 })
            })
        })
        .collect();
    let file = json!({ "format": "journeygraph", "version": 1, "title": "Dense", "stages": stages, "touchpoints": tps, "transitions": trs });
    from_json(&file.to_string()).expect("a valid journey")
}

#[test]
fn a_map_of_up_to_max_arrows_transitions_draws_them_all() {
    let j = dense(1000, 5);
    let map = layout(&j);
    assert_eq!(j.transition_count(), journeygraph::layout::MAX_ARROWS);
    assert_eq!(map.transitions, j.transition_count());
    assert_eq!(map.arrows.len(), map.transitions);
}

#[test]
fn a_map_of_more_transitions_draws_each_way_out_that_is_heaviest_then_the_heaviest_of_the_rest() {
    let max = journeygraph::layout::MAX_ARROWS;
    // 2,000 touchpoints with 20 ways out each: 40,000 transitions, as a fitted site journey has.
    let j = dense(2000, 20);
    let map = layout(&j);
    let all = j.transitions();
    assert_eq!(map.transitions, 40_000);
    assert_eq!(map.arrows.len(), max, "at most {max} arrows");
    // In file order, each a transition of the journey with its weight.
    let position = |a: &Arrow| {
        all.iter()
            .position(|t| t.from == a.from && t.to == a.to)
            .expect("a transition")
    };
    let at: Vec<usize> = map.arrows.iter().map(position).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "file order");
    for (a, &i) in map.arrows.iter().zip(&at) {
        assert_eq!(a.weight, all[i].weight);
    }
    // Every touchpoint keeps its heaviest way out (the first of equal ones), so none looks like an end.
    let mut heaviest: std::collections::HashMap<&str, (usize, f64)> =
        std::collections::HashMap::new();
    for (i, t) in all.iter().enumerate() {
        let best = heaviest.entry(t.from.as_str()).or_insert((i, t.weight));
        if t.weight > best.1 {
            *best = (i, t.weight);
        }
    }
    assert_eq!(heaviest.len(), 2000);
    let kept: std::collections::HashSet<usize> = at.iter().copied().collect();
    for (id, (i, _)) in &heaviest {
        assert!(kept.contains(i), "{id}'s heaviest way out is drawn");
    }
    // The others drawn weigh at least as much as any left out.
    let firsts: std::collections::HashSet<usize> = heaviest.values().map(|&(i, _)| i).collect();
    let lightest_other = at
        .iter()
        .filter(|i| !firsts.contains(i))
        .map(|&i| all[i].weight)
        .fold(f64::INFINITY, f64::min);
    let heaviest_left = (0..all.len())
        .filter(|i| !kept.contains(i))
        .map(|i| all[i].weight)
        .fold(0.0, f64::max);
    assert!(heaviest_left > 0.0 && lightest_other < f64::INFINITY);
    assert!(
        lightest_other >= heaviest_left,
        "the rest by weight: lightest drawn {lightest_other}, heaviest left out {heaviest_left}"
    );
    assert_no_crossing(&j);
}
