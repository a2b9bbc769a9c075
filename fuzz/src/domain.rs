//! Values and journeys across everything validation accepts, drawn from
//! fuzzer bytes: raw JSON rarely gets past the parser, so the structured
//! target builds valid journeys instead and spends its time in the engine.
//!
//! Every draw favours the edges (0, 5e-324, f64::MIN_POSITIVE, 1.7e308,
//! f64::MAX, 1 − 2⁻⁵³ …) and otherwise takes any bit pattern in range.

use arbitrary::{Result, Unstructured};

use crate::checks::{ChangeSpec, Spec, TpSpec};

/// The largest f64 below 1.
pub const BELOW_ONE: f64 = 1.0 - f64::EPSILON / 2.0;

/// Any finite f64 ≥ 0 (an entry share), edges favoured.
pub fn non_negative(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0u8..=11)? {
        0 | 1 => 0.0,
        2 => 5e-324,
        3 => f64::MIN_POSITIVE,
        4 => f64::MAX,
        5 => 1.7e308,
        6 => 1.0,
        7 => 1e300,
        8 => {
            let x = f64::from_bits(u.arbitrary::<u64>()? & !(1 << 63));
            if x.is_finite() {
                x
            } else {
                f64::MAX
            }
        }
        _ => f64::from(u.arbitrary::<u16>()?) / 100.0,
    })
}

/// Any finite f64 > 0 (a transition weight), edges favoured.
pub fn positive(u: &mut Unstructured) -> Result<f64> {
    let x = non_negative(u)?;
    Ok(if x > 0.0 { x } else { 5e-324 })
}

/// Any f64 in [0, 1], edges favoured.
pub fn unit(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0u8..=9)? {
        0 => 0.0,
        1 => 1.0,
        2 => 5e-324,
        3 => BELOW_ONE,
        4 => 0.5,
        5 => 1e-17,
        _ => f64::from(u.arbitrary::<u32>()?) / f64::from(u32::MAX),
    })
}

/// Any f64 in [-1, 1], edges favoured.
pub fn signed_unit(u: &mut Unstructured) -> Result<f64> {
    let x = unit(u)?;
    Ok(if u.arbitrary::<bool>()? { -x } else { x })
}

/// A sensitivity in [0, 100].
pub fn sensitivity(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0u8..=4)? {
        0 => 0.0,
        1 => 1.0,
        2 => 100.0,
        _ => unit(u)? * 100.0,
    })
}

/// maxSteps in 1..=1,000,000: the edges, and otherwise spread over the
/// orders of magnitude (a walk that never leaves runs all its steps, so
/// a million on every input would spend the fuzzer's time simulating).
pub fn max_steps(u: &mut Unstructured) -> Result<u32> {
    Ok(match u.int_in_range(0u8..=7)? {
        0 => 1,
        1 | 2 => 1000,
        3 => 1_000_000,
        _ => {
            let digits = u.int_in_range(0u32..=5)?;
            u.int_in_range(1..=10u32.pow(digits) * 9)?.min(1_000_000)
        }
    })
}

/// A journey of 1–`most` touchpoints, loops and all.
pub fn spec(u: &mut Unstructured, most: usize) -> Result<Spec> {
    let n = u.int_in_range(1..=most)?;
    let stages = u.int_in_range(1..=3)?;
    let mut tps = Vec::with_capacity(n);
    for _ in 0..n {
        tps.push(TpSpec {
            emotion: signed_unit(u)?,
            impact: unit(u)?,
            dropout: unit(u)?,
            entry: non_negative(u)?,
            goal: u.ratio(1, 4)?,
            service: u.arbitrary()?,
            proactive: u.arbitrary()?,
            stage: u.int_in_range(0..=stages - 1)?,
        });
    }
    let m = u.int_in_range(0..=3 * n)?;
    let mut edges = Vec::with_capacity(m);
    for _ in 0..m {
        edges.push((
            u.int_in_range(0..=n - 1)?,
            u.int_in_range(0..=n - 1)?,
            positive(u)?,
        ));
    }
    let mut scenarios = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        let mut changes = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            let kind = u.int_in_range(0u8..=5)?;
            let value = match kind {
                1 => signed_unit(u)? * 2.0,
                5 => positive(u)?,
                4 => signed_unit(u)?,
                0 => signed_unit(u)?,
                _ => unit(u)?,
            };
            changes.push(ChangeSpec {
                kind,
                target: u.arbitrary::<u8>()? as usize,
                value,
            });
        }
        scenarios.push(changes);
    }
    Ok(Spec {
        stages,
        tps,
        edges,
        sensitivity: sensitivity(u)?,
        max_steps: max_steps(u)?,
        remember: (unit(u)?, unit(u)?),
        satisfied_at: signed_unit(u)?,
        promoter_at: signed_unit(u)?,
        scenarios,
    })
}
