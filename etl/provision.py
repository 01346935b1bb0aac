"""Bring a database to a usable state: schema, reference, seed and demo data.

``make run`` calls ``ensure_database``; each step is skipped when it has been
done, so a second start costs only a few queries.
"""

from __future__ import annotations

import sqlalchemy as sa

from etl import schema as s
from etl.database import migrate
from etl.load import load_files
from etl.reference import SEED_DIR, load_reference
from etl.result import LoadResult


def has_run(engine: sa.Engine, dataset: str) -> bool:
    """Whether a load of ``dataset`` (seed, demo) has completed."""
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(s.load_run).where(
            s.load_run.c.dataset == dataset, s.load_run.c.status == "loaded",
            s.load_run.c.dry_run.is_(False))).scalar_one() > 0


def load_seed(engine: sa.Engine) -> LoadResult:
    """Load the curated facts of the seed project pages."""
    return load_files(engine, [SEED_DIR], dataset="seed")


def ensure_database(engine: sa.Engine, *, demo: bool = True) -> list[str]:
    """Migrate, then load reference, seed and (optionally) demo data where missing."""
    from etl.demo import load_demo
    from etl.rpss_demo import DEMO_DATASET, load_demo_register

    done = []
    migrate(engine)
    if load_reference(engine):
        done.append("reference")
    if not has_run(engine, "seed"):
        result = load_seed(engine)
        if not result.ok:
            raise RuntimeError("seed data rejected:\n" + "\n".join(map(str, result.errors)))
        done.append("seed")
    if demo and not has_run(engine, "demo"):
        result = load_demo(engine)
        if not result.ok:
            raise RuntimeError("demo data rejected:\n" + "\n".join(map(str, result.errors)))
        done.append("demo")
    if demo and not has_run(engine, DEMO_DATASET):
        result = load_demo_register(engine)
        if not result.ok:
            raise RuntimeError("demo register rejected:\n" + "\n".join(map(str, result.errors)))
        done.append("demo register")
    return done
