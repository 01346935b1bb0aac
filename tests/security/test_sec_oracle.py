"""The upload page's dry run is no oracle: an editor's counts do not depend on internal data.

The steering group loads an unpublished evaluation with an internal comment; an
editor's dry run of an exact copy (a right guess) and of a wrong guess show the
same counts, while the steering group's own dry run of the copy says "unchanged".
"""

from __future__ import annotations

import sqlalchemy as sa

from etl import plan_year
from etl import schema as s
from tests.security.callbacks import body, call, components
from tests.security.files import data_url
from tests.security.test_sec_uploads import _dry_run, _upload_calls

HEADER = "Plán;Kód;Rok;Stav;Plnění procent;Skutečné náklady;Komentář;Interní komentář;Veřejné\n"


def _a_measure(engine: sa.Engine) -> tuple[str, str, int]:
    """A plan, one of its measures and a year inside the plan's period that is not approved
    (a load of an approved year is refused whole)."""
    m, p = s.measure, s.community_plan
    with engine.connect() as conn:
        rows = conn.execute(sa.select(p.c.key, m.c.code, p.c.period_from, p.c.period_to)
                            .join(m, m.c.plan_id == p.c.id).where(p.c.period_from.is_not(None))
                            .order_by(p.c.key, m.c.code)).all()
        locked = plan_year.locked_years(conn)
    for row in rows:
        first, last = (int(getattr(v, "year", v)) for v in (row.period_from, row.period_to))
        for year in range(first, last + 1):
            if (row.key, year) not in locked:
                return row.key, row.code, year
    raise AssertionError("every plan year is approved")


def _file(plan: str, code: str, year: int, status: str, internal: str) -> list[tuple[str, bytes]]:
    text = HEADER + f"{plan};{code};{year};{status};40 %;1 000 Kč;Komentář;{internal};ne\n"
    return [("plneni_opatreni.csv", text.encode("utf-8"))]


def _counts(response) -> list[list[str]]:  # noqa: ANN001
    """The cells of the counts table of a dry run's answer."""
    outputs = response.json["response"]
    table = next(c for c in components(outputs["upload-result"])
                 if c["props"].get("id") == "upload-counts")
    rows = [c for c in components(table) if c["type"] == "Tr"]
    return [[str(cell["props"].get("children")) for cell in components(row) if cell["type"] == "Td"]
            for row in rows[1:]]


def _load(client, files: list[tuple[str, bytes]]) -> None:  # noqa: ANN001
    check, confirm = _upload_calls(client)
    fingerprint = _dry_run(client, check, files).json["response"]["upload-fingerprint"]["data"]
    assert isinstance(fingerprint, str)
    loaded = call(client, body(confirm, {
        ("upload-confirm", "n_clicks"): 1,
        ("upload-input", "contents"): [data_url(d) for _, d in files],
        ("upload-input", "filename"): [n for n, _ in files],
        ("upload-fingerprint", "data"): fingerprint, ("upload-lang", "data"): "cs"}))
    assert "Načteno" in str(loaded.json["response"])


def test_sec070_an_editors_dry_run_does_not_confirm_a_guess(secure_app, client_as) -> None:  # noqa: ANN001
    engine = secure_app.server.extensions["kpss_writer"]
    plan, code, year = _a_measure(engine)
    stored = _file(plan, code, year, "nesplněno", "Tajné rozhodnutí skupiny")
    steering, editor = client_as("steering"), client_as("editor")
    _load(steering, stored)
    check, _confirm = _upload_calls(editor)
    right = _counts(_dry_run(editor, check, stored))
    wrong = _counts(_dry_run(editor, check, _file(plan, code, year, "splněno", "Jiný odhad")))
    assert right == wrong == [["plneni_opatreni.csv", "Plnění opatření", "0", "1", "0"]]
    check, _confirm = _upload_calls(steering)
    assert _counts(_dry_run(steering, check, stored)) == [
        ["plneni_opatreni.csv", "Plnění opatření", "0", "0", "1"]]
