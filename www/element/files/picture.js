// The map as a picture (Export → SVG, PNG), as print shows it: the title,
// the persona, the figures, the map with each card's reach, and the key.
// The journey itself goes inside (picture-data.js), so the picture opens
// again as the journey.
//
//   const picture = pictureOf(journey, scenarioId);
//   const { text, width, height } = mapSvg(picture);
//   const png = await svgToPng(text, width, height);

import { renderMap } from "../map/map.js";
import { markFlow } from "../map/flow.js";
import { changedTouchpoints } from "../whatif/scenario.js";
import { SVG_METADATA_ID } from "./picture-data.js";

/** PNG pixels per map unit, unless the canvas would be too big for that. */
export const PNG_SCALE = 2;
// Chromium's and Firefox's canvas limits (per side and in area).
const MAX_CANVAS_SIDE = 16384;
const MAX_CANVAS_AREA = 16384 * 16384 / 2;
/** Exported pictures get the element's default background, not transparency. */
const PICTURE_BACKGROUND = "#f4f6fa";

/** Room above the map for the heading (title, persona, figures) and below it for the key. */
const HEADING = 92;
const KEY = 40;

/** The analysis of `journey`, or null (no customer can start: the picture then has no figures). */
function analysisOf(journey) {
  try {
    return journey.analyze();
  } catch {
    return null;
  }
}

/**
 * What a picture shows: the map as the element shows it. In What-if mode
 * that is the scenario's journey with the baseline's curve as a ghost;
 * otherwise the journey. Resolves to {layout, file, scenario, options,
 * analysis, json} (json: the whole journey, scenarios included).
 */
export function pictureOf(journey, scenarioId = null) {
  const file = journey.view();
  const json = journey.toJSON();
  const scenario = scenarioId ? file.scenarios?.find((s) => s.id === scenarioId) ?? null : null;
  if (scenario) {
    let view = null;
    try {
      view = journey.withScenario(scenario.id);
      const name = scenario.name || scenario.id;
      return {
        layout: view.layout(), file, scenario: name, analysis: analysisOf(view), json,
        options: { title: `${file.title} — scenario ${name}`, ghost: journey.layout(), changed: changedTouchpoints(scenario.changes ?? []) },
      };
    } catch {
      // A scenario the core cannot apply: the picture is the baseline, as drawn.
    } finally {
      view?.free();
    }
  }
  return { layout: journey.layout(), file, scenario: null, analysis: analysisOf(journey), json, options: { title: file.title } };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;

/** The figures line of the heading, from the exact analysis. */
export function figuresLine(a) {
  if (!a) return "No figures: no customer can start this journey.";
  const parts = [`Reached goal ${pct(a.success)}`, `Lost before goal ${pct(a.lostBeforeGoal)}`];
  if (a.endedElsewhere > 0.0005) parts.push(`Ended elsewhere ${pct(a.endedElsewhere)}`);
  parts.push(`Dropout, any time ${pct(a.dropout)}`, `Touchpoints on average ${a.expectedTouchpoints.toFixed(1)}`);
  return parts.join("   ·   ");
}

/** The key under the map, in words (the element shows it as a list beside the map). */
const KEY_TEXT = "Faces: emotion, negative to positive   ·   Arrow width: share of customers moving on; dashed: back to an earlier step   ·   A card's foot: share of customers reaching it; red, those who leave there";

/**
 * The whole map as a standalone SVG document: {text, width, height}. The
 * picture gets a heading (the journey's title, its persona, the scenario
 * in What-if mode, the figures) above the map and the key below it, drawn
 * by widening the viewBox, an opaque background, and the journey's JSON in
 * its <metadata>. `picture` comes from pictureOf().
 */
export function mapSvg({ layout, file, scenario, options, analysis = null, json = null }) {
  const map = renderMap(layout, options);
  markFlow(map, analysis);
  const ns = map.namespaceURI;
  const el = (name, attrs, text = null) => {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== null) e.textContent = text;
    return e;
  };
  const { width } = layout;
  const height = layout.height + HEADING + KEY;
  map.setAttribute("height", String(Math.round(height * 100) / 100));
  map.setAttribute("viewBox", `0 ${-HEADING} ${Math.round(width * 100) / 100} ${Math.round(height * 100) / 100}`);
  // After <title>, <desc>, <style> and <defs>: the background, then the heading.
  const bg = el("rect", { class: "jg-export-bg", x: 0, y: -HEADING, width: "100%", height: "100%", fill: PICTURE_BACKGROUND });
  const heading = el("g", { class: "jg-export-heading" });
  heading.append(el("text", { x: 24, y: -HEADING + 30, "font-size": 22, "font-weight": 700 }, file.title || "Untitled journey"));
  const persona = file.persona?.name ? `Persona: ${file.persona.name}${file.persona.description ? ` — ${file.persona.description}` : ""}` : "";
  const sub = [persona.length > 160 ? `${persona.slice(0, 159)}…` : persona, scenario ? `What if: ${scenario}` : ""].filter(Boolean).join("   ·   ");
  if (sub) heading.append(el("text", { x: 24, y: -HEADING + 52, "font-size": 13, style: "fill: var(--jg-muted, #52606d)" }, sub));
  heading.append(el("text", { class: "jg-export-figures", x: 24, y: -HEADING + 76, "font-size": 14, "font-weight": 600 }, figuresLine(analysis)));
  const key = el("text", { class: "jg-export-key", x: 24, y: layout.height + 24, "font-size": 12, style: "fill: var(--jg-muted, #52606d)" }, KEY_TEXT);
  const defs = map.querySelector(":scope > defs");
  defs.after(bg, heading);
  map.append(key);
  if (json !== null) {
    const meta = el("metadata", { id: SVG_METADATA_ID, "data-format": "journeygraph" }, json);
    defs.before(meta);
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(map)}\n`;
  return { text, width, height };
}

/** Draws SVG text onto a canvas at up to `scale`×; resolves to a PNG Blob. */
export async function svgToPng(svgText, width, height, scale = PNG_SCALE) {
  const fit = Math.min(scale, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_AREA / (width * height)));
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.floor(width * fit));
    canvas.height = Math.max(1, Math.floor(height * fit));
    const ctx = canvas.getContext("2d");
    ctx.scale(fit, fit);
    ctx.fillStyle = PICTURE_BACKGROUND;
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise((done) => canvas.toBlob(done, "image/png"));
    if (!blob) throw new Error("The browser could not make a picture this large; export SVG instead.");
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}
