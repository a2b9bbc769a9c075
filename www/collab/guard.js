// What a merged document may put into the core. readDoc() (ydoc.js) has
// already repaired what merging makes (gone ends, removed stages,
// duplicates); what is left is what a broken or hostile peer may write: a
// value out of range, a string over the SPEC's limits, a journey too large.
// The core's own validation (Journey.fromJSON) says where: the offending
// field is dropped (its default applies), or, for a field a record needs,
// the record; every refusal is a diagnostic. The same on every peer, since
// it depends only on the file. A journey that cannot be made valid this
// way (too large as a whole) is refused: the core keeps what it had.

/** Fields a record cannot do without: an error there drops the record. */
const REQUIRED = new Set(["id", "name", "stage", "from", "to", "touchpoint", "changes", "format", "version"]);
/** How many repairs one document may need before it is refused as a whole. */
const MAX_REPAIRS = 200;

/** Splits a JSON pointer into its segments. */
const segments = (path) => String(path ?? "").split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));

/**
 * Removes from `file` what the error at `path` points at; returns a
 * description of what went, or null when nothing can be removed.
 */
function drop(file, path) {
  const parts = segments(path);
  if (!parts.length) return null;
  // The deepest point in the path that can go: a field that is not
  // required, or else the array element that holds it.
  for (let depth = parts.length; depth > 0; depth -= 1) {
    let parent = file;
    for (const p of parts.slice(0, depth - 1)) parent = parent?.[p];
    const leaf = parts[depth - 1];
    if (parent === null || typeof parent !== "object" || !(leaf in parent)) continue;
    if (Array.isArray(parent)) {
      parent.splice(Number(leaf), 1);
      return `/${parts.slice(0, depth).join("/")}`;
    }
    if (depth === 1 && ["stages", "touchpoints", "transitions", "title"].includes(leaf)) {
      if (leaf === "title") parent.title = "";
      else return null;
      return "/title";
    }
    if (!REQUIRED.has(leaf)) {
      delete parent[leaf];
      return `/${parts.slice(0, depth).join("/")}`;
    }
  }
  return null;
}

/**
 * Text of `file` that `Journey.fromJSON` accepts, found by removing what it
 * refuses: {text, diagnostics} or {refused: error, diagnostics}. `file` is
 * changed in place.
 */
export function admissible(Journey, file, diagnostics = []) {
  for (let n = 0; n <= MAX_REPAIRS; n += 1) {
    const text = JSON.stringify(file);
    let journey;
    try {
      journey = Journey.fromJSON(text);
    } catch (error) {
      // Too large as a whole (too many touchpoints, too much text): refused;
      // one value too large (a long name) goes like any other.
      const whole = error?.code === "too_large" && segments(error?.path).length < 2;
      const gone = whole ? null : drop(file, error?.path);
      if (gone === null) {
        diagnostics.push({ code: "collab_refused", path: error?.path ?? "", message: `A collaborator's change was not taken in: ${error?.message ?? error}. Your journey stays as it was.` });
        return { refused: error, diagnostics };
      }
      diagnostics.push({ code: "collab_refused", path: gone, message: `A collaborator's value at ${gone} was refused (${error?.message ?? error}).` });
      continue;
    }
    journey.free();
    return { text, diagnostics };
  }
  diagnostics.push({ code: "collab_refused", path: "", message: "A collaborator's change needed too many repairs and was not taken in." });
  return { refused: new Error("too many repairs"), diagnostics };
}
