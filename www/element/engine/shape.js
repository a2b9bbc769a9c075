// Whether a journey's exact figures are cheap enough for the page. The
// exact solve is direct, loop by loop: its cost grows with the size of the
// largest set of touchpoints that all lead back to each other (a strongly
// connected component) much faster than with the journey's size. Measured
// through the package (BENCHMARKS.md): one loop of 200 touchpoints with
// 800 transitions takes 28 ms to analyse and 48 ms for its opportunities,
// a loop of 400 takes 108 and 195 ms, while the layered reference journey
// of 10,000 touchpoints (small loops) takes 2 ms. So the page computes them
// itself up to EXACT_SIZE touchpoints plus transitions and a largest loop
// of EXACT_LOOP touchpoints (a few ms at most), and the worker above.

/** The most touchpoints plus transitions whose exact figures the page computes. */
export const EXACT_SIZE = 6000;
/** The largest loop (touchpoints that all reach each other) whose exact figures the page computes. */
export const EXACT_LOOP = 100;

/**
 * The number of touchpoints of the largest strongly connected component of
 * `file` (a journey file object), by Tarjan's algorithm without recursion.
 */
export function largestLoop(file) {
  const index = new Map(file.touchpoints.map((t, i) => [t.id, i]));
  const n = file.touchpoints.length;
  const out = Array.from({ length: n }, () => []);
  for (const t of file.transitions) {
    const a = index.get(t.from);
    const b = index.get(t.to);
    if (a !== undefined && b !== undefined && a !== b) out[a].push(b);
  }
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = [];
  let counter = 0;
  let largest = n ? 1 : 0;
  for (let root = 0; root < n; root++) {
    if (order[root] >= 0) continue;
    const work = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const top = work[work.length - 1];
      const [v, k] = top;
      if (k < out[v].length) {
        top[1] += 1;
        const w = out[v][k];
        if (order[w] < 0) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], order[w]);
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low[u] = Math.min(low[u], low[v]);
      }
      if (low[v] === order[v]) {
        let size = 0;
        let w;
        do {
          w = stack.pop();
          onStack[w] = 0;
          size += 1;
        } while (w !== v);
        largest = Math.max(largest, size);
      }
    }
  }
  return largest;
}

/** file.transitions → [touchpoints, answer]: a slider drag asks again and again of files that share their transitions. */
const known = new WeakMap();

/** Whether the page computes the exact figures of `file` itself. */
export function exactOnPage(file) {
  const hit = known.get(file.transitions);
  if (hit && hit[0] === file.touchpoints.length) return hit[1];
  const size = file.touchpoints.length + file.transitions.length;
  const answer = size <= EXACT_SIZE && largestLoop(file) <= EXACT_LOOP;
  known.set(file.transitions, [file.touchpoints.length, answer]);
  return answer;
}

/** The last few journeys' answers (JSON text → whether exactOnPage), so that callers after the first do not build the file again. */
const knownText = new Map();
const KNOWN = 4;

/**
 * exactOnPage of the journey whose JSON text is `json`, remembered for
 * that text: `file` is its file object, or a function that makes it (only
 * called when the text is new). The figures bar and the attribution table
 * ask about the same text after each change.
 */
export function exactOnPageFor(json, file) {
  let cheap = knownText.get(json);
  if (cheap === undefined) {
    cheap = exactOnPage(typeof file === "function" ? file() : file);
    while (knownText.size >= KNOWN) knownText.delete(knownText.keys().next().value);
  }
  knownText.delete(json);
  knownText.set(json, cheap);
  return cheap;
}
