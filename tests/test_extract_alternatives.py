"""The other sources the text offers a figure (``Candidate.alternatives``), nearest first.

Each case is a pattern, written here in new sentences, not a passage of the corpora.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.extract import Candidate, as_record, extract
from figcheck.extract.candidates import ALTERNATIVES


def found(text: str, value: float) -> Candidate:
    candidates = [c for c in extract(text) if value in (c.value, c.low)]
    assert candidates, [c.value for c in extract(text)]
    return candidates[0]


def test_the_other_speaker_of_the_sentence_is_an_alternative() -> None:
    text = "The port authority said 40 sailors died, while the union put the toll at 95."
    first, second = found(text, 40), found(text, 95)
    assert (first.source, first.alternatives) == ("port authority", ("union",))
    assert (second.source, second.alternatives) == ("union", ("port authority",))


def test_the_chosen_source_is_never_repeated_whatever_its_case() -> None:
    text = "Amnesty International said 300 were held; the Amnesty International report named 120."
    for candidate in extract(text):
        assert all(
            alternative.casefold().removeprefix("the ")
            != (candidate.source or "").casefold().removeprefix("the ")
            for alternative in candidate.alternatives
        )
        assert len(set(candidate.alternatives)) == len(candidate.alternatives)


def test_a_word_that_refers_back_is_offered_as_the_name_it_stands_for() -> None:
    text = (
        "The Harbour Relief Agency counted 200 boats on Monday. "
        "Fishermen said 70 were lost, but it said 45."
    )
    assert found(text, 70).source == "Fishermen"
    assert "Harbour Relief Agency" in found(text, 70).alternatives
    assert "it" not in found(text, 70).alternatives


def test_the_previous_sentence_and_the_organisations_named_are_offered() -> None:
    text = (
        "The Coastal Rescue Service said the storm had passed. "
        "Around 600 people left the Delta Water Board district by Friday."
    )
    candidate = found(text, 600)
    assert candidate.source is None  # the grammar names no one: unattributed stays the choice
    assert set(candidate.alternatives) >= {"Delta Water Board", "Coastal Rescue Service"}
    assert candidate.alternatives.index("Delta Water Board") < candidate.alternatives.index(
        "Coastal Rescue Service"
    )  # the sentence's own organisation is nearer than the sentence before


def test_the_speaker_of_a_quotation_is_offered() -> None:
    text = (
        "The storm reached the coast on Monday. "
        '"Officials say 90 homes were hit. We counted 150," said Mayor Ana Ruiz.'
    )
    assert (found(text, 90).source, found(text, 90).alternatives) == (
        "Officials",
        ("Mayor Ana Ruiz",),
    )


def test_a_figure_no_one_is_named_for_has_no_alternatives() -> None:
    assert found("About 500 people were evacuated overnight.", 500).alternatives == ()


def test_alternatives_are_few() -> None:
    unions = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
    speakers = ", ".join(f"the {name} Union said {21 + n}" for n, name in enumerate(unions))
    counts = [len(candidate.alternatives) for candidate in extract(f"On Monday {speakers}.")]
    assert len(counts) == len(unions)
    assert max(counts) == ALTERNATIVES


def test_a_record_lists_the_alternatives() -> None:
    candidate = found("Police said 20,000 marched, and organisers said 80,000.", 20000)
    record = as_record(candidate)
    assert record["alternatives"] == ["organisers"]
    assert record["source"] == "Police"


def test_extract_json_and_yaml_give_the_alternatives(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Police said 20,000 marched, and organisers said 80,000.\n", "utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["source"], r["alternatives"]) for r in records] == [
        ("Police", ["organisers"]),
        ("organisers", ["Police"]),
    ]
    result = runner.invoke(app, ["extract", str(article), "--format", "yaml"])
    assert result.exit_code == 0, result.stderr
    assert "alternatives:\n  - organisers\n" in result.stdout


def test_a_pronoun_is_never_offered() -> None:
    text = "He said 15 ferries sank. She said 16. They said 17. It said 18. We said 19."
    for candidate in extract(text):
        assert not {"he", "she", "they", "it", "we"} & {
            name.casefold() for name in candidate.alternatives
        }, candidate.alternatives


def test_a_single_letter_is_never_offered() -> None:
    text = "The Harbour Patrol said 14 divers were rescued, according to a note from the U.S. Army."
    assert found(text, 14).alternatives == ("U.S. Army",)


def test_a_headline_offers_no_source_to_the_text_under_it() -> None:
    text = "Flood report\n\nThe river rose overnight and 40 homes were flooded, the Red Cross said."
    assert found(text, 40).source == "Red Cross"
    assert found(text, 40).alternatives == ()


def test_an_organisation_spoken_to_or_gone_to_is_never_offered() -> None:
    text = (
        "Marchers walked to the Ministry of Transport, where some 2,000 gathered. "
        "About 80 buses were stopped."
    )
    assert found(text, 2000).alternatives == ()
    assert found(text, 80).alternatives == ()
    text = "Speaking to NRK, the mayor said 300 cabins burned."
    assert (found(text, 300).source, found(text, 300).alternatives) == ("mayor", ())
    text = "Oceana told the Harbour Gazette Agency that 40 seals died."
    assert found(text, 40).alternatives == ()


def test_the_chosen_source_written_shorter_longer_or_abbreviated_is_never_offered() -> None:
    text = (
        "Police in Lagos said 30 were hurt, the Ministry of Works said 40, the World Food "
        "Organization said 50, and the Ministry of Works later said 45."
    )
    thirty = found(text, 30)
    assert thirty.source == "Police in Lagos"
    assert "Police" not in thirty.alternatives
    forty = found(text, 40)
    assert not {"ministry", "Ministry"} & set(forty.alternatives)
    text = "The World Food Organization said 50 died, and the WFO later said 70."
    assert found(text, 50).alternatives == ()
    text = "NFP reporters counted 60 boats, National Free Press said, and the NFP said 65."
    for candidate in extract(text):
        assert not {"NFP", "NFP reporters", "National Free Press"} & set(candidate.alternatives)


def test_a_table_row_offers_no_other_row_source(tmp_path: Path) -> None:
    article = tmp_path / "table.md"
    article.write_text(
        "| Source | Deaths |\n|---|---|\n| Port Authority | 40 |\n| Sailors Union | 60 |\n"
    )
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["source"], r["alternatives"]) for r in records] == [
        ("Port Authority", []),
        ("Sailors Union", []),
    ]


# --- what news writing names besides the rules' choice (figcheck.extract.offers) -------------


def test_the_author_of_a_survey_or_an_estimate_is_offered_where_no_source_is_found() -> None:
    poll = found("A poll by Brightline found 420 households had no power.", 420)
    assert (poll.source, poll.alternatives) == (None, ("Brightline",))
    # "The estimate by volunteers was 300" gives volunteers as the source (the eleventh round)
    estimate = found("An estimate by volunteers is higher: 300.", 300)
    assert (estimate.source, estimate.alternatives) == (None, ("volunteers",))
    text = "The fire service said 40 homes burned; a count by volunteers found 55."
    assert found(text, 55).alternatives == ("volunteers", "fire service")  # nearest first


def test_every_source_a_speaker_cites_in_a_chain_is_offered() -> None:
    text = (
        "The Harbour Times said, citing the Coast Guard, citing local fishermen, citing "
        "hospital staff, that 40 sailors died."
    )
    candidate = found(text, 40)
    assert candidate.source == "Harbour Times"
    assert set(candidate.alternatives) == {"Coast Guard", "local fishermen", "hospital staff"}


def test_the_organisation_of_a_person_is_offered() -> None:
    candidate = found("Jana Novak of the Mountain Rescue said 12 climbers were missing.", 12)
    assert (candidate.source, candidate.alternatives) == ("Jana Novak", ("Mountain Rescue",))
    text = "Omar Haddad, a spokesman for the Valley Dam Board, told reporters 25 homes flooded."
    assert set(found(text, 25).alternatives) | {found(text, 25).source} == {
        "Omar Haddad",
        "Valley Dam Board",
    }


def test_the_subject_of_a_reporting_verb_the_rules_leave_is_offered() -> None:
    text = "Fishermen and coast guards have found 18 bodies so far."
    assert found(text, 18).alternatives == ("Fishermen and coast guards",)
    text = (
        "Two crowd scientists, both at the Lakeside Polytechnic, estimated that 9,000 "
        "attended, the Valley Gazette reported."
    )
    assert "crowd scientists" in " ".join(found(text, 9000).alternatives)


def test_the_speaker_of_a_quotation_a_sentence_away_is_offered() -> None:
    text = (
        "'The water is going down,' Mayor Ana Ruiz said at a briefing. "
        "'We have checked 300 streets. We think 120 homes are still under water.'"
    )
    assert "Mayor Ana Ruiz" in found(text, 120).alternatives
    text = "The Valley Gazette interviewed a nurse, named only as Irina: 'I counted 75 injured.'"
    assert "Irina" in found(text, 75).alternatives


def test_what_news_writing_offers_is_never_a_passive_a_moment_or_a_word_that_refers_back() -> None:
    assert found("Seven bodies were found on Sunday.", 7).alternatives == ()
    assert found("The death toll from the storm rose to 30.", 30).alternatives == ()
    assert found("Figures from October show 200 arrests.", 200).alternatives == ()
    text = "The Harbour Board counted 80 boats on Monday. The agency said 40 were lost."
    assert not {"agency", "The agency"} & set(found(text, 40).alternatives)
    text = "The two hospitals, the deadliest hit, reported 45 deaths."
    assert found(text, 45).alternatives == ()
