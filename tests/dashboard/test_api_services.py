"""/api/v1/services: the register's network per kind, form and capacity type, for an ORP or a
region, as JSON and as CSV, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from etl.database import make_engine
from etl.rpss_load import load_rpss

DATA = Path(__file__).parents[1] / "data" / "rpss"


@pytest.fixture
def client(db_url: str):  # noqa: ANN201 - a Flask test client
    engine = make_engine(db_url, writer=True)
    assert load_rpss(engine, DATA / "rpss.json", codebooks=DATA / "ciselniky",
                     as_of=dt.date(2026, 1, 1)).ok
    engine.dispose()
    app = create_app(Settings(database_url=db_url))
    yield app.server.test_client()
    app.server.extensions["kpss_db"].engine.dispose()


def _rows(records: list[dict]) -> dict[tuple, tuple]:
    return {(r["kind_code"], r["form_code"], r["capacity_type"]): (r["services"],
                                                                   r["registered_capacity"])
            for r in records}


def test_apisvc001_orp_counts_each_service_once_per_form_and_type(client) -> None:  # noqa: ANN001
    response = client.get("/api/v1/services?orp=8119")
    assert response.status_code == 200
    # Ostrava: sluzba-1 (beds and outpatient clients apart, the duplicate facility once) and the
    # field service sluzba-3; the ended sluzba-2 is not there
    assert _rows(response.json) == {("13", "amb", "klient"): (1, 10), ("13", "pob", "luzka"): (1, 40),
                                    ("14", "ter", "klient"): (1, 40)}
    first = response.json[0]
    assert first["snapshot_date"] == "2026-01-01" and first["area"] == "8119"
    assert first["kind_name"] == "domovy pro seniory" and first["is_demo"] is False


def test_apisvc002_region_counts_a_service_once_across_its_orps(client) -> None:  # noqa: ANN001
    rows = _rows(client.get("/api/v1/services?kraj=CZ080").json)
    # sluzba-1 counts in Ostrava and Opava, sluzba-3 in Ostrava and Havířov: once each here
    assert rows[("13", "pob", "luzka")] == (1, 40)
    assert rows[("14", "ter", "klient")] == (1, 40)
    assert rows[("14", "amb", "klient")] == (1, 3)  # sluzba-5 in Havířov; sluzba-4 is in Brno


def test_apisvc003_csv_and_bad_parameters(client) -> None:  # noqa: ANN001
    response = client.get("/api/v1/services?orp=6203&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["kind_code"], r["form_code"], r["services"], r["registered_capacity"])
            for r in rows] == [("14", "amb", "1", "5")]
    assert client.get("/api/v1/services?orp=9999").status_code == 404
    assert client.get("/api/v1/services?kraj=CZ999").status_code == 404
    assert client.get("/api/v1/services?orp=8119&kraj=CZ080").status_code == 400


def test_apisvc004_a_form_without_capacity_stays_empty_not_zero(db_url: str,
                                                                tmp_path: Path) -> None:
    import json

    data = json.loads((DATA / "rpss.json").read_text(encoding="utf-8"))
    data["polozky"][0]["formy"][1]["kapacity"] = []  # sluzba-1 states no outpatient capacity
    (tmp_path / "rpss.json").write_text(json.dumps(data), encoding="utf-8")
    engine = make_engine(db_url, writer=True)
    assert load_rpss(engine, tmp_path / "rpss.json", codebooks=DATA / "ciselniky",
                     as_of=dt.date(2026, 1, 1)).ok
    engine.dispose()
    app = create_app(Settings(database_url=db_url))
    client = app.server.test_client()
    assert _rows(client.get("/api/v1/services?orp=8119").json) == {
        ("13", "amb", None): (1, None), ("13", "pob", "luzka"): (1, 40),
        ("14", "ter", "klient"): (1, 40)}
    text = client.get("/api/v1/services?orp=8119&format=csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["services"], r["registered_capacity"]) for r in rows] == [
        ("1", ""), ("1", "40"), ("1", "40")]
    app.server.extensions["kpss_db"].engine.dispose()
