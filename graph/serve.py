"""``newsgraph serve``: the store over HTTP, for the tools people already use.

- ``/sparql``: a read-only SPARQL 1.1 Protocol endpoint (GET ``?query=``, POST as a form or
  ``application/sparql-query``), with content negotiation (``Accept``): SPARQL results as
  JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE graphs as Turtle or N-Triples; and CORS, so
  YASGUI or a notebook can query it from a browser.
- ``/query``, ``/update`` and ``/store`` (GET, N-Quads): the layout :class:`graph.store.endpoint.RemoteStore`
  speaks by default, so ``newsgraph ingest --store http://127.0.0.1:8000`` writes through a
  running server. Updates are accepted only with ``allow_update`` and a bearer token that
  the server reads from ``$NEWSGRAPH_SERVE_TOKEN`` (never from the command line). An update
  from any other client (one without newsgraph's ``X-Newsgraph-Corpus: maintained`` header)
  marks the corpus graph stale, since the record index the corpus layer works from does not
  know the edit: the next ingest or remove reads every article graph again.
- ``/``: the explorer of the store as it is now; ``/article/ID``: one article's view. Each is
  rendered from the store when asked for, so a new ingest shows on reload.

Every query has a time limit and a row limit, so one bad query cannot hold the server.
Queries run in worker threads: the embedded store answers each from a snapshot, and an
article is written in one transaction, so no query ever sees half an article.

The server library is Starlette on uvicorn (see the README for why).
"""
from __future__ import annotations

import hmac
import json
import os
import tempfile
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from .errors import InputError, NewsgraphError, QueryError
from .store import QueryResult, Store, Term
from .store.stale import mark_corpus_stale
from .store.endpoint import CORPUS_HEADER

TOKEN_ENV = "NEWSGRAPH_SERVE_TOKEN"
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt"}
MAX_BODY = 64 * 1024 * 1024  # an update carrying a large article is well under this


@dataclass(frozen=True)
class ServeOptions:
    """How the server answers: the time and row limits, and whether updates are taken."""

    timeout: float = 30.0
    max_rows: int = 100_000
    allow_update: bool = False
    token: str | None = None


def options_from_env(*, timeout: float, max_rows: int, allow_update: bool) -> ServeOptions:
    """Options with the update token taken from ``$NEWSGRAPH_SERVE_TOKEN``; updates need one."""
    token = os.environ.get(TOKEN_ENV) or None
    if allow_update and not token:
        raise InputError(f"--allow-update needs a token: set {TOKEN_ENV} in the environment")
    return ServeOptions(timeout=timeout, max_rows=max_rows, allow_update=allow_update, token=token)


# ----------------------------------------------------------------------------- results


def negotiate(accept: str, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header prefers (q-values honoured, ``*/*`` and
    ``type/*`` understood); the first offered one when the header is empty.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", ["text/csv", "application/sparql-results+json"])
    'application/sparql-results+json'
    >>> negotiate("image/png", ["text/csv"]) is None
    True
    """
    if not accept.strip():
        return offered[0]
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((q, -index, media))
    for q, _, media in sorted(ranked, reverse=True):
        if q <= 0:
            continue
        for offer in offered:
            if media in (offer, "*/*") or (media.endswith("/*") and offer.startswith(media[:-1])):
                return offer
    return None


def _json_term(term: Term) -> dict[str, str]:
    if term.kind == "uri":
        return {"type": "uri", "value": term.value}
    if term.kind == "bnode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype
    return out


def _nt_term(term: Term) -> str:
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = '"' + term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r").replace("\t", "\\t") + '"'
    if term.lang:
        return f"{text}@{term.lang}"
    if term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f"{text}^^<{term.datatype}>"
    return text


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value


def render_results(result: QueryResult, fmt: str) -> str:
    """SPARQL 1.1 results (SELECT or ASK) as JSON, XML, CSV or TSV text."""
    if fmt == "json":
        if result.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)})
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if fmt == "xml":
        head = "".join(f'<variable name="{xml_escape(v)}"/>' for v in result.variables)
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">', f"<head>{head}</head>"]
        if result.kind == "ask":
            out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
        else:
            out.append("<results>")
            for row in result.rows:
                out.append("<result>" + "".join(_xml_binding(v, t) for v, t in zip(result.variables, row) if t) +
                           "</result>")
            out.append("</results>")
        return "\n".join(out + ["</sparql>"]) + "\n"
    if result.kind == "ask":  # CSV and TSV have no boolean form: one cell
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        lines = [",".join(result.variables)]
        lines += [",".join(_csv_cell(t.value) if t else "" for t in row) for row in result.rows]
        return "\r\n".join(lines) + "\r\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join(_nt_term(t) if t else "" for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _xml_binding(name: str, term: Term) -> str:
    value = xml_escape(term.value)
    if term.kind == "uri":
        inner = f"<uri>{value}</uri>"
    elif term.kind == "bnode":
        inner = f"<bnode>{value}</bnode>"
    elif term.lang:
        inner = f'<literal xml:lang="{xml_escape(term.lang)}">{value}</literal>'
    elif term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
        inner = f'<literal datatype="{xml_escape(term.datatype)}">{value}</literal>'
    else:
        inner = f"<literal>{value}</literal>"
    return f'<binding name="{xml_escape(name)}">{inner}</binding>'


def render_graph(ntriples: str, fmt: str) -> str:
    """A CONSTRUCT/DESCRIBE result (N-Triples) as N-Triples or Turtle."""
    if fmt == "nt":
        return ntriples
    from .rdf import new_graph

    g = new_graph()
    g.parse(data=ntriples, format="nt")
    return g.serialize(format="turtle")


# ----------------------------------------------------------------------------- the app


def create_app(store: Store, options: ServeOptions) -> Any:
    """The Starlette application serving ``store`` (which it does not close)."""
    import anyio
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    def problem(status: int, message: str) -> Response:
        return PlainTextResponse(message + "\n", status_code=status)

    async def run(fn: Any, *args: Any) -> Any:
        with anyio.fail_after(options.timeout):
            return await anyio.to_thread.run_sync(fn, *args, abandon_on_cancel=True)

    def authorized(request: Request) -> bool:
        given = request.headers.get("authorization", "")
        return bool(options.token) and hmac.compare_digest(given.encode(), f"Bearer {options.token}".encode())

    async def read_body(request: Request) -> bytes:
        size = int(request.headers.get("content-length") or 0)
        if size > MAX_BODY:
            raise QueryError(f"the request body is over {MAX_BODY // (1024 * 1024)} MB")
        return await request.body()

    async def operation(request: Request) -> tuple[str, str]:
        """("query" or "update", its text) from any of the protocol's request forms."""
        if request.method == "GET":
            if "update" in request.query_params:
                raise QueryError("an update must be sent with POST")
            return "query", request.query_params.get("query", "")
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await read_body(request)
        if ctype == "application/sparql-query":
            return "query", body.decode("utf-8")
        if ctype == "application/sparql-update":
            return "update", body.decode("utf-8")
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8"))
            if "update" in form:
                return "update", form["update"][0]
            return "query", form.get("query", [""])[0]
        raise QueryError(f"unsupported content type {ctype or '(none)'}: use application/sparql-query, "
                         "application/sparql-update or a form")

    async def answer_query(request: Request, sparql: str) -> Response:
        if not sparql.strip():
            return problem(400, "no query: pass ?query=... or POST one")
        try:
            result: QueryResult = await run(store.query, sparql)
        except TimeoutError:
            return problem(503, f"the query ran over the server's limit of {options.timeout:g} s")
        accept = request.headers.get("accept", "")
        if result.kind == "graph":
            media = negotiate(accept, list(GRAPH_TYPES))
            if media is None:
                return problem(406, "a graph result is served as text/turtle or application/n-triples")
            text = await anyio.to_thread.run_sync(render_graph, result.triples or "", GRAPH_TYPES[media])
            return Response(text, media_type=media)
        if len(result.rows) > options.max_rows:
            return problem(413, f"the result has {len(result.rows)} rows, over the server's limit of "
                                f"{options.max_rows}: add a LIMIT")
        media = negotiate(accept, list(RESULT_TYPES))
        if media is None:
            return problem(406, "SPARQL results are served as " + ", ".join(RESULT_TYPES))
        return Response(render_results(result, RESULT_TYPES[media]), media_type=media)

    async def answer_update(request: Request, sparql: str) -> Response:
        if not options.allow_update:
            return problem(403, "this server is read-only (start it with --allow-update)")
        if not authorized(request):
            return problem(401, "an update needs the server's bearer token")
        try:
            await run(store.update, sparql)
            if request.headers.get(CORPUS_HEADER) != "maintained":  # an edit the record index does not know
                await run(mark_corpus_stale, store)
        except TimeoutError:
            return problem(503, f"the update ran over the server's limit of {options.timeout:g} s")
        return Response(status_code=204)

    async def guarded(request: Request, handler: Any) -> Response:
        try:
            return await handler(request)
        except NewsgraphError as exc:
            return problem(400 if isinstance(exc, InputError) else 500, str(exc))

    async def sparql(request: Request) -> Response:
        async def handle(req: Request) -> Response:
            kind, text = await operation(req)
            return await (answer_update(req, text) if kind == "update" else answer_query(req, text))
        return await guarded(request, handle)

    async def query_only(request: Request) -> Response:
        async def handle(req: Request) -> Response:
            kind, text = await operation(req)
            if kind == "update":
                return problem(400, "send updates to /update")
            return await answer_query(req, text)
        return await guarded(request, handle)

    async def update_only(request: Request) -> Response:
        async def handle(req: Request) -> Response:
            ctype = req.headers.get("content-type", "").split(";")[0].strip().lower()
            body = (await read_body(req)).decode("utf-8")
            if ctype == "application/x-www-form-urlencoded":
                body = urllib.parse.parse_qs(body).get("update", [""])[0]
            return await answer_update(req, body)
        return await guarded(request, handle)

    async def dataset(request: Request) -> Response:
        data = await run(store.dump_nquads)
        return Response(data, media_type="application/n-quads")

    async def explorer(request: Request) -> Response:
        async def handle(req: Request) -> Response:
            html = await run(live_explorer, store, None)
            return HTMLResponse(html)
        return await guarded(request, handle)

    async def article(request: Request) -> Response:
        async def handle(req: Request) -> Response:
            html = await run(live_explorer, store, req.path_params["article_id"])
            if html is None:
                return problem(404, f"no article {req.path_params['article_id']!r} in this store")
            return HTMLResponse(html)
        return await guarded(request, handle)

    routes = [
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", query_only, methods=["GET", "POST"]),
        Route("/update", update_only, methods=["POST"]),
        Route("/store", dataset, methods=["GET"]),
        Route("/", explorer, methods=["GET"]),
        Route("/article/{article_id:path}", article, methods=["GET"]),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                             allow_headers=["Accept", "Content-Type", "Authorization"])]
    return Starlette(routes=routes, middleware=middleware)


def live_explorer(store: Store, article_id: str | None) -> str | None:
    """The explorer page of the whole store, or of one article (None when it is not there)."""
    from .export.explorer import explorer_data, render_explorer

    if article_id is None:
        return render_explorer(explorer_data(store), title="newsgraph explorer (live)")
    from .rdf import graph_iri
    from .store import open_store

    text = store.graph_ntriples(str(graph_iri(article_id)))
    if not text.strip():
        return None
    with tempfile.TemporaryDirectory(prefix="newsgraph-article-") as tmp:
        one = open_store(os.path.join(tmp, "store"), create=True)
        try:
            one.replace_graph(str(graph_iri(article_id)), text)
            return render_explorer(explorer_data(one), title=f"newsgraph: {article_id}")
        finally:
            one.close()


def serve(store: Store, *, host: str = "127.0.0.1", port: int = 8000, options: ServeOptions) -> None:
    """Serve ``store`` until interrupted (uvicorn, one process, worker threads for queries)."""
    import uvicorn

    uvicorn.run(create_app(store, options), host=host, port=port, log_level="warning", access_log=False,
                server_header=False)
