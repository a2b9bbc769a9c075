// Peers for the journeygraph/collab tests: the built package as a user
// installs it (pkg/ copied into tests/out/collab/node_modules/journeygraph,
// beside the yjs of tests/node_modules, its peer dependency), and a network
// of Y.Docs that holds updates until the test delivers them (in any order,
// as a real network with a server may).
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../../", import.meta.url);
const project = new URL("../out/collab/", import.meta.url);

/** Installs the package into tests/out/collab/ and imports it from there: {Journey, collab, Y}. */
export async function installed() {
  const modules = new URL("node_modules/", project);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(modules, { recursive: true });
  cpSync(fileURLToPath(new URL("pkg/", root)), fileURLToPath(new URL("journeygraph/", modules)), { recursive: true });
  for (const dep of ["yjs", "lib0", "isomorphic.js"]) {
    symlinkSync(fileURLToPath(new URL(`../../node_modules/${dep}`, import.meta.url)), fileURLToPath(new URL(dep, modules)));
  }
  const entry = new URL("entry.mjs", project);
  writeFileSync(entry, [
    'export * as journeygraph from "journeygraph";',
    'export * as collab from "journeygraph/collab";',
    'export * as Y from "yjs";',
  ].join("\n"));
  const { journeygraph, collab, Y } = await import(entry.href);
  journeygraph.initSync({ module: readFileSync(fileURLToPath(new URL("journeygraph/journeygraph_bg.wasm", modules))) });
  return { Journey: journeygraph.Journey, collab, Y };
}

/** Lets the bindings take in what was delivered (they do so in a microtask). */
export const settle = () => new Promise((done) => setImmediate(done));

/**
 * `n` peers on one journey: peer 0 seeds the document from `text`, the
 * others join it. Updates wait in `net.queue` until delivered.
 */
export async function network({ Journey, collab, Y }, text, n) {
  const queue = [];
  const NET = { net: true };
  const peers = [];
  for (let i = 0; i < n; i += 1) {
    const doc = new Y.Doc();
    doc.clientID = 1000 + i; // the same run every time (yjs breaks ties by client id)
    doc.on("update", (update, origin) => {
      if (origin === NET) return;
      for (let j = 0; j < n; j += 1) if (j !== i) queue.push({ to: j, update });
    });
    peers.push({ doc, online: true });
  }
  const net = {
    queue,
    peers,
    /** Delivers the waiting updates (all, or those `pick` chooses) to peers that are online. */
    deliver(pick = () => true) {
      for (let k = 0; k < queue.length;) {
        const m = queue[k];
        if (peers[m.to].online && pick(m)) {
          queue.splice(k, 1);
          Y.applyUpdate(peers[m.to].doc, m.update, NET);
        } else k += 1;
      }
    },
    async sync() {
      for (const p of peers) p.online = true;
      net.deliver();
      await settle();
      net.deliver();
      await settle();
    },
  };
  peers[0].journey = Journey.fromJSON(text);
  peers[0].binding = collab.bindJourney(peers[0].journey, peers[0].doc);
  net.deliver();
  for (let i = 1; i < n; i += 1) {
    peers[i].journey = Journey.fromJSON(text);
    peers[i].binding = collab.bindJourney(peers[i].journey, peers[i].doc, { seed: false });
  }
  await settle();
  return net;
}
