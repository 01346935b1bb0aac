"""Hostile requests: tampered callback inputs, malformed bodies, huge strings; headers and error pages."""

from __future__ import annotations

import json
import logging

import pytest
import sqlalchemy as sa

from dashboard.app import create_app
from dashboard.config import Settings
from etl import schema as s
from tests.security.callbacks import body, call, dependencies, is_location, location_values, slots
from tests.security.conftest import MARKERS

HOSTILE = [
    "'; DROP TABLE project; --", "1 OR 1=1", "../../../../etc/passwd", "..\\..\\boot.ini",
    "<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:alert(1))",
    "%00", "\x00\x01", "ř" * 5000, "x" * 100_000, 12345, -1.5, True, [], ["a", "b"],
    {"$ne": 1}, {"props": {"dangerouslySetInnerHTML": {"__html": "<img src=x onerror=alert(1)>"}}},
]
ROLES = ("anonymous", "editor")


def _counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                for t in (s.project, s.measure_evaluation, s.app_user, s.load_run)}


def _has_raw_html(tree: object) -> bool:
    """True when a response holds a component property that would be set as raw HTML."""
    if isinstance(tree, dict):
        return "dangerouslySetInnerHTML" in tree or any(_has_raw_html(v) for v in tree.values())
    if isinstance(tree, list):
        return any(_has_raw_html(v) for v in tree)
    return False


@pytest.mark.parametrize("role", ROLES)
def test_sec040_every_callback_survives_hostile_inputs(secure_app, client_as, role) -> None:  # noqa: ANN001
    client = client_as(role)
    engine = secure_app.server.extensions["kpss_db"].engine
    before = _counts(engine)
    for dependency in dependencies(client):
        if dependency.get("clientside_function"):
            continue
        base = location_values(dependency, "/", "") if is_location(dependency) else {}
        for slot in slots(dependency):
            for value in HOSTILE:
                response = call(client, body(dependency, {**base, slot: value}))
                where = (role, dependency["output"], slot, repr(value)[:40])
                assert response.status_code in (200, 204, 400, 403), (*where, response.status_code)
                text = json.dumps(response.json, ensure_ascii=False) if response.is_json \
                    else response.get_data(as_text=True)
                assert "Traceback" not in text and 'File "' not in text, where
                if response.is_json:
                    assert not _has_raw_html(response.json), where
                assert not any(marker in text for marker in MARKERS), where
    assert _counts(engine) == before  # nothing was dropped, nothing was written


def test_sec041_hostile_query_strings_give_an_empty_state(client_as) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    pages = next(d for d in dependencies(client) if "_pages_content" in d["output"])
    for search in ("?program=%27%3B+DROP+TABLE+project%3B--", "?stav=../../etc/passwd",
                   "?kraj=%3Cscript%3Ealert(1)%3C/script%3E", "?lang=%3Cscript%3E&program=x"):
        response = call(client, body(pages, location_values(pages, "/projekty", search)))
        assert response.status_code == 200
        assert "projects-none" in response.get_data(as_text=True), search


@pytest.mark.parametrize("raw", [
    b"", b"not json", b"[]", b"null", b'"text"', b'{"output": 5}',
    b'{"output": "nope.children", "inputs": []}',
    b'{"output": "..app-navbar.children...app-footer.children..", "inputs": "x"}',
    b'{"output": "..app-navbar.children...app-footer.children..", "inputs": [5]}',
    b'{"output": "..app-navbar.children...app-footer.children..", "inputs": [{"id": ["a"], '
    b'"property": "pathname", "value": "/"}]}',
    b'{"output": "..app-navbar.children...app-footer.children..", "inputs": [{"id": "app-url", '
    b'"property": 5, "value": "/"}]}',
    b'{"output": "..app-navbar.children...app-footer.children..", "inputs": [], '
    b'"changedPropIds": [{"a": 1}]}',
])
def test_sec042_malformed_callback_bodies_are_400(client_as, raw: bytes) -> None:  # noqa: ANN001
    response = call(client_as("anonymous"), None, raw=raw)
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_sec043_a_five_megabyte_string_is_refused_with_413(client_as) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    chrome = next(d for d in dependencies(client) if "app-navbar" in d["output"])
    huge = "/" + "x" * (5 * 1024 * 1024)
    response = call(client, body(chrome, location_values(chrome, huge, "")))
    assert response.status_code == 413
    editor = client_as("editor")
    upload = next(d for d in dependencies(editor) if "upload-result" in d["output"])
    response = call(editor, body(upload, {("upload-input", "filename"): huge}))
    assert response.status_code == 413  # beyond MAX_CONTENT_LENGTH (1 MB uploads here)


def test_sec044_content_security_policy_is_sent(secure_app, client_as) -> None:  # noqa: ANN001
    response = client_as("anonymous").get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    script = directives["script-src"].split()
    assert script[0] == "'self'"
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert set(secure_app.csp_hashes()) <= set(script)
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP: no promise of HTTPS
    secure = client_as("anonymous").get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_sec045_errors_show_a_friendly_page_and_log_the_details(secure_app, caplog) -> None:  # noqa: ANN001
    def broken() -> str:
        raise RuntimeError("tajný detail chyby: heslo=123")

    secure_app.server.add_url_rule("/test-broken", "test_broken", broken)
    with caplog.at_level(logging.ERROR):
        response = secure_app.server.test_client().get("/test-broken")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Něco se pokazilo" in text
    assert "tajný detail" not in text and "Traceback" not in text and "RuntimeError" not in text
    assert "tajný detail chyby" in caplog.text
    assert response.headers["Content-Security-Policy"]


def test_sec046_export_and_api_take_hostile_parameters_calmly(client_as) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    for url in ("/export/projects.csv?program=%27%3B+DROP+TABLE+project%3B--",
                "/export/projects.xlsx?orp=../../etc/passwd", "/api/v1/projects?format=%3Cscript%3E",
                "/export/..%2F..%2Fetc%2Fpasswd.csv", "/export/projects.exe"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert b"Traceback" not in response.data
    body_csv = client.get("/export/projects.csv?program=%27%3B+DROP+TABLE+project%3B--").data
    assert body_csv.decode("utf-8-sig").count("\n") == 1  # the header, no rows
    assert len(json.loads(client.get("/api/v1/projects").data)) == 9  # 7 seed, 2 demo projects


def test_sec047_project_names_are_never_markup_in_the_table(secure_app) -> None:  # noqa: ANN001
    """The project list gives the name as text and a local address; the SafeLink cell joins them."""
    import sys

    import dash
    import pandas as pd

    # the page module as Dash Pages loaded it (importing it again would register it twice)
    module = next(p["module"] for p in dash.page_registry.values() if p["path"] == "/projekty")
    page = sys.modules[module]

    frame = pd.DataFrame([{
        "key": "local:x", "registration_number_stated": False,
        "name": "[x](javascript:alert(1)) <img src=x onerror=alert(1)>", "short_name": None,
        "beneficiary": "<script>alert(1)</script>", "programme_code": "OPZ", "call_number": "63",
        "orp_names": ["Ostrava"], "orp_codes": ["8119"], "regions": ["CZ080"],
        "start_date": None, "end_date": None, "total_eligible": None, "eu_amount": None,
        "state_amount": None, "beneficiary_amount": None, "support_eu_state": None,
        "status": "unknown"}])
    columns = page.grid_columns("cs")
    name_column = next(c for c in columns if c["field"] == "name")
    assert name_column["cellRenderer"] == "SafeLink"
    assert all(c.get("cellRenderer") != "markdown" for c in columns)
    row = page.table_frame(frame, "cs").to_dict("records")[0]  # what the grid's rows callback sends
    assert row["name"] == "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    assert row["href"] == "/projekt?id=local%3Ax"


def test_sec048_behind_a_proxy_the_client_address_and_host_are_the_forwarded_ones(
        seeded_db_url: str) -> None:
    app = create_app(Settings(database_url=seeded_db_url, secret_key="k", proxy_count=1))
    client = app.server.test_client()
    headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Host": "kpss.example.cz",
               "X-Forwarded-Proto": "https", "Origin": "https://kpss.example.cz"}
    response = client.post("/auth/login", data={"name": "x", "password": "y"}, headers=headers,
                           environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert response.status_code == 303  # the public host matches the Origin
    with app.server.extensions["kpss_writer"].connect() as conn:
        keys = set(conn.execute(sa.select(s.login_throttle.c.key)).scalars())
    assert keys == {"name:x", "ip:203.0.113.7"}  # the client, not the proxy
    app.server.extensions["kpss_db"].engine.dispose()
    app.server.extensions["kpss_writer"].dispose()


def test_sec049_the_guard_judges_a_callback_by_its_registration_not_the_request(client_as) -> None:  # noqa: ANN001
    anonymous = client_as("anonymous")
    upload = next(d for d in dependencies(anonymous) if "upload-result" in d["output"])
    request = body(upload, {("upload-input", "contents"): None})
    # the request names harmless ids, the output is still the upload callback's
    for part in ("inputs", "state"):
        for item in request[part]:
            item["id"] = "projects-lang"
    request["outputs"] = [{"id": "app-navbar", "property": "children"}]
    response = call(anonymous, request)
    assert response.status_code == 403
    assert response.get_data(as_text=True) == "sign in with a role that may do this"  # the guard
    # and a public callback cannot borrow the upload's larger body limit by naming its ids
    chrome = next(d for d in dependencies(anonymous) if "app-navbar" in d["output"])
    request = body(chrome, location_values(chrome, "/", ""))
    request["state"] = [{"id": "upload-input", "property": "contents", "value": "x" * 400_000}]
    assert call(client_as("editor"), request).status_code in (400, 413)


@pytest.mark.parametrize("change", ["unknown input id", "other property", "extra input",
                                    "missing state", "other output"])
def test_sec049b_inputs_must_be_the_callbacks_own(client_as, change: str) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    projects = next(d for d in dependencies(client) if "projects-filter-program" in str(d["inputs"]))
    request = body(projects)
    assert call(client, request).status_code in (200, 204)  # the untouched request runs
    if change == "unknown input id":
        request["inputs"][0]["id"] = "neexistuje"
    elif change == "other property":
        request["inputs"][0]["property"] = "options"
    elif change == "extra input":
        request["inputs"].append({"id": "x", "property": "value", "value": 1})
    elif change == "missing state":
        chrome = next(d for d in dependencies(client) if "upload-outcome" in d["output"]
                      and "upload-result" not in d["output"])
        client = client_as("editor")
        request = body(chrome)
        request["state"] = request["state"][:-1]
    else:
        request["outputs"] = {"id": "app-navbar", "property": "children"}
    response = call(client, request)
    assert response.status_code == 400
    assert response.get_data(as_text=True) == "the request does not match the callback"


def test_sec049c_event_properties_must_have_their_components_type() -> None:
    from dashboard.security import valid_event_value

    assert valid_event_value("clickData", {"points": []}) and valid_event_value("clickData", None)
    assert valid_event_value("n_clicks", 3) and valid_event_value("value", "anything")
    for prop, value in (("clickData", "'; DROP TABLE project; --"), ("clickData", [1]),
                        ("n_clicks", "1"), ("n_clicks", True), ("selectedRows", {"a": 1})):
        assert not valid_event_value(prop, value), (prop, value)
