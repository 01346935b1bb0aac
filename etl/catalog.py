"""What the database already knows, for checking references in input rows.

Codes are matched the forgiving way users type them (accents, case and spacing
ignored), so ``Ostrava``, ``8119`` and ``OSTRAVA`` all name ORP 8119.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa

from etl import schema as s
from etl.parse import normalise_header
from etl.plan_year import Event, locked_years


@dataclass
class Catalog:
    """Known codes and periods; the batch being loaded adds its own projects, plans and measures."""

    orp_by_key: dict[str, str] = field(default_factory=dict)
    indicators: set[str] = field(default_factory=set)
    # Per codebook entity, of the codes a load removes, those stored data uses (CODE_USES).
    codes_in_use: dict[str, set[str]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    funding_sources: dict[str, str] = field(default_factory=dict)
    canonical_groups: dict[str, str] = field(default_factory=dict)
    programmes: set[str] = field(default_factory=set)
    # Programme periods (2014–2020 …) of indicator codes and programmes, and each project's
    # programme: a target of an indicator of another period than its project's is suspect.
    indicator_periods: dict[str, str | None] = field(default_factory=dict)
    programme_periods: dict[str, str] = field(default_factory=dict)
    project_programmes: dict[str, str | None] = field(default_factory=dict)
    project_periods: dict[str, tuple[dt.date | None, dt.date | None]] = field(default_factory=dict)
    plan_periods: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    measures: set[tuple[str, str]] = field(default_factory=set)
    local_groups: dict[tuple[str, str], str] = field(default_factory=dict)
    # Approved plan years, whose evaluations no load may change (etl.plan_year).
    locked_years: dict[tuple[str, int], Event] = field(default_factory=dict)

    def project_period(self, key: str) -> str | None:
        """The programme period of a project (its programme's), None where not known."""
        return self.programme_periods.get(self.project_programmes.get(key) or "")

    def orp_code(self, text: str) -> str | None:
        """The ORP code a code or a name refers to."""
        return self.orp_by_key.get(normalise_header(text))

    def status_code(self, text: str) -> str | None:
        """The status code of ``splněno`` / ``fulfilled`` / ``fulfilled``."""
        return self.statuses.get(normalise_header(text))

    def funding_source_code(self, text: str) -> str | None:
        """``eu``, ``state`` or ``beneficiary`` for what users write (``SR``, ``ESF``, ``obec``)."""
        return self.funding_sources.get(normalise_header(text))

    def add_funding_source(self, code: str, name: str | None, name_en: str | None) -> None:
        """Make a funding source known by its code and its names."""
        for key in (code, name, name_en):
            if key:
                self.funding_sources[normalise_header(key)] = code

    def forget_funding_source(self, code: str) -> None:
        """Forget a funding source a load removes, with every name and alias of it."""
        self.funding_sources = {k: c for k, c in self.funding_sources.items() if c != code}

    def canonical_group_code(self, text: str) -> str | None:
        """The canonical target group a canonical name (or code) names."""
        return self.canonical_groups.get(normalise_header(text))

    def has_local_group(self, plan_key: str, name: str) -> bool:
        """Whether ``name`` is a target group the plan (or every plan) knows."""
        key = normalise_header(name)
        return ((plan_key, key) in self.local_groups or ("", key) in self.local_groups
                or key in self.canonical_groups)


def load_catalog(conn: sa.Connection) -> Catalog:
    """Read the catalog from the database inside the load's transaction."""
    cat = Catalog()
    cat.locked_years = locked_years(conn)
    for code, name in conn.execute(sa.select(s.orp.c.code, s.orp.c.name)):
        cat.orp_by_key[normalise_header(code)] = code
        cat.orp_by_key.setdefault(normalise_header(name), code)
    cat.indicator_periods = dict(conn.execute(sa.select(s.indicator.c.code, s.indicator.c.period)).all())
    cat.indicators = set(cat.indicator_periods)
    for code, name, name_en in conn.execute(
        sa.select(s.measure_status.c.code, s.measure_status.c.name, s.measure_status.c.name_en)
    ):
        for key in (code, name, name_en):
            cat.statuses[normalise_header(key)] = code
    sources = conn.execute(
        sa.select(s.funding_source.c.code, s.funding_source.c.name, s.funding_source.c.name_en)
    ).all()
    # The aliases municipal files write fill in; the codebook's own codes and names come
    # first, so a source a user adds (say ``kraj``) is not taken for another's alias.
    codes = {code for code, _, _ in sources}
    cat.funding_sources = {k: c for k, c in FUNDING_SOURCE_ALIASES.items() if c in codes}
    for code, name, name_en in sources:
        cat.add_funding_source(code, name, name_en)
    for code, name, name_en in conn.execute(
        sa.select(s.canonical_target_group.c.code, s.canonical_target_group.c.name,
                  s.canonical_target_group.c.name_en)
    ):
        for key in (code, name, name_en):
            cat.canonical_groups[normalise_header(key)] = code
    cat.programme_periods = dict(conn.execute(sa.select(s.programme.c.code, s.programme.c.period)).all())
    cat.programmes = set(cat.programme_periods)
    for key, start, end, programme in conn.execute(
        sa.select(s.project.c.key, s.project.c.start_date, s.project.c.end_date,
                  s.project.c.programme_code)
    ):
        cat.project_periods[key] = (start, end)
        cat.project_programmes[key] = programme
    for key, start, end in conn.execute(
        sa.select(s.community_plan.c.key, s.community_plan.c.period_from,
                  s.community_plan.c.period_to)
    ):
        cat.plan_periods[key] = (start, end)
    cat.measures = {
        (plan_key, code) for plan_key, code in conn.execute(
            sa.select(s.community_plan.c.key, s.measure.c.code)
            .join(s.measure, s.measure.c.plan_id == s.community_plan.c.id)
        )
    }
    for plan_key, name, canonical in conn.execute(
        sa.select(s.target_group.c.plan_key, s.target_group.c.local_name,
                  s.target_group.c.canonical_code)
    ):
        cat.local_groups[(plan_key, normalise_header(name))] = canonical
    return cat


@dataclass(frozen=True)
class CodeUse:
    """Where stored data uses a codebook's codes, and how the refusal names them."""

    columns: tuple[sa.Column, ...]
    codebook_cs: str
    codebook_en: str
    users_cs: str
    users_en: str
    # Codes the import format itself writes, whatever is stored.
    always: frozenset[str] = frozenset()


# A project's share columns and the funding source each writes (project_funding rows).
SHARE_SOURCES = {"podil_eu": "eu", "podil_sr": "state", "podil_prijemce": "beneficiary"}

#: The codebooks whose codes a load may remove, and what keeps a code in use.
CODE_USES: dict[str, CodeUse] = {
    "indikatory": CodeUse(
        (s.indicator_target.c.indicator_code, s.indicator_achievement.c.indicator_code),
        "indikátorů", "indicator codebook",
        "cílové nebo dosažené hodnoty indikátorů", "indicator targets or achieved values"),
    "zdroje_financovani": CodeUse(
        (s.drawdown.c.source_code, s.project_funding.c.source_code),
        "zdrojů financování", "funding-source codebook",
        "čerpání rozpočtu nebo podíly projektů (sloupce podil_eu, podil_sr, podil_prijemce)",
        "drawdown or project shares (columns podil_eu, podil_sr, podil_prijemce)",
        always=frozenset(SHARE_SOURCES.values())),
}


def mark_codes_in_use(conn: sa.Connection, catalog: Catalog, entity: str, codes: set[str]) -> None:
    """Note which of the ``codes`` a load removes from the codebook ``entity`` data uses.

    Asked only for the codes a load removes: the tables are indexed by code, and a
    load that removes nothing asks nothing.
    """
    use = CODE_USES[entity]
    in_use = catalog.codes_in_use.setdefault(entity, set())
    in_use.update(codes & use.always)
    for column in use.columns:
        in_use.update(conn.scalars(
            sa.select(column).where(column.in_(sorted(codes))).distinct()))


# What municipal files write in the funding-source column.
FUNDING_SOURCE_ALIASES = {
    normalise_header(alias): code
    for code, aliases in {
        "eu": ("EU", "ESF", "Evropská unie", "EU (ESF)", "příspěvek Unie", "Unie"),
        "state": ("SR", "státní rozpočet", "stát", "SR ČR", "národní veřejné zdroje"),
        "beneficiary": ("příjemce", "vlastní podíl", "obec", "město", "kraj", "MAS",
                        "vlastní zdroje"),
    }.items()
    for alias in aliases
}
