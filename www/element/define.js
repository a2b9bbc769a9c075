// Registers <journey-map>. This is the package's one module with a side
// effect (`sideEffects` names it); import the class from journey-map.js and
// call define("your-tag") to choose another tag.
import { define } from "./journey-map.js";

export const JourneyMap = define("journey-map");
export { define };
