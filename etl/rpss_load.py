"""Loading the register of social services as a dated snapshot: all or nothing, with lineage.

``load_rpss`` is what ``python -m etl load-rpss`` calls. The file is read and checked whole
first (``etl.sources.rpss``); any error rejects it and nothing is written. A snapshot is keyed
by its day (``--as-of``, default today): a newer day is added beside the older ones (pages
compare them); the same day again replaces that day's snapshot, and the very same file again
changes nothing. The write is one transaction, queued behind any other load.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from etl import schema as s
from etl.problems import WARNING, Problem
from etl.result import INSERTED, UNCHANGED, LoadResult
from etl.rpss_aggregates import refresh as refresh_totals
from etl.rpss_counting import Service
from etl.sources.rpss import RpssRead, read_rpss
from etl.sources.rpss_codes import Codes, municipality_orps, orp_codes, read_codes, target_group_map
from etl.write import write_checked

SERVICES, FACILITIES = "rpss_sluzby", "rpss_zarizeni"  # entities in the load's counts
CHUNK = 2000  # rows per executemany


def load_rpss(engine: sa.Engine, path: Path, *, codebooks: Path | None = None,
              as_of: dt.date | None = None, dataset: str = "national", user: str | None = None,
              dry_run: bool = False) -> LoadResult:
    """Read, check and load the register file at ``path`` as the snapshot of ``as_of``."""
    codes, problems = read_codes(codebooks)
    read = read_rpss(path, codes, municipality_orps(), orp_codes(), as_of or dt.date.today())
    read.problems[:0] = problems
    mapping = target_group_map()
    read.problems.extend(_unmapped_groups(read, mapping))
    result = LoadResult(status="rejected", problems=read.problems,
                        files=[(read.file_name, read.sha256)])
    if result.errors:
        return result

    def write(conn: sa.Connection, run_id: int) -> dict[tuple[str, str], Counter]:
        counts = _write_snapshot(conn, read, codes, mapping, run_id,
                                 is_demo=dataset.startswith("demo"))
        if counts[SERVICES][INSERTED]:
            refresh_totals(conn)  # pre-aggregated per ORP, in the load's transaction
        return {(read.file_name, SERVICES): counts[SERVICES],
                (read.file_name, FACILITIES): counts[FACILITIES]}
    return write_checked(engine, result, write, dataset=dataset, user=user, dry_run=dry_run)


def _unmapped_groups(read: RpssRead, mapping: dict[str, str | None]) -> list[Problem]:
    """One warning per register target group the mapping table does not list."""
    missing = sorted({g for service in read.services for g in service.target_groups} - set(mapping))
    return [Problem(file=read.file_name, rule="rpss-unmapped-target-group", value=code,
                    severity=WARNING, column="ciloveSkupiny",
                    message_cs="cílová skupina registru chybí v tabulce rpss_cilove_skupiny.csv; "
                               "zůstane bez kanonické skupiny",
                    message_en="the register's target group is not in rpss_cilove_skupiny.csv; "
                               "it stays without a canonical group") for code in missing]


def _write_snapshot(conn: sa.Connection, read: RpssRead, codes: Codes,
                    mapping: dict[str, str | None], run_id: int, *,
                    is_demo: bool) -> dict[str, Counter]:
    """Write the snapshot (replacing the same day's); the counts per entity."""
    facilities = sum(len(service.facilities) for service in read.services)
    counts = {SERVICES: Counter(), FACILITIES: Counter()}
    existing = conn.execute(sa.select(s.rpss_snapshot).where(
        s.rpss_snapshot.c.as_of == read.as_of)).mappings().first()
    if existing is not None and existing["sha256"] == read.sha256:
        counts[SERVICES][UNCHANGED] = existing["service_count"]
        counts[FACILITIES][UNCHANGED] = existing["facility_count"]
        return counts
    if existing is not None:
        delete_snapshot(conn, existing["id"])
    _write_codes(conn, codes)
    snapshot_id = conn.execute(s.rpss_snapshot.insert().values(
        as_of=read.as_of, file_name=read.file_name, sha256=read.sha256, load_run_id=run_id,
        is_demo=is_demo, service_count=len(read.services), facility_count=facilities,
    ).returning(s.rpss_snapshot.c.id)).scalar_one()
    _insert(conn, s.social_service, [
        {"snapshot_id": snapshot_id, "register_id": v.register_id, "identifier": v.identifier,
         "kind_code": v.kind_code, "provider_ico": v.provider_ico, "provider_name": v.provider_name,
         "start_date": v.start_date, "end_date": v.end_date, "is_active": v.is_active,
         "load_run_id": run_id, "source_row": v.row, "is_demo": is_demo} for v in read.services])
    ids = dict(conn.execute(sa.select(s.social_service.c.register_id, s.social_service.c.id).where(
        s.social_service.c.snapshot_id == snapshot_id)).all())
    _write_children(conn, read.services, ids, mapping)
    counts[SERVICES][INSERTED] = len(read.services)
    counts[FACILITIES][INSERTED] = facilities
    return counts


def _write_children(conn: sa.Connection, services: list[Service], ids: dict[str, int],
                    mapping: dict[str, str | None]) -> None:
    _insert(conn, s.social_service_facility, [
        {"service_id": ids[v.register_id], "name": f.name, "municipality_code": f.municipality_code,
         "orp_code": f.orp_code, "address_point": f.address_point, "start_date": f.start_date,
         "end_date": f.end_date, "is_active": f.is_active}
        for v in services for f in v.facilities])
    _insert(conn, s.social_service_form, [
        {"service_id": ids[v.register_id], "form_code": form}
        for v in services for form in sorted(v.forms)])
    _insert(conn, s.social_service_capacity, [
        {"service_id": ids[v.register_id], "form_code": form, "capacity_type": kind,
         "capacity": number} for v in services for (form, kind), number in v.capacities.items()])
    _insert(conn, s.social_service_target_group, [
        {"service_id": ids[v.register_id], "register_code": code,
         "canonical_code": mapping.get(code)} for v in services for code in v.target_groups])
    _insert(conn, s.social_service_orp, [
        {"service_id": ids[v.register_id], "orp_code": orp, "basis": basis}
        for v in services for orp, basis in v.orps.items()])


def _write_codes(conn: sa.Connection, codes: Codes) -> None:
    """Upsert the names of the code lists given with this load (kept from earlier loads)."""
    for list_name, names in codes.names.items():
        stored = dict(conn.execute(sa.select(s.rpss_code.c.code, s.rpss_code.c.name).where(
            s.rpss_code.c.list == list_name)).all())
        new = [{"list": list_name, "code": c, "name": n} for c, n in names.items()
               if c and c not in stored]
        _insert(conn, s.rpss_code, new)
        for code, name in names.items():
            if code in stored and stored[code] != name:
                conn.execute(s.rpss_code.update().where(
                    s.rpss_code.c.list == list_name, s.rpss_code.c.code == code).values(name=name))


def delete_snapshot(conn: sa.Connection, snapshot_id: int) -> None:
    """Delete one snapshot and everything under it."""
    conn.execute(s.rpss_orp_total.delete().where(s.rpss_orp_total.c.snapshot_id == snapshot_id))
    services = sa.select(s.social_service.c.id).where(
        s.social_service.c.snapshot_id == snapshot_id).scalar_subquery()
    for table in (s.social_service_orp, s.social_service_target_group,
                  s.social_service_capacity, s.social_service_form, s.social_service_facility):
        conn.execute(table.delete().where(table.c.service_id.in_(services)))
    conn.execute(s.social_service.delete().where(s.social_service.c.snapshot_id == snapshot_id))
    conn.execute(s.rpss_snapshot.delete().where(s.rpss_snapshot.c.id == snapshot_id))


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(table.insert(), rows[start:start + CHUNK])
