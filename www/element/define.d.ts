// Types of define.js: importing "journeygraph/define" registers
// <journey-map>, and TypeScript then knows the tag.
import type { JourneyMapElement } from "./journey-map.js";

export { define } from "./journey-map.js";
/** The class registered as <journey-map>. */
export declare const JourneyMap: typeof JourneyMapElement;

declare global {
  interface HTMLElementTagNameMap {
    "journey-map": JourneyMapElement;
  }
}
