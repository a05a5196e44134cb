// Guess first (tmb_core/store/guesses.py): the first time a punter's own dashboard is shown, and
// again from a button, two questions come before the figures; then the guess is set beside the
// truth. The figures stay laid out under the questions (visibility, not display, so the charts
// keep their size) and are revealed with the answer. The made-up sample never asks.
import { $, h, replace } from "./dom.js";
import { day, dollars, tone } from "./format.js";

let ask = async () => null;   // sends the guess (or a skip: both null) and answers the reveal
let kept = null;              // the reveal shown (null: never asked)

// The period the questions are about, in words.
function periodText(filters, choices) {
  const from = filters.date_from || choices.first;
  const to = filters.date_to || choices.last;
  return from && to ? `from ${day(from)} to ${day(to)}` : "over the data you imported";
}

export function openGuess(filters, choices) {
  $("#guess-period").textContent = periodText(filters, choices);
  $("#guess-form").reset();
  $("#guess-problem").hidden = true;
  $("#guess").hidden = false;
  $("#dashboard").dataset.guessing = "";
  $("#guess-amount").focus({ preventScroll: true });
  $("#guess").scrollIntoView({ block: "nearest" });
}

export function closeGuess() {
  $("#guess").hidden = true;
  delete $("#dashboard").dataset.guessing;
}

// What the form holds: a net profit (negative for "it cost me") or null, and wins in 10 or null.
function readGuess(form) {
  const amount = form.elements.amount.value.trim();
  const value = amount === "" ? null : Number(amount.replace(/[$,\s]/g, ""));
  if (value !== null && !(Number.isFinite(value) && value >= 0)) return { problem: "Type an amount in dollars, like 1500, or leave it empty." };
  const sign = form.elements.direction.value === "made" ? 1 : -1;
  const wins = form.elements.wins.value;
  return { net_profit: value === null ? null : sign * value, wins_of_10: wins === "" ? null : Number(wins) };
}

async function send(guess) {
  const button = $("#guess-show");
  button.disabled = true;
  try {
    const reveal = await ask(guess);
    if (!reveal) return;
    closeGuess();
    showReveal(reveal);
    if (!reveal.skipped) $("#guess-reveal").scrollIntoView({ block: "center" });
  } finally {
    button.disabled = false;
  }
}

// The guess beside the truth: three figures and the engine's sentences (present/text.guess_lines).
export function showReveal(reveal) {
  kept = reveal;
  const box = $("#guess-reveal");
  box.hidden = !reveal || reveal.skipped;
  $("#guess-again").textContent = reveal && !reveal.skipped ? "Guess again" : "Guess before you look";
  if (box.hidden) return replace(box);
  const cell = (label, key, value) => h("div", { class: `guess-figure ${key === "guess.net_profit" ? "" : tone(value)}` },
    h("span", { class: "label" }, label),
    h("strong", { dataset: { kpi: key, value: value ?? "" } }, dollars(value, true, true)));
  const { date_from: from, date_to: to, presumed_lost_days: _, ...others } = reveal.filters;
  const scope = Object.keys(others).length ? ", with the filters you had then" : "";
  replace(box,
    h("p", { class: "sub" }, `Your guess of ${day(reveal.made_at)} about your bets `,
      from && to ? `from ${day(from)} to ${day(to)}` : "", `${scope}:`),
    h("div", { class: "guess-figures" },
      cell("You guessed", "guess.net_profit", reveal.net_profit),
      cell("The truth", "guess.truth.net_profit", reveal.truth.net_profit),
      cell("Difference", "guess.difference", reveal.difference)),
    reveal.lines.map((line) => h("p", { class: "guess-line" }, line)),
    lostMore(reveal) && h("p", {}, "Many people find their losses are bigger than they thought: it is hard to keep count bet by bet. ",
      "If you want to bet less, ", h("a", { href: "safer.html" }, "Gambling less"), " has practical steps and free support."));
}

// A guess was made, and the truth is a loss bigger than it (by 50 cents or more).
const lostMore = (reveal) => reveal.net_profit !== null && reveal.truth.net_profit < 0 && reveal.difference <= -0.5;

// `request(guess)` sends {net_profit, wins_of_10} for the filters shown and answers the reveal;
// `current()` gives the filters and choices the questions are about.
export function setupGuess(request, current) {
  ask = request;
  const form = $("#guess-form");
  replace(form.elements.wins, h("option", { value: "" }, "Not sure"),
    Array.from({ length: 11 }, (_, n) => h("option", { value: n }, `${n} of 10`)));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const guess = readGuess(form);
    $("#guess-problem").textContent = guess.problem || "";
    $("#guess-problem").hidden = !guess.problem;
    if (!guess.problem) send(guess);
  });
  // A first skip is kept (so the punter is not asked again unasked); a later one changes nothing.
  $("#guess-skip").addEventListener("click", () => (kept ? closeGuess() : send({ net_profit: null, wins_of_10: null })));
  $("#guess-again").addEventListener("click", () => openGuess(...current()));
}
