"""/api/v1/projects returns every seed figure exactly, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.app import create_app
from dashboard.config import Settings


@pytest.fixture
def client(seeded_db_url: str):  # noqa: ANN201 - a Flask test client
    app = create_app(Settings(database_url=seeded_db_url))
    yield app.server.test_client()
    app.server.extensions["kpss_db"].engine.dispose()


def _by_key(records: list[dict]) -> dict[str, dict]:
    return {r["key"]: r for r in records}


def test_api001_projects_json_has_every_seed_figure(client) -> None:  # noqa: ANN001
    response = client.get("/api/v1/projects")
    assert response.status_code == 200
    projects = _by_key(response.json)
    assert len([k for k in projects if not k.startswith("local:demo-")]) == 7
    ostrava = projects["CZ.03.2.63/0.0/0.0/16_063/0006590"]
    assert ostrava["registration_number"] == "CZ.03.2.63/0.0/0.0/16_063/0006590"
    assert ostrava["beneficiary"] == "Statutární město Ostrava"
    assert ostrava["orp_codes"] == ["8119"]
    assert (ostrava["start"], ostrava["end"]) == ("2017-11-01", "2019-10-31")
    assert ostrava["total_eligible"] == 3648425.00
    assert ostrava["beneficiary_share"] == 182421.25
    assert ostrava["eu"] + ostrava["state"] == 3466003.75
    assert ostrava["support_eu_state"] == 3466003.75
    novy_jicin = projects["CZ.03.2.63/0.0/0.0/16_063/0006540"]
    assert novy_jicin["total_eligible"] == 2770437.50
    assert novy_jicin["shares_derived"] is True
    assert round(novy_jicin["eu"] + novy_jicin["state"] + novy_jicin["beneficiary_share"], 2) == 2770437.50
    jmk = projects["local:jmk-planovani-ss"]
    assert jmk["registration_number"] is None
    # its page states no name: none is made up, the label quotes the page's description, marked
    assert jmk["name"] is None and jmk["name_stated"] is False
    assert jmk["label"].startswith("Systémová podpora procesu plánování dostupnosti sociálních služeb")
    assert jmk["label"].endswith("(název neuveden, popis ze stránky projektu)")
    assert ostrava["label"] == ostrava["name"] and ostrava["name_stated"] is True
    assert len(jmk["orp_codes"]) == 21 and all(c.startswith("62") for c in jmk["orp_codes"])
    assert jmk["total_eligible"] is None and jmk["eu"] is None
    assert projects["CZ.1.04/3.1.00/05.00052"]["start"] == "2011-11-01"
    pelhrimov = projects["CZ.03.2.63/0.0/0.0/16_063/0006513"]
    assert pelhrimov["orp_codes"] == ["6110"] and pelhrimov["total_eligible"] is None
    zabreh = projects["local:zabreh-kpss-2012"]
    assert zabreh["support_eu_state"] == 1899493.20 and zabreh["end"] == "2014-02-28"


def test_api002_projects_csv(client) -> None:  # noqa: ANN001
    response = client.get("/api/v1/projects?format=csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(response.data.decode("utf-8")))}
    ostrava = rows["CZ.03.2.63/0.0/0.0/16_063/0006590"]
    assert ostrava["total_eligible"] == "3648425.00"
    assert ostrava["beneficiary_share"] == "182421.25"
    assert rows["local:jmk-planovani-ss"]["registration_number"] == ""
    assert rows["local:jmk-planovani-ss"]["orp_codes"].count(";") == 20
