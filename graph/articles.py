"""Read an article file (plain text, Markdown or HTML) into a :class:`graph.model.Article`.

The article's ``text`` is the cleaned text every evidence offset refers to. HTML pages
lose their markup and page chrome (scripts, styles, navigation, header, footer, asides)
and keep paragraph breaks as blank lines; Markdown loses its heading markers, emphasis,
link targets and images. Page metadata (``og:title``, ``article:published_time``,
JSON-LD ``datePublished``, ``<time datetime>``, canonical URL, ``og:site_name``) fills
what the caller did not give; explicit arguments always win.

>>> md = "# A headline\\n\\nPolice **arrested** [John Smith](https://x.org) on Monday."
>>> markdown_to_text(md)
'A headline\\n\\nPolice arrested John Smith on Monday.'
>>> looks_english("The police said that the man was arrested in the city on Monday.")
True
>>> looks_english("Die Polizei hat den Mann am Montag in der Stadt festgenommen.")
False
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .dateline import head_date
from .errors import InputError, UnsupportedError
from .model import Article, slug

MAX_BYTES = 20 * 1024 * 1024

__all__ = [
    "MAX_BYTES",
    "article_id",
    "decode",
    "html_to_text",
    "looks_english",
    "markdown_to_text",
    "read_article",
    "PageMeta",
]


# ------------------------------------------------------------------------- decoding


def decode(data: bytes, name: str = "input") -> str:
    """Text of ``data``: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/Latin-1.

    >>> decode("café".encode("utf-8")), decode("café".encode("utf-16"))
    ('café', 'café')
    >>> decode("café".encode("cp1252"))
    'café'
    >>> decode(b"\\x00\\x01\\x02binary")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: input: binary file, not an article
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: binary file, not an article") from exc
    else:
        if b"\x00" in data:
            raise InputError(f"{name}: binary file, not an article")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if "\x00" in text or _control_ratio(text) > 0.05:
        raise InputError(f"{name}: binary file, not an article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(sample)


# ------------------------------------------------------------------------- language

_EN_STOPWORDS = frozenset(
    "the of and to a in is was that for on with as by at from it his her he she they said "
    "be has have had were are an this which but not or their its who been will would after".split()
)
_OTHER_STOPWORDS = frozenset(
    # German, French, Spanish, Italian, Dutch, Portuguese function words that are not English
    "der die das und ist nicht mit den dem ein eine auf für von zu im sich auch "
    "le la les et est une des du dans pour qui pas sur au par avec "
    "el los las y es que del en por con una para se su al lo como "
    "il di che è non per una sono della gli con "
    "de het een van en niet op te zijn voor met "
    "o os as um uma não com para por".split()
) - _EN_STOPWORDS
_WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str, *, sample_words: int = 2000) -> bool:
    """A cheap heuristic: English function words are frequent among the first words.

    Text in a non-Latin script has almost no Latin words and is not English.
    """
    words = [w.lower() for w in _WORD.findall(text[: sample_words * 12])][:sample_words]
    if len(words) < 8:
        latin = sum(1 for w in words if w.isascii())
        return latin >= max(1, len(words) // 2)
    english = sum(1 for w in words if w in _EN_STOPWORDS)
    other = sum(1 for w in words if w in _OTHER_STOPWORDS)
    return english / len(words) >= 0.12 and english > other


def _english_ratio(text: str) -> float:
    words = [w.lower() for w in _WORD.findall(text[:24000])][:2000]
    return sum(1 for w in words if w in _EN_STOPWORDS) / max(1, len(words))


# ------------------------------------------------------------------------- markdown

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:\s+\S+.*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-{3,})[ \t]*$", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_MD_LIST = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE)
_MD_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def markdown_to_text(md: str) -> str:
    """Plain text of Markdown: no heading markers, emphasis, link targets or images."""
    text = _MD_IMAGE.sub("", md)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REF_LINK.sub(r"\1", text)
    text = _MD_REF_DEF.sub("", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_SETEXT.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_LIST.sub("", text)
    text = _MD_CODE.sub(r"\1", text)
    for _ in range(2):
        text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_HTML_TAG.sub("", text)
    return _tidy(text)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line.strip(" \t"))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


# ------------------------------------------------------------------------- html

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "nav", "footer",
                        "aside", "header", "form", "button", "iframe", "select", "figure"})
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4",
                         "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr",
                         "dl", "dt", "dd", "figcaption", "hr", "address", "body"})
_ROOT_TAGS = frozenset({"html", "body", "main", "article"})
_VOID_TAGS = frozenset({"br", "img", "meta", "link", "input", "hr", "area", "base", "col",
                        "embed", "source", "track", "wbr", "param"})


@dataclass
class PageMeta:
    """What an HTML page says about itself."""

    title: str | None = None
    h1: str | None = None
    og_title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    json_ld: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta = PageMeta()
        self.parts: list[str] = []
        self._skip_depth = 0
        self._skip_stack: list[str] = []
        self._in_title = False
        self._in_h1 = False
        self._h1_parts: list[str] = []
        self._title_parts: list[str] = []
        self._in_json_ld = False
        self._json_parts: list[str] = []
        self._in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            content = a.get("content", "").strip()
            if content:
                if key == "og:title" and not self.meta.og_title:
                    self.meta.og_title = content
                elif key in ("article:published_time", "datepublished", "date", "pubdate",
                             "publishdate", "dc.date.issued", "dc.date") and not self.meta.published:
                    self.meta.published = content
                elif key == "og:url" and not self.meta.url:
                    self.meta.url = content
                elif key == "og:site_name" and not self.meta.publisher:
                    self.meta.publisher = content
            return
        if tag == "link":
            if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                self.meta.url = a["href"].strip()
            return
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
            self._json_parts = []
        if tag == "time" and a.get("datetime") and not self.meta.published:
            self.meta.published = a["datetime"]
        if self._skip_depth or tag in _SKIP_TAGS or (tag not in _ROOT_TAGS and _is_chrome(a)):
            if tag not in _VOID_TAGS:
                self._skip_depth += 1
                self._skip_stack.append(tag)
            return
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag == "pre":
            self._in_pre += 1
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.meta.json_ld.append("".join(self._json_parts))
        if self._skip_depth:
            if tag in self._skip_stack:
                while self._skip_stack:
                    top = self._skip_stack.pop()
                    self._skip_depth -= 1
                    if top == tag:
                        break
            return
        if tag == "title":
            self._in_title = False
            self.meta.title = self.meta.title or " ".join("".join(self._title_parts).split())
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            if not self.meta.h1:
                self.meta.h1 = " ".join("".join(self._h1_parts).split())
        if tag == "pre":
            self._in_pre = max(0, self._in_pre - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self._json_parts.append(data)
            return
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._skip_depth:
            return
        if self._in_h1:
            self._h1_parts.append(data)
        if self._in_pre:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


_CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|share|sharing|social|cookie|newsletter|"
    r"subscribe|related|breadcrumbs?|comments?|advert|ads?|promo|banner|masthead)(?:$|[\s_-])",
    re.IGNORECASE,
)


def _is_chrome(attrs: dict[str, str]) -> bool:
    """Page chrome by its role or class: navigation, share bars, related links, ads."""
    role = attrs.get("role", "").lower()
    if role in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
    return bool(names.strip()) and bool(_CHROME_WORDS.search(names))


def html_to_text(html: str) -> tuple[str, PageMeta]:
    """Cleaned text of an HTML page and its metadata.

    >>> text, meta = html_to_text('<html><head><title>T</title><meta property="og:site_name" '
    ...     'content="Daily"></head><body><nav>Home</nav><p>One.</p><p>Two.</p></body></html>')
    >>> text, meta.title, meta.publisher
    ('One.\\n\\nTwo.', 'T', 'Daily')
    """
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    lines = [" ".join(line.split()) if "\u00a0" not in line else line.strip(" \t") for line in raw.split("\n")]
    return _tidy("\n".join(lines)), parser.meta


def _json_ld_date(blobs: list[str]) -> str | None:
    for blob in blobs:
        try:
            data = json.loads(blob)
        except (ValueError, TypeError):
            m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', blob)
            if m:
                return m.group(1)
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    return item["datePublished"]
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _parse_date(value: str) -> dt.date | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# ------------------------------------------------------------------------- reading


def article_text(path: Path) -> tuple[str, PageMeta]:
    """The article text of a .txt, .md or .html file and the page's metadata: the text every
    evidence offset counts in, for the extractor and for an annotation that names the file."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: file is {size / 1e6:.1f} MB, over the 20 MB limit for an article")
    raw = decode(path.read_bytes(), str(path))
    if not raw.strip():
        raise InputError(f"{path}: empty file, no article text")
    suffix = path.suffix.lower()
    meta = PageMeta()
    if suffix in (".html", ".htm", ".xhtml") or (suffix not in (".md", ".markdown", ".txt")
                                                  and raw.lstrip()[:1] == "<"):
        text, meta = html_to_text(raw)
    elif suffix in (".md", ".markdown"):
        text = markdown_to_text(raw)
    else:
        text = raw.strip("\ufeff")
    if not text.strip():
        raise InputError(f"{path}: no article text after removing markup")
    return text, meta


def read_article(
    path: str | Path,
    *,
    published: dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
) -> Article:
    """Read a .txt, .md or .html/.htm file into an :class:`Article`.

    Raises :class:`graph.errors.InputError` for a missing, empty, binary or too large file
    and for a missing publication date; :class:`graph.errors.UnsupportedError` for text that
    does not look English.
    """
    path = Path(path)
    name = path.name
    text, meta = article_text(path)
    if published is None:
        for candidate in (meta.published, _json_ld_date(meta.json_ld)):
            if candidate and _parse_date(candidate):
                published = _parse_date(candidate)
                break
    if published is None:  # a plain text that prints its date under the headline
        stated = head_date(text)
        published = stated[0] if stated else None
    if published is None:
        raise InputError(
            f"{path}: no publication date; pass --published YYYY-MM-DD (dates are resolved against it)"
        )
    if not looks_english(text):
        ratio = _english_ratio(text)
        raise UnsupportedError(
            f"{path}: the article does not look English ({ratio:.0%} English function words); "
            "newsgraph supports English only"
        )
    headline = title or meta.og_title or meta.title or meta.h1 or _first_line(text)
    article = Article(
        id="",
        text=text,
        published=published,
        url=url or meta.url,
        publisher=publisher or meta.publisher,
        headline=headline,
        source=name,
    )
    article.id = article_id(article)
    return article


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:300]
    return None


def article_id(article: Article) -> str:
    """A stable id: the slug of the file stem, else "a-" + 12 hex of sha256(url or text).

    >>> import datetime as dt
    >>> article_id(Article(id="", text="x", published=dt.date(2019, 1, 18), source="Hornet 2019.txt"))
    'hornet-2019'
    >>> article_id(Article(id="", text="x", published=dt.date(2019, 1, 18)))
    'a-2d711642b726'
    """
    if article.source:
        stem = Path(article.source).stem
        if stem:
            return slug(stem)
    basis = article.url or article.text
    return "a-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]
