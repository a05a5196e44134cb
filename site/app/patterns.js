// The patterns (issue 16): when the punter bets (weekday x hour heatmaps of bets and of profit), profit
// by price band and by number of legs, and the legs of their multis by each leg's own sport and
// competition. The charts' columns come from tmb_core.present.chartdata.pattern_sources and the
// figures from the insights, both in the dashboard_tables answer: drawn after the dashboard's charts.
import { fillCharts } from "./charts.js";
import { $, h, replace } from "./dom.js";
import { dollars } from "./format.js";

const LEG_FIELDS = [["legs", "Legs"], ["multis", "Multis"], ["multis_won", "Won"], ["multis_lost", "Lost"]];

// One legs table; each row carries its figures as data-* (the names summary --json gives them).
function legsTable(rows, names) {
  if (!rows.length) return h("p", { class: "empty" }, "No multis with legs match these filters.");
  const title = (n) => n[0].toUpperCase() + n.slice(1);
  return h("table", {},
    h("thead", {}, h("tr", {}, names.map((n) => h("th", {}, title(n))), LEG_FIELDS.map(([, t]) => h("th", { class: "num" }, t)))),
    h("tbody", {}, rows.map((r) => h("tr", { dataset: Object.fromEntries([...names, ...LEG_FIELDS.map(([k]) => k)].map((k) => [k, r[k]])) },
      names.map((n) => h("td", {}, r[n])),
      LEG_FIELDS.map(([k]) => h("td", { class: "num" }, r[k].toLocaleString("en-AU")))))));
}

// How many bets a band or number of legs needs before it is called the best or the worst: on
// fewer, one lucky win decides it, and a punter could be steered to bets that lose.
const FEWEST_TO_RANK = 30;

// "For every $100 staked" on the worst and best band or number of legs, of those with enough bets.
function returnText(rows, name) {
  const shown = rows.filter((r) => r.staked > 0 && r.bets >= FEWEST_TO_RANK);
  if (!shown.length) return rows.some((r) => r.bets) ? `Too few bets in each to say which does best (${FEWEST_TO_RANK} or more needed).` : "";
  const back = (r) => 100 + (100 * r.net_profit) / r.staked;
  const worst = shown.reduce((a, b) => (back(b) < back(a) ? b : a));
  const best = shown.reduce((a, b) => (back(b) > back(a) ? b : a));
  const say = (r) => `${name(r)}: ${dollars(back(r))} back for every $100 staked (${r.bets.toLocaleString("en-AU")} bets)`;
  const only = `Of those with ${FEWEST_TO_RANK} bets or more, `;
  return worst === best ? `${only}${say(worst)}.` : `${only}worst ${say(worst)}; best ${say(best)}.`;
}

export function renderPatterns(sources, insights) {
  fillCharts(sources);
  $("#price-bands-text").textContent = returnText(insights.price_bands, (r) => `prices ${r.band}`);
  $("#by-legs-text").textContent = returnText(insights.by_legs, (r) => `${r.legs} legs`);
  replace($("#legs-by-sport"), legsTable(insights.legs_by_sport, ["sport"]));
  replace($("#legs-by-competition"), legsTable(insights.legs_by_competition, ["sport", "competition"]));
}
