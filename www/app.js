// The app's entry: loads the wasm package, opens the sample journey and
// renders its map. Read-only for now (issue 2); the editor grows from here.

import { mountMap } from "./map.js";
import { renderLegend } from "./legend.js";

const PACKAGE = "./pkg/journeygraph.js";

/** Shows a failure on the page (as text) and on the console. */
function showError(what, error) {
  console.error(`journeygraph: ${what}`, error);
  const box = document.getElementById("jg-error");
  const status = document.getElementById("jg-status");
  if (status) status.hidden = true;
  if (!box) return;
  const code = error && typeof error === "object" && "code" in error ? ` (${error.code})` : "";
  const message = error instanceof Error ? error.message : String(error);
  box.replaceChildren();
  const strong = document.createElement("strong");
  strong.textContent = what;
  const detail = document.createElement("span");
  detail.textContent = ` ${message}${code}`;
  box.append(strong, detail);
  box.hidden = false;
}

/** The persona of a journey, read from its file text (the core has no getter yet). */
function personaOf(journey) {
  try {
    const persona = JSON.parse(journey.toJSON()).persona;
    return persona && typeof persona === "object" ? persona : null;
  } catch {
    return null;
  }
}

function showHeader(journey) {
  document.getElementById("jg-title").textContent = journey.title;
  document.title = `${journey.title} · journeygraph`;
  const persona = personaOf(journey);
  const line = document.getElementById("jg-persona");
  if (persona && persona.name) {
    const label = document.createElement("span");
    label.className = "jg-persona-label";
    label.textContent = "Persona";
    const name = document.createElement("strong");
    name.textContent = persona.name;
    line.replaceChildren(label, name);
    if (persona.description) {
      const desc = document.createElement("span");
      desc.className = "jg-persona-desc";
      desc.textContent = persona.description;
      line.append(desc);
    }
    line.hidden = false;
  } else {
    line.hidden = true;
  }
}

async function main() {
  let pkg;
  try {
    pkg = await import(PACKAGE);
    await pkg.default();
  } catch (error) {
    showError("The journey engine could not be loaded.", error);
    return;
  }
  try {
    const journey = pkg.Journey.sample();
    const layout = journey.layout();
    showHeader(journey);
    const container = document.getElementById("jg-map");
    mountMap(container, layout, { title: journey.title });
    document.getElementById("jg-legend").replaceChildren(renderLegend());
    document.getElementById("jg-status").hidden = true;
    container.hidden = false;
    document.body.dataset.state = "ready";
  } catch (error) {
    showError("The journey could not be shown.", error);
  }
}

main();
