"""The open-data API: ``/api/v1/…`` as JSON, or CSV with ``?format=csv``."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pandas as pd
import sqlalchemy as sa
from flask import Blueprint, Response, abort, jsonify, request

from dashboard.db import get_db
from dashboard.queries import services
from dashboard.queries.projects import display_name, projects
from dashboard.spreadsheets import CSV_MIMETYPE, attachment, neutral_frame
from etl import schema as s

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

PROJECT_FIELDS = [
    "registration_number", "key", "name", "name_stated", "label", "short_name", "beneficiary",
    "programme", "call",
    "orp_codes", "start", "end", "total_eligible", "eu", "state", "beneficiary_share",
    "support_eu_state", "shares_derived", "source",
]


def _plain(value: object) -> object:
    """JSON-ready: Decimal → number, date → ISO text, missing → None."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def project_records() -> list[dict[str, object]]:
    """Every project as the API gives it (amounts in CZK as numbers)."""
    frame = projects(get_db())
    records = []
    for row in frame.to_dict("records"):
        records.append({
            "registration_number": row["key"] if row["registration_number_stated"] else None,
            # a page that states no name keeps ``name`` null; ``label`` is what the pages show
            # (the name, else the short name, else the page's own description marked as such)
            "key": row["key"], "name": row["name"],
            "name_stated": isinstance(row["name"], str) and bool(row["name"]),
            "label": display_name(row), "short_name": row["short_name"],
            "beneficiary": row["beneficiary"], "programme": row["programme_code"],
            "call": row["call_number"], "orp_codes": row["orp_codes"],
            "start": row["start_date"], "end": row["end_date"],
            "total_eligible": row["total_eligible"], "eu": row["eu_amount"],
            "state": row["state_amount"], "beneficiary_share": row["beneficiary_amount"],
            "support_eu_state": row["support_eu_state"],
            "shares_derived": bool(row["shares_derived"]) if row["shares_derived"] is not None
            else None,
            "source": row["source"],
        })
    return [{k: _plain(v) for k, v in r.items()} for r in records]


def _respond(records: list[dict[str, object]], fields: list[str], name: str,
             counts: tuple[str, ...] = ()) -> Response:
    """JSON, or CSV with ``?format=csv`` (``counts``: whole numbers that may be missing, kept
    whole in the CSV instead of becoming floats)."""
    if request.args.get("format") == "csv":
        frame = pd.DataFrame(records, columns=fields)
        for column in counts:
            frame[column] = frame[column].astype("Int64")
        for column in frame.columns:
            frame[column] = frame[column].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        # machine names and a decimal point stay (a stable format); only formulas are defused
        buffer = io.StringIO()
        neutral_frame(frame).to_csv(buffer, index=False, float_format="%.2f")
        return Response(buffer.getvalue(), mimetype=CSV_MIMETYPE, headers=attachment(f"{name}.csv"))
    return jsonify(records)


@blueprint.route("/projects")
def projects_endpoint() -> Response:
    """Every project with registration number, name, beneficiary, ORPs, dates, total and shares."""
    return _respond(project_records(), PROJECT_FIELDS, "projects")


SERVICE_FIELDS = [
    "snapshot_date", "area", "kind_code", "kind_name", "form_code", "form_name", "capacity_type",
    "capacity_type_name", "services", "registered_capacity", "is_demo",
]


def service_records(orp: str | None, region: str | None) -> list[dict[str, object]]:
    """Per kind of service, form and capacity type in the area (the latest register snapshot):
    the number of services and their registered capacity (the register's maximum, not
    occupancy). A service counts once in the area however many of its ORPs it serves."""
    db = get_db()
    snapshot = services.latest_snapshot(db)
    if snapshot is None:
        return []
    frame = services.network(db, snapshot["id"], orp=orp, region=region)
    area = orp or region or "CZ"
    return [{"snapshot_date": _plain(snapshot["as_of"]), "area": area,
             **{k: _plain(row[k]) for k in services.NETWORK_COLUMNS if k != "capacity"},
             "services": int(row["services"]),
             "registered_capacity": None if _plain(row["capacity"]) is None
             else int(row["capacity"]),
             "is_demo": bool(snapshot["is_demo"])} for row in frame.to_dict("records")]


def _known(table: sa.Table, column: str, value: str) -> bool:
    return get_db().scalar(sa.select(sa.func.count()).select_from(table).where(
        table.c[column] == value)) == 1


@blueprint.route("/services")
def services_endpoint() -> Response:
    """Registered social services per kind, form and capacity type in an ORP (``?orp=KOD``),
    a region (``?kraj=NUTS3``) or the whole country."""
    orp, region = request.args.get("orp"), request.args.get("kraj")
    if orp and region:
        abort(400, "give orp or kraj, not both")
    if orp and not _known(s.orp, "code", orp):
        abort(404, f"unknown ORP {orp}")
    if region and not _known(s.region, "nuts3", region):
        abort(404, f"unknown region {region}")
    return _respond(service_records(orp, region), SERVICE_FIELDS, "services",
                    counts=("services", "registered_capacity"))
