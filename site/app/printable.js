// The summary to keep (tmb_core/present/printable.py, the engine's "printable_summary" op): the
// filtered view on one or two printed pages, which the browser prints or saves as PDF, and its
// figures as CSV. tmb_core writes both, as `python -m tmb_core report --summary` does.
import { $, download, h } from "./dom.js";

let engine;
let current;   // () => { filters, period } of the dashboard shown

export function setupPrintable(theEngine, shown) {
  engine = theEngine;
  current = shown;
  $("#summary-print").addEventListener("click", () => make().then((made) => made && print(made.html)));
  $("#summary-csv").addEventListener("click", () => make().then((made) => made && download(`trackmybets-summary-${made.on}.csv`, made.csv)));
}

async function make() {
  const status = $("#summary-status");
  status.textContent = "Making the summary…";
  const now = new Date();
  const on = new Date(now - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);   // the punter's own date
  const answer = await engine.request("printable_summary", { ...current(), made: on });
  status.textContent = answer.ok ? "" : `The summary could not be made: ${answer.error.message}`;
  return answer.ok ? { ...answer.data, on } : null;
}

// Printed from a frame of its own (the page's stylesheet and script play no part in it).
function print(html) {
  $("#summary-frame")?.remove();
  const frame = h("iframe", { id: "summary-frame", class: "print-frame", title: "The summary to print", srcdoc: html });
  frame.addEventListener("load", () => frame.contentWindow.print(), { once: true });
  document.body.append(frame);
}
