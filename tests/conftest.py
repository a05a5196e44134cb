import pytest

from tmb_core import Ledger


@pytest.fixture
def ledger():
    return Ledger.in_memory()
