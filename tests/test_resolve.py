"""Entity resolution a journalist can trust and fix: labels, kinds of names, the rules file.

Every name here is made up; see benchmarks/bench_merge.py for the measure on real news.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import InputError
from graph.resolve import MergeRules, NameRecord, resolve
from graph.rulesfile import add_rule, merge_rule_line
from graph.store import open_store

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


def records(*items: tuple[str, str, str] | tuple[str, str, str, tuple[str, ...]]) -> list[NameRecord]:
    """(article, kind, name[, aliases]) -> one record per item."""
    return [NameRecord(f"urn:{item[0]}/{i}", f"urn:{item[0]}", item[1], item[2], *item[3:])  # type: ignore[arg-type]
            for i, item in enumerate(items)]


def groups(*items: tuple) -> list[list[str]]:  # type: ignore[type-arg]
    return sorted(sorted(m.name for m in c.members) for c in resolve(records(*items)))


def labels(*items: tuple) -> list[str]:  # type: ignore[type-arg]
    return sorted(c.label for c in resolve(records(*items)))


# ----------------------------------------------------------------------------- labels


def test_the_label_is_the_most_frequent_full_name_not_the_longest():
    assert labels(("a1", "organization", "Orbis Computer", ("Orbis",)), ("a2", "organization", "Orbis"),
                  ("a3", "organization", "Orbis"), ("a4", "organization", "Orbis Inc.")) == ["Orbis"]


def test_a_surname_alone_or_an_acronym_never_labels_a_node_with_a_full_name():
    assert labels(("a1", "person", "Okafor"), ("a2", "person", "Okafor"), ("a3", "person", "Grace Okafor")) == [
        "Grace Okafor"]
    assert labels(("a1", "organization", "NWA"), ("a2", "organization", "NWA"),
                  ("a3", "organization", "Northern Weavers Association")) == ["Northern Weavers Association"]


def test_a_dateline_in_capitals_does_not_label_a_place_with_a_normal_name():
    assert labels(("a1", "place", "WESTBRIDGE"), ("a2", "place", "WESTBRIDGE"), ("a3", "place", "Westbridge")) == [
        "Westbridge"]
    assert labels(("a1", "organization", "NATO"), ("a2", "organization", "NATO"), ("a3", "organization", "Nato")) == [
        "NATO"]


def test_the_label_of_a_titled_name_is_the_name_without_the_title():
    assert labels(("a1", "person", "Mayor Tomas Berg"), ("a2", "person", "Tomas Berg")) == ["Tomas Berg"]


# ----------------------------------------------------------------------------- what never merges


def test_an_event_is_not_its_organizer_even_when_the_article_calls_it_by_the_organizers_name():
    assert groups(("a1", "organization", "Orbis Developers Summit", ("Orbis",)),
                  ("a2", "organization", "Orbis")) == [["Orbis"], ["Orbis Developers Summit"]]


def test_a_product_with_a_model_number_is_not_its_maker():
    assert groups(("a1", "organization", "Kestrel K90", ("Kestrel",)), ("a2", "organization", "Kestrel")) == [
        ["Kestrel"], ["Kestrel K90"]]


@pytest.mark.parametrize("longer", ["Kestrel Regional Jets", "Kestrel Canada", "Kestrel Capital"])
def test_a_longer_name_with_a_distinguishing_head_is_another_organization(longer):
    assert groups(("a1", "organization", longer, ("Kestrel",)), ("a2", "organization", "Kestrel")) == sorted(
        [["Kestrel"], [longer]])


def test_an_alias_that_is_a_description_or_a_metonym_links_nothing():
    assert groups(("a1", "place", "United States", ("White House",)), ("a2", "place", "White House")) == [
        ["United States"], ["White House"]]
    assert groups(("a1", "person", "Lena Ortiz", ("Finance Minister",)), ("a2", "person", "Finance Minister")) == [
        ["Finance Minister"], ["Lena Ortiz"]]


def test_the_european_union_is_not_europe():
    assert groups(("a1", "place", "EU"), ("a2", "place", "Europe"), ("a3", "place", "European Union")) == [
        ["EU", "European Union"], ["Europe"]]


def test_a_short_name_shared_by_two_companies_stays_apart():
    assert groups(("a1", "organization", "Tarn"), ("a2", "organization", "Tarn Airways"),
                  ("a3", "organization", "Tarn Motors")) == [["Tarn"], ["Tarn Airways"], ["Tarn Motors"]]


# ----------------------------------------------------------------------------- what merges


def test_singular_and_plural_of_an_organization_merge_even_within_one_article():
    assert groups(("a1", "organization", "Meridian"), ("a2", "organization", "Meridians")) == [
        ["Meridian", "Meridians"]]
    assert groups(("a1", "organization", "Vantabus"), ("a1", "organization", "Vantabuses")) == [
        ["Vantabus", "Vantabuses"]]


def test_legal_forms_and_trade_words_do_not_make_another_company():
    assert groups(("a1", "organization", "Halcyon Group SpA"), ("a2", "organization", "Halcyon"),
                  ("a3", "organization", "Halcyon Motor Company"), ("a4", "organization", "Halcyon Motors Co.")) == [
        ["Halcyon", "Halcyon Group SpA", "Halcyon Motor Company", "Halcyon Motors Co."]]


def test_an_organization_named_with_its_owner_is_the_organization_when_the_article_says_so():
    assert groups(("a1", "organization", "the Rangers' Blue Owl Records", ("Blue Owl Records",)),
                  ("a2", "organization", "Blue Owl Records")) == [["Blue Owl Records", "the Rangers' Blue Owl Records"]]


def test_two_owners_units_of_one_name_stay_apart():
    assert groups(("a1", "organization", "Kestrel's Launch Systems"), ("a2", "organization", "Orbis's Launch Systems"),
                  ("a3", "organization", "Launch Systems")) == [
        ["Kestrel's Launch Systems"], ["Launch Systems"], ["Orbis's Launch Systems"]]


def test_a_country_named_with_of_and_a_prefix_is_one_ministry():
    assert groups(("a1", "organization", "U.S. Department of Labor"), ("a2", "organization", "US Labor Department")) == [
        ["U.S. Department of Labor", "US Labor Department"]]


def test_an_article_naming_an_institution_in_full_then_without_its_country_gives_one_node():
    assert groups(("a1", "organization", "Canadian Grain Board"), ("a1", "organization", "Grain Board"),
                  ("a2", "organization", "Grain Board")) == [["Canadian Grain Board", "Grain Board", "Grain Board"]]


def test_a_place_named_as_a_countrys_government_is_the_country_acting():
    assert groups(("a1", "place", "Canadian Government"), ("a2", "place", "Canada"),
                  ("a3", "place", "government of Canada")) == [["Canada", "Canadian Government", "government of Canada"]]


def test_an_acronym_and_a_clipped_word_given_as_aliases_link():
    assert groups(("a1", "organization", "Bank of Lumen", ("BoL",)), ("a2", "organization", "BoL")) == [
        ["Bank of Lumen", "BoL"]]
    assert groups(("a1", "organization", "Federal Grain Board", ("Fed",)), ("a2", "organization", "Fed")) == [
        ["Fed", "Federal Grain Board"]]


# ----------------------------------------------------------------------------- the rules file


def test_the_line_to_paste_forces_or_forbids_a_merge_and_names_its_list():
    assert merge_rule_line("organization", "Orbis", "Orbis Inc.", distinct=False) == (
        "  - {names: [Orbis, Orbis Inc.], kind: organization}   # under merge:")
    assert merge_rule_line(None, "O'Hara: Ltd", "O'Hara", distinct=True) == (
        "  - ['O''Hara: Ltd', O'Hara]   # under distinct:")


def test_every_merge_shown_names_two_written_forms_whose_split_line_undoes_it():
    """The page offers each merge's two forms as the line that splits them; that works only
    if both are names as written, even for a merge through an alias."""
    items = (("a1", "organization", "Bank of Lumen", ("BoL",)), ("a2", "organization", "BoL"),
             ("a3", "organization", "Orbis Computer", ("Orbis",)), ("a4", "organization", "Orbis"),
             ("a5", "person", "Grace Okafor"), ("a6", "person", "Okafor"))
    given = records(*items)
    written = {r.name for r in given} | {a for r in given for a in r.aliases}
    merges = [(c.kind, m) for c in resolve(given) for m in c.merges]
    assert {m.rule for _kind, m in merges} >= {"alias", "token-overlap"}
    for kind, m in merges:
        assert {m.form, m.matched} <= written, m
        rules = MergeRules.from_data({"distinct": [[m.form, m.matched]]})
        together = [c for c in resolve(given, rules) if {m.form, m.matched} <= {r.name for r in c.members}]
        assert not together, (kind, m)


def test_a_rule_is_added_keeping_the_users_comments_and_nothing_else_changes(tmp_path):
    path = tmp_path / "rules.yaml"
    original = "# checked by the desk\nmerge:\n  - [HRW, Human Rights Watch]  # sure\n\ndistinct:  # never\n"
    path.write_text(original)
    written = add_rule(path, None, "Orbis", "Orbis Developers Summit", distinct=True)
    assert written.added and path.read_text() == original + "  - [Orbis, Orbis Developers Summit]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rules.yaml"]  # no temporary file left
    assert not add_rule(path, None, "orbis", "Orbis Developers Summit", distinct=True).added


def test_a_split_takes_out_the_merge_line_of_the_same_two_names(tmp_path):
    path = tmp_path / "rules.yaml"
    add_rule(path, "person", "Ann Lee", "Anne Lee", distinct=False)
    written = add_rule(path, None, "Ann Lee", "Anne Lee", distinct=True)
    assert written.removed == "- {names: [Ann Lee, Anne Lee], kind: person}"
    assert path.read_text() == "merge:\n\ndistinct:\n  - [Ann Lee, Anne Lee]\n"


def test_a_split_of_names_a_larger_merge_rule_joins_is_refused_and_the_file_kept(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(text := "merge:\n  - [Ann Lee, Anne Lee, A. Lee]\n")
    with pytest.raises(InputError, match="line 2: this merge rule joins these names with others"):
        add_rule(path, None, "Ann Lee", "Anne Lee", distinct=True)
    assert path.read_text() == text


def test_cli_split_writes_the_rule_and_rebuild_applies_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSGRAPH_RULES", raising=False)
    store = str(tmp_path / "store")
    assert CliRunner().invoke(cli, ["ingest", str(CORPUS), "--store", store]).exit_code == 0
    result = CliRunner().invoke(cli, ["split", "Kadyrov", "Ramzan Kadyrov"])
    assert result.exit_code == 0, result.output
    assert "newsgraph-rules.yaml (distinct): - [Kadyrov, Ramzan Kadyrov]" in result.stdout
    assert "run `newsgraph rebuild` to apply it" in result.stdout
    assert CliRunner().invoke(cli, ["rebuild", "--store", store]).exit_code == 0
    query = ("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?x rdfs:label ?l ; owl:sameAs ?c "
             "FILTER(?l IN ('Kadyrov', 'Ramzan Kadyrov')) }")
    with open_store(store) as opened:
        assert int(opened.query(query).rows[0][0].value) == 2


def test_cli_merge_of_one_name_with_itself_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["merge", "Orbis", "the ORBIS", "--rules", "r.yaml"])
    assert result.exit_code == 2 and "are the same name" in result.stderr
    assert not (tmp_path / "r.yaml").exists()
