// The tests' one seeded generator (mulberry32): uniform numbers in [0, 1),
// the same sequence for a seed, so that a failing random run can be repeated.
//   import { random } from "../random.mjs"; const uniform = random(42);

/** A generator of uniform numbers in [0, 1) for `seed` (a 32-bit integer). */
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
