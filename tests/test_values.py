import datetime as dt

import pytest

from tmb_core.read.values import BadValue, parse_flag, parse_id, parse_money, parse_time


@pytest.mark.parametrize("text, cents", [
    ("-5", -500), ("-5.00", -500), ("1.36", 136), ("0", 0), ("1.5", 150),
    ("$1,234.50", 123450), ("-$12.00", -1200), ("$-12.00", -1200), ("(5.00)", -500),
    ("\u22125.25", -525), (" 7.10 ", 710), ("+3.00", 300), ("1,000", 100000),
    ("($1,000.01)", -100001), ("5.00 DR", -500), ("5.00CR", 500),
])
def test_money_formats(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1.234", "1,23", "--5", "$", "5-", "1.2.3", "NaN", "1e5"])
def test_bad_money_is_refused_never_zero(text):
    with pytest.raises(BadValue):
        parse_money(text)


@pytest.mark.parametrize("text, expected", [
    ("24/11/2026 19:05", dt.datetime(2026, 11, 24, 19, 5)),
    ("4/11/2026 9:05", dt.datetime(2026, 11, 4, 9, 5)),
    ("04/01/2026 19:05:33", dt.datetime(2026, 1, 4, 19, 5, 33)),
    ("31/12/2026 24:10", dt.datetime(2027, 1, 1, 0, 10)),
    ("28/02/2026 24:00", dt.datetime(2026, 3, 1, 0, 0)),
    ("24/11/2026 7:05 PM", dt.datetime(2026, 11, 24, 19, 5)),
    ("24/11/2026 12:30 am", dt.datetime(2026, 11, 24, 0, 30)),
    ("2026-11-24 19:05:00", dt.datetime(2026, 11, 24, 19, 5)),
    ("24/11/26 19:05", dt.datetime(2026, 11, 24, 19, 5)),
])
def test_times_are_day_first_and_24_is_next_day(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "11/24/2026 19:05", "32/01/2026 10:00", "24/11/2026 25:00",
                                  "yesterday", "24/11/2026 19:5"])
def test_bad_times_are_refused(text):
    with pytest.raises(BadValue):
        parse_time(text)


def test_flags():
    assert parse_flag("true") is True and parse_flag("TRUE") is True and parse_flag(" 1 ") is True
    assert parse_flag("false") is False and parse_flag("FALSE") is False and parse_flag("") is False
    with pytest.raises(BadValue):
        parse_flag("maybe")


def test_ids_are_opaque_but_excel_mangling_is_refused():
    assert parse_id(" 0045012345678 ", "Transaction Id") == "0045012345678"
    assert parse_id("45012345678.0", "Transaction Id") == "45012345678"
    with pytest.raises(BadValue, match="scientific notation"):
        parse_id("4.50123E+10", "Transaction Id")
