// Benchmarks of shared journeys (issue 12), in Node with the built package,
// real yjs documents and the wasm Journey (not timed tests):
//   (a) a remote edit reaching the other peer's figures at 200 touchpoints:
//       peer A changes an emotion → its Yjs update → applied to peer B's
//       document → B's binding takes it in (readDoc, replaceFromJSON) →
//       B's journey.analyze(); median and p95 over 300 edits. Loopback
//       with no socket: the network's share is not in it.
//   (b) first sync of a 1,000-touchpoint journey: seeding A's document, and
//       B receiving the whole state and opening the journey from it;
//   (c) the Yjs document's size after 10,000 edits (by 3 peers, emotions,
//       names and moves), next to the journey's JSON, and after a restart
//       (encodeStateAsUpdate, what y-indexeddb and the server keep).
//   bash tools/build.sh && cd tests && node bench/collab.mjs
import { installed, network, settle } from "../node/collab-peers.mjs";
import { referenceJSON } from "../reference.mjs";

const lib = await installed();
const { Journey, collab, Y } = lib;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)] };
};
const ms = (x) => `${x.toFixed(2)} ms`;

// (a)
{
  const net = await network(lib, referenceJSON(200, 1), 2);
  const [a, b] = net.peers;
  const times = [];
  for (let i = 0; i < 300; i += 1) {
    const tps = a.journey.view().touchpoints;
    const t = tps[i % tps.length];
    a.binding.apply({ op: "updateTouchpoint", touchpoint: { ...t, emotion: Math.round(Math.sin(i) * 100) / 100 } });
    const start = performance.now();
    net.deliver();
    await null; // the binding's microtask
    await null;
    b.journey.analyze();
    times.push(performance.now() - start);
    await settle();
  }
  const { median, p95 } = stats(times.slice(20));
  console.log(`(a) remote edit → other peer's figures, 200 touchpoints: median ${ms(median)}, p95 ${ms(p95)}`);
}

// (b)
{
  const text = referenceJSON(1000, 1);
  const runs = [];
  for (let r = 0; r < 7; r += 1) {
    const t0 = performance.now();
    const docA = new Y.Doc();
    const ja = Journey.fromJSON(text);
    const ba = collab.bindJourney(ja, docA);
    const t1 = performance.now();
    const update = Y.encodeStateAsUpdate(docA);
    const docB = new Y.Doc();
    Y.applyUpdate(docB, update);
    const jb = Journey.fromJSON(JSON.stringify({ format: "journeygraph", version: 1, title: "", stages: [], touchpoints: [], transitions: [] }));
    const bb = collab.bindJourney(jb, docB, { seed: false });
    const t2 = performance.now();
    if (jb.touchpointCount !== 1000) throw new Error(`B has ${jb.touchpointCount} touchpoints`);
    runs.push({ seed: t1 - t0, join: t2 - t1, bytes: update.length });
    ba.destroy();
    bb.destroy();
    ja.free();
    jb.free();
  }
  const seed = stats(runs.map((r) => r.seed)).median;
  const join = stats(runs.map((r) => r.join)).median;
  console.log(`(b) first sync, 1,000 touchpoints: seeding ${ms(seed)}, the other peer's first sync (apply the state, open the journey) ${ms(join)}; state ${(runs[0].bytes / 1024).toFixed(0)} KiB, JSON ${(text.length / 1024).toFixed(0)} KiB`);
}

// (c)
{
  const net = await network(lib, referenceJSON(200, 2), 3);
  let made = 0;
  for (let i = 0; made < 10000; i += 1) {
    const peer = net.peers[i % 3];
    const tps = peer.journey.view().touchpoints;
    const t = tps[(i * 7) % tps.length];
    const kind = i % 4;
    const edit = kind === 3
      ? { op: "moveTouchpoint", id: t.id, stage: peer.journey.view().stages[i % 5].id, position: i % 3 }
      : { op: "updateTouchpoint", touchpoint: { ...t, ...(kind === 2 ? { name: `Name ${i}` } : { emotion: Math.round(Math.cos(i) * 100) / 100 }) } };
    if (peer.binding.apply(edit)) made += 1;
    if (i % 10 === 0) await net.sync();
  }
  await net.sync();
  const json = net.peers[0].journey.toJSON();
  const state = Y.encodeStateAsUpdate(net.peers[0].doc);
  const restarted = new Y.Doc();
  Y.applyUpdate(restarted, state);
  const again = Y.encodeStateAsUpdate(restarted);
  console.log(`(c) after ${made} edits by 3 peers on 200 touchpoints: Yjs state ${(state.length / 1024).toFixed(0)} KiB (${(again.length / 1024).toFixed(0)} KiB re-encoded), JSON ${(json.length / 1024).toFixed(0)} KiB (${(state.length / json.length).toFixed(1)}×)`);
}
