//! The reference journey of SPEC section 6, for benchmarks and demos:
//! generated, layered by stage, about three transitions per touchpoint, with
//! small loops (self-loops and pairs that send customers back and forth).
//! Deterministic for a seed.

use crate::model::{Journey, Stage, Touchpoint, TransitionRecord};
use crate::simulate::Rng;

/// Touchpoints per stage in the reference journey, until it has
/// [`MAX_STAGES`] stages.
pub const PER_STAGE: usize = 250;
/// Most stages: a customer walks about one touchpoint per stage, and real
/// journeys have a few dozen stages at most, however many touchpoints.
pub const MAX_STAGES: usize = 40;

/// Generates a reference journey of `touchpoints` touchpoints.
///
/// # Complexity
/// O(n).
///
/// # Example
/// ```
/// let j = journeygraph::generate::reference(1000, 1);
/// assert_eq!(j.touchpoint_count(), 1000);
/// assert!(journeygraph::analysis::analyze(&j).is_ok());
/// ```
pub fn reference(touchpoints: usize, seed: u64) -> Journey {
    let mut rng = Rng::new(seed);
    let n = touchpoints.max(1);
    // At least eight stages (fewer only with fewer touchpoints), so that a
    // small reference journey still has transitions between stages.
    let stages = n.div_ceil(PER_STAGE).clamp(1, MAX_STAGES).max(n.min(8));
    let mut j = Journey::new(format!("Reference journey, {n} touchpoints"));
    for s in 0..stages {
        j.stages.push(Stage {
            id: format!("s{s}"),
            name: format!("Stage {}", s + 1),
            extra: Default::default(),
        });
    }
    let stage_of = |i: usize| i * stages / n;
    let first_of = |s: usize| (s * n).div_ceil(stages);
    for i in 0..n {
        let s = stage_of(i);
        let mut tp = Touchpoint::new(format!("t{i}"), format!("Touchpoint {i}"), format!("s{s}"));
        tp.emotion = Some((rng.uniform() * 2.0 - 1.0).clamp(-1.0, 1.0));
        tp.impact = 0.2 + 0.8 * rng.uniform();
        tp.dropout = 0.05 * rng.uniform();
        tp.entry = if s == 0 { 1.0 } else { 0.0 };
        tp.goal = s == stages - 1 && i % 3 == 0;
        tp.service = rng.uniform() < 0.1;
        tp.proactive = rng.uniform() < 0.05;
        j.insert_touchpoint(tp);
    }
    for i in 0..n {
        let s = stage_of(i);
        if s + 1 < stages {
            let (lo, hi) = (first_of(s + 1), first_of(s + 2).min(n));
            let mut added = 0;
            while added < 3 && hi > lo {
                let t = lo + (rng.next_u64() % (hi - lo) as u64) as usize;
                let rec = TransitionRecord {
                    from: format!("t{i}"),
                    to: format!("t{t}"),
                    weight: 1.0 + (rng.next_u64() % 5) as f64,
                    extra: Default::default(),
                };
                // A repeated target is skipped; the next draw replaces it.
                if j.insert_transition(rec) || hi - lo < 3 {
                    added += 1;
                }
            }
        }
        // Small loops: a self-loop now and then (a repeated support call),
        // and pairs within a stage that send customers back and forth.
        let u = rng.uniform();
        if s + 1 == stages {
            continue;
        }
        if u < 0.03 {
            let _ = j.insert_transition(TransitionRecord {
                from: format!("t{i}"),
                to: format!("t{i}"),
                weight: 0.5,
                extra: Default::default(),
            });
        } else if u < 0.08 && i + 1 < n && stage_of(i + 1) == s && i % 2 == 0 {
            for (a, b) in [(i, i + 1), (i + 1, i)] {
                let _ = j.insert_transition(TransitionRecord {
                    from: format!("t{a}"),
                    to: format!("t{b}"),
                    weight: 1.0,
                    extra: Default::default(),
                });
            }
        }
    }
    j
}

/// Observed paths of a web site's visitors, page by page, as the CSV that
/// [`crate::paths::from_paths`] reads (`path,conversions,nulls`): about
/// `channels` pages in sections of about 50, with a home page, search and a
/// cart; `visitors` walks in all, from 1 to 30 pages each. A visitor moves
/// mostly within the section it is in (popular pages more often), back to
/// its section's index, home, search or the cart, and now and then to any
/// page of the site; some leave at each page, and some of those in the cart
/// buy. Links across sections go to the site's popular pages, as
/// recommendations and banners do. Every page leads back to the others, so
/// the fitted journey is one
/// strongly connected component, as page-level analytics are.
/// Deterministic for a seed.
///
/// # Complexity
/// O(visitors × pages per walk), then O(distinct paths · log) to sort.
///
/// # Example
/// ```
/// let csv = journeygraph::generate::page_paths(200, 5_000, 1);
/// let j = journeygraph::paths::from_paths(&csv, Default::default())?;
/// assert!(journeygraph::analysis::analyze(&j)?.success > 0.0);
/// # Ok::<(), journeygraph::JourneyError>(())
/// ```
pub fn page_paths(channels: usize, visitors: usize, seed: u64) -> String {
    use std::collections::HashMap;
    let mut rng = Rng::new(seed);
    let pages = channels.max(8) - 3; // besides home, search and the cart
    let sections = pages.div_ceil(50).max(1);
    // Page p sits in section p % sections; the first of each is its index.
    let name = |p: usize| -> String {
        match p {
            0 => "Home".to_string(),
            1 => "Search".to_string(),
            2 => "Cart".to_string(),
            _ => {
                let q = p - 3;
                let (s, k) = (q % sections, q / sections);
                if k == 0 {
                    format!("Section {s}")
                } else {
                    format!("Section {s} page {k}")
                }
            }
        }
    };
    let per = pages.div_ceil(sections);
    // A popular page of section s: a Zipf-like draw over its pages.
    let in_section = |s: usize, rng: &mut Rng| -> usize {
        let u = rng.uniform();
        let k = ((per as f64).powf(u * u) as usize).min(per - 1);
        let q = (k * sections + s).min(pages - 1);
        3 + q
    };
    let mut counts: HashMap<Vec<u32>, (u64, u64)> = HashMap::new();
    for _ in 0..visitors {
        let mut at = match rng.uniform() {
            u if u < 0.4 => 0,
            u if u < 0.5 => 1,
            _ => {
                let s = (rng.next_u64() % sections as u64) as usize;
                in_section(s, &mut rng)
            }
        };
        let mut path = vec![at as u32];
        let mut converted = false;
        while path.len() < 30 {
            if at == 2 && rng.uniform() < 0.35 {
                converted = true;
                break;
            }
            if rng.uniform() < 0.18 {
                break;
            }
            let section = if at >= 3 {
                (at - 3) % sections
            } else {
                (rng.next_u64() % sections as u64) as usize
            };
            at = match rng.uniform() {
                u if u < 0.55 => in_section(section, &mut rng),
                u if u < 0.65 => 3 + section,
                u if u < 0.75 => 0,
                u if u < 0.82 => 1,
                u if u < 0.92 => 2,
                // A link to a popular page anywhere on the site (a
                // recommendation, a banner): mostly the top few.
                _ => 3 + ((pages as f64).powf(rng.uniform().powi(3)) as usize).min(pages - 1),
            };
            if path.last() != Some(&(at as u32)) {
                path.push(at as u32);
            }
        }
        let c = counts.entry(path).or_insert((0, 0));
        if converted {
            c.0 += 1;
        } else {
            c.1 += 1;
        }
    }
    let mut rows: Vec<(Vec<u32>, (u64, u64))> = counts.into_iter().collect();
    crate::sort::sort(&mut rows);
    let mut csv = String::from("path,conversions,nulls\n");
    for (path, (conv, nulls)) in rows {
        let names: Vec<String> = path.iter().map(|&p| name(p as usize)).collect();
        csv.push_str(&names.join(" > "));
        csv.push_str(&format!(",{conv},{nulls}\n"));
    }
    csv
}
