"""Every fact of the five seed pages, exactly as loaded, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import sqlalchemy as sa

from etl import schema as s

OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"
NOVY_JICIN = "CZ.03.2.63/0.0/0.0/16_063/0006540"
PELHRIMOV = "CZ.03.2.63/0.0/0.0/16_063/0006513"
JMK_PREDECESSOR = "CZ.1.04/3.1.00/05.00052"
JMK = "local:jmk-planovani-ss"
ZABREH = "local:zabreh-kpss-2012"


def _project(conn: sa.Connection, key: str) -> sa.RowMapping:
    return conn.execute(sa.select(s.project).where(s.project.c.key == key)).mappings().one()


def _funding(conn: sa.Connection, key: str) -> dict[str, sa.RowMapping]:
    rows = conn.execute(
        sa.select(s.project_funding).join(s.project).where(s.project.c.key == key)).mappings()
    return {r["source_code"]: r for r in rows}


def _orps(conn: sa.Connection, key: str) -> set[str]:
    return set(conn.scalars(
        sa.select(s.project_orp.c.orp_code).join(s.project).where(s.project.c.key == key)))


def test_seed001_ostrava_budget_and_split(seeded_engine: sa.Engine) -> None:
    with seeded_engine.connect() as conn:
        p = _project(conn, OSTRAVA)
        assert p["name"] == "Společné plánování udržitelné sítě sociálních služeb v Ostravě"
        assert p["beneficiary"] == "Statutární město Ostrava"
        assert p["programme_code"] == "OPZ"
        assert (p["start_date"], p["end_date"]) == (dt.date(2017, 11, 1), dt.date(2019, 10, 31))
        assert p["total_eligible"] == Decimal("3648425.00")
        assert p["support_eu_state"] == Decimal("3466003.75")
        assert p["registration_number_stated"] is True
        assert _orps(conn, OSTRAVA) == {"8119"}
        f = _funding(conn, OSTRAVA)
        assert f["beneficiary"]["amount"] == Decimal("182421.25")
        assert f["beneficiary"]["percent"] == Decimal("5")
        assert not f["beneficiary"]["amount_derived"]
        assert (f["eu"]["percent"], f["state"]["percent"]) == (Decimal("85"), Decimal("10"))
        # The page states the EU + state sum only; the two amounts are derived from the percentages.
        assert f["eu"]["amount_derived"] and f["state"]["amount_derived"]
        assert not f["eu"]["percent_derived"]
        assert f["eu"]["amount"] + f["state"]["amount"] == Decimal("3466003.75")
        assert f["eu"]["amount"] == Decimal("3101161.25")
        assert f["state"]["amount"] == Decimal("364842.50")


def test_seed002_ostrava_indicators_and_activities(seeded_engine: sa.Engine) -> None:
    with seeded_engine.connect() as conn:
        targets = {r["indicator_code"]: r for r in conn.execute(
            sa.select(s.indicator_target).join(s.project).where(s.project.c.key == OSTRAVA)
        ).mappings()}
        assert set(targets) == {"60000", "80500"}
        assert targets["60000"]["target_value"] == 20
        assert targets["80500"]["target_value"] == 1
        assert targets["60000"]["target_date"] == dt.date(2019, 10, 31)
        assert targets["60000"]["baseline_value"] is None  # the page states none
        assert "40 hodin" in targets["60000"]["description"]
        names = dict(conn.execute(sa.select(s.indicator.c.code, s.indicator.c.name)).all())
        assert names["60000"] == "Celkový počet účastníků"
        assert names["80500"] == ("Počet napsaných a zveřejněných analytických a strategických "
                                  "dokumentů vč. evaluačních")
        activities = {r["code"]: r for r in conn.execute(
            sa.select(s.key_activity).join(s.project).where(s.project.c.key == OSTRAVA)
        ).mappings()}
        assert list(sorted(activities)) == ["KA1", "KA2", "KA3", "KA4", "KA5"]
        assert (activities["KA2"]["start_date"], activities["KA2"]["end_date"]) == (
            dt.date(2017, 11, 1), dt.date(2018, 10, 31))
        assert (activities["KA3"]["start_date"], activities["KA3"]["end_date"]) == (
            dt.date(2018, 4, 1), dt.date(2019, 10, 31))
        assert activities["KA5"]["start_date"] == dt.date(2018, 1, 1)
        assert activities["KA4"]["outputs"].splitlines() == [
            "komunikační plán procesu",
            "komunikační verze nového střednědobého plánu sociálních služeb"]
        assert len(activities["KA2"]["outputs"].splitlines()) == 3


def test_seed003_novy_jicin(seeded_engine: sa.Engine) -> None:
    with seeded_engine.connect() as conn:
        p = _project(conn, NOVY_JICIN)
        assert p["short_name"] == "Nový Jičín – vstříc sociálním službám II."
        assert (p["start_date"], p["end_date"]) == (dt.date(2018, 1, 1), dt.date(2019, 12, 31))
        assert p["duration_months"] == 24
        assert p["total_eligible"] == Decimal("2770437.50")
        assert _orps(conn, NOVY_JICIN) == {"8115"}
        f = _funding(conn, NOVY_JICIN)
        # The page gives no split: the call 63 rule derives it, and says so.
        assert all(f[k]["amount_derived"] and f[k]["percent_derived"] for k in f)
        assert "výzvy 63" in f["eu"]["derivation"]
        assert sum(r["amount"] for r in f.values()) == Decimal("2770437.50")
        activities = conn.execute(
            sa.select(s.key_activity.c.code, s.key_activity.c.name).join(s.project)
            .where(s.project.c.key == NOVY_JICIN).order_by(s.key_activity.c.code)).all()
        assert [tuple(a) for a in activities] == [
            ("KA 02", "Spolupráce s obcemi"), ("KA 03", "Vzdělávání"),
            ("KA 04", "Dny sociálních služeb (DSS)"),
            ("KA 05", "Diskusní fóra (Práce v pracovních skupinách)"),
            ("KA 06", "Odborné pracovní platformy")]
        bodies = {r["name"]: r for r in conn.execute(
            sa.select(s.planning_body).join(s.project).where(s.project.c.key == NOVY_JICIN)
        ).mappings()}
        assert set(bodies) == {"Řídící skupina", "Odborná pracovní platforma", "Diskusní fórum"}
        assert bodies["Řídící skupina"]["meetings_public"] is False


def test_seed004_south_moravia_and_predecessor(seeded_engine: sa.Engine) -> None:
    with seeded_engine.connect() as conn:
        current = _project(conn, JMK)
        assert current["registration_number_stated"] is False
        assert current["name"] is None and current["total_eligible"] is None
        assert current["predecessor_key"] == JMK_PREDECESSOR
        region_orps = set(conn.scalars(
            sa.select(s.orp.c.code).where(s.orp.c.region_nuts3 == "CZ064")))
        assert len(region_orps) == 21
        assert _orps(conn, JMK) == region_orps
        before = _project(conn, JMK_PREDECESSOR)
        assert before["name"] == "Podpora plánování rozvoje sociálních služeb v Jihomoravském kraji II."
        assert (before["start_date"], before["end_date"]) == (dt.date(2011, 11, 1),
                                                              dt.date(2013, 10, 31))
        assert before["programme_code"] == "OP LZZ"
        assert _funding(conn, JMK) == {}


def test_seed005_pelhrimov_and_zabreh_plans(seeded_engine: sa.Engine) -> None:
    with seeded_engine.connect() as conn:
        p = _project(conn, PELHRIMOV)
        assert p["municipality_count"] == 71
        assert p["beneficiary"] == "MAS Šipka"
        call = conn.execute(sa.select(s.call).where(s.call.c.id == p["call_id"])).mappings().one()
        assert (call["programme_code"], call["number"]) == ("OPZ", "63")
        assert call["name"] == "Podpora procesu plánování sociálních služeb na obecní úrovni"
        plans = {r["key"]: r for r in conn.execute(sa.select(s.community_plan)).mappings()}
        assert (plans["ostrava-kp5"]["period_from"], plans["ostrava-kp5"]["period_to"]) == (2019, 2022)
        assert (plans["pelhrimov-2019"]["period_from"], plans["pelhrimov-2019"]["period_to"]) == (
            2019, 2021)
        assert (plans["zabreh-kp2"]["period_from"], plans["zabreh-kp2"]["period_to"]) == (2012, 2015)
        action_years = set(conn.scalars(sa.select(s.action_plan.c.year).where(
            s.action_plan.c.plan_id == plans["pelhrimov-2019"]["id"])))
        assert action_years == {2019, 2020}
        zabreh = _project(conn, ZABREH)
        assert zabreh["support_eu_state"] == Decimal("1899493.20")
        assert zabreh["total_eligible"] is None  # the page gives the support, not the total
        assert (zabreh["start_date"], zabreh["end_date"]) == (dt.date(2012, 3, 1), dt.date(2014, 2, 28))
        groups = dict(conn.execute(
            sa.select(s.target_group.c.local_name, s.target_group.c.canonical_code)
            .where(s.target_group.c.plan_key == "ostrava-kp5")).all())
        assert len(groups) == 9
        assert groups["VIII. Romské etnikum (Podpora občanům v sociálně vyloučených lokalitách)"] == \
            "vylouceni"
        zabreh_groups = set(conn.scalars(sa.select(s.target_group.c.local_name).where(
            s.target_group.c.plan_key == "zabreh-kp2")))
        assert zabreh_groups == {"I.PS - Senioři", "II.PS – Lidé s postižením",
                                 "III.PS – Děti, mládež a rodiny s dětmi", "IV.PS – Osoby v krizi"}


def test_seed006_every_seed_row_names_its_source_page(seeded_engine: sa.Engine) -> None:
    with seeded_engine.connect() as conn:
        for table in (s.project, s.key_activity, s.indicator_target, s.community_plan,
                      s.planning_body, s.project_target_group):
            rows = conn.execute(sa.select(table.c.source).where(table.c.is_demo.is_(False))).scalars()
            assert all(r and r.startswith("stránka projektu ") for r in rows), table.name


def test_seed007_demo_rows_are_marked_and_only_on_demo_projects_and_plans(
        seeded_engine: sa.Engine) -> None:
    """Generated figures sit only on projects and plans with plainly fictional names:
    a real (seed) project or plan shows exactly its public facts."""
    with seeded_engine.connect() as conn:
        for table in (s.indicator_achievement, s.drawdown, s.measure, s.measure_evaluation):
            flags = set(conn.scalars(sa.select(table.c.is_demo)))
            assert flags == {True}, table.name
        projects = conn.execute(sa.select(s.project.c.key, s.project.c.name, s.project.c.is_demo)).all()
        demo = {key for key, _name, is_demo in projects if is_demo}
        assert demo and all(key.startswith("local:demo-") for key in demo)
        assert all(name.startswith("DEMO – ") for key, name, _d in projects if key in demo)
        for table in (s.indicator_achievement, s.drawdown):
            owners = set(conn.scalars(sa.select(s.project.c.key).join(
                table, table.c.project_id == s.project.c.id)))
            assert owners and owners <= demo, table.name
        plans = set(conn.scalars(
            sa.select(s.community_plan.c.key).join(s.measure, s.measure.c.plan_id == s.community_plan.c.id)))
        assert plans and all(plan.startswith("demo-") for plan in plans)
        names = set(conn.scalars(sa.select(s.community_plan.c.name)
                                 .where(s.community_plan.c.key.in_(plans))))
        assert all(name.startswith("DEMO – ") for name in names)
