"""What the durable store keeps besides the stored tables: the values derived from them that
are slow to compute again (the balance chain's gaps, the reconciliation, the filter facets).

They are saved with a tag of the tmb_core code that derived them. A snapshot whose tag
differs (an older or newer tmb_core) is restored from its tables alone and derived afresh,
so a change to how something is derived can never show stale figures.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path


@functools.cache
def code_tag() -> str:
    """A hash of every tmb_core module's source: any change to the code changes it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def derived_state(ledger) -> dict:
    """The ledger's derived values as JSON, tagged with the code that derived them."""
    return {"code": code_tag(), "cache": ledger.derived_cache()}


def adopt(ledger, state: dict | None) -> bool:
    """Give the ledger derived values saved for the same rows; False when they are not usable."""
    if not state or state.get("code") != code_tag():
        return False
    ledger.adopt_derived_cache(state["cache"])
    return True
