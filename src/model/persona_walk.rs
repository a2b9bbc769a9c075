//! The journey a persona walks ([`for_persona`]), so that every figure of
//! the analysis is exact for it, and the checks of a persona against its
//! journey.
//!
//! How a persona's journey is built, in SPEC section 3's terms:
//! - an override of `entry` replaces s_i; of `emotion` replaces e_i, and
//!   the dropout then follows the sensitivity link as in a scenario
//!   (d′ = σ(logit d − k·(e′ − e))); of `dropout` sets d_i (observed for
//!   this persona) and wins over the link;
//! - a skipped touchpoint s is passed straight through: whoever would
//!   arrive at s goes on to s's next touchpoints as s's transitions share
//!   them out (its self-transition left aside), without experiencing s and
//!   without dropping out there; s's entry share goes on the same way. In
//!   matrix terms s is eliminated: P′_pq = P_pq + P_ps · P_sq / (1 − P_ss).
//!   A goal or an end (no way on) cannot be skipped: passing through it
//!   means nothing.

use std::collections::HashSet;

use super::journey::Journey;
use super::personas::PersonaDef;
use super::rules::{check_id, check_string, Limits};
use super::types::{ChangeRecord, Extra, TransitionRecord};
use crate::error::{JourneyError, Result};

fn out_of_range(path: String, detail: String) -> JourneyError {
    JourneyError::OutOfRange { path, detail }
}

fn unknown_tp(path: String, persona: &str, id: &str) -> JourneyError {
    JourneyError::UnknownTouchpoint {
        path,
        detail: format!("Persona \"{persona}\" names touchpoint \"{id}\", which does not exist."),
    }
}

/// Why touchpoint `id` of journey `j` cannot be skipped, if it cannot.
fn skip_problem(j: &Journey, persona: &str, id: &str, path: &str) -> Option<JourneyError> {
    let tp = j.touchpoint(id)?;
    let why = if tp.goal {
        "it is a goal: a persona that never meets it can never succeed there; give it a dropout instead"
    } else if j.successors(id).iter().all(|(to, _)| *to == id) {
        "it is an end of the journey (no way on): there is nowhere to pass on to"
    } else {
        return None;
    };
    Some(JourneyError::PersonaSkip {
        path: path.to_string(),
        detail: format!("Persona \"{persona}\" cannot skip \"{}\": {why}.", tp.name),
    })
}

/// Checks one persona against journey `j`; `path` is its JSON pointer.
///
/// # Errors
/// `out_of_range`, `unknown_touchpoint`, `duplicate_id` (a touchpoint
/// overridden or skipped twice), `persona_skip` (a goal or an end skipped).
pub fn check_persona(j: &Journey, p: &PersonaDef, path: &str, limits: &Limits) -> Result<()> {
    check_id(path, "persona", &p.id)?;
    check_string(&format!("{path}/name"), &p.name, limits)?;
    check_string(&format!("{path}/description"), &p.description, limits)?;
    let mut seen = HashSet::new();
    for (k, o) in p.overrides.iter().enumerate() {
        let at = format!("{path}/overrides/{k}");
        if !j.contains(&o.touchpoint) {
            return Err(unknown_tp(
                format!("{at}/touchpoint"),
                &p.name,
                &o.touchpoint,
            ));
        }
        if !seen.insert(o.touchpoint.as_str()) {
            return Err(JourneyError::DuplicateId {
                path: format!("{at}/touchpoint"),
                detail: format!(
                    "Persona \"{}\" overrides touchpoint \"{}\" twice; put the fields in one override.",
                    p.name, o.touchpoint
                ),
            });
        }
        let ranges = [
            ("entry", o.entry, 0.0, f64::MAX),
            ("emotion", o.emotion, -1.0, 1.0),
            ("dropout", o.dropout, 0.0, 1.0),
        ];
        for (field, v, lo, hi) in ranges {
            if let Some(x) = v {
                if !(lo..=hi).contains(&x) {
                    let range = if field == "entry" {
                        "it must be a finite number of at least 0".to_string()
                    } else {
                        format!("it must be between {lo} and {hi}")
                    };
                    return Err(out_of_range(
                        format!("{at}/{field}"),
                        format!("{field} is {x}; {range}."),
                    ));
                }
            }
        }
    }
    let mut skipped = HashSet::new();
    for (k, id) in p.skip.iter().enumerate() {
        let at = format!("{path}/skip/{k}");
        if !j.contains(id) {
            return Err(unknown_tp(at, &p.name, id));
        }
        if !skipped.insert(id.as_str()) {
            return Err(JourneyError::DuplicateId {
                path: at,
                detail: format!("Persona \"{}\" skips touchpoint \"{id}\" twice.", p.name),
            });
        }
        if let Some(e) = skip_problem(j, &p.name, id, &at) {
            return Err(e);
        }
    }
    Ok(())
}

/// Checks every persona of `j` and that their ids are unique.
pub fn check_personas(j: &Journey, personas: &[PersonaDef], limits: &Limits) -> Result<()> {
    let mut ids = HashSet::new();
    for (i, p) in personas.iter().enumerate() {
        let path = format!("/personas/{i}");
        check_persona(j, p, &path, limits)?;
        if !ids.insert(p.id.as_str()) {
            return Err(JourneyError::DuplicateId {
                path: format!("{path}/id"),
                detail: format!(
                    "Two personas have the id \"{}\"; persona ids must be unique.",
                    p.id
                ),
            });
        }
    }
    Ok(())
}

/// The journey persona `id` walks (see the module's text): overrides
/// applied, skipped touchpoints passed through. It has no personas and no
/// scenarios of its own, and an empty history.
///
/// # Errors
/// `unknown_persona`; `persona_skip` when an edit since made a skipped
/// touchpoint a goal or an end; `no_entry` when the persona's entry
/// shares are all 0.
pub fn for_persona(j: &Journey, id: &str) -> Result<Journey> {
    let p = j
        .personas
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| JourneyError::UnknownPersona {
            path: "/personas".into(),
            detail: format!("This journey has no persona \"{id}\"."),
        })?;
    let mut base = j.clone();
    base.personas.clear();
    base.scenarios.clear();
    // Emotions and dropouts as a scenario would set them (the link).
    let changes: Vec<ChangeRecord> = p
        .overrides
        .iter()
        .filter(|o| o.emotion.is_some() || o.dropout.is_some())
        .map(|o| ChangeRecord {
            touchpoint: Some(o.touchpoint.clone()),
            emotion: o.emotion,
            dropout: o.dropout,
            ..ChangeRecord::default()
        })
        .collect();
    let path = format!(
        "/personas/{}",
        j.personas.iter().position(|q| q.id == id).unwrap_or(0)
    );
    let mut out = base.with_changes(&changes, &format!("{path}/overrides"))?;
    // The start as SPEC section 3 has it, made explicit, so that passing a
    // touchpoint by does not change who starts where.
    let any_entry = out.touchpoints().any(|t| t.entry > 0.0);
    let starts: Vec<(String, f64)> = out
        .touchpoints()
        .map(|t| {
            let e = if any_entry {
                t.entry
            } else if out.in_degree(&t.id) == 0 {
                1.0
            } else {
                0.0
            };
            (t.id.clone(), e)
        })
        .collect();
    let overridden: Vec<(String, f64)> = p
        .overrides
        .iter()
        .filter_map(|o| o.entry.map(|e| (o.touchpoint.clone(), e)))
        .collect();
    for (tid, e) in starts.into_iter().chain(overridden) {
        if let Some(tp) = out.touchpoint_mut(&tid) {
            tp.entry = e;
        }
    }
    if !out.touchpoints().any(|t| t.entry > 0.0) {
        return Err(JourneyError::NoEntry);
    }
    for (k, s) in p.skip.iter().enumerate() {
        if let Some(e) = skip_problem(&out, &p.name, s, &format!("{path}/skip/{k}")) {
            return Err(e);
        }
        pass_through(&mut out, s);
    }
    for item in &mut out.items {
        item.touchpoints.retain(|t| p.skip.iter().all(|s| s != t));
    }
    Ok(out)
}

/// Weights scaled so that the largest is 1 (the shares they give stay the
/// same), none below the smallest normal number.
fn scaled(weights: &[(String, f64)]) -> Vec<(String, f64)> {
    let max = weights.iter().map(|(_, w)| *w).fold(0.0, f64::max);
    weights
        .iter()
        .map(|(id, w)| (id.clone(), (w / max).max(f64::MIN_POSITIVE)))
        .collect()
}

/// Eliminates touchpoint `s` from `j`: its arrivals and its entry share go
/// on to its next touchpoints (its self-transition left aside). `s` is no
/// goal and has a way on (checked by the caller).
fn pass_through(j: &mut Journey, s: &str) {
    let on: Vec<(String, f64)> = j
        .successors(s)
        .into_iter()
        .filter(|(to, _)| *to != s)
        .map(|(to, w)| (to.to_string(), w))
        .collect();
    let on = scaled(&on);
    let total: f64 = on.iter().map(|(_, w)| w).sum();
    let share: Vec<(String, f64)> = on.iter().map(|(id, w)| (id.clone(), w / total)).collect();
    // Customers who would arrive at s from p go on from p to s's next ones.
    let from: Vec<String> = j
        .touchpoints()
        .filter(|t| t.id != s && j.transition(&t.id, s).is_some())
        .map(|t| t.id.clone())
        .collect();
    for p in from {
        let out = scaled(
            &j.successors(&p)
                .into_iter()
                .map(|(to, w)| (to.to_string(), w))
                .collect::<Vec<_>>(),
        );
        let to_s = out.iter().find(|(to, _)| to == s).map_or(0.0, |(_, w)| *w);
        for (to, w) in &out {
            if let Some(link) = j.transition_mut(&p, to) {
                link.weight = *w;
            }
        }
        j.remove_transition(&p, s);
        for (q, x) in &share {
            let add = to_s * x;
            match j.transition_mut(&p, q) {
                Some(link) => link.weight = (link.weight + add).max(f64::MIN_POSITIVE),
                None => {
                    j.insert_transition(TransitionRecord {
                        from: p.clone(),
                        to: q.clone(),
                        weight: add.max(f64::MIN_POSITIVE),
                        extra: Extra::new(),
                    });
                }
            }
        }
    }
    // Its entry share starts at its next ones instead.
    let entry = j.touchpoint(s).map_or(0.0, |t| t.entry);
    if entry > 0.0 {
        let mut entries: Vec<(String, f64)> = j
            .touchpoints()
            .filter(|t| t.entry > 0.0)
            .map(|t| (t.id.clone(), t.entry))
            .collect();
        entries = scaled(&entries);
        let e_s = entries
            .iter()
            .find(|(id, _)| id == s)
            .map_or(0.0, |(_, e)| *e);
        for (id, e) in &entries {
            let more: f64 = share
                .iter()
                .filter(|(q, _)| q == id)
                .map(|(_, x)| e_s * x)
                .sum();
            if let Some(tp) = j.touchpoint_mut(id) {
                tp.entry = e + more;
            }
        }
        for (q, x) in &share {
            if let Some(tp) = j.touchpoint_mut(q) {
                if tp.entry == 0.0 {
                    tp.entry = e_s * x;
                }
            }
        }
    }
    j.remove_touchpoint(s);
}
