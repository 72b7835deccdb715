"""Entity resolution across articles: deterministic rules, each merge explained.

Every article keeps its own nodes; resolution groups them into clusters, each of which
becomes one canonical node in the corpus graph (see :mod:`graph.corpuslayer`). Names are
compared only within one kind (person, organization, place), through these rules, in
this order:

``curated``         the rules file says these names are one (:class:`MergeRules`)
``same-name``       equal after case, punctuation, "the", possessives and dots (U.S. = US)
``normalization``   equal after also stripping titles from person names ("Chechen
                    President Ramzan Kadyrov" = "Ramzan Kadyrov"), turning demonyms into
                    countries ("Russian" = "Russia"), "X of Y" into "Y X" ("Department of
                    State" = "State Department"), dropping a company's legal form ("Apple
                    Inc." = "Apple"), and reading a place named as a country's government
                    as the country
``alias``           an alias one article gives equals another's name, when the alias is
                    another name of the entity, not a description, a metonym or a part
                    (:func:`alias_names_it`; "Apple Corps" of "the Beatles' Apple Corps")
``plural``          an organization's name with its last word in the plural ("Airbuses")
``short-form``      an organization's name is another's without its trade words ("Apple" of
                    "Apple Computer", "Ford" of "Ford Motor Company"), and only one such
                    longer name is in the corpus
``country-prefix``  an organization named without a country equals one named with it
                    ("State Department" = "U.S. State Department"), when only one
                    country goes with that name in the corpus
``acronym``         an all-capitals name equals the initials of exactly one long form
``token-overlap``   a person's name is part of exactly one longer name with the same
                    surname ("Kadyrov" in "Ramzan Kadyrov")

A curated ``distinct`` rule forbids a merge; names of different classes (an organization,
an event such as a conference, a product with a model number) never merge except by a
curated rule; and the weak rules (alias, acronym, token-overlap) never put two different
nodes of one article together: the article itself told them apart. A cluster's label is
the most frequent full name among its members (:func:`_canonical_label`).

>>> recs = [NameRecord("urn:a1#k", "urn:a1", "person", "Kadyrov"),
...         NameRecord("urn:a2#k", "urn:a2", "person", "Ramzan Kadyrov"),
...         NameRecord("urn:a3#k", "urn:a3", "person", "Chechen President Ramzan Kadyrov")]
>>> [c.label for c in resolve(recs)]
['Ramzan Kadyrov']
>>> sorted({m.rule for m in resolve(recs)[0].merges})
['normalization', 'token-overlap']
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import InputError

# Adjectives of countries and regions, and the key of the country they name.
DEMONYMS: dict[str, str] = {
    "american": "us", "russian": "russia", "chechen": "chechnya", "british": "uk", "french": "france",
    "german": "germany", "ukrainian": "ukraine", "chinese": "china", "turkish": "turkey",
    "georgian": "georgia", "israeli": "israel", "iranian": "iran", "syrian": "syria", "canadian": "canada",
    "italian": "italy", "spanish": "spain", "japanese": "japan", "indian": "india", "polish": "poland",
    "dutch": "netherlands", "belarusian": "belarus", "kazakh": "kazakhstan", "dagestani": "dagestan",
    "ingush": "ingushetia", "european": "europe", "australian": "australia", "swedish": "sweden",
    "norwegian": "norway", "danish": "denmark", "finnish": "finland", "irish": "ireland",
    "estonian": "estonia", "latvian": "latvia", "lithuanian": "lithuania", "armenian": "armenia",
    "azerbaijani": "azerbaijan", "egyptian": "egypt", "saudi": "saudi arabia", "korean": "korea",
    "mexican": "mexico", "brazilian": "brazil", "nigerian": "nigeria", "kenyan": "kenya",
}
# Other names of countries, as normalized token strings, and their key.
COUNTRY_NAMES: dict[str, str] = {
    "us": "us", "usa": "us", "united states": "us", "united states of america": "us", "america": "us",
    "uk": "uk", "united kingdom": "uk", "britain": "uk", "great britain": "uk",
    "russian federation": "russia", "chechen republic": "chechnya", "republic of chechnya": "chechnya",
    "eu": "eu", "european union": "eu",
}
COUNTRIES: frozenset[str] = frozenset(DEMONYMS.values()) | frozenset(COUNTRY_NAMES.values())
# Words of a title or honorific that may stand before a person's name.
TITLE_WORDS: frozenset[str] = frozenset("""
    president vice prime minister secretary deputy foreign interior state spokesman spokeswoman
    spokesperson head leader chief director general gen mr mrs ms miss dr sen senator rep
    representative governor mayor judge justice officer commander ambassador chairman chairwoman
    chair ceo king queen prince princess pope lawyer attorney activist journalist reporter
    professor prof col colonel lt lieutenant capt captain sgt sergeant major police
    former acting interim then sir lord lady rev reverend father sheikh imam mufti
    commissioner chancellor envoy official founder coordinator
""".split())
ACRONYM_STOPWORDS: frozenset[str] = frozenset({"of", "the", "and", "for", "on", "in", "to", "at"})
# Legal forms at the end of a company's name: "Apple Inc." is Apple, "Fiat Group SpA" Fiat.
DESIGNATORS: frozenset[str] = frozenset("""
    inc incorporated corp corporation co company cos llc llp lp ltd limited plc spa sa ag nv bv
    gmbh group holdings holding
""".split())
# Words naming a company's trade that its short name drops: "Apple Computer" is Apple,
# "Ford Motor Company" Ford, "Qatar Airways" Qatar (as an organization).
TRADE_WORDS: frozenset[str] = frozenset("""
    motor motors computer computers airline airlines airways aircraft automotive auto
""".split())
# Nouns that make an organization's name the name of an organization, not of a division,
# product or event: the short name an article gives "Memorial Human Rights Centre" is Memorial.
ORGANIZATION_HEADS: frozenset[str] = frozenset("""
    centre center organization organisation society association foundation institute committee
    network council party movement agency union federation league alliance trust fund bank
""".split()) | DESIGNATORS | TRADE_WORDS
# Heads that make an "organization" name an event: a conference is not its organizer.
EVENT_HEADS: frozenset[str] = frozenset("""
    conference conferences summit expo exposition festival games olympics championship
    championships cup fair show awards convention tournament keynote
""".split())
# A place named "<country> government" is that country acting as a state.
GOVERNMENT_WORDS: frozenset[str] = frozenset({"government", "govt", "administration"})
TOKEN_OVERLAP_KINDS = ("person",)
# Rules too weak to join two nodes of one article. An article that names the U.S. Federal
# Reserve in full and then as "the Federal Reserve" tells nothing apart: country-prefix is
# not among them.
WEAK_RULES = ("alias", "acronym", "token-overlap")


@dataclass(frozen=True)
class NameRecord:
    """One article's node for a person, organization or place, with the names it uses."""

    node: str
    article: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergeEvidence:
    """Why two forms were put together: the rule and both forms."""

    rule: str
    form: str
    matched: str


@dataclass
class Cluster:
    """A corpus-level entity: its canonical label, its article nodes, and the evidence."""

    kind: str
    label: str
    members: list[NameRecord]
    merges: list[MergeEvidence] = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        return sorted({m.name for m in self.members})


@dataclass
class MergeRules:
    """Curated decisions: groups of names that are one (``merge``) or never one (``distinct``).

    The YAML file::

        merge:                        # each item: names that are one entity
          - [Kadyrov, Ramzan Kadyrov]
          - names: [HRW, Human Rights Watch]
            kind: organization        # optional: only nodes of this kind
        distinct:                     # each item: names that are never merged together
          - [Akhmad Kadyrov, Ramzan Kadyrov]

    Names are compared after the ``same-name`` normalization (case, punctuation, "the").
    """

    merge: list[tuple[str | None, frozenset[str]]] = field(default_factory=list)
    distinct: list[frozenset[str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: str | Path) -> MergeRules:
        """Read a rules file; InputError with the line for malformed YAML."""
        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{path}: no such rules file") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}: the rules file is not UTF-8 text") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" line {mark.line + 1}:" if mark else ""
            raise InputError(f"{path}:{at} malformed YAML in the rules file") from None
        return cls.from_data(data or {}, str(path))

    @classmethod
    def from_data(cls, data: object, where: str = "rules") -> MergeRules:
        """Rules from parsed YAML.

        >>> r = MergeRules.from_data({"merge": [["HRW", "Human Rights Watch"]], "distinct": [["A B", "C B"]]})
        >>> sorted(r.merge[0][1]), sorted(r.distinct[0])
        (['hrw', 'human rights watch'], ['a b', 'c b'])
        """
        if not isinstance(data, dict) or set(data) - {"merge", "distinct"}:
            raise InputError(f"{where}: a rules file is a mapping with 'merge' and/or 'distinct' lists")
        rules = cls()
        for section in ("merge", "distinct"):
            items = data.get(section) or []
            if not isinstance(items, list):
                raise InputError(f"{where}: {section!r} must be a list of groups of names")
            for index, item in enumerate(items, 1):
                kind = None
                names = item
                if isinstance(item, dict):
                    kind, names = item.get("kind"), item.get("names")
                    if kind is not None and kind not in ("person", "organization", "place"):
                        raise InputError(f"{where}: {section} item {index}: kind must be person, "
                                         "organization or place")
                if (not isinstance(names, list) or len(names) < 2
                        or not all(isinstance(n, str) and n.strip() for n in names)):
                    raise InputError(f"{where}: {section} item {index}: give a list of two or more names")
                keys = frozenset(basic_key(n) for n in names)
                if section == "merge":
                    rules.merge.append((kind, keys))
                else:
                    rules.distinct.append(keys)
        return rules


# ----------------------------------------------------------------------------- normalization


def basic_tokens(name: str) -> list[str]:
    """Lowercase ASCII words: no punctuation, possessives, dots or leading "the".

    >>> basic_tokens("the U.S. State Department's")
    ['us', 'state', 'department']
    >>> basic_tokens("Russia’s LGBT Network")
    ['russia', 'lgbt', 'network']
    """
    text = re.sub(r"[\u2018\u2019\u02bc`\u00b4]", "'", name)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"'s\b", "", text)
    text = text.replace("'", "").replace(".", "")
    tokens = re.findall(r"[a-z0-9]+", text)
    while len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return tokens


def basic_key(name: str) -> str:
    """The ``same-name`` key.

    >>> basic_key("The U.S. State Department") == basic_key("US state department")
    True
    """
    return " ".join(basic_tokens(name))


def _countries(tokens: list[str]) -> list[str]:
    """Country names and demonyms replaced by their country key (multi-word names first)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for width in (4, 3, 2, 1):
            chunk = " ".join(tokens[i : i + width])
            if len(tokens) - i >= width and chunk in COUNTRY_NAMES:
                out.append(COUNTRY_NAMES[chunk])
                i += width
                break
        else:
            out.append(DEMONYMS.get(tokens[i], tokens[i]))
            i += 1
    return out


def _invert(tokens: list[str]) -> list[str]:
    """ "X of Y" -> "Y X" for a short X: "department of state" -> "state department"."""
    if "of" in tokens:
        at = tokens.index("of")
        head, tail = tokens[:at], tokens[at + 1 :]
        while tail and tail[0] == "the":
            tail = tail[1:]
        if head and tail and len(head) <= 2:
            return tail + head
    return tokens


@dataclass(frozen=True)
class Form:
    """A name broken down for comparison."""

    name: str
    basic: str
    key: str
    country: str | None
    core: tuple[str, ...]


@lru_cache(maxsize=1 << 16)  # a corpus names its hubs thousands of times
def form(name: str, kind: str, titles: tuple[str, ...] = ()) -> Form:
    """The comparison form of a name of a given kind (a pure function: cached).

    >>> form("the Department of State", "organization").key
    'state department'
    >>> f = form("U.S. State Department", "organization"); f.key, f.country, f.core
    ('us state department', 'us', ('state', 'department'))
    >>> form("U.S. Department of Labor", "organization").key
    'us labor department'
    >>> form("Russian LGBT Network", "organization").key == form("Russia LGBT Network", "organization").key
    True
    >>> form("Chechen President Ramzan Kadyrov", "person").key
    'ramzan kadyrov'
    >>> form("Fiat Group SpA", "organization").key, form("Canadian Government", "place").key
    ('fiat', 'canada')
    """
    tokens = basic_tokens(name)
    basic = " ".join(tokens)
    if kind == "person":
        strip = TITLE_WORDS | {w for t in titles for w in basic_tokens(t)} | set(DEMONYMS) | {"of", "the"}
        core = list(tokens)
        while len(core) > 1 and (core[0] in strip or core[0] in COUNTRIES):
            core = core[1:]
        return Form(name, basic, " ".join(core), None, tuple(core))
    tokens = _countries(tokens)
    if kind == "place":
        tokens = _state(tokens)
        return Form(name, basic, " ".join(tokens), None, tuple(tokens))
    tokens = strip_designators(tokens)
    country = None
    core = list(tokens)
    if len(core) > 1 and core[0] in COUNTRIES:
        country, core = core[0], core[1:]
    core = _invert(core)
    if country is None and len(core) > 1 and core[0] in COUNTRIES:  # "Bank of England"
        country, core = core[0], core[1:]
    elif country is None and len(core) > 1 and core[-1] in COUNTRIES and len(tokens) > 2 and "of" in tokens:
        country, core = core[-1], core[:-1]  # "Ministry of Justice of Russia"
    core = _invert(core)
    key = " ".join(([country] if country else []) + core)
    return Form(name, basic, key, country, tuple(core))


def strip_designators(tokens: list[str]) -> list[str]:
    """A company's name without the legal forms at its end.

    >>> strip_designators(["bank", "of", "america", "corp"]), strip_designators(["group"])
    (['bank', 'of', 'america'], ['group'])
    """
    while len(tokens) > 1 and tokens[-1] in DESIGNATORS:
        tokens = tokens[:-1]
    return tokens


def owned_name(name: str) -> str | None:
    """An organization's name without a leading possessive owner, if it has one: "the
    Beatles' Apple Corps" is Apple Corps; "McDonald's Corporation" has none.

    >>> owned_name("the Beatles' Apple Corps"), owned_name("McDonald's Corporation"), owned_name("Apple")
    ('Apple Corps', None, None)
    """
    match = re.match(r"(?:the\s+)?\S+?(?:['\u2019]s|s['\u2019])\s+(\S.*)$", name, re.IGNORECASE)
    if not match or all(t in ORGANIZATION_HEADS for t in basic_tokens(match.group(1))):
        return None
    return match.group(1)


def _state(tokens: list[str]) -> list[str]:
    """A place named as a country's government is that country: "us government", "government of canada"."""
    if len(tokens) == 2 and tokens[0] in COUNTRIES and tokens[1] in GOVERNMENT_WORDS:
        return tokens[:1]
    if len(tokens) == 3 and tokens[0] in GOVERNMENT_WORDS and tokens[1] == "of" and tokens[2] in COUNTRIES:
        return tokens[2:]
    return tokens


def name_class(f: Form) -> str:
    """What an organization's name names: an ``event`` (a conference, a summit), a ``product``
    (a model number: "Boeing 787") or an ``organization``. Names of different classes never merge.

    >>> [name_class(form(n, "organization")) for n in ("Apple Worldwide Developers Conference", "Airbus A380", "Apple")]
    ['event', 'product', 'organization']
    """
    if len(f.core) > 1 and f.core[-1] in EVENT_HEADS:
        return "event"
    if len(f.core) > 1 and re.search(r"\d", f.core[-1]):
        return "product"
    return "organization"


def is_short_form(short: tuple[str, ...], full: tuple[str, ...], heads: frozenset[str] = TRADE_WORDS) -> bool:
    """Whether ``short`` is ``full`` without a tail that only says what kind of company it is:
    its trade and legal form, or (with ``heads``) an organization noun.

    >>> is_short_form(("apple",), ("apple", "computer")), is_short_form(("boeing",), ("boeing", "commercial", "airplanes"))
    (True, False)
    >>> is_short_form(("ford",), ("ford", "australia")), is_short_form(("memorial",), ("memorial", "human", "rights", "centre"), ORGANIZATION_HEADS)
    (False, True)
    """
    if not short or len(short) >= len(full) or full[: len(short)] != short:
        return False
    tail = full[len(short):]
    if heads is TRADE_WORDS:
        return all(t in TRADE_WORDS or t in DESIGNATORS for t in tail)
    return tail[-1] in heads and not any(t in COUNTRIES for t in tail)


def singular(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The name with its last word made singular, both ways an English plural may end.

    >>> singular(("airbuses",)), singular(("gms",)), singular(("boeing",))
    ([('airbuse',), ('airbus',)], [('gm',)], [])
    """
    last = tokens[-1] if tokens else ""
    out = []
    if len(last) > 2 and last.endswith("s") and not last.endswith("ss"):
        out.append(tokens[:-1] + (last[:-1],))
        if last.endswith("es") and len(last) > 3:
            out.append(tokens[:-1] + (last[:-2],))
    return out


def alias_names_it(name: Form, alias: Form, kind: str) -> bool:
    """Whether an alias is another name of its entity, not a description, a metonym or a part:
    it shares a word with the name or is its acronym, and for an organization neither one is
    the other plus a distinguishing head ("Boeing" of "Boeing Commercial Airplanes").

    >>> org = lambda n: form(n, "organization")
    >>> alias_names_it(org("Apple Computer"), org("Apple"), "organization")
    True
    >>> alias_names_it(org("Boeing Commercial Airplanes"), org("Boeing"), "organization")
    False
    >>> alias_names_it(form("United States", "place"), form("White House", "place"), "place")
    False
    """
    a, b = name.core, alias.core
    if a == b or initials(name) & {alias.basic.replace(" ", "")} or initials(alias) & {name.basic.replace(" ", "")}:
        return True
    if kind != "organization":
        return bool(set(a) & set(b))
    if len(b) == 1 and len(b[0]) >= 3 and a and a[0] != b[0] and a[0].startswith(b[0]):
        return True  # a clipped first word: "Fed" of "Federal Reserve"
    owned = owned_name(name.name)
    if owned is not None and form(owned, kind).key == alias.key:
        return True  # the name without its owner: "Apple Corps" of "the Beatles' Apple Corps"
    return is_short_form(b, a, ORGANIZATION_HEADS) or is_short_form(a, b, ORGANIZATION_HEADS)


def initials(f: Form) -> set[str]:
    """The acronyms a name may go by: initials of its significant words, or of all its words.

    >>> sorted(initials(form("Human Rights Watch Inc.", "organization")))
    ['hrw']
    """
    words = [strip_designators(f.basic.split()), list(f.core)]
    out = {acronym_of(w) for w in words if len(w) > 1} | {"".join(t[0] for t in w) for w in words if len(w) > 1}
    return out


def acronym_of(tokens: tuple[str, ...] | list[str]) -> str:
    """Initials of the significant words.

    >>> acronym_of(("human", "rights", "watch"))
    'hrw'
    """
    return "".join(t[0] for t in tokens if t not in ACRONYM_STOPWORDS)


# ----------------------------------------------------------------------------- clustering


class _Clusters:
    """Union-find over records, refusing unions that a rule or an article forbids."""

    def __init__(self, records: list[NameRecord], forms: list[Form], distinct: list[frozenset[str]]) -> None:
        self.parent = list(range(len(records)))
        self.classes = [name_class(f) if r.kind == "organization" else r.kind for r, f in zip(records, forms)]
        self.records = records
        self.keys: dict[int, set[str]] = {i: {f.basic} for i, f in enumerate(forms)}
        self.nodes: dict[int, dict[str, set[str]]] = {
            i: {r.article: {r.node}} for i, r in enumerate(records)}
        self.distinct = distinct
        self.merges: dict[int, list[MergeEvidence]] = defaultdict(list)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def allowed(self, a: int, b: int, rule: str) -> bool:
        if self.classes[a] != self.classes[b]:
            return False
        keys_a, keys_b = self.keys[a], self.keys[b]
        for group in self.distinct:
            if (group & keys_a) and (group & keys_b) and len(group & (keys_a | keys_b)) > 1:
                return False
        if rule in WEAK_RULES:
            for article, nodes in self.nodes[a].items():
                other = self.nodes[b].get(article)
                if other and other != nodes:
                    return False
        return True

    def union(self, i: int, j: int, rule: str, form_i: str, form_j: str) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            if form_i != form_j:
                self.merges[a].append(MergeEvidence(rule, form_i, form_j))
            return True
        if rule != "curated" and not self.allowed(a, b, rule):
            return False
        if b < a:
            a, b = b, a
        self.parent[b] = a
        self.keys[a] |= self.keys.pop(b)
        for article, nodes in self.nodes.pop(b).items():
            self.nodes[a].setdefault(article, set()).update(nodes)
        self.merges[a] += self.merges.pop(b, [])
        self.merges[a].append(MergeEvidence(rule, form_i, form_j))
        return True


def _canonical_label(members: list[NameRecord], forms: dict[str, Form]) -> str:
    """The most frequent full name among the members, never a longer name that merely contains it.

    Names count by their normalized form ("Apple Inc." counts for Apple); a person's name that
    is part of another member's ("Kadyrov" of "Ramzan Kadyrov") and an acronym with a long form
    beside it ("GM") are not full names. Among the names of the winning form, the most
    frequent, then the shortest, is shown, and a name in capitals as a dateline writes it only
    when there is no other.

    >>> recs = [NameRecord(f"urn:a{i}", f"urn:a{i}", "organization", n, ("Apple",)) for i, n in
    ...         enumerate(["Apple Inc.", "Apple Computer", "Apple", "Apple Computer", "Apple Inc."])]
    >>> _canonical_label(recs, {r.name: form(r.name, r.kind) for r in recs})
    'Apple Inc.'
    """
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for m in members:
        by_key[forms[m.name].key][m.name] += 1
    keys = set(by_key)
    full = {k for k in keys
            if not (members[0].kind == "person" and any(set(k.split()) < set(o.split()) for o in keys))
            and not (len(k.split()) == 1 and len(keys) > 1 and all(n.isupper() for n in by_key[k]))}
    key = min(full or keys, key=lambda k: (-sum(by_key[k].values()), len(k.split()), k))
    names = by_key[key]
    return min(names, key=lambda n: (_shouted(n) and len(names) > 1, -names[n], len(n), n))


def _shouted(name: str) -> bool:
    """A name in capitals that is no acronym, as a dateline writes it: "WASHINGTON"."""
    return name.isupper() and (" " in name.strip() or sum(c.isalpha() for c in name) >= 7)


def resolve(records: list[NameRecord], rules: MergeRules | None = None, *, merge: bool = True) -> list[Cluster]:
    """Group the records into clusters, one per corpus-level entity, in a stable order.

    With ``merge`` False every record is its own cluster.
    """
    rules = rules or MergeRules()
    records = sorted(records, key=lambda r: (r.kind, r.node))
    if not merge:
        return [Cluster(r.kind, r.name, [r]) for r in records]
    clusters: list[Cluster] = []
    for kind in sorted({r.kind for r in records}):
        clusters += _resolve_kind([r for r in records if r.kind == kind], kind, rules)
    return clusters


def _resolve_kind(records: list[NameRecord], kind: str, rules: MergeRules) -> list[Cluster]:
    forms = [form(r.name, kind, r.titles) for r in records]
    uf = _Clusters(records, forms, rules.distinct)
    by_basic: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(forms):
        by_basic[f.basic].append(i)
        by_key[f.key].append(i)

    def link(group: list[int], rule: str) -> None:
        for i in group[1:]:
            uf.union(group[0], i, rule, forms[group[0]].name, forms[i].name)

    # curated
    for only, keys in rules.merge:
        if only in (None, kind):
            link([i for i, f in enumerate(forms) if f.basic in keys], "curated")
    # same-name, then normalization
    for group in by_basic.values():
        link(group, "same-name")
    for group in by_key.values():
        link(group, "normalization")
    # alias: only an alias that is another name of the entity, not a description or a part
    for i, r in enumerate(records):
        for alias in r.aliases:
            alias_form = form(alias, kind)
            if not alias_names_it(forms[i], alias_form, kind):
                continue
            for j in by_key.get(alias_form.key, []):
                if j != i:
                    uf.union(i, j, "alias", r.name, forms[j].name)  # names as written: the split line must match them
    if kind == "organization":
        # plural: "Airbuses" -> "Airbus"
        for i, f in enumerate(forms):
            for one in singular(tuple(f.key.split())):
                for j in by_key.get(" ".join(one), []):
                    uf.union(j, i, "plural", forms[j].name, f.name)
        # short-form: "Apple" -> the only "Apple <trade words>" ("Apple Computer")
        longer_of: dict[str, list[str]] = defaultdict(list)  # short form -> the longer keys
        for key in by_key:
            tokens = key.split()
            for cut in range(len(tokens) - 1, 0, -1):
                if tokens[cut] not in TRADE_WORDS and tokens[cut] not in DESIGNATORS:
                    break
                longer_of[" ".join(tokens[:cut])].append(key)
        for key in sorted(k for k in by_key if k in longer_of):
            longer = longer_of[key]
            if len({uf.find(by_key[k][0]) for k in longer}) == 1:
                i, j = by_key[min(longer)][0], by_key[key][0]
                uf.union(i, j, "short-form", forms[i].name, forms[j].name)
        # country-prefix: "State Department" -> the only "<country> State Department"
        by_core: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, f in enumerate(forms):
            by_core[f.core].append(i)
        for core, group in sorted(by_core.items()):
            bare = [i for i in group if forms[i].country is None]
            prefixed = [i for i in group if forms[i].country is not None]
            if bare and prefixed and len({forms[i].country for i in prefixed}) == 1:
                for i in bare:
                    uf.union(prefixed[0], i, "country-prefix", forms[prefixed[0]].name, forms[i].name)
        # acronym: "HRW" -> the only long form with those initials
        initials: dict[str, set[int]] = defaultdict(set)
        for i, f in enumerate(forms):
            if len(f.core) > 1:
                initials[acronym_of(f.core)].add(i)
                initials[acronym_of(f.basic.split())].add(i)
        for i, r in enumerate(records):
            if re.fullmatch(r"[A-Z][A-Z&]{1,7}", r.name.replace(".", "")):
                long_forms = initials.get(basic_key(r.name), set())
                roots = {uf.find(j) for j in long_forms}
                if len(roots) == 1:
                    j = min(long_forms)
                    uf.union(j, i, "acronym", forms[j].name, r.name)
    if kind in TOKEN_OVERLAP_KINDS:
        # token-overlap: "Kadyrov" -> the only longer name ending in "Kadyrov"
        by_surname: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for k in by_key:
            if k:
                by_surname[k.split()[-1]].append(tuple(k.split()))
        for key in sorted((k for k in by_key if k), key=lambda k: (len(k.split()), k)):
            tokens = key.split()
            candidates = [" ".join(t) for t in by_surname[tokens[-1]]
                          if len(t) > len(tokens) and set(tokens) <= set(t)]
            roots = {uf.find(by_key[k][0]) for k in candidates}
            if len(roots) == 1:
                longest = max(candidates, key=lambda k: (len(k.split()), k))
                i, j = by_key[longest][0], by_key[key][0]
                uf.union(i, j, "token-overlap", forms[i].name, forms[j].name)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[uf.find(i)].append(i)
    names = {f.name: f for f in forms}
    out = []
    for root in sorted(groups):
        members = [records[i] for i in groups[root]]
        seen: set[tuple[str, str, str]] = set()
        merges = []
        for m in uf.merges.get(root, []):
            key3 = (m.rule, *sorted((m.form, m.matched)))
            if m.form != m.matched and key3 not in seen:
                seen.add(key3)  # type: ignore[arg-type]
                merges.append(m)
        out.append(Cluster(kind, _canonical_label(members, names), members, merges))
    return out
