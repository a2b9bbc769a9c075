// The README's "Embed it" examples are tests: every ```js and ```html block
// of that section runs against the built package (pkg/), installed as
// node_modules/journeygraph of a temp folder.
//   - a js block that imports a "node:" module runs in Node;
//   - an html block is served as a page and opened in Chromium;
//   - any other js block runs in Chromium as a page's module, with an import
//     map made from the package's `exports` (what a bundler resolves).
// A block passes when it runs to the end without an error, a console error
// or a failed request; a page must also draw a <journey-map>.
//   bash tools/build.sh && node --test tests/node/readme.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { launch, openPage } from "../e2e/browser.mjs";
import { serveDir } from "../consumers/server.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The ```lang blocks of the README section headed `heading`. */
export function blocks(markdown, heading) {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `the README has a "## ${heading}" section`);
  const end = markdown.indexOf("\n## ", start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
}

const examples = blocks(readme, "Embed it").filter((b) => b.lang === "js" || b.lang === "html");
let dir;
let server;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "journeygraph-readme-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(join(root, "pkg"), join(dir, "node_modules", "journeygraph"), "dir");
  server = await serveDir(dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** An import map for every entry of the package's `exports`, as a bundler would resolve them. */
function importMap() {
  const manifest = JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8"));
  const imports = {};
  for (const [entry, target] of Object.entries(manifest.exports)) {
    const file = typeof target === "string" ? target : target.default;
    imports[entry === "." ? "journeygraph" : `journeygraph/${entry.slice(2)}`] = `./node_modules/journeygraph/${file.slice(2)}`;
  }
  return JSON.stringify({ imports });
}

async function inChromium(page) {
  const { page: tab, problems } = await openPage(browser);
  try {
    await tab.goto(new URL(page, server.url).href);
    await tab.waitForSelector("journey-map[data-state=ready] svg.jg-map g.jg-card", { timeout: 30000 });
    assert.ok(await tab.locator("journey-map svg.jg-map g.jg-card").count() > 0, "the map shows cards");
    assert.deepEqual(problems, [], "no console error, page error or failed request");
  } finally {
    await tab.close();
  }
}

test("the README's Embed it section has an html, a browser js and a Node js example", () => {
  assert.ok(examples.some((b) => b.lang === "html"));
  assert.ok(examples.some((b) => b.lang === "js" && /from "node:/.test(b.code)));
  assert.ok(examples.some((b) => b.lang === "js" && !/from "node:/.test(b.code)));
});

examples.forEach((block, i) => {
  const where = block.lang === "html" ? "Chromium (page)" : /from "node:/.test(block.code) ? "Node" : "Chromium (bundler-style module)";
  test(`README example ${i + 1} (${block.lang}) runs in ${where}`, { timeout: 60000 }, async () => {
    if (block.lang === "html") {
      writeFileSync(join(dir, `example-${i}.html`), block.code);
      await inChromium(`example-${i}.html`);
    } else if (where === "Node") {
      const file = join(dir, `example-${i}.mjs`);
      writeFileSync(file, block.code);
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], { cwd: dir });
      assert.equal(stderr, "", "nothing on stderr");
      assert.ok(stdout.trim().length > 0, "the example prints what it found");
    } else {
      writeFileSync(join(dir, `example-${i}.js`), block.code);
      writeFileSync(join(dir, `example-${i}-page.html`),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>README example</title><link rel="icon" href="data:,">` +
        `<script type="importmap">${importMap()}</script><script type="module" src="./example-${i}.js"></script></head><body></body></html>`);
      await inChromium(`example-${i}-page.html`);
    }
  });
});
