//! # journeygraph
//!
//! Customer journey maps that compute. A journey is a graph of touchpoints
//! (an advert seen, a support call, an unboxing) carrying emotional-impact
//! weights; from it journeygraph computes, exactly, how many customers
//! succeed or drop out, how the journey feels along the way and how it is
//! remembered, and what changing one touchpoint would do to all of that.
//!
//! The core (everything but [`wasm`]) is plain Rust and builds and tests
//! natively; the `wasm` module is a thin wasm-bindgen boundary that exists
//! only on `wasm32`.
//!
//! ```
//! let journey = journeygraph::format::from_json(journeygraph::format::SAMPLE)?;
//! assert!(journeygraph::format::to_json(&journey).contains("Buying a smartphone online"));
//! # Ok::<(), journeygraph::JourneyError>(())
//! ```

pub mod analysis;
pub mod compare;
pub mod diagnostics;
pub mod error;
pub mod format;
pub mod generate;
pub mod layout;
pub mod model;
pub mod paths;
mod scc;
pub mod simulate;
mod sort;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{JourneyError, Result};
pub use model::Journey;
