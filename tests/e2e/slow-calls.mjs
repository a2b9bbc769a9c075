// Runs in the page (page.evaluate(timePackageCalls)): wraps every method of
// the package's Journey and PathsReader, static and on instances, so that
// each call that takes more than 50 ms on the page is recorded in
// window.__calls as [name, ms]. Shared by tests/e2e/offthread.test.mjs and
// tests/bench/offthread.mjs.
export async function timePackageCalls() {
  const pkg = await import("/pkg/journeygraph.js");
  window.__calls = [];
  for (const cls of [pkg.Journey, pkg.PathsReader]) {
    for (const target of [cls.prototype, cls]) {
      for (const name of Object.getOwnPropertyNames(target)) {
        const d = Object.getOwnPropertyDescriptor(target, name);
        if (typeof d.value !== "function" || name === "constructor") continue;
        const f = d.value;
        target[name] = function (...args) {
          const t = performance.now();
          try {
            return f.apply(this, args);
          } finally {
            const ms = performance.now() - t;
            if (ms > 50) window.__calls.push([`${cls.name}.${name}`, Math.round(ms)]);
          }
        };
      }
    }
  }
}
