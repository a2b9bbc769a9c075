// The server entry (vite build --ssr): the App rendered to HTML in Node, as
// Next.js or any React server would. journeygraph stays external (Vite
// leaves node_modules to Node), so Node itself imports "journeygraph/define".
import { renderToString } from "react-dom/server";
import { App } from "./App";

export function render(json: string): string {
  return renderToString(<App json={json} success="" initialReadonly />);
}
