// Start-up: check the browser, start the engine, embed the charts, wire the controls.
import { fromAddress, isAsked, learnDefaults, toAddress } from "./address.js";
import { setupBetsTable } from "./betstable.js";
import { chartPictures, embedCharts, fillCharts, showPictures } from "./charts.js";
import { forgetPeriods, refreshCompare, setupCompare, showComparison, shownComparison } from "./compare.js";
import { readFilters, renderDashboard, renderTables, renderUploads, setChoices, setFilters, setupBreakdowns, showFilterProblem }
  from "./dashboard.js";
import { $ } from "./dom.js";
import { Engine } from "./engine-client.js";
import { closeGuess, openGuess, setupGuess, showReveal } from "./guess.js";
import { setupImporter, shareKept, showUnfinished } from "./importer.js";
import { setupBackup, showStorage } from "./keeping.js";
import { holdControls, keptView, preparedView, showingView, viewStuck } from "./lastview.js";
import { fillOffline } from "./offline.js";
import { setupPrintable } from "./printable.js";
import { forgetMask, setupMask, setupShare, shareOpened, sharedProblem, showShared } from "./sharing.js";
import { refreshSignals, setupSignals, showSignals, shownSignals } from "./signals.js";
import { forgetAll, unfinished } from "./unfinished.js";
import { CONTRACT } from "tmb-contract";

const config = JSON.parse(document.body.dataset.config);
const form = $("#filters");
let engine;
let drawn = 0;   // dashboards the engine has drawn on this page
let betsTable;
let chartsReady;
let generation = 0;
// What the engine sends only when the stored rows change: the filter choices and the upload log.
let stored = { version: null, choices: {}, uploads: [] };

// Files may be dropped from the first paint (importer.js); they are imported once the engine is
// up and what is stored is known, or told that it could not start.
const started = {};
started.promise = new Promise((resolve, reject) => Object.assign(started, { resolve, reject }));
started.promise.catch(() => {});   // heard by each file waiting, if any

function showFatal(message) {
  started.reject(new Error("the engine could not start."));
  const box = $("#fatal");
  box.textContent = message;
  box.hidden = false;
  $("#dropzone").dataset.state = "failed";
  $("#engine-status").textContent = "The engine could not start.";
  $("#engine-progress").hidden = true;
  viewStuck();
}

// Shown inside another site's page (a frame), the page could be made to take a punter's files for
// that site's purposes: it does nothing there. (GitHub Pages sets no headers, and a meta CSP's
// frame-ancestors is ignored: this is the rule.)
const framed = () => window.top !== window.self;

function browserProblem() {
  if (typeof WebAssembly !== "object") return "This browser cannot run WebAssembly, which TrackMyBets needs.";
  if (typeof Worker !== "function" || typeof indexedDB !== "object") return "This browser lacks Web Workers or IndexedDB.";
  return null;
}

const period = () => form.ownerDocument.querySelector("#period input:checked").value;
let periodChosen = false;

// Until the punter picks one, the period follows the span of the data (tmb_core's
// chartdata.FITTING): daily bars over years are unreadable (and slow to draw).
function fitPeriod(choices) {
  if (periodChosen || !choices.first) return false;
  const days = (Date.parse(choices.last.slice(0, 10)) - Date.parse(choices.first.slice(0, 10))) / 86_400_000;
  const wanted = CONTRACT.fitting.find(([limit]) => days > limit)?.[1] ?? "day";
  if (wanted === period()) return false;
  document.querySelector(`#period input[value=${wanted}]`).checked = true;
  return true;
}

const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

// The view shown, in the address bar (address.js).
// (Not a client's share's: the address is for the punter's own view.)
const showInAddress = () => shared || toAddress({ filters: readFilters(form), period: periodChosen ? period() : null,
  search: $("#bet-search").value });

async function refresh() {
  const mine = ++generation;
  const filters = readFilters(form);
  const chosen = period();
  showInAddress();
  // The charts first, every one drawn in the same frame; the tables once that frame is painted.
  // (Drawing some charts while the engine worked out the others was slower on two cores:
  // the page and the engine took the processor from each other.)
  const answer = await engine.request("dashboard", { filters, period: chosen, known: stored.version });
  if (mine !== generation) return;   // a newer filter change is on its way
  const problem = !answer.ok && answer.error.code === "bad_filter" ? answer.error : null;
  showFilterProblem(form, problem);
  if (problem) return showingView("live");
  if (!answer.ok) return showFatal(`The dashboard could not be drawn: ${answer.error.message}`);
  const data = answer.data;
  if (data.choices) {
    stored = { version: data.stored, choices: data.choices, uploads: data.uploads };
    setChoices(form, stored.choices, filters);
    renderUploads(stored.uploads);
  }
  const hasData = stored.uploads.some((u) => !u.error) && stored.choices.first;
  if ("guess" in data) {
    reveal = data.guess;
    showReveal(data.guess);
    // The punter's own figures are first shown after their guess (the sample's never ask).
    if (data.guess === null && hasData && !inSample() && !shared && $("#guess").hidden) openGuess(filters, stored.choices);
  }
  showSampleSpace(hasData);
  if (data.choices) showStorage(hasData);
  $("#dashboard").hidden = !hasData;
  $("#intro").classList.toggle("compact", Boolean(hasData));
  if (!hasData) showingView("live");   // nothing stored: no other view of it stays
  if (fitPeriod(stored.choices)) return refresh();
  await chartsReady;
  if (mine !== generation) return;
  drawn += 1;   // a view the engine did not draw, shown meanwhile, gets no charts (showView)
  renderDashboard(data, filters);
  await afterPaint();
  if (mine !== generation) return;
  const more = await engine.request("dashboard_tables", { filters, period: chosen });
  if (mine !== generation) return;
  if (!more.ok) return showFatal(`The dashboard could not be drawn: ${more.error.message}`);
  renderTables(more.data, data.headline);
  setChoices(form, { ...stored.choices, ...more.data.choices }, filters);   // narrowed by the other filters
  showingView("live");
  const [bets] = await Promise.all([betsTable.first(filters), refreshCompare(filters), refreshSignals(filters)]);
  const dashboard = { ...data, choices: stored.choices, uploads: stored.uploads };
  if (hasData) keep({ filters, period: chosen, dashboard, tables: more.data, bets }, mine);
}

// The dashboard the punter has seen in full is kept with the rows it was drawn from, to be shown
// at once on the next open (lastview.js); not while a guess hides it (its figures are unseen yet).
let reveal = null;   // the guess beside the truth, as the engine last gave it
let seen = null;
async function keep(view, mine = generation) {
  if (shared) return;   // a client's share is never kept
  if (view) seen = { view, mine };
  const current = () => seen?.view.bets && seen.mine === generation && !("guessing" in $("#dashboard").dataset);
  if (!current()) return;
  const compare = shownComparison();   // (none while one is asked: its chart is not kept either)
  const pictures = await chartPictures(compare ? [] : ["compare"]);
  if (!current() || compare !== shownComparison()) return;
  engine.keepView({ ...seen.view, code: config.core, period_chosen: periodChosen, guess: reveal, compare, pictures,
    signals: shownSignals() });
}

// A view the engine did not draw (`kind` "kept" or "prepared", lastview.js) shown until it does:
// its figures and tables at once, its charts as pictures (a kept view's, charts.js showPictures),
// then as charts once BokehJS has embedded them.
async function showView(view, kind) {
  const { dashboard } = view;
  const at = drawn;
  stored = { version: null, choices: dashboard.choices, uploads: dashboard.uploads };
  setChoices(form, { ...stored.choices, ...view.tables.choices }, view.filters);
  setFilters(form, view.filters);
  document.querySelector(`#period input[value=${view.period}]`).checked = true;
  periodChosen = view.period_chosen;
  renderUploads(stored.uploads);
  showSampleSpace(true);
  showReveal(view.guess ?? null);
  $("#dashboard").hidden = false;
  $("#intro").classList.add("compact");
  renderDashboard(dashboard, view.filters);
  renderTables(view.tables, dashboard.headline);
  betsTable.show(view.bets);
  showComparison(view.compare);
  showSignals(view.signals);
  const pictures = showPictures(view.pictures);
  showingView(kind);
  if (document.body.dataset.engine === "ready") holdControls(false);
  // (BokehJS once the pictures are painted: its script would hold them back.)
  if (await pictures && drawn === at) performance.mark(`pictures-${kind}`);   // read by bench/
  const charts = await loadCharts();
  if (charts && drawn === at) {
    fillCharts({ ...dashboard.sources, ...view.tables.patterns, ...view.compare?.found.sources });
    performance.mark(`charts-${kind}`);   // read by bench/
  }
}

// BokehJS is loaded and the charts embedded once the engine is ready, so that neither competes
// with the engine's start for the processor on a first visit; with saved data, as soon as the
// engine has found it, so the charts are ready when the restored dashboard arrives.
function loadCharts() {
  if (chartsReady) return chartsReady;
  const script = document.createElement("script");
  script.src = config.bokeh;
  const loaded = new Promise((resolve, reject) => {
    script.onload = () => { performance.mark("bokeh-loaded"); resolve(); };
    script.onerror = () => reject(new Error("BokehJS did not load"));
  });
  document.head.append(script);
  chartsReady = loaded.then(() => embedCharts(config.charts)).then((contract) => { performance.mark("charts-embedded"); return contract; })
    .catch((error) => showFatal(`The charts could not load: ${error.message}`));
  return chartsReady;
}

function ready({ transactions, first, last }) {
  loadCharts();
  holdControls(false);   // a view shown meanwhile stays until the engine's own replaces it
  const zone = $("#dropzone");
  zone.dataset.state = "ready";
  $("#engine-progress").hidden = true;
  $("#engine-status").textContent = "Ready. Your files stay on this device.";
  document.body.dataset.engine = "ready";
  unfinished(async () => { const answer = await engine.request("uploads"); return answer.ok ? answer.data : []; })
    .then(showUnfinished);
  if (transactions) {
    fitPeriod({ first, last });   // the saved data's span is known: the first dashboard is the right one
    refresh().finally(started.resolve);   // files dropped meanwhile wait for it: is it the sample?
  } else {
    started.resolve();
  }
  fillOffline();   // the files the page has not fetched, once it is idle
}

// The made-up punter's data is a space of its own: a banner says so, the sample button shows only
// while nothing is stored, and the punter's own first file leaves the sample (asked first).
const inSample = () => stored.uploads.some((u) => u.sample && !u.error);

function showSampleSpace(hasData) {
  const real = stored.uploads.some((u) => !u.sample && !u.error);
  $("#sample").closest(".sample-row").hidden = Boolean(hasData);
  $("#sample-banner").hidden = !inSample();
  $("#sample-text").textContent = real
    ? "Your own data is mixed with the made-up sample data, so these figures are neither yours nor the "
      + "sample's. Delete everything and import your own exports again."
    : "This is sample data: a made-up punter's transactions, not yours. Drop your own export to leave it.";
  $("#sample-leave").textContent = real ? "Delete everything…" : "Delete the sample…";
}

function askToLeaveSample() {
  const dialog = $("#confirm-leave-sample");
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "leave"), { once: true }));
}

async function deleteAll() {
  const answer = await engine.request("delete_all");
  if (!answer.ok) return showFatal(`Deleting failed: ${answer.error.message}`);
  forgetAll();
  forgetMask();
  $("#imports").replaceChildren();
  form.reset();
  return answer;
}

async function beforeOwn() {
  if (shared && !(await closeShare())) return false;   // the punter's own files: back to what is stored
  if (!inSample()) return true;
  if (!(await askToLeaveSample())) return false;
  return Boolean(await deleteAll());
}

// The guess (or a skip) is kept by the engine, which answers it beside the truth.
async function sendGuess(guess) {
  const answer = await engine.request("guess", { filters: readFilters(form), ...guess });
  if (answer.ok) {
    reveal = answer.data.guess;
    setTimeout(() => keep());   // once the guess is put away and the figures seen
    return reveal;
  }
  $("#guess-problem").textContent = answer.error.message;
  $("#guess-problem").hidden = false;
  return null;
}

function wire() {
  setupGuess(sendGuess, () => [readFilters(form), stored.choices]);
  // The import's answer carries the stored span: the first dashboard after it is the right one.
  setupImporter(engine, {
    beforeOwn, started: started.promise, onSample, sampleWanted,
    onImported: (answer) => { if (answer?.ok) fitPeriod(answer.data); return refresh(); },
    onShared,
  });
  setupShare(engine);
  setupMask();
  $("#shared-close").addEventListener("click", () => closeShare());
  $("#shared-keep").addEventListener("click", keepShare);
  $("#sample-leave").addEventListener("click", () => $("#confirm-delete").showModal());
  setupBackup(engine);
  betsTable = setupBetsTable(engine, () => readFilters(form));
  setupBreakdowns();
  setupCompare(engine);
  setupSignals(engine, { showBets: showBetsOf, onShown: () => keep() });
  setupPrintable(engine, () => ({ filters: readFilters(form), period: period() }));
  form.addEventListener("change", refresh);
  form.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
  // The search is cleared too. The form is cleared once this event is over: an answer to the
  // filters before, arriving meanwhile, is dropped (it would set its choices in the form again).
  form.addEventListener("reset", () => { generation += 1; betsTable.search(""); setTimeout(refresh); });
  $("#bet-search").addEventListener("input", showInAddress);
  $("#period").addEventListener("change", () => { periodChosen = true; refresh(); });
  const dialog = $("#confirm-delete");
  $("#delete-all").addEventListener("click", () => dialog.showModal());
  dialog.addEventListener("close", async () => {
    if (dialog.returnValue !== "delete") return;
    if (await deleteAll()) refresh();
  });
}

// A client's share (sharing.js): shown in place of what is stored while it is open, its filters,
// compared periods and bet search its own; closing it (or the punter's own file) goes back to
// what is stored.
let shared = null;   // {name, scaled} of the share open

function switchData(open) {
  shared = open;
  generation += 1;        // a dashboard of the other data still coming is dropped, never kept as this one's
  periodChosen = false;   // the period follows the span of the data shown again
  showShared(open);
  closeGuess();
  stored = { version: null, choices: {}, uploads: [] };
  forgetPeriods();
  form.reset();   // (heard: the dashboard is drawn again)
}

async function onShared(answer, name) {
  if (!shareOpened(answer)) return;
  switchData({ name, scaled: answer.data.shared.scaled });
  fitPeriod(answer.data);
}

async function closeShare() {
  const answer = await engine.request("close_share");
  if (!answer.ok) {
    sharedProblem(`The share could not be closed: ${answer.error.message}`);
    return false;
  }
  switchData(null);
  // What is stored, before its dashboard comes: is it the sample (beforeOwn asks to leave it)?
  const uploads = await engine.request("uploads");
  if (uploads.ok && !shared) stored.uploads = uploads.data;
  return true;
}

// "Keep it on this device": the share's rows become what is stored, saved before the answer;
// then it is closed (the engine refuses where other data is stored, or the amounts are scaled,
// and says why: the share stays open).
async function keepShare() {
  const answer = await engine.request("keep_share");
  if (!answer.ok) return sharedProblem(answer.error.message);
  shareKept();
  await closeShare();
}

// A signal's "Show these bets": the dashboard under its filters, at the bets table.
function showBetsOf(filters) {
  setChoices(form, stored.choices, filters);
  setFilters(form, filters);
  refresh();
  $("#bets-title").scrollIntoView({ behavior: "smooth", block: "start" });
}

// "Try it with sample data": its prepared view at once, while the engine starts and imports it.
async function onSample() {
  if (!$("#dashboard").hidden) return;   // a dashboard is shown already: the sample is imported, then drawn
  const view = await preparedView(config.sample);
  if (view && $("#dashboard").hidden) await showView(view, "prepared");
}

// The sample is imported only when nothing is stored (a click before the engine knew).
async function sampleWanted() {
  const answer = await engine.request("status");
  return answer.ok && answer.data.transactions === 0;
}

// The dashboard kept with the stored rows, shown until the engine draws its own.
// (Not when the address asks for another view: the engine draws that one.)
async function showKept() {
  const { stored: any, view } = await keptView(config.core);
  if (any) $("#sample").closest(".sample-row").hidden = true;
  const asked = !view || isAsked(fromAddress(), { ...view, search: view.bets?.search });
  document.body.dataset.opened = !view ? "none" : asked ? "kept" : "another";   // what was found, for the tests
  if (view && asked && !drawn) await showView(view, "kept");
}

// The view the address asks for (address.js), in the form before the first dashboard is asked:
// a choice's value is offered on its own until the choices come.
function showAsked() {
  learnDefaults(form);
  const asked = fromAddress();
  if (!asked) return;
  setChoices(form, {}, asked.filters);
  setFilters(form, asked.filters);
  if (asked.period) {
    document.querySelector(`#period input[value=${asked.period}]`).checked = true;
    periodChosen = true;
  }
  $("#bet-search").value = asked.search;
}

function start() {
  if (framed()) return showFatal("TrackMyBets does not work inside another site's page. Open it in its own tab.");
  const problem = browserProblem();
  if (problem) return showFatal(`${problem} Please use a current version of Chrome, Edge, Firefox or Safari.`);
  engine = new Engine(config, {
    onLoading: (text) => { $("#engine-status").textContent = `${text}…`; },
    onSavedData: loadCharts,
    onReady: ready,
    onFatal: (message) => showFatal(message),
    onChanged: refresh,
  });
  showAsked();
  wire();
  showKept();
}

start();
