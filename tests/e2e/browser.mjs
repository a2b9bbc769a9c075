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
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ""}`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return { page, problems };
}
