//! A sequence of edits (every `Edit` variant, nested batches included),
//! undos and redos on the sample, the renewal journey or a tiny one:
//! - nothing panics;
//! - a refused edit changes nothing (the canonical JSON is unchanged);
//! - after every step the journey is one the file format accepts and
//!   reads back identically (its scenarios still apply);
//! - undo and redo never fail while there is a step;
//! - undoing everything gives back the original file text, redoing as
//!   many steps the final one;
//! - the final journey passes every engine check.
//!
//! Ids are drawn mostly from the journey's own (so edits hit real things),
//! values mostly from the accepted domain, sometimes out of it (NaN and
//! infinities included: they can come from JavaScript).
#![no_main]

use arbitrary::{Result, Unstructured};
use journeygraph::format::{from_json, to_json, SAMPLE};
use journeygraph::model::{
    ChangeRecord, Document, Edit, Ends, Extra, Kind, Persona, RememberWeights, Scenario, Settings,
    Stage, Touchpoint, TransitionRecord,
};
use journeygraph::Journey;
use journeygraph_fuzz::checks::{check_journey, check_round_trip};
use journeygraph_fuzz::domain;
use libfuzzer_sys::fuzz_target;

const RENEWAL: &str = include_str!("../../tests/data/renewal.json");
const TINY: &str = r#"{"format":"journeygraph","version":1,"title":"Tiny",
  "stages":[{"id":"s","name":"Stage"},{"id":"u","name":"Later"}],
  "touchpoints":[{"id":"a","name":"Ad","stage":"s","entry":1,"emotion":0.3},
                 {"id":"b","name":"Buy","stage":"u","goal":true,"dropout":0.2}],
  "transitions":[{"from":"a","to":"b","weight":2},{"from":"a","to":"a"}],
  "scenarios":[{"id":"x","name":"X","changes":[{"touchpoint":"a","emotionBy":0.5}]}]}"#;

/// A short text, sometimes empty, sometimes past the 10,000-character limit.
fn text(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=9)? {
        0 => String::new(),
        1 => "x".repeat(10_001),
        2 => "é".repeat(129),
        _ => {
            let s: String = u.arbitrary()?;
            s.chars().take(24).collect()
        }
    })
}

/// A number: mostly in `domain`, sometimes anything (NaN, ±∞, negative).
fn number(u: &mut Unstructured, inside: fn(&mut Unstructured) -> Result<f64>) -> Result<f64> {
    Ok(match u.int_in_range(0u8..=15)? {
        0 => f64::NAN,
        1 => f64::INFINITY,
        2 => -1.0,
        3 => 1.5,
        4 => -0.0,
        _ => inside(u)?,
    })
}

struct Pool {
    tps: Vec<String>,
    stages: Vec<String>,
    scenarios: Vec<String>,
    transitions: Vec<(String, String)>,
}

impl Pool {
    fn of(j: &Journey) -> Pool {
        Pool {
            tps: j.touchpoints().map(|t| t.id.clone()).collect(),
            stages: j.stages.iter().map(|s| s.id.clone()).collect(),
            scenarios: j.scenarios.iter().map(|s| s.id.clone()).collect(),
            transitions: j
                .transitions()
                .into_iter()
                .map(|t| (t.from, t.to))
                .collect(),
        }
    }
}

/// An id: mostly one of `known`, sometimes a new or an odd one.
fn id(u: &mut Unstructured, known: &[String], fresh: &str) -> Result<String> {
    Ok(match u.int_in_range(0u8..=9)? {
        0 => format!("{fresh}{}", u.int_in_range(0u8..=2)?),
        1 => String::new(),
        2 => text(u)?,
        _ if known.is_empty() => fresh.to_string(),
        _ => u.choose(known)?.clone(),
    })
}

fn kind(u: &mut Unstructured) -> Result<Kind> {
    Ok(if u.arbitrary()? {
        Kind::Direct
    } else {
        Kind::Indirect
    })
}

fn touchpoint(u: &mut Unstructured, j: &Journey, p: &Pool, existing: bool) -> Result<Touchpoint> {
    let id = if existing {
        id(u, &p.tps, "new")?
    } else {
        id(u, &[], "new")?
    };
    let mut t = j
        .touchpoint(&id)
        .cloned()
        .unwrap_or_else(|| Touchpoint::new(id.clone(), "New", "s"));
    t.stage = id_stage(u, p)?;
    // Change a few fields, keep the rest.
    for _ in 0..u.int_in_range(0..=4)? {
        match u.int_in_range(0u8..=12)? {
            0 => t.emotion = Some(number(u, domain::signed_unit)?),
            1 => t.impact = number(u, domain::unit)?,
            2 => t.dropout = number(u, domain::unit)?,
            3 => t.entry = number(u, domain::non_negative)?,
            4 => t.goal = u.arbitrary()?,
            5 => t.service = u.arbitrary()?,
            6 => t.proactive = u.arbitrary()?,
            7 => t.effort = Some(u.int_in_range(0..=8)?),
            8 => t.name = text(u)?,
            9 => t.kind = kind(u)?,
            10 => t.pain_points.push(text(u)?),
            11 => t.notes = text(u)?,
            _ => t.channel = text(u)?,
        }
    }
    Ok(t)
}

fn id_stage(u: &mut Unstructured, p: &Pool) -> Result<String> {
    id(u, &p.stages, "stage")
}

fn settings(u: &mut Unstructured, j: &Journey) -> Result<Settings> {
    let mut s = j.settings.clone();
    for _ in 0..u.int_in_range(1..=3)? {
        match u.int_in_range(0u8..=5)? {
            0 => s.sensitivity = number(u, domain::sensitivity)?,
            1 => {
                s.max_steps = if u.ratio(1, 8)? {
                    0
                } else {
                    domain::max_steps(u)?
                }
            }
            2 => s.satisfied_at = number(u, domain::signed_unit)?,
            3 => s.promoter_at = number(u, domain::signed_unit)?,
            4 => {
                let peak = domain::unit(u)?;
                let end = domain::unit(u)? * (1.0 - peak);
                s.remember_weights = RememberWeights {
                    peak,
                    end,
                    mean: 1.0 - peak - end,
                    extra: Extra::new(),
                };
            }
            _ => s.remember_weights.peak = number(u, domain::unit)?,
        }
    }
    Ok(s)
}

fn change(u: &mut Unstructured, j: &Journey, p: &Pool) -> Result<ChangeRecord> {
    let mut c = ChangeRecord::default();
    match u.int_in_range(0u8..=7)? {
        0 => {
            c.touchpoint = Some(id(u, &p.tps, "new")?);
            c.emotion = Some(number(u, domain::signed_unit)?);
        }
        1 => {
            c.touchpoint = Some(id(u, &p.tps, "new")?);
            c.emotion_by = Some(number(u, domain::signed_unit)? * 2.0);
        }
        2 => {
            c.touchpoint = Some(id(u, &p.tps, "new")?);
            c.dropout = Some(number(u, domain::unit)?);
            if u.arbitrary()? {
                c.impact_by = Some(number(u, domain::signed_unit)?);
            }
        }
        3 => {
            let (from, to) = edge(u, p)?;
            c.from = Some(from);
            c.to = Some(to);
            c.weight = Some(number(u, domain::positive)?);
        }
        4 => c.add = Some(touchpoint(u, j, p, false)?),
        5 => c.remove = Some(id(u, &p.tps, "new")?),
        6 => {
            c.add_transition = Some(TransitionRecord {
                from: id(u, &p.tps, "new")?,
                to: id(u, &p.tps, "new")?,
                weight: number(u, domain::positive)?,
                extra: Extra::new(),
            })
        }
        _ => {
            let (from, to) = edge(u, p)?;
            c.remove_transition = Some(Ends {
                from,
                to,
                extra: Extra::new(),
            });
        }
    }
    Ok(c)
}

fn edge(u: &mut Unstructured, p: &Pool) -> Result<(String, String)> {
    if !p.transitions.is_empty() && u.ratio(3, 4)? {
        Ok(u.choose(&p.transitions)?.clone())
    } else {
        Ok((id(u, &p.tps, "new")?, id(u, &p.tps, "new")?))
    }
}

fn edit(u: &mut Unstructured, j: &Journey, depth: u32) -> Result<Edit> {
    let p = Pool::of(j);
    let small = |u: &mut Unstructured| -> Result<usize> { u.int_in_range(0..=12) };
    Ok(match u.int_in_range(0u8..=18)? {
        0 => Edit::SetTitle { title: text(u)? },
        1 => Edit::SetPersona {
            persona: if u.arbitrary()? {
                Some(Persona {
                    name: text(u)?,
                    description: text(u)?,
                    extra: Extra::new(),
                })
            } else {
                None
            },
        },
        2 => Edit::AddStage {
            stage: Stage {
                id: id_stage(u, &p)?,
                name: text(u)?,
                extra: Extra::new(),
            },
            index: if u.arbitrary()? {
                Some(small(u)?)
            } else {
                None
            },
        },
        3 => Edit::RenameStage {
            id: id_stage(u, &p)?,
            name: text(u)?,
        },
        4 => Edit::MoveStage {
            id: id_stage(u, &p)?,
            index: small(u)?,
        },
        5 => Edit::RemoveStage {
            id: id_stage(u, &p)?,
            move_to: if u.arbitrary()? {
                Some(id_stage(u, &p)?)
            } else {
                None
            },
        },
        6 => Edit::AddTouchpoint {
            touchpoint: touchpoint(u, j, &p, false)?,
            position: if u.arbitrary()? {
                Some(small(u)?)
            } else {
                None
            },
        },
        7 => Edit::UpdateTouchpoint {
            touchpoint: touchpoint(u, j, &p, true)?,
        },
        8 => Edit::MoveTouchpoint {
            id: id(u, &p.tps, "new")?,
            stage: id_stage(u, &p)?,
            position: if u.arbitrary()? {
                Some(small(u)?)
            } else {
                None
            },
        },
        9 => Edit::RemoveTouchpoint {
            id: id(u, &p.tps, "new")?,
        },
        10 => Edit::AddTransition {
            transition: TransitionRecord {
                from: id(u, &p.tps, "new")?,
                to: id(u, &p.tps, "new")?,
                weight: number(u, domain::positive)?,
                extra: Extra::new(),
            },
        },
        11 => {
            let (from, to) = edge(u, &p)?;
            Edit::SetWeight {
                from,
                to,
                weight: number(u, domain::positive)?,
            }
        }
        12 => {
            let (from, to) = edge(u, &p)?;
            Edit::RemoveTransition { from, to }
        }
        13 => Edit::SetSettings {
            settings: settings(u, j)?,
        },
        14 => {
            let mut changes = Vec::new();
            for _ in 0..u.int_in_range(0..=3)? {
                changes.push(change(u, j, &p)?);
            }
            Edit::PutScenario {
                scenario: Scenario {
                    id: id(u, &p.scenarios, "scenario")?,
                    name: text(u)?,
                    changes,
                    extra: Extra::new(),
                },
            }
        }
        15 => Edit::RemoveScenario {
            id: id(u, &p.scenarios, "scenario")?,
        },
        // What-if: any edit, made in a scenario (new or existing).
        16 if depth == 0 => Edit::InScenario {
            scenario: id(u, &p.scenarios, "scenario")?,
            name: if u.arbitrary()? { Some(text(u)?) } else { None },
            edit: Box::new(edit(u, j, depth + 1)?),
        },
        17 => Edit::RemoveChange {
            scenario: id(u, &p.scenarios, "scenario")?,
            index: small(u)?,
        },
        _ if depth > 0 => Edit::SetTitle { title: text(u)? },
        _ => {
            let mut edits = Vec::new();
            for _ in 0..u.int_in_range(0..=4)? {
                edits.push(edit(u, j, depth + 1)?);
            }
            Edit::Batch { edits }
        }
    })
}

/// Panics, with the first differing lines and what was done, unless the
/// two file texts are equal.
fn same(actual: &str, expected: &str, what: &str, log: &[String]) {
    if actual == expected {
        return;
    }
    let diff: Vec<String> = actual
        .lines()
        .zip(expected.lines())
        .enumerate()
        .filter(|(_, (a, e))| a != e)
        .take(6)
        .map(|(i, (a, e))| format!("line {}: got {a:?}, expected {e:?}", i + 1))
        .collect();
    panic!(
        "{what}\n{}\n({} lines against {})\nsteps:\n{}",
        diff.join("\n"),
        actual.lines().count(),
        expected.lines().count(),
        log.join("\n")
    );
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(base) = u.int_in_range(0u8..=2) else {
        return;
    };
    let original =
        from_json([SAMPLE, RENEWAL, TINY][base as usize]).expect("the base journeys load");
    let original_text = to_json(&original);
    let mut doc = Document::new(original);
    let mut steps = 0usize;
    // What was done, for the failure messages: a reproducer to read.
    let mut log: Vec<String> = Vec::new();
    for _ in 0..64 {
        if u.is_empty() {
            break;
        }
        // Compared by value (equal = written as the same file): cheaper than
        // writing the text at every step.
        let before = doc.journey().clone();
        let Ok(op) = u.int_in_range(0u8..=9) else {
            break;
        };
        match op {
            0 => {
                log.push("undo".into());
                let had = doc.can_undo();
                let undone = doc.undo().unwrap_or_else(|e| {
                    panic!("undo failed: `{}` {e}\n{}", e.code(), to_json(&before))
                });
                assert_eq!(undone, had, "undo said {undone} with can_undo {had}");
                steps = steps.saturating_sub(undone as usize);
            }
            1 => {
                log.push("redo".into());
                let had = doc.can_redo();
                let redone = doc.redo().unwrap_or_else(|e| {
                    panic!("redo failed: `{}` {e}\n{}", e.code(), to_json(&before))
                });
                assert_eq!(redone, had, "redo said {redone} with can_redo {had}");
                steps += redone as usize;
            }
            _ => {
                let Ok(e) = edit(&mut u, doc.journey(), 0) else {
                    break;
                };
                let result = doc.apply(e.clone());
                let mut shown = serde_json::to_string(&e).unwrap_or_default();
                if shown.len() > 300 {
                    let cut = (0..=300)
                        .rev()
                        .find(|&i| shown.is_char_boundary(i))
                        .unwrap_or(0);
                    shown.truncate(cut);
                    shown.push('…');
                }
                log.push(format!(
                    "apply {shown} -> {}",
                    result.as_ref().map_or_else(|e| e.code(), |_| "ok")
                ));
                match result {
                    Ok(true) => steps += 1,
                    // No step of the history: nothing may have changed.
                    Ok(false) => same(
                        &to_json(doc.journey()),
                        &to_json(&before),
                        "an edit that reported no change changed the journey",
                        &log,
                    ),
                    Err(err) => {
                        assert!(!err.code().is_empty());
                        if doc.journey() == &before {
                            continue;
                        }
                        same(
                            &to_json(doc.journey()),
                            &to_json(&before),
                            &format!(
                                "the refused edit (`{}`: {err}) changed the journey",
                                err.code()
                            ),
                            &log,
                        );
                    }
                }
            }
        }
        // A refused edit was compared with `before` above; anything that
        // changed the journey must leave one the file format reads back.
        if doc.journey() != &before {
            check_round_trip(doc.journey());
        }
    }
    let final_text = to_json(doc.journey());
    let final_journey = doc.journey().clone();
    let mut undone = 0;
    while doc.undo().unwrap_or_else(|e| {
        panic!(
            "undo failed: `{}` {e}\n{}",
            e.code(),
            to_json(doc.journey())
        )
    }) {
        undone += 1;
        assert!(
            undone <= steps,
            "more undo steps ({undone}) than edits applied ({steps})"
        );
    }
    assert_eq!(undone, steps, "undo steps against edits applied");
    same(
        &to_json(doc.journey()),
        &original_text,
        &format!("undoing all {undone} steps does not give back the original (base {base})"),
        &log,
    );
    // Redoing as many steps as were undone comes back to the final
    // journey (the redo stack may hold more: steps undone during the
    // sequence and not replaced by a later edit).
    for k in 0..undone {
        let redone = doc.redo().unwrap_or_else(|e| {
            panic!(
                "redo failed: `{}` {e}\n{}",
                e.code(),
                to_json(doc.journey())
            )
        });
        assert!(redone, "redo {k} of {undone} found nothing to redo");
    }
    same(
        &to_json(doc.journey()),
        &final_text,
        &format!(
            "redoing the {undone} undone steps does not give back the final journey (base {base})"
        ),
        &log,
    );
    check_journey(&final_journey, true);
});
