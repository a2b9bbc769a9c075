// The sync server for shared journeys: the y-websocket server
// (@y/websocket-server's setupWSConnection, the reference one), on
// loopback, with two additions of ours:
//   - persistence: each room's document is written to a file in `dir`
//     (debounced, and at shutdown) and read back when the room is next
//     opened, so a restart loses nothing even when no client is connected;
//   - a size cap: a room whose document would grow past `maxBytes` stops
//     taking updates from that connection (it is closed with code 1009).
// tools/app.sh starts it beside the app; the end-to-end tests start it too.
//   node tools/sync-server.mjs [port]     (default 1234; SYNC_DIR, SYNC_MAX_BYTES)
import http from "node:http";
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";
import * as Y from "yjs";
import { setupWSConnection, setPersistence, docs } from "@y/websocket-server/utils";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Room ids are what the app makes: 32 hex digits or more (128 random bits). */
const ROOM = /^[0-9a-f]{32,64}$/;

/** Starts the server; resolves to {server, url, close()}. */
export function startSync({ port = 1234, host = "127.0.0.1", dir = join(root, "target", "sync"), maxBytes = 16 * 1024 * 1024 } = {}) {
  mkdirSync(dir, { recursive: true });
  const file = (room) => join(dir, `${room}.yjs`);
  const timers = new Map();
  const save = (room, doc) => {
    const tmp = `${file(room)}.tmp`;
    writeFileSync(tmp, Y.encodeStateAsUpdate(doc));
    renameSync(tmp, file(room));
  };
  setPersistence({
    bindState: async (room, doc) => {
      if (existsSync(file(room))) Y.applyUpdate(doc, readFileSync(file(room)));
      doc.on("update", () => {
        clearTimeout(timers.get(room));
        timers.set(room, setTimeout(() => save(room, doc), 200));
      });
    },
    writeState: async (room, doc) => {
      clearTimeout(timers.get(room));
      save(room, doc);
    },
    provider: null,
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBytes });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("journeygraph sync server");
  });
  server.on("upgrade", (req, socket, head) => {
    const room = new URL(req.url ?? "/", "http://x").pathname.slice(1);
    if (!ROOM.test(room)) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // The cap: every message this connection sends counts towards its
      // room's size; past the cap the connection is closed before the
      // y-websocket handler sees the message.
      const on = ws.on.bind(ws);
      ws.on = (event, fn) => on(event, event !== "message" ? fn : (data, ...rest) => {
        const doc = docs.get(room);
        const size = (doc?.jgBytes ?? 0) + data.length;
        if (doc && size > maxBytes) {
          ws.close(1009, "This journey is larger than the server keeps.");
          return;
        }
        if (doc) doc.jgBytes = size;
        fn(data, ...rest);
      });
      setupWSConnection(ws, req, { docName: room, gc: true });
      const doc = docs.get(room);
      if (doc && doc.jgBytes === undefined) doc.jgBytes = Y.encodeStateAsUpdate(doc).length;
    });
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const url = `ws://${host}:${server.address().port}`;
      const close = async () => {
        for (const [room, doc] of docs) save(room, doc);
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections?.();
        await new Promise((ok) => server.close(ok));
        docs.clear();
      };
      done({ server, url, close });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.SYNC_PORT ?? 1234);
  const { url, close } = await startSync({ port, dir: process.env.SYNC_DIR, maxBytes: Number(process.env.SYNC_MAX_BYTES) || undefined });
  console.log(`journeygraph sync server at ${url}`);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => close().then(() => process.exit(0)));
}
