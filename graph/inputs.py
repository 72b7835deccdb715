"""One door in: every file that ``build`` and ``ingest`` read, and the article identity rule.

- **File types**: articles (.txt, .md, .html), JSON Lines of articles (.jsonl, one
  ``{text, published, url, title, publisher}`` per line) and curated annotations (.yaml,
  .yml, .json, with the article text beside them). A folder's other files are skipped
  with a reason (:func:`skip_reason`), and so is a .yaml or .json file that is no
  annotation (:func:`is_annotation`: a scraper's metadata or another tool's gold beside
  an article), whose article is then extracted.
- **Metadata**: a sidecar ``NAME.meta.yaml`` (:func:`read_meta`), the HTML head
  (:func:`graph.articles.read_article`) or the JSON Lines fields (:func:`article_from_record`).
- **Identity** (:func:`identity`): ``a-`` + 16 hex of the SHA-256 of the article's URL, else
  of its whitespace-normalized text. The same article gets the same IRI whichever command
  reads it and whichever file it comes in, so it is never stored twice, and a curated
  annotation replaces the automatic extraction of the same article.

>>> identity(Article("", "Some  text.\\n", dt.date(2020, 1, 1))) == identity(Article("", "Some text.", dt.date(2020, 1, 1)))
True
"""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .annotation_reader import NOT_AN_ANNOTATION
from .errors import InputError, NewsgraphError, UnsupportedError
from .model import Article, ArticleGraph

if TYPE_CHECKING:
    from .workers import Job

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
ANNOTATION_SUFFIXES = (".yaml", ".yml", ".json")
JSONL_SUFFIXES = (".jsonl",)


# ----------------------------------------------------------------------------- identity


def normalized_text(text: str) -> str:
    """NFC, whitespace collapsed: what identity is computed from."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def identity(article: Article) -> str:
    """The article's id in the corpus: ``a-`` + 16 hex of SHA-256 of its URL, else of its text.

    >>> identity(Article("", "x", dt.date(2020, 1, 1), url="https://example.org/a"))
    'a-010cec320b0ab0d0'
    """
    basis = ("url:" + article.url.strip()) if article.url and article.url.strip() else \
        "text:" + normalized_text(article.text)
    return "a-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


# ----------------------------------------------------------------------------- inputs


@dataclass
class Source:
    """One article to read: a file, one line of a JSON Lines file, or an annotation."""

    name: str
    path: Path
    line: int | None = None
    data: dict[str, object] | None = None


def display(path: Path) -> str:
    """A path for messages: relative to the working directory when inside it, else the file name."""
    resolved, cwd = path.resolve(), Path.cwd().resolve()
    return str(resolved.relative_to(cwd)) if resolved.is_relative_to(cwd) else path.name


def expand(paths: Iterable[str | Path], skipped: list[tuple[str, str]] | None = None,
           ) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest from files, folders and glob patterns; and the inputs that matched nothing.

    The files a folder holds that newsgraph does not read (PDFs, images...) are appended
    to ``skipped`` as (file, reason)."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        text = str(raw)
        if any(c in text for c in "*?[") and not Path(text).exists():
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True))
            if not matches:
                problems.append((text, "no file matches this pattern"))
            files += _articles_among([m for m in matches if m.is_file()], skipped)
            for folder in (m for m in matches if m.is_dir()):
                files += _folder(folder, skipped)
            continue
        path = Path(text)
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
            path = _annotation_for(path) or path
        if path.is_dir():
            found = _folder(path, skipped)
            if not found:
                problems.append((text, "no .txt, .md, .html, .jsonl or annotation files in this folder"))
            files += found
        elif path.is_file():
            files.append(path)
        else:
            problems.append((text, "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _annotation_for(path: Path) -> Path | None:
    """The curated annotation beside an article file, if there is one."""
    for suffix in ANNOTATION_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file() and is_annotation(candidate):
            return candidate
    return None


def is_annotation(path: Path) -> bool:
    """Whether a .yaml, .yml or .json file is a newsgraph annotation: a mapping that names
    the annotation schema or holds an ``article`` mapping. A file that cannot be read or
    parsed counts as one, so that a curated annotation with a typo is reported, never
    silently replaced by the automatic extraction of its article.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "gold.json").write_text('{"persons": [{"name": "Ann Lee"}]}')
    >>> _ = (folder / "a.yaml").write_text("article: {text: a.txt}")
    >>> _ = (folder / "typo.yaml").write_text("article: [")
    >>> [is_annotation(folder / name) for name in ("gold.json", "a.yaml", "typo.yaml")]
    [False, True, True]
    """
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw) if path.suffix.lower() == ".json" else yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):
        return True
    if not isinstance(data, dict):
        return False
    schema = data.get("schema")
    if isinstance(schema, str) and schema.startswith("newsgraph-annotation/"):
        return True
    return schema is None and isinstance(data.get("article"), dict)


_NOT_ARTICLES = {  # what a folder of news often holds besides articles, and what to do with it
    (".pdf",): "a PDF; save the article as .txt or .html to ingest it",
    (".doc", ".docx", ".odt", ".rtf", ".pages"): "a word-processor document; save it as .txt or .html",
    (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".tif", ".tiff", ".bmp", ".heic"): "an image, not an article",
    (".mp3", ".mp4", ".m4a", ".wav", ".mov", ".avi", ".webm"): "audio or video, not an article",
    (".csv", ".tsv", ".xls", ".xlsx", ".ods"): "a table; put one article per line in a .jsonl file instead",
    (".zip", ".gz", ".tar", ".7z", ".rar"): "an archive; unpack it first",
}


def skip_reason(path: Path) -> str:
    """Why a file in a folder is not ingested.

    >>> skip_reason(Path("scan.PDF"))
    'a PDF; save the article as .txt or .html to ingest it'
    >>> skip_reason(Path("notes.xyz"))
    'unknown file type .xyz; newsgraph reads .txt, .md, .html, .jsonl and .yaml/.json annotations'
    """
    suffix = path.suffix.lower()
    for suffixes, reason in _NOT_ARTICLES.items():
        if suffix in suffixes:
            return reason
    kind = f"unknown file type {suffix}" if suffix else "no file extension"
    return f"{kind}; newsgraph reads .txt, .md, .html, .jsonl and .yaml/.json annotations"


def _folder(folder: Path, skipped: list[tuple[str, str]] | None = None) -> list[Path]:
    """The files under ``folder`` to ingest (:func:`_articles_among`)."""
    return _articles_among(sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")),
                           skipped)


def _articles_among(found: list[Path], skipped: list[tuple[str, str]] | None = None) -> list[Path]:
    """The article, JSON Lines and annotation files among those a folder or a pattern gave;
    an annotated text is left out (its annotation is read), other files are listed in
    ``skipped`` with the reason."""
    data = [p for p in found if p.suffix.lower() in ANNOTATION_SUFFIXES
            and not p.name.endswith((".meta.yaml", ".meta.yml")) and p.stem.upper() != "README"]
    annotations = {p for p in data if is_annotation(p)}
    annotated = {(p.parent, p.stem) for p in annotations}
    out = []
    for p in found:
        suffix = p.suffix.lower()
        if p.stem.upper() == "README":
            if skipped is not None:
                skipped.append((display(p), "a README, not an article"))
        elif p in annotations or suffix in JSONL_SUFFIXES:
            out.append(p)
        elif p in data:
            if skipped is not None:
                skipped.append((display(p), NOT_AN_ANNOTATION))
        elif suffix in ARTICLE_SUFFIXES:
            if (p.parent, p.stem) not in annotated:
                out.append(p)
        elif skipped is not None and not p.name.endswith((".meta.yaml", ".meta.yml")):
            skipped.append((display(p), skip_reason(p)))
    return out


def sources(files: list[Path]) -> tuple[list[Source], list[tuple[str, str]]]:
    sources: list[Source] = []
    problems: list[tuple[str, str]] = []
    for path in files:
        suffix = path.suffix.lower()
        name = display(path)
        if suffix in JSONL_SUFFIXES:
            try:
                with path.open("rb") as handle:
                    for number, raw in enumerate(handle, 1):
                        if raw.strip():
                            sources.append(Source(f"{name}:{number}", path, number))
            except OSError as exc:
                problems.append((name, f"cannot read ({exc.strerror or exc})"))
        elif suffix in ARTICLE_SUFFIXES or suffix in ANNOTATION_SUFFIXES:
            sources.append(Source(name, path))
        else:
            problems.append((name, "unsupported file type; use .txt, .md, .html, .jsonl or a .yaml/.json "
                                   "annotation"))
    return sources, problems


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if raw.strip():
                yield number, raw.decode("utf-8", "replace")


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"{where}: 'published' must be a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"{where}: 'published' {value!r} is not a date YYYY-MM-DD") from None


def article_from_record(data: object, where: str, published: dt.date | None = None) -> Article:
    """An article from one JSON Lines record ``{text, published, url, title, publisher}``.

    >>> a = article_from_record({"text": "The police said that the man was arrested in the city.",
    ...                          "published": "2019-01-18", "publisher": "Hornet"}, "x.jsonl:1")
    >>> a.published, a.publisher, a.headline
    (datetime.date(2019, 1, 18), 'Hornet', 'The police said that the man was arrested in the city.')
    >>> article_from_record({"text": ""}, "x.jsonl:2")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: x.jsonl:2: no article text ('text' is missing or empty)
    """
    from .articles import _first_line, looks_english

    if not isinstance(data, dict):
        raise InputError(f"{where}: each line must be a JSON object with text, published, url, title, publisher")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: no article text ('text' is missing or empty)")
    for key in ("url", "title", "publisher"):
        if data.get(key) is not None and not isinstance(data.get(key), str):
            raise InputError(f"{where}: {key!r} must be a string")
    if data.get("published") not in (None, ""):
        when = _date(data["published"], where)
    elif published is not None:
        when = published
    else:
        raise InputError(f"{where}: no publication date; add \"published\" or pass --published YYYY-MM-DD")
    if not looks_english(text):
        raise UnsupportedError(f"{where}: the article does not look English; newsgraph supports English only")
    title = data.get("title") or _first_line(text)
    return Article(id="", text=text, published=when, url=data.get("url") or None,  # type: ignore[arg-type]
                   publisher=data.get("publisher") or None, headline=title)  # type: ignore[arg-type]


def read_file(path: Path, published: dt.date | None) -> Article:
    from .articles import read_article

    meta = read_meta(path)
    when = meta.get("published")
    if when is not None:
        when = _date(when, f"{display(path)}.meta.yaml")
    extra = dict(url=meta.get("url"), title=meta.get("title"), publisher=meta.get("publisher"))
    if when is None and published is not None:
        try:
            return read_article(path, **extra)  # type: ignore[arg-type]
        except InputError as exc:
            if "no publication date" not in str(exc):
                raise
        when = published
    return read_article(path, published=when, **extra)  # type: ignore[arg-type]



@dataclass
class Item:
    source: str
    article: Article | None = None
    graph: ArticleGraph | None = None


def read(sources: list[Source], published: dt.date | None) -> Iterator[Item | tuple[str, str]]:
    """Each source read into an article (to extract) or a graph (annotations); or its failure."""
    from .annotations import load_annotation

    for src in sources:
        try:
            if src.line is not None:
                raw = _line(src.path, src.line)
                try:
                    data = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{src.name}: malformed JSON (column {exc.colno}: {exc.msg})") from None
                yield Item(src.name, article=article_from_record(data, src.name, published))
            elif src.path.suffix.lower() in ANNOTATION_SUFFIXES:
                yield Item(src.name, graph=load_annotation(src.path))
            else:
                yield Item(src.name, article=read_file(src.path, published))
        except NewsgraphError as exc:
            yield (src.name, _without_source(str(exc), src))
        except (OSError, ValueError) as exc:
            yield (src.name, f"cannot read ({exc.__class__.__name__}: {exc})")


def _without_source(message: str, src: Source) -> str:
    """The message without the file name it starts with: the summary names the source itself."""
    for prefix in (src.name, str(src.path), str(src.path.resolve())):
        if message.startswith(prefix + ":"):
            return message[len(prefix) + 1 :].strip()
    return message


_LINE_CACHE: dict[Path, list[str]] = {}


def _line(path: Path, number: int) -> str:
    """Line ``number`` of a JSON Lines file; the file is read once and then dropped."""
    lines = _LINE_CACHE.get(path)
    if lines is None:
        _LINE_CACHE.clear()
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
        _LINE_CACHE[path] = lines
    return lines[number - 1]




def read_meta(path: Path) -> dict[str, object]:
    """The sidecar metadata ``NAME.meta.yaml`` of an article file: published, url, publisher, title."""
    meta_path = path.with_name(path.stem + ".meta.yaml")
    if not meta_path.exists():
        return {}
    try:
        data = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" line {mark.line + 1}" if mark else ""
        raise InputError(f"{meta_path}:{at}: malformed YAML") from None
    if not isinstance(data, dict):
        raise InputError(f"{meta_path}: must be a mapping of published, url, publisher, title")
    return data


def clear_line_cache() -> None:
    """Forget the JSON Lines file kept in memory (after an ingest)."""
    _LINE_CACHE.clear()


def jobs(items: Iterable[Item | tuple[str, str]]) -> Iterator[tuple[tuple[str, str | None], "Job"]]:
    """Each read item as a worker job keyed by (source, named graph IRI), the article given its identity."""
    from .rdf import graph_iri  # rdflib: only once articles are read
    from .workers import Failed

    for item in items:
        if isinstance(item, tuple):
            yield (item[0], None), Failed(item[1])
            continue
        job: Article | ArticleGraph = item.graph if item.graph is not None else item.article  # type: ignore[assignment]
        article = job.article if isinstance(job, ArticleGraph) else job
        article.id = identity(article)
        yield (item.source, str(graph_iri(article.id))), job
