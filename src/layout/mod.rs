//! Where things go on the map: stage columns, touchpoint cards, transition
//! arrows and the emotional-curve lane. Pure geometry in SVG user units, so
//! it is tested natively and the front end only draws what it is given.
//!
//! # Complexity
//! O(n + m) for n touchpoints and m transitions.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Journey, Kind, LaneKind};

mod arrows;
mod curve;
use arrows::arrows;
pub use arrows::MAX_ARROWS;
use curve::curve_end;
pub use curve::{END_LOOP, END_SIZE};

/// Width of a stage column.
pub const COLUMN_WIDTH: f64 = 220.0;
/// Space between columns.
pub const COLUMN_GAP: f64 = 28.0;
/// Height of the stage header band.
pub const HEADER_HEIGHT: f64 = 56.0;
/// Card size.
pub const CARD_WIDTH: f64 = 188.0;
pub const CARD_HEIGHT: f64 = 84.0;
/// Vertical space between cards.
pub const CARD_GAP: f64 = 24.0;
/// Height of the emotional-curve lane.
pub const CURVE_HEIGHT: f64 = 180.0;
/// Height of each qualitative lane (pain points, opportunities).
pub const LANE_HEIGHT: f64 = 120.0;
const MARGIN: f64 = 24.0;

/// The whole map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapLayout {
    pub width: f64,
    pub height: f64,
    pub header_height: f64,
    pub stages: Vec<StageBox>,
    pub cards: Vec<Card>,
    /// The transitions the map draws, in file order: all of them, or the
    /// [`MAX_ARROWS`] strongest when there are more (each touchpoint's
    /// heaviest way out, then the heaviest of the rest).
    pub arrows: Vec<Arrow>,
    /// How many transitions the journey has: more than `arrows` when the
    /// map leaves some out.
    pub transitions: usize,
    pub curve: Curve,
    pub lanes: Vec<Lane>,
    /// The service blueprint lines the journey's lanes place, each above
    /// the lane it names (drawing the blueprint lanes is the front end's).
    pub lines: Vec<crate::model::Line>,
}

/// A stage column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageBox {
    pub id: String,
    pub name: String,
    pub x: f64,
    pub width: f64,
    pub touchpoints: usize,
}

/// A touchpoint card with what it shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: String,
    pub name: String,
    pub stage: String,
    pub channel: String,
    pub owner: String,
    pub kind: Kind,
    pub service: bool,
    pub proactive: bool,
    pub goal: bool,
    /// The emotion in the flow (0 when not rated).
    pub emotion: f64,
    /// Whether the emotion was rated; a card that is not says "not rated".
    pub rated: bool,
    pub impact: f64,
    pub felt: f64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// A transition arrow: a piecewise cubic Bézier of `3n + 1` points
/// (start, then control 1, control 2 and end of each of its `n` pieces;
/// a piece starts where the one before ends). Arrows between neighbouring
/// stages, within a stage and self-loops are one piece; the others are
/// routed through the gaps between the cards (see `route`), so that no
/// arrow crosses a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Arrow {
    pub from: String,
    pub to: String,
    pub weight: f64,
    /// This transition's share of the weight leaving `from`, in (0, 1].
    pub share: f64,
    pub self_loop: bool,
    pub points: Vec<[f64; 2]>,
}

/// The emotional curve: felt emotion along the journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Curve {
    /// Top of the lane.
    pub y: f64,
    pub height: f64,
    /// The y of felt emotion 0.
    pub zero_y: f64,
    pub points: Vec<CurvePoint>,
    /// Index into `points` of the most intense moment (largest |felt|, earliest on ties).
    pub peak: Option<usize>,
    /// Index into `points` of where most customers end (their last
    /// moment: they drop out after it, or it is an end), not the rightmost
    /// card; the last point when the journey cannot be analysed.
    pub end: Option<usize>,
    /// Share of customers whose journey ends at `end` (None when the
    /// journey cannot be analysed).
    pub end_share: Option<f64>,
    /// The felt emotion of customers' last moment, averaged over all
    /// customers (weighted by how many end at each touchpoint): the "end"
    /// of the peak-end rule (None when the journey cannot be analysed).
    pub end_felt: Option<f64>,
}

/// One moment on the curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurvePoint {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub felt: f64,
}

/// A qualitative lane: texts gathered per stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lane {
    /// The lane's id in the file.
    pub id: String,
    /// Its kind: "thoughts", "evidence", "frontstage", "backstage",
    /// "support", "painPoints", "opportunities" or "custom".
    pub kind: &'static str,
    /// Its name, as the file gives it.
    pub title: String,
    pub y: f64,
    pub height: f64,
    pub cells: Vec<LaneCell>,
}

/// The texts of one stage in a lane.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LaneCell {
    pub stage: String,
    pub x: f64,
    pub width: f64,
    pub texts: Vec<String>,
}

/// The numbers of a layout that a touchpoint's emotion or impact moves,
/// and nothing else: for each card, its `emotion`, `impact` and `felt`;
/// for each curve point, its `y` and `felt`; then the curve's `peak` and
/// `end` (−1 for none). A card's emotion is NaN when it is not rated. A slider step changes only these (where every
/// card, arrow and lane goes stays), so the editor brings the layout it
/// drew up to date from them instead of taking a whole new one: at 1,000
/// touchpoints the whole layout is about a megabyte of JSON to parse.
///
/// # Example
/// ```
/// use journeygraph::layout::{layout, emotions};
/// let map = layout(&journeygraph::format::sample());
/// let n = emotions(&map);
/// assert_eq!(n.len(), 3 * map.cards.len() + 2 * map.curve.points.len() + 2);
/// assert_eq!(n[2], map.cards[0].felt);
/// assert_eq!(n[3 * map.cards.len()], map.curve.points[0].y);
/// assert_eq!(n[n.len() - 2], map.curve.peak.map_or(-1.0, |i| i as f64));
/// ```
pub fn emotions(map: &MapLayout) -> Vec<f64> {
    let mut out = Vec::with_capacity(3 * map.cards.len() + 2 * map.curve.points.len() + 2);
    for c in &map.cards {
        // NaN for an emotion not rated (the card's `rated` is false).
        let emotion = if c.rated { c.emotion } else { f64::NAN };
        out.extend([emotion, c.impact, c.felt]);
    }
    for p in &map.curve.points {
        out.extend([p.y, p.felt]);
    }
    let index = |i: Option<usize>| i.map_or(-1.0, |i| i as f64);
    out.extend([index(map.curve.peak), index(map.curve.end)]);
    out
}

/// Lays out the whole journey.
///
/// # Example
/// ```
/// let map = journeygraph::layout::layout(&journeygraph::format::sample());
/// assert_eq!(map.cards.len(), map.curve.points.len());
/// ```
pub fn layout(journey: &Journey) -> MapLayout {
    let column: HashMap<&str, usize> = journey
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let col_x = |c: usize| MARGIN + c as f64 * (COLUMN_WIDTH + COLUMN_GAP);
    let mut rows = vec![0usize; journey.stages.len()];
    let mut cards = Vec::with_capacity(journey.touchpoint_count());
    let mut at: HashMap<&str, usize> = HashMap::with_capacity(journey.touchpoint_count());
    for tp in journey.touchpoints() {
        // Validation guarantees every touchpoint's stage exists.
        let Some(&c) = column.get(tp.stage.as_str()) else {
            continue;
        };
        let row = rows[c];
        rows[c] += 1;
        at.insert(tp.id.as_str(), cards.len());
        cards.push(Card {
            id: tp.id.clone(),
            name: tp.name.clone(),
            stage: tp.stage.clone(),
            channel: tp.channel.clone(),
            owner: tp.owner.clone(),
            kind: tp.kind,
            service: tp.service,
            proactive: tp.proactive,
            goal: tp.goal,
            emotion: tp.emotion_value(),
            rated: tp.rated(),
            impact: tp.impact,
            felt: tp.felt(),
            x: col_x(c) + (COLUMN_WIDTH - CARD_WIDTH) / 2.0,
            y: HEADER_HEIGHT + CARD_GAP + row as f64 * (CARD_HEIGHT + CARD_GAP),
            width: CARD_WIDTH,
            height: CARD_HEIGHT,
        });
    }
    let tallest = rows.iter().copied().max().unwrap_or(0) as f64;
    let cards_bottom = HEADER_HEIGHT + CARD_GAP + tallest * (CARD_HEIGHT + CARD_GAP);
    let width =
        2.0 * MARGIN + journey.stages.len() as f64 * (COLUMN_WIDTH + COLUMN_GAP) - COLUMN_GAP;

    let stages = journey
        .stages
        .iter()
        .enumerate()
        .map(|(c, s)| StageBox {
            id: s.id.clone(),
            name: s.name.clone(),
            x: col_x(c),
            width: COLUMN_WIDTH,
            touchpoints: rows[c],
        })
        .collect();

    let (arrows, transitions) = arrows(journey, &cards, &at);

    // The curve: every touchpoint in journey order (stage, then position),
    // spread evenly across its stage's column.
    let curve_y = cards_bottom + CARD_GAP;
    let zero_y = curve_y + CURVE_HEIGHT / 2.0;
    let half = CURVE_HEIGHT / 2.0 - 12.0;
    let mut points = Vec::with_capacity(cards.len());
    for (c, stage) in journey.stages.iter().enumerate() {
        let members: Vec<&Card> = cards.iter().filter(|k| k.stage == stage.id).collect();
        let k = members.len() as f64;
        for (j, card) in members.into_iter().enumerate() {
            points.push(CurvePoint {
                id: card.id.clone(),
                x: col_x(c) + (j as f64 + 0.5) * COLUMN_WIDTH / k,
                y: zero_y - card.felt * half,
                felt: card.felt,
            });
        }
    }
    let peak = points
        .iter()
        .enumerate()
        .fold(None, |best: Option<(usize, f64)>, (i, p)| match best {
            Some((_, b)) if p.felt.abs() <= b => best,
            _ => Some((i, p.felt.abs())),
        })
        .map(|(i, _)| i);
    let (end, end_share, end_felt) = curve_end(journey, &points);
    let curve = Curve {
        y: curve_y,
        height: CURVE_HEIGHT,
        zero_y,
        points,
        peak,
        end,
        end_share,
        end_felt,
    };

    let mut lane_y = curve_y + CURVE_HEIGHT + CARD_GAP;
    let mut lanes = Vec::new();
    // The journey's lanes in display order, hidden ones left out: the pain
    // points and opportunities lanes gather the touchpoints' own lists, every
    // lane the items placed in it (a fail point says how often it fails).
    for lane in journey.lanes.iter().filter(|l| !l.hidden) {
        let cells = journey
            .stages
            .iter()
            .enumerate()
            .map(|(c, s)| {
                let own = journey
                    .touchpoints()
                    .filter(|t| t.stage == s.id)
                    .flat_map(|t| match lane.kind {
                        LaneKind::PainPoints => t.pain_points.as_slice(),
                        LaneKind::Opportunities => t.opportunities.as_slice(),
                        _ => &[],
                    })
                    .cloned();
                let items = journey
                    .items
                    .iter()
                    .filter(|i| i.lane == lane.id && i.stage == s.id)
                    .map(|i| match &i.fail_point {
                        Some(f) => format!("\u{26a0} {} (fails {}%)", i.text, percent(f.rate)),
                        None => i.text.clone(),
                    });
                LaneCell {
                    stage: s.id.clone(),
                    x: col_x(c),
                    width: COLUMN_WIDTH,
                    texts: own.chain(items).collect(),
                }
            })
            .collect();
        lanes.push(Lane {
            id: lane.id.clone(),
            kind: lane.kind.name(),
            title: lane.name.clone(),
            y: lane_y,
            height: LANE_HEIGHT,
            cells,
        });
        lane_y += LANE_HEIGHT + CARD_GAP;
    }

    MapLayout {
        width: width.max(2.0 * MARGIN),
        height: lane_y + MARGIN - CARD_GAP,
        header_height: HEADER_HEIGHT,
        stages,
        cards,
        arrows,
        transitions,
        curve,
        lanes,
        lines: crate::model::blueprint::lines(&journey.lanes),
    }
}

/// A share as a percentage for people: "5", "0.5", "12.25".
fn percent(rate: f64) -> String {
    let p = (rate * 10_000.0).round() / 100.0;
    format!("{p}")
}
