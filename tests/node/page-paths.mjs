// Page-level customer paths as a web site's analytics exports them, for the
// tests and benchmarks that import them (tests/e2e/offthread.test.mjs,
// tests/bench/offthread.mjs): the JavaScript twin of the crate's
// `generate::page_paths` (src/generate.rs; `cargo run --release --example
// page_paths`), with its own random numbers, so the same shape without
// cargo: about `channels` pages in sections of about 50 with a home page,
// search and a cart; `visitors` walks of 1 to 30 pages, mostly within a
// section (popular pages more often), back to its index, home, search or
// the cart, now and then to a popular page anywhere; some leave at each
// page, some in the cart buy. Every page leads back to the others, so the
// fitted journey is one strongly connected component of about `channels`
// touchpoints. Deterministic for a seed. Returns the CSV text
// (`path,conversions,nulls`).

import { random } from "../random.mjs";

export function pagePaths(channels, visitors, seed = 1) {
  const uniform = random(seed);
  const pages = Math.max(channels, 8) - 3; // besides home, search and the cart
  const sections = Math.max(1, Math.ceil(pages / 50));
  const name = (p) => {
    if (p === 0) return "Home";
    if (p === 1) return "Search";
    if (p === 2) return "Cart";
    const q = p - 3;
    const s = q % sections;
    const k = Math.floor(q / sections);
    return k === 0 ? `Section ${s}` : `Section ${s} page ${k}`;
  };
  const per = Math.ceil(pages / sections);
  const inSection = (s) => {
    const u = uniform();
    const k = Math.min(Math.floor(per ** (u * u)), per - 1);
    return 3 + Math.min(k * sections + s, pages - 1);
  };
  const counts = new Map();
  for (let v = 0; v < visitors; v += 1) {
    const u0 = uniform();
    let at = u0 < 0.4 ? 0 : u0 < 0.5 ? 1 : inSection(Math.floor(uniform() * sections));
    const path = [at];
    let converted = false;
    while (path.length < 30) {
      if (at === 2 && uniform() < 0.35) {
        converted = true;
        break;
      }
      if (uniform() < 0.18) break;
      const section = at >= 3 ? (at - 3) % sections : Math.floor(uniform() * sections);
      const u = uniform();
      if (u < 0.55) at = inSection(section);
      else if (u < 0.65) at = 3 + section;
      else if (u < 0.75) at = 0;
      else if (u < 0.82) at = 1;
      else if (u < 0.92) at = 2;
      // A link to a popular page anywhere on the site (a recommendation, a banner): mostly the top few.
      else at = 3 + Math.min(Math.floor(pages ** (uniform() ** 3)), pages - 1);
      if (path[path.length - 1] !== at) path.push(at);
    }
    const key = path.join(",");
    const c = counts.get(key) ?? [0, 0];
    c[converted ? 0 : 1] += 1;
    counts.set(key, c);
  }
  const lines = ["path,conversions,nulls"];
  for (const [key, [conversions, nulls]] of counts) {
    lines.push(`${key.split(",").map((p) => name(Number(p))).join(" > ")},${conversions},${nulls}`);
  }
  return `${lines.join("\n")}\n`;
}
