// A React 19 component showing <journey-map>: React gives the element
// `journey` and `readonly` as properties and adds the onjourney-change /
// onjourney-error listeners (React 19's custom-element support); the JSX is
// typed by "journeygraph/react". Rendered in the browser (main.tsx) and on
// the server (server.tsx), where importing "journeygraph/define" must not
// throw.
import { useState } from "react";
import type {} from "journeygraph/react";
import "journeygraph/define";
import type { JourneyChangeEvent, JourneyErrorEvent } from "journeygraph/events";

export interface AppProps {
  /** The journey's file text. */
  json: string;
  /** The page's own figure, from the API. */
  success: string;
  initialReadonly?: boolean;
}

export function App({ json, success, initialReadonly = false }: AppProps) {
  const [readonly, setReadonly] = useState(initialReadonly);
  const [changes, setChanges] = useState(0);
  const [lastError, setLastError] = useState("");
  const onChange = (event: JourneyChangeEvent) => {
    if (event.detail.json.length > 0) setChanges((n) => n + 1);
  };
  const onError = (event: JourneyErrorEvent) => setLastError(event.detail.error.code ?? "");
  return (
    <main>
      <p>Success: <output id="success">{success}</output></p>
      <p>
        <label>
          <input id="readonly" type="checkbox" checked={readonly} onChange={(e) => setReadonly(e.target.checked)} /> Read only
        </label>{" "}
        Changes heard by React: <output id="changes">{changes}</output>; last error: <output id="last-error">{lastError}</output>
      </p>
      <journey-map journey={json} readonly={readonly} onjourney-change={onChange} onjourney-error={onError} />
    </main>
  );
}
