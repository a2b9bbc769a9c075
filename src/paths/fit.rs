//! The journey fitted from the counts of observed paths: a touchpoint per
//! channel, staged by typical position, one goal, weights the counted moves.

use std::collections::HashMap;

use super::PathSummary;
use crate::error::{JourneyError, Result};
use crate::model::{
    Journey, Observed, ObservedChannel, ObservedChannels, Stage, Touchpoint, TransitionRecord,
};

#[derive(Debug, Clone, Default)]
pub(super) struct Channel {
    pub(super) name: String,
    pub(super) first: f64,
    /// Customers leaving this channel (to another, to conversion, or lost).
    pub(super) departures: f64,
    /// Paths that end here without conversion.
    pub(super) nulls: f64,
    /// Paths that end here with a conversion.
    pub(super) conversions: f64,
    /// Σ step index × customers, and Σ customers, for its typical position.
    pub(super) position_sum: f64,
    pub(super) visits: f64,
    /// Customers of the paths that contain this channel, and their
    /// conversions (each path counted once, however often it comes back).
    pub(super) paths: f64,
    pub(super) path_conversions: f64,
    /// Conversions of the paths that start here (first-touch credit).
    pub(super) first_conversions: f64,
    /// Linear credit: a path's conversions over its visits, per visit here.
    pub(super) linear: f64,
    /// The row that last counted this channel's paths (1-based; 0: none).
    pub(super) row: u64,
}

/// What a reader counted: the channels, the moves between them (by
/// channel index) and the totals.
pub(super) struct Counts {
    pub channels: Vec<Channel>,
    pub moves: HashMap<(u32, u32), f64>,
    pub summary: PathSummary,
    /// Whether the channels' `position_sum` was counted (always from
    /// paths; from counts only with `positions` rows). Without it every
    /// channel is in one stage, "Touches".
    pub positions: bool,
    /// Whether the channels' observed counts (paths, their conversions,
    /// first-touch and linear credit) were counted (always from paths;
    /// from counts only with those rows). Without them the file's
    /// `observed.channels` is empty.
    pub observed_channels: bool,
}

/// The channels in the order of their names, the moves renumbered: the
/// fitted journey then does not depend on the order in which the channels
/// were first read, so counts in any row order fit the same journey as the
/// paths they were counted from.
fn by_name(r: &mut Counts) {
    let order = crate::sort::order(r.channels.len(), &mut |a, b| {
        r.channels[a].name.cmp(&r.channels[b].name)
    });
    if order.iter().enumerate().all(|(k, &c)| k == c) {
        return;
    }
    let mut new_index = vec![0u32; order.len()];
    for (k, &c) in order.iter().enumerate() {
        new_index[c] = k as u32;
    }
    let mut old: Vec<Option<Channel>> = std::mem::take(&mut r.channels)
        .into_iter()
        .map(Some)
        .collect();
    r.channels = order.iter().filter_map(|&c| old[c].take()).collect();
    r.moves = std::mem::take(&mut r.moves)
        .into_iter()
        .map(|((a, b), w)| ((new_index[a as usize], new_index[b as usize]), w))
        .collect();
}

/// Stage names by typical (mean) step of the path, the last one open-ended.
const STAGE_NAMES: [&str; 6] = [
    "First touch",
    "Second touch",
    "Third touch",
    "Fourth touch",
    "Fifth touch",
    "Later touches",
];

pub(super) fn fit(mut r: Counts) -> Result<Journey> {
    let limits = crate::format::Limits::default();
    if r.channels.len() + 1 > limits.max_touchpoints
        || r.moves.len() + r.channels.len() > limits.max_transitions
    {
        return Err(JourneyError::TooLarge {
            path: String::new(),
            detail: format!(
                "The paths name {} channels with {} distinct moves; a journey holds at most {} touchpoints and {} transitions.",
                r.channels.len(),
                r.moves.len(),
                limits.max_touchpoints,
                limits.max_transitions
            ),
        });
    }
    by_name(&mut r);
    let mut j = Journey::new("Journey fitted from observed paths");
    // Stages by typical position; only those that hold a channel.
    let positions = r.positions;
    let stage_of = |c: &Channel| {
        if positions {
            ((c.position_sum / c.visits).round() as usize).min(STAGE_NAMES.len() - 1)
        } else {
            0
        }
    };
    let mut used = [false; STAGE_NAMES.len()];
    for c in &r.channels {
        used[stage_of(c)] = true;
    }
    let stage_id = |k: usize| {
        if positions {
            format!("touch-{}", k + 1)
        } else {
            "touches".to_string()
        }
    };
    for (k, name) in STAGE_NAMES.iter().enumerate() {
        if used[k] {
            let name = if positions { name } else { "Touches" };
            j.stages.push(Stage {
                id: stage_id(k),
                name: name.to_string(),
                extra: Default::default(),
            });
        }
    }
    j.stages.push(Stage {
        id: "conversion".to_string(),
        name: "Conversion".to_string(),
        extra: Default::default(),
    });

    // Ids: the channel name, cut to the id limit and made unique.
    let mut taken: HashMap<String, ()> = HashMap::new();
    let mut unique = |base: &str| -> String {
        let cut: String = base.chars().take(120).collect();
        let mut id = cut.clone();
        let mut k = 2;
        while taken.contains_key(&id) {
            id = format!("{cut}-{k}");
            k += 1;
        }
        taken.insert(id.clone(), ());
        id
    };
    let goal_id = unique("conversion");
    let ids: Vec<String> = r.channels.iter().map(|c| unique(&c.name)).collect();

    // Touchpoints by stage, then by volume.
    let order = crate::sort::order(r.channels.len(), &mut |a, b| {
        let (ca, cb) = (&r.channels[a], &r.channels[b]);
        stage_of(ca)
            .cmp(&stage_of(cb))
            .then(cb.visits.total_cmp(&ca.visits))
            .then(a.cmp(&b))
    });
    for &c in &order {
        let ch = &r.channels[c];
        let mut name: String = ch.name.chars().take(crate::format::MAX_NAME).collect();
        if name.is_empty() {
            name = ids[c].clone();
        }
        let mut tp = Touchpoint::new(ids[c].clone(), name, stage_id(stage_of(ch)));
        tp.channel = ch.name.chars().take(limits.max_string).collect();
        tp.entry = ch.first;
        tp.dropout = (ch.nulls / ch.departures).clamp(0.0, 1.0);
        j.insert_touchpoint(tp);
    }
    let mut goal = Touchpoint::new(goal_id.clone(), "Conversion", "conversion");
    goal.goal = true;
    j.insert_touchpoint(goal);

    // Transitions: counted moves, then conversions into the goal, in a
    // stable order (by source in touchpoint order, then target).
    let mut moves: Vec<((u32, u32), f64)> = r.moves.into_iter().collect();
    let rank: Vec<usize> = {
        let mut rank = vec![0; order.len()];
        for (k, &c) in order.iter().enumerate() {
            rank[c] = k;
        }
        rank
    };
    crate::sort::sort_by(&mut moves, |((a, b), _), ((c, d), _)| {
        (rank[*a as usize], rank[*b as usize]).cmp(&(rank[*c as usize], rank[*d as usize]))
    });
    let mut next = moves.into_iter().peekable();
    for &c in &order {
        while let Some(((a, b), w)) = next.next_if(|((a, _), _)| *a as usize == c) {
            j.insert_transition(TransitionRecord {
                from: ids[a as usize].clone(),
                to: ids[b as usize].clone(),
                weight: w,
                extra: Default::default(),
            });
        }
        let conv = r.channels[c].conversions;
        if conv > 0.0 {
            j.insert_transition(TransitionRecord {
                from: ids[c].clone(),
                to: goal_id.clone(),
                weight: conv,
                extra: Default::default(),
            });
        }
    }
    // What the paths say of each channel, beside the Markov model.
    let observed_channels = r.observed_channels;
    let channels = order
        .iter()
        .filter(|_| observed_channels)
        .map(|&c| {
            let ch = &r.channels[c];
            let counts = ObservedChannel {
                paths: ch.paths,
                conversions: ch.path_conversions,
                first_touch: ch.first_conversions,
                last_touch: ch.conversions,
                linear: ch.linear,
                extra: Default::default(),
            };
            (ids[c].clone(), counts)
        })
        .collect();
    j.observed = Some(Observed {
        paths: r.summary.paths,
        conversions: r.summary.conversions,
        nulls: r.summary.nulls,
        value: r.summary.value,
        channels: ObservedChannels(channels),
        extra: Default::default(),
    });
    Ok(j)
}
