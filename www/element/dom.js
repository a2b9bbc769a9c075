// The one DOM helper of the element: an element with attributes and text,
// never HTML (user text goes in as text, so nothing it holds is parsed).
// Touches no DOM until called, so every module that imports it can be
// imported where there is none (server-side rendering).

/**
 * `<tag attrs…>text</tag>`. An attribute that is null, undefined or false
 * is left out; true gives an empty attribute (`disabled`).
 */
export function h(tag, attrs = {}, text = null) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : String(v));
  if (text !== null) e.textContent = text;
  return e;
}

/**
 * As `h`, for form controls: a value that is not a string goes to the
 * property of that name where the element has one (`readOnly: true`,
 * `disabled: false`, `min: 0`), so a control's state is its live state.
 */
export function control(tag, attrs = {}, text = null) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k in e && typeof v !== "string") e[k] = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  if (text !== null) e.textContent = text;
  return e;
}
