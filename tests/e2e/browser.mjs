// Shared set-up of the end-to-end tests: Debian's Chromium through
// playwright-core (which never downloads a browser), and the app served by
// tools/serve.mjs on a free port.
import { chromium } from "playwright-core";
import { serve } from "../../tools/serve.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Launches headless Chromium. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Starts the server and the browser; resolves to {browser, url, close}.
 * `close()` stops both. With JOURNEYGRAPH_URL set, tests that app instead of
 * serving this checkout (e.g. a deployed copy).
 */
export async function start() {
  if (process.env.JOURNEYGRAPH_URL) {
    const browser = await launch();
    return { browser, url: process.env.JOURNEYGRAPH_URL, close: () => browser.close() };
  }
  const { server, url } = await serve({ port: 0, quiet: true });
  let browser;
  try {
    browser = await launch();
  } catch (error) {
    server.close();
    throw error;
  }
  const close = async () => {
    await browser.close();
    server.closeAllConnections?.();
    await new Promise((done) => server.close(done));
  };
  return { browser, url, close };
}

/**
 * Opens a page that records console errors and page errors in `problems`
 * (an array of strings), so a test can assert the normal path is clean.
 */
export async function openPage(browser, { width = 1280, height = 800 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console.error: ${msg.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // A navigation (a reload, a goto) cancels the requests the page had in
  // flight, such as the share bundle or the inspector loaded after the
  // first map: those are the navigation's doing, not the app's, so a
  // request aborted that the page before the newest one made (before that
  // one's response came) is not a problem. Any other failure is.
  const issued = new WeakMap();
  let sequence = 0;
  let committed = -1;
  page.on("request", (req) => {
    sequence += 1;
    issued.set(req, sequence);
  });
  page.on("response", (res) => {
    // The new page's response: requests from here on are the new page's.
    if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) committed = sequence;
  });
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText ?? "";
    if (error.includes("ERR_ABORTED") && (issued.get(req) ?? Infinity) <= committed && !req.isNavigationRequest()) return;
    problems.push(`request failed: ${req.url()} ${error}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return { page, problems };
}

/** Waits (up to 5 s) until `read()` resolves to something `check` accepts, and returns it; fails with `message` and the last value seen. */
export async function eventually(read, check, message) {
  const until = Date.now() + 5000;
  let value;
  for (;;) {
    value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`${message}; last seen: ${JSON.stringify(value)?.slice(0, 600)}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
