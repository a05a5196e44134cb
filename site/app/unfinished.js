// Imports that did not finish: the page notes each import in localStorage while it runs (until
// its rows are saved on the device, or refused), holding a Web Lock named after it. A page opened
// later finds the notes whose lock nobody holds any more (the tab was closed or reloaded mid-way;
// another tab still importing holds its lock) and says which file to drop again.
const KEY = "tmb-unfinished-imports";
// Without Web Locks, a note this old is taken as cut off (no import takes so long).
const STALE_MS = 10 * 60_000;

const lockName = (id) => `tmb-import-${id}`;

function notes() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || [];
  } catch {
    return [];
  }
}

function store(list) {
  try {
    if (list.length) localStorage.setItem(KEY, JSON.stringify(list));
    else localStorage.removeItem(KEY);
  } catch { /* storage refused: the notice is lost, nothing else */ }
}

const change = (id, update) => store(notes().flatMap((n) => (n.id !== id ? [n] : update(n))));

// Note an import of `name` as started; the answer's upload id is added with `answered`, and the
// note goes with `finished` (saved, refused or failed: each says so on its own).
export async function begin(name) {
  const id = crypto.randomUUID();
  let release = () => {};
  if (navigator.locks) {
    const held = new Promise((resolve) => { release = resolve; });
    await new Promise((granted) => navigator.locks.request(lockName(id), () => { granted(); return held; }));
  }
  store([...notes(), { id, name, started: Date.now() }]);
  return {
    answered: (uploadId) => change(id, (n) => [{ ...n, uploadId }]),
    finished: () => { change(id, () => []); release(); },
  };
}

async function cutOff(note) {
  if (!navigator.locks) return Date.now() - note.started > STALE_MS;
  return navigator.locks.request(lockName(note.id), { ifAvailable: true }, (lock) => lock !== null);
}

// The imports cut off before they were saved, each noted once. `storedUploads()` gives the
// stored upload log, asked only when a cut-off import had been answered: one whose save did
// finish (its page closed just after) is found there by its id. (Asking nothing otherwise
// leaves the engine idle for its warm-up.)
export async function unfinished(storedUploads) {
  const cut = [];
  for (const note of notes()) {
    if (!(await cutOff(note))) continue;
    change(note.id, () => []);
    cut.push(note);
  }
  const answered = cut.some((n) => n.uploadId !== undefined);
  const stored = new Set(answered ? (await storedUploads()).map((u) => u.upload_id) : []);
  return cut.filter((n) => !stored.has(n.uploadId));
}

export function forgetAll() {
  store([]);
}
