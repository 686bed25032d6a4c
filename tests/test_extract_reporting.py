"""Reporting verbs and constructions of news writing: who a figure is given by when the text names
them with a phrase that is not "said".

Each case is a pattern, written here in new sentences, not a passage of the corpora; each group
holds sentences where the construction must not give anyone the figure.
"""

from __future__ import annotations

import pytest

from tests.conftest import source_of


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # a count someone made: identified, established, registered with a figure as object
        (
            "The investigators have now identified around 4,500 soldiers killed.",
            4500,
            "investigators",
        ),
        ("Reporters have established the names of 24,000 soldiers who died.", 24000, "Reporters"),
        ("The agency has registered 5,054 dead or missing people.", 5054, "agency"),
        ("The observatory has identified 1,200 of the dead by name.", 1200, "observatory"),
        ("Investigators established that 31 people were on board.", 31, "Investigators"),
        ("The news agencies have each reached totals of 2,600 dead.", 2600, "news agencies"),
        ("The agency reached a total of 300 cases by Friday.", 300, "agency"),
        ("Reliable sources hold the names of 57 dead.", 57, "Reliable sources"),
        ("The toll reached a total of 300 on Friday.", 300, None),
        ("The rescuers reached 40 survivors.", 40, None),
        # a figure given with an adverb between the auxiliary and "given"
        ("Until now the army had always given a figure of 147 dead.", 147, "army"),
        ("Health officials have repeatedly given a toll of 12.", 12, "Health officials"),
        ("The ministry had always said 300 died.", 300, "ministry"),
        # pointing to a figure, sounding the alarm over one
        (
            "In her report, the commissioner pointed to 'between 400 and 500 dead'.",
            400,
            "commissioner",
        ),
        ("The charity points to 300 deaths in the camps.", 300, "charity"),
        (
            "The refugee agency on Monday sounded the alarm for about 400 people.",
            400,
            "refugee agency",
        ),
        ("The group sounded the alarm over the loss of 38 boats.", 38, "group"),
        ("Doctors raised the alarm over 12 cases of cholera.", 12, "Doctors"),
        # no figure after the verb, or the figure in another clause: no one
        ("Of the 5,000 people registered, 300 were children.", 300, None),
        ("Rescuers pointed to the collapsed bridge, where 40 cars fell.", 40, None),
        ("Residents raised the alarm after 40 fish died.", 40, None),
        ("The church, established in 1850, lost 40 members in the fire.", 40, None),
        ("The families of the 40 victims pointed to the slow rescue.", 40, None),
    ],
)
def test_a_verb_of_counting_pointing_or_warning_gives_its_subject(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        ("The hospital registered 340 new cholera cases last week.", 340, "hospital"),
        ("Cases of cholera reached a total of 1,400 on Friday.", 1400, None),
        ("Floodwaters reached a total of 3 metres, and 20 people drowned.", 20, None),
        ("The cemetery's walls hold the names of 300 soldiers.", 300, None),
        (
            "A smoke detector sounded the alarm about 20 minutes before the fire reached the"
            " ward, where 9 patients died.",
            9,
            None,
        ),
        ("Foreign aid had always given hope to the 5,000 residents of the valley.", 5000, None),
        (
            "Few people knew of the 200 graves until the commission published its findings.",
            200,
            None,
        ),
        # a place pointed to, its figure in the clause after the comma
        (
            "Survivors pointed to the river, where 40 bodies were later recovered by divers.",
            40,
            None,
        ),
        (
            "Witnesses pointed to 3 trucks parked outside the morgue, where 27 bodies had been"
            " brought overnight.",
            27,
            None,
        ),
    ],
)
def test_a_thing_that_cannot_speak_counts_and_warns_of_nothing(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        (
            "Rescuers identified 12 bodies by Sunday evening, a civil defence spokesman said.",
            12,
            "civil defence spokesman",
        ),
        ("Volunteers have registered 300 families, the mayor says.", 300, "mayor"),
        # no one after the comma: the count's maker
        ("The agency has registered 5,054 dead, most of them at sea.", 5054, "agency"),
    ],
)
def test_a_count_made_and_closed_by_who_says_it_is_theirs(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # "claimed N victims" is a toll, as "claimed N lives" is, not a claim
        ("The Mediterranean routes have claimed 246 victims.", 246, None),
        ("The storm claimed 40 victims in the north.", 40, None),
        ("The epidemic has claimed more than 300 victims this year.", 300, None),
        ("The rebels claimed 40 victims were shot by soldiers.", 40, "rebels"),
        # a participle after what was counted ("all the victims recorded in") is no one's report
        (
            "The route is the deadliest, with 95% of all the victims recorded in May: 249.",
            249,
            None,
        ),
        ("The deaths reported since June number 300.", 300, None),
        ("Of the cases recorded this year, 40 were fatal.", 40, None),
        ("The ministry recorded in its update 40 deaths.", 40, "ministry"),
        ("The rescuers counted so far 12 bodies.", 12, "rescuers"),
        ("The team recorded in May that 40 died.", 40, "team"),
    ],
)
def test_a_toll_claimed_or_a_count_recorded_names_no_one(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # "according to" a document with its author in a clause after it: the author
        (
            "More than 1,800 people died, according to a report the rights group Open Arms"
            " presented on June 17.",
            1800,
            "Open Arms",
        ),
        (
            "According to the latest data the rights group presented, 1,482 died.",
            1482,
            "rights group",
        ),
        ("According to figures the ministry released on Monday, 300 were killed.", 300, "ministry"),
        (
            "According to the report the commission presented to parliament on Monday, 300 died.",
            300,
            "commission",
        ),
        ("According to records the hospital kept, 120 patients died.", 120, "hospital"),
        (
            "According to a study the university published in May, 2,000 homes were hit.",
            2000,
            "university",
        ),
        ("According to credible reports Amnesty has received, 300 were detained.", 300, "Amnesty"),
        # what follows the document is no author: no one
        ("According to reports the storm destroyed 400 homes.", 400, None),
        ("According to data the storm season produced, 12 were hurt.", 12, None),
    ],
)
def test_according_to_a_document_its_author_made_gives_the_author(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # a participle with its agent after two words of time
        (
            "That is well above the 26 reported earlier today by Prime Minister Ana Ruiz.",
            26,
            "Prime Minister Ana Ruiz",
        ),
        ("The toll exceeds the 30 confirmed later on Monday by the police.", 30, "police"),
        ("It is below the 75 given earlier this week by the governor.", 75, "governor"),
        # "the N that X reported": the relative clause's subject
        (
            "The toll rose to 1,002, the army said, up from the 144 dead that state media had"
            " reported on Friday.",
            144,
            "state media",
        ),
        (
            "That is well above the 300 victims that the ministry counted last week.",
            300,
            "ministry",
        ),
        ("It is twice the 40 which the mayor had announced.", 40, "mayor"),
        # "The N" opening the sentence as "the N" inside it
        (
            "The 80 arrests that police said were made on Sunday were later disputed by lawyers.",
            80,
            "police",
        ),
        # a relative clause with no reporting verb, or no "the": no one
        ("The 40 people that witnesses saw were all soldiers.", 40, None),
        ("The bodies of the 12 miners that rescuers found were brought up.", 12, None),
        ("Some 300 houses that the storm destroyed were rebuilt.", 300, None),
    ],
)
def test_the_figure_a_participle_or_a_relative_clause_reports_is_its_subjects(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # a word that may be a noun closing the sentence after a comma and a short phrase: a verb
        (
            "A million people marched in the capital, the BBC website reports.",
            1000000,
            "BBC website",
        ),
        ("Six people died in the fire, the regional news site reports.", 6, "regional news site"),
        ("More than 40 were hurt, a local blog estimates.", 40, "local blog"),
        ("Forty died in the fire, which destroyed the town archive and land records.", 40, None),
        ("The storm killed 12, and destroyed crops, roads and records.", 12, None),
        # a participle after a message someone released: the one who released it
        ("The ministry released a statement on Thursday saying the toll was 290.", 290, "ministry"),
        ("The army issued a statement saying 12 soldiers died.", 12, "army"),
        ("The UN published a report on Friday estimating that 300 had died.", 300, "UN"),
        ("The floods sent a message saying 12 were gone.", 12, "message"),
        # a possessive before a figure in a list of figures that range: the owner's
        (
            "Estimates had ranged from the Interior Ministry's 69, to diplomats saying that more"
            " than 100 had been killed.",
            69,
            "Interior Ministry",
        ),
        ("Estimates ranged from the army's 40 to the rebels' 300.", 300, "rebels"),
        ("Tolls vary between the government's 1,200 and the UN's 3,000.", 1200, "government"),
        ("Estimates ranged from the country's 69 provinces to its 2,000 towns.", 69, None),
        ("Estimates ranged widely, and Gaza's 40 dead were buried on Friday.", 40, None),
        (
            "Death tolls varied from district to district, between Aleppo's 300 and Idlib's 120.",
            120,
            None,
        ),
        ("The country's 69 provinces all reported cases.", 69, None),
    ],
)
def test_a_closing_verb_a_released_message_and_a_ranging_owner_name_the_source(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # ", said X" closing a statement: the name up to its comma, before the statement's words
        (
            "Some 275 people were killed in clashes, in custody, or shot by soldiers this year,"
            " said Ain O Salish Kendra (ASK), according to UNB.",
            275,
            "ASK",
        ),
        (
            "Some 40 people died in floods, in landslides and in fires, said the Red Cross,"
            " according to Reuters.",
            40,
            "Red Cross",
        ),
        ("Officials, however, said France, Spain and Italy took in 300.", 300, "Officials"),
        ("The minister, in a statement, said Israel had killed 40.", 40, "minister"),
        # "Its report cited X, and said N": the report's, read back as "it"
        (
            "The state broadcaster said 55 died. Its report cited a doctor in the town, and said"
            " three were still in hospital.",
            3,
            "state broadcaster",
        ),
        ("Police cited witnesses in the town, and said 12 were hurt.", 12, "Police"),
        ("The report named two villages, and said 40 homes burned.", 40, None),
    ],
)
def test_a_closing_name_and_a_document_a_possessive_opens_are_read_whole(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # who has a figure of their own, written just before it
        ("The martyrs' families have yet another number: 464.", 464, "martyrs' families"),
        ("The rebels have a different count: 2,000 dead.", 2000, "rebels"),
        ("But the UN has its own figure of 1,500.", 1500, "UN"),
        ("The city has a different number: 12.", 12, None),
        ("The town has another toll of 20.", 20, None),
        # "the figure of N came from X"
        (
            "The figure of 359 in the media came from Tuesday's statement by a police spokesman.",
            359,
            "police spokesman",
        ),
        ("The toll of 40 comes from hospital officials in the region.", 40, "hospital officials"),
        (
            "The estimate of 2,000 came from the Red Cross, which counted the dead.",
            2000,
            "Red Cross",
        ),
        ("The figure of 300 came from the collapse of the dam.", 300, None),
        ("The 40 victims came from three villages.", 40, None),
        ("The figure of 80 came from Mosul, where the fighting was heaviest.", 80, None),
        ("The figure of 80 came from a statement by Amnesty.", 80, "Amnesty"),
    ],
)
def test_a_figure_someone_has_or_a_figure_that_came_from_someone_is_theirs(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # an allegation, a charge or a knowledge that gives a figure
        ("On Monday the watchdog accused the police of detaining 300 people.", 300, "watchdog"),
        ("The rebels accused the army of killing 40 civilians.", 40, "rebels"),
        (
            "The spokesman Lt. Col. Ana Ruiz dismissed the findings, charging that 28 of the dead"
            " were gunmen.",
            28,
            "Ana Ruiz",
        ),
        ("The monitor knows of more than 900 criminal cases.", 900, "monitor"),
        (
            "The spokesman respected the comments, but kept 332 as the official figure.",
            332,
            "spokesman",
        ),
        # no allegation, no one who knows, nothing kept as a figure: no one
        ("He was charged with killing 3 people.", 3, None),
        ("No one knows how many died, but 300 bodies were found.", 300, None),
        # a charge a document makes is its author's, and no one's when the text names none
        ("The union filed a complaint charging that 28 workers were fired illegally.", 28, "union"),
        (
            "A lawsuit filed on Monday, charging that 28 workers were fired, names the company.",
            28,
            None,
        ),
        ("They kept 40 cows as pets.", 40, None),
    ],
)
def test_an_allegation_a_knowledge_or_a_figure_kept_gives_its_subject(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # "the estimate by X was N", "in the words of X"
        ("The estimate by police was 500,000.", 500000, "police"),
        ("The estimate from local officials was 300.", 300, "local officials"),
        ("The estimate from the satellite images was 40,000.", 40000, None),
        ("Turnout was 'more than a million', in the words of the mayor.", 1000000, "mayor"),
        ("In the words of one official, 300 people died.", 300, "one official"),
        ("In other words, 300 died.", 300, None),
        ("In the words of the song, 10,000 men marched up the hill.", 10000, None),
        ("In the words of the poem, 300 soldiers died at the pass.", 300, None),
        # an absolute ", X saying" after the figure, and "not N as X had said"
        (
            "The toll has been revised to 224, police saying that many took their dead home.",
            224,
            "police",
        ),
        ("The toll rose to 40, officials saying more bodies were found.", 40, "officials"),
        ("He said the number was 279 and not 317 as the police had said earlier.", 317, "police"),
        ("The toll stands at 300, as the ministry reported on Monday.", 300, "ministry"),
        ("About 40 died as police reported new clashes in the north.", 40, None),
        ("Some 300 people, many of them children saying prayers, died.", 300, None),
    ],
)
def test_a_figure_given_by_in_the_words_of_or_as_someone_said_is_theirs(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        # a news outlet's "reported" closing a sentence relays the speaker before the figure
        (
            "The toll passed 1,000, the army said on Saturday, with more than 2,000 injured, the"
            " agency reports.",
            2000,
            "army",
        ),
        ("Police said 40 died, the local paper reported.", 40, "Police"),
        (
            "The toll passed 500, the ruling party said, with 900 injured, the newspaper Daily"
            " Star reported.",
            900,
            "ruling party",
        ),
        # with no speaker before the figure, or one who is no outlet: the closing speaker
        ("Forty people died in the fire, the newspaper reported.", 40, "newspaper"),
        ("The suspect admitted killing 3 people, said police.", 3, "police"),
        (
            "The toll rose to 1,002, the army said, up from the 144 dead that state media had"
            " reported on Friday.",
            144,
            "state media",
        ),
    ],
)
def test_a_news_outlet_closing_the_sentence_relays_the_speaker_before(
    text: str, value: float, source: str | None
) -> None:
    assert source_of(text, value) == source
