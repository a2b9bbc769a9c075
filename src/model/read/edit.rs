//! Reading an edit: `op` names it, and its fields are read by hand, so a
//! wrong value is named down to its field (`/edit/touchpoint/emotion`).

use serde_json::Value;

use super::{
    boolean, child, list, read_item, read_lane, read_persona, read_persona_def, read_scenario,
    read_settings, read_stage, read_touchpoint, read_transition, text, whole, Fields,
};
use crate::error::{JourneyError, Result};
use crate::model::edit::Edit;

/// Every op, in the order the `Edit` type lists them.
const OPS: [&str; 29] = [
    "setTitle",
    "setPersona",
    "addStage",
    "renameStage",
    "moveStage",
    "removeStage",
    "addTouchpoint",
    "updateTouchpoint",
    "moveTouchpoint",
    "removeTouchpoint",
    "addTransition",
    "setWeight",
    "removeTransition",
    "setSettings",
    "putScenario",
    "removeScenario",
    "addLane",
    "renameLane",
    "moveLane",
    "hideLane",
    "removeLane",
    "addItem",
    "updateItem",
    "removeItem",
    "putPersona",
    "removePersona",
    "batch",
    "inScenario",
    "removeChange",
];

fn index(v: &Value, path: &str) -> Result<usize> {
    whole(v, path, u64::from(u32::MAX)).map(|n| n as usize)
}

pub fn read_edit(v: &Value, path: &str) -> Result<Edit> {
    let mut f = Fields::of(v, path, "an edit (an object with an op)")?;
    let op = f.text("op")?;
    let p = f.path;
    Ok(match op.as_str() {
        "setTitle" => Edit::SetTitle {
            title: f.text("title")?,
        },
        "setPersona" => Edit::SetPersona {
            persona: f.opt("persona", read_persona)?,
        },
        "addStage" => Edit::AddStage {
            stage: read_stage(f.required("stage")?, &child(p, "stage"))?,
            index: f.opt("index", index)?,
        },
        "renameStage" => Edit::RenameStage {
            id: f.text("id")?,
            name: f.text("name")?,
        },
        "moveStage" => Edit::MoveStage {
            id: f.text("id")?,
            index: index(f.required("index")?, &child(p, "index"))?,
        },
        "removeStage" => Edit::RemoveStage {
            id: f.text("id")?,
            move_to: f.opt("moveTo", text)?,
        },
        "addTouchpoint" => Edit::AddTouchpoint {
            touchpoint: read_touchpoint(f.required("touchpoint")?, &child(p, "touchpoint"))?,
            position: f.opt("position", index)?,
        },
        "updateTouchpoint" => Edit::UpdateTouchpoint {
            touchpoint: read_touchpoint(f.required("touchpoint")?, &child(p, "touchpoint"))?,
        },
        "moveTouchpoint" => Edit::MoveTouchpoint {
            id: f.text("id")?,
            stage: f.text("stage")?,
            position: f.opt("position", index)?,
        },
        "removeTouchpoint" => Edit::RemoveTouchpoint { id: f.text("id")? },
        "addTransition" => Edit::AddTransition {
            transition: read_transition(f.required("transition")?, &child(p, "transition"))?,
        },
        "setWeight" => Edit::SetWeight {
            from: f.text("from")?,
            to: f.text("to")?,
            weight: super::number(f.required("weight")?, &child(p, "weight"))?,
        },
        "removeTransition" => Edit::RemoveTransition {
            from: f.text("from")?,
            to: f.text("to")?,
        },
        "setSettings" => Edit::SetSettings {
            settings: read_settings(f.required("settings")?, &child(p, "settings"))?,
        },
        "putScenario" => Edit::PutScenario {
            scenario: read_scenario(f.required("scenario")?, &child(p, "scenario"))?,
        },
        "removeScenario" => Edit::RemoveScenario { id: f.text("id")? },
        "addLane" => Edit::AddLane {
            lane: read_lane(f.required("lane")?, &child(p, "lane"))?,
            index: f.opt("index", index)?,
        },
        "renameLane" => Edit::RenameLane {
            id: f.text("id")?,
            name: f.text("name")?,
        },
        "moveLane" => Edit::MoveLane {
            id: f.text("id")?,
            index: index(f.required("index")?, &child(p, "index"))?,
        },
        "hideLane" => Edit::HideLane {
            id: f.text("id")?,
            hidden: boolean(f.required("hidden")?, &child(p, "hidden"))?,
        },
        "removeLane" => Edit::RemoveLane { id: f.text("id")? },
        "addItem" => Edit::AddItem {
            item: read_item(f.required("item")?, &child(p, "item"))?,
        },
        "updateItem" => Edit::UpdateItem {
            item: read_item(f.required("item")?, &child(p, "item"))?,
        },
        "removeItem" => Edit::RemoveItem { id: f.text("id")? },
        "putPersona" => Edit::PutPersona {
            persona: read_persona_def(f.required("persona")?, &child(p, "persona"))?,
            index: f.opt("index", index)?,
        },
        "removePersona" => Edit::RemovePersona { id: f.text("id")? },
        "batch" => Edit::Batch {
            edits: list(f.required("edits")?, &child(p, "edits"), read_edit)?,
        },
        "inScenario" => Edit::InScenario {
            scenario: f.text("scenario")?,
            name: f.opt("name", text)?,
            edit: Box::new(read_edit(f.required("edit")?, &child(p, "edit"))?),
        },
        "removeChange" => Edit::RemoveChange {
            scenario: f.text("scenario")?,
            index: index(f.required("index")?, &child(p, "index"))?,
        },
        other => {
            let known: Vec<String> = OPS.iter().map(|o| format!("`{o}`")).collect();
            let at = child(p, "op");
            return Err(JourneyError::Schema {
                detail: format!(
                    "{at}: unknown variant `{other}`, expected one of {}.",
                    known.join(", ")
                ),
                path: at,
            });
        }
    })
}
