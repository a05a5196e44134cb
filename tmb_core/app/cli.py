"""The command line: a thin wrapper over `Ledger`.

    python -m tmb_core summary FILE [FILE ...] [--json] [filters]   (with the safer-gambling signals)
    python -m tmb_core report FILE [FILE ...] -o report.html [--summary] [filters]
    python -m tmb_core compare FILE [FILE ...] (--this-month-vs-last | --this-month-vs-last-year |
                                                --this-year-vs-last | --a FROM..TO --b FROM..TO) [--json] [filters]
    python -m tmb_core backup FILE [FILE ...] -o backup.json
    python -m tmb_core share FILE [FILE ...] -o shared.csv [--scale]
    python -m tmb_core sample [--rows N] [--seed S] -o sample.csv
    python -m tmb_core explore [FILE ...] [--db PATH] [--port N] [--no-browser]   (needs the explore extra)

A FILE may be a Sportsbet export or a backup (the site's or `backup`'s, not locked).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ..figures.compare import PRESETS
from ..figures.ledger import Ledger
from ..model import FILTER_FIELDS, PRESUMED_LOST_DAYS, Filters
from ..present.chartdata import fitting_period


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-24") from None


def _span(text: str) -> tuple[dt.date, dt.date]:
    first, sep, last = text.partition("..")
    if not sep:
        raise argparse.ArgumentTypeError(f"'{text}' is not a range like 2026-10-01..2026-10-31")
    return _date(first), _date(last)


def _add_filters(p: argparse.ArgumentParser, dates: bool = True) -> None:
    """One option per `model.FILTER_FIELDS` (without the dates when `dates` is false)."""
    g = p.add_argument_group("filters (all optional; cash movements follow the dates only)")
    for f in FILTER_FIELDS:
        if f.kind == "date" and not dates:
            continue
        if f.kind == "date":
            g.add_argument(f.option, dest=f.name, type=_date, help=f.help)
        elif f.kind == "days":
            g.add_argument(f.option, dest=f.name, type=int, default=PRESUMED_LOST_DAYS,
                           help=f"{f.help.lower()} (default %(default)s)")
        else:
            g.add_argument(f.option, dest=f.name, help=f"only bets of this {f.label.lower()}")


def _filters(args) -> Filters:
    return Filters(**{f.name: getattr(args, f.name, None) for f in FILTER_FIELDS})


def _add_explore(sub) -> None:
    e = sub.add_parser("explore", help="the workbench: the dashboard as a Panel app on this machine, with "
                                       "the bets as a table to filter, sort and download (pip install 'tmb_core[explore]')")
    e.add_argument("files", nargs="*", type=Path, help="exports or backups to import first")
    e.add_argument("--db", type=Path, help="a DuckDB file that keeps what is imported between runs")
    e.add_argument("--port", type=int, help="the port to serve on (default: a free one)")
    e.add_argument("--no-browser", dest="browser", action="store_false", help="do not open a browser")


def _add_compare(sub) -> None:
    c = sub.add_parser("compare", help="two periods side by side (the other filters apply to both)")
    c.add_argument("files", nargs="+", type=Path)
    c.add_argument("--json", action="store_true", help="print one JSON object")
    which = c.add_mutually_exclusive_group(required=True)
    for option, preset in (("--this-month-vs-last", "month_vs_last_month"),
                           ("--this-month-vs-last-year", "month_vs_last_year"),
                           ("--this-year-vs-last", "year_vs_last_year")):
        which.add_argument(option, dest="preset", action="store_const", const=preset,
                           help=f"{PRESETS[preset].lower()} (this: the latest stored transaction's)")
    which.add_argument("--a", type=_span, metavar="FROM..TO", help="the period shown first, e.g. 2026-10-01..2026-10-31")
    c.add_argument("--b", type=_span, metavar="FROM..TO", help="the period it is set against (with --a)")
    _add_filters(c, dates=False)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tmb_core",
                                description="The truth about your Sportsbet betting, from its CSV exports.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summary", help="import exports and print the headline figures")
    s.add_argument("files", nargs="+", type=Path)
    s.add_argument("--json", action="store_true", help="print one JSON object")
    _add_filters(s)
    r = sub.add_parser("report", help="write a standalone HTML report with charts and tables")
    r.add_argument("files", nargs="+", type=Path)
    r.add_argument("-o", "--output", type=Path, required=True)
    r.add_argument("--summary", action="store_true", help="write the summary to keep instead (one or two "
                   "printed pages, as the site's 'Download summary'), and its figures as CSV beside it")
    _add_filters(r)
    _add_compare(sub)
    k = sub.add_parser("backup", help="write everything the files hold as one backup file (the site restores it)")
    k.add_argument("files", nargs="+", type=Path)
    k.add_argument("-o", "--output", type=Path, required=True)
    h = sub.add_parser("share", help="write one file to give a coach: every figure and bet, none of the "
                                     "account's ids, card or bank digits, names or file names")
    h.add_argument("files", nargs="+", type=Path)
    h.add_argument("-o", "--output", type=Path, required=True)
    h.add_argument("--scale", action="store_true",
                   help="scale the amounts so that the turnover is 100 (1000 ... with more than 2000 stakes): "
                        "the patterns without the sums")
    _add_explore(sub)
    g = sub.add_parser("sample", help="write a realistic synthetic export to try things with")
    g.add_argument("--rows", type=int, default=2000)
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("-o", "--output", type=Path, required=True)
    return p


def _import(ledger: Ledger, files: list[Path]) -> list[dict]:
    reports = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as why:
            reports.append({"name": path.name, "inserted": 0, "updated": 0, "unchanged": 0,
                            "rejected": 0, "issues": [], "error": f"cannot open the file: {why.strerror}"})
            continue
        reports.append(ledger.import_file(path.name, data).as_dict())
    return reports


def _report(ledger: Ledger, args, files: list[dict]) -> None:
    if not args.summary:
        from ..present.bokeh.report import write_report

        write_report(ledger, _filters(args), args.output, files)
        print(f"wrote {args.output}")
        return
    from ..present import printable

    span = ledger.span()
    doc = printable.printable(ledger, _filters(args), fitting_period(span["first"], span["last"]), dt.date.today())
    table = args.output.with_suffix(".csv")
    args.output.write_text(printable.to_html(doc), encoding="utf-8")
    table.write_text(printable.to_csv(doc), encoding="utf-8", newline="")
    print(f"wrote {args.output} (print it, or save it as PDF) and {table}")


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.command not in ("sample", "backup", "share", "explore"):
        problems = _filters(args).problems()
        if problems:   # said before any file is read: exits with status 2, as argparse does
            p.error(" ".join(message for _, message in problems))
    if args.command == "compare":
        _check_spans(p, args)
    if args.command == "share" and args.output.resolve() in {f.resolve() for f in args.files}:
        p.error(f"-o {args.output} is one of the files to share: give the share another name")
    if args.command == "sample":
        from ..sample import generate_csv

        args.output.write_text(generate_csv(args.rows, seed=args.seed), encoding="utf-8", newline="")
        print(f"wrote {args.rows} rows to {args.output}")
        return 0
    if args.command == "explore":
        return _explore(p, args)
    ledger = Ledger.in_memory()
    files = _import(ledger, args.files)
    failed = any("error" in f for f in files)
    if args.command == "backup":
        args.output.write_text(ledger.backup(), encoding="utf-8")
        print(f"wrote {ledger.transaction_count()} transactions to {args.output}")
        return 1 if failed else 0
    if args.command == "share":
        return _share(ledger, args, files)
    if args.command == "report":
        _report(ledger, args, files)
        return 1 if failed else 0
    if args.command == "compare":
        _compare(ledger, args, files)
        return 1 if failed else 0
    _summary(ledger, args, files)
    return 1 if failed else 0


def _summary(ledger: Ledger, args, files: list[dict]) -> None:
    """The headline figures, the insights and the safer-gambling signals, as JSON or as text."""
    from ..present.signals import signal_lines, with_words

    f = _filters(args)
    headline = ledger.headline(f)
    insights = ledger.insights(f, headline)
    signals = with_words(ledger.signals(f))
    if args.json:
        print(json.dumps({"files": files, **headline, "insights": insights, "signals": signals}, indent=2))
        return
    from ..present.text import render_headline

    print(render_headline(files, headline, insights))
    if headline["transactions"]:
        print("\nPatterns worth knowing about (what your transactions show, not a diagnosis)")
        print("\n".join(f"  {line}" for line in signal_lines(signals)))


def _share(ledger: Ledger, args, files: list[dict]) -> int:
    """Write the share, or say on stderr why not (a file that is not an export, nothing stored,
    nothing staked to scale): exit status 1, and no file written."""
    from ..store.share import CannotShare

    refused = [f for f in files if "error" in f]
    for f in refused:
        print(f"{f['name']}: not shared. {f['error']}", file=sys.stderr)
    try:
        if refused:
            raise CannotShare("Nothing was written: a share holds every file given, or none.")
        text = ledger.share(scale=args.scale, scaled=any(f.get("shared", {}).get("scaled") for f in files))
        args.output.write_text(text, encoding="utf-8", newline="")
    except CannotShare as why:
        print(why, file=sys.stderr)
        return 1
    except OSError as why:
        print(f"cannot write {args.output}: {why.strerror}", file=sys.stderr)
        return 1
    for f in files:
        if f["rejected"]:
            print(f"{f['name']}: {f['rejected']} rows were left out, as `summary` says; the share has the rest")
    mark = text.partition("\r\n")[0].rpartition(",")[2]   # the share's marking header names its turnover
    scaled = f"; amounts scaled so that the turnover is {mark.rpartition(' ')[2].rstrip(')')}" if args.scale else ""
    print(f"wrote {ledger.transaction_count()} transactions to {args.output}, without the account's ids, "
          f"card or bank digits, names or file names{scaled}")
    return 0


def _explore(p: argparse.ArgumentParser, args) -> int:
    """Import the files (into --db, when given) and serve the workbench until interrupted."""
    from . import explore

    if not args.files and not args.db:
        p.error("explore needs files to import, or --db with what an earlier run kept")
    ledger = explore.open_ledger(args.db)
    files = _import(ledger, args.files)
    if files:
        from ..present.text import file_lines

        print("\n".join(file_lines(files)))
    try:
        explore.serve(ledger, files, args.port, args.browser)
    except KeyboardInterrupt:
        pass
    return 0


def _check_spans(p: argparse.ArgumentParser, args) -> None:
    """--a and --b go together, each running forwards (exits with status 2, before reading any file)."""
    if (args.a is None) != (args.b is None):
        p.error("--a and --b go together: give both periods, or a preset")
    for name in ("a", "b"):
        span = getattr(args, name)
        if span and span[0] > span[1]:
            p.error(f"--{name} runs backwards: {span[0]} is after {span[1]}")


def _compare(ledger: Ledger, args, files: list[dict]) -> None:
    f = _filters(args)
    found = ledger.compare_preset(f, args.preset) if args.preset else ledger.compare(f, args.a, args.b)
    if args.json:
        print(json.dumps({"files": files, **found}, indent=2))
    else:
        from ..present.text import render_comparison

        print(render_comparison(files, found))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
