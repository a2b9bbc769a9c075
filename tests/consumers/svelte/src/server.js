// The server entry (vite build --ssr): the App rendered to HTML in Node, as
// SvelteKit would. journeygraph stays external (Vite leaves node_modules to
// Node), so Node itself imports "journeygraph/define".
import { render as renderSvelte } from "svelte/server";
import App from "./App.svelte";

export function render(json) {
  return renderSvelte(App, { props: { json, initialReadonly: true } }).body;
}
