// journeygraph/collab: binds a <journey-map> or a Journey to a Y.Doc that
// the embedding app already has, with whatever provider it uses
// (y-websocket, Hocuspocus, y-webrtc, y-indexeddb, a hosted one). yjs is a
// peer dependency: the base package does not grow, and the app's Y.Doc
// and this binding share one copy of yjs.
//
//   import * as Y from "yjs";
//   import { bindJourney } from "journeygraph/collab";
//   const doc = new Y.Doc();
//   const binding = bindJourney(document.querySelector("journey-map"), doc);
export { JourneyBinding, bindJourney, readDoc, writeFile, seedDoc, isEmpty, admissible } from "./bind.js";
// The room takes part: ratings with five faces from participants' phones, beside the journey in the same Y.Doc.
export { openRoom, FACES, faceEmotion } from "./room.js";
