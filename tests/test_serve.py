"""The review desk (`vnreports serve`) through FastAPI's test client: pages, actions and what they change
in the dataset, the guards (CSRF, Origin, Host, token, escaping, writes inside OUT), orphaned
corrections, and `vnreports corrections export|import`."""

from __future__ import annotations

import html
import json
import re
import shutil
import warnings
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

warnings.filterwarnings("ignore", message=".*httpx.*")  # starlette's TestClient on httpx 0.28
from fastapi.testclient import TestClient  # noqa: E402

from pipeline.cli import app as cli  # noqa: E402
from pipeline.emit.store import DB_NAME  # noqa: E402
from pipeline.model import Document, Finding  # noqa: E402
from pipeline.review import keys, store  # noqa: E402
from pipeline.review.apply import value_text  # noqa: E402
from pipeline.serve import security  # noqa: E402
from pipeline.serve.app import create_app  # noqa: E402

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def out(reviewed_run, tmp_path) -> Path:
    """A fresh copy of the run's output folder (the desk writes into it)."""
    dst = tmp_path / "out"
    shutil.copytree(reviewed_run[1], dst)
    return dst


@pytest.fixture
def client(out, reviewed_run):
    app = create_app(out, inputs=reviewed_run[0])
    with TestClient(app, base_url=BASE) as c:
        yield c


def _csrf(client: TestClient, path: str = "/") -> str:
    page = client.get(path)
    assert page.status_code == 200
    return re.search(r'name="csrf" (?:value|content)="([^"]+)"', page.text).group(1)


def _post(client: TestClient, fields: dict, *, origin: str | None = BASE, csrf: str | None = None,
          headers: dict | None = None):
    data = {"csrf": csrf if csrf is not None else _csrf(client), "next": "/queue", **fields}
    sent = ({"Origin": origin} if origin else {}) | (headers or {})
    return client.post("/action", data=data, headers=sent, follow_redirects=False)


def _sql(out: Path, query: str, params=()):
    with duckdb.connect(str(out / DB_NAME), read_only=True) as con:
        return con.execute(query, list(params)).fetchall()


def _a_mismatch(client: TestClient) -> tuple[Document, Finding, str]:
    """The first mismatch of the queue, its document, and the key of the figure holding its claim."""
    desk = client.app.state.desk
    key = re.search(r'class="finding mismatch"[^>]*data-key="([^"]+)"', client.get("/queue").text).group(1)
    doc_id = _sql(desk.out, "SELECT doc_id FROM findings WHERE review_key = ?", [html.unescape(key)])[0][0]
    doc = desk.doc(doc_id)
    finding = next(f for f in desk.findings_of(doc) if keys.finding_key(f) == html.unescape(key))
    claim = next(k for k, f in keys.figures_by_key(doc).items() if f.id in finding.figure_ids
                 and f.value == finding.claimed)
    return doc, finding, claim


# -- pages --------------------------------------------------------------------------------------------
def test_pages_render_and_filter(client, out):
    docs = _sql(out, "SELECT doc_id, report_year FROM documents ORDER BY doc_id")
    page = client.get("/")
    assert page.status_code == 200 and all(d in page.text for d, _ in docs)
    year = docs[0][1]
    kept = client.get(f"/?year={year}").text
    assert all((d in kept) == (y == year) for d, y in docs)
    assert "No document matches" in client.get("/?status=corrected").text
    q = client.get("/queue")
    mismatches = _sql(out, "SELECT count(*) FROM findings WHERE status = 'mismatch' AND doc_id IS NOT NULL")[0][0]
    assert q.text.count('class="finding mismatch"') == min(mismatches, 25)
    for doc_id, _ in docs:
        d = client.get(f"/doc/{doc_id}")
        assert d.status_code == 200 and 'id="figure-table"' in d.text and "csrf" in d.text
        assert "raw" in d.text and "restored" in d.text
    assert client.get("/doc/no-such-doc").status_code == 404
    assert client.get("/static/desk.css").status_code == 200


def test_correcting_a_figure_reruns_the_audit_and_rewrites_the_dataset(client, out, capsys):
    doc, finding, claim = _a_mismatch(client)
    computed = finding.computed
    resp = _post(client, dict(doc_id=doc.doc_id, target="figure", key=claim, action="correct",
                              value=value_text(computed), reason="the total on the page is this",
                              reviewer="Nguyễn Lan"))
    assert resp.status_code == 303 and resp.headers["location"] == "/queue"
    desk = client.app.state.desk
    after = desk.doc(doc.doc_id)
    fig = keys.figures_by_key(after)[claim]
    assert value_text(fig.value) == value_text(computed) and fig.review.corrected
    again = next(f for f in desk.findings_of(after) if keys.finding_key(f) == keys.finding_key(finding))
    assert again.status == "ok"
    page = client.get(f"/doc/{doc.doc_id}").text
    assert "Recorded: correct figure" in page and "Nguyễn Lan" in page
    row = [c for c in store.read(out)]
    assert len(row) == 1 and (row[0].old_value, row[0].new_value) == (value_text(finding.claimed),
                                                                     value_text(computed))
    # the dataset, as `vnreports query` reads it
    figure_key = f"{doc.doc_id}#{claim.split(':', 1)[1]}"
    result = CliRunner().invoke(cli, ["query", "-o", str(out), "--format", "json",
                                      f"SELECT value, corrected FROM figures WHERE figure_key = '{figure_key}'"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"value": value_text(computed), "corrected": True}]
    assert _sql(out, "SELECT status, corrected FROM findings WHERE review_key = ?",
                [keys.finding_key(finding)]) == [("ok", True)]
    assert _sql(out, "SELECT count(*) FROM corrections WHERE status = 'applied'")[0][0] == 1
    assert (out / "json" / f"{doc.doc_id}.review.json").exists()


def test_confirm_and_reject_are_shown_with_the_finding(client, out):
    doc, finding, _ = _a_mismatch(client)
    key = keys.finding_key(finding)
    assert _post(client, dict(doc_id=doc.doc_id, target="finding", key=key, action="reject",
                              reviewer="Minh")).status_code == 400  # a reject needs a reason
    assert store.read(out) == []
    assert _post(client, dict(doc_id=doc.doc_id, target="finding", key=key, action="confirm",
                              reviewer="Minh")).status_code == 303
    assert _sql(out, "SELECT verdict, reviewed, status FROM findings WHERE review_key = ?", [key]) == [
        ("confirm", True, str(finding.status))]
    assert _post(client, dict(doc_id=doc.doc_id, target="finding", key=key, action="reject", reviewer="Minh",
                              reason="OCR read 8 for 3")).status_code == 303
    assert _sql(out, "SELECT verdict FROM findings WHERE review_key = ?", [key]) == [("reject",)]
    page = client.get(f"/doc/{doc.doc_id}").text
    assert "rejected" in page and "OCR read 8 for 3" in page
    assert "rejected" not in client.get("/queue").text  # reviewed items leave the queue ...
    assert "rejected" in client.get("/queue?all=1").text  # ... unless asked for
    assert [c.action for c in store.read(out)] == ["confirm", "reject"]  # appended, never rewritten


def test_a_bad_value_is_refused_and_nothing_is_recorded(client, out):
    doc, _, claim = _a_mismatch(client)
    for fields in (dict(value="lots", reason="r", reviewer="Lan"), dict(value="12", reason="", reviewer="Lan"),
                   dict(value="12", reason="r", reviewer=" ")):
        resp = _post(client, dict(doc_id=doc.doc_id, target="figure", key=claim, action="correct", **fields))
        assert resp.status_code == 400 and 'id="error"' in resp.text
    resp = _post(client, dict(doc_id=doc.doc_id, target="figure", key="figure:nothing:9", action="correct",
                              value="1", reason="r", reviewer="Lan"))
    assert resp.status_code == 400
    assert store.read(out) == [] and not (out / "review" / "corrections.csv").exists()


# -- the guards -----------------------------------------------------------------------------------------
def test_cross_site_posts_are_refused(client, out):
    doc, _, claim = _a_mismatch(client)
    fields = dict(doc_id=doc.doc_id, target="figure", key=claim, action="confirm", reviewer="Lan")
    assert _post(client, fields, csrf="").status_code == 403
    assert _post(client, fields, csrf="0" * 40).status_code == 403
    assert _post(client, fields, origin="http://evil.example").status_code == 403
    assert _post(client, fields, origin=None).status_code == 403  # neither Origin nor Referer
    assert _post(client, fields, origin=None, headers={"Referer": "http://evil.example/x"}).status_code == 403
    other = TestClient(client.app, base_url=BASE)  # another browser: its own session, the first one's token
    assert _post(other, fields, csrf=_csrf(client)).status_code == 403
    assert store.read(out) == []
    ok = _post(client, fields, origin=None, headers={"Referer": f"{BASE}/queue"})
    assert ok.status_code == 303 and len(store.read(out)) == 1


def test_redirects_stay_inside_the_desk(client):
    doc, _, claim = _a_mismatch(client)
    resp = _post(client, dict(doc_id=doc.doc_id, target="figure", key=claim, action="confirm", reviewer="Lan",
                              next="//evil.example/x"))
    assert resp.status_code == 303 and resp.headers["location"] == "/"
    assert security.safe_next("https://evil.example") == "/" and security.safe_next("/doc/x#a") == "/doc/x#a"


def test_host_and_token(out, reviewed_run):
    with pytest.raises(security.UnsafeBind):
        create_app(out, host="0.0.0.0")
    result = CliRunner().invoke(cli, ["serve", str(out), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--token" in result.output
    local = TestClient(create_app(out), base_url="http://attacker.example:8765")
    assert local.get("/").status_code == 400  # DNS rebinding: a foreign Host header
    app = create_app(out, host="0.0.0.0", token="s3cret-token")
    c = TestClient(app, base_url="http://192.0.2.10:8765")
    assert c.get("/").status_code == 401 and c.get("/?token=wrong").status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    first = c.get("/queue?token=s3cret-token", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/queue"
    assert c.get("/queue").status_code == 200  # the cookie carries it from now on
    assert c.get("/").headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_everything_from_documents_is_escaped(client, out):
    desk = client.app.state.desk
    doc_id = desk.doc_ids()[0]
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    for stage in ("reconcile", "audit"):
        path = out / "json" / f"{doc_id}.{stage}.json"
        doc = Document.load(path)
        doc.identity.title = hostile
        doc.pages[0].lines[0].text = hostile + doc.pages[0].lines[0].text
        doc.figures[0].label = hostile
        doc.save(path)
    desk.rewrite_dataset()
    for path in ("/", f"/doc/{doc_id}"):
        text = client.get(path).text
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text


def test_the_desk_writes_only_inside_out(client, out, tmp_path):
    outside = tmp_path / "outside.json"
    for doc_id in ("../../outside", "..%2F..%2Foutside", "/etc/passwd"):
        resp = _post(client, dict(doc_id=doc_id, target="figure", key="figure:x:1", action="confirm",
                                  reviewer="Lan"))
        assert resp.status_code == 404
    assert not outside.exists() and store.read(out) == []
    with pytest.raises(ValueError):
        security.confined(out, out / ".." / "x")
    assert security.confined(out, out / "json" / "a.json") == (out / "json" / "a.json").resolve()


def test_orphaned_corrections_are_shown(client, out):
    desk = client.app.state.desk
    doc = desk.doc(desk.doc_ids()[0])
    gone = store.make(sha256=doc.sha256, key="figure:units_received:999", target="figure", action="correct",
                      reviewer="Lan", reason="typo", old_value="1", new_value="2", doc_id=doc.doc_id)
    store.append(out, [gone])
    desk.rerun(doc.doc_id)
    desk.rewrite_dataset()
    page = client.get(f"/doc/{doc.doc_id}").text
    assert 'id="orphans"' in page and "figure:units_received:999" in page and "no longer exists" in page
    assert _sql(out, "SELECT status, orphaned FROM corrections") == [("orphaned", "the figure no longer exists")]


def test_crops_come_from_the_page_image(client, tmp_path):
    from PIL import Image

    from pipeline import stages
    from pipeline.context import Context
    from pipeline.model import Line, Page, Word
    from pipeline.runner import run_corpus_steps, run_stage, stage_path

    desk = client.app.state.desk
    doc = desk.doc(desk.doc_ids()[0])
    # text documents have no page image: the endpoint says so rather than inventing one
    assert client.get(f"/crop/{doc.doc_id}?page=1&line=1&start=0&end=3").status_code == 404
    assert client.get("/crop/nothing?page=1&line=1&start=0&end=3").status_code == 404
    # a scanned page: the crop is cut from the source image around the words' boxes
    inputs, out = tmp_path / "scans", tmp_path / "scan-out"
    inputs.mkdir()
    Image.new("RGB", (600, 200), "white").save(inputs / "page.png")
    line = Line(number=1, text="Tiếp nhận 123 đơn vị", box=(10, 80, 400, 110),
                words=[Word("Tiếp", (10, 80, 60, 110), 90, 0, 4), Word("nhận", (70, 80, 130, 110), 90, 5, 9),
                       Word("123", (140, 80, 190, 110), 40, 10, 13)])
    scan = Document(doc_id="page-png", path="page.png", sha256="ab" * 32, kind="image",
                    pages=[Page(number=1, lines=[line], width=600, height=200, source="tesseract")])
    ctx = Context(out_dir=out)
    scan.save(stage_path(out, scan.doc_id, "reconcile"))
    for st in stages.STAGES[[s.name for s in stages.STAGES].index("review"):]:
        scan = run_stage(st, scan, ctx)
        scan.save(stage_path(out, scan.doc_id, st.name))
    run_corpus_steps([scan], ctx)
    with TestClient(create_app(out, inputs=inputs), base_url=BASE) as c:
        crop = c.get("/crop/page-png?page=1&line=1&start=10&end=13")
        assert crop.status_code == 200 and crop.headers["content-type"] == "image/jpeg"
        assert crop.content[:3] == b"\xff\xd8\xff"
        assert c.get("/crop/page-png?page=1&line=9&start=0&end=3").status_code == 404  # no such line


def test_corrections_export_import_round_trip(client, out, reviewed_run, tmp_path):
    doc, finding, claim = _a_mismatch(client)
    _post(client, dict(doc_id=doc.doc_id, target="figure", key=claim, action="correct",
                       value=value_text(finding.computed), reason="page", reviewer="Lan"))
    _post(client, dict(doc_id=doc.doc_id, target="finding", key=keys.finding_key(finding), action="confirm",
                       reviewer="Lan"))
    runner = CliRunner()
    exported = tmp_path / "corrections.csv"
    assert runner.invoke(cli, ["corrections", "export", "-o", str(out), str(exported)]).exit_code == 0
    assert client.get("/corrections.csv").text == exported.read_text(encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(reviewed_run[1], elsewhere)
    first = runner.invoke(cli, ["corrections", "import", str(exported), "-o", str(elsewhere)])
    assert first.exit_code == 0 and "2 correction(s) added, 0 already there" in first.output
    second = runner.invoke(cli, ["corrections", "import", str(exported), "-o", str(elsewhere)])
    assert "0 correction(s) added, 2 already there" in second.output
    assert store.read(elsewhere) == store.read(out)
    run = runner.invoke(cli, ["run", str(reviewed_run[0]), "-o", str(elsewhere)])
    assert run.exit_code == 0, run.output
    assert _sql(elsewhere, "SELECT value, corrected FROM figures WHERE figure_key = ?",
                [f"{doc.doc_id}#{claim.split(':', 1)[1]}"]) == [(value_text(finding.computed), True)]
    assert _sql(elsewhere, "SELECT verdict FROM findings WHERE review_key = ?", [keys.finding_key(finding)]) == [
        ("confirm",)]


def test_a_table_is_drawn_and_a_cell_corrected(tmp_path):
    """A document with a table: its cells drawn, one opened and corrected; the table check follows."""
    from pipeline import audit, stages
    from pipeline.context import Context
    from pipeline.runner import run_corpus_steps, run_stage, stage_path
    from review_builders import table_doc

    out = tmp_path / "out"
    ctx = Context(out_dir=out)
    doc = table_doc([10, 20, 30], 60)
    doc.save(stage_path(out, doc.doc_id, "reconcile"))
    for st in stages.STAGES[[s.name for s in stages.STAGES].index("review"):]:
        doc = run_stage(st, doc, ctx)
        doc.save(stage_path(out, doc.doc_id, st.name))
    run_corpus_steps([doc], ctx)
    assert "mismatch" not in {f.status for f in audit.run(doc).findings}
    with TestClient(create_app(out), base_url=BASE) as client:
        page = client.get(f"/doc/{doc.doc_id}?cell=t1/r2/c1").text
        assert 'class="drawn"' in page and 'id="cell-form"' in page and "cell t1/r2/c1" in page
        assert page.count("hl-ok") >= 4  # the cells the table check used, coloured by its status
        resp = _post(client, dict(doc_id=doc.doc_id, target="cell", key="cell:t1/r2/c1", action="correct",
                                  value="25", reason="the scan shows 25", reviewer="Lan"))
        assert resp.status_code == 303
        after = client.get(f"/doc/{doc.doc_id}?cell=t1/r2/c1").text
        assert "hl-mismatch" in after and "corrected" in after
    assert _sql(out, "SELECT value_num, corrected FROM figures WHERE figure_id = 'units_received:2'") == [(25.0, True)]
    assert _sql(out, "SELECT count(*) FROM findings WHERE status = 'mismatch' AND corrected")[0][0] >= 1
