"""``python -m dashboard plan …``: approve or reopen a plan's year, and list the years' states.

The user named with ``--user`` must be an active user of the dashboard with the role
the page asks for (steering to approve, admin to reopen): the approval is recorded
under that name, as if made on the page.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

import sqlalchemy as sa

from dashboard.cli_users import database_not_ready
from dashboard.config import Settings
from dashboard.plan_actions import approve_year, reopen_year
from dashboard.users import UserStore
from etl import plan_year
from etl.database import make_engine
from etl.plan_year import PlanYearError


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The ``plan`` command and its subcommands."""
    plan = commands.add_parser("plan", help="approve or reopen a community plan's year")
    actions = plan.add_subparsers(dest="action", required=True)
    approve = actions.add_parser("approve", help="approve a year: its evaluations are locked")
    approve.add_argument("plan")
    approve.add_argument("year", type=int)
    approve.add_argument("--user", required=True, help="a steering member (or admin)")
    reopen = actions.add_parser("reopen", help="reopen an approved year (admin, with a reason)")
    reopen.add_argument("plan")
    reopen.add_argument("year", type=int)
    reopen.add_argument("--user", required=True, help="an admin")
    reopen.add_argument("--reason", required=True, help="why the year is reopened")
    status = actions.add_parser("status", help="each year's state: draft or approved")
    status.add_argument("plan")


def run(args: argparse.Namespace, engine: sa.Engine | None = None,
        out: TextIO | None = None) -> int:
    """Carry out a ``plan`` subcommand; 0 done, 1 refused."""
    out = out or sys.stdout
    engine = engine or make_engine(Settings.from_env().database_url, writer=True)
    try:
        if args.action == "status":
            return _status(engine, args.plan, out)
        user = UserStore(engine).get_by_name(args.user)
        if user is None:
            raise PlanYearError(f"uživatel {args.user} neexistuje", f"there is no user {args.user}")
        if args.action == "approve":
            state = approve_year(engine, user, args.plan, args.year)
        else:
            state = reopen_year(engine, user, args.plan, args.year, args.reason)
        print(_line(state), file=out)
    except PlanYearError as exc:
        print(f"error: {exc.message_en}", file=sys.stderr)
        return 1
    except sa.exc.OperationalError as exc:
        return database_not_ready(exc)
    return 0


def _status(engine: sa.Engine, plan_key: str, out: TextIO) -> int:
    with engine.connect() as conn:
        states = plan_year.year_states(conn, plan_key)
    if not states:
        print(f"error: plan {plan_key} has no evaluated year (or does not exist)", file=sys.stderr)
        return 1
    for state in states.values():
        print(_line(state), file=out)
    return 0


def _line(state: plan_year.YearState) -> str:
    """``2021\tapproved\tjana\t7.12.2026 3:20`` (a reopened year names who reopened it, and why)."""
    last = state.last
    if last is None:
        return f"{state.year}\tdraft"
    when = plan_year.local_time(last.at)
    if state.approved:
        return f"{state.year}\tapproved\t{last.user}\t{when}"
    return f"{state.year}\tdraft (reopened)\t{last.user}\t{when}\t{last.reason}"
