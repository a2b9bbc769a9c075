//! The arrows of the map: one curve to a neighbouring stage, within a
//! stage and for a self-loop; over stages and back, a route through the
//! gutters between stages and the gaps between rows of cards, which no card
//! is in (cards sit in rows at the same heights in every column).

use std::collections::HashMap;

use super::{
    Arrow, Card, CARD_GAP, CARD_HEIGHT, CARD_WIDTH, COLUMN_GAP, COLUMN_WIDTH, HEADER_HEIGHT,
};
use crate::model::{Journey, TransitionRecord};

/// Which edge of a card an arrow's end sits on.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    /// The right edge: arrows out to later stages, and both ends of those within a stage.
    Right,
    /// The left edge: arrows in from earlier stages.
    Left,
    /// The bottom, right of the middle: arrows back to earlier stages, out.
    BackOut,
    /// The bottom, left of the middle: arrows back from later stages, in.
    BackIn,
}

/// The offset of each arrow end on its card's edge, so that the ends of
/// several arrows on one edge are spread along it (each its own point,
/// ordered by where the other end is, so they fan out without crossing
/// near the card) instead of all meeting in the edge's middle. A lone end
/// keeps the middle. Keyed by (transition index, true for its start).
fn ports(
    ends: Vec<(usize, Side, f64, usize, bool)>,
    cards: &[Card],
) -> HashMap<(usize, bool), f64> {
    // Per card and edge: (where the other end is, transition index, its start?).
    type EdgeEnds = Vec<(f64, usize, bool)>;
    let mut by_edge: HashMap<(usize, Side), EdgeEnds> = HashMap::new();
    for (card, side, key, arrow, start) in ends {
        by_edge
            .entry((card, side))
            .or_default()
            .push((key, arrow, start));
    }
    let mut out = HashMap::new();
    for ((card, side), mut list) in by_edge {
        crate::sort::sort_by(&mut list, |p, q| {
            p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2))
        });
        let n = list.len();
        let c = &cards[card];
        for (k, &(_, arrow, start)) in list.iter().enumerate() {
            let offset = match side {
                Side::Right | Side::Left => {
                    // Spread over the edge's middle, at most 14 apart, 14 clear of each corner.
                    let step = if n > 1 {
                        ((c.height - 28.0) / (n - 1) as f64).min(14.0)
                    } else {
                        0.0
                    };
                    (k as f64 - (n - 1) as f64 / 2.0) * step
                }
                Side::BackOut | Side::BackIn => {
                    // Out of the bottom's right half, into its left half, at most 10 apart.
                    let step = if n > 1 {
                        ((c.width / 2.0 - 28.0) / (n - 1) as f64).min(10.0)
                    } else {
                        0.0
                    };
                    k as f64 * step
                }
            };
            out.insert((arrow, start), offset);
        }
    }
    out
}

/// The lanes of routed arrows: offsets from the middle of a gap or gutter,
/// so that arrows routed along the same gap line run side by side, each
/// its own line, instead of on top of each other. Within ±8 of the middle
/// of a gap (24 high) or a gutter: clear of the cards.
const LANES: [f64; 5] = [0.0, 4.0, -4.0, 8.0, -8.0];

/// The most arrows a map draws. A journey fitted from page-level paths has
/// tens of thousands of transitions (2,500 pages: 53,000); drawn, they are
/// one dark mass that takes seconds to lay out and draw on the page. Above
/// this many, the map draws the strongest (see [`drawn`]) and says how many
/// it leaves out ([`super::MapLayout::transitions`]); every figure still
/// counts all of them.
pub const MAX_ARROWS: usize = 5000;

/// Which transitions (positions in `transitions`) the map draws, in file
/// order: all of them up to [`MAX_ARROWS`]; above it, first each
/// touchpoint's heaviest way out (so no card looks like an end when it is
/// not), the heaviest of those first when even they are too many, then the
/// heaviest of the rest, until there are [`MAX_ARROWS`]. Equal weights keep
/// file order.
pub(super) fn drawn(transitions: &[TransitionRecord]) -> Vec<usize> {
    let n = transitions.len();
    if n <= MAX_ARROWS {
        return (0..n).collect();
    }
    let by_weight = crate::sort::order(n, &mut |a, b| {
        transitions[b]
            .weight
            .total_cmp(&transitions[a].weight)
            .then(a.cmp(&b))
    });
    let mut keep = vec![false; n];
    let mut has_exit: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut kept = 0;
    // Heaviest first, so the first of each touchpoint is its heaviest way out.
    for &i in &by_weight {
        if kept < MAX_ARROWS && has_exit.insert(transitions[i].from.as_str()) {
            keep[i] = true;
            kept += 1;
        }
    }
    for &i in &by_weight {
        if kept == MAX_ARROWS {
            break;
        }
        if !keep[i] {
            keep[i] = true;
            kept += 1;
        }
    }
    (0..n).filter(|&i| keep[i]).collect()
}

pub(super) fn arrows(
    journey: &Journey,
    cards: &[Card],
    at: &HashMap<&str, usize>,
) -> (Vec<Arrow>, usize) {
    let all = journey.transitions();
    let mut out_weight: HashMap<&str, f64> = HashMap::new();
    for t in &all {
        *out_weight.entry(t.from.as_str()).or_default() += t.weight;
    }
    let transitions: Vec<&TransitionRecord> = drawn(&all).into_iter().map(|i| &all[i]).collect();
    // Where each arrow's ends sit on its cards' edges (see `ports`).
    let mut ends = Vec::new();
    for (i, t) in transitions.iter().enumerate() {
        let (Some(&a), Some(&b)) = (at.get(t.from.as_str()), at.get(t.to.as_str())) else {
            continue;
        };
        let (ca, cb) = (&cards[a], &cards[b]);
        let mid = |c: &Card| c.y + c.height / 2.0;
        if a == b {
            continue;
        } else if cb.x > ca.x + 1.0 {
            ends.push((a, Side::Right, mid(cb), i, true));
            ends.push((b, Side::Left, mid(ca), i, false));
        } else if cb.x < ca.x - 1.0 {
            // The nearer the other end, the nearer the middle.
            ends.push((a, Side::BackOut, -cb.x, i, true));
            ends.push((b, Side::BackIn, ca.x, i, false));
        } else {
            ends.push((a, Side::Right, mid(cb), i, true));
            ends.push((b, Side::Right, mid(ca), i, false));
        }
    }
    let port = ports(ends, cards);
    let offset = |i: usize, start: bool| port.get(&(i, start)).copied().unwrap_or(0.0);
    let mut routed = 0usize;
    let mut arrows = Vec::with_capacity(transitions.len());
    for (i, t) in transitions.iter().enumerate() {
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
            let (x1, y1) = (ca.x + ca.width, ca.y + ca.height / 2.0 + offset(i, true));
            let (x2, y2) = (cb.x, cb.y + cb.height / 2.0 + offset(i, false));
            if cb.x - ca.x < COLUMN_WIDTH + COLUMN_GAP + 1.0 {
                // The next stage: one curve across the gutter, which no card is in.
                let dx = ((x2 - x1) / 2.0).max(30.0);
                vec![[x1, y1], [x1 + dx, y1], [x2 - dx, y2], [x2, y2]]
            } else {
                // Over stages between: into the gutter, along the gap between
                // two rows of cards (free in every column), out of the gutter.
                let lane = LANES[routed % LANES.len()];
                routed += 1;
                let gap = lane
                    + gap_y(if cb.y >= ca.y {
                        row_of(ca) + 1
                    } else {
                        row_of(ca)
                    });
                let (ga, gb) = (gutter_right(ca) + lane, gutter_left(cb) + lane);
                route(&[[x1, y1], [ga, y1], [ga, gap], [gb, gap], [gb, y2], [x2, y2]])
            }
        } else if cb.x < ca.x - 1.0 {
            // Backward: down from the source into the gap under it, along
            // that gap to the gutter beside the target's stage, along the
            // gutter to the gap under the target, and up into the target.
            let (x1, y1) = (
                ca.x + ca.width / 2.0 + 12.0 + offset(i, true),
                ca.y + ca.height,
            );
            let (x2, y2) = (
                cb.x + cb.width / 2.0 - 12.0 - offset(i, false),
                cb.y + cb.height,
            );
            let lane = LANES[routed % LANES.len()];
            routed += 1;
            let (under_a, under_b) = (gap_y(row_of(ca) + 1) + lane, gap_y(row_of(cb) + 1) + lane);
            let g = gutter_right(cb) + lane;
            route(&[
                [x1, y1],
                [x1, under_a],
                [g, under_a],
                [g, under_b],
                [x2, under_b],
                [x2, y2],
            ])
        } else {
            // Same column: along the right side; one going up (back) a
            // lane further out than those going down, so A → B and B → A
            // are two lines, not one.
            let (x, y1) = (ca.x + ca.width, ca.y + ca.height / 2.0 + offset(i, true));
            let y2 = cb.y + cb.height / 2.0 + offset(i, false);
            let back = if y2 < y1 { 10.0 } else { 0.0 };
            let bulge = x + 18.0 + back + (y2 - y1).abs().min(200.0) * 0.1;
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
    (arrows, all.len())
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
