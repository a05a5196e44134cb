"""The safer-gambling signals' thresholds, their sources and the support services: the ONE place
they are set. `figures/signals.py` computes the signals with these numbers; the words that say
how each one is computed are made from them here, so the page, the CLI and the code cannot
disagree. The signals describe what the rows show, never the person.
"""
from __future__ import annotations

#: Chasing: a deposit within CHASE_HOURS after a stake took the balance to NEAR_ZERO dollars or
#: less (and it stayed there until the deposit), or on the day after a day whose bets lost money.
CHASE_HOURS = 24
NEAR_ZERO = 5.00
#: Rising stakes: the average cash stake of the last RECENT_MONTHS months against the
#: EARLIER_MONTHS before them, shown when it is at least RISE_RATIO times as high and each
#: period holds at least STAKE_MIN_BETS cash bets.
RECENT_MONTHS = 3
EARLIER_MONTHS = 12
RISE_RATIO = 1.25
STAKE_MIN_BETS = 10
#: Late-night betting: bets placed from NIGHT_FROM o'clock to before NIGHT_TO o'clock (the
#: export's own clock), shown when they are at least NIGHT_SHARE of the bets and NIGHT_MIN_BETS.
NIGHT_FROM = 0
NIGHT_TO = 5
NIGHT_SHARE = 0.10
NIGHT_MIN_BETS = 5
#: Australia's low-risk limits for sports and other event betting (Dowling et al. 2022): betting
#: on more than LIMIT_DAYS days, or losing more than LIMIT_SPEND dollars, in LIMIT_MONTHS months.
LIMIT_DAYS = 14
LIMIT_SPEND = 400.00
LIMIT_MONTHS = 12
#: The most occasions a signal lists (the latest ones); its counts and totals cover them all.
LISTED = 20


def clock(h: int) -> str:
    """An hour of the day in words: midnight, 5 am, noon, 11 pm."""
    return "midnight" if h == 0 else f"{h} am" if h < 12 else "noon" if h == 12 else f"{h - 12} pm"


SOURCES = {
    "pgsi": {"name": "Ferris & Wynne (2001), The Canadian Problem Gambling Index: Final Report, "
                     "Canadian Centre on Substance Abuse", "url": None},
    "ukgc": {"name": "UK Gambling Commission (2021), Online games design and reverse withdrawals: consultation response",
             "url": "https://www.gamblingcommission.gov.uk/manual/online-games-design-and-reverse-withdrawals/"
                    "ogdrw-prohibition-of-reverse-withdrawals-for-all-remote-operators"},
    "dsm5": {"name": "American Psychiatric Association (2013), DSM-5, gambling disorder, criterion 1; "
                     "the Problem Gambling Severity Index asks the same (Ferris & Wynne 2001)", "url": None},
    "night": {"name": "Parke & Parke (2017), Getting Grounded in Problematic Play, GambleAware (London): "
                      "'unsociable hours gambling'", "url": None},
    "dowling": {"name": "Dowling et al. (2022), The Identification of Low-risk Gambling Limits for Specific "
                        "Gambling Activities, Journal of Gambling Studies 38, 559-590",
                "url": "https://doi.org/10.1007/s10899-021-10036-z"},
    "vrgf": {"name": "Victorian Responsible Gambling Foundation, Online gambling: signs of a problem",
             "url": "http://problemgambling.vic.gov.au/main/taking-control/online-gambling/signs-of-a-problem"},
}

#: Each signal: its id, its plain title, how it is computed (one sentence, from the numbers
#: above), why it matters (one sentence) and the source that sentence rests on.
SIGNALS = {
    "chasing": {
        "title": "Deposits soon after losing",
        "how": f"A deposit counts when it came within {CHASE_HOURS} hours of a stake taking your balance to "
               f"${NEAR_ZERO:,.2f} or less (with the balance staying there until the deposit), or on the day after "
               "a day your bets lost money; only the From and To filters apply, as to every deposit.",
        "why": "Putting more money in to win back what was lost is one of the patterns most often linked "
               "with gambling harm.",
        "source": "pgsi"},
    "reversed_withdrawals": {
        "title": "Withdrawals that came back",
        "how": "Every Returned Withdrawal row of the export in the dates shown: money on its way to your bank "
               "that came back into the betting account, whether you cancelled it or the bank sent it back.",
        "why": "Britain's gambling regulator banned reversing withdrawals because taking money back to keep "
               "betting is a known risk.",
        "source": "ukgc"},
    "rising_stakes": {
        "title": "Bigger stakes lately",
        "how": f"The average cash stake of the last {RECENT_MONTHS} months against the {EARLIER_MONTHS} months "
               f"before them, shown when it is at least {RISE_RATIO:g} times as high and each period has at "
               f"least {STAKE_MIN_BETS} cash bets; the months end on the To date, else on the latest transaction.",
        "why": "One of the standard questions used to check for gambling harm asks whether you need bigger bets "
               "to get the same excitement.",
        "source": "dsm5"},
    "late_night": {
        "title": "Bets placed late at night",
        "how": f"The share of your bets placed from {clock(NIGHT_FROM)} to {clock(NIGHT_TO)} on the export's "
               f"own clock (AEST as written), shown when it is at least {NIGHT_SHARE:.0%} of them and at least "
               f"{NIGHT_MIN_BETS} bets.",
        "why": "Betting at hours meant for sleep comes up again and again in studies of online gambling harm.",
        "source": "night"},
    "low_risk_limits": {
        "title": "Beyond the low-risk limits",
        "how": f"Days with a bet placed, and what your bets lost (stakes less returns), in the {LIMIT_MONTHS} "
               f"months to the To date (else the latest transaction), against about {LIMIT_DAYS} times and "
               f"${LIMIT_SPEND:,.0f} a year; every bet the filters keep counts, racing too, though the limits "
               "were set for sports and other event betting.",
        "why": "Australian researchers found that people who bet on sports more often or spend more than "
               "these limits are more likely to be harmed; they are a guide, not a diagnosis.",
        "source": "dowling"},
    "net_cash": {
        "title": "Money put in, less money taken out",
        "how": "Deposits less withdrawals, plus withdrawals that came back, month by month and added up, in "
               "the dates shown; shown when more went in than came out.",
        "why": "Topping an account up again and again without taking money out is a common way problems "
               "build up unnoticed.",
        "source": "vrgf"},
}

#: Where to get help, shown with every list of signals, present or not.
SUPPORT = (
    {"name": "Gambling Help Online", "what": "Free, confidential counselling by phone or online, 24 hours a day, "
     "for you or for family and friends.",
     "phone": "1800 858 858", "tel": "tel:1800858858", "url": "https://www.gamblinghelponline.org.au",
     "site": "gamblinghelponline.org.au"},
    {"name": "BetStop", "what": "The national self-exclusion register: one sign-up excludes you from every "
     "licensed Australian online and phone betting provider.",
     "phone": "1800 238 786", "tel": "tel:1800238786", "url": "https://www.betstop.gov.au", "site": "betstop.gov.au"},
    {"name": "Sportsbet deposit limits", "what": "How to set a limit on what you can deposit each 24 hours, "
     "7 days or 28 days; a lower limit applies straight away.",
     "phone": None, "tel": None, "url": "https://helpcentre.sportsbet.com.au/hc/en-us/articles/115004973308",
     "site": "helpcentre.sportsbet.com.au"},
)


def described(signal_id: str) -> dict:
    """A signal's id, title, how, why and source ({name, url})."""
    s = SIGNALS[signal_id]
    return {"id": signal_id, "title": s["title"], "how": s["how"], "why": s["why"], "source": SOURCES[s["source"]]}


def thresholds() -> dict:
    """Every threshold by name (the CLI's JSON and the page can show them as they are)."""
    return {"chase_hours": CHASE_HOURS, "near_zero": NEAR_ZERO, "recent_months": RECENT_MONTHS,
            "earlier_months": EARLIER_MONTHS, "rise_ratio": RISE_RATIO, "stake_min_bets": STAKE_MIN_BETS,
            "night_from": NIGHT_FROM, "night_to": NIGHT_TO, "night_share": NIGHT_SHARE,
            "night_min_bets": NIGHT_MIN_BETS, "limit_days": LIMIT_DAYS, "limit_spend": LIMIT_SPEND,
            "limit_months": LIMIT_MONTHS}
