"""The admin's user page: only admins may use it; it adds users, changes roles, disables."""

from __future__ import annotations

import pytest

from tests.security.callbacks import body, call, dependencies, location_values
from tests.security.conftest import ROLES


def _manage(client) -> dict:  # noqa: ANN001
    return next(d for d in dependencies(client) if "admin-users-table" in d["output"])


def _press(client, button: str, **values: object):  # noqa: ANN001, ANN202
    dependency = _manage(client)
    request = body(dependency, {(f"admin-users-{k}", "value"): v for k, v in values.items()}
                   | {(button, "n_clicks"): 1, ("admin-users-lang", "data"): "cs"})
    request["changedPropIds"] = [f"{button}.n_clicks"]
    return call(client, request)


@pytest.mark.parametrize("role", ROLES)
def test_sec050_only_admins_reach_the_user_page(client_as, role: str) -> None:
    client = client_as(role)
    response = _press(client, "admin-users-add", name="novy", role="admin", password="heslo-heslo-1")
    assert response.status_code == (200 if role == "admin" else 403)
    pages = next(d for d in dependencies(client) if "_pages_content" in d["output"])
    text = call(client, body(pages, location_values(pages, "/uzivatele", ""))).get_data(as_text=True)
    assert ("admin-users-list" in text) == (role == "admin")
    assert ("editor1" in text) == (role == "admin")  # the user list is for admins only


def test_sec051_admin_adds_changes_and_disables_users(secure_app, client_as) -> None:  # noqa: ANN001
    store = secure_app.server.extensions["kpss_users"]
    admin = client_as("admin")
    response = _press(admin, "admin-users-add", name="Marie", role="editor", password="heslo-marie-1")
    outputs = response.json["response"]
    assert "Uživatel marie přidán" in str(outputs["admin-users-message"])
    assert outputs["admin-users-password"]["value"] == ""  # the password field is emptied
    assert store.authenticate("marie", "heslo-marie-1").role == "editor"
    _press(admin, "admin-users-setrole", target="marie", newrole="steering")
    assert store.get_by_name("marie").role == "steering"
    _press(admin, "admin-users-disable", target="marie")
    assert store.authenticate("marie", "heslo-marie-1") is None
    _press(admin, "admin-users-enable", target="marie")
    assert store.authenticate("marie", "heslo-marie-1") is not None
    refused = _press(admin, "admin-users-add", name="kratke", role="editor", password="short")
    assert "at least 10 characters" in str(refused.json["response"]["admin-users-message"])
    assert store.get_by_name("kratke") is None
    for bad in ({"name": ["x"], "role": "editor", "password": "heslo-heslo-1"},
                {"name": "x", "role": "root", "password": "heslo-heslo-1"},
                {"name": "x", "role": "editor", "password": {"a": 1}}):
        response = _press(admin, "admin-users-add", **bad)
        assert response.status_code == 200 and store.get_by_name("x") is None


def test_sec052_admin_cannot_lock_themselves_out(secure_app, client_as) -> None:  # noqa: ANN001
    store = secure_app.server.extensions["kpss_users"]
    admin = client_as("admin")
    for button, extra in (("admin-users-disable", {}), ("admin-users-setrole", {"newrole": "editor"})):
        response = _press(admin, button, target="spravce1", **extra)
        assert "Sami sebe" in str(response.json["response"]["admin-users-message"])
    assert store.get_by_name("spravce1").role == "admin" and store.get_by_name("spravce1").is_active
