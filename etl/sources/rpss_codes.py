"""What the register's codes are checked against: its code lists (``--codebooks DIR``), the
municipality → ORP reference and the mapping of its target groups onto the canonical ones.

A code list file has the register's shape: a root object with the list ``polozky``, each item
with ``id`` and ``nazev`` (an object with ``cs`` or a plain string); ``obce`` items carry the
ČSÚ municipality code in ``kod``. A reference in the register (``{"id": "DruhSocialniSluzby/13"}``)
is matched by the part after the last ``/``, whether a list writes its ids with the prefix or not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from etl.problems import WARNING, Problem
from etl.reference import REFERENCE_DIR, read_csv

# list name in the database → the code list file MPSV publishes it in
CODE_LISTS = {
    "kind": "druhy-socialni-sluzby.json",
    "target_group": "cilove-skupiny-osoby.json",
    "form": "formy-soc-sluzby.json",
    "capacity": "typy-kapacity-socialni-sluzby.json",
}
MUNICIPALITIES = "obce.json"
TARGET_GROUP_MAP = "rpss_cilove_skupiny.csv"


def code_of(reference: object) -> str | None:
    """``13`` from ``{"id": "DruhSocialniSluzby/13"}`` (or from the id itself); None if absent."""
    if isinstance(reference, dict):
        reference = reference.get("id")
    if reference is None or isinstance(reference, dict | list):
        return None
    text = str(reference).strip()
    return text.rsplit("/", 1)[-1] or None


def _name(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("cs") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


@dataclass
class Codes:
    """The code lists of one load (empty when none were given: then codes go unchecked)."""

    names: dict[str, dict[str, str]] = field(default_factory=dict)  # list → code → name
    municipality_by_id: dict[str, str] = field(default_factory=dict)  # register id → ČSÚ code
    checked: bool = False

    def known(self, list_name: str, code: str) -> bool:
        """Whether ``code`` is in the list (always, when no code lists were given)."""
        return not self.checked or code in self.names.get(list_name, {})

    def municipality(self, reference_code: str) -> str | None:
        """The ČSÚ code of the municipality the register refers to (its own id without lists)."""
        if not self.checked:
            return reference_code
        return self.municipality_by_id.get(reference_code)


def _items(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    items = data.get("polozky") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError("no list 'polozky'")
    return [item for item in items if isinstance(item, dict)]


def read_codes(folder: Path | None) -> tuple[Codes, list[Problem]]:
    """The code lists in ``folder``, or an unchecked ``Codes`` (with a warning) without one."""
    if folder is None:
        return Codes(), [Problem(
            file="-", rule="rpss-no-codebooks", severity=WARNING,
            message_cs="bez číselníků (--codebooks): kódy se nekontrolují a názvy zůstanou prázdné",
            message_en="no code lists (--codebooks): codes are not checked and names stay empty")]
    codes, problems = Codes(checked=True), []
    for list_name, file_name in {**CODE_LISTS, "municipality": MUNICIPALITIES}.items():
        path = folder / file_name
        try:
            items = _items(path)
        except (OSError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
            problems.append(Problem(
                file=file_name, rule="rpss-codebook-unreadable", value=str(exc)[:200],
                message_cs=f"číselník {file_name} chybí nebo jej nelze přečíst",
                message_en=f"code list {file_name} is missing or unreadable"))
            continue
        if list_name == "municipality":
            codes.municipality_by_id = {code_of(i.get("id")): str(i.get("kod"))
                                        for i in items if i.get("kod") is not None}
        else:
            codes.names[list_name] = {code_of(i.get("id")): _name(i.get("nazev")) for i in items}
    return codes, problems


def municipality_orps() -> dict[str, str]:
    """ČSÚ municipality code → ČSÚ ORP code (``data/reference/obce.csv``)."""
    return {r["kod_obce"]: r["kod_orp"] for r in read_csv(REFERENCE_DIR / "obce.csv")}


def orp_codes() -> set[str]:
    """Every ORP code of the reference (ČSÚ, as in ``orp.csv``)."""
    return {r["kod_orp"] for r in read_csv(REFERENCE_DIR / "orp.csv")}


def target_group_map() -> dict[str, str | None]:
    """Register target-group code → canonical group code (None: deliberately no group)."""
    return {r["kod_v_registru"]: r["kanonicka_skupina"] or None
            for r in read_csv(REFERENCE_DIR / TARGET_GROUP_MAP)}
