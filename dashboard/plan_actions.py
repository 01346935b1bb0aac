"""Who may close a plan's year: steering members approve it, admins reopen it.

The page's buttons and ``python -m dashboard plan`` both call ``approve_year`` and
``reopen_year`` with the user who acts; the role is checked here, then
``etl.plan_year`` does the rest (the lock, the history).
"""

from __future__ import annotations

import sqlalchemy as sa

from dashboard.users import User
from etl import plan_year
from etl.plan_year import PlanYearError, YearState

# Ranks of the roles, as dashboard.auth has them (that module needs Flask; this one runs in the CLI).
_RANK = {"editor": 1, "steering": 2, "admin": 3}
APPROVER, REOPENER = "steering", "admin"


def may_approve(user: User | None) -> bool:
    """A steering member (or an admin) may approve a year."""
    return _allowed(user, APPROVER)


def may_reopen(user: User | None) -> bool:
    """Only an admin may reopen an approved year."""
    return _allowed(user, REOPENER)


def _allowed(user: User | None, minimum: str) -> bool:
    return user is not None and user.is_active and _RANK.get(user.role, 0) >= _RANK[minimum]


def approve_year(engine: sa.Engine, user: User | None, plan_key: str, year: int) -> YearState:
    """Approve the plan's year as ``user``; PlanYearError when they may not or it cannot be."""
    if not may_approve(user):
        raise PlanYearError("vyhodnocení roku schvaluje člen řídící skupiny",
                            "a member of the steering group approves a year's evaluation")
    return plan_year.approve(engine, plan_key, year, user.name)


def reopen_year(engine: sa.Engine, user: User | None, plan_key: str, year: int,
                reason: str) -> YearState:
    """Reopen the plan's year as ``user`` with ``reason``; PlanYearError when they may not."""
    if not may_reopen(user):
        raise PlanYearError("schválený rok může znovu otevřít jen správce",
                            "only an admin can reopen an approved year")
    return plan_year.reopen(engine, plan_key, year, user.name, reason)
