"""The register of social services on the ORP pages: the network section of /orp?kod=…, the
register's measures of the comparison (map, bars, table, export), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import dash
import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.db import Database
from dashboard.figures import orp as figures
from dashboard.pages import _orp_network
from dashboard.queries import services as q
from etl.database import make_engine
from etl.rpss_load import load_rpss
from tests.dashboard.page_tree import render as _render

DATA = Path(__file__).parents[1] / "data" / "rpss"


def _load(url: str) -> None:
    engine = make_engine(url, writer=True)
    assert load_rpss(engine, DATA / "rpss.json", codebooks=DATA / "ciselniky",
                     as_of=dt.date(2026, 1, 1)).ok
    engine.dispose()


@pytest.fixture
def app(db_url: str) -> Iterator[dash.Dash]:
    _load(db_url)
    app = create_app(Settings(database_url=db_url))
    yield app
    app.server.extensions["kpss_db"].engine.dispose()


def _db(app: dash.Dash) -> Database:
    return app.server.extensions["kpss_db"]


def test_orpnet001_orp_detail_lists_its_network(app) -> None:  # noqa: ANN001
    page = _render(app, "/orp", kod="8119")
    assert "orp-network" in page and "stav ke dni 1. 1. 2026" in page.replace("\\xa0", " ")
    card = _orp_network.network_card(_db(app), "8119", "cs")
    grids = {c.id: c.rowData for c in _walk(card) if getattr(c, "id", "").endswith("-grid")}
    summary = {(r["group"], r["form"], r["capacity_type"]): (r["services"], r["capacity"])
               for r in grids["orp-network-grid"]}
    assert summary == {("domovy pro seniory", "ambulantní", "počet klientů"): (1, 10),
                       ("domovy pro seniory", "pobytové", "počet lůžek"): (1, 40),
                       ("pečovatelská služba", "terénní", "počet klientů"): (1, 40)}
    listed = grids["orp-services-grid"]
    assert [r["provider"] for r in listed] == ["Poskytovatel 1, z. ú. (IČO 00000001)",
                                               "Poskytovatel 3, z. ú. (IČO 00000003)"]
    assert listed[0]["groups"] == "Senioři"
    assert listed[0]["capacity"] == "10 × počet klientů (ambulantní), 40 × počet lůžek (pobytové)"
    assert listed[0]["form"] == "ambulantní, pobytové"
    assert [r["counted"] for r in listed] == ["zařízení v ORP", "zařízení v ORP"]
    havirov = _orp_network.network_card(_db(app), "8108", "en")
    rows = next(c.rowData for c in _walk(havirov) if getattr(c, "id", "") == "orp-services-grid")
    assert sorted(r["counted"] for r in rows) == ["a facility here", "field, works here"]


def _walk(component) -> Iterator:  # noqa: ANN001 - a Dash component tree
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children else []:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)


def test_orpnet002_no_register_says_so(db_url: str) -> None:
    card = _orp_network.network_card(Database(make_engine(db_url)), "8119", "cs")
    assert "orp-network-none" in str(card)
    frame = q.add_register(pd.DataFrame({"orp_code": ["8119"], "population": [1000],
                                         "population_65_plus": [200]}), None, pd.DataFrame())
    assert frame[["registered_services", "beds_per_1000"]].isna().all().all()


def test_orpnet003_register_measures_per_thousand(app) -> None:  # noqa: ANN001
    snapshot, totals = q.register_totals.uncached(_db(app))
    census = {"8119": (100, 20), "8117": (50, 10), "2101": (80, 16)}  # what the page's frame says
    frame = pd.DataFrame({"orp_code": list(census), "population": [v[0] for v in census.values()],
                          "population_65_plus": [v[1] for v in census.values()]})
    out = q.add_register(frame, snapshot, totals).set_index("orp_code")
    # no yearly population loaded: the snapshot's figures divide by the 2021 census
    assert snapshot["population"]["census"] is True and snapshot["population"]["year"] == 2021
    people = snapshot["population"]["by_orp"]
    # Ostrava: sluzba-1's 40 beds (seniors) and the field service; Opava: sluzba-1 again
    assert out.loc["8119", "registered_services"] == 2
    assert out.loc["8119", "beds_per_1000"] == pytest.approx(40 * 1000 / people["8119"][0])
    assert out.loc["8119", "senior_beds_per_1000_65"] == pytest.approx(40 * 1000 / people["8119"][1])
    assert out.loc["8117", "beds_per_1000"] == pytest.approx(40 * 1000 / people["8117"][0])
    assert out.loc["8119", "register_population"] == people["8119"][0]
    # none registered in 2101: zero, not missing; no population: no rate
    assert out.loc["2101", "registered_services"] == 0 and out.loc["2101", "beds_per_1000"] == 0
    assert q.per_thousand(40, 0) is None
    bars = figures.ranked_bars(out.reset_index().assign(orp_name=["A", "B", "C"]), "kapacita", "cs")
    assert bars["data"][0]["text"] == [figures.metric("kapacita").format(v, "cs") for v in sorted(
        out["beds_per_1000"], reverse=True)]


def test_orpnet003b_the_population_of_the_snapshots_year(db_url: str, tmp_path: Path) -> None:
    from etl.population_load import load_population
    from tests.etl.population_files import expected, write_population

    engine = make_engine(db_url, writer=True)
    assert load_rpss(engine, DATA / "rpss.json", codebooks=DATA / "ciselniky",
                     as_of=dt.date(2024, 6, 30)).ok
    for year in (2023, 2024, 2025):  # 2025 is after the snapshot's year: never used for it
        assert load_population(engine, write_population(tmp_path / f"{year}.csv", year)).ok
    db = Database(engine)
    snapshot, totals = q.register_totals.uncached(db)
    assert snapshot["population"]["census"] is False and snapshot["population"]["year"] == 2024
    people = expected(2024)
    frame = pd.DataFrame({"orp_code": ["8119"], "population": [1], "population_65_plus": [1]})
    out = q.add_register(frame, snapshot, totals).set_index("orp_code")
    assert out.loc["8119", "beds_per_1000"] == pytest.approx(40 * 1000 / people["8119"][0])
    # 65+ from the file's age groups
    assert out.loc["8119", "senior_beds_per_1000_65"] == pytest.approx(40 * 1000 / people["8119"][3])
    assert out.loc["8119", "register_population_year"] == 2024
    app = create_app(Settings(database_url=db_url))
    with app.server.test_request_context("/orp"):
        page = str(next(p for p in dash.page_registry.values() if p["path"] == "/orp")["layout"](
            kraj="CZ080", ukazatel="kapacita65"))
    assert "Na 1 000 obyvatel podle: ČSÚ, stav k 31. 12. 2024." in page.replace("\xa0", " ")
    app.server.extensions["kpss_db"].engine.dispose()
    engine.dispose()


def test_orpnet004_comparison_page_and_export_carry_the_measure(app) -> None:  # noqa: ANN001
    page = _render(app, "/orp", kraj="CZ080", ukazatel="kapacita")
    assert "Registrovaná kapacita pobytových služeb na 1 000 obyvatel" in page
    response = app.server.test_client().get("/export/orp-comparison.csv?kraj=CZ080")
    rows = {r["Kód ORP"]: r for r in csv.DictReader(
        io.StringIO(response.data.decode("utf-8-sig")), delimiter=";")}
    assert rows["8119"]["Registrované sociální služby"] == "2"
    assert rows["8108"]["Registrované sociální služby"] == "2"
    assert rows["8119"]["Stav registru ke dni"] == "1. 1. 2026"


def test_orpnet005_change_since_the_previous_snapshot(db_url: str, tmp_path: Path) -> None:
    import json

    engine = make_engine(db_url, writer=True)
    codes = DATA / "ciselniky"
    assert load_rpss(engine, DATA / "rpss.json", codebooks=codes, as_of=dt.date(2025, 1, 1)).ok
    data = json.loads((DATA / "rpss.json").read_text(encoding="utf-8"))
    del data["polozky"][4]  # sluzba-5 (Havířov) ended since
    (tmp_path / "rpss.json").write_text(json.dumps(data), encoding="utf-8")
    assert load_rpss(engine, tmp_path / "rpss.json", codebooks=codes, as_of=dt.date(2026, 1, 1)).ok
    db = Database(engine)
    snapshot, totals = q.register_totals.uncached(db)
    assert snapshot["earlier_as_of"] == dt.date(2025, 1, 1)
    frame = pd.DataFrame({"orp_code": ["8108", "8119"], "population": [70_000, 250_000],
                          "population_65_plus": [15_000, 50_000]})
    out = q.add_register(frame, snapshot, totals).set_index("orp_code")
    assert out.loc["8108", ["services_added", "services_ended", "services_net_change"]].tolist() \
        == [0, 1, -1]
    assert out.loc["8119", "services_net_change"] == 0
    app = create_app(Settings(database_url=db_url))
    with app.server.test_request_context("/orp"):
        card = str(_orp_network.network_card(app.server.extensions["kpss_db"], "8108", "cs"))
    assert "Od stavu ke dni 1. 1. 2025: přibylo služeb 0, ubylo 1." in card.replace("\\xa0", " ")
    app.server.extensions["kpss_db"].engine.dispose()
    engine.dispose()


def test_orpnet006_target_groups_page_shows_the_register_by_group(app) -> None:  # noqa: ANN001
    from dashboard.pages import _tg_services

    page = _render(app, "/cilove-skupiny")
    assert "tg-services" in page and "Registrované sociální služby podle cílových skupin" in page
    card = _tg_services.services_card(_db(app), None, "cs")
    rows = next(c.rowData for c in _walk(card) if getattr(c, "id", "") == "tg-services-grid")
    by = {(r["group"], r["form"], r["capacity_type"]): (r["services"], r["capacity"]) for r in rows}
    # seniors: sluzba-1 (groups 24 and 30, both seniors: counted once, its 40 beds once),
    # sluzba-3, sluzba-5; the ended sluzba-2 and the carers' sluzba-4 (no canonical group) not
    assert by == {("Senioři", "pobytové", "počet lůžek"): (1, 40),
                  ("Senioři", "ambulantní", "počet klientů"): (2, 13),
                  ("Senioři", "terénní", "počet klientů"): (1, 40)}


def test_orpnet007_orp_plan_measures_beside_services_by_group(seeded_db_url: str) -> None:
    import sqlalchemy as sa

    from etl import schema as s

    _load(seeded_db_url)
    engine = make_engine(seeded_db_url)
    db = Database(engine)
    groups = q.orp_groups(db, q.latest_snapshot(db)["id"], "8119").set_index("canonical_code")
    assert groups["services"].to_dict() == {"seniori": 2, "ozp": 0, "dusevni": 0, "rodiny": 0,
                                            "vylouceni": 0, "zavislosti": 0, "pruzezova": 0}
    with engine.connect() as conn:  # row by row: every measure of a plan covering an ORP
        canonical = dict(conn.execute(sa.select(s.target_group.c.id,
                                                s.target_group.c.canonical_code)).all())
        measures = [(plan_id, canonical[group_id]) for plan_id, group_id in conn.execute(
            sa.select(s.measure.c.plan_id, s.measure.c.target_group_id)) if canonical.get(group_id)]
        # an ORP whose plans have measures of a canonical group (the demo plans' ORPs)
        orp = conn.execute(sa.select(s.community_plan_orp.c.orp_code).where(
            s.community_plan_orp.c.plan_id.in_({plan_id for plan_id, _ in measures}))
            .order_by(s.community_plan_orp.c.orp_code).limit(1)).scalar_one()
        plans = set(conn.execute(sa.select(s.community_plan_orp.c.plan_id).where(
            s.community_plan_orp.c.orp_code == orp)).scalars())
    expected: dict[str, int] = {}
    for plan_id, code in measures:
        if plan_id in plans:
            expected[code] = expected.get(code, 0) + 1
    assert sum(expected.values()) > 0
    found = q.orp_groups(db, q.latest_snapshot(db)["id"], orp).set_index("canonical_code")
    assert {k: v for k, v in found["measures"].to_dict().items() if v} == expected
    engine.dispose()


def test_orpnet008_measure_names_a_kind_of_service(db_url: str) -> None:
    from etl.load import load_files

    _load(db_url)
    engine = make_engine(db_url, writer=True)
    result = load_files(engine, blobs=[
        ("komunitni_plany.csv", "plan;nazev;orp;obdobi_od;obdobi_do\n"
                                "kp-test;Plán Ostrava;8119;2025;2027\n".encode()),
        ("opatreni.csv", ("plan;kod;nazev;cilova_skupina;druh_sluzby\n"
                          "kp-test;1.1;Nová lůžka;Senioři;Domovy  pro seniory\n"
                          "kp-test;1.2;Pečovatelská služba;Senioři;14\n"
                          "kp-test;1.3;Sdílená péče;Senioři;sdílená péče\n"
                          "kp-test;1.4;Bez druhu;Senioři;\n").encode())])
    assert result.ok, result.errors
    db = Database(engine)
    kinds = q.orp_measure_kinds(db, q.latest_snapshot(db)["id"], "8119")
    assert [[c, k if isinstance(k, str) else None, None if pd.isna(n) else int(n)]
            for c, k, n in kinds[["code", "kind_code", "services"]].values.tolist()] == [
        ["1.1", "13", 1], ["1.2", "14", 1], ["1.3", None, None]]
    card = _orp_network.network_card(db, "8119", "cs")
    rows = next(c.rowData for c in _walk(card) if getattr(c, "id", "") == "orp-kinds-grid")
    assert [(r["named"], r["services"]) for r in rows] == [
        ("domovy pro seniory", 1), ("pečovatelská služba", 1),
        ("sdílená péče – není v číselníku druhů", None)]
    engine.dispose()


def _three_snapshots(db_url: str, tmp_path: Path):  # noqa: ANN202 - an engine
    """2024: sluzba-1 to 4; 2025: all five; 2026: sluzba-5 (Havířov) gone again, and sluzba-4
    (Jihlava) gone too."""
    import json

    engine = make_engine(db_url, writer=True)
    codes = DATA / "ciselniky"
    data = json.loads((DATA / "rpss.json").read_text(encoding="utf-8"))
    for day, keep in ((dt.date(2024, 1, 1), [0, 1, 2, 3]), (dt.date(2025, 1, 1), [0, 1, 2, 3, 4]),
                      (dt.date(2026, 1, 1), [0, 1, 2])):
        path = tmp_path / f"rpss-{day.year}.json"
        path.write_text(json.dumps({"polozky": [data["polozky"][n] for n in keep]}),
                        encoding="utf-8")
        assert load_rpss(engine, path, codebooks=codes, as_of=day).ok
    return engine


def test_orpnet009_the_latest_compared_with_any_earlier_snapshot(db_url: str,
                                                                 tmp_path: Path) -> None:
    engine = _three_snapshots(db_url, tmp_path)
    db = Database(engine)
    # every snapshot stays
    assert list(q.snapshots(db)["as_of"]) == [dt.date(2026, 1, 1), dt.date(2025, 1, 1),
                                             dt.date(2024, 1, 1)]
    default, totals = q.register_totals.uncached(db)
    assert default["earlier_as_of"] == dt.date(2025, 1, 1)
    assert default["earlier_dates"] == [dt.date(2025, 1, 1), dt.date(2024, 1, 1)]
    since_2025 = totals.set_index("orp_code")[["added", "ended"]].to_dict("index")
    assert since_2025["8108"] == {"added": 0, "ended": 1} and since_2025["6203"]["ended"] == 1
    chosen, totals = q.register_totals.uncached(db, dt.date(2024, 1, 1))
    assert chosen["earlier_as_of"] == dt.date(2024, 1, 1)
    since_2024 = totals.set_index("orp_code")
    # sluzba-5 came and went between 2024 and 2026: no change in Havířov since 2024
    assert since_2024.loc["8108", ["added", "ended"]].tolist() == [0, 0]
    assert since_2024.loc["6203", ["services", "added", "ended"]].tolist() == [0, 0, 1]
    # a row-by-row count of the same: services counting in an ORP now but not then, and back
    o, sv = s_tables()
    import sqlalchemy as sa
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sv.c.snapshot_id, sv.c.register_id, o.c.orp_code)
                            .join(o, o.c.service_id == sv.c.id)).all()
    ids = dict(zip(q.snapshots(db)["as_of"], q.snapshots(db)["id"], strict=True))
    now = {(r, orp) for snap, r, orp in rows if snap == ids[dt.date(2026, 1, 1)]}
    then = {(r, orp) for snap, r, orp in rows if snap == ids[dt.date(2024, 1, 1)]}
    for code in {orp for _r, orp in now | then}:
        assert since_2024.loc[code, "added"] == sum(1 for _r, o2 in now - then if o2 == code)
        assert since_2024.loc[code, "ended"] == sum(1 for _r, o2 in then - now if o2 == code)
    # a day no snapshot has: the default
    assert q.register_totals.uncached(db, dt.date(2023, 5, 5))[0]["earlier_as_of"] == \
        dt.date(2025, 1, 1)
    frame = pd.DataFrame({"orp_code": ["6203"], "population": [1], "population_65_plus": [1]})
    out = q.add_register(frame, chosen, totals).set_index("orp_code")
    assert out.loc["6203", "services_net_change"] == -1
    engine.dispose()


def s_tables():  # noqa: ANN201
    from etl import schema as s

    return s.social_service_orp, s.social_service


def test_orpnet010_pages_offer_the_earlier_snapshots_and_keep_the_choice(db_url: str,
                                                                         tmp_path: Path) -> None:
    engine = _three_snapshots(db_url, tmp_path)
    app = create_app(Settings(database_url=db_url))
    import sys

    # the module Dash registered the page from (importing it again would register it twice)
    page = sys.modules[next(p for p in dash.page_registry.values() if p["path"] == "/orp")["module"]]

    with app.server.test_request_context("/orp"):
        view = page.layout(kraj="CZ064", ukazatel="sluzby_zmena", srovnani="2024-01-01")
        choice = next(c for c in _walk(view) if getattr(c, "id", "") == "orp-filter-srovnani")
        assert [o["value"] for o in choice.options] == ["2025-01-01", "2024-01-01"]
        assert choice.value == "2024-01-01"
        text = str(view).replace("\\xa0", " ")
        assert "Změna od stavu registru ke dni 1. 1. 2024 do stavu ke dni 1. 1. 2026." in text
        rows = next(c.rowData for c in _walk(view) if getattr(c, "id", "") == "orp-grid")
        assert {r["code"]: r["services_change"] for r in rows}["6203"] == -1
        detail = str(page.layout(kod="8108", srovnani="2024-01-01")).replace("\\xa0", " ")
        assert "Od stavu ke dni 1. 1. 2024: přibylo služeb 0, ubylo 0." in detail
        default = str(page.layout(kod="8108")).replace("\\xa0", " ")
        assert "Od stavu ke dni 1. 1. 2025: přibylo služeb 0, ubylo 1." in default
    export = app.server.test_client().get(
        "/export/orp-comparison.csv?kraj=CZ064&srovnani=2024-01-01")
    assert export.status_code == 200, export.data
    rows = {r["Kód ORP"]: r for r in csv.DictReader(
        io.StringIO(export.data.decode("utf-8-sig")), delimiter=";")}
    assert rows["6203"]["Dřívější stav registru (srovnání)"].replace("\xa0", " ") == "1. 1. 2024"
    # the drop-down writes its day into the address, keeping the page's other choices
    query = {"params": {"kraj": "CZ063", "ukazatel": "sluzby_zmena", "srovnani": "2025-01-01"},
             "lang": "en"}
    assert page.compare_to_url("2024-01-01", query) == \
        "?kraj=CZ063&ukazatel=sluzby_zmena&srovnani=2024-01-01&lang=en"
    assert page.compare_to_url("2024-01-01", {"params": {"kod": "8108"}, "lang": "cs"}) == \
        "?kod=8108&srovnani=2024-01-01"
    assert page.compare_to_url("nonsense", "nonsense") == ""
    assert page.filters_to_url("CZ064", "kapacita", "cs", query) == \
        "?kraj=CZ064&ukazatel=kapacita&srovnani=2025-01-01"
    app.server.extensions["kpss_db"].engine.dispose()
    engine.dispose()


def test_orpnet011_english_pages_name_kinds_forms_and_capacity_in_english(app) -> None:  # noqa: ANN001
    from dashboard.pages import _tg_services
    from dashboard.register_names import code_name, english_names

    card = _orp_network.network_card(_db(app), "8119", "en")
    rows = next(c.rowData for c in _walk(card) if getattr(c, "id", "") == "orp-network-grid")
    assert {(r["group"], r["form"], r["capacity_type"]) for r in rows} == {
        ("homes for the elderly", "outpatient", "number of clients"),
        ("homes for the elderly", "residential", "number of beds"),
        ("home care service", "field", "number of clients")}
    listed = next(c.rowData for c in _walk(card) if getattr(c, "id", "") == "orp-services-grid")
    assert listed[0]["capacity"] == "10 × number of clients (outpatient), 40 × number of beds " \
                                    "(residential)"
    assert listed[0]["groups"] == "Older people"
    # a name the table does not give stays as the register gives it; Czech pages keep Czech
    assert code_name("kind", "sdílená péče", "99", "en") == "sdílená péče"
    assert code_name("kind", "Domovy  pro seniory", "13", "en") == "homes for the elderly"
    assert code_name("kind", "domovy pro seniory", "13", "cs") == "domovy pro seniory"
    assert code_name("kind", None, "13", "en") == "13"
    # the table names every kind of service of Act 108/2006 (§§ 37–70) once
    kinds = [name for (listed_in, name) in english_names() if listed_in == "kind"]
    assert len(kinds) == len(set(kinds)) >= 34
    # the target-group page says how groups are mapped without naming a file
    note = str(_tg_services.services_card(_db(app), None, "en"))
    assert "mapped onto the canonical groups by a reviewable table" in note
    assert ".csv" not in note and ".csv" not in str(_tg_services.services_card(_db(app), None, "cs"))
