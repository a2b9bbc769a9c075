// Chromium benchmark of a shared journey (issue 12; not a timed test): the
// app as users run it, two people in two browser contexts on one journey
// through the real sync server (tools/sync-server.mjs, the y-websocket
// server) on loopback.
//   A remote edit reaching the other person's figures at 200 touchpoints:
//   Ana changes a touchpoint's emotion (the element's edit, as the
//   inspector makes it) → her binding's Yjs transaction → websocket → the
//   server → Ben's provider → his binding takes it in → his <journey-map>
//   redraws with the exact figures → the next frame. Timed from just before
//   Ana's edit to that frame in Ben's page (both pages read the same clock:
//   performance.timeOrigin + performance.now()). Median and p95 over
//   --edits edits (the first 10 are warm-up, not counted).
//
//   bash tools/build.sh && cd tests && node bench/collab-browser.mjs [--edits 100] [--touchpoints 200]
import { mkdtempSync } from "node:fs";
import { tmpdir, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { launch } from "../e2e/browser.mjs";
import { serve } from "../../tools/serve.mjs";
import { startSync } from "../../tools/sync-server.mjs";
import { referenceJSON } from "../reference.mjs";

const arg = (name, fallback) => {
  const k = process.argv.indexOf(name);
  return k < 0 ? fallback : Number(process.argv[k + 1]);
};
const EDITS = arg("--edits", 100);
const TOUCHPOINTS = arg("--touchpoints", 200);
const WARM = 10;

const sync = await startSync({ port: 0, dir: mkdtempSync(join(tmpdir(), "jg-bench-sync-")) });
const app = await serve({ port: 0, quiet: true, sync: sync.url });
const browser = await launch();
const loads = [loadavg()[0]];

async function open(context, hash = "") {
  const page = await context.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(`${app.url}${hash}`);
  await page.waitForSelector("body[data-state=ready][data-collab=ready] journey-map svg.jg-map", { state: "attached", timeout: 30000 });
  return page;
}

try {
  const ana = await open(await browser.newContext());
  // Ana's journey: the reference journey, opened as an import (a new journey in her library).
  await ana.evaluate((text) => {
    document.querySelector("#jg-editor").journey = text;
  }, referenceJSON(TOUCHPOINTS, 1));
  await ana.waitForFunction((n) => document.querySelector("#jg-editor").journey?.touchpointCount === n && document.body.dataset.collab === "ready", TOUCHPOINTS, { timeout: 30000 });
  await ana.getByRole("button", { name: "Share" }).click();
  const link = await ana.locator("#jg-share-link").inputValue();
  const ben = await open(await browser.newContext(), new URL(link).hash);
  await ben.waitForFunction((n) => document.querySelector("#jg-editor").journey?.touchpointCount === n, TOUCHPOINTS, { timeout: 30000 });

  // Ben's page records when each remote change has its exact figures drawn, and the frame after.
  await ben.evaluate(() => {
    const editor = document.querySelector("#jg-editor");
    const dl = editor.shadowRoot.querySelector("[part=figures]");
    const now = () => performance.timeOrigin + performance.now();
    window.benchSeen = [];
    let pending = null;
    editor.addEventListener("journey-change", (e) => {
      if (e.detail.reason === "remote") pending = { json: e.detail.json };
    });
    const check = () => {
      if (!pending || dl.dataset.exact !== "done") return;
      const seen = pending;
      pending = null;
      requestAnimationFrame(() => window.benchSeen.push({ json: seen.json, at: now() }));
    };
    new MutationObserver(check).observe(dl, { childList: true, attributes: true, attributeFilter: ["data-exact"] });
    editor.addEventListener("journey-change", () => queueMicrotask(check));
  });

  const times = [];
  const ids = await ana.evaluate(() => document.querySelector("#jg-editor").journey.view().touchpoints.map((t) => t.id));
  for (let i = 0; i < EDITS + WARM; i += 1) {
    const emotion = Math.round(Math.sin(i + 1) * 100) / 100;
    const id = ids[(i * 7) % ids.length];
    const seenBefore = await ben.evaluate(() => window.benchSeen.length);
    const t0 = await ana.evaluate(({ id, emotion }) => {
      const editor = document.querySelector("#jg-editor");
      const t = editor.journey.view().touchpoints.find((x) => x.id === id);
      const at = performance.timeOrigin + performance.now();
      if (!editor.edit({ op: "updateTouchpoint", touchpoint: { ...t, emotion } })) throw new Error("the edit was refused");
      return at;
    }, { id, emotion });
    // Ben's figures for the journey that holds this emotion.
    const at = await ben.waitForFunction(({ k, id, emotion }) => {
      const hit = window.benchSeen.slice(k).find((s) => JSON.parse(s.json).touchpoints.find((t) => t.id === id)?.emotion === emotion);
      return hit ? hit.at : null;
    }, { k: seenBefore, id, emotion }, { timeout: 20000, polling: 5 }).then((h) => h.jsonValue());
    if (i >= WARM) times.push(at - t0);
    await ana.waitForTimeout(50);
  }
  loads.push(loadavg()[0]);
  const s = [...times].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(s.length * p))];
  console.log(`${new Date().toISOString()}; ${cpus().length} cores (${cpus()[0].model}); load average ${loads.map((l) => l.toFixed(2)).join(" → ")}; Chromium ${browser.version()}`);
  console.log(`remote edit → the other person's figures drawn, ${TOUCHPOINTS} touchpoints, ${times.length} edits over the sync server on loopback: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`);
} finally {
  await browser.close();
  await sync.close();
  app.server.closeAllConnections?.();
  await new Promise((done) => app.server.close(done));
}
