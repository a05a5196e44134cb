// The view in the address bar, so that it can be bookmarked or sent and survives a reload: the
// filters, the period (once the punter has chosen one) and the bets table's search, as query
// parameters; only what differs from the form's defaults.
import { CONTRACT } from "tmb-contract";

const FIELDS = CONTRACT.filters;
const SEARCH = "q";

// {filters, period, search} the address asks for, or null when it asks for nothing.
export function fromAddress() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const { name, kind } of FIELDS) {
    const value = params.get(name);
    if (!value) continue;
    filters[name] = kind === "days" && /^\d+$/.test(value) ? Number(value) : value;
  }
  const period = CONTRACT.periods.includes(params.get("period")) ? params.get("period") : null;
  const search = params.get(SEARCH) || "";
  return Object.keys(filters).length || period || search ? { filters, period, search } : null;
}

// Whether a view (a kept one's filters, period and search) is the one the address asks for.
export function isAsked(asked, { filters, period, search }) {
  if (!asked) return true;
  const same = FIELDS.every(({ name }) => String(asked.filters[name] ?? defaults[name] ?? "") === String(filters[name] ?? ""));
  return same && (!asked.period || asked.period === period) && asked.search === (search || "");
}

// The form's defaults, by field name (a number of days has one).
const defaults = {};
export function learnDefaults(form) {
  for (const { name } of FIELDS) defaults[name] = form.elements[name].defaultValue || undefined;
}

// The address for this view, in place of the current one (no new history entry per change).
export function toAddress({ filters, period, search }) {
  const params = new URLSearchParams();
  for (const { name } of FIELDS) {
    const value = filters[name];
    if (value !== undefined && value !== "" && String(value) !== defaults[name]) params.set(name, value);
  }
  if (period) params.set("period", period);
  if (search) params.set(SEARCH, search);
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, "", url);
}
