// Full screen for workshop mode. The browser may refuse it: inside an
// iframe without allowfullscreen (or a cross-origin one), without a user
// gesture (an embedder setting mode="present" from a script), or by policy.
// The view then stays where it already is, filling the page; nothing here
// throws or leaves a rejected promise unhandled, so neither path logs an
// error.

/** Whether `el` is the element shown full screen. */
export function isFullscreen(el) {
  try {
    return el.matches(":fullscreen");
  } catch {
    return document.fullscreenElement === el;
  }
}

/**
 * Asks for full screen for `el`. `report(state)` hears "pending", then
 * "yes" or "no"; `wanted()` says whether the view is still open when the
 * browser answers (if not, full screen is left again at once).
 */
export function requestFullscreen(el, report, wanted) {
  if (!document.fullscreenEnabled || typeof el.requestFullscreen !== "function") {
    report("no");
    return;
  }
  report("pending");
  let request;
  try {
    request = el.requestFullscreen({ navigationUI: "hide" });
  } catch {
    report("no");
    return;
  }
  Promise.resolve(request).then(
    () => {
      if (wanted()) report(isFullscreen(el) ? "yes" : "no");
      else exitFullscreen(el);
    },
    () => {
      if (wanted()) report("no");
    },
  );
}

/** Leaves full screen if `el` is in it. */
export function exitFullscreen(el) {
  if (isFullscreen(el)) document.exitFullscreen().catch(() => {});
}
