//! Structured: fuzzer bytes → a journey anywhere in the accepted domain
//! (entries 0..f64::MAX, weights 5e-324..f64::MAX, sensitivity 0..100,
//! maxSteps up to 1,000,000, impact 0, dropout 0 and 1, loops, scenarios)
//! → written as file text, which validation must accept → every check of
//! `import_analyze`. Raw JSON rarely gets past the parser; this target
//! spends its time in the engine.
#![no_main]

use arbitrary::Unstructured;
use journeygraph_fuzz::checks::{check_journey, check_round_trip};
use journeygraph_fuzz::domain;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(spec) = domain::spec(&mut u, 10) else {
        return;
    };
    let journey = spec.journey();
    check_round_trip(&journey);
    check_journey(&journey, true);
});
