// Dates as an Australian reads and types them, day first, whatever the browser's language: the
// date fields are text (a date input shows the browser's own order), read and written here.
// The engine takes ISO dates, and reads a typed day/month/year too (its message names the field).

// "24/11/2026" (or 24-11-26, 24.11.2026, or ISO) as "2026-11-24"; the text as typed when it is no
// date, so that the engine says what is wrong; "" for nothing.
export function toISO(text) {
  const typed = (text || "").trim();
  const found = typed.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/);
  if (!found) return typed;
  const [, d, m, y] = found;
  const year = y.length === 2 ? `20${y}` : y;
  const iso = `${year}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const day = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(iso) ? iso : typed.replace(/[.-]/g, "/");
}

// "2026-11-24" as "24/11/2026"; anything else as it is.
export function fromISO(iso) {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return found ? `${found[3]}/${found[2]}/${found[1]}` : iso || "";
}
