"""The evaluation report (/vyhodnoceni/<plan>/<year>.docx|.pdf) holds nothing internal for the
public and an editor, read back in both formats; the steering group's version holds it all."""

from __future__ import annotations

import pytest

from tests.security.callbacks import text_of_document
from tests.security.conftest import MARKERS, ROLES, SEES_INTERNAL
from tests.security.test_sec_matrix import _plan_and_years


@pytest.fixture
def no_chart_images(monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts left out: an image holds no text to leak, and drawing one costs a browser."""
    from dashboard import chart_images

    monkeypatch.setattr(chart_images, "png", lambda *args, **kwargs: None)


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("role", ROLES)
def test_rep001_reports_give_internal_text_only_to_the_steering_group(
        secure_app, client_as, role, no_chart_images) -> None:  # noqa: ANN001
    client = client_as(role)
    plan, years = _plan_and_years(secure_app)
    found: set[str] = set()
    for year in years:
        for fmt in ("docx", "pdf"):
            for extra in ("", "?verejne=1&lang=en"):
                response = client.get(f"/vyhodnoceni/{plan}/{year}.{fmt}{extra}")
                assert response.status_code == 200, (role, year, fmt, extra)
                text = text_of_document(response.get_data())
                markers = {m for m in MARKERS if _squeezed(m) in text}
                disposition = response.headers["Content-Disposition"]
                internal = role in SEES_INTERNAL and not extra
                if not internal:
                    assert markers == set(), (role, year, fmt, extra)
                    assert "neverejne-" not in disposition and "not-public-" not in disposition
                else:
                    assert f'filename="neverejne-vyhodnoceni-{plan}-{year}.{fmt}"' == \
                        disposition.removeprefix("attachment; ")
                found |= markers
    assert found == (set(MARKERS) if role in SEES_INTERNAL else set())


def test_rep002_the_detector_sees_a_marker_in_either_format(secure_app, no_chart_images) -> None:  # noqa: ANN001
    """No test that cannot fail: a report with a marker in a wrapped table cell is caught."""
    from dashboard.evaluation_report import MeasureRow, Report, Section
    from dashboard.report_docx import docx_bytes
    from dashboard.report_pdf import pdf_bytes

    long_name = "Opatření s velmi dlouhým názvem, který se v tabulce zalomí " * 3
    report = Report(lang="cs", internal=False, title="Test", plan_name="Plán", year=2021, state="–",
                    approved=False, facts=[], status_rows=[], changes=[], charts=[], sources=[],
                    sections=[Section("A", [MeasureRow("1", long_name, "splněno", "", "", "",
                                                       f"x {MARKERS[0]} y")])])
    for data in (docx_bytes(report), pdf_bytes(report)):
        assert _squeezed(MARKERS[0]) in text_of_document(data)


def test_rep003_unknown_plans_years_and_formats_are_not_found(client_as) -> None:  # noqa: ANN001
    client = client_as("anonymous")
    for address in ("/vyhodnoceni/neni-takovy/2021.pdf", "/vyhodnoceni/demo-ukazkov-kp/1999.docx",
                    "/vyhodnoceni/demo-ukazkov-kp/2021.exe", "/vyhodnoceni/demo-ukazkov-kp/rok.pdf"):
        assert client.get(address).status_code == 404, address
