"""Reading articles: encodings, formats, metadata, and the errors users see."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.articles import article_id, read_article
from graph.errors import InputError, UnsupportedError
from graph.model import Article

DAY = dt.date(2019, 1, 18)
ENGLISH = "Police said the man was arrested in the city on Monday and that he was held for questioning.\n"


def test_plain_text_keeps_the_text_and_records_only_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "My Story.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    article = read_article(path, published=DAY)
    assert article.text == ENGLISH
    assert article.source == "My Story.txt"
    assert article.id == "my-story"
    assert article.published == DAY


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_text_in_bom_utf16_and_cp1252_encodings_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("Café owners said the police were called on Monday. " + ENGLISH).encode(encoding))
    assert read_article(path, published=DAY).text.startswith("Café owners")


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary file, not an article"):
        read_article(path, published=DAY)


def test_empty_file_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n ", encoding="utf-8")
    with pytest.raises(InputError, match="blank.txt"):
        read_article(path, published=DAY)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt", published=DAY)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(InputError, match="20 MB"):
        read_article(path, published=DAY)


def test_missing_publication_date_tells_how_to_pass_it(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    with pytest.raises(InputError, match="--published YYYY-MM-DD"):
        read_article(path)


def test_non_english_text_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text("Die Polizei hat den Mann am Montag in der Stadt festgenommen, und er ist nicht "
                    "mit den anderen auf die Wache gebracht worden.", encoding="utf-8")
    with pytest.raises(UnsupportedError, match="newsgraph supports English only"):
        read_article(path, published=DAY)


def test_markdown_loses_markup_but_keeps_words(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Police hold man\n\n![pic](x.png)\nThe **police** said [John Smith](https://x.org) "
                    "was arrested on _Monday_ in the city.\n", encoding="utf-8")
    article = read_article(path, published=DAY)
    assert article.text == "Police hold man\n\nThe police said John Smith was arrested on Monday in the city."


HTML = """<!doctype html><html><head><title>Page title | Site</title>
<meta property="og:title" content="Police hold man">
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2019-01-17T10:00:00Z">
<link rel="canonical" href="https://example.org/police-hold-man">
<style>p { color: red }</style><script>var tracker = "Quantcast";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Police hold man</h1>
<p>The police said the man was arrested in the city on Monday.</p>
<p>He was held &amp; questioned for two days, and then he was released.</p></article>
<aside class="related">Related Stories: Star Quits Band</aside>
<footer>Copyright Daily Example</footer></body></html>"""


def test_html_loses_scripts_styles_and_chrome_and_keeps_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    assert article.text == ("Police hold man\n\nThe police said the man was arrested in the city on Monday.\n\n"
                            "He was held & questioned for two days, and then he was released.")
    assert "Quantcast" not in article.text and "Home" not in article.text and "Star Quits" not in article.text


def test_html_metadata_fills_title_date_url_and_publisher(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    assert article.headline == "Police hold man"
    assert article.published == dt.date(2019, 1, 17)
    assert article.url == "https://example.org/police-hold-man"
    assert article.publisher == "Daily Example"


def test_explicit_arguments_override_page_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path, published=DAY, url="https://other.org/x", title="Mine", publisher="Me")
    assert (article.published, article.url, article.headline, article.publisher) == (
        DAY, "https://other.org/x", "Mine", "Me")


def test_json_ld_date_published_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
                    '"datePublished": "2018-12-29"}</script></head><body><p>' + ENGLISH + "</p></body></html>",
                    encoding="utf-8")
    assert read_article(path).published == dt.date(2018, 12, 29)


def test_article_without_a_name_gets_a_hash_id() -> None:
    a = Article(id="", text="x", published=DAY, url="https://example.org/a")
    b = Article(id="", text="y", published=DAY, url="https://example.org/a")
    assert article_id(a) == article_id(b)
    assert article_id(a).startswith("a-") and len(article_id(a)) == 14
