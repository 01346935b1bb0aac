"""The page chrome: the navigation bar's menu, the sign-in link's way back, unknown addresses."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from dash import html

from dashboard import auth
from dashboard.app import NAV_TOGGLE, create_app
from dashboard.components.layout import navbar
from dashboard.config import Settings
from tests.security.callbacks import body, call, dependencies, location_values
from tests.security.conftest import ROLE_USERS, prepare_database, sign_in


@pytest.fixture
def client(seeded_db_url: str):  # noqa: ANN201 - a Flask test client
    prepare_database(seeded_db_url)
    app = create_app(Settings(database_url=seeded_db_url, secret_key="test-secret-key"))
    yield app.server.test_client()
    app.server.extensions["kpss_db"].engine.dispose()
    app.server.extensions["kpss_writer"].dispose()


def _find(tree: object, component_id: str) -> object:
    if getattr(tree, "id", None) == component_id:
        return tree
    children = getattr(tree, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str) and (found := _find(child, component_id)):
            return found
    return None


def _navbar_text(client, pathname: str, search: str) -> str:  # noqa: ANN001
    """The navigation bar the server draws for this address, as JSON text (slashes unescaped)."""
    chrome = next(d for d in dependencies(client) if "app-navbar" in d["output"])
    answer = call(client, body(chrome, location_values(chrome, pathname, search)))
    return json.dumps(answer.get_json()["response"]["app-navbar"], ensure_ascii=False)


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_chr001_menu_starts_closed_with_a_toggler_that_says_so(lang: str) -> None:
    bar = navbar("/projekty", "", lang)
    collapse, toggler = _find(bar, "nav-collapse"), _find(bar, "nav-toggler")
    assert collapse.is_open is False  # on a phone the menu waits for ☰
    assert isinstance(toggler, html.Button)
    props = toggler.to_plotly_json()["props"]
    assert props["aria-expanded"] == "false" and props["aria-controls"] == "nav-collapse"
    assert props["aria-label"] == ("Menu" if lang == "en" else "Nabídka")


def test_chr002_the_toggle_opens_and_closes_in_the_browser(client) -> None:  # noqa: ANN001
    deps = dependencies(client)
    toggle = [d for d in deps if "nav-collapse.is_open" in d["output"]]
    assert len(toggle) == 1 and toggle[0]["clientside_function"]["function_name"]
    assert "!open" in NAV_TOGGLE  # a press turns the state over; the state is aria-expanded too


@pytest.mark.parametrize(("pathname", "search", "expected"), [
    ("/komunitni-plan", "?plan=ostrava-kp5&rok=2021", "/komunitni-plan?plan=ostrava-kp5&rok=2021"),
    ("/projekty", "", "/projekty"),
    ("/", "?lang=en", "/?lang=en"),
    ("/", "", None),
    ("/prihlaseni", "?next=/data", None),
    ("//evil.example", "?x=1", None),
])
def test_chr003_sign_in_link_comes_back_with_the_query(pathname: str, search: str,
                                                       expected: str | None) -> None:
    link = auth.sign_in_href(pathname, search)
    query = parse_qs(urlsplit(link).query)
    assert urlsplit(link).path == auth.LOGIN_PATH
    assert query.get("next", [None])[0] == expected


def test_chr004_navbar_sign_in_link_keeps_rok(client) -> None:  # noqa: ANN001
    text = _navbar_text(client, "/komunitni-plan", "?rok=2021")
    assert '"/prihlaseni?next=%2Fkomunitni-plan%3Frok%3D2021"' in text


def test_chr005_sign_in_goes_back_to_the_page_with_its_query(client) -> None:  # noqa: ANN001
    text = _navbar_text(client, "/komunitni-plan", "?rok=2021")
    link = text.split('"href": "/prihlaseni?', 1)[1].split('"', 1)[0]
    target = parse_qs(link)["next"][0]
    response = sign_in(client, ROLE_USERS["editor"], next_path=target)
    assert response.status_code == 303 and response.headers["Location"] == "/komunitni-plan?rok=2021"


@pytest.mark.parametrize("path", ["/neexistuje", "/projekty/navic", "/404", "/komunitni-plan/x"])
def test_chr006_unknown_address_is_404_with_the_friendly_page(client, path: str) -> None:  # noqa: ANN001
    response = client.get(path + "?lang=en")
    assert response.status_code == 404
    # the app's own shell: the 404 page is drawn in it, with the menu and a link home
    assert 'id="react-entry-point"' in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/projekty", "/projekty/", "/komunitni-plan?rok=2021",
                                  "/prihlaseni", "/nahrat", "/healthz", "/_dash-layout"])
def test_chr007_known_addresses_stay_200(client, path: str) -> None:  # noqa: ANN001
    assert client.get(path).status_code == 200
