"""The register of social service providers (RPSS, MPSV): ``rpss.json``, streamed.

The file is a root object with the list ``polozky``, one item per registered service (see
``etl.rpss_counting`` for what is kept and how it counts). It is over 30 MB and grows, so the
items are read one at a time with ijson and only what the import keeps is held. Personal data
(``poskytovatel.statutarniOrgany``, facility managers, contact people, e-mails and phones) is
never read: only the provider's IČO and name are taken from ``poskytovatel``.

A file that is not the register (not JSON, an HTML page saved instead of it, no list
``polozky``) is refused from its first bytes or its structure; any bad item (a code not in the
code lists, a municipality not in the reference, an impossible date, a negative capacity) is
reported with its place and rejects the whole file. Unknown keys are reported once as warnings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import ijson

from etl.problems import WARNING, Problem
from etl.rpss_counting import Facility, Service, add_facility, count
from etl.sources.rpss_codes import Codes, code_of

LIST = "polozky"
LABEL = "Registr poskytovatelů sociálních služeb (MPSV)"
HEAD_BYTES = 4096
SERVICE_KEYS = frozenset({
    "portalId", "id", "identifikator", "datumPoskytovaniOd", "datumPoskytovaniDo",
    "kontaktniAdresy", "druhSocialniSluzby", "zarizeni", "poskytovatel", "emaily", "telefony",
    "faxy", "weby", "ciloveSkupiny", "vekoveSkupiny", "formy", "rozsirenePusobnostiVKraji",
    "doplnkoveUdaje"})
FACILITY_KEYS = frozenset({"id", "nazev", "poskytujeOd", "poskytujeDo", "adresa"})
# Keys of people (a manager, a contact person) a facility may carry: skipped without a word.
PERSONAL_KEYS = frozenset({"vedouci", "vedouciZarizeni", "kontaktniOsoba", "kontaktniOsoby"})
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass
class RpssRead:
    """What reading the register found: its services (already counted) and the problems."""

    file_name: str
    sha256: str
    as_of: dt.date
    services: list[Service] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicate_facilities: int = 0


class _Item:
    """Reads one service item, reporting each problem with its place."""

    def __init__(self, read: RpssRead, row: int, codes: Codes, orp_of: dict[str, str],
                 orps: set[str], unknown: set[str]):
        self.read, self.row, self.codes, self.orp_of, self.orps = read, row, codes, orp_of, orps
        self.unknown = unknown

    def error(self, column: str, value: object, rule: str, cs: str, en: str,
              severity: str = "error") -> None:
        self.read.problems.append(Problem(
            file=self.read.file_name, sheet=LIST, row=self.row, column=column,
            value=None if value is None else str(value)[:200], rule=rule, severity=severity,
            message_cs=cs, message_en=en))

    def date(self, value: object, column: str) -> dt.date | None:
        if value in (None, ""):
            return None
        match = _DATE.match(str(value).strip())
        try:
            if match is None:
                raise ValueError(value)
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            self.error(column, value, "rpss-bad-date", "nemožné nebo nečitelné datum",
                       "an impossible or unreadable date")
            return None

    def code(self, reference: object, list_name: str, column: str) -> str | None:
        code = code_of(reference)
        if code is None:
            self.error(column, reference, "rpss-code-missing", "chybí kód", "the code is missing")
        elif not self.codes.known(list_name, code):
            self.error(column, code, "rpss-unknown-code", "kód není v číselníku",
                       "the code is not in the code list")
            return None
        return code

    def warn_unknown(self, item: dict, known: frozenset[str], where: str) -> None:
        for key in item.keys() - known - PERSONAL_KEYS:
            if (where, key) not in self.unknown:
                self.unknown.add((where, key))
                self.error(f"{where}{key}", None, "rpss-unknown-key", "neznámý klíč, ignorován",
                           "an unknown key, ignored", severity=WARNING)

    def service(self, item: object) -> Service | None:
        if not isinstance(item, dict):
            self.error("", type(item).__name__, "rpss-not-an-item", "položka není objekt",
                       "the item is not an object")
            return None
        self.warn_unknown(item, SERVICE_KEYS, "")
        provider = item.get("poskytovatel") if isinstance(item.get("poskytovatel"), dict) else {}
        service = Service(
            row=self.row, register_id=str(item.get("id") or item.get("identifikator") or ""),
            identifier=_text(item.get("identifikator")),
            kind_code=self.code(item.get("druhSocialniSluzby"), "kind", "druhSocialniSluzby") or "",
            provider_ico=_text(provider.get("ico")), provider_name=_text(provider.get("nazev")),
            start_date=self.date(item.get("datumPoskytovaniOd"), "datumPoskytovaniOd"),
            end_date=self.date(item.get("datumPoskytovaniDo"), "datumPoskytovaniDo"))
        if not service.register_id:
            self.error("id", None, "rpss-id-missing", "služba nemá id", "the service has no id")
        self.forms(item.get("formy") or [], service)
        for n, group in enumerate(item.get("ciloveSkupiny") or []):
            reference = group.get("cilovaSkupina") if isinstance(group, dict) else group
            code = self.code(reference, "target_group", f"ciloveSkupiny[{n}]")
            if code and code not in service.target_groups:
                service.target_groups.append(code)
        for n, facility in enumerate(item.get("zarizeni") or []):
            read = self.facility(facility, f"zarizeni[{n}]")
            if read is not None and not add_facility(service, read):
                self.read.duplicate_facilities += 1
        for n, area in enumerate(item.get("rozsirenePusobnostiVKraji") or []):
            self.field_orp(area, f"rozsirenePusobnostiVKraji[{n}]", service)
        return count(service, self.read.as_of)

    def forms(self, forms: list, service: Service) -> None:
        for n, entry in enumerate(forms):
            entry = entry if isinstance(entry, dict) else {}
            form = self.code(entry.get("forma"), "form", f"formy[{n}].forma")
            if form is None:
                continue
            service.forms.add(form)
            for k, capacity in enumerate(entry.get("kapacity") or []):
                column = f"formy[{n}].kapacity[{k}]"
                capacity = capacity if isinstance(capacity, dict) else {}
                kind = self.code(capacity.get("typ"), "capacity", f"{column}.typ")
                number = capacity.get("pocet")
                if isinstance(number, bool) or not isinstance(number, int | Decimal) \
                        or number != int(number) or number < 0:
                    self.error(f"{column}.pocet", number, "rpss-bad-capacity",
                               "kapacita musí být celé nezáporné číslo",
                               "a capacity must be a whole number, not negative")
                    continue
                if kind is not None:
                    key = (form, kind)
                    service.capacities[key] = service.capacities.get(key, 0) + int(number)

    def facility(self, item: object, column: str) -> Facility | None:
        if not isinstance(item, dict):
            return None
        self.warn_unknown(item, FACILITY_KEYS, "zarizeni[].")
        address = item.get("adresa") if isinstance(item.get("adresa"), dict) else {}
        municipality = orp = None
        reference = code_of(address.get("obec"))
        if reference is not None:
            municipality = self.codes.municipality(reference)
            orp = self.orp_of.get(municipality or "")
            if municipality is None:
                self.error(f"{column}.adresa.obec", reference, "rpss-unknown-code",
                           "obec není v číselníku obcí", "the municipality is not in the code list")
                return None
            if orp is None:
                self.error(f"{column}.adresa.obec", municipality, "rpss-unknown-municipality",
                           "obec není v referenci obec → ORP (data/reference/obce.csv)",
                           "the municipality is not in the municipality → ORP reference "
                           "(data/reference/obce.csv)")
                return None
        point = address.get("kodAdresnihoMista")
        return Facility(
            name=_text(item.get("nazev")), municipality_code=municipality, orp_code=orp,
            address_point=int(point) if isinstance(point, int | Decimal) or str(point).isdigit()
            else None, postcode=_text(address.get("psc")),
            start_date=self.date(item.get("poskytujeOd"), f"{column}.poskytujeOd"),
            end_date=self.date(item.get("poskytujeDo"), f"{column}.poskytujeDo"))

    def field_orp(self, area: object, column: str, service: Service) -> None:
        # An ORP reference, possibly inside an object ({"orp": {"id": "Orp/8119"}}); read as the
        # ČSÚ ORP code. Anything else is reported as found, never guessed.
        if isinstance(area, dict) and "id" not in area:
            nested = [v for v in area.values() if isinstance(v, dict) and "id" in v]
            area = nested[0] if len(nested) == 1 else area
        code = code_of(area)
        if code not in self.orps:
            self.error(column, code if code is not None else area, "rpss-unknown-orp",
                       "ORP není v referenci ORP", "the ORP is not in the ORP reference")
            return
        if code not in service.field_orps:
            service.field_orps.append(code)


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def sha256_of(path: Path) -> str:
    """The file's SHA-256, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _refusal(file_name: str, cs: str, en: str, value: str | None, rule: str = "not-rpss") -> Problem:
    return Problem(file=file_name, rule=rule, value=value,
                   message_cs=f"soubor není registr sociálních služeb ({cs}); nic nenačteno",
                   message_en=f"the file is not the register of social services ({en}); "
                              "nothing loaded")


def head_problem(path: Path) -> Problem | None:
    """Why the file cannot be the register, from its first bytes; None when it may be."""
    with path.open("rb") as stream:
        head = stream.read(HEAD_BYTES)
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text:
        return _refusal(path.name, "prázdný soubor", "an empty file", None)
    if text[:1] != b"{":
        start = text[:60].decode("utf-8", errors="replace")
        html = text[:15].lower().startswith((b"<!doctype html", b"<html"))
        return _refusal(path.name, "stránka HTML" if html else "nezačíná objektem JSON",
                        "an HTML page" if html else "it does not start as a JSON object", start)
    return None


def items(path: Path) -> Iterator[object]:
    """Each item of the root's list ``polozky``, one at a time."""
    with path.open("rb") as stream:
        yield from ijson.items(stream, f"{LIST}.item", use_float=False)


def has_list(path: Path) -> bool:
    """Whether the root object has a list ``polozky`` (read to the key, not further)."""
    with path.open("rb") as stream:
        for prefix, event, value in ijson.parse(stream):
            if prefix == "" and event == "map_key" and value == LIST:
                return True
    return False


def read_rpss(path: Path, codes: Codes, orp_of: dict[str, str], orps: set[str],
              as_of: dt.date) -> RpssRead:
    """Stream the register into counted services, every problem with its place."""
    result = RpssRead(file_name=path.name, sha256=sha256_of(path), as_of=as_of)
    refused = head_problem(path)
    if refused is not None:
        result.problems.append(refused)
        return result
    unknown: set[tuple[str, str]] = set()
    seen: dict[str, int] = {}
    try:
        for row, item in enumerate(items(path), start=1):
            reader = _Item(result, row, codes, orp_of, orps, unknown)
            service = reader.service(item)
            if service is None:
                continue
            if service.register_id in seen:
                reader.error("id", service.register_id, "rpss-duplicate-service",
                             f"služba je v souboru podruhé (poprvé položka {seen[service.register_id]})",
                             f"the service appears twice (first as item {seen[service.register_id]})")
                continue
            seen[service.register_id] = row
            result.services.append(service)
    except (ijson.JSONError, ijson.IncompleteJSONError) as exc:
        result.problems.append(_refusal(path.name, "JSON je porušený", "the JSON is broken",
                                        str(exc)[:200], rule="json-broken"))
        return result
    if not result.services and not result.problems:
        try:
            listed = has_list(path)
        except ijson.JSONError as exc:
            listed, broken = False, str(exc)[:200]
        else:
            broken = None
        result.problems.append(_refusal(
            path.name, "seznam polozky je prázdný" if listed else "chybí seznam polozky",
            "the list polozky is empty" if listed else "the root list polozky is missing", broken))
    return result
