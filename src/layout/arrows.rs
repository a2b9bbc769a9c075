//! The arrows of the map: one curve to a neighbouring stage, within a
//! stage and for a self-loop; over stages and back, a route through the
//! gutters between stages and the gaps between rows of cards, which no card
//! is in (cards sit in rows at the same heights in every column).

use std::collections::HashMap;

use super::{
    Arrow, Card, CARD_GAP, CARD_HEIGHT, CARD_WIDTH, COLUMN_GAP, COLUMN_WIDTH, HEADER_HEIGHT,
};
use crate::model::Journey;

pub(super) fn arrows(journey: &Journey, cards: &[Card], at: &HashMap<&str, usize>) -> Vec<Arrow> {
    let transitions = journey.transitions();
    let mut out_weight: HashMap<&str, f64> = HashMap::new();
    for t in &transitions {
        *out_weight.entry(t.from.as_str()).or_default() += t.weight;
    }
    let mut arrows = Vec::with_capacity(transitions.len());
    for t in &transitions {
        let (Some(&a), Some(&b)) = (at.get(t.from.as_str()), at.get(t.to.as_str())) else {
            continue;
        };
        let (ca, cb) = (&cards[a], &cards[b]);
        let total = out_weight.get(t.from.as_str()).copied().unwrap_or(t.weight);
        let share = if total > 0.0 { t.weight / total } else { 0.0 };
        let self_loop = a == b;
        // The gutter between two columns (its middle), and the gap between two rows of cards.
        let gutter_right =
            |c: &Card| c.x + c.width + (COLUMN_WIDTH - CARD_WIDTH) / 2.0 + COLUMN_GAP / 2.0;
        let gutter_left = |c: &Card| c.x - (COLUMN_WIDTH - CARD_WIDTH) / 2.0 - COLUMN_GAP / 2.0;
        let points = if self_loop {
            // A loop off the card's top-right corner.
            let (x, y) = (ca.x + ca.width - 24.0, ca.y);
            vec![
                [x, y],
                [x + 10.0, y - 34.0],
                [x + 44.0, y - 10.0],
                [ca.x + ca.width, y + 20.0],
            ]
        } else if cb.x > ca.x + 1.0 {
            // Forward: right edge to left edge.
            let (x1, y1) = (ca.x + ca.width, ca.y + ca.height / 2.0);
            let (x2, y2) = (cb.x, cb.y + cb.height / 2.0);
            if cb.x - ca.x < COLUMN_WIDTH + COLUMN_GAP + 1.0 {
                // The next stage: one curve across the gutter, which no card is in.
                let dx = ((x2 - x1) / 2.0).max(30.0);
                vec![[x1, y1], [x1 + dx, y1], [x2 - dx, y2], [x2, y2]]
            } else {
                // Over stages between: into the gutter, along the gap between
                // two rows of cards (free in every column), out of the gutter.
                let gap = gap_y(if cb.y >= ca.y {
                    row_of(ca) + 1
                } else {
                    row_of(ca)
                });
                let (ga, gb) = (gutter_right(ca), gutter_left(cb));
                route(&[[x1, y1], [ga, y1], [ga, gap], [gb, gap], [gb, y2], [x2, y2]])
            }
        } else if cb.x < ca.x - 1.0 {
            // Backward: down from the source into the gap under it, along
            // that gap to the gutter beside the target's stage, along the
            // gutter to the gap under the target, and up into the target.
            let (x1, y1) = (ca.x + ca.width / 2.0 + 12.0, ca.y + ca.height);
            let (x2, y2) = (cb.x + cb.width / 2.0 - 12.0, cb.y + cb.height);
            let (under_a, under_b) = (gap_y(row_of(ca) + 1), gap_y(row_of(cb) + 1));
            let g = gutter_right(cb);
            route(&[
                [x1, y1],
                [x1, under_a],
                [g, under_a],
                [g, under_b],
                [x2, under_b],
                [x2, y2],
            ])
        } else {
            // Same column: along the right side.
            let (x, y1) = (ca.x + ca.width, ca.y + ca.height / 2.0);
            let y2 = cb.y + cb.height / 2.0;
            let bulge = x + 18.0 + (y2 - y1).abs().min(200.0) * 0.1;
            vec![[x, y1], [bulge, y1], [bulge, y2], [x, y2]]
        };
        arrows.push(Arrow {
            from: t.from.clone(),
            to: t.to.clone(),
            weight: t.weight,
            share,
            self_loop,
            points,
        });
    }
    arrows
}

/// The row of a card (cards sit in rows at the same heights in every column).
fn row_of(c: &Card) -> usize {
    let row = (c.y - HEADER_HEIGHT - CARD_GAP) / (CARD_HEIGHT + CARD_GAP);
    row.round().max(0.0) as usize
}

/// The middle of the gap above row `row` of cards (row 0: under the headers).
fn gap_y(row: usize) -> f64 {
    HEADER_HEIGHT + CARD_GAP / 2.0 + row as f64 * (CARD_HEIGHT + CARD_GAP)
}

/// How round a routed arrow's corners are.
const CORNER: f64 = 10.0;

/// A polyline of horizontal and vertical runs as a piecewise cubic: each
/// run straight, each corner rounded (radius at most [`CORNER`], at most
/// half of either run). Runs of no length are skipped.
fn route(waypoints: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut w: Vec<[f64; 2]> = Vec::with_capacity(waypoints.len());
    for &p in waypoints {
        if w.last()
            .is_none_or(|q| (q[0] - p[0]).abs() + (q[1] - p[1]).abs() > 1e-9)
        {
            w.push(p);
        }
    }
    let lerp =
        |a: [f64; 2], b: [f64; 2], t: f64| [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    let len = |a: [f64; 2], b: [f64; 2]| (b[0] - a[0]).hypot(b[1] - a[1]);
    let Some(&start) = w.first() else {
        return Vec::new();
    };
    let mut out = vec![start];
    let line = |out: &mut Vec<[f64; 2]>, to: [f64; 2]| {
        let from = *out.last().unwrap_or(&to);
        out.extend([lerp(from, to, 1.0 / 3.0), lerp(from, to, 2.0 / 3.0), to]);
    };
    for i in 1..w.len() {
        let p = w[i];
        if i + 1 == w.len() {
            line(&mut out, p);
            break;
        }
        let (prev, next) = (w[i - 1], w[i + 1]);
        let r = CORNER.min(len(prev, p) / 2.0).min(len(p, next) / 2.0);
        let (a, b) = (
            lerp(p, prev, r / len(prev, p)),
            lerp(p, next, r / len(p, next)),
        );
        line(&mut out, a);
        out.extend([lerp(a, p, 0.55), lerp(b, p, 0.55), b]);
    }
    if out.len() == 1 {
        out.extend([start, start, start]);
    }
    out
}
