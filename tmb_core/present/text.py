"""The figures in plain words: the CLI's summary, the HTML report's sentences, and the guess
beside the truth that the page shows too (`guess_lines`)."""
from __future__ import annotations


def dollars(value: float | None, signed: bool = False) -> str:
    """$1,234.50, or −$12.00 / +$3.60 when signed (None is a dash)."""
    if value is None:
        return "-"
    text = f"${abs(value):,.2f}"
    if value < 0:
        return "\u2212" + text
    return ("+" + text) if signed and value > 0 else text


def percent(value: float | None) -> str:
    """14.2%, or −14.2% (the minus sign, as `dollars` and the site write it)."""
    if value is None:
        return "-"
    return ("\u2212" if value < 0 else "") + f"{abs(value) * 100:.1f}%"


def file_lines(files: list[dict]) -> list[str]:
    """What each file's import did, and its issues, a line each (the summary's "Files")."""
    out = ["Files"]
    for f in files:
        if "error" in f:
            out.append(f"  {f['name']}: NOT IMPORTED. {f['error']}")
            continue
        out.append(f"  {f['name']}: {import_counts(f)}")
        if "shared" in f:
            out.append(f"    {share_note(f)}")
        out += [f"    {issue_line(issue)}" for issue in f["issues"]]
    return out


def import_counts(f: dict) -> str:
    """An import report's counts (`ImportReport.as_dict`) in words."""
    return (f"{f['inserted']:,} new, {f['updated']:,} updated, {f['unchanged']:,} already stored, "
            f"{f['rejected']:,} rejected")


def share_note(f: dict) -> str:
    """What an imported share (a report with `shared`) is, and whether its amounts are scaled."""
    return ("a share made with TrackMyBets: new ids, no card, bank or personal details"
            + ("; amounts scaled: the patterns are the account's, the sums are not" if f["shared"]["scaled"] else ""))


def issue_line(issue: dict) -> str:
    """One issue of an import: where (the row, or the file), the column, and what is wrong."""
    where = f"row {issue['row']}" if issue["row"] else "file"
    column = f" ({issue['column']})" if issue.get("column") else ""
    return f"{where}{column}: {issue['message']}"


def span(period: dict) -> str:
    """A period's first and last day ({"from", "to"}, ISO) as "01/10/2026 to 31/10/2026"."""
    return f"{day(period['from'])} to {day(period['to'])}"


def in_ten(share: float) -> int:
    """A share as "N in 10", halves rounded up; never 10 unless all, nor 0 unless none (the
    page says it the same way: site/app/dashboard.js inTen)."""
    if share <= 0 or share >= 1:
        return 0 if share <= 0 else 10
    return min(max(int(share * 10 + 0.5), 1), 9)


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def card_text(form: str, value: float | None) -> str:
    """A headline card's figure in its format (chartdata.CARDS)."""
    if form == "cash":
        return "-" if value is None else f"{dollars(abs(value))} {'taken out' if value < 0 else 'put in'}"
    return percent(value) if form.startswith("pct") else dollars(value, form.endswith("±"))


def day(iso: str) -> str:
    """03/11/2025 for 2025-11-03 (a time after the date is left out)."""
    y, m, d = iso[:10].split("-")
    return f"{d}/{m}/{y}"


def truth_lines(i: dict, s: dict) -> list[str]:
    """How often the punter loses (`Ledger.insights` `i`, the headline `s`) in plain sentences:
    the CLI's and the report's words (the page says the same, site/app/dashboard.js)."""
    out = []
    if i["days"]:
        out.append(f"You lost money in {i['months_lost']:,} of {plural(i['months'], 'month')}, "
                   f"{i['weeks_lost']:,} of {plural(i['weeks'], 'week')} and "
                   f"{i['days_lost']:,} of {plural(i['days'], 'day')} you bet in.")
    if i["settled_lost_share"] is not None:
        share = i["settled_lost_share"]
        out.append(f"{in_ten(share)} in 10 of your settled bets ({percent(share)}) returned less than their stake.")
    if i["return_per_100"] is not None:
        out.append(f"For every $100 you staked, you got back {dollars(i['return_per_100'])}.")
    for key, word in (("longest_losing_run", "losing"), ("longest_winning_run", "winning")):
        run = i[key]
        if run:
            when = f"on {day(run['from'])}" if run["from"] == run["to"] else f"{day(run['from'])} to {day(run['to'])}"
            out.append(f"Your longest {word} run: {plural(run['bets'], 'bet')} in a row, {when}.")
    if s["bonus_bets"]:
        without = i["net_profit_without_bonus"]
        out.append(f"Without your bonus bets, your betting {'cost you' if without < 0 else 'made you'} "
                   f"{dollars(abs(without))}.")
        out.append(f"Your {plural(s['bonus_bets'], 'bonus bet')} that paid out returned {dollars(s['bonus_returns'])}. "
                   "What each bonus dollar returned is not in the export: it has no row for a bonus bet that lost, "
                   "and never gives a bonus bet's stake.")
    if i["expected_loss"]["per_100"] is not None:
        out += price_lines(i, s)
    return out


def compared(value, form: str, signed: bool = False) -> str:
    """A figure of a comparison (`chartdata.COMPARED` format); `signed` for the change (roi in points)."""
    if value is None:
        return "-"
    if form == "count":
        return (f"{value:+,}" if signed else f"{value:,}").replace("-", "\u2212")
    if form.startswith("pct"):
        return f"{value * 100:+.1f} pts".replace("-", "\u2212") if signed else percent(value)
    return dollars(value, signed)


#: What a period not all imported is (figures/compare.py `imported`), in the CLI's and the page's words.
UNIMPORTED = {"none": "nothing is imported for these days", "part": "only part of these days is imported"}


def render_comparison(files: list[dict], found: dict) -> str:
    """Two periods side by side (`Ledger.compare`), with the change from the second to the first."""
    from .chartdata import COMPARED

    a, b = found["a"], found["b"]
    lines = file_lines(files) + [""]
    if "reference" in found:
        lines.append(f"'This' month or year: that of the latest stored transaction, {day(found['reference'])}, "
                     "up to that day; the period it is set against is whole, so compare the pace, not only the totals.")
    lines.append(f"  {'':<20}{day(a['from']) + '-' + day(a['to']):>24}{day(b['from']) + '-' + day(b['to']):>24}"
                 f"{'change':>16}")
    for key, title, form in COMPARED:
        lines.append(f"  {title:<20}{compared(a[key], form):>24}{compared(b[key], form):>24}"
                     f"{compared(found['change'][key], form, True):>16}")
    lines += [f"  {day(p['from'])}-{day(p['to'])}: {UNIMPORTED[p['imported']]}, so no change is given."
              for p in (a, b) if p["imported"] != "all"]
    return "\n".join(lines)


def _whole(value: float) -> str:
    """$2,881 for 2,880.50 or -2,880.50: whole dollars, no sign."""
    return f"${int(abs(value) + 0.5):,}"


def _standing(net_profit: float, verb: str) -> str:
    """"you are $2,881 down" / "you thought you were $500 up" / "... about even"."""
    if abs(net_profit) < 0.5:
        return f"{verb} about even"
    return f"{verb} {_whole(net_profit)} {'up' if net_profit > 0 else 'down'}"


def guess_lines(reveal: dict) -> list[str]:
    """A guess beside the truth (`Ledger.guess_reveal`) in plain sentences, the page's and the
    CLI's: "You thought you were about even; you are $2,881 down." None of it for a skip."""
    out = []
    guessed, truth = reveal["net_profit"], reveal["truth"]
    if guessed is not None:
        out.append(f"{_standing(guessed, 'You thought you were')}; {_standing(truth['net_profit'], 'you are')}.")
        gap = reveal["difference"]
        if abs(gap) >= 0.5:
            word = "better" if gap > 0 else "worse"
            out.append(f"That is {_whole(gap)} {word} than you thought.")
    wins, won = reveal["wins_of_10"], truth["wins_of_10"]
    if wins is not None and won is not None:
        out.append(f"You thought {wins} in 10 of your bets would win; {won:g} in 10 of your settled bets did.")
    return out


def price_lines(i: dict, s: dict) -> list[str]:
    """The punter against the average punter, and what the prices cost against what luck did."""
    avg, cost = i["average_punter"], i["expected_loss"]
    result = f"you {'lost' if s['net_profit'] < 0 else 'made'} {dollars(abs(s['net_profit']))}"
    luck = cost["luck"]
    return [
        f"The average punter loses about ${100 * avg['margin']:g} of every $100 staked with Sportsbet; "
        f"on your {dollars(s['staked'])} staked that would be {dollars(avg['loss'])}: {result}.",
        f"The prices you took were expected to cost you about {_whole(cost['total'])} "
        f"({dollars(cost['per_100'])} of every $100 staked); on your settled bets, luck "
        f"{'was on your side' if luck >= 0 else 'went against you'} by about {_whole(luck)}. "
        "Over many bets luck matters less and less, while what the prices cost keeps adding up. "
        "This is an estimate, from typical bookmaker margins by kind of market "
        "and tote takeouts (the site's knowledge base lists them), not from the prices of your own markets.",
    ]


def render_headline(files: list[dict], s: dict, insights: dict | None = None) -> str:
    """The headline figures (and what each file did) as a short readable report."""
    lines = file_lines(files) + [""]
    if not s["transactions"]:
        return "\n".join(lines + ["No transactions stored."])
    verdict = "you lost" if s["net_profit"] < 0 else "you won"
    lines += [
        f"Your betting from {day(s['first'])} to {day(s['last'])} ({plural(s['transactions'], 'transaction')}, "
        f"{plural(s['bets'], 'bet')})",
        f"  Net profit            {dollars(s['net_profit'], True):>14}   ({verdict} {dollars(abs(s['net_profit']))})",
        f"  Turnover (staked)     {dollars(s['staked']):>14}",
        f"  Return on turnover    {percent(s['roi']):>14}",
        f"  Strike rate           {percent(s['strike_rate']):>14}   (settled bets that returned more than their stake)",
        f"  Average stake         {dollars(s['average_stake']):>14}",
        f"  Deposits              {dollars(s['deposits']):>14}",
        f"  Withdrawals           {dollars(s['withdrawals']):>14}",
        f"  {'Cash put in (net)' if s['net_cash_in'] >= 0 else 'Cash taken out (net)':<22}"
        f"{dollars(abs(s['net_cash_in'])):>14}   (deposits less withdrawals: not money made)",
        f"  Unsettled exposure    {dollars(s['unsettled_exposure']):>14}   ({plural(s['unsettled_bets'], 'bet')} with no result yet)",
        f"  Presumed lost         {dollars(s['presumed_lost_stakes']):>14}   "
        f"({plural(s['presumed_lost_bets'], 'bet')} with no result after {plural(s['presumed_lost_days'], 'day')})",
        f"  Bonus-funded returns  {dollars(s['bonus_returns']):>14}   (not bought with your cash)",
    ]
    by_kind = ", ".join(f"{k} {dollars(v, True)}" for k, v in s["profit_by_kind"].items())
    lines.append(f"  Profit by kind        {by_kind}")
    if insights:
        lines += ["", "How often you lose", *(f"  {line}" for line in truth_lines(insights, s))]
    if s["balance_gaps"]:
        lines.append(f"  Warning: the balance chain breaks {s['balance_gaps']} time(s): rows are missing "
                     "between your exports, so figures may be incomplete.")
    return "\n".join(lines)
