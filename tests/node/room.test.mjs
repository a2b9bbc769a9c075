// journeygraph/collab's room (SPEC section 9): ratings with five faces kept
// in the journey's Y.Doc beside the journey, from the built package as a
// user installs it. Three participants on their own documents, merged as a
// network merges them; the tally by hand; a rating again replaces the
// first; a peer's nonsense is left out; ratings never enter the journey or
// anyone's undo.
//   bash tools/build.sh && cd tests && node --test node/room.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { installed } from "./collab-peers.mjs";

let lib;
before(async () => {
  lib = await installed();
});

/** Delivers every update between the documents, both ways, until they agree. */
function merge(Y, docs) {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

test("three participants rate at once; every peer tallies the same counts, distribution and mean", () => {
  const { collab, Y } = lib;
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const [wall, ...phones] = docs;
  const rooms = phones.map((doc, i) => collab.openRoom(doc, { me: { id: `p${i}`, name: ["Ana", "Ben", "Chloé"][i] } }));
  assert.equal(rooms[0].rate("checkout", 5), true);
  assert.equal(rooms[1].rate("checkout", 4), true);
  assert.equal(rooms[2].rate("checkout", 1), true);
  assert.equal(rooms[2].rate("reviews", 2), true);
  merge(Y, docs);
  const room = collab.openRoom(wall);
  const t = room.tally();
  assert.deepEqual(t.get("checkout").counts, [1, 0, 0, 1, 1]);
  assert.equal(t.get("checkout").count, 3);
  // Faces 5, 4, 1 are the emotions +1, +0.5, −1: mean 1/6.
  assert.ok(Math.abs(t.get("checkout").mean - 1 / 6) < 1e-12);
  assert.deepEqual(t.get("reviews"), { count: 1, counts: [0, 1, 0, 0, 0], mean: -0.5 });
  for (const doc of phones) assert.deepEqual([...collab.openRoom(doc).tally()], [...t], "every peer reads the same tally");
  assert.deepEqual(room.ratings().filter((r) => r.touchpoint === "checkout").map((r) => r.who).sort(), ["Ana", "Ben", "Chloé"]);
  // Rating again replaces this person's rating.
  rooms[2].rate("checkout", 3);
  merge(Y, docs);
  assert.deepEqual(room.tally().get("checkout").counts, [0, 0, 1, 1, 1]);
  assert.equal(rooms[2].mine("checkout"), 3);
  // The facilitator removes one; everyone sees it gone.
  const ben = room.ratings().find((r) => r.who === "Ben");
  room.remove(ben.key);
  merge(Y, docs);
  assert.equal(rooms[1].mine("checkout"), null);
  assert.equal(collab.openRoom(phones[0]).tally().get("checkout").count, 2);
  room.clear("checkout");
  assert.equal(room.tally().has("checkout"), false);
  assert.equal(room.tally().get("reviews").count, 1, "clearing one touchpoint keeps the others");
});

test("the wall's stage reaches the phones; bad ratings are refused or left out; a rating is no edit of the journey", () => {
  const { collab, Y, Journey } = lib;
  const wall = new Y.Doc();
  const phone = new Y.Doc();
  const sample = Journey.sample();
  collab.seedDoc(wall, JSON.parse(sample.toJSON()));
  collab.openRoom(wall).setStage("purchase");
  merge(Y, [wall, phone]);
  const mine = collab.openRoom(phone, { me: { id: "p", name: "Dee" } });
  assert.equal(mine.stage(), "purchase");
  // The phone refuses what is no rating.
  for (const face of [0, 6, 2.5, "3", null]) assert.equal(mine.rate("checkout", face), false, `face ${face}`);
  assert.equal(mine.rate("", 3), false);
  assert.equal(collab.openRoom(phone).rate("checkout", 3), false, "a room opened without `me` cannot rate");
  // What a peer wrote that is no rating is left out, never thrown over.
  const ratings = wall.getMap("journeygraph.ratings");
  ratings.set("x|checkout", { touchpoint: "checkout", face: 9 });
  ratings.set("y|checkout", "not a rating");
  ratings.set("z|checkout", { face: 3 });
  ratings.set("w|checkout", { touchpoint: "checkout", face: 2, who: 42 });
  merge(Y, [wall, phone]);
  assert.deepEqual(mine.ratings().map((r) => [r.key, r.face, r.who]), [["w|checkout", 2, "Someone"]]);
  // The journey read from the document is the journey seeded: ratings are beside it.
  mine.rate("checkout", 5);
  merge(Y, [wall, phone]);
  assert.equal(Journey.fromJSON(JSON.stringify(collab.readDoc(wall).file)).toJSON(), sample.toJSON());
  // And outside every binding's undo.
  const binding = collab.bindJourney(Journey.fromJSON(sample.toJSON()), wall);
  collab.openRoom(wall, { me: { id: "q", name: "Eve" } }).rate("checkout", 1);
  assert.equal(binding.history.canUndo, false, "a rating is not an undo step");
  binding.destroy();
  sample.free();
});

test("the five faces stand for the emotions −1, −0.5, 0, +0.5, +1", () => {
  const { collab } = lib;
  assert.deepEqual(collab.FACES.map((f) => f.emotion), [-1, -0.5, 0, 0.5, 1]);
  assert.deepEqual(collab.FACES.map((f) => collab.faceEmotion(f.face)), [-1, -0.5, 0, 0.5, 1]);
});
