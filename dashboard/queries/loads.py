"""Load runs and their files (the data page and the overview's 'latest load')."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from dashboard.db import Database
from etl import schema as s


def latest_load(db: Database) -> dict | None:
    """The newest completed load: id, data set, user, finish time."""
    rows = db.rows(
        sa.select(s.load_run.c.id, s.load_run.c.dataset, s.load_run.c.user_name,
                  s.load_run.c.finished_at)
        .where(s.load_run.c.status == "loaded", s.load_run.c.dry_run.is_(False))
        .order_by(s.load_run.c.id.desc()).limit(1))
    return dict(rows[0]) if rows else None


def load_runs(db: Database, limit: int = 200) -> pd.DataFrame:
    """Completed loads, newest first."""
    return db.frame(
        sa.select(s.load_run.c.id, s.load_run.c.dataset, s.load_run.c.user_name,
                  s.load_run.c.started_at, s.load_run.c.finished_at, s.load_run.c.status,
                  s.load_run.c.problems)
        .order_by(s.load_run.c.id.desc()).limit(limit))


def load_files_of(db: Database, run_ids: list[int]) -> pd.DataFrame:
    """Files of the given runs with their per-entity counts."""
    return db.frame(
        sa.select(s.load_file).where(s.load_file.c.load_run_id.in_(run_ids))
        .order_by(s.load_file.c.load_run_id.desc(), s.load_file.c.id))
