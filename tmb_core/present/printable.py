"""A summary to keep: the filtered view on one or two printed pages (HTML made to be printed, or
saved as PDF, on A4 or Letter) and as a CSV of its figures. tmb_core writes both, so the page
(through the engine's `printable_summary` op) and the CLI (`report --summary`) give the same files:
the headline figures, how often the punter loses, the profit over time, the top of each
breakdown, the safer-gambling signals and where to get support. Every text is escaped.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io

from ..model import FILTER_FIELDS, PRESUMED_LOST_DAYS, Filters
from .chartdata import CARDS
from .export import safe_cell
from .signals import with_words
from .text import card_text, day, dollars, plural, truth_lines

#: The rows of each breakdown the summary lists: the largest by turnover.
TOP_ROWS = 5
DIMENSIONS = (("sport", "Sport"), ("competition", "Competition or track"), ("team", "Team or player"),
              ("market", "Market"), ("bet_type", "Bet type"))


def printable(ledger, filters: Filters, period: str, made: dt.date) -> dict:
    """What the summary shows of `filters`' view, as data (both files are made from it)."""
    data = ledger.dashboard(filters, period, best=False)
    headline = data["headline"]
    tops = {d: {k: v[:TOP_ROWS] for k, v in data["breakdowns"][d].items()} for d, _ in DIMENSIONS}
    return {"made": made.isoformat(), "filters": described(filters), "headline": headline,
            "truth": truth_lines(ledger.insights(filters, headline), headline) if headline["bets"] else [],
            "series": data["series"], "breakdowns": tops, "signals": with_words(ledger.signals(filters))}


def described(f: Filters) -> list[str]:
    """The filters that narrow the view, in words ("Sport: Soccer"); none: every bet."""
    out = []
    for field in FILTER_FIELDS:
        value = getattr(f, field.name)
        if value is None or (field.name == "presumed_lost_days" and value == PRESUMED_LOST_DAYS):
            continue
        shown = value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value
        out.append(f"{field.label}: {shown}{' days' if field.kind == 'days' else ''}")
    return out


# --- CSV: one row per figure, section by section --------------------------------------------------

def to_csv(doc: dict) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["Section", "Name", "Bets", "Turnover", "Net profit", "Return on turnover", "Value"])
    for f in doc["filters"] or ["Every bet"]:
        w.writerow(["Filters", safe_cell(f), "", "", "", "", ""])
    h = doc["headline"]
    for key, title, _form, _help in CARDS:
        w.writerow(["Headline", title, "", "", "", "", _number(h[key])])
    w.writerow(["Headline", "Bets", "", "", "", "", h["bets"]])
    for dimension, title in DIMENSIONS:
        t = doc["breakdowns"][dimension]
        for i, name in enumerate(t["key"]):
            w.writerow([title, safe_cell(name), t["bets"][i], _number(t["staked"][i]), _number(t["profit"][i]),
                        _number(t["roi"][i]), ""])
    for s in doc["signals"]["signals"]:
        w.writerow(["Pattern worth knowing about", s["title"], "", "", "", "", safe_cell(s["found"])])
    return out.getvalue()


def _number(value):
    return "" if value is None else round(value, 6)


# --- HTML: printed on one or two pages ------------------------------------------------------------

_CSS = """
@page { margin: 14mm 12mm; }
body { font: 10.5pt/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1d21; margin: 0 auto;
  max-width: 190mm; padding: 0 4mm; }
h1 { font-size: 16pt; margin: 0 0 2pt; } h2 { font-size: 11.5pt; margin: 10pt 0 4pt; }
p { margin: 3pt 0; } .muted { color: #5b6270; } .loss { color: #c0362c; } .gain { color: #1a7f37; }
section { break-inside: avoid; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3pt 12pt; }
.figures div { border-bottom: 1px solid #dde1e7; padding: 2pt 0; display: flex; justify-content: space-between; }
ul { margin: 2pt 0; padding-left: 14pt; } li { margin: 1pt 0; }
svg { width: 100%; height: auto; display: block; }
.tops { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; break-inside: avoid; }
th, td { text-align: left; padding: 1.5pt 3pt; border-bottom: 1px solid #eef0f3; }
.num { text-align: right; white-space: nowrap; }
"""


def to_html(doc: dict) -> str:
    h = doc["headline"]
    span = f"{day(h['first'])} to {day(h['last'])}" if h["first"] else "no transactions"
    parts = [f"<h1>TrackMyBets summary</h1><p class='muted' data-made='{doc['made']}'>Made on {day(doc['made'])} "
             f"from {h['transactions']:,} transactions, {span}. "
             f"{_e('; '.join(doc['filters']) or 'Every bet')}.</p>",
             _headline(h), _truth(doc["truth"]), _chart(doc["series"]), _tops(doc["breakdowns"]),
             _signals(doc["signals"])]
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>TrackMyBets summary</title>"
            f"<style>{_CSS}</style></head><body>{''.join(parts)}</body></html>")


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _tone(form: str, value) -> str:
    return ("loss" if (value or 0) < 0 else "gain" if (value or 0) > 0 else "") if form.endswith("±") else ""


def _headline(h: dict) -> str:
    cells = "".join(f"<div><span>{_e(title)}</span><b class='{_tone(form, h[key])}' data-kpi='{key}' "
                    f"data-value='{'' if h[key] is None else h[key]}'>{_e(card_text(form, h[key]))}</b></div>"
                    for key, title, form, _help in CARDS)
    return (f"<section><h2>The figures</h2><div class='figures'>{cells}</div><p class='muted'>{plural(h['bets'], 'bet')}; "
            f"a bet with no result after {h['presumed_lost_days']} days counts as lost.</p></section>")


def _truth(lines: list[str]) -> str:
    if not lines:
        return ""
    return "<section><h2>How often you lose</h2><ul>" + "".join(f"<li>{_e(x)}</li>" for x in lines) + "</ul></section>"


def _tops(breakdowns: dict) -> str:
    tables = []
    for dimension, title in DIMENSIONS:
        t = breakdowns[dimension]
        rows = "".join(f"<tr><td>{_e(name)}</td><td class='num'>{t['bets'][i]:,}</td>"
                       f"<td class='num'>{_e(dollars(t['staked'][i]))}</td>"
                       f"<td class='num {_tone('±', t['profit'][i])}'>{_e(dollars(t['profit'][i], True))}</td></tr>"
                       for i, name in enumerate(t["key"]))
        tables.append(f"<table data-breakdown='{dimension}'><thead><tr><th>{_e(title)}</th><th class='num'>Bets</th>"
                      f"<th class='num'>Turnover</th><th class='num'>Profit</th></tr></thead><tbody>{rows}</tbody></table>")
    return (f"<section><h2>Where it went: the top {TOP_ROWS} of each by turnover</h2>"
            f"<div class='tops'>{''.join(tables)}</div></section>")


#: When no pattern shows: no clean bill of health, and the way to support.
_NONE = ("None of the patterns TrackMyBets looks for shows in these transactions. These checks cannot see "
         "everything: if your betting worries you, the support below is there.")


def _signals(answer: dict) -> str:
    found = "".join(f"<li data-signal='{s['id']}'><b>{_e(s['title'])}.</b> {_e(s['found'])}</li>"
                    for s in answer["signals"])
    body = f"<ul>{found}</ul>" if found else f"<p>{_NONE}</p>"
    support = "".join(f"<li><b>{_e(s['name'])}</b>{', ' + _e(s['phone']) if s['phone'] else ''}, "
                      f"<a href='{_e(s['url'])}'>{_e(s['site'])}</a>: {_e(s['what'])}</li>" for s in answer["support"])
    return (f"<section><h2>Patterns worth knowing about</h2><p class='muted'>What your transactions show, not a diagnosis."
            f"</p>{body}</section><section><h2>Support, whenever you want it</h2><ul>{support}</ul></section>")


# The running total over time (and each period's profit) as an SVG drawn here, so that the
# printed summary needs no script.
_W, _H, _LEFT, _BOTTOM = 680, 190, 64, 18


def _chart(series: dict) -> str:
    totals, profits = series["cumulative"], series["profit"]
    if not totals:
        return ""
    low, high = min(0.0, *totals, *profits), max(0.0, *totals, *profits)
    step = (_W - _LEFT - 8) / len(totals)

    def y(v: float) -> float:
        return 6 + (high - v) / ((high - low) or 1.0) * (_H - _BOTTOM - 12)

    def x(i: int) -> float:
        return _LEFT + step * (i + 0.5)

    bars = "".join(f"<rect x='{x(i) - step * 0.35:.1f}' y='{min(y(p), y(0)):.1f}' width='{step * 0.7:.1f}' "
                   f"height='{abs(y(p) - y(0)):.1f}' fill='{'#1a7f37' if p >= 0 else '#c0362c'}' opacity='.55'/>"
                   for i, p in enumerate(profits))
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(totals))
    labels = "".join(f"<text x='{_LEFT - 6}' y='{y(v) + 3:.1f}' text-anchor='end'>{_e(dollars(v, True))}</text>"
                     for v in sorted({low, 0.0, high}))
    first, last = series["period"][0], series["period"][-1]
    return (f"<section><h2>Profit over time: each period, and the running total</h2>"
            f"<svg viewBox='0 0 {_W} {_H}' role='img' aria-label='Running total from {_e(day(first))} to "
            f"{_e(day(last))}: {_e(dollars(totals[-1], True))}' font-size='10' fill='#5b6270'>"
            f"<line x1='{_LEFT}' x2='{_W - 8}' y1='{y(0):.1f}' y2='{y(0):.1f}' stroke='#9aa1ad'/>{bars}"
            f"<polyline points='{line}' fill='none' stroke='#1f4e99' stroke-width='2'/>{labels}"
            f"<text x='{_LEFT}' y='{_H - 4}'>{_e(day(first))}</text>"
            f"<text x='{_W - 8}' y='{_H - 4}' text-anchor='end'>{_e(day(last))}</text></svg></section>")
