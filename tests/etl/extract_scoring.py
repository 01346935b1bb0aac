"""Precision and recall of extraction per field, over a corpus with the expected facts beside each file.

Values are compared as the loader reads them (``etl.parse``): a date as a date, an amount
in haléře, a share as its amount and percentage; names case- and space-insensitively. Values
marked as proposals (a proposed local key, a canonical group) are not facts the document
states and are left out of the count.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from etl.parse import ParseError, parse_date, parse_money, parse_share

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results" / "extract.json"


@dataclass
class Score:
    """Counts of one field: found and right, found but wrong or unstated, stated but not found."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.right + self.wrong
        return self.right / found if found else 1.0

    @property
    def recall(self) -> float:
        stated = self.right + self.missed
        return self.right / stated if stated else 1.0


def fold(text: str) -> str:
    """A name compared without case, spacing or a closing period."""
    return " ".join(text.split()).rstrip(".").casefold()


def _safe(parse: Callable[[str], object], text: str | None) -> object:
    if text is None:
        return None
    try:
        return parse(text)
    except ParseError:
        return ("unparsable", text)


def as_date(text: str | None) -> object:
    return _safe(parse_date, text)


def as_halere(text: str | None) -> object:
    value = _safe(parse_money, text)
    return int(value * 100) if isinstance(value, Decimal) else value


def as_share(text: str | None) -> object:
    value = _safe(parse_share, text)
    if value is None or isinstance(value, tuple):
        return value
    amount = int(value.amount * 100) if value.amount is not None else None
    return (amount, value.percent)


def expected_share(share: dict[str, str | None] | None) -> object:
    if share is None:
        return None
    amount = int(share["castka"]) if share["castka"] is not None else None
    percent = Decimal(share["procento"]) if share["procento"] is not None else None
    return (amount, percent)


def score_value(score: Score, expected: object, found: object, where: str) -> None:
    """One value stated once: right, wrong (found a different or an unstated value) or missed."""
    if found is None and expected is None:
        return
    if found == expected:
        score.right += 1
        return
    if found is not None:
        score.wrong += 1
    if expected is not None:
        score.missed += 1
    score.misses.append(f"{where}: expected {expected!r}, found {found!r}")


def score_set(score: Score, expected: Iterable[object], found: Iterable[object], where: str) -> None:
    """Items of a list (indicator codes, activities, groups): each right, extra or missed."""
    expected, found = set(expected), set(found)
    score.right += len(expected & found)
    score.wrong += len(found - expected)
    score.missed += len(expected - found)
    for item in sorted(map(repr, found - expected)):
        score.misses.append(f"{where}: extra {item}")
    for item in sorted(map(repr, expected - found)):
        score.misses.append(f"{where}: missed {item}")


def number_of(code: str) -> int | None:
    digits = re.findall(r"\d+", code)
    return int(digits[0]) if digits else None


def table(scores: dict[str, Score], thresholds: dict[str, tuple[float, float]]) -> str:
    """The per-field table the tests print."""
    rows = [f"{'field':<26}{'precision':>10}{'recall':>8}{'right':>7}{'wrong':>7}{'missed':>7}"
            f"{'min P/R':>12}"]
    for name, s in scores.items():
        p, r = thresholds[name]
        rows.append(f"{name:<26}{s.precision:>10.3f}{s.recall:>8.3f}{s.right:>7}{s.wrong:>7}"
                    f"{s.missed:>7}{f'{p:.2f}/{r:.2f}':>12}")
    return "\n".join(rows)


def write_results(section: str, corpus: str, files: int, scores: dict[str, Score],
                  thresholds: dict[str, tuple[float, float]]) -> None:
    """Keep the figures of one corpus in ``bench/results/extract.json`` (other sections kept)."""
    data = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    data[section] = {
        "corpus": corpus,
        "files": files,
        "fields": {name: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                          "right": s.right, "wrong": s.wrong, "missed": s.missed,
                          "min_precision": thresholds[name][0], "min_recall": thresholds[name][1]}
                   for name, s in scores.items()},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def failures(scores: dict[str, Score], thresholds: dict[str, tuple[float, float]]) -> list[str]:
    out = []
    for name, s in scores.items():
        min_p, min_r = thresholds[name]
        if s.precision < min_p or s.recall < min_r:
            out.append(f"{name}: precision {s.precision:.3f} (min {min_p}), recall {s.recall:.3f} "
                       f"(min {min_r})\n    " + "\n    ".join(s.misses[:12]))
    return out


def check_corpus(section: str, corpus: str, paths: list[Path],
                 score: Callable[[Path, dict[str, Score]], None],
                 thresholds: dict[str, tuple[float, float]]) -> None:
    """Score every file of a corpus, print the table, keep the figures (``write_results``) and
    fail on any field below its thresholds."""
    scores = {name: Score() for name in thresholds}
    for path in paths:
        score(path, scores)
    print("\n" + table(scores, thresholds))
    write_results(section, corpus, len(paths), scores, thresholds)
    problems = failures(scores, thresholds)
    assert not problems, "\n".join(problems)
