// What the library lists for a journey: its title and counts, taken from
// its text without parsing all of it. The open journey can be megabytes of
// JSON and is saved after every change; the title and the touchpoint count
// come from the core's Journey (no parse at all), and the stage count from
// the text's "stages" array alone, found by a scan that stops there (the
// canonical text writes stages before touchpoints).

/**
 * The text of the value of `key` in the top-level object of the JSON
 * `text`, or null when there is none. Strings are skipped whole, so a key
 * or a bracket inside user text never counts.
 */
export function topLevelValue(text, key) {
  let depth = 0;
  let start = -1;
  let expectKey = false;
  let found = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const from = i;
      i += 1;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      if (depth === 1 && expectKey && !found) {
        expectKey = false;
        if (text.slice(from + 1, i) === key) found = true;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth += 1;
      if (depth === 1) expectKey = true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth -= 1;
      if (found && start >= 0 && depth === 1) return text.slice(start, i + 1);
      if (depth === 0) return found && start >= 0 ? text.slice(start, i).trim() : null;
    } else if (c === 44 /* , */ && depth === 1) {
      if (found && start >= 0) return text.slice(start, i).trim();
      expectKey = true;
    } else if (c === 58 /* : */ && depth === 1 && found && start < 0) {
      start = i + 1;
      while (start < text.length && /\s/.test(text[start])) start += 1;
      i = start - 1;
    }
  }
  return null;
}

/** How many stages the journey text holds (0 when it says nothing readable). */
export function stageCount(json) {
  try {
    const value = topLevelValue(json, "stages");
    const stages = value === null ? [] : JSON.parse(value);
    return Array.isArray(stages) ? stages.length : 0;
  } catch {
    return 0;
  }
}

/**
 * The summary the store keeps beside a journey's text: {title, stages,
 * touchpoints}. `journey`, a core Journey open on the same text, gives the
 * title and the touchpoint count cheaply; without it the text is parsed
 * (a journey not open: a migration, an import checked once).
 */
export function summarize(json, journey = null) {
  if (journey) return { title: journey.title, stages: stageCount(json), touchpoints: journey.touchpointCount };
  const file = JSON.parse(json);
  return {
    title: String(file?.title ?? ""),
    stages: Array.isArray(file?.stages) ? file.stages.length : 0,
    touchpoints: Array.isArray(file?.touchpoints) ? file.touchpoints.length : 0,
  };
}
