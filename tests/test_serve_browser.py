"""The review desk end to end in headless Chromium (Playwright driving Debian's `chromium`; nothing is
downloaded): `vnreports serve` started as a user would, the queue opened, the figure behind a mismatch
corrected through its form, the finding seen to change, and the correction seen by `vnreports query`."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("VNREPORTS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def desk(reviewed_run, tmp_path):
    """`vnreports serve` on a copy of the run's output folder: (address, OUT)."""
    out = tmp_path / "out"
    shutil.copytree(reviewed_run[1], out)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", str(out), "--port", str(port),
                             "--inputs", str(reviewed_run[0])], stderr=subprocess.PIPE, text=True)
    try:
        printed = proc.stderr.readline()
        address = re.search(r"http://\S+", printed).group(0)
        assert address == f"http://127.0.0.1:{port}/"
        for _ in range(300):
            try:
                urllib.request.urlopen(address, timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield address.rstrip("/"), out
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def _query(out: Path, sql: str) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "pipeline", "query", "-o", str(out), "--format", "json", sql],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_correct_a_figure_in_the_browser(desk):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if CHROMIUM is None:
        pytest.skip("no chromium binary (scripts/setup.sh installs Debian's chromium)")
    base, out = desk
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        except sync_api.Error as exc:
            pytest.skip(f"chromium does not start under Playwright: {exc}")
        try:
            page = browser.new_page()
            page.goto(f"{base}/queue")
            block = page.locator(".finding.mismatch").first
            key = block.get_attribute("data-key")
            claimed, computed = (block.locator(".numbers b").nth(i).inner_text() for i in (0, 1))
            figure = block.locator(".figure").filter(has=page.locator(f'b.value:text-is("{claimed}")')).first
            figure_id = figure.locator(".muted.small").first.inner_text()
            figure.locator("details.act summary", has_text="correct").click()
            form = figure.locator("form.correct")
            form.locator("input[name=value]").fill(computed)
            form.locator("input[name=reason]").fill("the page shows the sum")
            form.locator("input[name=reviewer]").fill("Trần Thị Lan")
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
            assert "Recorded: correct figure" in page.locator("#flash").inner_text()
            doc_id = _query(out, f"SELECT doc_id FROM findings WHERE review_key = '{key}'")[0]["doc_id"]
            page.goto(f"{base}/doc/{doc_id}")
            after = page.locator(f'.finding[data-key="{key}"]')
            assert after.locator(".badge.status").inner_text() == "ok"
            assert "uses corrected values" in after.inner_text()
            assert page.locator("#history-table").inner_text().count("Trần Thị Lan") == 1
        finally:
            browser.close()
    rows = _query(out, f"SELECT value, corrected FROM figures WHERE figure_key = '{doc_id}#{figure_id}'")
    assert rows == [{"value": computed, "corrected": True}]
    assert _query(out, "SELECT reviewer, status FROM corrections") == [{"reviewer": "Trần Thị Lan",
                                                                         "status": "applied"}]
    assert _query(out, f"SELECT status FROM findings WHERE review_key = '{key}'") == [{"status": "ok"}]
