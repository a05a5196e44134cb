"""A row's transaction kind from its Type text, and the sign each kind's Amount should have
(docs/domain.md, "Transaction kinds"). Unknown types are kept as OTHER, never dropped.
"""
from __future__ import annotations

import functools

from ..model import TxKind

TYPES = {
    "bet stake": TxKind.STAKE, "stake": TxKind.STAKE, "bet placed": TxKind.STAKE,
    "win": TxKind.WIN, "bet win": TxKind.WIN, "winnings": TxKind.WIN,
    "lose": TxKind.LOSE, "loss": TxKind.LOSE, "bet lose": TxKind.LOSE, "lost": TxKind.LOSE,
    "void": TxKind.VOID, "bet void": TxKind.VOID, "voided": TxKind.VOID,
    "cashed out": TxKind.CASH_OUT, "cash out": TxKind.CASH_OUT, "cashout": TxKind.CASH_OUT,
    "partial cash out": TxKind.CASH_OUT, "partial cashout": TxKind.CASH_OUT,
    "bonus bet": TxKind.BONUS_STAKE, "refund": TxKind.REFUND,
    "deposit": TxKind.DEPOSIT,
    "withdrawal": TxKind.WITHDRAWAL, "withdraw": TxKind.WITHDRAWAL,
    "returned withdrawal": TxKind.RETURNED_WITHDRAWAL,
    "withdrawal reversal": TxKind.RETURNED_WITHDRAWAL,
    "withdrawal returned": TxKind.RETURNED_WITHDRAWAL,
    "reversed withdrawal": TxKind.RETURNED_WITHDRAWAL,
    "manual adjustment": TxKind.ADJUSTMENT, "adjustment": TxKind.ADJUSTMENT,
    "bet with mates": TxKind.TRANSFER,
    "bonus": TxKind.BONUS,
}

#: Expected sign of each kind's amount: -1, +1, or 0 (either / zero).
EXPECTED_SIGN = {
    TxKind.STAKE: -1, TxKind.WIN: 1, TxKind.VOID: 1, TxKind.CASH_OUT: 1,
    TxKind.DEPOSIT: 1, TxKind.WITHDRAWAL: -1, TxKind.RETURNED_WITHDRAWAL: 1,
}


@functools.lru_cache(maxsize=1024)
def tx_kind(type_text: str) -> TxKind:
    """The kind of a transaction from its Type text; unknown types are OTHER, never dropped."""
    return TYPES.get(" ".join(type_text.lower().split()), TxKind.OTHER)


