"""Writes the register fixtures (``python tests/data/rpss/make_rpss_files.py``): small files in the
documented shape of MPSV's ``rpss.json`` and its code lists, one per trap and per bad input.

Names of people in ``osobni_udaje`` are made up; the tests check that none of them is stored.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

HERE = Path(__file__).parent
OSTRAVA, OPAVA, HAVIROV, BRNO = "554821", "505927", "555088", "582786"  # ORP 8119, 8117, 8108, 6203
PERSON_NAMES = ("Jan Statutár", "Petra Vedoucí", "Karel Kontaktní")


def ref(kind: str, code: str) -> dict:
    return {"id": f"{kind}/{code}"}


def facility(name: str, obec: str, point: int | None = 1000001, od: str = "2010-01-01",
             do: str | None = None, psc: str = "70200") -> dict:
    address = {"psc": psc, "obec": ref("Obec", obec), "kraj": ref("Kraj", "CZ080")}
    if point is not None:
        address["kodAdresnihoMista"] = point
    return {"nazev": name, "poskytujeOd": od, "poskytujeDo": do, "adresa": address}


def capacity(number: int, kind: str) -> dict:
    return {"pocet": number, "typ": ref("TypKapacitySocialniSluzby", kind), "popis": "…"}


def form(code: str, *capacities: dict) -> dict:
    return {"forma": ref("FormaSocialniSluzby", code), "kapacity": list(capacities)}


def service(number: int, kind: str, forms: list[dict], facilities: list[dict],
            groups: tuple[str, ...] = ("24",), od: str = "2010-01-01", do: str | None = None,
            **extra: object) -> dict:
    item = {
        "portalId": 900000 + number, "id": f"sluzba-{number}", "identifikator": str(1000000 + number),
        "datumPoskytovaniOd": od, "datumPoskytovaniDo": do,
        "druhSocialniSluzby": ref("DruhSocialniSluzby", kind),
        "poskytovatel": {"ico": f"{number:08d}", "nazev": f"Poskytovatel {number}, z. ú.",
                         "statutarniOrgany": [{"jmeno": PERSON_NAMES[0], "funkce": "ředitel"}]},
        "kontaktniAdresy": [{"osoba": PERSON_NAMES[2]}], "emaily": ["sluzba@example.cz"],
        "telefony": ["+420 123 456 789"], "faxy": [], "weby": ["https://example.cz"],
        "ciloveSkupiny": [{"cilovaSkupina": ref("CilovaSkupinaOsoby", g)} for g in groups],
        "vekoveSkupiny": [], "formy": forms, "zarizeni": facilities,
        "rozsirenePusobnostiVKraji": [], "doplnkoveUdaje": {"url": "https://example.cz/dokument.pdf"},
    }
    item.update(extra)
    return item


def good() -> dict:
    return {"polozky": [
        # 1: a home for the elderly; the same facility twice (a trailing space), a second one
        # without an address point; residential beds and outpatient clients never add up.
        service(1, "13", [form("pob", capacity(32, "luzka"), capacity(8, "luzka")),
                          form("amb", capacity(10, "klient"))],
                [facility("Domov Sluníčko", OSTRAVA), facility("Domov Sluníčko ", OSTRAVA),
                 facility("Domov Sluníčko – pobočka", OPAVA, point=None, psc="74601")],
                groups=("24", "30")),
        # 2: ended, while its facility still looks open: counts nowhere.
        service(2, "13", [form("pob", capacity(50, "luzka"))],
                [facility("Domov Zavřený", OSTRAVA)], do="2020-12-31"),
        # 3: a field service with a facility in Ostrava, covering Havířov too.
        service(3, "14", [form("ter", capacity(40, "klient"))],
                [facility("Pečovatelská služba", OSTRAVA)],
                rozsirenePusobnostiVKraji=[ref("Orp", "8119"), ref("Orp", "8108")]),
        # 4: active, its Opava facility ended: counts in Brno only.
        service(4, "14", [form("amb", capacity(5, "klient"))],
                [facility("Centrum Opava", OPAVA, od="2010-01-01", do="2019-06-30", psc="74601"),
                 facility("Centrum Brno", BRNO, point=2000002, psc="60200")], groups=("26",)),
        # 5: outpatient (not field): the ORPs it names without a facility do not count; a
        # facility manager's name is personal data.
        service(5, "14", [form("amb", capacity(3, "klient"))],
                [{**facility("Poradna", HAVIROV, point=3000003, psc="73601"),
                  "vedouci": PERSON_NAMES[1]}],
                rozsirenePusobnostiVKraji=[{"orp": ref("Orp", "8117")}], novyKlic="x"),
    ]}


CODE_LISTS = {
    "druhy-socialni-sluzby": {"13": "domovy pro seniory", "14": "pečovatelská služba"},
    "cilove-skupiny-osoby": {"24": "senioři", "26": "pečující osoby", "30": "osoby s demencí"},
    "formy-soc-sluzby": {"pob": "pobytové", "amb": "ambulantní", "ter": "terénní"},
    "typy-kapacity-socialni-sluzby": {"klient": "počet klientů", "luzka": "počet lůžek",
                                      "kontakt": "kontakty", "interv": "intervence",
                                      "hovor": "hovory"},
}
LIST_PREFIX = {"druhy-socialni-sluzby": "DruhSocialniSluzby", "cilove-skupiny-osoby": "CilovaSkupinaOsoby",
               "formy-soc-sluzby": "FormaSocialniSluzby",
               "typy-kapacity-socialni-sluzby": "TypKapacitySocialniSluzby"}


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    codebooks = HERE / "ciselniky"
    codebooks.mkdir(exist_ok=True)
    for name, codes in CODE_LISTS.items():
        write_json(codebooks / f"{name}.json", {"polozky": [
            {"id": f"{LIST_PREFIX[name]}/{code}", "nazev": {"cs": text}} for code, text in codes.items()]})
    write_json(codebooks / "obce.json", {"polozky": [
        {"id": f"Obec/{code}", "kod": code, "nazev": {"cs": name}}
        for code, name in ((OSTRAVA, "Ostrava"), (OPAVA, "Opava"), (HAVIROV, "Havířov"),
                           (BRNO, "Brno"), ("999999", "Obec mimo referenci"))]})
    write_json(HERE / "rpss.json", good())
    bad = HERE / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "not_json.json").write_text("služba;kapacita\nDomov;32\n", encoding="utf-8")
    (bad / "html_page.json").write_text(
        "<!DOCTYPE html>\n<html><head><title>Chyba</title></head><body>Služba nedostupná</body></html>\n",
        encoding="utf-8")
    write_json(bad / "root_list_missing.json", {"sluzby": good()["polozky"]})
    text = json.dumps(good(), ensure_ascii=False)
    (bad / "broken.json").write_text(text[: len(text) // 2], encoding="utf-8")

    def variant(name: str, change) -> None:  # noqa: ANN001 - a function changing the data
        data = copy.deepcopy(good())
        change(data["polozky"])
        write_json(bad / f"{name}.json", data)

    variant("unknown_code", lambda s: s[2].update(druhSocialniSluzby=ref("DruhSocialniSluzby", "99")))
    variant("unknown_municipality",
            lambda s: s[3]["zarizeni"][1]["adresa"].update(obec=ref("Obec", "999999")))
    variant("impossible_date", lambda s: s[0].update(datumPoskytovaniOd="2021-02-30"))
    variant("negative_capacity",
            lambda s: s[2]["formy"][0]["kapacity"][0].update(pocet=-4))


if __name__ == "__main__":
    main()
