"""The one schema of the KPSS Monitor warehouse (SQLAlchemy Core tables).

Alembic migrations in ``migrations/`` create and upgrade these tables; the
same migrations run on SQLite and PostgreSQL. Money is exact
(``Money``: whole haléře in the database, ``Decimal`` Kč
in Python), never float.

Every fact row carries ``load_run_id`` and ``source_row`` (lineage: which load
and which row of which file it came from) and ``is_demo`` (figures generated
for the demo data set, shown as demo everywhere).
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)



class Money(sa.types.TypeDecorator):
    """Kč as exact ``Decimal`` in Python, whole haléře (BIGINT) in the database.

    Integers keep sums exact on SQLite too, which has no decimal type.
    """

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: ANN001 - SQLAlchemy's signature
        if value is None:
            return None
        halere = Decimal(value) * 100
        if halere != halere.to_integral_value():
            raise ValueError(f"{value} Kč has more than two decimal places")
        return int(halere)

    def process_result_value(self, value, dialect):  # noqa: ANN001
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


MONEY = Money()
PERCENT = sa.Numeric(7, 4)
VALUE = sa.Numeric(18, 4)


def _lineage() -> list[sa.Column]:
    """Columns every loaded fact row carries: where it came from and whether it is demo."""
    return [
        sa.Column("load_run_id", sa.Integer, sa.ForeignKey("load_run.id"), nullable=True),
        sa.Column("source_row", sa.Integer, nullable=True),
        sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()),
    ]


load_run = sa.Table(
    "load_run",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("dataset", sa.String(20), nullable=False),  # reference / seed / demo / user / page
    sa.Column("user_name", sa.String(100), nullable=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("status", sa.String(20), nullable=False),  # running / loaded / rejected / failed
    sa.Column("dry_run", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("problems", sa.JSON, nullable=True),
    sa.Column("summary", sa.JSON, nullable=True),
)

load_file = sa.Table(
    "load_file",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("load_run_id", sa.Integer, sa.ForeignKey("load_run.id"), nullable=False, index=True),
    sa.Column("file_name", sa.String(500), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("entity", sa.String(50), nullable=True),
    sa.Column("sheet", sa.String(100), nullable=True),
    sa.Column("rows", sa.Integer, nullable=False, server_default="0"),
    sa.Column("inserted", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated", sa.Integer, nullable=False, server_default="0"),
    sa.Column("unchanged", sa.Integer, nullable=False, server_default="0"),
)

# --- Reference data -------------------------------------------------------

region = sa.Table(
    "region",
    metadata,
    sa.Column("nuts3", sa.String(5), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("orp_count", sa.Integer, nullable=False),
    sa.Column("population_2021", sa.Integer, nullable=False),
)

orp = sa.Table(
    "orp",
    metadata,
    sa.Column("code", sa.String(4), primary_key=True),  # ČSÚ ORP code, e.g. 8119 Ostrava
    sa.Column("ruian_code", sa.Integer, nullable=False),
    sa.Column("name", sa.String(100), nullable=False, index=True),
    sa.Column("region_nuts3", sa.String(5), sa.ForeignKey("region.nuts3"), nullable=False),
    sa.Column("population_2021", sa.Integer, nullable=False),
    sa.Column("population_0_14_2021", sa.Integer, nullable=False),
    sa.Column("population_15_64_2021", sa.Integer, nullable=False),
    sa.Column("population_65_plus_2021", sa.Integer, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
)

programme = sa.Table(
    "programme",
    metadata,
    sa.Column("code", sa.String(20), primary_key=True),  # OPZ, OP LZZ, OPZ+, SROP
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("period", sa.String(20), nullable=False),  # 2014–2020
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),  # loaded like any other sheet (entity programy)
)

call = sa.Table(
    "call",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("programme_code", sa.String(20), sa.ForeignKey("programme.code"), nullable=False),
    sa.Column("number", sa.String(20), nullable=False),  # výzva 63, oblast podpory 3.1
    sa.Column("name", sa.String(300), nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),  # entity vyzvy
    sa.UniqueConstraint("programme_code", "number"),
)

indicator = sa.Table(
    "indicator",
    metadata,
    sa.Column("code", sa.String(10), primary_key=True),  # NČI code, e.g. 60000
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("unit", sa.String(50), nullable=False),
    # The programme period whose codebook (NČI 2014+ or 2021+) the code belongs to: pages
    # never add up indicators of two periods. Empty only for a code of unknown period.
    sa.Column("period", sa.String(20), nullable=True),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),  # entity indikatory
)

canonical_target_group = sa.Table(
    "canonical_target_group",
    metadata,
    sa.Column("code", sa.String(30), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("name_en", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("sort_order", sa.Integer, nullable=False),
)

funding_source = sa.Table(
    "funding_source",
    metadata,
    sa.Column("code", sa.String(20), primary_key=True),  # eu / state / beneficiary
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("name_en", sa.String(100), nullable=False),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),  # entity zdroje_financovani
)

measure_status = sa.Table(
    "measure_status",
    metadata,
    sa.Column("code", sa.String(30), primary_key=True),
    sa.Column("name", sa.String(50), nullable=False, unique=True),
    sa.Column("name_en", sa.String(50), nullable=False),
    sa.Column("sort_order", sa.Integer, nullable=False),
    sa.Column("counts_as_fulfilled", sa.Boolean, nullable=False),
)

# --- Projects -------------------------------------------------------------

project = sa.Table(
    "project",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # The registration number, or a local key ("local:…") where the source
    # states none; `registration_number_stated` tells them apart.
    sa.Column("key", sa.String(60), nullable=False, unique=True),
    sa.Column("registration_number_stated", sa.Boolean, nullable=False),
    sa.Column("name", sa.String(500), nullable=True),
    sa.Column("short_name", sa.String(300), nullable=True),
    sa.Column("beneficiary", sa.String(300), nullable=True),
    sa.Column("beneficiary_ico", sa.String(12), nullable=True),
    sa.Column("programme_code", sa.String(20), sa.ForeignKey("programme.code"), nullable=True),
    sa.Column("call_id", sa.Integer, sa.ForeignKey("call.id"), nullable=True),
    sa.Column("start_date", sa.Date, nullable=True),
    sa.Column("end_date", sa.Date, nullable=True),  # the actual end; none while a project runs
    # The end the project planned, kept apart from the actual one (MS2014+/MS2021+ DURPRED).
    sa.Column("planned_end_date", sa.Date, nullable=True),
    sa.Column("duration_months", sa.Integer, nullable=True),
    sa.Column("total_eligible", MONEY, nullable=True),
    # EU and state together, where a source gives only their sum
    # ("výše finanční podpory", "Prostředky z ESF … a státního rozpočtu").
    sa.Column("support_eu_state", MONEY, nullable=True),
    sa.Column("municipality_count", sa.Integer, nullable=True),
    sa.Column("predecessor_key", sa.String(60), nullable=True),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
)

project_orp = sa.Table(
    "project_orp",
    metadata,
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), primary_key=True),
    sa.Column("orp_code", sa.String(4), sa.ForeignKey("orp.code"), primary_key=True, index=True),
)

project_funding = sa.Table(
    "project_funding",
    metadata,
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), primary_key=True),
    sa.Column("source_code", sa.String(20), sa.ForeignKey("funding_source.code"), primary_key=True),
    sa.Column("amount", MONEY, nullable=True),
    sa.Column("percent", PERCENT, nullable=True),
    # True where the figure is not stated by the source but computed by a rule
    # (a stated percentage times the total, or a call's standard split).
    sa.Column("amount_derived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("percent_derived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("derivation", sa.String(300), nullable=True),
)

key_activity = sa.Table(
    "key_activity",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
    sa.Column("code", sa.String(20), nullable=False),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("start_date", sa.Date, nullable=True),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.Column("goal", sa.Text, nullable=True),
    sa.Column("outputs", sa.Text, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("project_id", "code"),
)

project_target_group = sa.Table(
    "project_target_group",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("project_id", "name"),
)

# Steering groups, working groups, platforms, forums: the organisational
# structure of the planning process as the project states it.
planning_body = sa.Table(
    "planning_body",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("kind", sa.String(30), nullable=True),  # steering / working / coordination / other
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("local_target_group", sa.String(300), nullable=True),
    sa.Column("meetings_public", sa.Boolean, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("project_id", "name"),
)

indicator_target = sa.Table(
    "indicator_target",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
    sa.Column("indicator_code", sa.String(10), sa.ForeignKey("indicator.code"), nullable=False),
    sa.Column("baseline_value", VALUE, nullable=True),
    sa.Column("target_value", VALUE, nullable=True),
    sa.Column("target_date", sa.Date, nullable=True),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("project_id", "indicator_code"),
)

indicator_achievement = sa.Table(
    "indicator_achievement",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
    sa.Column("indicator_code", sa.String(10), sa.ForeignKey("indicator.code"), nullable=False),
    sa.Column("reported_on", sa.Date, nullable=False),
    sa.Column("achieved_value", VALUE, nullable=False),  # cumulative
    sa.Column("report_label", sa.String(100), nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("project_id", "indicator_code", "reported_on"),
)

drawdown = sa.Table(
    "drawdown",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("source_code", sa.String(20), sa.ForeignKey("funding_source.code"), nullable=False),
    sa.Column("planned", MONEY, nullable=True),
    sa.Column("drawn", MONEY, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("project_id", "year", "source_code"),
)

# --- Community plans ------------------------------------------------------

community_plan = sa.Table(
    "community_plan",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(60), nullable=False, unique=True),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("period_from", sa.Integer, nullable=True),
    sa.Column("period_to", sa.Integer, nullable=True),
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), nullable=True),
    sa.Column("description", sa.Text, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
)

community_plan_orp = sa.Table(
    "community_plan_orp",
    metadata,
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("community_plan.id"), primary_key=True),
    sa.Column("orp_code", sa.String(4), sa.ForeignKey("orp.code"), primary_key=True, index=True),
)

action_plan = sa.Table(
    "action_plan",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("community_plan.id"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("name", sa.String(500), nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("plan_id", "year"),
)

# A plan's own name for a target group and the canonical group it maps to.
# plan_key is '' for a mapping that holds for every plan.
target_group = sa.Table(
    "target_group",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_key", sa.String(60), nullable=False, server_default=""),
    sa.Column("local_name", sa.String(300), nullable=False),
    sa.Column(
        "canonical_code", sa.String(30), sa.ForeignKey("canonical_target_group.code"),
        nullable=False,
    ),
    sa.Column("sort_order", sa.Integer, nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("plan_key", "local_name"),
)

priority = sa.Table(
    "priority",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("community_plan.id"), nullable=False),
    sa.Column("name", sa.String(500), nullable=False),
    sa.UniqueConstraint("plan_id", "name"),
)

measure = sa.Table(
    "measure",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("community_plan.id"), nullable=False),
    sa.Column("code", sa.String(30), nullable=False),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("priority_id", sa.Integer, sa.ForeignKey("priority.id"), nullable=True),
    sa.Column("target_group_id", sa.Integer, sa.ForeignKey("target_group.id"), nullable=True),
    sa.Column("responsible", sa.String(300), nullable=True),
    sa.Column("planned_cost", MONEY, nullable=True),
    # a kind of social service the measure names (the register's code or name, as the plan gives it)
    sa.Column("service_kind", sa.String(300), nullable=True),
    sa.Column("source", sa.Text, nullable=True),
    *_lineage(),
    sa.UniqueConstraint("plan_id", "code"),
)

measure_evaluation = sa.Table(
    "measure_evaluation",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("measure_id", sa.Integer, sa.ForeignKey("measure.id"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column(
        "status_code", sa.String(30), sa.ForeignKey("measure_status.code"), nullable=False
    ),
    sa.Column("percent_fulfilled", PERCENT, nullable=True),
    sa.Column("actual_cost", MONEY, nullable=True),
    sa.Column("comment", sa.Text, nullable=True),  # public when the evaluation is published
    sa.Column("internal_comment", sa.Text, nullable=True),  # steering group only, never public
    sa.Column("is_public", sa.Boolean, nullable=False),
    sa.Column("source", sa.Text, nullable=True),
    # Raised by every write that changes the row: an edit made on the page carries the
    # version it was made from and is refused when another write came in between.
    sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
    *_lineage(),
    sa.UniqueConstraint("measure_id", "year"),
)

# The steering group's approvals of a plan's year and the admins' reopenings, in order.
# The latest event of a (plan, year) is its state: "approve" locks the year's evaluations
# against every change (etl.plan_year); none, or "reopen", leaves it a draft.
plan_year_event = sa.Table(
    "plan_year_event",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("community_plan.id"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("action", sa.String(10), nullable=False),  # approve / reopen
    sa.Column("user_name", sa.String(100), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reason", sa.Text, nullable=True),  # required for a reopening
)
sa.Index("ix_plan_year_event_plan_id_year", plan_year_event.c.plan_id, plan_year_event.c.year)

# What an edit on the plan page changed: per field of one evaluation, the value before and
# after, as text, under the load run the edit was saved as (file loads keep their files).
measure_evaluation_change = sa.Table(
    "measure_evaluation_change",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("load_run_id", sa.Integer, sa.ForeignKey("load_run.id"), nullable=False, index=True),
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("community_plan.id"), nullable=False),
    sa.Column("measure_code", sa.String(30), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("field", sa.String(30), nullable=False),
    sa.Column("before", sa.Text, nullable=True),
    sa.Column("after", sa.Text, nullable=True),
    # Whether the public may read the change: not one of an internal comment, nor of an
    # evaluation unpublished before or after.
    sa.Column("is_public", sa.Boolean, nullable=False),
)

# Pre-aggregated by the ETL after each load (etl.aggregates), in the load's transaction:
# per project and indicator, the count, first report, latest value and the sums the
# least-squares projection needs (x = days since the first report). Pages read these
# few thousand rows instead of every reported value.
indicator_series = sa.Table(
    "indicator_series",
    metadata,
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), primary_key=True),
    sa.Column("indicator_code", sa.String(10), sa.ForeignKey("indicator.code"), primary_key=True),
    sa.Column("observations", sa.Integer, nullable=False),
    sa.Column("first_on", sa.Date, nullable=False),
    sa.Column("last_on", sa.Date, nullable=False),
    sa.Column("latest_value", VALUE, nullable=False),
    sa.Column("sum_x", sa.BigInteger, nullable=False),
    sa.Column("sum_xx", sa.BigInteger, nullable=False),
    sa.Column("sum_y", sa.Float, nullable=False),
    sa.Column("sum_xy", sa.Float, nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False),
)

# Pre-aggregated with it: per project indicator target, where it stands by the projection
# rule (domain.indicators): latest value, share of the target, projected value at the project
# end and status. None of these depends on the day; the share of the project time elapsed
# does, and the pages compute it.
indicator_progress = sa.Table(
    "indicator_progress",
    metadata,
    sa.Column("project_id", sa.Integer, sa.ForeignKey("project.id"), primary_key=True),
    sa.Column("indicator_code", sa.String(10), sa.ForeignKey("indicator.code"), primary_key=True),
    sa.Column("latest_value", sa.Float, nullable=True),
    sa.Column("share_of_target", sa.Float, nullable=True),
    sa.Column("projected", sa.Float, nullable=True),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False),
)

sa.Index("ix_indicator_progress_status", indicator_progress.c.status)

# Per measure with a public evaluation: that of its latest public year (status, % fulfilled),
# the actual costs of all its public evaluations summed and whether any of them is demo.
# Only public evaluations go in: the public pages read it. No foreign key to the measure:
# a load that replaces a plan deletes measures before the table is rebuilt.
measure_latest_public = sa.Table(
    "measure_latest_public",
    metadata,
    sa.Column("measure_id", sa.Integer, primary_key=True),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("status_code", sa.String(30), sa.ForeignKey("measure_status.code"), nullable=False),
    sa.Column("percent_fulfilled", PERCENT, nullable=True),
    sa.Column("actual_cost", MONEY, nullable=True),
    sa.Column("evaluated_demo", sa.Boolean, nullable=False),
)
sa.Index("ix_indicator_achievement_code_date", indicator_achievement.c.indicator_code,
         indicator_achievement.c.reported_on)
sa.Index("ix_measure_evaluation_year", measure_evaluation.c.year)

# --- Users of the dashboard ------------------------------------------------

# Signed-in users: editors upload data, the steering group sees internal
# comments, admins manage users. Passwords are stored only as werkzeug hashes.
app_user = sa.Table(
    "app_user",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),  # editor / steering / admin
    sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
    # raised by signing out: a session carries the epoch it began in and ends when that is old
    sa.Column("session_epoch", sa.Integer, nullable=False, server_default="0"),
)

# Failed sign-ins per user name and per client address, shared by all workers:
# each failure past the first few makes the next attempt wait longer.
login_throttle = sa.Table(
    "login_throttle",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # "name:…" or "ip:…"
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
)

# --- The register of social services (RPSS, MPSV) ----------------------------

# One row per loaded register file, by the day it describes. A newer snapshot never replaces an
# older one, so pages can compare the network between dates; the same day loaded again replaces it.
rpss_snapshot = sa.Table(
    "rpss_snapshot",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("as_of", sa.Date, nullable=False, unique=True),
    sa.Column("file_name", sa.String(500), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("load_run_id", sa.Integer, sa.ForeignKey("load_run.id"), nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("service_count", sa.Integer, nullable=False),
    sa.Column("facility_count", sa.Integer, nullable=False),
)

# Names of the register's codes (kinds, forms, capacity types, target groups) from its code lists.
rpss_code = sa.Table(
    "rpss_code",
    metadata,
    sa.Column("list", sa.String(40), primary_key=True),  # kind / form / capacity / target_group
    sa.Column("code", sa.String(60), primary_key=True),  # the part after "/" in the register's id
    sa.Column("name", sa.String(300), nullable=False),
)

# A registered service in one snapshot. Its provider's IČO and name only: statutory bodies,
# managers and contact people are personal data and are never read from the file.
social_service = sa.Table(
    "social_service",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("rpss_snapshot.id"), nullable=False),
    sa.Column("register_id", sa.String(60), nullable=False),
    sa.Column("identifier", sa.String(60), nullable=True),
    sa.Column("kind_code", sa.String(60), nullable=False),
    sa.Column("provider_ico", sa.String(12), nullable=True),
    sa.Column("provider_name", sa.String(500), nullable=True),
    sa.Column("start_date", sa.Date, nullable=True),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.Column("is_active", sa.Boolean, nullable=False),
    *_lineage(),
    sa.UniqueConstraint("snapshot_id", "register_id"),
)

# A service's facilities, a duplicate (same name and address) kept once; no manager's name.
social_service_facility = sa.Table(
    "social_service_facility",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("service_id", sa.Integer, sa.ForeignKey("social_service.id"), nullable=False,
              index=True),
    sa.Column("name", sa.String(500), nullable=True),
    sa.Column("municipality_code", sa.String(6), nullable=True),
    sa.Column("orp_code", sa.String(4), sa.ForeignKey("orp.code"), nullable=True),
    sa.Column("address_point", sa.BigInteger, nullable=True),  # RÚIAN; missing for some
    sa.Column("start_date", sa.Date, nullable=True),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.Column("is_active", sa.Boolean, nullable=False),
)

social_service_form = sa.Table(
    "social_service_form",
    metadata,
    sa.Column("service_id", sa.Integer, sa.ForeignKey("social_service.id"), primary_key=True),
    sa.Column("form_code", sa.String(20), primary_key=True),  # pob / amb / ter
)

# Registered capacity (the registered maximum, not occupancy or free places), summed per form
# and capacity type only: beds, clients, contacts, interventions and calls never add up.
social_service_capacity = sa.Table(
    "social_service_capacity",
    metadata,
    sa.Column("service_id", sa.Integer, sa.ForeignKey("social_service.id"), primary_key=True),
    sa.Column("form_code", sa.String(20), primary_key=True),
    sa.Column("capacity_type", sa.String(20), primary_key=True),  # klient / luzka / kontakt / …
    sa.Column("capacity", sa.Integer, nullable=False),
)

social_service_target_group = sa.Table(
    "social_service_target_group",
    metadata,
    sa.Column("service_id", sa.Integer, sa.ForeignKey("social_service.id"), primary_key=True),
    sa.Column("register_code", sa.String(60), primary_key=True),
    sa.Column("canonical_code", sa.String(30), sa.ForeignKey("canonical_target_group.code"),
              nullable=True),
)

# Where an active service counts: once per ORP with an active facility ("facility"), or, for
# a field service, an ORP the register says it covers without a facility there ("field").
social_service_orp = sa.Table(
    "social_service_orp",
    metadata,
    sa.Column("service_id", sa.Integer, sa.ForeignKey("social_service.id"), primary_key=True),
    sa.Column("orp_code", sa.String(4), sa.ForeignKey("orp.code"), primary_key=True),
    sa.Column("basis", sa.String(10), nullable=False),
)
sa.Index("ix_social_service_orp_orp_code", social_service_orp.c.orp_code)

# Per snapshot and ORP, what the pages compare (rebuilt in each register load's transaction by
# etl.rpss_aggregates): services counting there, registered residential beds (and of services for
# seniors), and the services added and ended since the snapshot before it (NULL for the first).
rpss_orp_total = sa.Table(
    "rpss_orp_total",
    metadata,
    sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("rpss_snapshot.id"), primary_key=True),
    sa.Column("orp_code", sa.String(4), sa.ForeignKey("orp.code"), primary_key=True),
    sa.Column("services", sa.Integer, nullable=False),
    sa.Column("beds", sa.Integer, nullable=True),
    sa.Column("senior_beds", sa.Integer, nullable=True),
    sa.Column("added", sa.Integer, nullable=True),
    sa.Column("ended", sa.Integer, nullable=True),
)

# --- Population by ORP and year (ČSÚ, data set 130181) -----------------------

# The population of each ORP on 31 December of ``year``, loaded from ČSÚ's yearly file
# (etl.population_load). Per-inhabitant figures of a year divide by the latest year loaded that
# is not after it; without one, by the 2021 census in ``orp``. A year is loaded for every ORP
# at once, its age groups summed to 0–14, 15–64 and 65+.
orp_population = sa.Table(
    "orp_population",
    metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("orp_code", sa.String(4), sa.ForeignKey("orp.code"), primary_key=True),
    sa.Column("population", sa.Integer, nullable=False),
    sa.Column("population_0_14", sa.Integer, nullable=False),
    sa.Column("population_15_64", sa.Integer, nullable=False),
    sa.Column("population_65_plus", sa.Integer, nullable=False),
    *_lineage(),
)
