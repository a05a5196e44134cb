"""Turning a dropped file's bytes into text, and saying what a file is when it
is not a Sportsbet export.
"""
from __future__ import annotations

import json


class NotAnExport(ValueError):
    """The whole file cannot be a Sportsbet export; the message says what it looks like."""


_MAGIC = (
    (b"PK\x03\x04", "an Excel workbook or a zip file, not a CSV export: in Sportsbet choose "
                    "the CSV download, or in Excel use File > Save As > CSV"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel workbook, not a CSV export: in Excel use "
                          "File > Save As > CSV"),
    (b"%PDF", "a PDF document (perhaps an activity statement), not the CSV transactions export"),
    (b"\x89PNG", "a PNG picture, not a CSV export"),
    (b"\xff\xd8\xff", "a JPEG picture, not a CSV export"),
)

TRY_AGAIN = ("In your Sportsbet account open Transactions, choose the period, and download "
             "it as CSV; then import that file.")


def sniff(data: bytes) -> str:
    """'utf-8' when the bytes may be UTF-8 text (checked fully later), else 'other'.

    Raises NotAnExport for an empty file, a known non-CSV format or binary data.
    """
    if not data[:4096].strip() and not data.strip():
        raise NotAnExport(f"The file is empty. {TRY_AGAIN}")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise NotAnExport(f"This looks like {what}.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data):
        return "other"
    if data.count(b"\x00") > len(data) // 10:
        raise NotAnExport("This is a binary file, not a CSV export. " + TRY_AGAIN)
    return "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name), detecting UTF-8/UTF-16 BOMs and Windows-1252."""
    sniff(data)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    data = data.replace(b"\x00", b"")  # a stray NUL is noise, never meaning
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:200]
    if len(head) < 4:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > half * 0.8 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > half * 0.8 and odd_nuls == 0:
        return "utf-16-be"
    return None


_OTHER_FORMATS = (
    ({"debit", "credit"}, "a bank statement or another bookmaker's export (it has Debit and Credit columns)"),
    ({"transaction date", "description"}, "another bookmaker's or a bank's export"),
    ({"selection", "odds", "stake"}, "a bet history from another bookmaker or a betting tracker"),
    ({"event", "stake", "return"}, "a bet history from another bookmaker or a betting tracker"),
    ({"date", "description", "amount"}, "another bookmaker's or a bank's export"),
)


def _looks_binary(text: str) -> bool:
    """Whether decoded text is mostly noise: bytes that are no character, or control codes."""
    head = text[:4096]
    odd = sum(1 for c in head if c == "\ufffd" or (ord(c) < 32 and c not in "\t\r\n") or 0x7F <= ord(c) < 0xA0)
    return odd > max(2, len(head) // 50)


def _shown(headers: list[str]) -> str:
    """The first headers as a message shows them: printable, each and all kept short."""
    names = ["".join(c for c in h.strip() if c.isprintable())[:40] for h in headers[:8]]
    return ", ".join(n for n in names if n)[:200] or "none"


def describe(text: str, headers: list[str], missing: list[str]) -> str:
    """Say in plain words what a file that lacks the required columns looks like."""
    if _looks_binary(text):
        return ("This is not a text file: its contents look like a program, a picture or a compressed "
                f"file, not a CSV export. {TRY_AGAIN}")
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            json.loads(stripped)
            return f"This is a JSON file, not a Sportsbet CSV export. {TRY_AGAIN}"
        except ValueError:
            pass
    if stripped[:1] == "<":
        return f"This looks like a web page or XML file, not a Sportsbet CSV export. {TRY_AGAIN}"
    lowered = {h.strip().lower() for h in headers}
    shown = _shown(headers)
    for needed, what in _OTHER_FORMATS:
        if needed <= lowered:
            return (f"These headers look like {what}, not a Sportsbet transactions export "
                    f"(columns found: {shown}). {TRY_AGAIN}")
    return ("This is not a Sportsbet transactions export: it has no "
            + ", ".join(f"'{m}'" for m in missing)
            + f" column (columns found: {shown}). {TRY_AGAIN}")
