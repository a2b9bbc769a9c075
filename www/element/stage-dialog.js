// Deleting a stage that holds touchpoints asks what to do with them: move
// them to another stage (the default, nothing is lost), or delete them too.
//
//   removeStage(root, file, id, edit);   // root: the element's shadow root
//
// A modal <dialog>: focus starts on the stage list, Escape or "Cancel"
// change nothing, and focus goes back where it was when it closes.
import { h } from "./dom.js";


let uid = 0;


/**
 * Removes stage `id` of `file` with `edit` (the element's edit), asking
 * first when it holds touchpoints. Returns the dialog, or null if none was needed.
 */
export function removeStage(root, file, id, edit) {
  const members = file.touchpoints.filter((t) => t.stage === id);
  if (!members.length) {
    edit({ op: "removeStage", id });
    return null;
  }
  const stage = file.stages.find((s) => s.id === id);
  const others = file.stages.filter((s) => s.id !== id);
  const one = members.length === 1;
  const ids = { title: `jg-del-${++uid}`, list: `jg-del-${uid}-to` };
  const dialog = h("dialog", { class: "jg-stage-dialog", "aria-labelledby": ids.title });
  dialog.append(h("h3", { id: ids.title }, `Delete stage “${stage.name}”?`));
  dialog.append(h("p", {}, `It holds ${members.length} touchpoint${one ? "" : "s"}:`));
  const list = h("ul");
  for (const t of members.slice(0, 6)) list.append(h("li", {}, t.name));
  if (members.length > 6) list.append(h("li", {}, `and ${members.length - 6} more`));
  dialog.append(list);

  const done = (change) => {
    dialog.close();
    if (change) edit(change);
  };
  if (others.length) {
    const choice = h("div", { class: "jg-choice" });
    choice.append(h("label", { for: ids.list }, "Move them to stage"));
    const row = h("div");
    const select = h("select", { id: ids.list, autofocus: true });
    // The neighbour before (or after) the stage is the likely home.
    const at = file.stages.findIndex((s) => s.id === id);
    const near = file.stages[at - 1] ?? file.stages[at + 1];
    for (const s of others) {
      const option = h("option", { value: s.id }, s.name);
      if (s.id === near?.id) option.selected = true;
      select.append(option);
    }
    const move = h("button", { type: "button", class: "jg-primary" }, "Move them, then delete");
    move.addEventListener("click", () => done({ op: "removeStage", id, moveTo: select.value }));
    row.append(select, move);
    choice.append(row);
    dialog.append(choice);
  }
  const actions = h("div", { class: "jg-actions" });
  const all = h("button", { type: "button", class: "jg-danger" }, "Delete them too");
  all.addEventListener("click", () => done({ op: "removeStage", id }));
  const cancel = h("button", { type: "button", autofocus: others.length ? null : true }, "Cancel");
  cancel.addEventListener("click", () => done(null));
  actions.append(all, cancel);
  dialog.append(actions);
  dialog.addEventListener("close", () => dialog.remove());
  root.append(dialog);
  dialog.showModal();
  return dialog;
}
