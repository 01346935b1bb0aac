"""``python -m dashboard plan``: approve, reopen and list a plan's years, with the roles of the page."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard.__main__ import main
from dashboard.users import UserStore
from etl import plan_year
from etl.load import load_files

GOOD = Path(__file__).parent.parent / "data" / "good" / "utf8_semicolon"
PLAN = "celadna-kp1"
PASSWORD = "dlouhé heslo 123"


@pytest.fixture
def plan_db(engine: sa.Engine, db_url: str, monkeypatch: pytest.MonkeyPatch) -> sa.Engine:
    assert load_files(engine, [GOOD]).ok
    store = UserStore(engine)
    for name, role in (("jana", "steering"), ("eva", "editor"), ("admin", "admin")):
        store.add(name, PASSWORD, role)
    monkeypatch.setenv("DATABASE_URL", db_url)
    return engine


def test_clp001_approve_status_reopen(plan_db: sa.Engine, capsys: pytest.CaptureFixture) -> None:
    assert main(["plan", "status", PLAN]) == 0
    assert capsys.readouterr().out == "2020\tdraft\n"
    assert main(["plan", "approve", PLAN, "2020", "--user", "jana"]) == 0
    assert capsys.readouterr().out.startswith("2020\tapproved\tjana\t")
    assert main(["plan", "status", PLAN]) == 0
    assert capsys.readouterr().out.startswith("2020\tapproved\tjana\t")
    assert main(["plan", "reopen", PLAN, "2020", "--user", "admin", "--reason", "oprava"]) == 0
    line = capsys.readouterr().out
    assert line.startswith("2020\tdraft (reopened)\tadmin\t") and line.endswith("\toprava\n")
    with plan_db.connect() as conn:
        assert [e.action for e in plan_year.history(conn, PLAN)] == ["approve", "reopen"]


@pytest.mark.parametrize(("argv", "message"), [
    (["approve", PLAN, "2020", "--user", "eva"], "steering group approves"),
    (["approve", PLAN, "2020", "--user", "nikdo"], "there is no user nikdo"),
    (["approve", PLAN, "2019", "--user", "jana"], "nothing to approve"),
    (["reopen", PLAN, "2020", "--user", "jana", "--reason", "x"], "only an admin"),
    (["reopen", PLAN, "2020", "--user", "admin", "--reason", "x"], "nothing to reopen"),
    (["reopen", PLAN, "2020", "--user", "admin", "--reason", " "], "give the reason"),
    (["status", "neni-takovy"], "no evaluated year"),
])
def test_clp002_refusals_say_why_and_change_nothing(plan_db: sa.Engine, capsys: pytest.CaptureFixture,
                                                    argv: list[str], message: str) -> None:
    assert main(["plan", *argv]) == 1
    assert message in capsys.readouterr().err
    with plan_db.connect() as conn:
        assert plan_year.history(conn, PLAN) == []
