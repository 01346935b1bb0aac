"""A loader who may not read internal data (an editor) cannot learn it from a load's report.

Their dry run of a guessed evaluation reports the same whether the guess of the
internal comment or of an unpublished evaluation is right or wrong; what they
may write and what their blank cells keep is the rule of ``etl.load``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from etl import schema as s
from etl.load import load_files

GOOD = Path(__file__).parent.parent / "data" / "good" / "utf8_semicolon"
HEADER = "Plán;Kód;Rok;Stav;Plnění procent;Skutečné náklady;Komentář;Interní komentář;Veřejné\n"
PUBLISHED = "celadna-kp1;1.1;2020;částečně splněno;70 %;65 432,10 Kč;Služba rozšířena;{internal};ano\n"
UNPUBLISHED = "celadna-kp1;1.1;2021;{status};{percent};;Zatím neveřejné;{internal};ne\n"
STORED = {"internal": "Tajná poznámka A", "status": "nesplněno", "percent": "10 %"}
STORED_2021 = "Tajná poznámka B"


def _evaluations(folder: Path, published: dict, unpublished: dict | None = None) -> Path:
    path = folder / "plneni_opatreni.csv"
    text = HEADER + PUBLISHED.format(**published)
    if unpublished is not None:
        text += UNPUBLISHED.format(**unpublished)
    path.write_text(text, encoding="utf-8")
    return path


def _loaded(engine: sa.Engine, tmp_path: Path) -> None:
    """The plan, and both evaluations as the steering group loaded them."""
    assert load_files(engine, [GOOD]).ok
    stored = _evaluations(tmp_path, STORED, dict(STORED, internal=STORED_2021))
    assert load_files(engine, [stored]).ok


def _counts(engine: sa.Engine, path: Path, *, sees_internal: bool, dry_run: bool = True) -> Counter:
    result = load_files(engine, [path], dry_run=dry_run, sees_internal=sees_internal)
    assert result.ok, result.errors
    return sum(result.counts.values(), Counter())


def _internal_comments(engine: sa.Engine) -> dict[int, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(s.measure_evaluation.c.year,
                                           s.measure_evaluation.c.internal_comment)).all())


def test_evp001_an_editors_dry_run_is_the_same_for_a_right_and_a_wrong_guess(
        engine: sa.Engine, tmp_path: Path) -> None:
    _loaded(engine, tmp_path)
    (tmp_path / "right").mkdir()
    (tmp_path / "wrong").mkdir()
    right = _evaluations(tmp_path / "right", STORED, dict(STORED, internal=STORED_2021))
    wrong = _evaluations(tmp_path / "wrong", dict(STORED, internal="Jiná poznámka"),
                         {"internal": "Také jiná", "status": "splněno", "percent": "100 %"})
    editor_right = _counts(engine, right, sees_internal=False)
    editor_wrong = _counts(engine, wrong, sees_internal=False)
    assert editor_right == editor_wrong == Counter(updated=2)  # "will be written", never "unchanged"
    # the steering group, who may read it all, is told exactly what changes
    assert _counts(engine, right, sees_internal=True) == Counter(unchanged=2)
    assert _counts(engine, wrong, sees_internal=True) == Counter(updated=2)


def test_evp002_an_editors_blank_internal_comment_keeps_the_stored_one(
        engine: sa.Engine, tmp_path: Path) -> None:
    _loaded(engine, tmp_path)
    (tmp_path / "editor").mkdir()
    blank = _evaluations(tmp_path / "editor", dict(STORED, internal=""),
                         dict(STORED, internal=""))
    # the published row is compared over what the editor may read: nothing changes there;
    # the unpublished one is written blind
    assert _counts(engine, blank, sees_internal=False) == Counter(unchanged=1, updated=1)
    assert _counts(engine, blank, sees_internal=False, dry_run=False) == Counter(unchanged=1,
                                                                                 updated=1)
    assert _internal_comments(engine) == {2020: STORED["internal"], 2021: STORED_2021}
    # the same file from the steering group clears both comments, as it says
    assert _counts(engine, blank, sees_internal=True, dry_run=False) == Counter(updated=2)
    assert _internal_comments(engine) == {2020: None, 2021: None}


def test_evp003_an_editor_may_overwrite_internal_fields(engine: sa.Engine, tmp_path: Path) -> None:
    _loaded(engine, tmp_path)
    (tmp_path / "editor").mkdir()
    decided = _evaluations(tmp_path / "editor", dict(STORED, internal="Nová poznámka"),
                           {"internal": "Rozhodnutí skupiny", "status": "splněno",
                            "percent": "100 %"})
    assert _counts(engine, decided, sees_internal=False, dry_run=False) == Counter(updated=2)
    assert _internal_comments(engine) == {2020: "Nová poznámka", 2021: "Rozhodnutí skupiny"}
    with engine.connect() as conn:
        status = conn.execute(sa.select(s.measure_evaluation.c.status_code)
                              .where(s.measure_evaluation.c.year == 2021)).scalar()
    assert status == "fulfilled"
