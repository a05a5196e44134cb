"""HTML pieces that the standalone report and the workbench both show: the headline cards
and the files' import lines. Every text from a file is escaped."""
from __future__ import annotations

import html

from . import chartdata
from .signals import NONE_FOUND
from .text import card_text, import_counts, issue_line, share_note

#: The cards' look (the report's page and the workbench's pane both use it).
CARDS_CSS = """
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:.6rem}
.card{border:1px solid #ddd;border-radius:8px;padding:.6rem .8rem}
.card b{display:block;font-size:1.25rem}.neg{color:#c0362c}.pos{color:#1a7f37}
"""


def card(headline: dict, key: str, title: str, form: str) -> str:
    """One headline figure (`chartdata.CARDS`), its exact value in `data-value`; a signed
    figure coloured by gain or loss."""
    value = headline[key]
    text = card_text(form, value)
    tone = ("neg" if (value or 0) < 0 else "pos" if (value or 0) > 0 else "") if form.endswith("±") else ""
    return (f'<div class="card" data-kpi="{key}" data-value="{value}">{html.escape(title)}'
            f'<b class="{tone}">{html.escape(text)}</b></div>')


def cards(headline: dict) -> str:
    """Every headline card, in `chartdata.CARDS` order."""
    return "".join(card(headline, k, t, form) for k, t, form, _ in chartdata.CARDS)


#: How many of a file's issues are listed; the rest are counted.
ISSUES_LISTED = 20


def files(reports: list[dict]) -> str:
    """What each file's import did (`ImportReport.as_dict`, or the CLI's line for a file it
    could not open), with the file's issues, in the words of the CLI's summary (`text.file_lines`)."""
    items = []
    for f in reports:
        name = html.escape(f["name"])
        if "error" in f:
            items.append(f"<li><b>{name}</b>: not imported. {html.escape(f['error'])}</li>")
            continue
        share = f"<br>{html.escape(share_note(f))}" if "shared" in f else ""
        items.append(f"<li><b>{name}</b>: {import_counts(f)}{share}{_issues(f['issues'])}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _issues(issues: list[dict]) -> str:
    if not issues:
        return ""
    lines = [f"<li>{html.escape(issue_line(issue))}</li>" for issue in issues[:ISSUES_LISTED]]
    more = len(issues) - ISSUES_LISTED
    if more > 0:
        lines.append(f"<li>and {more:,} more</li>")
    return f'<ul class="issues">{"".join(lines)}</ul>'


def _link(url: str | None, text: str) -> str:
    return f'<a href="{html.escape(url)}" target="_blank" rel="noopener">{html.escape(text)}</a>' if url else html.escape(text)


def signals(answer: dict) -> str:
    """The safer-gambling signals (`present.signals.with_words`) and where to get help, in the
    words the CLI's summary prints (`signal_lines`)."""
    out = []
    for s in answer["signals"]:
        out.append(f'<div class="signal" data-signal="{html.escape(s["id"])}"><b>{html.escape(s["title"])}</b>'
                   f'<p>{html.escape(s["found"])}</p><p>How: {html.escape(s["how"])}</p>'
                   f'<p>Why: {html.escape(s["why"])} ({_link(s["source"]["url"], s["source"]["name"])})</p></div>')
    if not answer["signals"]:
        out.append(f"<p>{html.escape(NONE_FOUND)}</p>")
    support = "".join(f"<li>{_link(h['url'], h['name'])}{', ' + html.escape(h['phone']) if h['phone'] else ''}: "
                      f"{html.escape(h['what'])}</li>" for h in answer["support"])
    return "".join(out) + f"<p>Support, whenever you want it:</p><ul>{support}</ul>"
