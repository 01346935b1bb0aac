"""The pure mapping of import columns to table rows (etl.transform), without a database."""

from __future__ import annotations

from decimal import Decimal

from etl.entities import ENTITIES
from etl.parse import parse_share
from etl.transform import funding_rows, project_row, share_amounts


def _project(**values: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(c.name for c in ENTITIES["projekty"].columns)
    row["registracni_cislo"] = "CZ.03.2.63/0.0/0.0/16_063/0006590"
    row.update(values)
    return row


def test_trn001_percentages_become_amounts_that_add_up_to_the_total() -> None:
    row = _project(celkove_zpusobile_vydaje=Decimal("1000.01"), podil_eu=parse_share("85 %"),
                   podil_sr=parse_share("10 %"), podil_prijemce=parse_share("5 %"))
    amounts = share_amounts(row)
    assert amounts == {"podil_eu": Decimal("850.01"), "podil_sr": Decimal("100.00"),
                       "podil_prijemce": Decimal("50.00")}
    funding = funding_rows(row)
    assert funding["eu"] == {"amount": Decimal("850.01"), "percent": Decimal("85"),
                             "amount_derived": True, "percent_derived": False, "derivation": None}


def test_trn002_a_share_not_stated_has_no_funding_row_and_a_stated_amount_is_not_derived() -> None:
    row = _project(celkove_zpusobile_vydaje=Decimal("1000"), podil_eu=parse_share("850 Kč"))
    funding = funding_rows(row)
    assert funding["state"] is None and funding["beneficiary"] is None
    assert funding["eu"]["amount"] == Decimal("850") and not funding["eu"]["amount_derived"]
    assert funding["eu"]["percent"] is None and not funding["eu"]["percent_derived"]


def test_trn003_a_local_key_is_not_a_stated_registration_number() -> None:
    assert project_row(_project())["registration_number_stated"]
    assert not project_row(_project(registracni_cislo="local:ostrava"))["registration_number_stated"]
