// A layout with new emotion numbers (Journey.layoutEmotions), for a
// slider's step (draw-live.js): it shares everything that did not change
// with the layout drawn last, so updateMap (map.js, map-update.js) finds
// the rest the same at once. Loaded with draw-live.js, after the first map.
//
//   const layout = withEmotions(last.layout, journey.layoutEmotions());
//   if (!layout || !updateMap(map, layout, options)) mountMap(container, journey.layout(), options);

/**
 * `layout` with the numbers of Journey.layoutEmotions() (`numbers`, of
 * the journey after an emotion or impact edit): a new layout that shares
 * everything else with `layout` (stages, arrows, lanes, every card and
 * curve point that did not change), or null when `numbers` does not fit
 * it (another number of cards or points). updateMap then finds the
 * unchanged parts the same at once (the same objects).
 */
export function withEmotions(layout, numbers) {
  const n = layout.cards.length;
  const m = layout.curve.points.length;
  if (!numbers || numbers.length !== 3 * n + 2 * m + 2) return null;
  let cards = layout.cards;
  for (let i = 0; i < n; i += 1) {
    const c = cards[i];
    // An emotion not rated comes as NaN.
    const rated = !Number.isNaN(numbers[3 * i]);
    const [emotion, impact, felt] = [rated ? numbers[3 * i] : 0, numbers[3 * i + 1], numbers[3 * i + 2]];
    if (c.emotion === emotion && c.rated === rated && c.impact === impact && c.felt === felt) continue;
    if (cards === layout.cards) cards = [...cards];
    cards[i] = { ...c, emotion, rated, impact, felt };
  }
  let points = layout.curve.points;
  for (let i = 0; i < m; i += 1) {
    const p = points[i];
    const [y, felt] = [numbers[3 * n + 2 * i], numbers[3 * n + 2 * i + 1]];
    if (p.y === y && p.felt === felt) continue;
    if (points === layout.curve.points) points = [...points];
    points[i] = { ...p, y, felt };
  }
  const index = (x) => (x < 0 ? null : x);
  const peak = index(numbers[3 * n + 2 * m]);
  const end = index(numbers[3 * n + 2 * m + 1]);
  const curve = points === layout.curve.points && peak === (layout.curve.peak ?? null) && end === (layout.curve.end ?? null)
    ? layout.curve : { ...layout.curve, points, peak, end };
  return cards === layout.cards && curve === layout.curve ? layout : { ...layout, cards, curve };
}
