//! Shared pieces of the fuzz targets: the checks every accepted journey
//! must pass ([`checks`], also used by `tests/domain.rs`) and a generator
//! of journeys across the whole accepted domain from fuzzer bytes
//! ([`domain`]).

pub mod checks;
pub mod domain;
