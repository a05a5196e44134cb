// The durable store: one IndexedDB record per table plus a meta record (version, format,
// code tag), all written in ONE IndexedDB transaction per change, so a change is kept
// whole or not at all. Format "arrow": each table is a list of Arrow IPC streams
// (arrowsnap.js), the derived bets included; no format: the first sites' CSV bytes, one
// per stored table (still read back). Beside them, "derived" keeps values computed from that version's
// rows (tmb_core/store/snapshot.py), written later and only while that version is current, and
// "view", the last dashboard the page drew of them (saveView). Web Locks serialise writers across tabs; a BroadcastChannel
// tells the other tabs to reload.

const DB_NAME = "trackmybets";
const STORE = "snapshot";
const LOCK = "trackmybets-store";

// The two IndexedDB helpers, shared with site/engine/pyboot.js: a request's result, and a
// transaction's end (rejected if it fails or is aborted).
export function request(r) {
  return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
}

export function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("the browser refused to save (storage full?)"));
  });
}

export async function openStore() {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

// {version, format, code, tables: {name: Arrow parts or CSV bytes}, derived}, or null when
// nothing was ever saved.
export async function load(idb) {
  const tx = idb.transaction(STORE, "readonly");
  const store = tx.objectStore(STORE);
  const meta = await request(store.get("meta"));
  if (!meta) return null;
  const tables = {};
  for (const name of meta.tables) {
    const count = meta.parts?.[name];
    if (count === undefined) {
      tables[name] = await request(store.get(`table:${name}`));   // one record: CSV bytes or (older) all parts
    } else {
      tables[name] = [];
      for (let i = 0; i < count; i++) tables[name].push(await request(store.get(`table:${name}:${i}`)));
    }
  }
  const derived = await request(store.get("derived"));
  return {
    version: meta.version, format: meta.format || "csv", code: meta.code, tables,
    derived: derived?.version === meta.version ? derived.state : undefined,
  };
}

// Keep `record` under `name` beside `version`'s rows, unless another version was saved meanwhile
// (save and clear clear it with the rest).
async function keepBeside(idb, version, name, record) {
  const tx = idb.transaction(STORE, "readwrite");
  const store = tx.objectStore(STORE);
  const meta = await request(store.get("meta"));
  if (meta?.version === version) store.put({ version, ...record }, name);
  await done(tx);
}

// Keep `state` as derived from `version`'s rows.
export const saveDerived = (idb, version, state) => keepBeside(idb, version, "derived", { state });

// The last dashboard the page showed of `version`'s rows (site/app/lastview.js).
export const saveView = (idb, version, view) => keepBeside(idb, version, "view", { view });

// Whether rows are stored, and that view of them (null when none was kept of the rows stored now).
export async function loadView(idb) {
  const tx = idb.transaction(STORE, "readonly");
  const store = tx.objectStore(STORE);
  const [meta, kept] = await Promise.all([request(store.get("meta")), request(store.get("view"))]);
  const stored = meta?.transactions ?? meta?.tables?.length;   // (the count is saved since the view is)
  return { stored: Boolean(stored), view: meta && kept?.version === meta.version ? kept.view : null };
}

export async function version(idb) {
  const meta = await request(idb.transaction(STORE, "readonly").objectStore(STORE).get("meta"));
  return meta ? meta.version : 0;
}

// `snapshot` is {format, code, tables: {name: value}, transactions: how many} (worker.js snapshot()). One transaction:
// either every record is replaced or, on any failure, none is (what was stored stays).
export async function save(idb, { format, code, tables, transactions }, newVersion) {
  const tx = idb.transaction(STORE, "readwrite");
  try {
    const store = tx.objectStore(STORE);
    store.clear();
    // Each Arrow part is its own record: one value of a million rows' parts is more than the
    // browser takes in one put.
    const parts = {};
    for (const [name, value] of Object.entries(tables)) {
      if (Array.isArray(value)) {
        value.forEach((part, i) => store.put(part, `table:${name}:${i}`));
        parts[name] = value.length;
      } else {
        store.put(value, `table:${name}`);
      }
    }
    store.put({ version: newVersion, format, code, tables: Object.keys(tables), parts, transactions,
      savedAt: new Date().toISOString() }, "meta");
  } catch (error) {
    tx.abort();   // a put refused (the device full, a value too big): the clear is undone too
    throw error;
  }
  await done(tx);
}

export async function clear(idb, newVersion) {
  const tx = idb.transaction(STORE, "readwrite");
  const store = tx.objectStore(STORE);
  store.clear();
  store.put({ version: newVersion, tables: [], savedAt: new Date().toISOString() }, "meta");
  await done(tx);
}

// Run `work` holding the store's exclusive lock (every tab of this site shares it).
export function exclusive(work) {
  return navigator.locks ? navigator.locks.request(LOCK, { mode: "exclusive" }, work) : work();
}

export function channel(onChange) {
  if (typeof BroadcastChannel !== "function") return { announce() {} };
  const bc = new BroadcastChannel(DB_NAME);
  bc.onmessage = (event) => onChange(event.data);
  return { announce: (message) => bc.postMessage(message) };
}
