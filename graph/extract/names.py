"""Name shapes and word lists the entity rules rely on (no article's strings).

>>> name_key("the U.S. State Department's")
'u.s. state department'
>>> initials("Office for Democratic Institutions and Human Rights")
'ODIHR'
>>> is_acronym("OSCE"), is_acronym("U.S."), is_acronym("Boeing")
(True, True, False)
>>> acronym_matches("U.S.", "United States"), acronym_matches("EADS", "European Aeronautic Defence and Space Company")
(True, True)
"""
from __future__ import annotations

import functools
import re

# Head words that make a capitalised phrase an organization ("X Network", "Y Ministry").
ORG_HEADS = frozenset(
    """department network office agency agencies court ministry party press association institute
    institution university college school commission committee council bureau service services
    corporation corp corp. inc inc. ltd ltd. llc plc co co. company group bank foundation fund
    union federation league organization organisation organisations organizations times post
    journal news herald tribune gazette telegraph guardian broadcasting radio television tv
    airlines airways air force army navy police senate congress parliament assembly
    government administration authority board tribunal exchange reserve motors industries
    systems technologies labs laboratories holdings partners society center centre
    forum alliance coalition movement front brigade watch project initiative trust
    mission embassy consulate fbi cia""".split()
)
# Abbreviated country names that modify institutions ("U.S. State Department").
COUNTRY_ABBREVIATIONS = frozenset("u.s. us usa u.s.a. u.k. uk uae u.a.e. eu e.u. un u.n. prc drc".split())
# Organization heads that are also common surnames: they do not turn a tagged person into an
# organization ("Jim Press", "Emily Post").
SURNAME_HEADS = frozenset("press post bank trust watch times guardian herald union".split())
# Heads that also end names of states and unions of states ("Russian Federation").
STATE_HEADS = frozenset("federation union republic kingdom states emirates confederation commonwealth".split())
# Company-form suffixes dropped when comparing names ("Apple Inc." ~ "Apple").
CORPORATE_SUFFIXES = frozenset("inc inc. corp corp. corporation co co. ltd ltd. llc plc sa s.a. ag nv n.v. spa gmbh group company".split())
# Words that start or make up a title or role ("Secretary of State", "chief executive").
TITLE_WORDS = frozenset(
    """president vice secretary minister prime deputy chancellor governor mayor senator sen. sen
    representative rep. rep congressman congresswoman ambassador envoy spokesman spokeswoman
    spokesperson chairman chairwoman chair chief executive ceo cfo coo cto director head leader
    founder co-founder commissioner judge justice attorney general admiral colonel captain
    lieutenant sergeant officer inspector king queen prince princess pope bishop archbishop
    cardinal rabbi imam sheikh mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir lord lady
    dame chair analyst manager editor correspondent reporter activist lawyer economist
    coordinator superintendent sheriff councillor councilman councilwoman premier
    treasurer speaker councilmember councilor alderman alderwoman assemblyman assemblywoman
    assemblymember lawmaker legislator mp coach commander gen gen. lt lt. sgt sgt. col col. capt
    capt. rev rev. reverend pastor detective constable trooper marshal emir sultan principal
    assistant associate acting interim""".split()
)
# Nouns of craft and vehicles: a name given to one ("the trawler Lady Marion", "the lander,
# named Odessa") names a thing, not an actor.
VEHICLE_NOUNS = frozenset("""ship vessel boat trawler tanker ferry yacht freighter cruiser frigate destroyer
    submarine liner barge tugboat schooner warship lander rover spacecraft capsule satellite
    rocket telescope airliner aircraft airplane plane jet helicopter drone locomotive""".split())
# Honorifics dropped from a person's name ("Mr Justice Anthony Mann" -> "Anthony Mann").
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lord lady dame".split())
FUNCTION_WORDS = frozenset("of the and for & in on at to a an de la du der von van".split())
MONTHS_AND_DAYS = frozenset(
    """january february march april may june july august september october november december
    jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct.
    nov nov. dec dec. monday tuesday wednesday thursday friday saturday sunday""".split()
)
# Nouns for groups of people: an org-like acronym modifying them describes people
# ("LGBT people", "Muslim community"), it does not name an organization.
PEOPLE_GROUP_NOUNS = frozenset(
    """people persons individuals community communities men women youth activists members rights
    groups group population populations minority minorities citizens refugees migrants""".split()
)
# Common nouns for places: a name they modify, introduce ("town of X") or stand in apposition
# to ("towns, particularly X") is a place ("Abga village", "the riding of Carleton").
PLACE_NOUNS = frozenset(
    """village villages town towns city cities county counties district districts province provinces
    region regions state states neighborhood neighbourhood neighborhoods neighbourhoods suburb suburbs
    riding ridings constituency constituencies island islands municipality municipalities township
    townships hamlet hamlets capital centre center outskirts""".split()
)
# Common nouns for companies and bodies: a name in apposition to one, or right after one, is an
# organization ("the airline, Skyways, said", "electronics retailer Buymart").
ORG_NOUNS = frozenset(
    """company companies firm firms retailer retailers airline airlines carrier carriers manufacturer
    manufacturers maker makers automaker carmaker planemaker insurer lender bank chain conglomerate
    broadcaster newspaper publisher supplier contractor operator startup band journal magazine
    tabloid website""".split()
)
# Lower-case nouns of buildings and sites: a name before one (with at most two lower-case words
# between) makes a place together with it ("the Burdenko military hospital", "Evin prison").
FACILITY_NOUNS = frozenset("""hospital prison jail airport airfield airbase base stadium bridge cathedral church
    mosque temple synagogue palace museum dam mine reactor""".split())
# Nouns of a period: a name modifying one names a time, not an actor ("the Vietnam era").
PERIOD_NOUNS = frozenset("era age period years days generation decade".split())
# Capitalised heads that end names of places: "South Main Street", "Orange County".
PLACE_HEADS = frozenset(
    """street st. avenue ave. road rd. boulevard blvd. highway freeway lane drive square park bridge
    county parish cathedral church mosque temple airport base station stadium arena hall memorial
    palace castle tower harbor harbour port""".split()
)
# Heads of a state's institutions: a nationality or place before them names the institution
# ("the French government", "Russian defense ministry", "the Italian Embassy", "Liberal party").
INSTITUTION_HEADS = frozenset(
    """government ministry embassy consulate police parliament cabinet army navy military party legislature
    senate congress court""".split()
)
# Plural nouns for the members of a political party, used as actors ("Republicans", "Senate Democrats").
PARTY_MEMBER_NOUNS = frozenset("democrats republicans conservatives liberals tories socialists communists".split())
NOMINAL_ANAPHORA_HEADS = ORG_HEADS - frozenset({"times", "post", "news", "press", "inc", "inc.", "co", "co."})

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "“": '"', "”": '"'})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 16)  # pure; the entity pass keys every mention several times
def name_key(text: str) -> str:
    """A comparison key: lowercase, no leading article, no possessive, single spaces."""
    t = " ".join(text.translate(_APOSTROPHES).split())
    t = _LEADING_ARTICLE.sub("", t)
    t = _POSSESSIVE.sub("", t).strip(" .,;:'\"()[]")
    if text.rstrip().endswith(".") and is_acronym(text.strip()):
        t = t + "." if not t.endswith(".") else t
    return t.lower()


def is_acronym(word: str) -> bool:
    """All capitals (dots and & allowed), two or more letters: "OSCE", "U.S.", "AT&T"."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and all(
        ch.isalpha() or ch in ".&-" for ch in word)


def initials(name: str) -> str:
    """First letters of the content words of ``name``, in capitals."""
    words = re.split(r"[\s-]+", name.translate(_APOSTROPHES))
    return "".join(w[0].upper() for w in words if w and w.lower() not in FUNCTION_WORDS and w[0].isalpha())


def acronym_matches(acronym: str, name: str) -> bool:
    """``acronym`` abbreviates ``name`` (corporate suffixes may be left out)."""
    letters = "".join(ch for ch in acronym if ch.isalpha()).upper()
    if len(letters) < 2 or " " not in name.strip():
        return False
    full = initials(name)
    if letters == full:
        return True
    words = name.split()
    while words and words[-1].lower().strip(".,") in CORPORATE_SUFFIXES:
        words = words[:-1]
        if letters == initials(" ".join(words)):
            return True
    return False


def strip_corporate(name: str) -> str:
    """``name`` without trailing company-form words: "Apple Inc." -> "Apple"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(",") in CORPORATE_SUFFIXES:
        words = words[:-1]
    return " ".join(words).rstrip(",")


def head_first(key: str) -> str:
    """An "X of Y" name with a one-word head X, inverted to "Y X" (same key shape as ``name_key``).

    >>> head_first("department of state"), head_first("ministry of foreign affairs"), head_first("bank of america")
    ('state department', 'foreign affairs ministry', 'america bank')
    """
    words = key.split()
    if len(words) >= 3 and words[1] == "of" and words[0] in ORG_HEADS and "of" not in words[2:]:
        return " ".join(words[2:] + words[:1])
    return key


def looks_like_person_name(words: list[str]) -> bool:
    """Two to four capitalised alphabetic words, none an org head, month or title word.

    >>> looks_like_person_name(["Igor", "Kochetkov"]), looks_like_person_name(["Human", "Rights", "Watch"])
    (True, False)
    """
    if not 2 <= len(words) <= 4:
        return False
    for w in words:
        core = w.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
        if not core.isalpha() or not w[0].isupper() or is_acronym(w) and len(core) > 1:
            return False
        low = w.lower()
        if low in ORG_HEADS or low in MONTHS_AND_DAYS or low in TITLE_WORDS or low in FUNCTION_WORDS:
            return False
    return True
