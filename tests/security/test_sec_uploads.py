"""Uploads: content checks, size limits, zip bombs, renamed binaries, and the two-step load."""

from __future__ import annotations

import os
import tracemalloc

import pytest
import sqlalchemy as sa

from dashboard import uploads
from dashboard.upload_checks import check_upload, safe_file_name
from etl import schema as s
from tests.conftest import table_snapshot
from tests.security.callbacks import body, call, dependencies
from tests.security.files import (
    BAD_ROW,
    GOOD_KEY,
    GOOD_ROW,
    csv_text,
    data_url,
    lying_zip_bomb,
    workbook,
    zip_bomb,
)

MB = 1024 * 1024


def rule_of(name: str, data: bytes, max_bytes: int = 10 * MB) -> str | None:
    check = check_upload(name, data, max_bytes)
    return check.problem.rule if check.problem else check.kind


def test_sec030_file_type_is_judged_by_content() -> None:
    assert rule_of("projekty.xlsx", workbook([GOOD_ROW])) == "xlsx"
    assert rule_of("projekty.csv", csv_text([GOOD_ROW])) == "csv"
    assert rule_of("projekty.csv", "nazev;x\nPříliš žluťoučký\n".encode("cp1250")) == "csv"
    # binaries renamed .csv
    assert rule_of("projekty.csv", b"\x89PNG\r\n\x1a\n" + os.urandom(200)) == "file-type"
    assert rule_of("projekty.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)) == "file-type"
    assert rule_of("projekty.csv", b"\x7fELF" + bytes(100)) == "file-type"
    assert rule_of("projekty.csv", bytes(range(256)) * 20) == "file-binary"
    assert rule_of("projekty.csv", bytes(b % 31 + 1 for b in os.urandom(4000))) == "file-binary"
    assert rule_of("projekty.csv", workbook([GOOD_ROW])) == "file-type"  # a zip is not CSV text
    # text renamed .xlsx, an ordinary zip renamed .xlsx, an unknown suffix
    assert rule_of("projekty.xlsx", csv_text([GOOD_ROW])) == "file-type"
    assert rule_of("projekty.xlsx", _plain_zip()) == "file-zip"
    assert rule_of("projekty.exe", csv_text([GOOD_ROW])) == "file-type"


def _plain_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def test_sec031_empty_and_too_large_files_are_refused() -> None:
    assert rule_of("projekty.csv", b"") == "file-empty"
    assert rule_of("projekty.csv", b"  \r\n \n") == "file-empty"
    assert rule_of("projekty.csv", b"a" * (MB + 1), max_bytes=MB) == "file-too-large"


def test_sec032_zip_bomb_is_refused_with_memory_bounded() -> None:
    bomb = zip_bomb(60)  # 60 MB of zeros in ~60 kB
    assert len(bomb) < 200_000
    tracemalloc.start()
    try:
        assert rule_of("projekty.xlsx", bomb) == "file-zip-bomb"
        lying = lying_zip_bomb()  # claims 1000 bytes, holds 20 MB
        assert rule_of("projekty.xlsx", lying) in ("file-zip-bomb", "file-zip")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * MB  # never unpacked whole


def test_sec033_file_names_lose_their_folders() -> None:
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("..\\..\\windows\\projekty.csv") == "projekty.csv"
    assert safe_file_name("pro\x00jekty\r\n.csv") == "projekty.csv"
    assert safe_file_name("..") == "soubor" and safe_file_name(None) == "soubor"
    assert len(safe_file_name("x" * 5000 + ".csv")) == 200


def test_sec034_upload_texts_are_decoded_strictly() -> None:
    assert uploads.decode_contents("a.csv", data_url(b"abc"), MB) == b"abc"
    for bad in (None, 5, ["x"], "abc", "data:text/csv,abc", "data:;base64,@@@@",
                "data:text/csv;base64," + "A" * (2 * MB)):
        assert isinstance(uploads.decode_contents("a.csv", bad, MB), uploads.Problem), bad
    prepared = uploads.prepare([data_url(b"x")] * 21, ["a.csv"] * 21, MB)
    assert prepared.problems[0].rule == "too-many-files" and not prepared.blobs
    prepared = uploads.prepare("not a list", {"evil": 1}, MB)
    assert prepared.problems and not prepared.blobs


def _upload_calls(client) -> tuple[dict, dict]:  # noqa: ANN001
    deps = dependencies(client)
    check = next(d for d in deps if "upload-result" in d["output"])
    confirm = next(d for d in deps if "upload-confirm.disabled@" in d["output"]
                   and "upload-result" not in d["output"])
    return check, confirm


def _dry_run(client, check: dict, files: list[tuple[str, bytes]]):  # noqa: ANN001, ANN202
    return call(client, body(check, {
        ("upload-input", "contents"): [data_url(d) for _, d in files],
        ("upload-input", "filename"): [n for n, _ in files],
        ("upload-lang", "data"): "cs"}))


def _project_count(engine: sa.Engine, key: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(s.project)
                            .where(s.project.c.key == key)).scalar()


def test_sec035_editor_uploads_a_good_workbook_dry_run_then_load(secure_app, client_as) -> None:  # noqa: ANN001
    engine = secure_app.server.extensions["kpss_writer"]
    client = client_as("editor")
    check, confirm = _upload_calls(client)
    good = [("projekty.xlsx", workbook([GOOD_ROW]))]
    response = _dry_run(client, check, good)
    assert response.status_code == 200
    outputs = response.json["response"]
    fingerprint = outputs["upload-fingerprint"]["data"]
    assert isinstance(fingerprint, str) and outputs["upload-confirm"]["disabled"] is False
    assert "Kontrola prošla" in str(outputs["upload-result"]["children"])
    assert _project_count(engine, GOOD_KEY) == 0  # the dry run wrote nothing
    values = {("upload-confirm", "n_clicks"): 1,
              ("upload-input", "contents"): [data_url(d) for _, d in good],
              ("upload-input", "filename"): [n for n, _ in good],
              ("upload-fingerprint", "data"): fingerprint, ("upload-lang", "data"): "cs"}
    # a different file than the one checked is not loaded
    tampered = dict(values)
    tampered[("upload-input", "contents")] = [data_url(workbook([GOOD_ROW, BAD_ROW]))]
    refused = call(client, body(confirm, tampered))
    assert "změnily" in str(refused.json["response"])
    assert _project_count(engine, GOOD_KEY) == 0
    loaded = call(client, body(confirm, values))
    assert loaded.status_code == 200
    assert "Načteno" in str(loaded.json["response"])
    assert _project_count(engine, GOOD_KEY) == 1
    with engine.connect() as conn:
        user = conn.execute(sa.select(s.load_run.c.user_name).order_by(s.load_run.c.id.desc())).scalar()
    assert user == "editor1"


def test_sec036_bad_files_show_problems_and_load_nothing(secure_app, client_as) -> None:  # noqa: ANN001
    engine = secure_app.server.extensions["kpss_writer"]
    client = client_as("editor")
    check, confirm = _upload_calls(client)
    before = table_snapshot(engine)
    cases = {
        "bad rows": [("projekty.xlsx", workbook([GOOD_ROW, BAD_ROW]))],
        "zip bomb": [("projekty.xlsx", zip_bomb(60))],
        "renamed binary": [("projekty.csv", b"\x89PNG\r\n\x1a\n" + bytes(300))],
        "empty": [("projekty.csv", b"")],
        "good plus bad": [("projekty.csv", csv_text([GOOD_ROW])), ("cerpani.csv", b"\0\1\2" * 50)],
    }
    for case, files in cases.items():
        response = _dry_run(client, check, files)
        assert response.status_code == 200, case
        outputs = response.json["response"]
        assert outputs["upload-confirm"]["disabled"] is True, case
        assert outputs["upload-fingerprint"]["data"] is None, case
        assert "upload-problems" in str(outputs["upload-result"]), case
        # confirming anyway (a hand-made request) loads nothing either
        call(client, body(confirm, {
            ("upload-confirm", "n_clicks"): 1,
            ("upload-input", "contents"): [data_url(d) for _, d in files],
            ("upload-input", "filename"): [n for n, _ in files],
            ("upload-fingerprint", "data"): "0" * 64}))
    assert table_snapshot(engine) == before


def test_sec037_requests_beyond_the_limit_get_413(secure_app, client_as) -> None:  # noqa: ANN001
    client = client_as("editor")
    check, _confirm = _upload_calls(client)
    limit = secure_app.server.config["MAX_CONTENT_LENGTH"]
    assert limit < 2 * MB  # max_upload_mb=1 in these tests
    too_big = [("projekty.csv", b"a;b\n" * (MB // 2))]  # 2 MB file, ~2.7 MB request
    assert _dry_run(client, check, too_big).status_code == 413
    # a file just over the limit in a request just under it: refused with a clear problem
    response = _dry_run(client, check, [("projekty.csv", b"a" * (MB + 10))])
    assert response.status_code in (200, 413)
    if response.status_code == 200:
        assert "větší než 1 MB" in str(response.json["response"])


def test_sec038_anonymous_upload_page_prompts_to_sign_in(client_as) -> None:  # noqa: ANN001
    from tests.security.callbacks import location_values

    client = client_as("anonymous")
    pages = next(d for d in dependencies(client) if "_pages_content" in d["output"])
    text = call(client, body(pages, location_values(pages, "/nahrat", ""))).get_data(as_text=True)
    assert "upload-denied" in text and "upload-input" not in text
    editor = client_as("editor")
    text = call(editor, body(pages, location_values(pages, "/nahrat", ""))).get_data(as_text=True)
    assert "upload-input" in text


@pytest.mark.parametrize("name", ["projekty.csv", "projekty.xlsx"])
def test_sec039_dry_run_of_hostile_text_keeps_it_text(secure_app, client_as, name: str) -> None:  # noqa: ANN001
    """Problems echo values from the file; they come back as text children, never as markup."""
    client = client_as("editor")
    check, _ = _upload_calls(client)
    row = list(BAD_ROW)
    row[5] = "<img src=x onerror=alert(1)>"
    data = workbook([row]) if name.endswith("xlsx") else csv_text([row])
    response = _dry_run(client, check, [(name, data)])
    assert response.status_code == 200
    assert "dangerouslySetInnerHTML" not in response.get_data(as_text=True)
