"""Approval publishes: the public reads an evaluation marked public only while its plan's year
is approved, on every surface (page, exports, report, history, ORP and target-group totals);
the steering group reads the drafts. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import dash
import plotly
import pytest
import sqlalchemy as sa

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.db import EXTENSION_KEY, Database
from dashboard.evaluation_report import build_report
from dashboard.queries import orp, target_group_totals, target_groups
from dashboard.queries import plan as queries
from dashboard.queries.orp_totals import totals as orp_totals
from etl import plan_year
from etl import schema as s
from etl.demo import DEMO_APPROVER, DEMO_PLANS, DRAFT_YEARS
from etl.load import load_files
from etl.publication import year_approved
from tests.security.callbacks import text_of_document

GOOD = Path(__file__).parent.parent / "data" / "good" / "utf8_semicolon"
PLAN, YEAR = "celadna-kp1", 2021
MARK = "Zveřejní-se-po-schválení-4417"  # the public comment of the year under review
EVALUATIONS = (
    "plan;kod;rok;stav;plneni_procent;skutecne_naklady;komentar;interni_komentar;verejne\n"
    f"{PLAN};1.1;{YEAR};splněno;100 %;31 337;{MARK};Interní-poznámka;ano\n")


@pytest.fixture
def db(engine: sa.Engine) -> Database:
    """Čeladná's plan with a public evaluation of 2020 and one of 2021, loaded from files:
    marked public, neither year approved."""
    assert load_files(engine, [GOOD]).ok
    assert load_files(engine, blobs=[("plneni_opatreni.csv", EVALUATIONS.encode())]).ok
    return Database(engine)


def _public_row(db: Database, internal: bool = False) -> dict:
    frame = queries.evaluations(db, PLAN, internal=internal)
    return frame[frame["year"] == YEAR].iloc[0].to_dict()


def _approved_in_sql(db: Database) -> bool:
    plan_id = db.scalar(sa.select(s.community_plan.c.id).where(s.community_plan.c.key == PLAN))
    return bool(db.scalar(sa.select(year_approved(sa.literal(plan_id), sa.literal(YEAR)))))


def test_pub001_the_public_reads_an_evaluation_only_while_its_year_is_approved(db: Database) -> None:
    engine = db.engine
    steps = [("draft", lambda: None),
             ("approved", lambda: plan_year.approve(engine, PLAN, YEAR, "jana")),
             ("reopened", lambda: plan_year.reopen(engine, PLAN, YEAR, "admin", "oprava")),
             ("approved again", lambda: plan_year.approve(engine, PLAN, YEAR, "jana"))]
    for name, step in steps:
        step()
        approved = name.startswith("approved")
        public, steering = _public_row(db), _public_row(db, internal=True)
        assert bool(public["is_public"]) is approved, name
        assert (public["comment"] == MARK) is approved, name
        assert (public["status_code"] == "fulfilled") is approved, name
        assert "internal_comment" not in public
        # the steering group reads the draft whole, whatever its state
        assert steering["comment"] == MARK and steering["internal_comment"] == "Interní-poznámka"
        # the SQL rule and the state the page shows agree
        with engine.connect() as conn:
            assert plan_year.year_state(conn, PLAN, YEAR).approved is approved
        assert _approved_in_sql(db) is approved, name


@pytest.fixture
def app(db_url: str, db: Database) -> Iterator[dash.Dash]:
    made = create_app(Settings(database_url=db_url))
    yield made
    made.server.extensions[EXTENSION_KEY].engine.dispose()


def _page(app: dash.Dash) -> str:
    with app.server.test_request_context("/komunitni-plan"):
        layout = dash.page_registry["pages.plan"]["layout"](plan=PLAN, rok=str(YEAR))
        return json.dumps(json.loads(json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder)),
                          ensure_ascii=False)


def _surfaces(app: dash.Dash) -> dict[str, str]:
    """What an anonymous visitor reads of the plan's year: the page, its exports, the report."""
    client = app.server.test_client()
    texts = {"page": _page(app)}
    for name in ("plan-grid", "plan-changes", "plan-costs", "plan-history"):
        response = client.get(f"/export/{name}.csv?plan={PLAN}&rok={YEAR}")
        assert response.status_code == 200, name
        texts[name] = response.get_data(as_text=True)
    for fmt in ("docx", "pdf"):
        response = client.get(f"/vyhodnoceni/{PLAN}/{YEAR}.{fmt}")
        assert response.status_code == 200, fmt
        texts[fmt] = text_of_document(response.data)
    return texts


def test_pub002_page_exports_and_report_publish_with_the_approval(app: dash.Dash, db: Database) -> None:
    draft = _surfaces(app)
    for where, text in draft.items():
        assert MARK not in text and "31337" not in text.replace(" ", "").replace("\xa0", ""), where
    # the page says why the year shows nothing, in words rather than an empty grid
    assert '"plan-year-draft"' in draft["page"] and "zatím nebylo schváleno a zveřejněno" in draft["page"]
    assert "zatímnebyloschválenoazveřejněno" in draft["docx"]
    plan_year.approve(db.engine, PLAN, YEAR, "jana")
    published = _surfaces(app)
    for where in ("page", "plan-changes", "docx", "pdf"):
        assert MARK in published[where].replace("\n", ""), where
    assert "splněno" in published["plan-grid"]
    assert '"plan-year-draft"' not in published["page"]
    assert "Interní-poznámka" not in json.dumps(published, ensure_ascii=False)
    plan_year.reopen(db.engine, PLAN, YEAR, "admin", "oprava nákladů")
    for where, text in _surfaces(app).items():
        assert MARK not in text, where


def test_pub003_the_steering_groups_report_holds_the_draft(db: Database) -> None:
    report = build_report(db, PLAN, YEAR, internal=True, lang="cs", charts=False)
    comments = [row.comment for section in report.sections for row in section.rows]
    assert MARK in comments and not report.approved
    public = build_report(db, PLAN, YEAR, internal=False, lang="en", charts=False)
    assert MARK not in [row.comment for section in public.sections for row in section.rows]
    assert any("has not been approved and published yet" in note for note in public.notes)


def _public_totals(db: Database) -> dict[str, object]:
    """Every public total that counts evaluations, by the stored aggregate and by the rows."""
    groups = target_group_totals.group_status_rows(db, PLAN)
    by_orp = orp_totals(db).set_index("orp_code")
    return {
        "target groups (stored)": sorted(set(groups["status_code"])),
        "target groups (rows)": sorted(target_groups.public_evaluation_rows(db, PLAN)["year"]),
        "ORP (rows)": sorted(orp.evaluation_rows(db)["year"]),
        "ORP (stored)": int(by_orp.loc["8119", "measures_evaluated"]) if "8119" in by_orp.index
        else 0,
    }


def test_pub004_public_totals_follow_approval_and_reopening(db: Database) -> None:
    assert _public_totals(db) == {"target groups (stored)": [target_group_totals.NOT_EVALUATED],
                                  "target groups (rows)": [], "ORP (rows)": [], "ORP (stored)": 0}
    plan_year.approve(db.engine, PLAN, 2020, "jana")
    plan_year.approve(db.engine, PLAN, YEAR, "jana")
    assert _public_totals(db) == {"target groups (stored)": ["fulfilled"],
                                  "target groups (rows)": [YEAR], "ORP (rows)": [YEAR],
                                  "ORP (stored)": 1}
    plan_year.reopen(db.engine, PLAN, YEAR, "admin", "oprava")  # back to 2020's evaluation
    assert _public_totals(db) == {"target groups (stored)": ["partly"],
                                  "target groups (rows)": [2020], "ORP (rows)": [2020],
                                  "ORP (stored)": 1}


def test_pub005_the_demo_approves_its_plans_years_but_the_draft_and_no_real_plan(
        seeded_engine: sa.Engine) -> None:
    e, p = s.plan_year_event, s.community_plan
    with seeded_engine.connect() as conn:
        events = conn.execute(sa.select(p.c.key, p.c.is_demo, e.c.year, e.c.action, e.c.user_name)
                              .join(p, p.c.id == e.c.plan_id)).all()
    expected = {(plan, year) for plan, *_rest, first, last, _groups, _priorities in DEMO_PLANS
                for year in range(first, last + 1)} - DRAFT_YEARS
    assert {(key, year) for key, *_x, year, _a, _u in events} == expected
    assert all(demo and action == plan_year.APPROVE and user == DEMO_APPROVER
               for _key, demo, _year, action, user in events)
    db = Database(seeded_engine)
    for plan, year in DRAFT_YEARS:  # the draft's public evaluations stay unpublished
        frame = queries.evaluations(db, plan)
        assert not frame[frame["year"] == year]["is_public"].astype(bool).any()
        assert frame[frame["year"] == year - 1]["is_public"].astype(bool).any()
