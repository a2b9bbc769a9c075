// The journey inside its pictures, so that an exported PNG or SVG opens
// again as the journey (as excalidraw keeps its scene in a PNG):
//   PNG: an iTXt chunk with the keyword "journeygraph" and the journey's
//        JSON as UTF-8 text, before IEND (PNG specification, 11.3.3.4);
//   SVG: <metadata id="journeygraph-journey"> holding the JSON as text.
// Readers that do not know them show the picture as before.
//
//   const png = await withJourneyPng(blob, journey.toJSON());
//   const text = await journeyInPicture(file);   // the JSON, or null

const KEYWORD = "journeygraph";
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
export const SVG_METADATA_ID = "journeygraph-journey";

let table = null;
function crc32(bytes) {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const isPng = (bytes) => bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);

/** The PNG `blob` with an iTXt chunk carrying `json`; resolves to a new Blob. */
export async function withJourneyPng(blob, json) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (!isPng(bytes) || bytes.length < 20) throw new Error("The picture is not a PNG.");
  const text = new TextEncoder().encode(json);
  const head = new TextEncoder().encode(KEYWORD);
  // keyword \0, compression flag 0, method 0, language "" \0, translated keyword "" \0, text
  const data = new Uint8Array(head.length + 5 + text.length);
  data.set(head, 0);
  data.set([0, 0, 0, 0, 0], head.length);
  data.set(text, head.length + 5);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set([0x69, 0x54, 0x58, 0x74], 4); // "iTXt"
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  // Before IEND, the last chunk (12 bytes: length 0, "IEND", CRC).
  const end = bytes.length - 12;
  return new Blob([bytes.subarray(0, end), chunk, bytes.subarray(end)], { type: "image/png" });
}

/** The journey JSON in PNG bytes, or null; a damaged chunk (its CRC) counts as none. */
export function journeyInPng(bytes) {
  if (!isPng(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (at + 12 + length > bytes.length) return null;
    if (type === "iTXt") {
      const data = bytes.subarray(at + 8, at + 8 + length);
      const zero = data.indexOf(0);
      if (zero > 0 && new TextDecoder("latin1").decode(data.subarray(0, zero)) === KEYWORD) {
        if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) return null;
        if (data[zero + 1] !== 0) return null; // compressed: never written so
        let p = zero + 3;
        p = data.indexOf(0, p) + 1; // language tag
        p = data.indexOf(0, p) + 1; // translated keyword
        if (p <= 0) return null;
        return new TextDecoder("utf-8", { fatal: false }).decode(data.subarray(p));
      }
    }
    if (type === "IEND") return null;
    at += 12 + length;
  }
  return null;
}

/** The journey JSON in SVG text, or null. */
export function journeyInSvg(text) {
  if (typeof DOMParser !== "function") return null;
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  if (doc.querySelector("parsererror")) return null;
  const meta = doc.getElementById(SVG_METADATA_ID);
  return meta ? meta.textContent : null;
}

/** Whether `file` is a picture (PNG or SVG) that may carry a journey. */
export const isPicture = (file) => /\.(png|svg)$/i.test(file.name) || /^image\/(png|svg\+xml)$/.test(file.type);

/**
 * The journey JSON a picture file carries; throws a coded error saying so
 * when it carries none (a picture not exported by journeygraph).
 */
export async function journeyInPicture(file) {
  const svg = /\.svg$/i.test(file.name) || file.type === "image/svg+xml";
  const text = svg ? journeyInSvg(await file.text()) : journeyInPng(new Uint8Array(await file.arrayBuffer()));
  if (text === null || text === "") {
    throw Object.assign(new Error(`“${file.name}” is a picture without a journey in it: only pictures exported by journeygraph carry one. The journey you had open is unchanged.`), { code: "wrong_format", path: "" });
  }
  return text;
}
