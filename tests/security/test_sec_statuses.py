"""Requests a client got wrong get a 4xx saying so, never a 500: repeated parameters, unknown
plans and files, numbers past what a browser sends, chunked bodies past the limit."""

from __future__ import annotations

import io
import json

import pytest

from dashboard.security import chunked_past_limit, has_huge_integer, repeated_names
from tests.security.callbacks import body, call, dependencies, location_values


def _pages(client):  # noqa: ANN001, ANN202
    return next(d for d in dependencies(client) if "_pages_content" in d["output"])


@pytest.mark.parametrize(("path", "search"), [
    ("/cilove-skupiny", "?plan=a&plan=b"), ("/orp", "?kraj=CZ010&kraj=CZ020"),
    ("/projekty", "?program=x&stav=y&program=z"), ("/komunitni-plan", "?rok=2020&rok="),
])
def test_sec060_a_parameter_given_twice_is_a_bad_request(client_as, path: str, search: str) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    pages = _pages(client)
    response = call(client, body(pages, location_values(pages, path, search)))
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    once = call(client, body(pages, location_values(pages, path, search.split("&")[0])))
    assert once.status_code == 200


def test_sec060b_repeated_names_are_told_from_distinct_ones() -> None:
    assert repeated_names("?plan=a&plan=b") and repeated_names("a=&a=") and repeated_names("x=1&y=2&x=1")
    assert not repeated_names("") and not repeated_names("?plan=a&rok=2020&lang=en")


@pytest.mark.parametrize("name", ["plan-grid", "plan-changes", "plan-costs", "plan-internal"])
def test_sec061_plan_exports_of_an_unknown_plan_are_404(client_as, name: str) -> None:  # noqa: ANN001
    client = client_as("steering")
    for fmt in ("csv", "xlsx"):
        assert client.get(f"/export/{name}.{fmt}?plan=neexistuje").status_code == 404
        assert client.get(f"/export/{name}.{fmt}").status_code == 200  # the default plan


def test_sec062_a_grid_request_past_a_browsers_numbers_is_a_bad_request(client_as) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    rows = next(d for d in dependencies(client) if d["output"] == "projects-grid.getRowsResponse")
    state = {"query": {}, "lang": "cs"}

    def ask(start: int, end: int):  # noqa: ANN202
        request = {"startRow": start, "endRow": end}
        return call(client, body(rows, {("projects-grid", "getRowsRequest"): request,
                                        ("projects-query", "data"): state}))
    assert ask(0, 100).status_code == 200
    for start, end in ((2 ** 63, 2 ** 63 + 100), (0, 2 ** 63), (-(2 ** 63), 10), (2 ** 53, 2 ** 53 + 1)):
        response = ask(start, end)
        assert response.status_code == 400, (start, end, response.status_code)
    assert ask(2 ** 53 - 101, 2 ** 53 - 1).status_code == 200  # the largest exact number: no rows
    assert has_huge_integer({"a": [1, {"b": -(2 ** 60)}]})
    assert not has_huge_integer([True, 2.0 ** 70, "9" * 30])


def test_sec063_unknown_component_suite_paths_are_404(client_as) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    index = client.get("/").get_data(as_text=True)
    known = index.split('src="/_dash-component-suites/')[1].split('"')[0]
    assert client.get(f"/_dash-component-suites/{known}").status_code == 200
    for path in ("nothing/x.js", "dash/nothing.js", "dash/deps/react@0.0.0.min.js",
                 "plotly/../../etc/passwd"):
        response = client.get(f"/_dash-component-suites/{path}")
        assert response.status_code == 404, (path, response.status_code)
        assert b"Traceback" not in response.data


def test_sec064_an_oversize_chunked_body_is_413_not_400(secure_app, client_as) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    limit = secure_app.server.config["MAX_CONTENT_LENGTH"]
    chrome = next(d for d in dependencies(client) if "app-navbar" in d["output"])

    def chunked(data: bytes):  # noqa: ANN202
        # as gunicorn and the development server pass a chunked body: no length, a terminated stream
        return client.post("/_dash-update-component", input_stream=io.BytesIO(data),
                           headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
                           environ_overrides={"wsgi.input_terminated": True})
    small = json.dumps(body(chrome, location_values(chrome, "/", ""))).encode()
    assert chunked(small).status_code == 200
    response = chunked(b'{"output": "x", "pad": "' + b"a" * (limit + 1024) + b'"}')
    assert response.status_code == 413
    assert chunked_past_limit(limit, None, limit) and not chunked_past_limit(limit - 1, None, limit)
    assert not chunked_past_limit(limit, limit, limit)  # a stated length was checked by werkzeug
