// Numbers as a punter reads them: currency with an explicit sign, percentages,
// dates. Signs are spelled out (+ / −) so meaning never rests on colour alone.
const money = new Intl.NumberFormat("en-AU", { style: "currency", currency: "AUD" });
const wholeMoney = new Intl.NumberFormat("en-AU", { style: "currency", currency: "AUD", maximumFractionDigits: 0 });
const MINUS = "\u2212";

// `whole`: rounded to whole dollars ($2,881), for figures read at a glance.
export function dollars(value, signed = false, whole = false) {
  if (value === null || value === undefined) return "–";
  const text = (whole ? wholeMoney : money).format(Math.abs(value));
  if (value < 0) return MINUS + text;
  return signed && value > 0 ? `+${text}` : text;
}

export function percent(value, signed = false) {
  if (value === null || value === undefined) return "–";
  const text = `${Math.abs(value * 100).toFixed(1)}%`;
  if (value < 0) return MINUS + text;
  return signed && value > 0 ? `+${text}` : text;
}

export function tone(value) {
  if (!value) return "zero";
  return value < 0 ? "loss" : "gain";
}

export function day(iso) {
  if (!iso) return "–";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

// A word for `n` of it: "bet" for 1, "bets" for any other number; and a count with its word,
// "1 bet", "3,000 bets" (tmb_core's text.plural).
export const words = (n, word) => `${word}${n === 1 ? "" : "s"}`;
export const plural = (n, word) => `${n.toLocaleString("en-AU")} ${words(n, word)}`;

export function when(iso) {
  return iso ? `${day(iso)} ${iso.slice(11, 16)}` : "–";
}

export const STATUS = {
  won: "Won", lost: "Lost", void: "Void", cashed_out: "Cashed out",
  unsettled: "Unsettled", presumed_lost: "Presumed lost",
};

export const KIND = { single: "Single", multi: "Multi", exotic: "Exotic", pool: "Tote / pool", unknown: "Unknown" };

// Knowledge-base anchors for the bet types tmb_core names.
const KB = {
  "Single": "single", "Multi": "multi", "Same Game Multi": "same-game-multi", "Same Race Multi": "same-race-multi",
  "Each Way": "each-way", "Place": "place", "Win": "win", "Trifecta": "trifecta", "Exacta": "exacta",
  "Quinella": "quinella", "First 4": "first-4", "Quaddie": "quaddie", "Early Quaddie": "quaddie",
  "Big 6": "big-6", "Super 6": "big-6", "Tote": "tote", "Duet": "tote", "Running Double": "tote",
  "Daily Double": "tote", "Treble": "tote", "Exotic": "trifecta",
};

export function kbLink(betType) {
  const anchor = KB[betType];
  return anchor ? `kb.html#${anchor}` : null;
}
