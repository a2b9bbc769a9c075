//! The edits of a journey, as the editor, workshop mode and an embedding
//! app send them (`op` names each). They are applied, with undo and redo,
//! by the history (`model::history`); an edit made in a scenario becomes
//! that scenario's changes (`model::whatif`).

use serde::Serialize;

use super::blueprint::{Item, Lane};
use super::personas::PersonaDef;
use super::types::{Persona, Scenario, Settings, Stage, Touchpoint, TransitionRecord};

/// One edit, as the editor and an embedding app send it (`op` names it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Edit {
    SetTitle {
        title: String,
    },
    SetPersona {
        persona: Option<Persona>,
    },
    /// Adds a stage at `index` (default: last).
    AddStage {
        stage: Stage,
        #[serde(default)]
        index: Option<usize>,
    },
    RenameStage {
        id: String,
        name: String,
    },
    MoveStage {
        id: String,
        index: usize,
    },
    /// Removes a stage. Its touchpoints move to the end of `moveTo`, or,
    /// without `moveTo`, are removed with it.
    RemoveStage {
        id: String,
        #[serde(default)]
        move_to: Option<String>,
    },
    /// Adds a touchpoint at `position` within its stage (default: last).
    AddTouchpoint {
        touchpoint: Touchpoint,
        #[serde(default)]
        position: Option<usize>,
    },
    /// Replaces every field of the touchpoint with this id; a new stage
    /// moves it to the end of that stage.
    UpdateTouchpoint {
        touchpoint: Touchpoint,
    },
    /// Moves a touchpoint to `position` within `stage` (default: last).
    MoveTouchpoint {
        id: String,
        stage: String,
        #[serde(default)]
        position: Option<usize>,
    },
    /// Removes a touchpoint and its transitions.
    RemoveTouchpoint {
        id: String,
    },
    AddTransition {
        transition: TransitionRecord,
    },
    SetWeight {
        from: String,
        to: String,
        weight: f64,
    },
    RemoveTransition {
        from: String,
        to: String,
    },
    SetSettings {
        settings: Settings,
    },
    /// Adds a scenario, or replaces the one with the same id.
    PutScenario {
        scenario: Scenario,
    },
    RemoveScenario {
        id: String,
    },
    /// Adds a lane at `index` in display order (default: last).
    AddLane {
        lane: Lane,
        #[serde(default)]
        index: Option<usize>,
    },
    RenameLane {
        id: String,
        name: String,
    },
    /// Moves a lane to `index` in display order (clamped).
    MoveLane {
        id: String,
        index: usize,
    },
    /// Hides a lane (kept in the file, not drawn) or shows it again.
    HideLane {
        id: String,
        hidden: bool,
    },
    /// Removes a lane and the items in it.
    RemoveLane {
        id: String,
    },
    /// Adds a blueprint item at the end of the items.
    AddItem {
        item: Item,
    },
    /// Replaces every field of the item with this id.
    UpdateItem {
        item: Item,
    },
    RemoveItem {
        id: String,
    },
    /// Adds a persona (at `index` in file order, default last), or replaces
    /// every field of the persona with this id where it is.
    PutPersona {
        persona: PersonaDef,
        #[serde(default)]
        index: Option<usize>,
    },
    RemovePersona {
        id: String,
    },
    /// Several edits as one step of the history; all or nothing.
    Batch {
        edits: Vec<Edit>,
    },
    /// An edit made in a scenario (What-if) instead of the baseline: it
    /// becomes changes of scenario `scenario`, which is created (named
    /// `name`, or its id) when the journey has none with that id. An edit
    /// a scenario cannot hold (a name, a stage, the settings) is refused
    /// with `what_if`; one that changes nothing is no step of the history.
    InScenario {
        scenario: String,
        #[serde(default)]
        name: Option<String>,
        edit: Box<Edit>,
    },
    /// Takes change `index` out of scenario `scenario`, with every later
    /// change that needs what it added.
    RemoveChange {
        scenario: String,
        index: usize,
    },
}
