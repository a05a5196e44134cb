"""A standalone HTML report: the charts and tables of the dashboard in one file
that opens offline (BokehJS inline, no CDN). Every text from a file is escaped.
"""
from __future__ import annotations

import html
from pathlib import Path

from bokeh.embed import components
from bokeh.resources import INLINE

from ...figures.ledger import Ledger
from ...model import Filters
from ...sql import rows
from .. import chartdata
from ..html import CARDS_CSS, cards
from ..html import files as files_html
from ..text import compared, day, dollars, span, truth_lines
from . import charts

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1100px;
padding:1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{padding:.3rem .5rem;
border-bottom:1px solid #eee;text-align:left;vertical-align:top}td.n,th.n{text-align:right}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr));gap:1rem}.grid>div{min-width:0}
.scroll{overflow-x:auto}.cmp td{white-space:nowrap}
.note{background:#fff6e0;border:1px solid #e6c200;padding:.6rem;border-radius:6px}
""" + CARDS_CSS

def _table(columns: dict, fields: list[tuple[str, str]]) -> str:
    head = "".join(f"<th>{html.escape(t)}</th>" for _, t in fields)
    body = []
    for r in rows(columns):
        cells = []
        for key, _ in fields:
            v = r[key]
            if isinstance(v, float) and key not in ("price",):
                cells.append(f'<td class="n">{html.escape(dollars(v, key == "profit"))}</td>')
            else:
                cells.append(f"<td>{html.escape('' if v is None else str(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


_BET_FIELDS = [("placed", "Placed"), ("sport", "Sport"), ("event", "Event"), ("selection", "Selection"),
               ("bet_type", "Type"), ("status", "Status"), ("stake", "Stake"), ("profit", "Profit")]


#: The legs view's columns: (key, title); the counts are whole numbers.
LEG_FIELDS = (("legs", "Legs"), ("multis", "Multis"), ("multis_won", "Won"), ("multis_lost", "Lost"))


def _legs_tables(insights: dict) -> str:
    """Each leg's own sport, then sport and competition, over the multis (insights.legs_by_*)."""
    if not insights["legs_by_sport"]:
        return "<p>No multis with legs match these filters.</p>"
    out = []
    for key, names in (("legs_by_sport", ("sport",)), ("legs_by_competition", ("sport", "competition"))):
        head = "".join(f"<th>{n.capitalize()}</th>" for n in names)
        head += "".join(f'<th class="n">{t}</th>' for _, t in LEG_FIELDS)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(r[n])}</td>" for n in names)
                       + "".join(f'<td class="n">{r[k]:,}</td>' for k, _ in LEG_FIELDS) + "</tr>"
                       for r in insights[key])
        out.append(f'<div><table data-legs="{key}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>')
    return ("<p>Each leg of your multis by its own sport and competition: how many legs, in how many multis, "
            "and how many of those multis won and lost.</p>" f'<div class="grid">{"".join(out)}</div>')


def _comparison(found: dict | None, chart: str) -> str:
    """This month against last month (`Ledger.compare_preset`), the change of a '±' figure coloured."""
    if found is None:
        return ""
    a, b = found["a"], found["b"]
    head = "".join(f'<th class="n">{span(p)}</th>' for p in (a, b))
    body = []
    for key, title, form in chartdata.COMPARED:
        cells = []
        for name, value in (("a", a[key]), ("b", b[key]), ("change", found["change"][key])):
            tone = ("neg" if (value or 0) < 0 else "pos" if (value or 0) > 0 else "") if form.endswith("±") else ""
            cells.append(f'<td class="n {tone}" data-compare="{name}.{key}" data-value="{value}">'
                         f'{html.escape(compared(value, form, name == "change"))}</td>')
        body.append(f"<tr><th>{html.escape(title)}</th>{''.join(cells)}</tr>")
    return (f"<h2>This month against last month</h2><p>This month is that of the latest stored transaction "
            f"({day(found['reference'])}), up to that day.</p>"
            f'<div class="scroll"><table class="cmp"><thead><tr><th></th>{head}<th class="n">Change</th></tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>{chart}')


def render(ledger: Ledger, filters: Filters, files: list[dict], period: str = "week") -> str:
    """The report as one HTML string."""
    data = ledger.dashboard(filters, period)
    headline = data["headline"]
    insights = ledger.insights(filters, headline)
    figures = charts.dashboard_charts()
    found = ledger.compare_preset(filters, "month_vs_last_month") if headline["transactions"] else None
    if found is None:
        figures.pop("compare")
    charts.fill(figures, {**chartdata.all_sources(data, period), **chartdata.pattern_sources(insights),
                          **(chartdata.compare(found) if found else {})})
    script, divs = components(figures)
    gaps = ""
    if headline["balance_gaps"]:
        gaps = (f'<p class="note">The balance chain breaks {headline["balance_gaps"]} time(s): some rows are '
                "missing between your exports, so these figures may be incomplete.</p>")
    truth = "".join(f"<li>{html.escape(line)}</li>" for line in truth_lines(insights, headline))
    patterns = "".join(f"<div>{divs[name]}</div>" for name in chartdata.PATTERN_SOURCES)
    breakdowns = "".join(f"<div>{divs[name]}</div>" for name in figures if name.startswith("breakdown_"))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TrackMyBets report</title><style>{_CSS}</style>{INLINE.render()}{script}</head><body>
<h1>TrackMyBets report</h1>
<p>{headline['transactions']} transactions from {html.escape(str(headline['first'])[:10])} to
{html.escape(str(headline['last'])[:10])}; {headline['bets']} bets. Bets with no result after
{headline['presumed_lost_days']} days count as presumed lost.</p>
{files_html(files)}{gaps}
<h2>How often you lose</h2><ul class="truth">{truth}</ul>
<div class="cards">{cards(headline)}</div>
<h2>Profit and loss</h2>{divs['pnl']}
{_comparison(found, divs.get('compare', ''))}
<h2>Where it went</h2><div class="grid">{breakdowns}</div>
<h2>When and how you bet</h2><div class="grid">{patterns}</div>
<h2>The legs of your multis</h2>{_legs_tables(insights)}
<h2>Deposits and withdrawals</h2>{divs['cash']}
<h2>Best bets</h2>{_table(data['best'], _BET_FIELDS)}
<h2>Worst bets</h2>{_table(data['worst'], _BET_FIELDS)}
</body></html>"""


def write_report(ledger: Ledger, filters: Filters, path: Path, files: list[dict]) -> None:
    Path(path).write_text(render(ledger, filters, files), encoding="utf-8")
