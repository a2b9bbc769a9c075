// Type-checked only (tsc -p tsconfig.json), never bundled: the JSX types of
// <journey-map> are precise. Each @ts-expect-error must be an error, or tsc
// reports the directive as unused.
import { useRef } from "react";
import type {} from "journeygraph/react";
import { Journey } from "journeygraph";
import type { JourneyMapElement } from "journeygraph/element";

export function Precise({ journey }: { journey: Journey }) {
  const ref = useRef<JourneyMapElement>(null);
  const undo = () => ref.current?.undo();
  return (
    <>
      <journey-map ref={ref} journey={journey} scenario={null} theme="dark" mode="present" className="map" onClick={undo}
        onjourney-change={(e) => console.log(e.detail.reason, e.detail.edit?.op)}
        onjourney-error={(e) => console.log(e.detail.action, e.detail.error.path)} />
      <journey-map journey={journey.toObject()} readonly />
      {/* @ts-expect-error journey is a Journey, JSON text or a file object */}
      <journey-map journey={3} />
      {/* @ts-expect-error readonly is a boolean */}
      <journey-map readonly="yes" />
      {/* @ts-expect-error no such attribute */}
      <journey-map colour="red" />
      {/* @ts-expect-error the listener gets a JourneyChangeEvent, not a MouseEvent */}
      <journey-map onjourney-change={(e: MouseEvent) => console.log(e.clientX)} />
      {/* @ts-expect-error the ref is a JourneyMapElement */}
      <journey-map ref={useRef<HTMLInputElement>(null)} />
    </>
  );
}
