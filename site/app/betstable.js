// The table of every bet: searched, sorted and paged by the engine (it may hold
// tens of thousands), each row opening onto its legs and the raw Summary.
import { $, download, h, replace } from "./dom.js";
import { dollars, kbLink, plural, STATUS, tone, when } from "./format.js";
import { CONTRACT } from "tmb-contract";

const PAGE = CONTRACT.bets_page;
const NUMBERS = new Set(["stake", "returned", "profit", "price"]);
const COLUMNS = [
  ["placed", "Placed"], ["sport", "Sport"], ["event", "Event"], ["bet_type", "Type"], ["status", "Status"],
  ["price", "Price"], ["stake", "Stake"], ["returned", "Returned"], ["profit", "Profit"],
];

// `first(filters)` shows the first page for the dashboard's filters (those it asked, not the form's,
// which may hold a date being typed since; the pages, sorts, searches and the download after it
// keep to them) and resolves to it as a last view keeps it
// ({search, sort, descending, data}; null if it failed); `show(kept)` shows such a page;
// `search(text)` sets the search ("" clears it: another data's bets are searched for afresh).
export function setupBetsTable(engine, getFilters) {
  const state = { search: $("#bet-search").value, sort: "placed", descending: true, offset: 0, filters: null };
  const filters = () => state.filters ?? getFilters();
  let timer;
  let latest = 0;   // the questions asked
  // Only the answer to the latest question is drawn (with the paging and sort it was asked with);
  // each answers its own caller (`first`'s, the page a last view keeps).
  const refresh = async () => {
    const mine = ++latest;
    const query = { search: state.search, sort: state.sort, descending: state.descending };
    const answer = await engine.request("bets", { filters: filters(), ...query, limit: PAGE, offset: state.offset });
    if (!answer.ok) return null;
    if (mine === latest) render(answer.data, state, refresh);
    return { ...query, data: answer.data };
  };
  $("#bet-search").addEventListener("input", (event) => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.search = event.target.value; state.offset = 0; refresh(); }, 200);
  });
  $("#bets-export").addEventListener("click", async () => {
    const answer = await engine.request("bets_csv",
      { filters: filters(), search: state.search, sort: state.sort, descending: state.descending });
    if (answer.ok) download("trackmybets-bets.csv", answer.data);
  });
  const first = (asked) => { Object.assign(state, { filters: asked, offset: 0 }); return refresh(); };
  const show = ({ search, sort, descending, data }) => {   // (a kept view's: its filters are the form's)
    Object.assign(state, { search, sort, descending, offset: 0, filters: null });
    $("#bet-search").value = search;
    latest += 1;   // (an answer on its way is not drawn over it)
    render(data, state, refresh);
  };
  // Set the search (or clear it), the bets to follow with the next first().
  const search = (text) => {
    clearTimeout(timer);
    $("#bet-search").value = state.search = text;
  };
  return { first, show, search };
}

function header(state, refresh) {
  return h("tr", {}, h("th", {}, ""), COLUMNS.map(([key, title]) => {
    const active = state.sort === key;
    const sort = active ? (state.descending ? "descending" : "ascending") : "none";
    return h("th", { "aria-sort": sort }, h("button", { type: "button", class: "sort", onclick: () => {
      state.descending = active ? !state.descending : true;
      state.sort = key;
      state.offset = 0;
      refresh();
    } }, title, active ? (state.descending ? " ▼" : " ▲") : ""));
  }));
}

function cell(key, bet) {
  switch (key) {
    case "placed": return when(bet.placed);
    case "status": return STATUS[bet.status] || bet.status;
    case "price": return bet.price ? bet.price.toFixed(2) : "–";
    case "stake": case "returned": return dollars(bet[key]);
    case "profit": return dollars(bet.profit, true);
    case "bet_type": { const link = kbLink(bet.bet_type); return link ? h("a", { href: link }, bet.bet_type) : bet.bet_type; }
    default: return bet[key] ?? "–";
  }
}

function legs(bet) {
  const list = bet.legs ? JSON.parse(bet.legs) : [];
  return h("div", { class: "legs" },
    list.length ? h("ol", {}, list.map(([event, market, selection, price]) =>
      h("li", {}, [event, market, selection].filter(Boolean).join(" · "), price ? ` @ ${price.toFixed(2)}` : ""))) : null,
    h("pre", { class: "raw" }, bet.summary || "(no Summary text)"),
    h("p", { class: "sub" }, "Bet Id ", h("span", { class: "ident" }, bet.bet_id), bet.bonus_funded ? " · paid for with a bonus bet" : ""));
}

function row(bet) {
  const detail = h("tr", { class: "detail", hidden: true }, h("td", { colspan: COLUMNS.length + 1 }, legs(bet)));
  const toggle = h("button", { type: "button", class: "expand", "aria-expanded": "false", "aria-label": "Show details",
    onclick: () => {
      detail.hidden = !detail.hidden;
      toggle.setAttribute("aria-expanded", String(!detail.hidden));
    } }, "+");
  const main = h("tr", {}, h("td", { class: "col-expand" }, toggle), COLUMNS.map(([key, title]) =>
    h("td", { class: `col-${key} ${NUMBERS.has(key) ? `num ${key === "profit" ? tone(bet.profit) : ""}` : ""}`, dataset: { label: title } },
      cell(key, bet))));
  return [main, detail];
}

function render({ rows, total }, state, refresh) {
  replace($("#bets"), rows.length
    ? h("table", { class: "bets" }, h("thead", {}, header(state, refresh)), h("tbody", {}, rows.map(row)))
    : h("p", { class: "empty" }, "No bets match."));
  const last = Math.min(state.offset + PAGE, total);
  const go = (offset) => () => { state.offset = offset; refresh(); };
  replace($("#bets-pager"),
    h("button", { type: "button", disabled: state.offset === 0, onclick: go(Math.max(0, state.offset - PAGE)) }, "Previous"),
    h("span", { role: "status" }, total ? ` ${state.offset + 1}–${last} of ${plural(total, "bet")} ` : " 0 bets "),
    h("button", { type: "button", disabled: last >= total, onclick: go(state.offset + PAGE) }, "Next"));
}
