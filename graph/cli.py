"""The ``newsgraph`` command: thin click wrappers over the library.

Errors are raised by the library (``graph.errors``) and turned into one line on stderr
here, in :class:`_Group`, with the error's own exit code. Exit codes are listed in the
README and in ``graph.errors``.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import INTERRUPTED, InputError, NewsgraphError, OutputError

INTERNAL_ERROR = 70


class _Group(click.Group):
    """Translates domain errors into one clean line, once, for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            for line in exc.lines():  # one line per problem, each already one line
                click.echo(f"newsgraph: error: {line}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("newsgraph: interrupted", err=True)
            ctx.exit(INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            ctx.exit(0)
        except Exception as exc:  # noqa: BLE001 - a bug: one line, traceback on request
            if os.environ.get("NEWSGRAPH_DEBUG"):
                raise
            click.echo(f"newsgraph: internal error: {exc.__class__.__name__}: {exc} "
                       "(set NEWSGRAPH_DEBUG=1 for the traceback)", err=True)
            ctx.exit(INTERNAL_ERROR)


def _open_store(location: str, *, create: bool = False, recomputes_corpus: bool = False) -> Any:
    """Open the store; say so when opening it rolled back an interrupted write, and when
    an interrupted or deferred ingest or remove left the corpus graph out of date (unless
    this command recomputes it anyway)."""
    from .store.stale import corpus_is_stale
    from .store import open_store

    store = open_store(location, create=create)
    recovered = store.recovered
    if recovered:
        more = f" and {len(recovered) - 1} more" if len(recovered) > 1 else ""
        click.echo(f"newsgraph: warning: {location}: an interrupted write had left {len(recovered)} graph(s) "
                   f"incomplete; they were removed ({recovered[0]}{more}); ingest those articles again",
                   err=True)
    if not recomputes_corpus and corpus_is_stale(store):
        click.echo(f"newsgraph: warning: {location}: the corpus graph may be out of date (an ingest or remove "
                   "was interrupted or deferred it, or a SPARQL update edited the store); run `newsgraph rebuild`", err=True)
    return store


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store", "store_location", metavar="PATH|URL", envvar="NEWSGRAPH_STORE", default=".newsgraph",
        show_default=True, help="Store folder, or a SPARQL 1.1 endpoint URL ($NEWSGRAPH_STORE).",
    )(f)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="newsgraph")
def cli() -> None:
    """newsgraph: news articles into an event-timeline knowledge graph.

    Every actor, place, event and statement is tied to the exact words that support
    it, and every date records how it was derived from the publication date.

    \b
    Example:
        newsgraph build && newsgraph query timeline

    \b
    Exit codes: 0 success, 1 the graph fails the SHACL shapes, 2 bad input
    (a file, a date, a query or its parameters, an option), 3 store problem,
    4 an output could not be written, 5 unsupported input, 6 no spaCy English
    pipeline, 70 internal error, 130 interrupted (Ctrl-C).
    """


# ----------------------------------------------------------------------------- build


@cli.command(context_settings=CONTEXT)
@click.option("--seeds", type=click.Path(path_type=Path), default=Path("seeds"), show_default=True,
              help="Folder of annotations and articles.")
@click.option("--exports", type=click.Path(path_type=Path), default=Path("exports"), show_default=True,
              help="Folder the exports are written to.")
@click.option("--fresh", is_flag=True, help="Empty the store first, so removed seeds disappear.")
@click.option("--no-pages", is_flag=True, help="Write only the RDF exports, no HTML pages.")
@store_option
def build(seeds: Path, exports: Path, fresh: bool, no_pages: bool, store_location: str) -> None:
    """Build the seed articles into the store and write exports/.

    \b
    Example:
        newsgraph build --seeds seeds --exports exports
    """
    from .build import build as run_build

    with _open_store(store_location, create=True) as store:
        summary = run_build(seeds, store, exports, fresh=fresh, pages=not no_pages)
    dates = f"{summary.first_date} .. {summary.last_date}" if summary.first_date else "no dated events"
    click.echo(
        f"newsgraph: {summary.articles} article(s) -> {store_location}\n"
        f"  actors      {summary.actors:>6}  ({summary.persons} persons, {summary.organizations} organizations, "
        f"{summary.actors - summary.persons - summary.organizations} acting places)\n"
        f"  places      {summary.places:>6}\n"
        f"  events      {summary.events:>6}\n"
        f"  statements  {summary.statements:>6}\n"
        f"  dated       {summary.dated_events:>6}  (events and statements with a date)\n"
        f"  dates       {dates}\n"
        f"  exports     {exports}/: {', '.join(summary.written)}"
    )


# ----------------------------------------------------------------------------- query


@cli.command(context_settings=CONTEXT)
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path), help="Read the query from a file.")
@click.option("-n", "--name", help="Run a named query (see --list).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable (value is a literal, or an IRI written <...>).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--width", type=click.IntRange(20, 1000), metavar="N",
              help="Table width (default: the terminal's, or 100 when not a terminal).")
@click.option("--iris", is_flag=True, help="Show IRIs in the table, not the labels, headlines and outlet names.")
@click.option("--allow-update", is_flag=True, help="Allow SPARQL updates (the store is read-only otherwise).")
@store_option
def query(sparql: str | None, query_file: Path | None, name: str | None, list_queries: bool,
          params: tuple[str, ...], fmt: str, width: int | None, iris: bool, allow_update: bool,
          store_location: str) -> None:
    """Run SPARQL: inline, from a file, or by name.

    The default graph is the union of all articles; the usual prefixes (ng, sem,
    schema, prov, oa, rdfs, ...) are predeclared. A row is never printed twice. A table
    fits the terminal and shows labels, headlines and outlet names instead of IRIs
    (--iris shows the IRIs); CSV, TSV and JSON keep the IRIs. A named query's parameters
    are listed by --list; an unknown or missing one is an error (exit 2).

    \b
    Examples:
        newsgraph query timeline
        newsgraph query actor-events -p actor="Igor Kochetkov" --format csv
        newsgraph query 'SELECT ?p WHERE { ?p a schema:Person }'
    """
    from .query import (check_params, check_variables, format_result, named_queries, named_query,
                        read_query_file, run_query, with_labels)

    if list_queries:
        for q in named_queries():
            extra = "".join(f"\n      -p {p.name}=...  {'(required) ' if p.required else ''}{p.help}"
                            for p in q.params)
            click.echo(f"{q.name:<22} {q.title}{extra}")
        return
    given = [x for x in (sparql, query_file, name) if x]
    if len(given) != 1:
        raise InputError("give exactly one of: a SPARQL string or query name, --file, --name")
    bound = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"--param {item!r}: write NAME=VALUE")
        bound[key] = value
    if query_file:
        text = read_query_file(query_file)
        check_variables(text, bound)
    elif name or (sparql and all(c.isalnum() or c in "-_" for c in sparql)):
        named = named_query(name or str(sparql))
        check_params(named, bound)
        text = named.text
    else:
        text = str(sparql)
        check_variables(text, bound)
    with _open_store(store_location) as store:
        result = run_query(store, text, params=bound, allow_update=allow_update)
        if fmt == "table" and not iris:
            result = with_labels(store, result)
    click.echo(format_result(result, fmt, width=width), nl=False)


# ----------------------------------------------------------------------------- export

EXPORT_FORMATS = ["turtle", "trig", "nquads", "jsonld", "network", "gexf", "graphml", "timelinejs", "events-csv",
                  "timeline-svg"]


@cli.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: standard output "
              "for RDF, exports/network.html for the page).")
@click.option("--entailed", is_flag=True, help="RDF: add the RDFS closure under the ontology (the general "
              "terms every fact entails).")
@click.option("--evidence", type=click.Choice(["mentions", "web-annotation"]), default="mentions", show_default=True,
              help="RDF: add a W3C Web Annotation (TextQuoteSelector, TextPositionSelector) for every mention.")
@store_option
def export(fmt: str, output: Path | None, entailed: bool, evidence: str, store_location: str) -> None:
    """Export the store: Turtle, TriG, N-Quads, JSON-LD, the network page, GEXF, GraphML,
    TimelineJS JSON, an events CSV (ACLED-like columns) or a static SVG timeline.

    \b
    Examples:
        newsgraph export --format trig -o exports/newsgraph.trig
        newsgraph export --entailed --evidence web-annotation -o full.ttl
        newsgraph export --format gexf -o story.gexf
        newsgraph export --format events-csv -o events.csv
        newsgraph export --format timeline-svg -o timeline.svg
    """
    with _open_store(store_location) as store:
        if fmt in ("turtle", "trig", "nquads", "jsonld"):
            from .export.rdf_export import export_rdf, serialize_store

            if output is None:
                sys.stdout.buffer.write(serialize_store(store, fmt, entailed=entailed, evidence=evidence))
                return
            export_rdf(store, {fmt: output}, entailed=entailed, evidence=evidence)
        elif fmt in ("timelinejs", "events-csv", "timeline-svg"):
            from .export.explorer import explorer_data
            from .export.handoff import render_handoff, write_handoff

            data = explorer_data(store)
            if output is None:
                sys.stdout.write(render_handoff(data, fmt))
                return
            write_handoff(data, fmt, output)
        elif fmt == "network":
            from .export.explorer import explorer_data
            from .export.netgraph import store_to_networkx
            from .export.network import write_network

            output = output or Path("exports/network.html")
            network = store_to_networkx(store)
            write_network(network, output, data=explorer_data(store, network))
        else:
            from .export.gephi import write_gephi

            if output is None:
                raise InputError(f"--format {fmt} needs -o PATH")
            write_gephi(store, fmt, output)
    click.echo(f"newsgraph: wrote {output}", err=True)


# ----------------------------------------------------------------------------- validate


@cli.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--report", "show_report", is_flag=True, help="Print pySHACL's full report even when it conforms.")
@click.option("--entailed", is_flag=True, help="Check RDF files as `export --entailed` graphs (the store and "
              "annotations: with their RDFS closure) against ontology/shapes-entailed.ttl.")
@store_option
def validate(files: tuple[Path, ...], show_report: bool, entailed: bool, store_location: str) -> None:
    """Check graphs against the SHACL shapes; exit 1 with a report when they do not conform.

    FILES may be annotations (.yaml/.json) or RDF files (.ttl, .trig, .nq, .jsonld);
    with no FILES the whole store is checked.

    \b
    Examples:
        newsgraph validate
        newsgraph validate seeds/hornet-2019-01-18.yaml exports/newsgraph.ttl
    """
    from .validate import validate_paths, validate_store

    if files:
        reports = validate_paths(list(files), entailed=entailed)
    else:
        with _open_store(store_location) as store:
            reports = [(store_location, validate_store(store, entailed=entailed))]
    failed = 0
    for where, report in reports:
        status = "conforms" if report.conforms else f"does NOT conform: {report.violations} violation(s)"
        click.echo(f"{where}: {status}" + (f", {report.warnings} warning(s)" if report.warnings else ""))
        if not report.conforms or show_report:
            click.echo(report.text)
        failed += not report.conforms
    if failed:
        sys.exit(1)


def _write_or_print(data: str, output: Path | None) -> None:
    from .io import atomic_write

    if output is None:
        click.echo(data, nl=False)
    else:
        atomic_write(output, data)
        click.echo(f"newsgraph: wrote {output}", err=True)


# ----------------------------------------------------------------------------- extract


@cli.command(context_settings=CONTEXT)
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (else taken from the page).")
@click.option("--url", help="The article's URL.")
@click.option("--publisher", help="The outlet.")
@click.option("--title", help="The headline (else taken from the page).")
@click.option("--format", "fmt", type=click.Choice(["turtle", "annotation", "nquads"]), default="turtle",
              show_default=True, help="nquads: shards for a bulk loader, one named graph per article, into -o DIR.")
@click.option("--shard-size", type=int, default=1000, show_default=True, help="Articles per N-Quads shard.")
@click.option("--jobs", type=int, default=1, show_default=True, help="With nquads: spaCy processes.")
@click.option("--cluster", metavar="local:N|tcp://HOST:PORT", help="With nquads: extract on a Dask cluster.")
@click.option("--model", help="spaCy pipeline to use (default: the best English one installed).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: standard output).")
def extract(articles: tuple[Path, ...], published: str | None, url: str | None, publisher: str | None,
            title: str | None, fmt: str, shard_size: int, jobs: int, cluster: str | None, model: str | None,
            output: Path | None) -> None:
    """Extract the graph of articles automatically (.txt, .md, .html).

    \b
    Examples:
        newsgraph extract story.html
        newsgraph extract story.txt --published 2019-01-18 --format annotation -o story.yaml
        newsgraph extract feeds/ --format nquads -o shards/   # then a bulk loader (docs/scale.md)
    """
    from .draft import extract_to_text

    if fmt == "nquads":
        _extract_shards(articles, published, shard_size, model, output, jobs, cluster)
        return
    if cluster or jobs != 1:
        raise InputError("--jobs and --cluster go with --format nquads")
    _write_or_print(extract_to_text(list(articles), published=published, url=url, publisher=publisher,
                                    title=title, fmt=fmt, model=model, output=output), output)


def _extract_shards(articles: tuple[Path, ...], published: str | None, shard_size: int, model: str | None,
                    output: Path | None, jobs: int, cluster: str | None) -> None:
    """``extract --format nquads``: files and folders as ingest reads them, into shards in ``output``."""
    from .draft import parse_published
    from .extract import load_model
    from .shards import write_shards

    if output is None or (output.exists() and not output.is_dir()):
        raise InputError("--format nquads needs -o DIR, a folder for the shards")
    summary = write_shards(articles, output, per_shard=shard_size, published=parse_published(published),
                           nlp=load_model(model) if model else None, n_process=jobs, cluster=cluster)
    for source, message in summary.failed:
        click.echo(f"newsgraph: {source}: {message}", err=True)
    click.echo(f"newsgraph: wrote {summary.articles} article(s), {summary.quads} quads, in "
               f"{len(summary.shards)} shard(s) to {output}", err=True)
    if summary.failed:
        raise SystemExit(1)


# ----------------------------------------------------------------------------- view


@cli.command(context_settings=CONTEXT)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("exports/explorer.html"),
              show_default=True, help="Where to write the explorer page.")
@click.option("--no-open", is_flag=True, help="Only write the page; do not open it in the browser.")
@store_option
def view(output: Path, no_open: bool, store_location: str) -> None:
    """Write the explorer (timeline linked to the network) and open it in the browser.

    The page is one self-contained file that makes no network request.

    \b
    Examples:
        newsgraph view
        newsgraph view --store .newsgraph -o story.html --no-open
    """
    from .export.explorer import write_explorer

    with _open_store(store_location) as store:
        write_explorer(store, output)
    click.echo(f"newsgraph: wrote {output}", err=True)
    if not no_open:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())


# ----------------------------------------------------------------------------- ingest / remove

defer_option = click.option(
    "--defer-corpus", is_flag=True,
    help="Leave the corpus graph for a later `newsgraph rebuild` (many small batches, one rebuild).")


def merge_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--no-merge`` and ``--rules``, the same on every command that recomputes the corpus graph."""
    from .rulesfile import default_rules_file

    f = click.option("--rules", "rules_file", type=click.Path(path_type=Path), default=default_rules_file,
                     show_default="$NEWSGRAPH_RULES, or ./newsgraph-rules.yaml if present",
                     help="Curated merge rules (YAML: merge / distinct lists of names).")(f)
    return click.option("--no-merge", is_flag=True,
                         help="No entity resolution or event coreference across articles.")(f)

PROGRESS_MIN_ARTICLES = 20  # fewer articles than this: no progress report
DEFERRED = "  corpus: not recomputed (--defer-corpus); run `newsgraph rebuild`"


def skipped_lines(skipped: list[tuple[str, str]], shown: int = 3) -> list[str]:
    """One line per skipped file, or, for a reason more than ``shown`` files share, one
    line for all of them: a folder of 10 k articles with a metadata file each would
    otherwise print 10 k lines.

    >>> skipped_lines([("a.json", "no annotation"), ("b.json", "no annotation"), ("c.pdf", "a PDF"),
    ...                ("d.json", "no annotation"), ("e.json", "no annotation")], shown=2)
    ['newsgraph: skipped 4 files (a.json, b.json and 2 more): no annotation', 'newsgraph: skipped: c.pdf: a PDF']
    """
    by_reason: dict[str, list[str]] = {}
    for source, reason in skipped:
        by_reason.setdefault(reason, []).append(source)
    lines = []
    for reason, sources in by_reason.items():
        if len(sources) <= shown:
            lines += [f"newsgraph: skipped: {source}: {reason}" for source in sources]
        else:
            lines.append(f"newsgraph: skipped {len(sources)} files ({', '.join(sources[:2])} and "
                         f"{len(sources) - 2} more): {reason}")
    return lines


def _rerun_command(ctx: click.Context) -> str:
    """The command line that finishes an interrupted ingest: the same inputs and options,
    less --force (which would extract the saved articles again)."""
    import shlex

    words = ["newsgraph", ctx.info_name or "ingest", *ctx.params["paths"]]
    for name, value in ctx.params.items():
        option = next((p for p in ctx.command.params if p.name == name), None)
        if name in ("paths", "force") or option is None or value in (None, False) or value == option.default:
            continue
        flag = max(option.opts, key=len)
        words += [flag] if value is True else [flag, str(value)]
    return shlex.join(words)


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@merge_options
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date of files that carry none.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="spaCy processes for extraction.")
@click.option("--cluster", metavar="local:N|tcp://HOST:PORT",
              help="Extract on a Dask cluster instead: N local worker processes, or a running scheduler.")
@click.option("--force", is_flag=True, help="Extract every article again, even those stored unchanged.")
@defer_option
@store_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], no_merge: bool, rules_file: Path | None,
           published: str | None, jobs: int, cluster: str | None, force: bool, defer_corpus: bool,
           store_location: str) -> None:
    """Add articles to the store: files, folders, globs of .txt/.md/.html and .jsonl files.

    Each article gets its own named graph, never half-written; ingesting the same article
    again (same URL, or same text) replaces it, or skips it as "unchanged" when its input
    and the extractor are the same as when it was stored (--force extracts it anyway).
    Files in a folder that are not articles (PDFs, images...) are listed as skipped.
    Then the corpus graph is recomputed: one node per person, organization and place
    across articles, one event per thing several outlets report (18 to 24 s for one article
    at 10 k articles; --defer-corpus leaves it to one `newsgraph rebuild` after many small
    batches). Ctrl-C keeps what was extracted and prints the command
    that finishes the job. Exit 0 when every article was added, 2 when some failed (each
    is listed), 3 when the store failed, 130 when interrupted.

    \b
    Examples:
        newsgraph ingest articles/ --published 2017-04-03
        newsgraph ingest 'feeds/*.jsonl' --jobs 2 --store http://127.0.0.1:7878
        newsgraph ingest today/*.html --defer-corpus && newsgraph rebuild
        newsgraph ingest archive/ --cluster local:2
    """
    import time

    from .ingest import ingest as run_ingest
    from .draft import parse_published
    from .errors import IngestInterrupted
    from .progress import ProgressReport

    began = time.monotonic()
    date = parse_published(published)
    report: ProgressReport | None = None

    def progress(done: int, total: int) -> None:
        nonlocal report
        if total < PROGRESS_MIN_ARTICLES:
            return
        if report is None:
            report = ProgressReport(sys.stderr, start=began)
        report(done, total)

    def notice(articles: int, why: str | None) -> None:
        if report is not None:
            report.close()
        corpus_notice(articles, why)

    with _open_store(store_location, create=True, recomputes_corpus=True) as store:
        try:
            summary = run_ingest(list(paths), store, merge=not no_merge, rules_file=rules_file, published=date,
                                 n_process=jobs, progress=progress, recompute=not defer_corpus, force=force,
                                 cluster=cluster, notice=notice)
        except IngestInterrupted as exc:
            if report is not None:
                report.close()
            click.echo(f"newsgraph: {exc}; to finish, run: {_rerun_command(ctx)} "
                       "(the saved articles are skipped as unchanged)", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:  # before the first article or while the corpus graph was recomputed
            if report is not None:
                report.close()
            click.echo("newsgraph: interrupted; every article written so far is kept; to finish, run: "
                       f"{_rerun_command(ctx)} (the saved articles are skipped as unchanged)", err=True)
            ctx.exit(INTERRUPTED)
        finally:
            if report is not None:
                report.close()
    click.echo(f"newsgraph: {summary.added} added, {summary.replaced} replaced, {summary.unchanged} unchanged, "
               f"{len(summary.failed)} failed"
               + (f", {summary.skipped} not attempted" if summary.skipped else "")
               + (f", {len(summary.skipped_files)} file(s) skipped" if summary.skipped_files else "")
               + f" -> {store_location}")
    if summary.corpus_rebuilt:
        _echo_corpus(summary.entities, summary.merged, summary.events, summary.shared_events)
    if summary.corpus_deferred:
        click.echo(DEFERRED)
    for line in skipped_lines(summary.skipped_files):
        click.echo(line, err=True)
    for source, message in summary.failed:
        click.echo(f"newsgraph: failed: {source}: {message}", err=True)
    if summary.store_error is not None:
        sys.exit(3)
    if summary.failed:
        sys.exit(2)


@cli.command(context_settings=CONTEXT)
@click.argument("targets", nargs=-1, required=True)
@merge_options
@defer_option
@store_option
def remove(targets: tuple[str, ...], no_merge: bool, rules_file: Path | None, defer_corpus: bool,
           store_location: str) -> None:
    """Take articles out of the store, each named by its URL, article id or file.

    Each removed article is reported by its headline. Exit 0 when every one was removed,
    2 when some were not in the store.

    \b
    Examples:
        newsgraph remove https://example.org/news/2017/04/03/story
        newsgraph remove a-1f3e5c0d2b4a6978 articles/story.txt
    """
    from .ingest import remove as run_remove

    with _open_store(store_location, recomputes_corpus=True) as store:
        summary = run_remove(store, list(targets), merge=not no_merge, rules_file=rules_file,
                             recompute=not defer_corpus, notice=corpus_notice)
    click.echo(f"newsgraph: {len(summary.removed)} removed -> {store_location}")
    for aid in summary.removed:
        click.echo(f"  removed: {summary.headlines.get(aid, aid)}")
    if summary.corpus_deferred:
        click.echo(DEFERRED)
    for target in summary.missing:
        click.echo(f"newsgraph: not in the store: {target}", err=True)
    if summary.missing:
        sys.exit(2)


@cli.command("list", context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--width", type=click.IntRange(20, 1000), metavar="N",
              help="Table width (default: the terminal's, or 100 when not a terminal).")
@store_option
def list_articles(fmt: str, width: int | None, store_location: str) -> None:
    """List the articles in the store: date, outlet, headline, URL, and the numbers of
    entities, events and statements found in each, by date.

    CSV and JSON add each article's id (what `newsgraph remove` also accepts).

    \b
    Examples:
        newsgraph list
        newsgraph list --format csv > articles.csv
    """
    from .listing import format_articles, list_articles as rows

    with _open_store(store_location) as store:
        found = rows(store)
    click.echo(format_articles(found, fmt, width=width), nl=False)


@cli.command(context_settings=CONTEXT)
@merge_options
@store_option
def rebuild(no_merge: bool, rules_file: Path | None, store_location: str) -> None:
    """Recompute the corpus graph from every article in the store.

    Ingest and remove do this themselves; run it after editing the rules file, or after an
    interrupted or deferred ingest or remove. Every stored triple of the corpus graph is
    compared with the new one, and only those that differ are written.

    \b
    Examples:
        newsgraph rebuild --rules merge-rules.yaml
    """
    from .corpuslayer import rebuild_corpus
    from .resolve import MergeRules

    rules = MergeRules.load(rules_file) if rules_file else None
    with _open_store(store_location, recomputes_corpus=True) as store:
        entities, merged, events, shared = rebuild_corpus(store, merge=not no_merge, rules=rules, compare_all=True)
    click.echo(f"newsgraph: corpus graph recomputed -> {store_location}")
    _echo_corpus(entities, merged, events, shared)


def corpus_notice(articles: int, why: str | None) -> None:
    """A line on stderr before a corpus step that takes a while: one over a store of at
    least :data:`PROGRESS_MIN_ARTICLES` articles, or one that reads every article graph."""
    if why:
        click.echo(f"newsgraph: recomputing the corpus graph from all {articles} article graphs, once: {why}",
                   err=True)
    elif articles >= PROGRESS_MIN_ARTICLES:
        click.echo(f"newsgraph: bringing the corpus graph of {articles} articles up to date", err=True)


def _echo_corpus(entities: int, merged: int, events: int, shared: int) -> None:
    click.echo(f"  corpus: {entities} entities ({merged} across articles), {events} events "
               f"({shared} reported by several articles)")


# ----------------------------------------------------------------------------- serve


@cli.command(context_settings=CONTEXT)
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates (and ingests through /update) from "
              "clients holding the token in $NEWSGRAPH_SERVE_TOKEN.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run.")
@click.option("--max-rows", default=100_000, show_default=True, type=click.IntRange(min=1),
              help="Rows a result may have.")
def serve(store_location: str, host: str, port: int, allow_update: bool, timeout: float, max_rows: int) -> None:
    """Serve the store: a SPARQL 1.1 endpoint at /sparql and the live explorer at /.

    \b
    Examples:
        newsgraph serve
        NEWSGRAPH_SERVE_TOKEN=secret newsgraph serve --allow-update --port 8000
        NEWSGRAPH_STORE_TOKEN=secret newsgraph ingest articles/ --store http://127.0.0.1:8000
    """
    from .serve import options_from_env, serve as run_server

    options = options_from_env(timeout=timeout, max_rows=max_rows, allow_update=allow_update)
    with _open_store(store_location) as store:
        click.echo(f"newsgraph: serving {store_location} on http://{host}:{port}/ (SPARQL at /sparql; "
                   f"{'updates with the token' if allow_update else 'read-only'}); Ctrl-C stops", err=True)
        run_server(store, host=host, port=port, options=options)

# ----------------------------------------------------------------------------- merge / split


def _rule_command(distinct: bool) -> Callable[..., Any]:
    """`merge` or `split`: one line into the rules file (graph/rulesfile.py), applied by `rebuild`."""
    from .rulesfile import DEFAULT_RULES_FILE, RULES_ENV

    section = "distinct" if distinct else "merge"

    @click.argument("name_a")
    @click.argument("name_b")
    @click.option("--kind", type=click.Choice(["person", "organization", "place"]),
                  help="Only nodes of this kind (a merge; a split holds for every kind).")
    @click.option("--rules", "rules_file", type=click.Path(path_type=Path),
                  help=f"The rules file [default: ${RULES_ENV}, else ./{DEFAULT_RULES_FILE}].")
    def command(name_a: str, name_b: str, kind: str | None, rules_file: Path | None) -> None:
        from .rulesfile import add_rule, default_rules_file, rules_path

        path = rules_path(rules_file)
        done = add_rule(path, kind, name_a, name_b, distinct=distinct)
        if done.removed:
            click.echo(f"newsgraph: removed from {path}: {done.removed}")
        click.echo(f"newsgraph: {'wrote' if done.added else 'already in'} {path} ({section}): {done.line}")
        applies = "" if default_rules_file() == path else f" --rules {path}"
        click.echo(f"  run `newsgraph rebuild{applies}` to apply it")

    command.__doc__ = (
        f"{'Keep two names apart' if distinct else 'Make two names one node'} in the corpus graph.\n\n"
        f"Writes a line into the '{section}' list of the rules file (never half-written: a temporary "
        "file is renamed over it). `newsgraph rebuild` applies it, and so does every later ingest and "
        "remove that reads the same rules file.\n\n\b\nExamples:\n"
        + ("    newsgraph split Apple 'Apple Worldwide Developers Conference'\n"
           if distinct else "    newsgraph merge 'Martin Mann' 'Anthony Mann' --kind person\n")
        + "    newsgraph rebuild")
    return cli.command(name="split" if distinct else "merge", context_settings=CONTEXT)(command)


merge = _rule_command(distinct=False)
split = _rule_command(distinct=True)


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="newsgraph")
    except OutputError as exc:  # raised while click itself writes
        click.echo(f"newsgraph: error: {exc}", err=True)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
