"""A generated register of social services in the documented shape of MPSV's ``rpss.json``, with
its code lists: DEMO data (providers with clearly fictional names) and the benchmark's input.

It covers every ORP (facilities spread over the reference municipalities) and carries a few of
each trap the import handles: ended services with open facilities, duplicate facilities (a
trailing space), facilities without an address point, field services covering ORPs without a
facility, services with beds and clients, and personal data (statutory bodies, managers) that
the import must drop. Deterministic for a given seed. Items are written one at a time, so a
national-size file is never held whole.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
from pathlib import Path

import sqlalchemy as sa

from etl.reference import REFERENCE_DIR, read_csv
from etl.result import LoadResult

KINDS = {"13": "domovy pro seniory", "14": "pečovatelská služba", "3": "osobní asistence",
         "16": "domovy pro osoby se zdravotním postižením", "20": "denní stacionáře",
         "27": "nízkoprahová zařízení pro děti a mládež", "26": "noclehárny",
         "6": "odborné sociální poradenství"}
# kind → (forms, capacity type of each form, target groups)
PROFILES = {
    "13": (("pob",), ("luzka",), ("24", "30")), "14": (("ter", "amb"), ("klient", "klient"), ("24",)),
    "3": (("ter",), ("klient",), ("24", "26")), "16": (("pob",), ("luzka",), ("24",)),
    "20": (("amb",), ("klient",), ("30",)), "27": (("amb", "ter"), ("kontakt", "interv"), ("26",)),
    "26": (("amb",), ("luzka",), ("26",)), "6": (("amb", "ter"), ("interv", "interv"), ("24",)),
}
CODE_LISTS = {
    ("druhy-socialni-sluzby", "DruhSocialniSluzby"): KINDS,
    ("cilove-skupiny-osoby", "CilovaSkupinaOsoby"): {
        "24": "senioři", "26": "pečující osoby", "27": "osoby, které vyžadují paliativní péči",
        "30": "osoby s demencí"},
    ("formy-soc-sluzby", "FormaSocialniSluzby"): {"pob": "pobytové", "amb": "ambulantní",
                                                  "ter": "terénní"},
    ("typy-kapacity-socialni-sluzby", "TypKapacitySocialniSluzby"): {
        "klient": "počet klientů", "kontakt": "počet kontaktů", "interv": "počet intervencí",
        "luzka": "počet lůžek", "hovor": "počet hovorů"},
}
FILLER = ("Služba poskytuje podporu v rozsahu stanoveném registrací; podrobnosti jsou v dokumentech "
          "poskytovatele, jejichž adresy uvádí tento údaj. ") * 12


def _ref(kind: str, code: str) -> dict:
    return {"id": f"{kind}/{code}"}


def write_code_lists(folder: Path) -> None:
    """The code list files (``--codebooks``) the generated register refers to."""
    folder.mkdir(parents=True, exist_ok=True)
    for (name, prefix), codes in CODE_LISTS.items():
        items = [{"id": f"{prefix}/{code}", "nazev": {"cs": text}} for code, text in codes.items()]
        (folder / f"{name}.json").write_text(json.dumps({"polozky": items}, ensure_ascii=False),
                                             encoding="utf-8")
    municipalities = [{"id": f"Obec/{r['kod_obce']}", "kod": r["kod_obce"],
                       "nazev": {"cs": r["nazev"]}} for r in read_csv(REFERENCE_DIR / "obce.csv")]
    (folder / "obce.json").write_text(json.dumps({"polozky": municipalities}, ensure_ascii=False),
                                      encoding="utf-8")


def _service(rng: random.Random, number: int, places: list[tuple[str, str]],
             orps: list[str], facilities: int) -> dict:
    kind = rng.choice(list(KINDS))
    forms, capacity_types, groups = PROFILES[kind]
    # the first facility of the first services goes to each ORP in turn, in operation: every
    # ORP has a service that counts there
    covers = number < len(orps)
    ended = number % 40 == 0 and not covers  # ended, its facilities left open: counts nowhere
    items = []
    for k in range(facilities):
        at = number if k == 0 and covers else (number * 7 + k * 131) % len(places)
        municipality, _orp = places[at]
        address = {"psc": f"{10000 + number % 89000:05d}", "obec": _ref("Obec", municipality)}
        if (number + k) % 28:  # about 3.6 % without an address point
            address["kodAdresnihoMista"] = 10_000_000 + number * 10 + k
        items.append({"nazev": f"Zařízení {number}-{k} (DEMO)", "poskytujeOd": "2012-01-01",
                      "poskytujeDo": "2022-06-30" if (number + k) % 37 == 0
                      and not (covers and k == 0) else None,
                      "adresa": address, "vedouci": f"Vedoucí Smyšlený {number}"})
    if number % 25 == 0 and items:  # the same facility again, a trailing space in its name
        items.append({**items[0], "nazev": items[0]["nazev"] + " "})
    field = [_ref("Orp", orps[(number * 3 + j) % len(orps)]) for j in range(2)] \
        if "ter" in forms else []
    return {
        "portalId": 500000 + number, "id": f"demo-{number}", "identifikator": str(7000000 + number),
        "datumPoskytovaniOd": "2010-01-01", "datumPoskytovaniDo": "2021-12-31" if ended else None,
        "kontaktniAdresy": [], "druhSocialniSluzby": _ref("DruhSocialniSluzby", kind),
        "zarizeni": items,
        "poskytovatel": {"ico": f"{90000000 + number // 3:08d}",
                         "nazev": f"Ukázkový poskytovatel {number // 3} (DEMO), z. ú.",
                         "statutarniOrgany": [{"jmeno": f"Statutár Smyšlený {number}"}]},
        "emaily": [f"demo{number}@example.invalid"], "telefony": [], "faxy": [], "weby": [],
        "ciloveSkupiny": [{"cilovaSkupina": _ref("CilovaSkupinaOsoby", g)} for g in groups],
        "vekoveSkupiny": [],
        "formy": [{"forma": _ref("FormaSocialniSluzby", f),
                   "kapacity": [{"pocet": rng.randint(3, 80), "typ": _ref(
                       "TypKapacitySocialniSluzby", t), "popis": ""}]}
                  for f, t in zip(forms, capacity_types, strict=True)],
        "rozsirenePusobnostiVKraji": field, "doplnkoveUdaje": {"poznamka": FILLER},
    }


def in_earlier(number: int, services: int) -> bool:
    """Whether service ``number`` is in the earlier demo snapshot: all but every 17th of the
    latest's (added since), and one in 30 more that the latest no longer has (ended since)."""
    return number % 17 != 5 if number < services else number < services + services // 30


def generate_register(path: Path, services: int = 7000, facilities: int = 19000,
                      seed: int = 16, earlier: bool = False) -> int:
    """Write a register of ``services`` services with about ``facilities`` facilities spread
    over every ORP (``earlier``: the earlier snapshot's services, ``in_earlier``); returns the
    file's size in bytes. A service has the same items in both."""
    rng = random.Random(seed)
    rows = read_csv(REFERENCE_DIR / "obce.csv")
    by_orp: dict[str, str] = {}
    for r in rows:  # one municipality per ORP first, so that every ORP gets a facility
        by_orp.setdefault(r["kod_orp"], r["kod_obce"])
    places = [(m, o) for o, m in by_orp.items()] + [(r["kod_obce"], r["kod_orp"]) for r in rows]
    orps = sorted(by_orp)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"polozky": [\n')
        written = 0
        for number in range(services + (services // 30 if earlier else 0)):
            # facilities spread evenly: the first services take one more where they do not divide
            count = facilities // services + (1 if number < facilities % services else 0)
            item = _service(rng, number, places, orps, count)  # drawn always: the same items
            if earlier and not in_earlier(number, services):
                continue
            out.write(("," if written else "") + json.dumps(item, ensure_ascii=False) + "\n")
            written += 1
        out.write("]}\n")
    return path.stat().st_size


DEMO_DATASET = "demo-rpss"
DEMO_AS_OF = dt.date(2026, 1, 1)
DEMO_EARLIER_AS_OF = dt.date(2025, 1, 1)


def load_demo_register(engine: sa.Engine, services: int = 2000,
                       facilities: int = 5400) -> LoadResult:
    """Generate the demo register (every ORP has a service) as two snapshots, a year apart,
    so that the pages show the change; load both, marked demo. The result is the latest's."""
    from etl.rpss_load import load_rpss

    with tempfile.TemporaryDirectory(prefix="kpss-demo-rpss-") as tmp:
        folder = Path(tmp)
        write_code_lists(folder / "ciselniky")
        for day, earlier in ((DEMO_EARLIER_AS_OF, True), (DEMO_AS_OF, False)):
            path = folder / f"rpss-demo-{day.isoformat()}.json"
            generate_register(path, services, facilities, earlier=earlier)
            result = load_rpss(engine, path, codebooks=folder / "ciselniky", as_of=day,
                               dataset=DEMO_DATASET)
            if not result.ok:
                return result
        return result
