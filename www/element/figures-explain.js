// What each figure of the bar counts, its scale and how it is computed, in
// plain words with this journey's own numbers. The figures bar gives each
// figure this text as its accessible description (hover and keyboard
// focus) and lists them all in its "How is this computed?" panel. The
// numbers and the settings they rest on (analysis.rules) come from the
// core; nothing here recomputes a figure.

export const pct = (x) => `${(100 * x).toFixed(1)}%`;
export const signed = (x, digits = 2) => `${x >= 0 ? "+" : "\u2212"}${Math.abs(x).toFixed(digits)}`;
const count = (n) => n.toLocaleString("en-US");

/** "±0.01 (simulated, 95%)": a simulated half-width in words a designer can read. */
export function halfWidthText(hw) {
  return `\u00b1${hw.toFixed(hw < 0.01 ? 3 : 2)} (simulated, 95%)`;
}

/** Whether the journey has a goal (else success is completion). */
export const hasGoal = (a) => !a || a.goals === undefined || a.goals > 0;

const EXACT = "Computed exactly from the map (every path, loops included), not simulated.";

/** The peak-end rule of this journey, in words. */
function rule(a) {
  const w = a?.rules?.rememberWeights ?? { peak: 0.5, end: 0.5, mean: 0 };
  const parts = [[w.peak, "its most intense moment"], [w.end, "its last moment"], [w.mean, "the average of all its moments"]]
    .filter(([x]) => x > 0)
    .map(([x, what]) => `${x.toFixed(2)} \u00d7 ${what}`);
  return parts.join(" + ");
}

const simulatedOver = (s) => (s ? ` Estimated from ${count(s.customers)} simulated customers (seed ${s.seed}), so it carries a 95% margin.` : " It is estimated by simulating customers (peak-end rule).");

/**
 * The description of figure `key`: one or two sentences. `a` the analysis,
 * `s` the simulation (either may be null while pending).
 */
export function explain(key, a, s) {
  const goal = hasGoal(a);
  if (a && a.ratedShare === 0 && ["remembered", "satisfied", "promoter", "service"].includes(key)) {
    return `Not rated: rate emotions to see how the journey will be remembered. No touchpoint customers pass through has a rated emotion, so ${key === "service" ? "nothing is felt and the service share" : "the remembered experience, satisfied and promoter index"} would rest on nothing you entered; they are shown once you rate how customers feel at the touchpoints.`;
  }
  switch (key) {
    case "success":
      if (!goal) return `Completed: ${a ? pct(a.success) : "the share"} of customers reach an end of the journey without dropping out. No touchpoint is a goal yet, so success counts completion; mark a touchpoint as the goal to measure success. Scale 0\u2013100% of the customers who start. ${EXACT}`;
      return `Reached the goal: ${a ? pct(a.success) : "the share"} of customers arrive at a goal touchpoint at least once (counted even if they leave right after). Scale 0\u2013100% of the customers who start.${a ? ` With lost before the goal (${pct(a.lostBeforeGoal)}) and ended elsewhere (${pct(a.endedElsewhere)}) it makes 100%; of those who reached it, ${pct(a.stayedToEnd)} of all customers stayed to the end and ${pct(a.leftAfterGoal)} left later.` : ""} ${EXACT}`;
    case "lost":
      return `Lost before the goal: ${a ? pct(a.lostBeforeGoal) : "the share"} of customers drop out before they reach any goal. Scale 0\u2013100% of the customers who start; one of the three outcomes that add up to 100%. ${EXACT}`;
    case "elsewhere":
      return `Ended elsewhere: ${a ? pct(a.endedElsewhere) : "the share"} of customers come to an end of the journey that is not a goal (a touchpoint with no way on), without reaching a goal. Scale 0\u2013100%; one of the three outcomes that add up to 100%. ${EXACT}`;
    case "dropout":
      if (!a) return `Dropout: the share of customers who give up at some point. ${EXACT}`;
      return goal
        ? `Dropout anywhere: ${pct(a.dropout)} of customers give up at some point. It overlaps Reached the goal: it is ${pct(a.lostBeforeGoal)} lost before the goal plus ${pct(a.leftAfterGoal)} who had already reached it and left later. Each touchpoint's dropout is the share who give up after it; a change of emotion moves it with sensitivity ${a.rules?.sensitivity ?? 1}. ${EXACT}`
        : `Dropout: ${pct(a.dropout)} of customers give up before an end; with Completed it makes 100%. ${EXACT}`;
    case "remembered":
      return `Remembered: how customers will remember the journey, on the emotion scale \u22121 (very negative) to +1 (very positive)${s ? `, now ${signed(s.remembered.mean)} ${halfWidthText(s.remembered.halfWidth)}` : ""}. For each customer: ${rule(a)} (the peak-end rule), with each moment felt as emotion \u00d7 impact; then the mean over customers.${simulatedOver(s)}`;
    case "satisfied":
      return `Satisfied: ${s ? pct(s.satisfied) : "the share"} of customers whose remembered experience is at least ${signed(a?.rules?.satisfiedAt ?? 0.2)} on the \u22121 to +1 scale. Scale 0\u2013100%.${simulatedOver(s)}`;
    case "promoter":
      return `Promoter index: ${s ? signed(s.promoterIndex, 0) : "a score"} on a scale from \u2212100 to +100, like NPS: the share of customers who remember the journey at ${signed(a?.rules?.promoterAt ?? 0.5)} or better, minus the share who remember it below 0, times 100.${simulatedOver(s)}`;
    case "service":
      return `Service share: ${a ? pct(a.serviceShare) : "the share"} of the felt experience comes from customer-service touchpoints: each touchpoint weighs its expected visits \u00d7 |emotion \u00d7 impact|. Scale 0\u2013100%; 0 when nothing is felt. ${EXACT}`;
    default:
      return "";
  }
}
