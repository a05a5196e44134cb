// Dropping or choosing files: each file's progress through reading, parsing and
// storing, then its import report with the rejected rows and a CSV of them. The report
// comes as soon as the rows are stored; saving them on the device follows, and the item
// says when it is done (data-save: saving, saved or failed).
import { download, h, replace } from "./dom.js";
import { opened } from "./keeping.js";
import { isShare, shareOpened } from "./sharing.js";
import { begin } from "./unfinished.js";
import { CONTRACT } from "tmb-contract";

// `beforeOwn()` resolves to whether the punter's own files may be imported now (the page asks
// to leave the sample data first, so the two never add up). Files are taken from the first
// paint: each is listed and read at once, and imported when `started` resolves (the engine is
// up and what is stored is known); if the engine cannot start, it rejects and they say so.
// The sample too: `onSample()` shows its prepared dashboard at once, and it is imported once
// started if `sampleWanted()` (nothing is stored). A client's share (sharing.js) is opened, never
// imported, after the exports dropped with it; `onShared()` hears each opened.
export function setupImporter(engine, { onImported, beforeOwn, started, onSample, sampleWanted, onShared }) {
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file-input");
  const list = document.getElementById("imports");
  let busy = Promise.resolve();

  const run = (files) => {
    if (!files.length) return;
    foldEarlier(list);
    const early = zone.dataset.state !== "ready";
    const queued = files.map((file) => {
      const view = item(list, file.name);
      const bytes = readFile(file, view);
      if (early) bytes.then(() => { view.status.textContent = "Read. Waiting for the engine to start…"; }, () => {});
      return { name: file.name, view, bytes };
    });
    busy = busy.then(async () => {
      try {
        await started;
      } catch (error) {
        for (const q of queued) finish(q.view, { ok: false, error: { message: `Not imported: ${error.message}` } }, engine);
        return;
      }
      const shares = await sharesOf(queued);
      const own = queued.filter((q) => !shares.includes(q));
      if (own.length && !(await beforeOwn())) {   // the punter kept the sample: their files are not imported, nor listed
        for (const q of own) q.view.li.remove();
      } else {
        for (const q of queued) if (!q.view.li.isConnected) list.prepend(q.view.li);   // listed again: leaving the sample cleared the list
        for (const q of own) await onImported(await importOne(engine, q));
      }
      for (const q of shares) await onShared(await openShare(engine, q), q.name);
    });
  };
  input.addEventListener("change", () => { run([...input.files]); input.value = ""; });
  takeDrops(run);
  // Leaving while an import is still being saved would lose it: the browser asks first.
  window.addEventListener("beforeunload", (event) => {
    if (list.querySelector(".import[data-save=saving]")) event.preventDefault();
  });
  document.getElementById("sample").addEventListener("click", () => {
    const view = item(list, SAMPLE);
    if (zone.dataset.state !== "ready") view.status.textContent = "Waiting for the engine to start…";
    onSample();
    busy = busy.then(async () => {
      try {
        await started;
      } catch (error) {
        return finish(view, { ok: false, error: { message: `Not imported: ${error.message}` } }, engine);
      }
      if (await sampleWanted()) return onImported(await importSample(engine, view));
      view.li.remove();   // something was stored meanwhile: the sample is not added to it
    });
  });
}

// Files dropped anywhere on the page are taken, never opened by the browser in its place (or
// downloaded); while files are dragged over it the page says where they go.
function takeDrops(run) {
  const zone = document.getElementById("dropzone");
  const files = (event) => [...(event.dataTransfer?.types || [])].includes("Files");
  let inside = 0;   // dragenter and dragleave come for every element crossed
  const dragging = (on) => { document.body.classList.toggle("dropping", on); zone.classList.toggle("over", on); };
  document.addEventListener("dragenter", (event) => { if (files(event)) { inside += 1; dragging(true); } });
  document.addEventListener("dragleave", (event) => { if (files(event) && --inside <= 0) { inside = 0; dragging(false); } });
  document.addEventListener("dragover", (event) => { if (files(event)) event.preventDefault(); });
  document.addEventListener("drop", (event) => {
    if (!files(event)) return;
    event.preventDefault();
    inside = 0;
    dragging(false);
    run([...event.dataTransfer.files]);
  });
}

// The reports of earlier files, read by now, fold to their first line when more files come
// (one button shows a report again); one still being saved stays open.
function foldEarlier(list) {
  for (const li of list.querySelectorAll(".import:not(.folded)")) {
    if (li.dataset.save === "saving" || !li.querySelector(".report")?.childElementCount) continue;
    li.classList.add("folded");
    const again = h("button", { type: "button", class: "link unfold", onclick: () => { li.classList.remove("folded"); again.remove(); } },
      "Show the report");
    li.querySelector(".status").after(" ", again);
  }
}

function item(list, name) {
  const status = h("span", { class: "status" }, "Reading…");
  const bar = h("progress", { max: 1, "aria-label": `Progress of ${name}` });
  const li = h("li", { class: "import" }, h("strong", { class: "ident" }, name), " ", status, bar, h("div", { class: "report" }));
  list.prepend(li);
  return { li, status, bar, report: li.querySelector(".report") };
}

function readFile(file, view) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => { if (event.lengthComputable) { view.bar.max = event.total; view.bar.value = event.loaded; } };
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

// The engine reports each stage of an import (tmb_core/store/staging.py STAGES), then saving.
const STAGES = {
  reading: "Reading the file…", checking: "Checking every row…", understanding: "Working out each bet…",
  storing: "Storing the rows…", saving: "Saving on this device…",
};

function progress(view) {
  return ({ stage, done, total }) => {
    view.status.textContent = STAGES[stage] || "Working…";
    if (total) {
      view.bar.max = total;
      view.bar.value = done;
    } else {
      view.bar.removeAttribute("value");
    }
  };
}

// The files whose bytes are a client's share.
async function sharesOf(queued) {
  const read = await Promise.all(queued.map((q) => q.bytes.then(isShare, () => false)));
  return queued.filter((_, i) => read[i]);
}

// A client's share opened: read like an export, into a database of its own, stored nowhere.
let shareShown = null;   // the item of the share open (one none of whose rows read leaves it open)

async function openShare(engine, { name, view, bytes }) {
  view.status.textContent = "Opening the share…";
  view.bar.removeAttribute("value");
  const answer = await engine.request("open_share", { name }, { buffer: await bytes, onProgress: progress(view) });
  if (shareOpened(answer)) shareShown = view;
  return finish(view, answer, engine, true);
}

// "Keep it on this device" stored the share open (main.js): its item says so.
export function shareKept() {
  if (shareShown) shareShown.status.textContent = "Opened as a client's share, then kept: its rows are stored on this device.";
}

// One listed file (its `view`, its `bytes` being read) imported.
async function importOne(engine, { name, view, bytes }) {
  let buffer;
  try {
    buffer = await bytes;
  } catch (error) {
    return finish(view, { ok: false, error: { message: `The file could not be read: ${error.message}` } }, engine);
  }
  const backup = await opened(name, buffer);
  if (!backup?.bytes) {
    const message = backup?.error || "The backup stays locked: nothing was changed. Drop it again to type the passphrase.";
    return finish(view, { ok: false, error: { message } }, engine);
  }
  buffer = backup.bytes;
  view.status.textContent = "Reading rows…";
  view.bar.removeAttribute("value");
  return noted(name, view, engine, (onSaved) => engine.request("import_file", { name },
    { buffer, onProgress: progress(view), onSaved }));
}

const SAMPLE = "Sample data (a made-up punter)";

async function importSample(engine, view) {
  const { rows, seed } = CONTRACT.sample;
  return noted(SAMPLE, view, engine, (onSaved) => engine.request(
    "import_sample", { rows, seed }, { onProgress: progress(view), onSaved }));
}

// An import noted as unfinished until it is saved or refused (unfinished.js), so that a page
// opened after this one was closed mid-way says which file to drop again.
async function noted(name, view, engine, request) {
  const note = await begin(name);
  const onSaved = saved(view);
  const answer = await request((result) => { note.finished(); onSaved(result); });
  if (answer.ok) note.answered(answer.data.upload_id);
  else note.finished();
  return finish(view, answer, engine);
}

// Imports a closed or reloaded page cut off (unfinished.js), each as a failed item of the list.
export function showUnfinished(notes) {
  const list = document.getElementById("imports");
  for (const note of notes) {
    const li = h("li", { class: "import failed", dataset: { unfinished: "" } }, h("strong", { class: "ident" }, note.name), " ",
      h("span", { class: "status" }, "Not finished."),
      h("p", { class: "error", role: "alert" }, `The import of this file, started ${when(note.started)}, was cut off `
        + "(the page was closed or reloaded) before it was saved on this device, so its rows may be missing. "
        + "Drop it again: rows already stored are recognised and not counted twice."));
    list.prepend(li);
  }
}

const when = (ms) => new Date(ms).toLocaleString("en-AU", { dateStyle: "medium", timeStyle: "short" });

function finish(view, answer, engine, share = false) {
  view.bar.remove();
  if (!answer.ok) {
    view.li.classList.add("failed");
    view.status.textContent = share ? "Not opened: nothing was changed." : "Not imported: nothing was changed.";
    // An error with a code is TrackMyBets' own failure, not the file's: said as such.
    const message = share ? `This share could not be opened: ${answer.error.message}`
      : answer.error.code ? `TrackMyBets failed while reading this file (${answer.error.message}). `
        + "Please try again after reloading the page." : answer.error.message;
    replace(view.report, h("p", { class: "error", role: "alert" }, message));
    return answer;
  }
  const r = answer.data;
  if (r.error) {
    view.li.classList.add("failed");
    view.status.textContent = share ? "Not opened." : "Not imported: nothing was changed.";
    replace(view.report, h("p", { class: "error", role: "alert" }, r.error));
    return answer;
  }
  const kept = r.inserted + r.updated + r.unchanged;
  view.li.classList.add(!r.rejected ? "done" : kept ? "partial" : "failed");
  if (share) {
    view.status.textContent = opening(r, kept);
    replace(view.report, issues(r, engine));
    return answer;
  }
  view.outcome = outcome(r, kept);
  view.kept = kept;
  if (view.li.dataset.save !== "failed") {
    view.li.dataset.save ||= "saving";
    showSaving(view);
  }
  replace(view.report, counts(r), issues(r, engine));
  return answer;
}

// The outcome, and where its saving on the device is (a file with no row kept has nothing to save).
function showSaving(view) {
  const where = view.li.dataset.save === "saved" ? " Saved on this device." : " Saving on this device…";
  view.status.textContent = view.outcome + (view.kept ? where : "");
}

// What became of the file's rows, in one sentence that never calls a mostly refused file imported.
function outcome(r, kept) {
  const n = (x) => x.toLocaleString("en-AU");
  if (!r.rejected) return "Imported.";
  const rows = (x) => `${n(x)} row${x === 1 ? "" : "s"}`;
  if (!kept) return `Nothing imported: all ${rows(r.rejected)} were left out (see below).`;
  return `Imported ${n(kept)} of ${rows(kept + r.rejected)}; ${n(r.rejected)} left out (see below).`;
}

// What became of a client's share: opened (stored nowhere) unless none of its rows could be read.
function opening(r, kept) {
  const n = (x) => x.toLocaleString("en-AU");
  if (!kept) return `Not opened: none of its ${n(r.rejected)} rows could be read (see below).`;
  const without = r.rejected ? `, without ${n(r.rejected)} of its ${n(kept + r.rejected)} rows (see below)` : "";
  return `Opened as a client's share${without}. Nothing of it is stored on this device.`;
}

// The save that follows the answer: done, or failed (then the engine has gone back to what was
// saved before, and the dashboard is redrawn from that).
function saved(view) {
  return (result) => {
    view.li.dataset.save = result.ok ? "saved" : "failed";
    if (result.ok) {
      if (view.outcome) showSaving(view);
      return;
    }
    view.li.classList.remove("done", "partial");
    view.li.classList.add("failed");
    view.status.textContent = "Not saved: nothing from this file was kept.";
    view.report.querySelector(".counts")?.remove();   // its counts were of rows no longer kept
    view.report.prepend(h("p", { class: "error", role: "alert" },
      `This file's rows could not be saved on this device (${result.error.message}). Your data is as it `
      + "was before this file. Free some space on this device (or allow this site to keep data) and import it again."));
  };
}

function counts(r) {
  const n = (x) => x.toLocaleString("en-AU");
  return h("p", { class: "counts" },
    h("span", { dataset: { count: "inserted" } }, `${n(r.inserted)} new`), ", ",
    h("span", { dataset: { count: "updated" } }, `${n(r.updated)} updated`), ", ",
    h("span", { dataset: { count: "unchanged" } }, `${n(r.unchanged)} already stored`), ", ",
    h("span", { dataset: { count: "rejected" } }, `${n(r.rejected)} rejected`), ".");
}

function issues(r, engine) {
  if (!r.issues.length) return null;
  const rows = r.issues.slice(0, 200).map((i) => h("tr", { class: i.severity },
    h("td", {}, i.row ?? "–"), h("td", {}, i.column ?? ""), h("td", { class: "ident" }, i.value ?? ""),
    h("td", {}, i.severity === "warning" ? "kept" : "left out"), h("td", { class: "ident" }, i.message)));
  const more = r.issues.length > 200 ? h("p", {}, `…and ${r.issues.length - 200} more in the CSV.`) : null;
  // (A client's share brings its own: its upload is in a database of its own, gone once closed.)
  const button = h("button", { type: "button", onclick: async () => {
    const answer = r.issues_csv !== undefined ? { ok: true, data: r.issues_csv }
      : await engine.request("issues_csv", { upload_id: r.upload_id });
    if (answer.ok) download(`problems-in-${r.name.replace(/\.[^.]+$/, "")}.csv`, answer.data);
  } }, "Download these rows as CSV");
  return h("details", { class: "issues", open: r.rejected > 0 },
    h("summary", {}, `${r.issues.length} row${r.issues.length === 1 ? "" : "s"} to look at`),
    h("div", { class: "scroll" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Row", "Column", "Value", "Row is", "What is wrong"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows))), more, button);
}
