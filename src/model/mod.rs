//! The journey: stages, touchpoints, transitions and scenarios, with our own
//! stable ids over a petgraph `StableGraph`.

mod apply;
mod basis;
pub mod blueprint;
mod change;
mod edit;
mod history;
mod journal;
mod journey;
mod metrics;
mod persona_walk;
pub mod personas;
pub mod read;
pub(crate) mod rules;
mod types;
mod whatif;

pub use basis::{Basis, Source, BASIS_FIELDS};
pub use blueprint::{FailPoint, Item, Lane, LaneKind, Line};
pub use change::{Change, TouchpointChange};
pub use edit::Edit;
pub use history::{Document, HISTORY};
pub use journal::Mark;
pub use journey::{Journey, Link};
pub use metrics::{Metric, MetricKind, METRIC_KINDS};
pub use persona_walk::{check_persona, check_personas, for_persona};
pub use personas::{Override, PersonaDef};
pub use rules::{shifted_dropout, MIN_SHIFTED_DROPOUT};
pub use types::{
    ChangeRecord, Ends, Extra, Kind, Observed, ObservedChannel, ObservedChannels, Persona,
    RememberWeights, Scenario, Settings, Stage, Touchpoint, TransitionRecord,
};
