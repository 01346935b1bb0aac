"""Pages speak to their users: names not codes, and what to do in the app, not commands."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.i18n import catalog
from dashboard.i18n_extract import messages_in
from tests.dashboard.page_tree import page_module as _page

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"

#: Words of a developer's terminal or settings that public and editors' pages never show.
DEVELOPER_WORDS = ("python -m", "etl load", "KPSS_", ".venv")


@pytest.fixture
def app(seeded_db_url: str):  # noqa: ANN201 - a Dash app
    return create_app(Settings(database_url=seeded_db_url))


def _texts(path: Path) -> list[str]:
    """Every text marked in ``path``, in Czech and in English."""
    english = catalog("en")
    texts: list[str] = []
    for _line, _function, message in messages_in(path.read_text(encoding="utf-8")):
        if isinstance(message, tuple):
            texts += [*message, english.ngettext(*message, 1), english.ngettext(*message, 5)]
        else:
            texts += [message, english.gettext(message)]
    return texts


def test_pw001_no_page_tells_the_public_or_editors_to_run_a_command(app) -> None:  # noqa: ANN001
    # the admin's user page may name the command line: only admins see it
    admin_only = Path(_page("/uzivatele").__file__).resolve()
    texts = [text for path in DASHBOARD.rglob("*.py") if path.resolve() != admin_only
             for text in _texts(path)]
    assert len(texts) > 200
    leaks = [text for text in texts if any(word in text for word in DEVELOPER_WORDS)]
    assert leaks == []


def test_pw002_signed_in_page_names_the_role_in_words(app, monkeypatch) -> None:  # noqa: ANN001
    login = _page("/prihlaseni")
    monkeypatch.setattr(login, "current_user", lambda: SimpleNamespace(name="rizeni", role="steering"))
    with app.server.test_request_context():
        czech = str(login.layout())
        english = str(login.layout(lang="en"))
    assert "řídící skupina" in czech and "(steering)" not in czech
    assert "steering group" in english
