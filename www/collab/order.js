// Order keys (fractional indexing) for the stages, cards, transitions and
// scenarios of a shared journey: each record carries a string, and the
// records sort by it (ties broken by their map key, the same on every peer).
// Moving a card writes one key, never the whole list, so two people moving
// two cards at once both keep their move.
//
// The scheme is the midpoint one of Figma's and rocicorp's
// fractional-indexing: a key is the fraction 0.<digits> in base 36, never
// ending in "0", so there is always a key between two others. It is a few
// lines here rather than a dependency so that journeygraph/collab needs
// nothing but its yjs peer.

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const BASE = DIGITS.length;
const digit = (c) => DIGITS.indexOf(c);

/** The key midway between `a` and `b` (a < b; "" is the start, null the end). */
function midpoint(a, b) {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? "0") === b[n]) n += 1;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a ? digit(a[0]) : 0;
  const db = b !== null ? digit(b[0]) : BASE;
  if (db - da > 1) return DIGITS[Math.round((da + db) / 2)];
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[da] + midpoint(a.slice(1), null);
}

/** Whether `k` is a usable key (a peer may send anything). */
export function validKey(k) {
  return typeof k === "string" && k.length > 0 && k.length <= 1000 && /^[0-9a-z]*[1-9a-z]$/.test(k);
}

/**
 * A key after `a` and before `b` (either may be null: the start, the end).
 * Keys that are not valid, or not in order, are treated as absent.
 */
export function keyBetween(a, b) {
  const lo = validKey(a) ? a : "";
  let hi = validKey(b) ? b : null;
  if (hi !== null && lo >= hi) hi = null;
  return midpoint(lo, hi);
}

/** `n` keys in order, evenly spread (a journey seeded at once gets short keys). */
export function spreadKeys(n) {
  const width = Math.max(1, Math.ceil(Math.log(n + 2) / Math.log(BASE)));
  const span = BASE ** width;
  const keys = [];
  for (let i = 0; i < n; i += 1) {
    let k = Math.floor(((i + 1) * span) / (n + 1)).toString(BASE).padStart(width, "0").replace(/0+$/, "");
    if (!k || (keys.length && k <= keys[keys.length - 1])) k = keyBetween(keys[keys.length - 1] ?? null, null);
    keys.push(k);
  }
  return keys;
}

/**
 * New keys for `items` (in the wanted order, each {key}) that change as few
 * of them as possible: the longest run of keys already in order stays, and
 * the rest get keys between their kept neighbours. Returns the new key of
 * each item (the same string where it stays).
 */
export function reorder(items) {
  const keys = items.map((it) => (validKey(it.key) ? it.key : null));
  // Longest strictly increasing subsequence of the valid keys (patience sort).
  const tails = [];
  const prev = new Array(keys.length).fill(-1);
  for (let i = 0; i < keys.length; i += 1) {
    const k = keys[i];
    if (k === null) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[tails[mid]] < k) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const keep = new Set();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  const out = keys.slice();
  for (let i = 0; i < out.length; i += 1) {
    if (keep.has(i)) continue;
    let j = i + 1;
    while (j < out.length && !keep.has(j)) j += 1;
    const before = i > 0 ? out[i - 1] : null;
    const after = j < out.length ? out[j] : null;
    // A run of new keys between two kept ones, spread rather than halved each time.
    const run = j - i;
    if (before === null && after === null) {
      const spread = spreadKeys(run);
      for (let r = 0; r < run; r += 1) out[i + r] = spread[r];
    } else {
      let lo = before;
      for (let r = 0; r < run; r += 1) {
        lo = keyBetween(lo, after);
        out[i + r] = lo;
      }
    }
    i = j - 1;
  }
  return out;
}
