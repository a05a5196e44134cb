// The dashboard: one set of filters drives every view. Every figure of the headline shown
// (the cards, defined in tmb_core.present.chartdata.CARDS, and the figures in the text around
// them) carries data-kpi / data-value with the same name and number as
// `python -m tmb_core summary --json` (a nested one by its path: "reconciliation.balance_change").
import { fillCharts } from "./charts.js";
import { renderPatterns } from "./patterns.js";
import { $, h, replace } from "./dom.js";
import { CONTRACT } from "tmb-contract";
import { fromISO, toISO } from "./days.js";
import { day, dollars, KIND, kbLink, percent, plural, STATUS, tone, when, words } from "./format.js";

// The filters (tmb_core.model.FILTER_FIELDS, whose controls build.py writes into the form):
// the "choice" ones list the stored values, "days" is a whole number.
const CHOICES = CONTRACT.filters.filter((f) => f.kind === "choice").map((f) => f.name);
const DAYS = new Set(CONTRACT.filters.filter((f) => f.kind === "days").map((f) => f.name));
const DATES = new Set(CONTRACT.filters.filter((f) => f.kind === "date").map((f) => f.name));

// The filters as the engine takes them: dates typed day first go as ISO (days.js).
export function readFilters(form) {
  const data = new FormData(form);
  const filters = {};
  for (const [key, typed] of data.entries()) {
    const value = DATES.has(key) ? toISO(typed) : typed;
    if (value === "") continue;
    // A number of days goes as typed unless it is a whole number: tmb_core says what is wrong.
    const days = Number(value);
    filters[key] = DAYS.has(key) && Number.isInteger(days) ? days : value;
  }
  return filters;
}

// Filters that could only mislead (From after To, days out of range) hide the figures and say
// why beside the form, instead of showing $0 or figures for other filters (null: all is well).
export function showFilterProblem(form, problem) {
  const box = $("#filter-problem");
  box.textContent = problem?.message || "";
  box.hidden = !problem;
  $("#dashboard").toggleAttribute("data-filter-problem", Boolean(problem));
  for (const element of form.elements) {
    if (element.name) element.toggleAttribute("aria-invalid", element.name === problem?.field);
  }
}

// `choices` are the values each filter can take: all stored, or narrowed by the other filters
// (the dashboard's tables bring those); a value chosen stays among them.
export function setChoices(form, choices, current) {
  for (const name of CHOICES) {
    const select = form.elements[name];
    const label = (v) => (name === "status" ? STATUS[v] : name === "bet_kind" ? KIND[v] : null) || v;
    const values = choices[name] || [];
    const kept = current[name] && !values.includes(current[name]) ? [current[name]] : [];
    replace(select, h("option", { value: "" }, "All"), [...kept, ...values].map((v) => h("option", { value: v }, label(v))));
    // Chosen, not made the default: "Clear filters" (the form's reset) and another data's
    // dashboard (a client's share, main.js switchData) go back to All.
    select.value = current[name] ?? "";
  }
}

// The form as it was for `filters` (a kept view's): the choices are set with them (setChoices).
export function setFilters(form, filters) {
  for (const field of CONTRACT.filters) {
    const element = form.elements[field.name];
    const value = filters[field.name] ?? element.defaultValue;
    if (field.kind !== "choice") element.value = field.kind === "date" ? fromISO(value) : value;
  }
}

// "±": signed and coloured by gain or loss; "cash": money moved in or out, in words, never signed.
function cardValue(kind, value) {
  if (kind === "cash") return value === null ? "–" : `${dollars(Math.abs(value))} ${value < 0 ? "taken out" : "put in"}`;
  const signed = kind.endsWith("±") || kind.endsWith("+");
  return kind.startsWith("pct") ? percent(value, signed) : dollars(value, signed);
}

const kpi = (key, value) => ({ kpi: key, value: value ?? "" });

// A figure of the headline within a sentence, as `text`.
const figure = (key, value, text) => h("span", { dataset: kpi(key, value) }, text);
const count = (key, value) => figure(key, value, value.toLocaleString("en-AU"));

export function renderCards(summary, cards) {
  replace($("#cards"), cards.map(([key, title, kind, help]) => {
    const value = summary[key];
    return h("article", { class: `card ${kind.endsWith("±") ? tone(value) : ""}`, dataset: kpi(key, value), title: help },
      h("h3", {}, title), h("p", { class: "value" }, cardValue(kind, value)), h("p", { class: "help" }, help));
  }));
  const s = summary;
  replace($("#rule"),
    count("bets", s.bets), ` ${words(s.bets, "bet")}. Sportsbet writes no row when a bet loses, so a bet with no result after `,
    figure("presumed_lost_days", s.presumed_lost_days, plural(s.presumed_lost_days, "day")), " counts as lost: ",
    count("presumed_lost_bets", s.presumed_lost_bets), ` ${words(s.presumed_lost_bets, "bet")}, `,
    figure("presumed_lost_stakes", s.presumed_lost_stakes, dollars(s.presumed_lost_stakes)), " staked. ",
    count("unsettled_bets", s.unsettled_bets),
    ` newer ${words(s.unsettled_bets, "bet")} ${s.unsettled_bets === 1 ? "is" : "are"} still unsettled (`,
    figure("unsettled_exposure", s.unsettled_exposure, dollars(s.unsettled_exposure)), " at stake). ",
    "Change the number of days in the filters.");
}

// The answer first, above the imports and the filters: what the bets shown won or lost, and what
// was put in and taken out (money put in is never shown as money made); unfiltered, the balance
// that leaves (the reconciliation is the whole account's).
export function renderAnswer(s, filtered) {
  if (!s.transactions) return replace($("#answer"));
  const whole = (key, value = s[key]) => figure(key, s[key], dollars(Math.abs(value), false, true));
  const bets = !s.bets ? ["you placed no bets"] : s.net_profit === 0 ? ["your bets broke even"]
    : ["you are ", h("strong", { class: tone(s.net_profit) }, whole("net_profit")), s.net_profit < 0 ? " down" : " up", " on your bets"];
  const cash = s.net_cash_in === 0 ? ["you took out as much as you put in"] : s.net_cash_in > 0
    ? ["you put in ", whole("net_cash_in"), " more than you took out"] : ["you took out ", whole("net_cash_in"), " more than you put in"];
  const rec = filtered ? null : s.reconciliation;
  const balance = (key) => figure(`reconciliation.${key}`, rec[key], dollars(rec[key], false, true));
  replace($("#answer"), `From ${day(s.first)} to ${day(s.last)}${filtered ? ", with these filters," : ""} `, bets, "; ",
    cash, ".", rec ? [" Your balance went from ", balance("opening_balance"), " to ", balance("closing_balance"), "."] : "");
}

export function renderNotices(summary) {
  const notes = [];
  if (summary.balance_gaps) {
    const gaps = summary.balance_gaps;
    notes.push(h("p", { class: "notice warn", role: "status" }, h("strong", {}, "Some transactions seem to be missing. "),
      "Your balance jumps ", count("balance_gaps", gaps), ` ${words(gaps, "time")} without a transaction to explain it `,
      `(first between ${when(summary.gaps[0].after)} and ${when(summary.gaps[0].before)}). `,
      "Export the missing period from Sportsbet and drop it here: the figures will fill in."));
  }
  const rec = summary.reconciliation;
  if (rec && rec.difference) {
    const money = (key) => figure(`reconciliation.${key}`, rec[key], dollars(rec[key], true));
    notes.push(h("p", { class: "notice" }, "Your balance changed by ", money("balance_change"), " over the stored period; ",
      "the transactions explain ", money("explained_change"), "."));
  }
  replace($("#notices"), notes);
}

function betRow(bet) {
  const link = kbLink(bet.bet_type);
  return h("tr", {},
    h("td", { class: "placed" }, day(bet.placed)),
    h("td", {}, bet.event || bet.sport || "–", h("div", { class: "sub" }, bet.selection || ""),
      h("div", { class: "sub placed-inline" }, day(bet.placed))),
    h("td", {}, link ? h("a", { href: link, tabindex: "-1" }, bet.bet_type) : bet.bet_type),   // (no tab stop each: "Bet types explained" is one)
    h("td", { class: "num" }, dollars(bet.stake)),
    h("td", { class: `num ${tone(bet.profit)}` }, dollars(bet.profit, true)));
}

function betTable(columns) {
  const rows = columns.bet_id.map((_, i) => Object.fromEntries(Object.keys(columns).map((k) => [k, columns[k][i]])));
  if (!rows.length) return h("p", { class: "empty" }, "No bets match these filters.");
  return h("table", {}, h("thead", {}, h("tr", {}, ["Placed", "Bet", "Type", "Stake", "Profit"].map((t, i) => h("th", { class: ["placed", "", "", "num", "num"][i] }, t)))),
    h("tbody", {}, rows.map(betRow)));
}

export function renderSwings(swings) {
  const text = [];
  const dd = swings.drawdown;
  const ru = swings.run_up;
  if (dd && dd.amount) text.push(`Biggest losing run: ${dollars(-dd.amount)} from ${day(dd.start)} to ${day(dd.finish)}.`);
  if (ru && ru.amount) text.push(` Biggest winning run: ${dollars(ru.amount, true)} from ${day(ru.start)} to ${day(ru.finish)}.`);
  replace($("#swings"), text.join(""));
}

function cashText(s) {
  const money = (key, value = s[key]) => figure(key, s[key], dollars(value));
  return h("p", {}, "You deposited ", money("deposits"), " and withdrew ", money("withdrawals"),
    s.returned_withdrawals ? [" (", money("returned_withdrawals"), " of withdrawals came back)"] : "",
    `: ${s.net_cash_in >= 0 ? "net in" : "net out"} `, money("net_cash_in", Math.abs(s.net_cash_in)), ".");
}

export function renderUploads(uploads) {
  if (!uploads.length) return replace($("#uploads"), h("p", {}, "Nothing imported yet."));
  replace($("#uploads"), h("table", {},
    h("thead", {}, h("tr", {}, ["File", "Imported", "New", "Updated", "Already stored", "Rejected"].map((t) => h("th", {}, t)))),
    h("tbody", {}, uploads.map((u) => h("tr", { class: u.error ? "failed" : "" },
      h("td", {}, h("span", { class: "ident" }, u.name), u.error ? h("div", { class: "sub error" }, u.error) : null), h("td", {}, when(u.imported_at)),
      ["inserted", "updated", "unchanged", "rejected"].map((k) => h("td", { class: "num" }, u[k].toLocaleString("en-AU"))))))));
}

// The rows of a breakdown the engine sends (the charts show the CONTRACT.breakdown_top most
// staked), where you lose most first unless the punter sorts them by another column.
const BREAKDOWN_COLUMNS = [["key", ""], ["bets", "Bets"], ["staked", "Staked"], ["profit", "Profit"], ["roi", "Return"],
  ["strike_rate", "Strike rate"]];
const sorted = {};   // dimension -> {by, descending}, as the punter last sorted its table

function breakdownTable(table, dimension) {
  const { by, descending } = sorted[dimension] ||= { by: "profit", descending: false };
  const value = (i) => table[by][i] ?? -Infinity;
  const compare = (a, b) => (typeof value(a) === "string" ? value(a).localeCompare(value(b)) : value(a) - value(b));
  const order = table.key.map((_, i) => i).sort((a, b) => (descending ? compare(b, a) : compare(a, b)));
  if (!order.length) return h("p", { class: "empty" }, "No bets match these filters.");
  const head = BREAKDOWN_COLUMNS.map(([key, title]) => h("th", { "aria-sort": key === by ? (descending ? "descending" : "ascending") : "none" },
    h("button", { type: "button", class: "sort", onclick: (event) => {
      sorted[dimension] = { by: key, descending: key === by ? !descending : key !== "key" && key !== "profit" };
      const box = event.target.closest("details");
      fillBreakdown(box);
      box.querySelector("th:not([aria-sort=none]) button").focus();
    } }, title || "Name", key === by ? (descending ? " ▼" : " ▲") : "")));
  return h("table", {},
    h("thead", {}, h("tr", {}, head)),
    h("tbody", {}, order.map((i) => h("tr", {},
      h("td", {}, table.key[i]), h("td", { class: "num" }, table.bets[i].toLocaleString("en-AU")),
      h("td", { class: "num" }, dollars(table.staked[i])),
      h("td", { class: `num ${tone(table.profit[i])}` }, dollars(table.profit[i], true)),
      h("td", { class: "num" }, percent(table.roi[i], true)), h("td", { class: "num" }, percent(table.strike_rate[i]))))));
}

// A breakdown's table is built when its box is open, or when it is opened: closed boxes
// cost nothing on a filter change.
let breakdownTables = {};
const stale = new Set();

function fillBreakdown(box) {
  stale.delete(box);
  replace(box.querySelector(".scroll"), breakdownTable(breakdownTables[box.dataset.dimension], box.dataset.dimension));
}

function renderBreakdowns(breakdowns) {
  breakdownTables = breakdowns;
  const top = CONTRACT.breakdown_top;
  for (const box of document.querySelectorAll("details.breakdown")) {
    stale.add(box);
    const rows = breakdowns[box.dataset.dimension].key.length;
    const table = rows >= CONTRACT.breakdown_rows ? `The ${rows} where you lost most, as a table` : "All rows as a table";
    box.querySelector("summary").textContent = rows > top ? `${table} (the chart shows the ${top} with most staked)` : table;
    if (box.open) fillBreakdown(box);
  }
}

export function setupBreakdowns() {
  for (const box of document.querySelectorAll("details.breakdown")) {
    box.addEventListener("toggle", () => { if (box.open && stale.has(box)) fillBreakdown(box); });
  }
}

// The cards and charts (the engine's dashboard answer to `filters`: not the form's, which may
// hold a date being typed since).
export function renderDashboard(data, filters) {
  // The truth's lines come with the tables (dashboard_tables): until then its figures are the
  // last view's, dimmed and no longer marked as figures of this one.
  $("#truth").dataset.state = "loading";
  for (const old of $("#truth-lines").querySelectorAll("[data-kpi]")) delete old.dataset.kpi;
  renderCards(data.headline, CONTRACT.cards);
  renderAnswer(data.headline, Object.keys(filters).some((key) => !DAYS.has(key)));
  renderNotices(data.headline);
  renderSwings(data.swings);
  replace($("#cash-text"), cashText(data.headline));
  fillCharts(data.sources);
}

// A share as "N in 10", halves rounded up; never 10 unless all, nor 0 unless none (tmb_core's in_ten).
function inTen(share) {
  const n = Math.floor(share * 10 + 0.5);
  return share <= 0 ? 0 : share >= 1 ? 10 : Math.min(Math.max(n, 1), 9);
}

// How often the punter loses, in plain sentences (tmb_core/figures/insights.py); each figure
// carries the name `summary --json` gives it under "insights".
function renderTruth(insights, headline) {
  const x = (key, value, text) => h("strong", {}, figure(`insights.${key}`, value, text));
  const n = (key) => x(key, insights[key], insights[key].toLocaleString("en-AU"));
  const lines = [];
  if (insights.days) {
    lines.push(["You lost money in ", n("months_lost"), ` of ${insights.months} ${words(insights.months, "month")}, `,
      n("weeks_lost"), ` of ${insights.weeks} ${words(insights.weeks, "week")} and `,
      n("days_lost"), ` of ${insights.days} ${words(insights.days, "day")} you bet in.`]);
  }
  const share = insights.settled_lost_share;
  if (share !== null) {
    lines.push([x("settled_lost_share", share, `${inTen(share)} in 10`),
      ` of your settled bets (${percent(share)}) returned less than their stake.`]);
  }
  if (insights.return_per_100 !== null) {
    lines.push(["For every $100 you staked, you got back ",
      x("return_per_100", insights.return_per_100, dollars(insights.return_per_100)), "."]);
  }
  const run = (key, word) => {
    const r = insights[key];
    if (r) lines.push([`Your longest ${word} run: `, h("strong", {}, figure(`insights.${key}.bets`, r.bets, r.bets)),
      ` ${words(r.bets, "bet")} in a row, ${r.from === r.to ? `on ${day(r.from)}` : `${day(r.from)} to ${day(r.to)}`}.`]);
  };
  run("longest_losing_run", "losing");
  run("longest_winning_run", "winning");
  if (headline.bonus_bets) {
    const without = insights.net_profit_without_bonus;
    lines.push([`Without your bonus bets, your betting ${without < 0 ? "cost you" : "made you"} `,
      x("net_profit_without_bonus", without, dollars(Math.abs(without))), "."]);
    lines.push([`Your ${headline.bonus_bets.toLocaleString("en-AU")} ${words(headline.bonus_bets, "bonus bet")} that paid out returned `,
      h("strong", {}, figure("bonus_returns", headline.bonus_returns, dollars(headline.bonus_returns))),
      ". What each bonus dollar returned is not in the export: it has no row for a bonus bet that lost, "
      + "and never gives a bonus bet's stake."]);
  }
  const avg = insights.average_punter, cost = insights.expected_loss;
  if (cost.per_100 !== null) {   // the average punter, and price against luck (tmb_core/figures/price.py)
    lines.push([`The average punter loses about $${+(100 * avg.margin).toFixed(1)} of every $100 staked with Sportsbet; on your `,
      `${dollars(headline.staked)} staked that would be `, x("average_punter.loss", avg.loss, dollars(avg.loss)),
      `: you ${headline.net_profit < 0 ? "lost" : "made"} ${dollars(Math.abs(headline.net_profit))}.`]);
    lines.push(["The prices you took were expected to cost you about ", x("expected_loss.total", cost.total, dollars(cost.total, false, true)),
      " (", x("expected_loss.per_100", cost.per_100, dollars(cost.per_100)), " of every $100 staked); on your settled bets, luck ",
      cost.luck >= 0 ? "was on your side" : "went against you", " by about ",
      x("expected_loss.luck", cost.luck, dollars(Math.abs(cost.luck), false, true)),
      ". Over many bets luck matters less and less, while what the prices cost keeps adding up. ",
      "An estimate, from typical margins by kind of market and tote takeouts, not your own markets' prices: ",
      h("a", { href: "kb.html#margins" }, "how it is made"), "."]);
  }
  replace($("#truth-lines"), lines.length ? lines.map((line) => h("li", {}, line)) : h("li", {}, "No bets match these filters."));
  delete $("#truth").dataset.state;
}

// The tables (its dashboard_tables answer, worked out while the charts are drawn).
export function renderTables(data, headline) {
  renderTruth(data.insights, headline);
  replace($("#best"), betTable(data.best));
  replace($("#worst"), betTable(data.worst));
  renderBreakdowns(data.breakdowns);
  renderPatterns(data.patterns, data.insights);
}
