// A backup locked with a passphrase (tmb_core/store/backup.py writes the backup itself): the
// file is one line naming the format, one line of JSON saying how it is locked, then the
// backup, gzipped and encrypted with AES-GCM under a key derived from the passphrase with
// PBKDF2-SHA-256. The two lines are authenticated with it: a changed byte anywhere, or a
// wrong passphrase, opens nothing.
import { CONTRACT } from "tmb-contract";

const MARK = new TextEncoder().encode(CONTRACT.backup.locked);
const ITERATIONS = 600_000;   // PBKDF2-SHA-256, as OWASP recommends (2023)
const VERSION = 1;

export class WrongPassphrase extends Error {
  name = "WrongPassphrase";
}

export function isLocked(bytes) {
  const head = new Uint8Array(bytes, 0, Math.min(bytes.byteLength, MARK.length));
  return head.length === MARK.length && head.every((b, i) => b === MARK[i]);
}

async function keyFor(passphrase, salt, iterations) {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material,
    { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

const through = (bytes, stream) => new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer();
const base64 = (bytes) => btoa(String.fromCharCode(...bytes));
const unbase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

// The backup's text locked with `passphrase`, as the bytes of a file.
export async function lock(text, passphrase) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const how = { version: VERSION, cipher: "AES-GCM", kdf: "PBKDF2", hash: "SHA-256", iterations: ITERATIONS,
    salt: base64(salt), iv: base64(iv), compressed: "gzip" };
  const head = new TextEncoder().encode(`${CONTRACT.backup.locked} ${VERSION}\n${JSON.stringify(how)}\n`);
  const packed = await through(new TextEncoder().encode(text), new CompressionStream("gzip"));
  const key = await keyFor(passphrase, salt, ITERATIONS);
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: head }, key, packed);
  return new Blob([head, sealed]);
}

// The backup inside a locked file's bytes; WrongPassphrase when `passphrase` does not open it
// (or a byte was changed), Error when the file is no locked backup this page can read.
export async function unlock(bytes, passphrase) {
  const all = new Uint8Array(bytes);
  const first = all.indexOf(10);
  const second = all.indexOf(10, first + 1);
  let how;
  try {
    how = JSON.parse(new TextDecoder().decode(all.subarray(first + 1, second)));
  } catch {
    throw new Error("This locked backup is damaged, so it cannot be opened. Nothing was changed.");
  }
  if (how.version > VERSION) throw new Error("This backup was locked by a newer TrackMyBets: reload the site to update it.");
  const key = await keyFor(passphrase, unbase64(how.salt), how.iterations);
  let packed;
  try {
    packed = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unbase64(how.iv), additionalData: all.subarray(0, second + 1) },
      key, all.subarray(second + 1));
  } catch {
    throw new WrongPassphrase("This passphrase does not open the backup (or the file was altered since it was made). Nothing was restored: try again.");
  }
  return through(packed, new DecompressionStream("gzip"));
}
