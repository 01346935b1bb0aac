"""The network of registered social services (RPSS snapshots), per ORP or region.

The import decides where each service counts (``etl.rpss_counting``: ``social_service_orp``);
these queries only sum it. Registered capacity is the register's maximum, never occupancy,
and is summed only within one form and capacity type. An area's figures count a service once
however many of the area's ORPs it counts in.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from dashboard.cache import cached_query
from dashboard.db import Database
from dashboard.queries.population import population_for
from etl import schema as s
from etl.rpss_aggregates import counted_only_in

NETWORK_COLUMNS = ["kind_code", "kind_name", "form_code", "form_name", "capacity_type",
                   "capacity_type_name", "services", "capacity"]


def snapshots(db: Database) -> pd.DataFrame:
    """Every loaded snapshot, newest first: id, as_of, is_demo, service_count."""
    t = s.rpss_snapshot
    return db.frame(sa.select(t.c.id, t.c.as_of, t.c.is_demo, t.c.service_count)
                    .order_by(t.c.as_of.desc()))


def latest_snapshot(db: Database) -> dict | None:
    """The newest snapshot (id, as_of, is_demo), or None before any register is loaded."""
    t = s.rpss_snapshot
    row = db.rows(sa.select(t.c.id, t.c.as_of, t.c.is_demo).order_by(t.c.as_of.desc()).limit(1))
    return dict(row[0]) if row else None


def _code_name(list_name: str, code: sa.ColumnElement) -> sa.ScalarSelect:
    c = s.rpss_code
    return (sa.select(c.c.name).where(c.c.list == list_name, c.c.code == code)
            .scalar_subquery())


def _services_in(snapshot_id: int, orp: str | None, region: str | None,
                 orps: sa.Select | None = None) -> sa.Select:
    """Ids of the snapshot's services counting in the ORP, the region or the ORPs of ``orps``
    (anywhere without any of them)."""
    where = s.social_service_orp.c.orp_code
    places = sa.select(s.social_service_orp.c.service_id)
    if orp:
        places = places.where(where == orp)
    elif region:
        places = places.where(where.in_(sa.select(s.orp.c.code).where(
            s.orp.c.region_nuts3 == region)))
    elif orps is not None:
        places = places.where(where.in_(orps))
    return (sa.select(s.social_service.c.id).where(
        s.social_service.c.snapshot_id == snapshot_id, s.social_service.c.id.in_(places)))


def network_statement(snapshot_id: int, orp: str | None = None,
                      region: str | None = None) -> sa.Select:
    """Per kind, form and capacity type: services and registered capacity in the area."""
    sv, f, c = s.social_service, s.social_service_form, s.social_service_capacity
    return (
        sa.select(sv.c.kind_code, _code_name("kind", sv.c.kind_code).label("kind_name"),
                  f.c.form_code, _code_name("form", f.c.form_code).label("form_name"),
                  c.c.capacity_type,
                  _code_name("capacity", c.c.capacity_type).label("capacity_type_name"),
                  sa.func.count(sa.distinct(sv.c.id)).label("services"),
                  sa.func.sum(c.c.capacity).label("capacity"))
        .join(f, f.c.service_id == sv.c.id)
        .outerjoin(c, sa.and_(c.c.service_id == sv.c.id, c.c.form_code == f.c.form_code))
        .where(sv.c.id.in_(_services_in(snapshot_id, orp, region)))
        .group_by(sv.c.kind_code, f.c.form_code, c.c.capacity_type)
        .order_by(sv.c.kind_code, f.c.form_code, c.c.capacity_type)
    )


def network(db: Database, snapshot_id: int, orp: str | None = None,
            region: str | None = None) -> pd.DataFrame:
    """``network_statement`` as a frame (``NETWORK_COLUMNS``)."""
    return db.frame(network_statement(snapshot_id, orp, region))[NETWORK_COLUMNS]


def orp_totals(db: Database, snapshot_id: int) -> pd.DataFrame:
    """Per ORP where any service counts (or, since the snapshot before, one ended): services,
    beds, senior_beds, added, ended (``rpss_orp_total``, summed by ``etl.rpss_aggregates``)."""
    t = s.rpss_orp_total
    return db.frame(sa.select(t.c.orp_code, t.c.services, t.c.beds, t.c.senior_beds, t.c.added,
                              t.c.ended).where(t.c.snapshot_id == snapshot_id)
                    .order_by(t.c.orp_code))


TOTALS_COLUMNS = ["orp_code", "services", "beds", "senior_beds", "added", "ended"]


def earlier_snapshot(frames: pd.DataFrame, earlier: dt.date | None) -> pd.Series | None:
    """The snapshot the latest is compared with: the one of the day ``earlier`` when one was
    loaded before the latest, otherwise the one just before the latest (None with only one)."""
    before = frames.iloc[1:]
    if before.empty:
        return None
    chosen = before[before["as_of"] == earlier] if earlier is not None else before.iloc[:0]
    return (chosen if len(chosen) else before).iloc[0]


@cached_query("register-orp-totals")
def register_totals(db: Database, earlier: dt.date | None = None) -> tuple[dict | None,
                                                                         pd.DataFrame]:
    """The latest snapshot and its ``orp_totals`` (an empty frame before any register), with
    the services added and ended since the snapshot of the day ``earlier`` (see
    ``earlier_snapshot``). The snapshot's ``earlier_as_of`` names that day, ``earlier_dates``
    every day it may be compared with, newest first, and ``population`` the source of the
    population its per-inhabitant figures divide by (``queries.population``)."""
    frames = snapshots(db)
    if frames.empty:
        return None, pd.DataFrame(columns=TOTALS_COLUMNS)
    latest = frames.iloc[0]
    chosen = earlier_snapshot(frames, earlier)
    snapshot = {"id": int(latest["id"]), "as_of": latest["as_of"],
                "is_demo": bool(latest["is_demo"]),
                "earlier_as_of": None if chosen is None else chosen["as_of"],
                "earlier_dates": list(frames["as_of"].iloc[1:])}
    totals = orp_totals(db, snapshot["id"])
    if chosen is not None and int(chosen["id"]) != int(frames.iloc[1]["id"]):
        # the stored totals count from the snapshot just before; another day is counted now
        since = changes(db, snapshot["id"], int(chosen["id"])).set_index("orp_code")
        totals = totals.set_index("orp_code").drop(columns=["added", "ended"])
        totals = totals.join(since, how="outer").reset_index()
        totals["services"] = totals["services"].fillna(0).astype(int)
        totals[["added", "ended"]] = totals[["added", "ended"]].fillna(0).astype(int)
        totals = totals[TOTALS_COLUMNS]
    source, population = population_for(db, snapshot["as_of"].year)
    snapshot["population"] = {**source, "by_orp": {
        code: (int(total), int(aged)) for code, total, aged in population.itertuples(
            index=False, name=None)}}
    return snapshot, totals


def add_register(frame: pd.DataFrame, snapshot: dict | None, totals: pd.DataFrame) -> pd.DataFrame:
    """The ORP comparison with the register's measures: registered services, residential beds
    per 1 000 inhabitants, beds of services for seniors per 1 000 inhabitants aged 65+ (the
    population of the snapshot's year, ``register_totals``), and (with an earlier snapshot)
    the services added and ended since then.

    Without a register every measure stays empty; with one, an ORP where no service counts has
    0 (the register is national: absent means none registered).
    """
    out = frame.copy()
    columns = ("registered_services", "beds_per_1000", "senior_beds_per_1000_65",
               "services_added", "services_ended", "services_net_change", "register_population",
               "register_population_65_plus")
    if snapshot is None:
        for column in (*columns, "register_as_of", "register_earlier_as_of",
                       "register_population_year"):
            out[column] = None
        return out
    by_code = totals.set_index("orp_code") if len(totals) else None

    def total(code: str, column: str) -> float:
        if by_code is None or column not in by_code or code not in by_code.index:
            return 0.0
        value = by_code.at[code, column]
        return 0.0 if value is None or value != value else float(value)

    codes = out["orp_code"].tolist()
    # the population of the snapshot's year where ``register_totals`` gives it, else the census
    by_orp = (snapshot.get("population") or {}).get("by_orp") or {}
    for n, (column, census) in enumerate((("register_population", "population"),
                                          ("register_population_65_plus", "population_65_plus"))):
        out[column] = [by_orp[c][n] if c in by_orp else p
                       for c, p in zip(codes, out[census], strict=True)]
    out["registered_services"] = [int(total(c, "services")) for c in codes]
    out["beds_per_1000"] = [per_thousand(total(c, "beds"), p)
                            for c, p in zip(codes, out["register_population"], strict=True)]
    out["senior_beds_per_1000_65"] = [
        per_thousand(total(c, "senior_beds"), p)
        for c, p in zip(codes, out["register_population_65_plus"], strict=True)]
    compared = snapshot.get("earlier_as_of") is not None
    for column in ("added", "ended"):
        out[f"services_{column}"] = [int(total(c, column)) if compared else None for c in codes]
    out["services_net_change"] = [a - e if compared else None for a, e in zip(
        out["services_added"], out["services_ended"], strict=True)]
    out["register_as_of"] = snapshot["as_of"]
    out["register_earlier_as_of"] = snapshot.get("earlier_as_of")
    out["register_population_year"] = (snapshot.get("population") or {}).get("year")
    return out


def per_thousand(amount: float, population: object) -> float | None:
    """``amount`` per 1 000 of ``population`` (None without a population)."""
    if population is None or population != population or not population:
        return None
    return amount * 1000 / float(population)


def orp_services(db: Database, snapshot_id: int, orp: str) -> pd.DataFrame:
    """The services counting in one ORP: kind, provider, basis, and per service its
    ``forms`` ([(code, name)]), canonical ``target_groups`` ([(name, name_en)]) and
    ``capacities`` ([(form code, form name, type code, type name, capacity)]), names from the
    register's code lists (None where unnamed)."""
    sv, o = s.social_service, s.social_service_orp
    services = db.frame(
        sa.select(sv.c.id, sv.c.register_id, sv.c.kind_code,
                  _code_name("kind", sv.c.kind_code).label("kind_name"),
                  sv.c.provider_name, sv.c.provider_ico, o.c.basis)
        .join(o, o.c.service_id == sv.c.id)
        .where(sv.c.snapshot_id == snapshot_id, o.c.orp_code == orp)
        .order_by(sv.c.kind_code, sv.c.provider_name, sv.c.register_id))
    ids = services["id"].tolist()
    if not ids:
        return services.assign(forms=[], target_groups=[], capacities=[])
    c, g, cg = s.social_service_capacity, s.social_service_target_group, s.canonical_target_group
    f = s.social_service_form
    capacities = db.frame(
        sa.select(c.c.service_id, c.c.form_code, _code_name("form", c.c.form_code),
                  c.c.capacity_type, _code_name("capacity", c.c.capacity_type), c.c.capacity)
        .where(c.c.service_id.in_(ids))
        .order_by(c.c.service_id, c.c.form_code, c.c.capacity_type))
    forms = db.frame(sa.select(f.c.service_id, f.c.form_code, _code_name("form", f.c.form_code))
                     .where(f.c.service_id.in_(ids)).order_by(f.c.service_id, f.c.form_code))
    groups = db.frame(sa.select(g.c.service_id, cg.c.name, cg.c.name_en).join(
        cg, cg.c.code == g.c.canonical_code).where(g.c.service_id.in_(ids)).distinct()
        .order_by(g.c.service_id, cg.c.name))
    listed: dict[str, dict[int, list]] = {"forms": {}, "target_groups": {}, "capacities": {}}
    for column, frame in (("forms", forms), ("target_groups", groups), ("capacities", capacities)):
        for service_id, *values in frame.itertuples(index=False, name=None):
            listed[column].setdefault(service_id, []).append(tuple(
                None if v is None or v != v else v for v in values))
    for column, values in listed.items():
        services[column] = [values.get(i, []) for i in ids]
    return services


def changes(db: Database, snapshot_id: int, earlier_id: int) -> pd.DataFrame:
    """Per ORP: services added and ended between an earlier snapshot and this one (by the
    register's service id); ORPs with neither are left out."""
    added = db.frame(counted_only_in(snapshot_id, earlier_id)).rename(
        columns={"services": "added"})
    ended = db.frame(counted_only_in(earlier_id, snapshot_id)).rename(
        columns={"services": "ended"})
    merged = added.merge(ended, on="orp_code", how="outer")
    merged[["added", "ended"]] = merged[["added", "ended"]].fillna(0).astype(int)
    return merged.sort_values("orp_code").reset_index(drop=True)


def group_network_statement(snapshot_id: int, plan: str | None = None) -> sa.Select:
    """Per canonical target group, form and capacity type: services and registered capacity,
    in the ORPs of the community plan ``plan`` (the whole country without one). A service whose
    several register groups map onto one canonical group counts once in it."""
    g, sv, f, c = (s.social_service_target_group, s.social_service, s.social_service_form,
                   s.social_service_capacity)
    pairs = sa.select(g.c.service_id, g.c.canonical_code).where(
        g.c.canonical_code.is_not(None)).distinct().subquery("pairs")
    orps = None
    if plan:
        links = s.community_plan_orp
        orps = sa.select(links.c.orp_code).join(
            s.community_plan, s.community_plan.c.id == links.c.plan_id).where(
            s.community_plan.c.key == plan)
    return (
        sa.select(pairs.c.canonical_code, f.c.form_code,
                  _code_name("form", f.c.form_code).label("form_name"), c.c.capacity_type,
                  _code_name("capacity", c.c.capacity_type).label("capacity_type_name"),
                  sa.func.count(sa.distinct(sv.c.id)).label("services"),
                  sa.func.sum(c.c.capacity).label("capacity"))
        .join(sv, sv.c.id == pairs.c.service_id)
        .join(f, f.c.service_id == sv.c.id)
        .outerjoin(c, sa.and_(c.c.service_id == sv.c.id, c.c.form_code == f.c.form_code))
        .where(sv.c.id.in_(_services_in(snapshot_id, None, None, orps)))
        .group_by(pairs.c.canonical_code, f.c.form_code, c.c.capacity_type)
        .order_by(pairs.c.canonical_code, f.c.form_code, c.c.capacity_type))


@cached_query("register-groups")
def group_network(db: Database, plan: str | None = None) -> tuple[dict | None, pd.DataFrame]:
    """The latest snapshot and ``group_network_statement`` of it (None, empty before any)."""
    snapshot = latest_snapshot(db)
    if snapshot is None:
        return None, pd.DataFrame()
    return snapshot, db.frame(group_network_statement(snapshot["id"], plan))


def orp_groups(db: Database, snapshot_id: int, orp: str) -> pd.DataFrame:
    """Per canonical target group: the measures of the ORP's community plans and the registered
    services counting in the ORP (each once per group), side by side."""
    g, tg, m, links = (s.social_service_target_group, s.target_group, s.measure,
                       s.community_plan_orp)
    services = db.frame(
        sa.select(g.c.canonical_code, sa.func.count(sa.distinct(g.c.service_id)).label("services"))
        .where(g.c.canonical_code.is_not(None),
               g.c.service_id.in_(_services_in(snapshot_id, orp, None)))
        .group_by(g.c.canonical_code))
    measures = db.frame(
        sa.select(tg.c.canonical_code, sa.func.count(m.c.id).label("measures"))
        .join(tg, tg.c.id == m.c.target_group_id)
        .where(m.c.plan_id.in_(sa.select(links.c.plan_id).where(links.c.orp_code == orp)),
               tg.c.canonical_code.is_not(None))
        .group_by(tg.c.canonical_code))
    groups = db.frame(sa.select(s.canonical_target_group.c.code.label("canonical_code"),
                                s.canonical_target_group.c.name,
                                s.canonical_target_group.c.name_en)
                      .order_by(s.canonical_target_group.c.sort_order))
    out = groups.merge(measures, on="canonical_code", how="left").merge(
        services, on="canonical_code", how="left")
    out[["measures", "services"]] = out[["measures", "services"]].fillna(0).astype(int)
    return out


def kind_of(text: object, kinds: dict[str, str]) -> str | None:
    """The register's kind code a measure names: its code, or its name (spaces and case aside)."""
    if not isinstance(text, str) or not text.strip():
        return None
    wanted = " ".join(text.split()).casefold()
    for code, name in kinds.items():
        if wanted in (code.casefold(), " ".join(name.split()).casefold()):
            return code
    return None


def orp_measure_kinds(db: Database, snapshot_id: int, orp: str) -> pd.DataFrame:
    """The measures of the ORP's plans that name a kind of service, each with the registered
    services of that kind counting in the ORP (None where the kind is not in the code list)."""
    m, plan, links, code = s.measure, s.community_plan, s.community_plan_orp, s.rpss_code
    measures = db.frame(
        sa.select(plan.c.name.label("plan_name"), m.c.code, m.c.name, m.c.service_kind)
        .join(plan, plan.c.id == m.c.plan_id)
        .where(m.c.service_kind.is_not(None),
               m.c.plan_id.in_(sa.select(links.c.plan_id).where(links.c.orp_code == orp)))
        .order_by(plan.c.name, m.c.code))
    kinds = dict(db.frame(sa.select(code.c.code, code.c.name).where(code.c.list == "kind"))
                 .itertuples(index=False, name=None))
    sv = s.social_service
    counts = dict(db.frame(
        sa.select(sv.c.kind_code, sa.func.count(sv.c.id))
        .where(sv.c.id.in_(_services_in(snapshot_id, orp, None))).group_by(sv.c.kind_code))
        .itertuples(index=False, name=None))
    resolved = [kind_of(text, kinds) for text in measures["service_kind"]]
    return measures.assign(
        kind_code=resolved, kind_name=[kinds.get(k) for k in resolved],
        services=[None if k is None else int(counts.get(k, 0)) for k in resolved])
