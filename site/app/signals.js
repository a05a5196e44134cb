// Patterns worth knowing about: the safer-gambling signals tmb_core finds in the stored rows
// under the dashboard's filters (tmb_core/figures/signals.py, the engine's "signals" op; its
// thresholds and words in tmb_core/figures/thresholds.py). Each is shown only when present,
// with what was found in the punter's own rows, the occasions behind it (each a link to its
// bets), how it is worked out and why it matters; the support services always (tmb_core's, in
// the contract). Each signal
// carries data-signal with its id, as `python -m tmb_core summary --json` names it.
import { CONTRACT } from "tmb-contract";
import { $, h, replace } from "./dom.js";
import { dollars, when, day } from "./format.js";

let engine;
let showBets;   // (filters) => the dashboard with these filters, scrolled to the bets
let onShown;    // () => called once the dashboard's signals are shown (main.js keeps the view again)
let generation = 0;
let shown = null;   // the answer shown, kept with the dashboard's view (main.js keep)
let wanted = null;  // the filters of the dashboard drawn, while their signals are not asked for yet
let near = false;   // the section is on the screen, or nearly

// The signals are asked for only once the section comes near the screen: on a large store they
// take the engine a moment, which a filter change made meanwhile would otherwise wait for.
export function setupSignals(theEngine, callbacks) {
  engine = theEngine;
  ({ showBets, onShown } = callbacks);
  replace($("#signals-support"), support(CONTRACT.support));   // always, whatever is found
  new IntersectionObserver(([entry]) => {
    near = entry.isIntersecting;
    if (near) ask().then((done) => done && onShown());
  }, { rootMargin: "400px 0px" }).observe($("#signals"));
}

// Called by the dashboard once its tables are drawn, with its filters; resolves once their
// signals are shown, or at once while the section is far from the screen.
export function refreshSignals(filters) {
  generation += 1;
  shown = null;
  wanted = filters;
  $("#signals").dataset.state = "loading";   // (until these filters' signals are shown)
  replace($("#signals-list"), h("p", { class: "hint" }, "Working these out…"));
  return near ? ask() : Promise.resolve(false);
}

// Ask for the signals wanted, if any; true once they are shown.
async function ask() {
  if (!wanted) return false;
  const [mine, filters] = [generation, wanted];
  wanted = null;
  const answer = await engine.request("signals", { filters });
  if (mine !== generation) return false;
  delete $("#signals").dataset.state;
  if (!answer.ok) {
    replace($("#signals-list"), h("p", { class: "filter-problem" }, answer.error.message));
    return false;
  }
  showSignals(answer.data);
  return true;
}

export const shownSignals = () => shown;

export function showSignals(answer) {
  if (!answer) return replace($("#signals-list"), h("p", { class: "hint" }, "Worked out once the engine has started."));
  shown = answer;
  replace($("#signals-list"), answer.signals.length ? answer.signals.map(signal)
    : h("p", { class: "signals-none" }, "None of these patterns shows in these bets and dates: ",
      "deposits soon after losing, withdrawals that came back, bigger stakes lately, bets late at night, ",
      "betting beyond the low-risk limits, or more money put in than taken out. These checks cannot see ",
      "everything: if your betting worries you, the support below is there."));
}

function signal(s) {
  const occasions = OCCASIONS[s.id]?.(s.evidence);
  return h("article", { class: "signal", dataset: { signal: s.id } },
    h("h4", {}, s.title),
    h("p", { class: "found" }, s.found),
    s.filters && h("p", {}, h("button", { type: "button", class: "link", onclick: () => showBets(s.filters) },
      "Show these bets")),
    occasions && h("details", {}, h("summary", {}, occasions.title), h("div", { class: "scroll" }, occasions.table)),
    h("details", {}, h("summary", {}, "How this is worked out, and why it matters"),
      h("p", {}, h("strong", {}, "How: "), s.how),
      h("p", {}, h("strong", {}, "Why it matters: "), s.why, " ", h("span", { class: "hint" }, "Source: ",
        s.source.url ? h("a", { href: s.source.url, target: "_blank", rel: "noopener noreferrer" }, s.source.name)
          : s.source.name, "."))));
}

// The occasions behind a signal, as a table whose rows each show their bets. `headings`: each
// column's title, with "$" after it for a column of figures ("Amount$").
function table(headings, rows) {
  const figures = headings.map((t) => t.endsWith("$"));
  const align = (i) => (figures[i] ? "num" : null);
  return h("table", { class: "occasions" },
    h("thead", {}, h("tr", {}, headings.map((t, i) => h("th", { class: align(i) }, t.replace(/\$$/, ""))), h("th", {}, ""))),
    h("tbody", {}, rows.map(({ cells, filters }) => h("tr", {},
      cells.map((c, i) => h(i ? "td" : "th", { class: align(i), scope: i ? null : "row" }, c)),
      h("td", {}, h("button", { type: "button", class: "link", onclick: () => showBets(filters) }, "Bets"))))));
}

const latest = (e, what) => `The latest ${e.listed.length} ${what}${e.listed.length < e.occasions ? ` of ${e.occasions}` : ""}`;

const OCCASIONS = {
  chasing: (e) => ({
    title: latest(e, "deposits"),
    table: table(["Deposit", "Amount$", "After"], e.listed.map((d) => ({
      filters: d.filters,
      cells: [when(d.time), dollars(d.amount), d.fell_at ? `your balance fell to ${dollars(d.balance_before)} at ${when(d.fell_at)}`
        : `your bets lost ${dollars(d.day_loss)} on ${day(d.losing_day)}`],
    }))),
  }),
  reversed_withdrawals: (e) => ({
    title: latest(e, "withdrawals that came back"),
    table: table(["Came back", "Amount$"], e.listed.map((d) => ({ filters: d.filters, cells: [when(d.time), dollars(d.amount)] }))),
  }),
  late_night: (e) => ({
    title: `The latest ${e.listed.length} of ${e.nights} nights`,
    table: table(["Night of", "Bets$", "Staked$", "Profit$"], e.listed.map((d) => ({
      filters: d.filters, cells: [day(d.day), d.bets.toLocaleString("en-AU"), dollars(d.staked), dollars(d.net_profit, true)],
    }))),
  }),
  net_cash: (e) => ({
    title: "Month by month",
    table: table(["Month", "Put in$", "Taken out$", "Came back$", "In less out$", "Added up$"], e.months.map((m) => ({
      filters: m.filters,
      cells: [month(m.month), dollars(m.deposits), dollars(m.withdrawals), dollars(m.returned_withdrawals),
        dollars(m.net, true), dollars(m.cumulative, true)],
    }))),
  }),
};

const month = (iso) => new Date(`${iso}T00:00:00`).toLocaleDateString("en-AU", { month: "short", year: "numeric" });

function support(services) {
  return [h("h4", {}, "Support, whenever you want it"), h("ul", {}, services.map((s) => h("li", {},
    h("a", { href: s.url, target: "_blank", rel: "noopener noreferrer" }, s.name),
    s.phone && [" ", h("a", { href: s.tel }, s.phone)], `: ${s.what}`)))];
}
