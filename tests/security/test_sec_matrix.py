"""Callback × role matrix: every callback, page, API route and export, asked as every role.

Nothing internal (the steering group's comments, unpublished evaluations) may
reach a role below ``steering``, whatever the request; nothing internal may
ever sit in a dcc.Store, for any role. The callbacks are enumerated from
/_dash-dependencies, so pages added later are covered without a change here.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.exports import DATASETS, to_xlsx
from etl import schema as s
from tests.security.callbacks import (
    body,
    call,
    dependencies,
    harvest,
    is_location,
    location_values,
    page_paths,
    realistic_value_sets,
    stores,
    text_of_export,
)
from tests.security.conftest import INTERNAL, MARKERS, ROLES, SEES_INTERNAL, UNPUBLISHED

TAMPERED = "?internal=1&interni=1&verejne=0&public=0&role=steering&admin=1&debug=1"


def _evaluated_plan(conn: sa.Connection) -> str:
    """The first plan with evaluations (the seed plans have none: the demo plans carry them)."""
    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    return conn.execute(sa.select(p.c.key).join(m, m.c.plan_id == p.c.id)
                        .join(e, e.c.measure_id == m.c.id).order_by(p.c.id).limit(1)).scalar_one()


def searches(secure_app) -> list[str]:  # noqa: ANN001
    """Query strings worth trying: none, English, tampered flags, and real plan/project keys."""
    engine = secure_app.server.extensions["kpss_db"].engine
    with engine.connect() as conn:
        plan = _evaluated_plan(conn)
        project = conn.execute(sa.select(s.project.c.key).order_by(s.project.c.id)).scalar()
        year = conn.execute(sa.select(sa.func.max(s.measure_evaluation.c.year))).scalar()
        # the register's earliest snapshot: the ORP pages compare the latest with it
        earliest = conn.execute(sa.select(sa.func.min(s.rpss_snapshot.c.as_of))).scalar()
    plan_query = f"?plan={plan}&rok={year}&year={year}"
    register = [f"?kod=8119&srovnani={earliest}", f"?ukazatel=sluzby_zmena&srovnani={earliest}"
                "&lang=en"] if earliest else []
    return ["", "?lang=en", TAMPERED, plan_query, plan_query + "&" + TAMPERED[1:],
            f"?id={project}", f"?id={project}&lang=en&interni=1", *register]


def visible_text(response) -> str:  # noqa: ANN001
    """The response as text with JSON escapes undone (``\\u00ed`` → ``í``), so markers show."""
    text = response.get_data(as_text=True)
    if response.is_json:
        return json.dumps(response.json, ensure_ascii=False)
    return text


def leaked(text: str) -> list[str]:
    """The markers found in ``text``."""
    return [m for m in MARKERS if m in text]


def test_sec001_leak_detector_sees_escaped_markers() -> None:
    escaped = json.dumps({"props": {"children": INTERNAL}})  # ASCII-escaped, as Dash may send
    assert INTERNAL not in escaped

    class Fake:
        is_json = True
        json = {"props": {"children": INTERNAL}}

        def get_data(self, as_text: bool) -> str:
            return escaped

    assert leaked(visible_text(Fake())) == [INTERNAL]
    tree = {"type": "Div", "props": {"children": [{"type": "Store", "props": {"data": [INTERNAL]}}]}}
    assert list(stores(tree)) == [[INTERNAL]]
    # in an XLSX download the accented marker is stored as character references
    workbook = to_xlsx(pd.DataFrame({"komentář": [INTERNAL]}))
    assert leaked(text_of_export(workbook)) == [INTERNAL]


def matrix_violations(secure_app, client, role: str) -> tuple[list[tuple], int]:  # noqa: ANN001
    """Every callback called as ``role`` with every page and query string; what went wrong."""
    violations, calls = [], 0
    deps = dependencies(client)
    # the pages as this role gets them: the other callbacks are then called with the values
    # their components really hold, and with every option a dropdown offers
    pages = next(d for d in deps if "_pages_content" in d["output"])
    layouts = []
    for path in page_paths():
        for search in searches(secure_app):
            response = call(client, body(pages, location_values(pages, path, search)))
            if response.status_code == 200:
                layouts.append(response.json)
    props = harvest(layouts)
    for dependency in deps:
        if is_location(dependency):
            value_sets = [location_values(dependency, path, search)
                          for path in page_paths() for search in searches(secure_app)]
        else:
            value_sets = [{}] + realistic_value_sets(dependency, props)
        for values in value_sets:
            response = call(client, body(dependency, values))
            calls += 1
            where = (role, dependency["output"], values)
            if dependency.get("clientside_function"):
                if response.status_code != 400:  # nothing to run on the server
                    violations.append((*where, response.status_code))
                continue
            if response.status_code not in (200, 204, 403):
                violations.append((*where, response.status_code))
            text = visible_text(response)
            if "Traceback" in text:
                violations.append((*where, "traceback"))
            if role not in SEES_INTERNAL and leaked(text):
                violations.append((*where, "leak", leaked(text)))
            if response.status_code == 200 and response.is_json:
                for data in stores(response.json):
                    if leaked(json.dumps(data, ensure_ascii=False)):
                        violations.append((*where, "dcc.Store"))
    return violations, calls


@pytest.mark.parametrize("role", ROLES)
def test_sec002_no_callback_gives_internal_data_to_a_role_without_it(secure_app, client_as,
                                                                     role) -> None:  # noqa: ANN001
    violations, calls = matrix_violations(secure_app, client_as(role), role)
    assert violations == []
    assert calls > len(page_paths())  # the pages really were asked for


def test_sec002b_the_matrix_catches_a_leaking_callback(secure_app, client_as) -> None:  # noqa: ANN001
    """A callback that forgets the role check (added here only) is found, in text and in a Store."""
    from dash import Input, Output, dcc

    @secure_app.callback(Output("leaktest-out", "children"), Input("leaktest-in", "value"))
    def leaky(_value: object) -> object:
        engine = secure_app.server.extensions["kpss_db"].engine
        with engine.connect() as conn:
            comment = conn.execute(sa.select(s.measure_evaluation.c.internal_comment).where(
                s.measure_evaluation.c.internal_comment.is_not(None),
                s.measure_evaluation.c.internal_comment != "")).scalar()
        return dcc.Store(id="leaktest-store", data=comment)

    violations, _ = matrix_violations(secure_app, client_as("anonymous"), "anonymous")
    kinds = {v[-1] if v[-2] != "leak" else "leak" for v in violations}
    assert {"leak", "dcc.Store"} <= kinds


@pytest.mark.parametrize("role", ROLES)
def test_sec003_upload_callbacks_refuse_everyone_below_editor(client_as, role) -> None:  # noqa: ANN001
    client = client_as(role)
    upload = [d for d in dependencies(client) if "upload-" in d["output"]]
    assert len(upload) == 3  # check, load, and the draft from a document
    for dependency in upload:
        response = call(client, body(dependency, {("upload-confirm", "n_clicks"): 1}))
        if role == "anonymous":
            assert response.status_code == 403
            assert "upload-" not in response.get_data(as_text=True)
        else:
            assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_sec004_pages_and_layout_never_hold_internal_data(secure_app, client_as,
                                                          role) -> None:  # noqa: ANN001
    client = client_as(role)
    for path in page_paths():
        for search in searches(secure_app):
            response = client.get(path + search)
            # the not-found page is shown for unknown addresses, with their 404 status
            assert response.status_code == (404 if path in ("/404", "/neexistuje") else 200)
            assert leaked(response.get_data(as_text=True)) == [], (role, path, search)
    for address in ("/_dash-layout", "/_dash-dependencies"):
        text = visible_text(client.get(address))
        assert leaked(text) == [], (role, address)


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_sec005_api_and_exports_give_only_public_data(secure_app, client_as, role) -> None:  # noqa: ANN001
    client = client_as(role)
    rules = [r.rule for r in secure_app.server.url_map.iter_rules()
             if r.rule.startswith("/api/") and not r.arguments]
    assert rules, "the API has routes"
    addresses = [rule + suffix for rule in rules for suffix in ("", "?format=csv")]
    addresses += [f"/export/{name}.{fmt}" for name in DATASETS for fmt in ("csv", "xlsx")]
    for address in addresses:
        for search in searches(secure_app):
            joiner = "&" if "?" in address and search else ""
            url = address + (joiner + search[1:] if joiner else search)
            response = client.get(url)
            assert response.status_code in (200, 400, 403, 404), url
            assert leaked(text_of_export(response.get_data())) == [], (role, url)


def test_sec006_signed_in_responses_are_not_stored_by_shared_caches(client_as) -> None:  # noqa: ANN001
    assert "no-store" in client_as("steering").get("/").headers["Cache-Control"]
    assert "no-store" not in client_as("anonymous").get("/").headers.get("Cache-Control", "")


def test_sec007_no_cache_entry_read_for_the_public_holds_internal_data(secure_app, client_as,
                                                                       monkeypatch) -> None:  # noqa: ANN001
    """The steering group fills the shared cache first; what the public then reads from it is public."""
    import pickle

    from dashboard.cache import cache

    for role in SEES_INTERNAL:
        matrix_violations(secure_app, client_as(role), role)
    read: list[tuple[str, bytes]] = []
    original = cache.get

    def recording_get(key: str) -> object:
        value = original(key)
        if value is not None:
            read.append((key, pickle.dumps(value)))
        return value

    monkeypatch.setattr(cache, "get", recording_get)
    for role in ("anonymous", "editor"):
        violations, _ = matrix_violations(secure_app, client_as(role), role)
        assert violations == []
    assert read, "the public pages really read the shared cache"
    for key, value in read:
        for marker in MARKERS:
            assert marker.encode("utf-8") not in value, key


def _plan_and_years(secure_app) -> tuple[str, list[int]]:  # noqa: ANN001
    engine = secure_app.server.extensions["kpss_db"].engine
    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    with engine.connect() as conn:
        plan = _evaluated_plan(conn)
        years = list(conn.execute(sa.select(e.c.year).distinct().join(m, m.c.id == e.c.measure_id)
                                  .join(p, p.c.id == m.c.plan_id).where(p.c.key == plan)
                                  .order_by(e.c.year)).scalars())
    return plan, years


def _plan_texts(secure_app, client, extra: str = "") -> dict[str, str]:  # noqa: ANN001
    """What the plan page, its exports and its meeting workbook say, over every evaluated year."""
    plan, years = _plan_and_years(secure_app)
    pages = next(d for d in dependencies(client) if "_pages_content" in d["output"])
    texts: dict[str, str] = {}
    for year in years:
        search = f"?plan={plan}&rok={year}{extra}"
        response = call(client, body(pages, location_values(pages, "/komunitni-plan", search)))
        assert response.status_code == 200
        texts["page"] = texts.get("page", "") + visible_text(response)
        for name in ("plan-grid", "plan-changes", "plan-internal", "plan-meeting"):
            response = client.get(f"/export/{name}.xlsx{search}")
            texts[name] = texts.get(name, "") + text_of_export(response.get_data())
            texts[name + ":status"] = str(response.status_code)
            texts[name + ":file"] = response.headers.get("Content-Disposition", "")
    return texts


@pytest.mark.parametrize("role", SEES_INTERNAL)
def test_sec008_the_steering_group_sees_internal_comments_and_unpublished_evaluations(
        secure_app, client_as, role) -> None:  # noqa: ANN001
    texts = _plan_texts(secure_app, client_as(role))
    for where in ("page", "plan-internal", "plan-meeting"):
        assert leaked(texts[where]) == list(MARKERS), where
    assert INTERNAL in texts["plan-changes"] or UNPUBLISHED in texts["plan-changes"]
    assert "(neveřejné)" in texts["plan-grid"] and "nezveřejněno" not in texts["plan-grid"]
    for name in ("plan-grid", "plan-changes", "plan-internal", "plan-meeting"):
        assert 'filename="neverejne-' in texts[name + ":file"], name


@pytest.mark.parametrize("role", SEES_INTERNAL)
def test_sec009_the_public_view_of_a_steering_member_holds_nothing_internal(
        secure_app, client_as, role) -> None:  # noqa: ANN001
    texts = _plan_texts(secure_app, client_as(role), "&verejne=1")
    for where in ("page", "plan-grid", "plan-changes", "plan-internal", "plan-meeting"):
        assert leaked(texts[where]) == [], where
    assert "nezveřejněno" in texts["plan-grid"]
    assert "neverejne-" not in texts["plan-meeting:file"]


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_sec010_the_internal_export_is_refused_below_steering(secure_app, client_as,
                                                              role) -> None:  # noqa: ANN001
    texts = _plan_texts(secure_app, client_as(role))
    assert texts["plan-internal:status"] == "403"
    assert all(leaked(texts[w]) == [] for w in ("page", "plan-grid", "plan-changes", "plan-meeting"))


# The plan year's callbacks, each with the role it needs: the request guard refuses everyone
# below it before the callback runs (the matrix above calls them with the page's own values).
PLAN_YEAR_CALLBACKS = {"plan-edit-": "editor", "plan-approve-": "steering", "plan-reopen-": "admin"}
RANK = {"anonymous": 0, "editor": 1, "steering": 2, "admin": 3}


@pytest.mark.parametrize("role", ROLES)
def test_sec011_recording_approving_and_reopening_need_their_roles(client_as, role) -> None:  # noqa: ANN001
    client = client_as(role)
    deps = dependencies(client)
    for prefix, minimum in PLAN_YEAR_CALLBACKS.items():
        found = [d for d in deps if any(isinstance(i["id"], str) and i["id"].startswith(prefix)
                                        for i in d["inputs"])]
        assert found, prefix
        for dependency in found:
            response = call(client, body(dependency, {}))
            if RANK[role] < RANK[minimum]:
                assert response.status_code == 403, (role, dependency["output"])
            else:
                assert response.status_code in (200, 204), (role, dependency["output"])


def test_sec012_the_register_comparison_callback_is_in_the_matrix(secure_app, client_as) -> None:  # noqa: ANN001
    """The drop-down of earlier register snapshots is called with the days the page offers."""
    client = client_as("anonymous")
    deps = dependencies(client)
    compare = [d for d in deps if any(i["id"] == "orp-filter-srovnani" for i in d["inputs"])]
    assert len(compare) == 1
    pages = next(d for d in deps if "_pages_content" in d["output"])
    layouts = [call(client, body(pages, location_values(pages, "/orp", search))).json
               for search in ("", "?kod=8119")]
    values = realistic_value_sets(compare[0], harvest(layouts))
    offered = {v.get(("orp-filter-srovnani", "value")) for v in values}
    assert "2025-01-01" in offered  # the demo register's earlier snapshot
    for value in values:
        response = call(client, body(compare[0], value))
        assert response.status_code == 200
        assert "srovnani=2025-01-01" in response.get_data(as_text=True)
