// The server entry (vite build --ssr): the App rendered to HTML in Node, as
// Nuxt or any Vue server would. journeygraph stays external (Vite leaves
// node_modules to Node), so Node itself imports "journeygraph/define".
import { createSSRApp } from "vue";
import { renderToString } from "vue/server-renderer";
import App from "./App.vue";

export function render(json) {
  return renderToString(createSSRApp(App, { json, initialReadonly: true }));
}
