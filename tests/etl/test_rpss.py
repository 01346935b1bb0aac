"""The register of social services (RPSS): its traps, bad input, snapshots and the per-ORP sums,
on both databases. Fixtures: ``tests/data/rpss/`` (written by ``make_rpss_files.py``)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import services as q
from etl import schema as s
from etl.cli import main
from etl.rpss_load import load_rpss
from etl.sources.rpss import read_rpss
from etl.sources.rpss_codes import municipality_orps, orp_codes, read_codes
from tests.conftest import table_snapshot
from tests.data.rpss.make_rpss_files import PERSON_NAMES

DATA = Path(__file__).parents[1] / "data" / "rpss"
GOOD, CODES = DATA / "rpss.json", DATA / "ciselniky"
DAY = dt.date(2026, 1, 1)
RPSS_TABLES = (s.rpss_snapshot, s.rpss_code, s.social_service, s.social_service_facility,
               s.social_service_form, s.social_service_capacity, s.social_service_target_group,
               s.social_service_orp)


def _load(engine: sa.Engine, path: Path = GOOD, day: dt.date = DAY, **options: object):
    return load_rpss(engine, path, codebooks=CODES, as_of=day, **options)


def _where(engine: sa.Engine) -> dict[str, dict[str, str]]:
    o, sv = s.social_service_orp, s.social_service
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sv.c.register_id, o.c.orp_code, o.c.basis)
                            .join(o, o.c.service_id == sv.c.id)).all()
    found: dict[str, dict[str, str]] = {}
    for register_id, orp, basis in rows:
        found.setdefault(register_id, {})[orp] = basis
    return found


def test_rps001_good_file_loads_with_its_traps(engine: sa.Engine) -> None:
    result = _load(engine)
    assert result.ok and result.status == "loaded", result.problems
    assert _where(engine) == {
        # the Opava facility has no address point: still counted through its municipality
        "sluzba-1": {"8119": "facility", "8117": "facility"},
        # sluzba-2 ended (its facility still open): nowhere
        "sluzba-3": {"8119": "facility", "8108": "field"},  # field service: where it operates
        "sluzba-4": {"6203": "facility"},  # its Opava facility ended
        "sluzba-5": {"8108": "facility"},  # not a field service: the ORP it names does not count
    }
    with engine.connect() as conn:
        active = dict(conn.execute(sa.select(s.social_service.c.register_id,
                                             s.social_service.c.is_active)).all())
        facilities = conn.execute(sa.select(s.social_service_facility.c.name).join(
            s.social_service).where(s.social_service.c.register_id == "sluzba-1")).scalars().all()
        capacity = conn.execute(sa.select(s.social_service_capacity.c.form_code,
                                          s.social_service_capacity.c.capacity_type,
                                          s.social_service_capacity.c.capacity).join(
            s.social_service).where(s.social_service.c.register_id == "sluzba-1")).all()
    assert active["sluzba-2"] is False and active["sluzba-1"] is True
    # the duplicate facility (a trailing space in its name) is kept once
    assert sorted(facilities) == ["Domov Sluníčko", "Domov Sluníčko – pobočka"]
    # beds of one form summed (32 + 8); outpatient clients apart, never added to beds
    assert sorted(capacity) == [("amb", "klient", 10), ("pob", "luzka", 40)]


def test_rps002_personal_data_never_stored(engine: sa.Engine) -> None:
    assert _load(engine).ok
    stored = json.dumps(table_snapshot(engine), ensure_ascii=False)
    text = GOOD.read_text(encoding="utf-8")
    for secret in (*PERSON_NAMES, "sluzba@example.cz", "+420 123 456 789"):
        assert secret in text  # the fixture carries it …
        assert secret not in stored  # … and nothing of it reaches the database


def test_rps003_target_groups_map_onto_canonical_groups(engine: sa.Engine) -> None:
    assert _load(engine).ok
    g, sv = s.social_service_target_group, s.social_service
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sv.c.register_id, g.c.register_code, g.c.canonical_code)
                            .join(sv, sv.c.id == g.c.service_id)).all()
    mapped = {(r, code): canonical for r, code, canonical in rows}
    assert mapped[("sluzba-1", "24")] == "seniori"
    assert mapped[("sluzba-1", "30")] == "seniori"
    assert mapped[("sluzba-4", "26")] is None  # deliberately without a canonical group


def test_rps004_unknown_keys_and_unmapped_groups_warn(engine: sa.Engine, tmp_path: Path) -> None:
    result = _load(engine)
    assert [(p.rule, p.row, p.column) for p in result.warnings] == [
        ("rpss-unknown-key", 5, "novyKlic")]
    data = json.loads(GOOD.read_text(encoding="utf-8"))
    data["polozky"][0]["ciloveSkupiny"].append({"cilovaSkupina": {"id": "CilovaSkupinaOsoby/77"}})
    codes = tmp_path / "codes"
    shutil.copytree(CODES, codes)
    groups = json.loads((codes / "cilove-skupiny-osoby.json").read_text(encoding="utf-8"))
    groups["polozky"].append({"id": "CilovaSkupinaOsoby/77", "nazev": "nová skupina"})
    (codes / "cilove-skupiny-osoby.json").write_text(json.dumps(groups), encoding="utf-8")
    (tmp_path / "rpss.json").write_text(json.dumps(data), encoding="utf-8")
    result = load_rpss(engine, tmp_path / "rpss.json", codebooks=codes, as_of=DAY)
    assert result.ok
    assert [p.value for p in result.warnings if p.rule == "rpss-unmapped-target-group"] == ["77"]


BAD = {
    "not_json.json": ("not-rpss", None, None),
    "html_page.json": ("not-rpss", None, None),
    "root_list_missing.json": ("not-rpss", None, None),
    "broken.json": ("json-broken", None, None),
    "unknown_code.json": ("rpss-unknown-code", 3, "druhSocialniSluzby"),
    "unknown_municipality.json": ("rpss-unknown-municipality", 4, "zarizeni[1].adresa.obec"),
    "impossible_date.json": ("rpss-bad-date", 1, "datumPoskytovaniOd"),
    "negative_capacity.json": ("rpss-bad-capacity", 3, "formy[0].kapacity[0].pocet"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_rps005_bad_input_refused_database_unchanged(engine: sa.Engine, name: str) -> None:
    assert _load(engine, day=dt.date(2025, 1, 1)).ok  # an earlier snapshot must survive
    before = table_snapshot(engine)
    result = _load(engine, DATA / "bad" / name)
    assert not result.ok and result.status == "rejected"
    assert [(p.rule, p.row, p.column) for p in result.errors] == [BAD[name]]
    assert table_snapshot(engine) == before


def test_rps006_newer_snapshot_keeps_older_same_file_changes_nothing(engine: sa.Engine,
                                                                    tmp_path: Path) -> None:
    assert _load(engine, day=dt.date(2025, 1, 1)).ok
    assert _load(engine).ok
    before = table_snapshot(engine)
    again = _load(engine)
    assert again.ok and again.total("inserted") == 0 and again.total("unchanged") == 12
    after = table_snapshot(engine)
    assert {k: v for k, v in after.items() if k not in ("load_run", "load_file")} == \
        {k: v for k, v in before.items() if k not in ("load_run", "load_file")}
    db = Database(engine)
    assert [d for d in q.snapshots(db)["as_of"]] == [DAY, dt.date(2025, 1, 1)]
    # the same day from another file replaces that day only
    data = json.loads(GOOD.read_text(encoding="utf-8"))
    del data["polozky"][4]
    (tmp_path / "rpss.json").write_text(json.dumps(data), encoding="utf-8")
    assert _load(engine, tmp_path / "rpss.json").ok
    counts = dict(zip(q.snapshots(db)["as_of"], q.snapshots(db)["service_count"], strict=True))
    assert counts == {DAY: 4, dt.date(2025, 1, 1): 5}
    latest, earlier = q.snapshots(db)["id"].tolist()
    changes = q.changes(db, latest, earlier).set_index("orp_code")
    assert changes.loc["8108"].tolist() == [0, 1]  # sluzba-5 ended in Havířov since then
    assert changes["added"].sum() == 0


def test_rps007_per_orp_sums_equal_a_row_by_row_count(engine: sa.Engine) -> None:
    assert _load(engine).ok
    codes, _ = read_codes(CODES)
    services = read_rpss(GOOD, codes, municipality_orps(), orp_codes(), DAY).services
    expected_services: Counter = Counter()
    expected_beds: Counter = Counter()
    for service in services:
        for orp in service.orps:
            expected_services[orp] += 1
            expected_beds[orp] += service.capacities.get(("pob", "luzka"), 0)
    db = Database(engine)
    snapshot = q.latest_snapshot(db)["id"]
    totals = q.orp_totals(db, snapshot).set_index("orp_code")
    assert totals["services"].to_dict() == dict(expected_services)
    assert totals["beds"].fillna(0).astype(int).to_dict() == dict(expected_beds)
    # an area's figures count a service once, whichever of its ORPs it counts in
    region = q.network(db, snapshot, region="CZ080")
    in_region = [v for v in services if any(o in ("8119", "8117", "8108") for o in v.orps)]
    expected: Counter = Counter()
    capacity: Counter = Counter()
    for service in in_region:
        for form in service.forms:
            kinds = [k for f, k in service.capacities if f == form] or [None]
            for kind in kinds:
                expected[(service.kind_code, form, kind)] += 1
                capacity[(service.kind_code, form, kind)] += service.capacities.get((form, kind), 0)
    keys = list(zip(region["kind_code"], region["form_code"], region["capacity_type"], strict=True))
    assert dict(zip(keys, region["services"], strict=True)) == dict(expected)
    assert dict(zip(keys, region["capacity"].fillna(0), strict=True)) == dict(capacity)


def test_rps008_command_line_exit_codes(db_url: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    common = ["--codebooks", str(CODES), "--as-of", "2026-01-01", "--database", db_url]
    assert main(["load-rpss", str(GOOD), "--dry-run", *common]) == 0
    assert "dry-run" in capsys.readouterr().out
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(s.social_service)).scalar() == 0
    assert main(["load-rpss", str(GOOD), *common]) == 0
    assert main(["load-rpss", str(DATA / "bad" / "html_page.json"), *common]) == 1
    assert main(["load-rpss", str(tmp_path / "missing.json"), *common]) == 2
    assert main(["load-rpss", str(GOOD), "--as-of", "2026-02-30", "--database", db_url]) == 2
    engine.dispose()


def test_rps009_without_code_lists_codes_go_unchecked_with_a_warning(engine: sa.Engine) -> None:
    result = load_rpss(engine, GOOD, as_of=DAY)
    assert result.ok
    assert "rpss-no-codebooks" in {p.rule for p in result.warnings}
    assert _where(engine)["sluzba-3"] == {"8119": "facility", "8108": "field"}


def test_rps010_demo_register_covers_every_orp_marked_demo(engine: sa.Engine) -> None:
    from etl.rpss_demo import load_demo_register

    result = load_demo_register(engine, services=600, facilities=1500)
    assert result.ok, result.errors
    with engine.connect() as conn:
        orps = conn.execute(sa.select(sa.func.count(sa.distinct(s.social_service_orp.c.orp_code)))
                            ).scalar()
        all_orps = conn.execute(sa.select(sa.func.count()).select_from(s.orp)).scalar()
        services = conn.execute(sa.select(s.social_service)).mappings().all()
        bases = set(conn.execute(sa.select(s.social_service_orp.c.basis)).scalars())
        no_point = conn.execute(sa.select(sa.func.count()).select_from(s.social_service_facility)
                                .where(s.social_service_facility.c.address_point.is_(None))).scalar()
        snapshots = conn.execute(sa.select(s.rpss_snapshot.c.as_of, s.rpss_snapshot.c.is_demo)
                                 .order_by(s.rpss_snapshot.c.as_of)).all()
    assert orps == all_orps == 206
    # two snapshots a year apart, so the pages show the change; the latest covers every ORP
    assert [a for a, _demo in snapshots] == [dt.date(2025, 1, 1), dt.date(2026, 1, 1)]
    assert all(demo for _a, demo in snapshots) and all(v["is_demo"] for v in services)
    db = Database(engine)
    latest = q.orp_totals(db, q.latest_snapshot(db)["id"])
    assert len(latest[latest["services"] > 0]) == 206
    assert latest["added"].sum() > 0 and latest["ended"].sum() > 0
    assert all("(DEMO)" in v["provider_name"] for v in services)
    assert any(not v["is_active"] for v in services) and bases == {"facility", "field"}
    assert no_point > 0
    assert "Smyšlený" not in json.dumps(table_snapshot(engine), ensure_ascii=False)


def _variant(tmp_path: Path, change) -> Path:  # noqa: ANN001 - a function changing the items
    data = json.loads(GOOD.read_text(encoding="utf-8"))
    change(data["polozky"])
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "expected"), [
    (lambda items: items[2]["rozsirenePusobnostiVKraji"].append({"id": "Orp/9999"}),
     ("rpss-unknown-orp", 3, "rozsirenePusobnostiVKraji[2]")),
    (lambda items: items.append(dict(items[0])), ("rpss-duplicate-service", 6, "id")),
    (lambda items: items[0]["formy"][0]["kapacity"][0].update(pocet=2.5),
     ("rpss-bad-capacity", 1, "formy[0].kapacity[0].pocet")),
    (lambda items: items[0]["zarizeni"][0]["adresa"].update(obec={"id": "Obec/123456"}),
     ("rpss-unknown-code", 1, "zarizeni[0].adresa.obec")),
    (lambda items: items[1].update(datumPoskytovaniDo="31.12.2020"),
     ("rpss-bad-date", 2, "datumPoskytovaniDo")),
], ids=["field-orp-unknown", "service-twice", "fractional-capacity", "municipality-not-listed",
        "date-not-iso"])
def test_rps011_more_bad_items_refused(engine: sa.Engine, tmp_path: Path, change,  # noqa: ANN001
                                       expected: tuple) -> None:
    before = table_snapshot(engine)
    result = _load(engine, _variant(tmp_path, change))
    assert [(p.rule, p.row, p.column) for p in result.errors] == [expected]
    assert table_snapshot(engine) == before


def test_rps012_totals_follow_the_snapshots_order_whatever_the_load_order(engine: sa.Engine,
                                                                          tmp_path: Path) -> None:
    smaller = _variant(tmp_path, lambda items: items.pop(4))  # sluzba-5 (Havířov) not yet there
    assert _load(engine).ok  # 2026: all five
    db = Database(engine)
    latest = q.latest_snapshot(db)["id"]
    assert q.orp_totals(db, latest)["added"].isna().all()  # nothing earlier to compare with
    assert _load(engine, smaller, day=dt.date(2025, 1, 1)).ok  # an older day, loaded later
    totals = q.orp_totals(db, latest).set_index("orp_code")
    assert totals.loc["8108", ["services", "added", "ended"]].tolist() == [2, 1, 0]
    assert totals["added"].sum() == 1 and totals["ended"].sum() == 0


def _senior_traps(items: list[dict]) -> None:
    """Two more services beside sluzba-1's facilities: beds for seniors that are not residential
    (an outpatient form), and residential beds of a service not for seniors (carers)."""
    outpatient, carers = (json.loads(json.dumps(items[0])) for _ in range(2))
    outpatient.update(id="sluzba-6", formy=[{"forma": {"id": "FormaSocialniSluzby/amb"},
                                              "kapacity": [{"pocet": 7, "typ": {
                                                  "id": "TypKapacitySocialniSluzby/luzka"}}]}])
    carers.update(id="sluzba-7", ciloveSkupiny=[{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/26"}}],
                  formy=[{"forma": {"id": "FormaSocialniSluzby/pob"},
                          "kapacity": [{"pocet": 20, "typ": {
                              "id": "TypKapacitySocialniSluzby/luzka"}}]}])
    items.extend([outpatient, carers])


def test_rps013_the_65_plus_measure_counts_only_residential_beds_of_services_for_seniors(
        engine: sa.Engine, tmp_path: Path) -> None:
    from etl.rpss_counting import residential_beds, senior_beds
    from etl.sources.rpss_codes import target_group_map

    path = _variant(tmp_path, _senior_traps)
    assert _load(engine, path).ok
    codes, _ = read_codes(CODES)
    mapping = target_group_map()
    expected_beds: Counter = Counter()
    expected_senior: Counter = Counter()
    for service in read_rpss(path, codes, municipality_orps(), orp_codes(), DAY).services:
        for orp in service.orps:
            expected_beds[orp] += residential_beds(service)
            expected_senior[orp] += senior_beds(service, {mapping.get(g) for g in
                                                          service.target_groups})
    db = Database(engine)
    totals = q.orp_totals(db, q.latest_snapshot(db)["id"]).set_index("orp_code")
    assert totals["senior_beds"].fillna(0).astype(int).to_dict() == \
        {k: v for k, v in expected_senior.items() if k in totals.index}
    assert totals["beds"].fillna(0).astype(int).to_dict() == \
        {k: v for k, v in expected_beds.items() if k in totals.index}
    # Ostrava: sluzba-1's 40 residential beds for seniors; the carers' 20 residential beds are
    # beds but not for seniors; the 7 outpatient beds for seniors are neither
    assert totals.loc["8119", ["beds", "senior_beds"]].tolist() == [60, 40]
