//! Bytes → `format::from_json` → if accepted, everything the engine does
//! with a journey (analysis, opportunities, removal effects, curve, layout,
//! diagnostics, every scenario compared, a short simulation), each checked
//! against SPEC section 3 (see `journeygraph_fuzz::checks`). A refused file
//! must be refused with a coded error and a JSON pointer, never a panic.
#![no_main]

use journeygraph_fuzz::checks::{check_journey, check_round_trip};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match journeygraph::format::from_json(text) {
        Ok(journey) => {
            check_round_trip(&journey);
            check_journey(&journey, true);
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            assert!(
                e.path().is_empty() || e.path().starts_with('/'),
                "path {:?} is not a JSON pointer",
                e.path()
            );
            assert!(!e.to_string().is_empty());
        }
    }
});
