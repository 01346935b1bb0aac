"""Folding text for comparison: the same on SQLite (a Python function) and PostgreSQL (SQL)."""

from __future__ import annotations

import sqlalchemy as sa

from etl.textfold import ACCENTED, PLAIN, fold, fold_text

WORDS = ["Říčany", "ŽĎÁR NAD SÁZAVOU", "Ústí nad Orlicí", "Nový Jičín", "Ľubovňa", "Kôň",
         "straße", None, ""]


def test_tf001_fold_text_drops_case_and_czech_diacritics() -> None:
    assert fold_text("Říčany") == "ricany"
    assert fold_text("ŽĎÁR NAD SÁZAVOU") == "zdar nad sazavou"
    assert fold_text(None) is None
    assert len(ACCENTED) == len(PLAIN)


def test_tf002_the_database_folds_as_python_does(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        folded = [conn.scalar(sa.select(fold(sa.literal(w, sa.Text)))) for w in WORDS]
    assert folded == [fold_text(w) for w in WORDS]
