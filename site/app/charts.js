// The dashboard charts: templates written by tmb_core/present/bokeh/charts.py at build time,
// embedded with BokehJS, filled by setting their named sources and ranges.
// The same file carries the charts' contract (sources, ranges) from tmb_core.present.chartdata.
import { fitLabels, labelFont, labelRoom } from "./labels.js";

let contract = null;
const models = new Map();
const charts = new Map();    // chart name -> { target: its element, doc: its BokehJS document }
const holders = new Map();   // source name -> the element of the chart it fills
let embedded = false;   // every chart embedded and its models found: only then are they filled

// BokehJS repaints a chart in a cycle of writing its own stylesheets and reading styles
// back (for fonts, CSS overrides and sizes); each read after a write forces a style
// recalculation, and a filter change used to cost some 50 of them. Three of those steps
// never change anything on this site, so they are skipped; what is drawn stays the same:
// - a view's inline stylesheet rewritten with the text it already holds (most rewrites:
//   positions and sizes recomputed to the same values) is left alone;
// - CSS custom properties (--bk-line-color, --bk-text-font, ...) may override any visual
//   property; neither BokehJS's stylesheets nor ours define one (tests/test_charts.py
//   checks style.css), so every lookup answers "";
// - a plot's font size (for "em" sizes) comes from BokehJS's own :host rule and never
//   changes here, so each plot reads it once.
export function skipIdleStyleWork(bokeh) {
  const { InlineStyleSheet } = bokeh.require("core/dom");
  const write = InlineStyleSheet.prototype._update;
  InlineStyleSheet.prototype._update = function (css) {
    if (this.el.textContent !== css) write.call(this, css);
  };
  const { VisualProperties } = bokeh.require("core/visuals/visual");
  VisualProperties.prototype._get_css_value = () => "";
  const { PlotView } = bokeh.require("models/plots/plot_canvas");
  const fontSize = Object.getOwnPropertyDescriptor(PlotView.prototype, "base_font_size").get;
  const known = new WeakMap();
  Object.defineProperty(PlotView.prototype, "base_font_size", {
    configurable: true,
    get() {
      if (!known.has(this)) {
        const size = fontSize.call(this);
        if (size == null) return size;   // not laid out yet: ask again next time
        known.set(this, size);
      }
      return known.get(this);
    },
  });
}

// A plot lays itself out again (measuring its DOM, recomputing every panel) whenever an axis
// needs another width, e.g. for new category names. Our plots keep a fixed column left of the
// frame for those labels (min_border_left): while the labels fit in it, before and after, the
// layout comes out the same, and the labels are drawn from the frame's edge, not the axis's
// own box, so the layout is left as it is. Labels that outgrow the column lay it out again.
// The breakdowns' labels are cut to fit (labels.js) and their money axis has a fixed row
// below the frame (tmb_core/present/bokeh/charts.py AXIS_SPACE, which must hold that axis at its font
// size): their layout never depends on the data, so their axes are not even measured.
const fitted = new WeakSet();   // the breakdown plots (setUpLabelColumns), whose labels show() cuts
let sameLayoutSkipped = true;   // false once a drawn plot lacks what fitsLabelColumn reads
export function skipSameLayout(bokeh) {
  const { PlotView } = bokeh.require("models/plots/plot_canvas");
  const relayout = PlotView.prototype._invalidate_layout_if_needed;
  PlotView.prototype._invalidate_layout_if_needed = function () {
    if (!sameLayoutSkipped || this._needs_layout || !(fitted.has(this.model) || fitsLabelColumn(this))) {
      relayout.call(this);
    }
  };
}

function fitsLabelColumn(view) {
  const { model } = view;
  const room = model.min_border_left ?? model.min_border ?? 0;
  for (const panel of model.side_panels) {
    const layout = view.renderer_views.get(panel)?.layout;
    if (layout == null) continue;
    if (model.left.length !== 1 || model.left[0] !== panel) {
      if (layout.has_size_changed()) return false;
      continue;
    }
    // The left axis: what has_size_changed compares, measured once.
    const { width } = layout._content_size();
    if (width !== layout.bbox.width && (width > room || layout.bbox.width > room)) return false;
  }
  return true;
}

// These reach into BokehJS internals (written against bokeh 3.9.2, the version pyproject.toml and
// requirements-dev.lock pin): should a later BokehJS move them, the charts still draw, only without
// the shortcuts. What was found is written on <html data-bokeh-patches>, which a browser test reads:
// "applied", or "missing: ..." naming each internal that is not where these patches expect it.
const INTERNALS = [
  ["core/dom", "InlineStyleSheet", (c) => typeof c.prototype._update === "function"],
  ["core/visuals/visual", "VisualProperties", (c) => typeof c.prototype._get_css_value === "function"],
  ["models/plots/plot_canvas", "PlotView", (c) => typeof c.prototype._invalidate_layout_if_needed === "function"
    && typeof Object.getOwnPropertyDescriptor(c.prototype, "base_font_size")?.get === "function"],
];

function missingInternals(bokeh) {
  return INTERNALS.filter(([module, name, check]) => {
    try {
      const found = bokeh.require(module)[name];
      return !(found && check(found));
    } catch {
      return true;
    }
  }).map(([module, name]) => `${module} ${name}`);
}

// What fitsLabelColumn reads of a drawn plot's view and its axis's layout.
function missingViewInternals(bokeh) {
  const breakdowns = new Set(plots.values());
  const view = bokeh.index?.query_one?.((v) => breakdowns.has(v.model));
  if (!view) return ["Bokeh.index.query_one plot views"];
  const layout = [...view.model.side_panels].map((p) => view.renderer_views?.get(p)?.layout).find(Boolean);
  if (!layout) return ["PlotView.renderer_views layouts"];
  return ["has_size_changed", "_content_size"].filter((m) => typeof layout[m] !== "function")
    .concat(layout.bbox && "width" in layout.bbox ? [] : ["layout.bbox"]).map((m) => `axis layout ${m}`);
}

function note(missing) {
  document.documentElement.dataset.bokehPatches = missing.length ? `missing: ${missing.join(", ")}` : "applied";
  if (missing.length) console.warn(`BokehJS internals moved; repaints take the long way (${missing.join(", ")})`);
}

function trySkipIdleStyleWork(bokeh) {
  const missing = missingInternals(bokeh);
  if (missing.length) return note(missing);
  skipIdleStyleWork(bokeh);
  skipSameLayout(bokeh);
}

export async function embedCharts(url) {
  trySkipIdleStyleWork(window.Bokeh);
  const response = await fetch(url);
  const spec = await response.json();
  contract = spec.contract;
  for (const [name, item] of Object.entries(spec.charts)) {
    const target = document.getElementById(`chart-${name}`);
    if (!target) continue;
    target.querySelector(".chart-picture")?.classList.add("covering");   // until the chart is filled
    await window.Bokeh.embed.embed_item(item, target);
    charts.set(name, { target, doc: window.Bokeh.documents.at(-1) });   // embed_item made that document
    noHiddenFocus(target);
    target.setAttribute("role", "figure");
  }
  for (const name of [...Object.keys(contract.sources), ...Object.values(contract.ranges)]) {
    const chart = [...charts.values()].find(({ doc }) => doc.get_model_by_name(name));
    if (!chart) continue;
    models.set(name, chart.doc.get_model_by_name(name));
    holders.set(name, chart.target);
  }
  setUpLabelColumns();
  embedded = true;
  if (!document.documentElement.dataset.bokehPatches) {
    const missing = missingViewInternals(window.Bokeh);
    sameLayoutSkipped = !missing.length;
    note(missing);
  }
  return spec.contract;
}

// BokehJS makes each plot's event layer a focus stop (for keyboard events no tool here uses):
// an invisible stop in the middle of the page, taken out of the tab order (toolbars stay in it).
function noHiddenFocus(root) {
  for (const el of root.querySelectorAll("*")) {
    if (el.classList.contains("bk-events") && el.tabIndex >= 0) el.tabIndex = -1;
    if (el.shadowRoot) noHiddenFocus(el.shadowRoot);
  }
}

// Each chart says in words what it shows (its title, then its lowest and highest bars or
// cells, as their own labels say them), for a screen reader; a breakdown's table is beside it.
function describe(name, columns) {
  const holder = holders.get(name);
  if (!holder || name === "swing" || name.startsWith("compare")) return;   // (the comparison's figures are in its table)
  const doc = [...charts.values()].find((c) => c.target === holder)?.doc;
  const title = (typeof doc?.roots === "function" ? doc.roots() : doc?.roots)?.[0]?.title?.text || "";
  holder.setAttribute("aria-label", `${title}. ${chartWords(name, columns)}`);
}

function chartWords(name, c) {
  const n = c.label.length;
  if (!n) return "Nothing to show for these filters.";
  const key = ["profit", "deposits"].find((k) => k in c) || (name === "heatmap_bets" ? "bets" : "net_profit");
  const order = c.label.map((_, i) => i).sort((a, b) => c[key][a] - c[key][b]);
  const item = (i) => (c.name ? `${c.name[i]}: ` : "") + c.label[i];
  return n === 1 ? `One entry: ${item(0)}.` : `${n} entries; the lowest ${item(order[0])}; the highest ${item(order.at(-1))}.`;
}

// The breakdowns keep a fixed column for their category names (tmb_core/present/bokeh/charts.py LABEL_SPACE),
// so that new categories need no new layout; on a phone a narrower one leaves room for the bars.
// (A phone turned sideways, or back: the labels are cut again for the new column.)
const PHONE = "(max-width: 600px)";
const PHONE_LABEL_SPACE = 100;
const plots = new Map();   // breakdown source name -> its plot
function setUpLabelColumns() {
  for (const name of Object.keys(contract.ranges)) {
    const plot = window.Bokeh.documents.map((doc) => doc.get_model_by_name(`${name}_chart`)).find(Boolean);
    if (plot) {
      plots.set(name, plot);
      fitted.add(plot);
    }
  }
  const wide = new Map([...plots.values()].map((plot) => [plot, plot.min_border_left]));
  const phone = window.matchMedia(PHONE);
  // The labels are cut for the new column first: setting the column lays the plot out.
  const fit = () => {
    for (const [name, plot] of plots) {
      const column = phone.matches ? PHONE_LABEL_SPACE : wide.get(plot);
      if (last.has(name)) show(name, last.get(name).columns, column);
      plot.min_border_left = column;
    }
  };
  if (phone.matches) fit();
  phone.addEventListener("change", fit);
}

const sameList = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

// Put new columns into every source that changed (unchanged ones are not redrawn).
const last = new Map();
// (Before the charts are embedded nothing is filled nor noted: a view drawn meanwhile fills them
// once they are.)
export function fillCharts(sources) {
  if (!embedded) return;
  for (const [name, columns] of Object.entries(sources)) {
    const text = JSON.stringify(columns);
    if (last.get(name)?.text === text) continue;
    last.set(name, { text, columns });
    show(name, columns);
  }
}

function show(name, columns, column) {
  const plot = plots.get(name);
  const data = { ...columns };
  if (plot) data.key = fitLabels(columns.name, labelRoom(plot, column), labelFont(plot));
  const range = models.get(contract.ranges[name]);
  // New factors lay the whole plot out again: only when the categories themselves changed.
  if (range && !sameList(range.factors, data.key)) range.factors = data.key;
  if (models.has(name)) models.get(name).data = data;
  holders.get(name)?.querySelector(".chart-picture")?.remove();
  describe(name, columns);
}

// Pictures of the charts as the punter saw them (PNG blobs by chart name), kept with the view
// (main.js keep) and shown on the next open until BokehJS has embedded and filled the charts
// again: a returning punter sees their charts at once. Each is the plot's own painted layers,
// copied (no repaint); the encoding happens off the page's thread. Not a hidden one, nor those
// named in `skip`. Any failure: no picture, the chart then simply comes with BokehJS.
export async function chartPictures(skip = []) {
  if (!embedded) return {};
  const pictures = {};
  for (const [name, { target, doc }] of charts) {
    if (!target.offsetWidth || skip.includes(name)) continue;
    try {
      const [root] = doc.roots();
      const view = window.Bokeh.index.query_one((v) => v.model === root);
      pictures[name] = await view.canvas_view.compose().to_blob();
    } catch {
      continue;
    }
  }
  return pictures;
}

// Show the kept pictures in the charts' places (only before the charts are embedded); answers how
// many were shown, once they are decoded.
export async function showPictures(pictures) {
  if (embedded) return 0;
  const shown = [];
  for (const [name, blob] of Object.entries(pictures ?? {})) {
    const target = document.getElementById(`chart-${name}`);
    if (!target || !(blob instanceof Blob)) continue;
    const picture = new Image();
    picture.className = "chart-picture";
    picture.alt = "The chart as you last saw it";
    picture.src = URL.createObjectURL(blob);
    target.replaceChildren(picture);
    shown.push(picture.decode().finally(() => URL.revokeObjectURL(picture.src)));
  }
  const decoded = await Promise.allSettled(shown);
  return decoded.filter((d) => d.status === "fulfilled").length;
}

// The engine's own dashboard is drawn: no picture of an older one may stay.
export function dropPictures() {
  for (const picture of document.querySelectorAll(".chart-picture")) picture.remove();
}
