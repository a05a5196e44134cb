// Compare periods: two date ranges under the dashboard's other filters, side by side with the
// change, and their running totals on one chart (tmb_core/figures/compare.py, the engine's
// "compare" op). A preset fills the four date pickers; changing a date makes the periods the
// punter's own. Each figure shown carries data-compare ("a.net_profit", "change.roi", ...) and
// data-value with the name and number `python -m tmb_core compare --json` gives it.
import { CONTRACT } from "tmb-contract";
import { fillCharts } from "./charts.js";
import { $, h, replace } from "./dom.js";
import { fromISO, toISO } from "./days.js";
import { day, dollars, percent, tone } from "./format.js";

let engine;
let dashboardFilters = {};
const ROWS = CONTRACT.compared;   // tmb_core.present.chartdata.COMPARED: [key, title, format]
let generation = 0;
const typing = new Set();   // the pickers typed in and not yet left: whatever answer comes, they stay as typed
const PICKERS = ["a_from", "a_to", "b_from", "b_to"];
const form = () => $("#compare-form");

export function setupCompare(theEngine) {
  engine = theEngine;
  const f = form();
  f.addEventListener("submit", (event) => { event.preventDefault(); ask(); });   // (Enter in a date typed)
  f.addEventListener("input", (event) => { if (event.target.classList.contains("day")) typing.add(event.target.name); });
  f.addEventListener("change", (event) => {
    typing.delete(event.target.name);
    if (event.target.classList.contains("day")) f.querySelector("input[name=preset][value=custom]").checked = true;
    ask();
  });
  // Left unchanged (typed, then put back): no question is asked, so it shows the periods shown.
  f.addEventListener("focusout", (event) => { if (typing.delete(event.target.name) && shown) fillPickers(shown.found); });
}

// Another data's dashboard (a client's share opened or closed): its periods are the preset's
// again, not dates chosen for the other data (asked with the dashboard's tables).
export function forgetPeriods() {
  form().reset();
  typing.clear();
}

// Called by the dashboard once its tables are drawn, with its filters.
export function refreshCompare(filters) {
  dashboardFilters = filters;
  return ask();
}

function request() {
  const f = form();
  const preset = f.elements.preset.value;
  if (preset !== "custom") return { filters: dashboardFilters, preset };
  const [a, b] = ["a", "b"].map((p) => [toISO(f.elements[`${p}_from`].value), toISO(f.elements[`${p}_to`].value)]);
  if (![...a, ...b].every(Boolean)) return null;
  return { filters: dashboardFilters, a, b };
}

async function ask() {
  const mine = ++generation;
  shown = null;
  const args = request();
  if (!args) return showProblem("Choose the first and last day of both periods.");
  $("#compare").dataset.state = "loading";
  const answer = await engine.request("compare", args);
  if (mine !== generation) return;
  delete $("#compare").dataset.state;
  if (!answer.ok) return showProblem(answer.error.message);
  shown = { args, preset: form().elements.preset.value, found: answer.data };
  render(shown);
}

// The comparison shown, kept with the dashboard's view (main.js keep), and shown again with it
// before the engine is up (its chart once BokehJS has it: `found.sources`).
let shown = null;
export const shownComparison = () => shown;

export function showComparison(kept) {
  if (!kept) return;
  form().querySelector(`input[name=preset][value=${kept.preset}]`).checked = true;
  render(kept);
}

function render({ args, found }) {
  showProblem(null);
  $("#compare").dataset.shown = JSON.stringify(args);   // what the figures shown are for
  fillPickers(found);
  replace($("#compare-table"), table(found));
  fillCharts(found.sources);
  replace($("#compare-note"), note(found));
}

function showProblem(message) {
  const box = $("#compare-problem");
  box.textContent = message || "";
  box.hidden = !message;
  $("#compare-result").hidden = Boolean(message);
}

// The pickers show the periods answered, except one being typed in (before the question or
// since): that date is the punter's and stays, and leaving the field asks again. (Overwriting it
// lost what was typed: the dashboard asks the preset's periods again at each filter change.)
function fillPickers(found) {
  const f = form();
  for (const name of PICKERS.filter((n) => !typing.has(n))) {
    const [p, end] = name.split("_");
    f.elements[name].value = fromISO(found[p][end]);
  }
}

// A figure as the page writes it: "count" a whole number, "pct" a percentage (a change in points),
// else dollars; `signed` for the change.
function text(value, format, signed = false) {
  if (value === null || value === undefined) return "–";
  if (format === "count") return (signed && value > 0 ? "+" : "") + value.toLocaleString("en-AU").replace("-", "\u2212");
  if (format.startsWith("pct") && signed) {
    const points = Math.abs(value * 100).toFixed(1);
    return `${value < 0 ? "\u2212" : value > 0 ? "+" : ""}${points} pts`;
  }
  return format.startsWith("pct") ? percent(value) : dollars(value, signed);
}

const span = (p) => `${day(p.from)} – ${day(p.to)}`;

// A "±" figure is coloured by gain or loss, and so is its change: a bigger loss is red, whichever
// period it is in. The other figures (turnover, bets, cash) are neither good nor bad: no colour.
function table(found) {
  const cell = (key, value, format, signed) => h("td", {
    class: `num ${format.endsWith("±") ? tone(value) : ""}`, dataset: { compare: key, value: value ?? "" },
  }, text(value, format, signed));
  return [
    h("thead", {}, h("tr", {}, h("th", {}, ""),
      h("th", { class: "num" }, h("span", { class: "swatch a", "aria-hidden": "true" }), " ", span(found.a)),
      h("th", { class: "num" }, h("span", { class: "swatch b", "aria-hidden": "true" }), " ", span(found.b)),
      h("th", { class: "num" }, "Change"))),
    h("tbody", {}, ROWS.map(([key, title, format]) => h("tr", {}, h("th", { scope: "row" }, title),
      cell(`a.${key}`, found.a[key], format), cell(`b.${key}`, found.b[key], format),
      cell(`change.${key}`, found.change[key], format, true)))),
  ];
}

// A period not all imported has no change (tmb_core/figures/compare.py `imported`; the CLI's words: text.UNIMPORTED).
const UNIMPORTED = { none: "nothing is imported for these days", part: "only part of these days is imported" };

function note(found) {
  const parts = [found.a, found.b].filter((p) => p.imported !== "all")
    .map((p) => h("strong", {}, `${span(p)}: ${UNIMPORTED[p.imported]}, so no change is given. `));
  if (found.reference) {
    parts.push(`"This month" and "this year" are those of your latest stored transaction (${day(found.reference)}), `
      + "not today's date, and run up to that day; the period they are set against is whole. ");
  }
  parts.push("The other filters apply to both periods; the From and To filters give way to these dates. "
    + "The chart shows each period's net profit so far, day by day from its first day.");
  return parts;
}
