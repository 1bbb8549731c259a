"""The review desk as a FastAPI app: server-rendered pages (Jinja2, autoescaped), no script needed.

Pages: ``/`` the documents (filters: year, unit, family, status), ``/doc/<id>`` one document,
``/queue`` the work; ``/crop/<id>`` page crops; ``POST /action`` the one way to change anything;
``/corrections.csv`` the corrections table. The guards of ``security`` run on every request.
"""

from __future__ import annotations

import base64
import secrets
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.middleware.base import BaseHTTPMiddleware

from pipeline.emit.report import PageImages, number_text
from pipeline.model import ReviewAction, ReviewTarget, make_span
from pipeline.review import keys, marks, store
from pipeline.serve import security, views
from pipeline.serve.desk import (ACTIONS, DOCS_PAGE_SIZE, PAGE_SIZE, ActionError, Action, Desk, Filters,
                                 NotFound)

HERE = Path(__file__).resolve().parent
FLASH_COOKIE = "vnr_flash"
REVIEWER_COOKIE = "vnr_reviewer"
CROP_CACHE = 256


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["num"] = number_text
    env.globals.update(doc_url=views.doc_url, actions=ACTIONS, ReviewTarget=ReviewTarget, ReviewAction=ReviewAction)
    return env


class Guard(BaseHTTPMiddleware):
    """Host, token and session on the way in; security headers on the way out."""

    def __init__(self, app, *, token: str | None, allowed_hosts: tuple[str, ...] | None):
        super().__init__(app)
        self.token, self.allowed_hosts = token, allowed_hosts

    async def dispatch(self, request: Request, call_next):
        if not security.host_allowed(request.headers.get("host"), self.allowed_hosts):
            return _plain(400, "unexpected Host header: open the desk at the address it printed")
        if self.token:
            sent = request.query_params.get("token")
            auth = request.headers.get("authorization", "")
            bearer = auth[7:] if auth.lower().startswith("bearer ") else None
            if sent and security.token_ok(self.token, sent) and request.method == "GET":
                rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                resp = RedirectResponse(request.url.path + (f"?{urlencode(rest)}" if rest else ""), status_code=303)
                resp.set_cookie(security.TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                return _secured(resp)
            if not security.token_ok(self.token, request.cookies.get(security.TOKEN_COOKIE), bearer):
                return _secured(_plain(401, "this desk needs its token: open the address it printed"))
        session = request.cookies.get(security.SESSION_COOKIE)
        request.state.session = session or secrets.token_urlsafe(24)
        response = await call_next(request)
        if not session:
            response.set_cookie(security.SESSION_COOKIE, request.state.session, httponly=True, samesite="strict")
        return _secured(response)


def _plain(status: int, text: str) -> Response:
    return Response(text + "\n", status_code=status, media_type="text/plain; charset=utf-8")


def _secured(resp: Response) -> Response:
    for k, v in security.SECURITY_HEADERS.items():
        resp.headers.setdefault(k, v)
    return resp


def create_app(out_dir: Path, *, inputs: Path | None = None, token: str | None = None,
               host: str = "127.0.0.1") -> FastAPI:
    """The desk over the dataset in ``out_dir``. Bound to ``host``: a non-local host needs ``token``."""
    security.check_bind(host, token)
    desk = Desk(out_dir, inputs)
    env = _templates()
    secret = security.new_secret()
    allowed = security.LOCAL_HOSTS if security.is_local(host) else None
    images = PageImages(desk.inputs, desk.out)
    images_lock = threading.Lock()
    crops: OrderedDict[tuple, bytes] = OrderedDict()

    @asynccontextmanager
    async def lifespan(_app):
        yield
        desk.close()  # a report.html still to write is written first

    app = FastAPI(title="vnreports review desk", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.desk = desk
    app.add_middleware(Guard, token=token, allowed_hosts=allowed)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(request: Request, template: str, status: int = 200, **ctx) -> HTMLResponse:
        flash = request.cookies.get(FLASH_COOKIE)
        html = env.get_template(template).render(
            request=request, csrf=security.csrf_token(secret, request.state.session), here=_here(request),
            reviewer=unquote(request.cookies.get(REVIEWER_COOKIE, "")), flash=unquote(flash) if flash else None, **ctx)
        resp = HTMLResponse(html, status_code=status)
        if flash:
            resp.delete_cookie(FLASH_COOKIE)
        return resp

    @app.get("/", response_class=HTMLResponse)
    def documents(request: Request, year: str = "", unit: str = "", family: str = "", status: str = "",
                  page_no: int = 1):
        f = Filters(year=int(year) if year.strip().isdigit() else None, unit=unit or None, family=family or None,
                    status=status or None, page=max(1, page_no))
        rows, total = desk.documents(f)
        return page(request, "documents.html.j2", rows=rows, total=total, f=f, facets=desk.facets(),
                    pages=max(1, -(-total // DOCS_PAGE_SIZE)), failed=len(desk.failed()))

    @app.get("/queue", response_class=HTMLResponse)
    def queue(request: Request, page_no: int = 1, all: int = 0):
        rows, total = desk.queue(max(1, page_no), include_done=bool(all))
        items = []
        for r in rows:
            try:
                doc = desk.doc(r.doc_id)
            except NotFound:
                continue
            if r.kind == "finding":
                f = next((x for x in desk.findings_of(doc) if keys.finding_key(x) == r.ref), None)
                if f is not None:
                    items.append(("finding", views.finding_view(doc, f)))
            elif r.kind == "figure":
                items += [("figure", (doc, v)) for v in views.figure_views(doc, {r.ref})]
            else:
                items.append(("flagged", views.flagged_view(doc)))
        return page(request, "queue.html.j2", items=items, total=total, page_no=max(1, page_no),
                    pages=max(1, -(-total // PAGE_SIZE)), show_all=bool(all))

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str, cell: str | None = None):
        try:
            doc = desk.doc(doc_id)
        except NotFound as exc:
            return page(request, "error.html.j2", status=404, message=str(exc))
        findings = desk.findings_of(doc)
        return page(request, "document.html.j2", doc=doc, meta=views.doc_meta(doc),
                    findings=views.finding_views(doc, findings), figures=views.figure_views(doc),
                    places=views.place_views(doc), tables=views.table_views(doc, findings, cell),
                    flagged=views.flagged_view(doc, limit=40), orphans=marks.orphans(doc, findings),
                    history=list(reversed(desk.corrections(doc))))

    @app.get("/crop/{doc_id}")
    def crop(doc_id: str, page: int = 0, line: int = 0, start: int = 0, end: int = 0, cell: str | None = None):
        try:
            doc = desk.doc(doc_id)
        except NotFound:
            return _plain(404, "no such document")
        key = (doc_id, doc.sha256, page, line, start, end, cell)
        with images_lock:  # PageImages keeps a few pages in memory: one request at a time uses it
            if key not in crops:
                span = views.cell_span(doc, cell) if cell else _line_span(doc, page, line, start, end)
                uri = images.crop(doc, span) if span is not None else None
                if uri is None:
                    return _plain(404, "no page image for this")
                crops[key] = base64.b64decode(uri.split(",", 1)[1])
                while len(crops) > CROP_CACHE:
                    crops.popitem(last=False)
            data = crops[key]
        return Response(data, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})

    @app.post("/action")
    def action(request: Request, csrf: str = Form(""), doc_id: str = Form(...), target: str = Form(...),
               key: str = Form(...), action: str = Form(...), reviewer: str = Form(""), reason: str = Form(""),
               value: str = Form(""), next: str = Form("/")):
        origin_ok = security.same_origin(request.headers.get("origin"), request.headers.get("referer"),
                                         request.headers.get("host"), request.url.scheme)
        if not origin_ok or not security.csrf_ok(secret, request.cookies.get(security.SESSION_COOKIE), csrf):
            return page(request, "error.html.j2", status=403,
                        message="refused: this form did not come from this desk (reload the page and try again)")
        try:
            c = desk.act(Action(doc_id=doc_id, target=target, key=key, action=action, reviewer=reviewer,
                                reason=reason, value=value))
        except NotFound as exc:
            return page(request, "error.html.j2", status=404, message=str(exc))
        except ActionError as exc:
            return page(request, "error.html.j2", status=400, message=str(exc), back=security.safe_next(next))
        what = f"{c.action} {c.target} {c.key.split(':', 1)[1]}" + (
            f": {c.old_value or '∅'} → {c.new_value or '∅'}" if c.action == ReviewAction.CORRECT else "")
        resp = RedirectResponse(security.safe_next(next), status_code=303)
        resp.set_cookie(FLASH_COOKIE, quote(f"Recorded: {what} ({doc_id}); the audit and the dataset are updated."),
                        httponly=True, samesite="strict")
        resp.set_cookie(REVIEWER_COOKIE, quote(c.reviewer), samesite="strict", max_age=3600 * 24 * 365)
        return resp

    @app.get("/corrections.csv")
    def corrections_csv():
        return Response(store.export_csv(desk.out), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="corrections.csv"'})

    return app


def _here(request: Request) -> str:
    """This page's path and query: where an action returns to."""
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def _line_span(doc, page: int, line: int, start: int, end: int):
    if not 1 <= page <= len(doc.pages) or not 1 <= line <= len(doc.pages[page - 1].lines):
        return None
    text = doc.line(page, line).text
    if not 0 <= start <= end <= len(text):
        return None
    return make_span(doc, page, line, start, end)
