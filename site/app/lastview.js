// The dashboard before the engine. Each dashboard the punter has seen in full is handed to the
// engine, which keeps it beside the rows it was drawn from (worker.js keepView, durable.js
// saveView); the next open shows it at once, before Python and DuckDB have loaded, and the
// engine's own dashboard replaces it as soon as it is drawn. A view is only shown while the
// rows stored are the ones it was drawn from, by the same tmb_core: another tab's change, or an
// upgrade, and it is not shown at all. "Try it with sample data" shows the sample's view the
// same way, prepared when the site was built (tmb_core/app/prepared.py).
//
// While such a view is shown, #dashboard[data-view] says whose it is ("kept" or "prepared"; "live"
// once the engine drew it), a note says so, and the controls that need the engine wait for it.
import { loadView, openStore } from "../engine/durable.js";
import { dropPictures } from "./charts.js";
import { $ } from "./dom.js";

// The controls that ask the engine something: held (disabled) until it is up.
const NEEDS_ENGINE = ["#filters :is(input, select, button)", "#period input", "#compare-form input", "#bet-search",
  "#bets-export", "#bets button.sort", "#bets-pager button", "#backup", "#delete-all", "#guess-again", "#signals button",
  ".summary-tools button"]
  .join(", ");

const NOTES = {
  kept: "Your dashboard as you last saw it. It comes alive (filters, search, comparing) once the engine has started, in a few seconds.",
  prepared: "The sample's dashboard. It comes alive (filters, search, comparing) once the engine has started and "
    + "stored the sample, in a few seconds.",
  failed: "The engine could not start, so this dashboard cannot change.",
};

// Whether rows are stored, and the view kept of them by this `code` (the tmb_core build; else null).
export async function keptView(code) {
  try {
    const { stored, view } = await loadView(await openStore());
    return { stored, view: view?.code === code ? view : null };
  } catch {
    return { stored: null, view: null };   // unknown: it only saves time
  }
}

// The sample's prepared view; null if it could not be fetched (the sample is then drawn when imported).
export async function preparedView(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const view = await response.json();
    const now = localISO(new Date());   // imported now, as far as the punter can tell
    for (const upload of view.dashboard.uploads) upload.imported_at = now;
    return view;
  } catch {
    return null;
  }
}

const localISO = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);

// What the dashboard shows: a view of `kind` ("kept" or "prepared") with the engine's controls
// held, or "live".
export function showingView(kind) {
  const note = $("#view-note");
  const held = kind !== "live";
  if ($("#dashboard").dataset.view !== kind) performance.mark(`dashboard-${kind}`);   // read by bench/
  $("#dashboard").dataset.view = kind;
  note.textContent = NOTES[kind] || "";
  note.hidden = !held;
  holdControls(held);
  if (!held) dropPictures();
}

const showingWhat = () => $("#dashboard").dataset.view;

// The controls come alive with the engine, even while a view it did not draw is still shown
// (only those held here: a pager's "Previous" on its first page stays disabled).
export function holdControls(held) {
  if (!held) {
    for (const control of document.querySelectorAll("[data-held]")) { control.disabled = false; delete control.dataset.held; }
    return;
  }
  for (const control of document.querySelectorAll(NEEDS_ENGINE)) {
    if (control.disabled) continue;
    control.disabled = true;
    control.dataset.held = "";
  }
}

// The engine could not start: a view shown stays, said to be stuck.
export function viewStuck() {
  if (showingWhat() !== "kept" && showingWhat() !== "prepared") return;
  $("#view-note").textContent = NOTES.failed;
}
