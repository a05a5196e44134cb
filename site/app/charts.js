// The dashboard charts: templates written by tmb_core/charts.py at build time,
// embedded with BokehJS, filled by setting their named sources and ranges.
// The same file carries the contract (sources, ranges, headline cards) from tmb_core.chartdata.
let contract = null;
const models = new Map();

export async function embedCharts(url) {
  const response = await fetch(url);
  const spec = await response.json();
  contract = spec.contract;
  for (const [name, item] of Object.entries(spec.charts)) {
    const target = document.getElementById(`chart-${name}`);
    if (target) await window.Bokeh.embed.embed_item(item, target);
  }
  for (const name of [...Object.keys(contract.sources), ...Object.values(contract.ranges)]) {
    const model = window.Bokeh.documents.map((doc) => doc.get_model_by_name(name)).find(Boolean);
    if (model) models.set(name, model);
  }
  return spec.contract;
}

const sameList = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

// Put new columns into every source that changed (unchanged ones are not redrawn).
const last = new Map();
export function fillCharts(sources) {
  if (!contract) return;
  for (const [name, columns] of Object.entries(sources)) {
    const text = JSON.stringify(columns);
    if (last.get(name) === text) continue;
    last.set(name, text);
    const range = models.get(contract.ranges[name]);
    // New factors lay the whole plot out again: only when the categories themselves changed.
    if (range && !sameList(range.factors, columns.key)) range.factors = columns.key;
    if (models.has(name)) models.get(name).data = { ...columns };
  }
}
