// Renders the App on the server from the SSR build (dist-server/server.js),
// with no DOM: prints JSON {dom, html}.
import { render } from "./dist-server/server.js";

const dom = ["window", "document", "HTMLElement", "customElements"].filter((name) => name in globalThis);
const json = JSON.stringify({ format: "journeygraph", version: 1, title: "Server <rendered> & escaped", stages: [], touchpoints: [], transitions: [] });
console.log(JSON.stringify({ dom, html: render(json) }));
