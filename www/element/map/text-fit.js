// Fitting user text into fixed boxes: measure with a canvas in the same font
// the stylesheet uses, wrap on spaces, and end with an ellipsis when the text
// does not fit. The full text is always kept elsewhere (a <title>), so
// nothing is lost, only shortened on screen.

const ELLIPSIS = "…";
const FALLBACK_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

let context = null;
let contextFont = null;
let family = null;
const cache = new Map();

/** The font family of the map, from the --jg-font custom property. */
function fontFamily() {
  if (family === null) {
    const fromCss = getComputedStyle(document.documentElement).getPropertyValue("--jg-font").trim();
    family = fromCss || FALLBACK_FAMILY;
  }
  return family;
}

/** A CSS font shorthand, e.g. font(13, 600) → "600 13px system-ui, …". */
export function font(size, weight = 400) {
  return `${weight} ${size}px ${fontFamily()}`;
}

/** The 2D context that measures, made on first use (null without canvas). */
function measurer() {
  if (context === null) {
    const canvas = document.createElement("canvas");
    context = canvas.getContext("2d") ?? false;
  }
  return context || null;
}

/** Width of `text` in pixels when drawn in `fontSpec`. */
export function measure(text, fontSpec) {
  const key = `${fontSpec}\u0000${text}`;
  let width = cache.get(key);
  if (width !== undefined) return width;
  const ctx = measurer();
  if (ctx) {
    if (contextFont !== fontSpec) {
      ctx.font = fontSpec;
      contextFont = fontSpec;
    }
    width = ctx.measureText(text).width;
  } else {
    // No canvas (very old or locked-down browsers): a generous estimate.
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(fontSpec)?.[1] ?? 13);
    width = text.length * size * 0.6;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, width);
  return width;
}

/**
 * Text in simple scripts (Latin, Greek, Cyrillic, common punctuation),
 * whose width is the sum of its characters' widths, less kerning: at most
 * a little narrower, never wider, than that sum.
 */
const SIMPLE = /^[\u0020-\u007e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u2010-\u2027\u2030-\u205e\u20ac]*$/;
/** fontSpec → (character → width). */
const glyphs = new Map();
/** How much wider than the sum of its characters a simple text may be drawn (none expected; a margin). */
const SLACK = 1.02;

/**
 * Whether `text` surely fits `maxWidth` in `fontSpec`, judged from its
 * characters' widths (each measured once) without measuring the text
 * itself: on a large map nearly every card's name fits at once, and a
 * thousand canvas measurements of new strings take longer than the rest of
 * the card. false means "measure it".
 */
function surelyFits(text, maxWidth, fontSpec) {
  if (!SIMPLE.test(text) || text.length > 200) return false;
  let widths = glyphs.get(fontSpec);
  if (!widths) {
    if (glyphs.size > 32) glyphs.clear();
    widths = new Map();
    glyphs.set(fontSpec, widths);
  }
  let sum = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) {
      w = measure(ch, fontSpec);
      widths.set(ch, w);
    }
    sum += w;
    if (sum * SLACK > maxWidth) return false;
  }
  return true;
}

/** Whether `text` fits `maxWidth` in `fontSpec`. */
function fits(text, maxWidth, fontSpec) {
  return surelyFits(text, maxWidth, fontSpec) || measure(text, fontSpec) <= maxWidth;
}

/** `text` cut at the end with "…" so that it fits `maxWidth`. */
export function ellipsize(text, maxWidth, fontSpec) {
  if (fits(text, maxWidth, fontSpec)) return text;
  // Binary search on the number of code points kept.
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = chars.slice(0, mid).join("").trimEnd() + ELLIPSIS;
    if (measure(candidate, fontSpec) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? ELLIPSIS : chars.slice(0, lo).join("").trimEnd() + ELLIPSIS;
}

/**
 * Wraps `text` into at most `maxLines` lines of at most `maxWidth` pixels.
 * Breaks on spaces; a word wider than a line is broken between characters.
 * Returns {lines, truncated}; the last line ends with "…" when cut.
 */
export function wrap(text, maxWidth, maxLines, fontSpec) {
  const words = String(text).trim().split(/\s+/).filter(Boolean);
  const lines = [];
  let current = "";
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    const word = words[i];
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate, maxWidth, fontSpec)) {
      current = candidate;
      i += 1;
    } else if (current) {
      lines.push(current);
      current = "";
    } else {
      // A single word wider than the line: take as many characters as fit.
      const chars = Array.from(word);
      let take = 1;
      while (take < chars.length && measure(chars.slice(0, take + 1).join(""), fontSpec) <= maxWidth) take += 1;
      lines.push(chars.slice(0, take).join(""));
      words[i] = chars.slice(take).join("");
    }
  }
  // The loop only stops with a pending line when every word is placed.
  if (current) lines.push(current);
  const rest = words.slice(i).join(" ");
  const truncated = rest.length > 0;
  if (truncated && lines.length > 0) {
    const last = lines.length - 1;
    const whole = `${lines[last]} ${rest}`;
    let cut = ellipsize(whole, maxWidth, fontSpec);
    // Cut between words where one ends in the second half of the line: "after…", not "after compari…".
    const kept = cut.slice(0, -ELLIPSIS.length);
    const space = kept.lastIndexOf(" ");
    if (kept.length && whole[kept.length] !== " " && space > kept.length / 2) cut = kept.slice(0, space).trimEnd() + ELLIPSIS;
    lines[last] = cut;
  }
  return { lines, truncated };
}
