"""The attribution stage of :mod:`figcheck.extract`: who the text says gave each figure.

A reporting verb's subject is read by grammar (backwards to a verb or a clause mark, across
asides), "according to", "by X's count", "X's figure of N", a source in parentheses; a figure the
grammar gives no one stays unattributed rather than taking a bystander's name.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from figcheck.extract.figures import DETERMINERS, STOP_WORDS, Figure
from figcheck.extract.text import WEB_ADDRESS, word_set


def _lazy(pattern: str) -> Callable[[], re.Pattern[str]]:
    """``pattern``, compiled the first time a text reaches the rule that needs it: rules that
    few texts reach cost nothing when extract is imported."""
    return functools.cache(lambda: re.compile(pattern))


_SPEECH = re.compile(
    r"\b(?=[a-z])"  # every verb starts with a small letter: other words are not tried
    r"(said|says|say|estimated|estimates|estimate|reported|reports|report|confirmed|confirms|"
    r"confirm|claimed|claims|claim|stated|states|announced|announces|suggested|suggests|suggest|"
    r"counted|counts|recorded|records|documented|documents|tallied|tallies|puts|put|putting|"
    r"places|placed|place(?=\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:figure|toll|number|count|total|"
    r"estimate)\s+at\b)|told|tells|added|adds|noted|notes|believes|believe|indicated|indicates|"
    r"indicate|showed|shows|show|found|finds|verified|verifies|wrote|writes|"
    r"saying|estimating|reporting|confirming|claiming|counting|recording|documenting|warned|"
    r"suggesting|adding|noting|insisting|stressing|explaining|"
    r"argued|argues|argue|arguing|contended|contends|contend|"
    r"(?:pointed|points|point|pointing)\s+out|"
    # "the commissioner pointed to 'between 400 and 500 dead'", "the charity points to 300"
    r"(?:pointed|points|point|pointing)\s+to(?=\s+(?:['‘\"“]|(?:[\w-]+\s+){0,3}?\d))|"
    # "the agency sounded the alarm over 400 people adrift": a warning, as "warned" is
    r"(?:sounded|sounds|sound|sounding|raised|raises|raising)\s+the\s+alarm(?=\s+(?:over|for|about|on)\b)|(?:fears|feared|fear)(?!\s+for\b)|"
    r"warns|insisted|insists|acknowledged|acknowledges|admitted|admits|alleged|alleges|"
    r"disclosed|discloses|revealed|reveals|mentioned|mentions|recalled|recalls|recalling|"
    r"stressed|stresses|emphasised|emphasized|emphasises|emphasizes|asserted|asserts|"
    r"(?:gave|gives|give|giving|(?<=has\s)given|(?<=have\s)given|(?<=had\s)given|(?<=earlier\s)given|(?<=already\s)given|(?<=previously\s)given|(?<=also\s)given|(?<=always\s)given|(?<=ly\s)given)(?=\s+(?:(?:a|an|the|its|their|his|her|out|as)\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:estimate|figure|count|tally|toll|total|number|\d)|"
    r"(?:\s+[\w'’-]+){1,3}\s+as\s)|"
    r"spoke|speaks|speak(?=\s+(?:of|about)\s)|warning(?=\s+that\b)|(?<=['’”\"]\s)(?:reads|read)|(?:reads|read)(?=\s*[.,;](?:\s|$))|"
    r"maintained|maintains|maintain|declared|declares|explained|explains|"
    r"listed|lists|reckons|reckoned|reckon|recognises|recognizes|recognised|"
    r"recognized|saw(?=\s+(?:only\s+|just\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|"
    r"more\s+than\s+|over\s+|as\s+many\s+as\s+|up\s+to\s+)?\d)|"
    r"(?:kept|keeps|keep|keeping)(?=\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:list|count|tally|record|records|database|register)\b)|"
    r"(?<=\sable\sto\s)(?:verify|confirm|document|count)|"  # "has been able to verify 835"
    r"cite|cited|cites|citing|announcing|quoted|concluded|concludes|calculated|calculates|"
    r"(?:names|named|naming|identifies|identified|identifying|classes|classed|classifies|"
    r"classified)(?=\s+(?:(?:at\s+least|about|some|more\s+than|over|nearly|almost)\s+)?"
    r"\d[\d,.]*\s+(?:[\w-]+\s+){0,3}?as\b)|"
    # "journalists have identified 4,500 killed", "X has established the names of 24,470"
    # "news organisations have each reached totals of 2,600", "sources hold the names of 57"
    r"(?:reached|reaches|reach)(?=\s+(?:a\s+|their\s+|its\s+)?(?:[\w-]+\s+)?(?:totals?|tally|tallies|"
    r"counts?|estimates?)\s+of\b)|(?:holds|hold|held)(?=\s+the\s+names\s+of\b)|"
    r"(?:identified|identifies|established|establishes|registered|registers)(?=\s+(?:the\s+"
    r"(?:names|identities|deaths|bodies)\s+of\s+)?(?:(?:at\s+least|about|around|some|more\s+than|"
    r"over|nearly|almost|roughly|approximately)\s+)?\d)|(?:established|establishes)(?=\s+that\b)|"
    r"(?:agree|agrees|agreed)(?=\s+that\b)|"
    # an allegation or a knowledge that gives a figure: "Human Rights Watch accused the police of
    # detaining hundreds", "charging that 28 were gunmen", "Viasna knows of more than 900 cases"
    r"(?:accused|accuses|accusing)(?=\s+(?!of\b)[\w'’-]+(?:\s+[\w'’-]+){0,5}?\s+of\b)|"
    r"(?:charged|charges|charging)(?=\s+that\b)|(?:knows|knew|know)(?=\s+of\b)|"
    # "kept 332 as the official figure"
    r"(?:kept|keeps|keep|keeping)(?=\s+(?:(?:at\s+least|about|some|more\s+than|over|nearly|"
    r"almost)\s+)?\d[\d,.]*\s+(?:[\w-]+\s+){0,2}?as\s+(?:the|its|their|an?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:figure|toll|count|number|total|estimate|tally)\b)|"
    # a claim made with a stance: "the city boasted that", "officials lied that", "X thinks that"
    r"(?:boasted|boasts|bragged|brags|lied|thinks)(?=\s+that\b)|"
    r"(?:raised|revised|updated|lowered|raising|revising|raises|revises|lowers|cut|cuts|"
    r"reduced|reduces|deflated|deflates|inflated|inflates|adjusted|adjusts|corrected|corrects|"
    r"increased|increases|decreased|decreases|lifted|lifts|trimmed|trims|slashed|slashes|"
    r"downgraded|downgrades|upgraded|upgrades|boosted|boosts)(?=\s+(?:its|their|his|her|the|"
    r"that|this)\s+"
    r"(?:[\w'’]+\s+){0,3}?(?:count|toll|tally|estimate|assessment|projection|figure|total|"
    r"number)\b)|"
    r"(?:offers|offered|offer|provides|provided|provide|published|publishes|issued|issues|"
    r"presented|presents|released|releases)"
    r"(?=\s+(?:a|an|its|their|his|her|our|my|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:estimate|guess|figure|count|tally|toll|total|number)s?\b))\b"
)
_AMBIGUOUS = word_set(  # a verb after a name ("UNHCR estimates"), a noun after an adjective
    """reports report estimates estimate claims claim counts records documents notes states
    shows show finds tallies figures fears fear lists argues"""
)
_NOT_A_SUBJECT = word_set(  # before a speech word, these make it a noun or a passive
    """the a an its their his her our this that these those of with in on by for from new
    latest earlier initial credible unconfirmed media press early first final previous
    provisional conflicting several many some such no been was were is are be being than
    other leaked independent"""
)
_SPEAKERS = word_set(
    """police officials official authorities authority government ministry army military agency
    agencies group groups monitors monitor activists activist survivors survivor witnesses
    witness experts expert unions union prefecture council spokesman spokeswoman spokesperson
    spokespeople doctors medics rescuers investigators researchers journalists reporters media
    coastguard navy organisers organizers organiser organizer organisation organization office
    service services department committee commission observers residents campaigners lawyers
    sources source officers commander commanders minister ministers mayor governor president
    premier leader leaders chief director head staff workers volunteers team network charity
    ngo ngos watchdog observatory hospital hospitals clinic morgue coroner junta regime rebels
    insurgents militants fighters forces troops analysts diplomats diplomat embassy court
    prosecutors prosecutor judge tribunal parliament lawmakers families relatives convenor
    secretary official officials operator company firm broadcaster newspaper paper television
    radio station agency bureau board institute foundation fund bank association federation
    party coalition alliance secretariat assembly senate congress command university tally
    survey study report statement marcher marchers protesters demonstrators students teachers
    farmers miners residents villagers elders elder guard guards staffers staffer crews crew
    engineers engineer nurses nurse physicians physician scientists scientist statisticians
    authors author counters parents mothers fathers principal headmaster commissioner
    commissioners colleague colleagues correspondent correspondents outlets channels
    representative representatives envoy envoys scholars scholar historians historian academics
    demographers demographer epidemiologists epidemiologist economists economist locals"""
)
_PASSIVE_BY = re.compile(
    r"\b(?:as\s+)?(?:was\s+|were\s+|been\s+|is\s+|are\s+)?(?:confirmed|reported|estimated|"
    r"stated|announced|documented|counted|recorded|tallied|verified|cited|put\s+forward|claimed|"
    r"mentioned|disclosed|revealed|"
    r"(?:listed|registered)(?:\s+as\s+\w+)?|"
    r"(?<=figures\s)(?:released|published|compiled|provided|issued|given|supplied)|"
    r"(?:(?<=figures\swere\s)|(?<=figure\swas\s)|(?<=numbers\swere\s)|(?<=data\swere\s)|"
    r"(?<=data\swas\s)|(?<=toll\swas\s)|(?<=figures\sare\s)|(?<=figure\sis\s))"
    r"(?:supplied|provided|released|published|compiled|issued|given)|"
    r"(?<=\d\s)(?:released|published|provided|issued|given))"
    r"(?:\s+(?:dead|killed|missing|injured|wounded)(?=\s+by\s))?"  # "confirmed dead by X"
    r"(?:\s+(?:on|last|this|in)\s+(?:\d{1,2}\s+)?[A-Z]?[a-z]+\.?(?:\s+\d{1,2}(?!\d))?"
    r"(?:,?\s+\d{4})?|\s+(?:yesterday|today|earlier|later)"
    # "the 26 reported earlier today by X", "the 40 confirmed later on Monday by X"
    r"(?:\s+(?:today|yesterday|this\s+(?:morning|afternoon|evening|week)|on\s+[A-Z][a-z]+|"
    r"in\s+the\s+(?:day|week))\b)?)?\s+by\s+"
)
_ANNOUNCED = re.compile(r"(?:confirmed|reported|announced|released|published|issued|given)\b")
_BY_COUNT = re.compile(  # "by the Associated Press's count", "by its own tally"
    r"\bby\s+(?:the\s+|an?\s+)?([^,.;:]{1,60}?)(?:['’]s?)?\s+(?:own\s+|latest\s+|new\s+)?"
    r"(?:count|tally|estimate|reckoning|figures|calculations?)\b",
    re.I,
)
_OWNED = (
    re.compile(  # "the organisers' estimate of", "the police estimate, ..., was", "Mu's figure of"
        r"(?:['’]s?\s+|\s+)(?:(?:own|latest|new|official|initial|provisional|revised|updated|"
        r"earlier|first|final|lower|higher|crowd|death|previous|last|current|original|"
        r"preliminary)\s+)*(?:estimate|figure|tally|count|toll|"
        r"total|number(?=\s+of\s+(?:[\w-]+\s+){1,4}?(?:stands|stood|was|is)\b))"
        r"(?:\s+of\s+(?:[\w-]+\s+){1,4}?(?=stands|stood|was|is))?"
        r"(?:\s*,[^,]{1,80},)?\s*(?:of|at|was|is|stands\s+at|stood\s+at|includes|included|:)?\s*"
        r"(?:(?:a|an|the|just|only|more|modest|far|some)\s+)*$"
    )
)
_GIVEN_BY = re.compile(  # "the estimate from the Parks service is", "figures by X put it at"
    r"\b(?:estimate|estimates|figure|figures|tally|count|toll|total)\s+(?:from|by)\s+"
    r"((?:the\s+)?[A-Z][^,;:.()]{1,60}?|(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+"
    r"(?:is|was|are|were|stands\s+at|stood\s+at|of)\s+$"
)
_FIGURES_OF = re.compile(  # "in the figures of X", "by the count of X": X's
    r"\b(?:in|by|on)\s+the\s+(?:(?:official|latest|own)\s+)?(?:figures|count|tally|data|records|"
    r"statistics|estimates?)\s+of\s+((?:the\s+)?[A-Z][^,;:()]{1,70}?)(?=\s*(?:[,;:()]|$|\.\s|"
    r"\.$|\s(?:and(?!\s+[A-Z])|but|though|although|while|whereas|which|who)\b))"
)
_ACCORDING = re.compile(r"\b(?:according\s+to|in\s+the\s+words\s+of)\s+", re.I)
"""'according to X' and 'in the words of X', which gives a figure as it does."""
_AUX = word_set(
    """has have had was is are were also has have had previously earlier later recently now then
    had already just once again separately initially meanwhile further can could will would may
    always
    might must should shall did does do even still however since instead too itself themselves
    himself herself"""
)
_VERBISH = word_set(  # words that end a subject read backwards from its verb
    """has have had was is are were be been being can could will would may might must should
    shall did does do told says said say"""
)
_SUBJECT_STOP = word_set(
    """that which who whom while although though but because since if when where whereas as
    after before with in on at for from to by than and or said says so while despite amid among
    about over under into what whether"""
)
_PRONOUNS = word_set("it they he she we the agency")
_DOCUMENTS = word_set("report reports study studies survey surveys analysis review census")
"""Documents a definite noun refers back to: "The report estimates", "The reports claimed"."""


_DOCUMENT_BEFORE = re.compile(  # "a report from X", "Amnesty's report", "the forensic reports"
    r"(?:\b(?:a|an|the|its|their|this|that)\s+(?:[\w-]+\s+){0,3}?|(?<![\w'’])(?P<owner>[A-Z][\w&.-]*"
    r"(?:\s+[A-Z][\w&.-]*){0,5})(?:['’]s?\s+(?:[a-z][\w-]*\s+){0,2}?|\s+(?:(?:annual|latest|new|"
    r"final|own|first|second|interim|preliminary|official|internal|leaked|recent)\s+)?))"
    r"(?:report|reports|study|studies|survey|surveys|"
    r"analysis|review|census)\b(?:\s+(?:from|by|of)\s+(?P<author>(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"[A-Z][^,;:.()]{0,70}?)(?=\s*(?:[,;:.()]|\s(?:said|says|warned|found|estimated|put|"
    r"shows|showed|concluded|published|released|on|in|that|which)\b)))?"
)


_VERB_AFTER_AUTHOR = re.compile(
    r"\s+(?=(?:was|were|is|are|has|have|had|will|would|came|comes|went|goes|got|gets|"
    r"appeared|appears|[a-z]+ed)\b)"
)
"""Where a document's author ends when a verb follows it in the same clause."""


_ISSUED = re.compile(
    r"\b(?:issued|published|released|produced|compiled|presented|prepared|wrote|submitted|"
    r"issues|publishes|releases|produces|presents)\s+$"
)


def _document_before(text: str, position: int, words: str) -> str | None:
    """Who the document a definite noun refers back to ("the report", "the reports") is by, as
    the text named it before: "a report from X" -> X; the words as written when that document
    has no author ("a report commissioned by the government", "the forensic reports"); None when
    the text named no document before (it may then stand for what the previous speaker said);
    "" when the document named before is one a speaker issued ("X issued a report")."""
    found = list(_DOCUMENT_BEFORE.finditer(text, max(0, position - 1500), position))
    if not found:
        return None
    last = found[-1]
    if _ISSUED.search(text, max(0, last.start() - 40), last.start()):
        return ""  # "X issued a report on Monday. The report said": X's, as the speaker's
    author = last.group("author") or last.group("owner")
    if author:  # "a report by X came out on Monday", "by X was released": X, not what it did
        capital = re.search(r"[A-Z]", author)
        verb = _VERB_AFTER_AUTHOR.search(author, capital.start()) if capital else None
        author = author[: verb.start()] if verb else author
    if author:  # "from the outlawed National Coordinator": the name
        author = re.sub(r"^(?:the\s+)?(?:[a-z][\w-]*\s+)+(?=[A-Z])", "", author)
    named = _clean_source(author) if author else None
    return named or _clean_source(words) or words


_CONTINUING = word_set(
    """agency organisation organization group monitor body watchdog charity ngo observatory
    network report statement"""
)
_GENERIC = word_set(
    """reports report sources source observers estimates figures data analysts experts
    witnesses residents people some many others critics it one"""
)
_NO_ONE = word_set(
    """reports report estimates estimate figures data numbers accounts tally count toll information
    evidence statistics"""
)
_REJECT = word_set(
    """those this these there here which what whom that i you we one both all each some any
    none nobody anyone someone everyone many few"""
)
_REPORT_NOUNS = (
    r"(?:report|reports|figures|figure|data|estimate|estimates|tally|count|statement|"
    r"numbers|records|toll|count|survey|analysis|study|census|breakdown|latest\s+\w+)"
)
_ORG_WORDS = word_set(
    """ministry department agency organisation organization office commission committee council
    watch international institute foundation bank fund observatory network group union nations
    cross crescent police army forces court government authority authorities service services
    centre center programme program association federation party news times post reuters press
    penal amnesty unicef ngo coalition alliance monitor secretariat parliament assembly senate
    congress tribunal bureau board command military hospital hospitals university
    doctors directorate inspectorate"""
)
_NOT_ORG_ACRONYMS = word_set(
    """US USA UK AM PM GMT UTC TV OK I A AN BIG WAY COVID ID AD BC VIP CEO DNA MP MPS MEP MEPS
    UPDATE REFILE CORRECTED WRAPUP RPT"""
)


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int
    end: int
    source: str
    rule: str
    direction: str  # "lead" (covers what follows), "trail" (what precedes), "both"
    pronoun: bool = False
    generic: bool = False


_OWNERS_PERSON = re.compile(
    r"(?P<owner>[A-Z][A-Z&.]+|(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*\s+(?:"
    + "|".join(("Agency", "Office", "Ministry", "Commission", "Organisation", "Organization"))
    + r"))['’]s\s+(?P<person>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2})"
)


OWNED_BODIES = word_set(
    """service services office desk team unit section branch bureau department division programme
    mission missions delegation delegations representation"""
)
"""A body an organisation's name owns ("VOA's Burmese service", "IOM's Libya Mission"), never a
person."""


def _owners_person(source: str) -> str:
    """ "UNHCR's Baloch", "the WHO's Margaret Harris": the person an organisation's name owns
    is the source (the organisation is offered among the alternatives); never a body or a
    document it owns ("UNHCR's Bangkok Office", "the WHO's Global Report")."""
    owned = _OWNERS_PERSON.fullmatch(source)
    if owned is None:
        return source
    person = owned.group("person")
    if any(
        word.casefold() in _ORG_WORDS | _INSTITUTIONS | _DOCUMENT_NOUNS | _TIME_WORDS
        or word.casefold() in _SPEAKERS | OWNED_BODIES
        for word in person.split()
    ):
        return source
    return person


_NGO_BEFORE_NAME = re.compile(r"^(?:(?:[\w-]+\s+){0,4}?)NGO\s+(?=[A-Z][a-z])")
"""What kind of body a name is, "NGO" in capitals but a common noun, and the words before it:
"the human rights NGO Memorial" is Memorial."""
_NGO_OPENS_THE_NAME = re.compile(
    r"(?:[Tt]he\s+)?NGO\s+(?i:forum|monitor|coordination|committee|council|network|alliance|"
    r"platform|working)\b"
)
"""A name "NGO" opens, a body's kind after it: "NGO Monitor", "the NGO Forum on Cambodia", "the
NGO Coordination Committee in Iraq" (the name whole, never "Monitor")."""


_PERSON_OF = re.compile(
    r"([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|von|van|de|der|del|da|al|bin|el|la|le)){0,2}"
    r"\s+[A-Z][\w'’-]*)\s+of\s+the\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)"
)


def _person_of_a_body(source: str) -> re.Match[str] | None:
    """ "Detlef von Schmeling of the police", "Ana Ruiz of the regional health ministry": the
    person's name when a body in small letters follows it whole (its last word a body's)."""
    person = _PERSON_OF.fullmatch(source)
    if person is None or person.group(2).split()[-1] not in _ORG_WORDS:
        return None
    return person


_QUOTED_WORDS = re.compile(r"(?:^|\s)['‘\"“][a-z]")
"""A quotation opening inside a source at a word in small letters: quoted words ("the country
'has recorded"), never a name ("the campaign 'Stop the War'")."""


_OPENS_WITH_A_VERB = re.compile(
    r"(?:having|being)\s|[a-z][\w-]*ing\s+(?:the|a|an|its|their|his|her|all|this|these|those)\s"
)
"""A participle and its object opening a source: "having cross-checked", "checking the list";
never a noun in "-ing" before its head ("mining companies", "polling staff")."""


_MODAL_INSIDE = re.compile(r"\s(?:will|would|shall|could|might|must|should)\s+(?:be|have|not)\b")
"""A modal verb and its verb inside a source: a clause's words, never a name."""


@functools.lru_cache(maxsize=4096)
def _clean_source(raw: str) -> str | None:
    # its words are spaced by single spaces; each rule below is tried only where the words or
    # marks it needs are
    source = " ".join(raw.replace("\n", " ").split()).strip(" ,;:.\"'“”‘’")
    if source.endswith("("):  # "said ASK (" where the text breaks off: no parenthesis opened
        source = source.rstrip(" (")
    # "But witnesses said"; "So far officials have counted" ("far officials" after "so")
    if source.startswith(("So", "Thus", "far", "But", "And", "Yet", "Still")):
        source = re.sub(r"^(?:(?:So|Thus)\s+far|far|But|And|Yet|So|Still)\s+", "", source)
    if "from" in source.lower() or "by" in source.lower():  # the words it ends before
        source = _DATE_BEFORE_AGENT.sub("", source)  # "a new toll on Wednesday from the ministry"
    if source.endswith(("alone", "itself", "themselves")):  # "X (AIIMS) alone reporting"
        source = re.sub(r"\s+(?:alone|itself|themselves)$", "", source)
    # "state officials and media reports": the officials
    if source.endswith(("reports", "accounts")):
        source = re.sub(
            r"(?<=\w)\s+and\s+(?:(?:local|media|news|press|other|various|unconfirmed)\s+)+"
            r"(?:reports|accounts)$",
            "",
            source,
        )
    # a source never starts with a preposition: "of the deaths reported" names no one, "In New
    # Delhi Prime Minister X" is the minister
    source = re.sub(r"^(?:of|in|at)\s+(?:(?:the|a|an)\s+)?", "", source, flags=re.I)
    # a title before a name: "UN High Commissioner for Refugees Filippo Grandi", "Maj. Gen. X"
    commissioned = (  # "a report commissioned by the government": the report
        re.match(
            r"(?:(?:a|an|the)\s+)?((?:[\w-]+\s+){0,2}?(?:report|study|survey|review|analysis|"
            r"inquiry))\s+(?:commissioned|funded|ordered|requested|sponsored|paid\s+for)\s+by\b",
            source,
            re.I,
        )
        if "by" in source.lower()
        else None
    )
    if commissioned:
        return commissioned.group(1)
    role = (
        re.match(r"(?:(?:an?|the)\s+)?(?:[a-z][\w-]*\s+)?([a-z]+)\s+to\s+\S", source)
        if " to " in source
        else None
    )
    if role and role.group(1) in _ROLES_TO and len(source.split()) <= 9:
        return re.sub(r"^(?:an?|the)\s+", "", source)  # "an aide to the supreme leader X"
    source = _after_title(source)
    if "NGO " in source and not _NGO_OPENS_THE_NAME.match(source):
        source = _NGO_BEFORE_NAME.sub("", source)  # "the Russian human rights NGO Memorial"
    # a name in quotation marks ("the 'Defender la Libertad' Campaign"), never an apostrophe
    # ("the organisers' count", "O'Brien")
    if "'" in source or "‘" in source:
        source = re.sub(r"(?:^|(?<=\s))['‘]([A-Z][^'‘’]*?)['’](?=\s|$)", r"\1", source)
    if _QUOTED_WORDS.search(source):
        return None  # "the country 'has": quoted words inside, never a name
    if _OPENS_WITH_A_VERB.match(source) or _MODAL_INSIDE.search(source):
        # "having cross-checked all the information", "the earthquake will be about half the
        # earlier estimate": a clause, never a name
        return None
    source = source.replace('"', "").replace("“", "").replace("”", "")
    if "(" in source:
        acronym = re.search(r"\(([A-Z][A-Za-z&.-]{1,11})\)\s*$", source)
        if acronym:
            return acronym.group(1)
        source = re.sub(r"\s*\([^)]*\)", "", source)
    if "from" in source.lower() or "by" in source.lower() or "of" in source.lower():
        source = re.sub(  # "figures from X", "the data of X"
            r"^(?:(?:(?:the|a|an)\s+)?" + _REPORT_NOUNS + r"|(?:the\s+)?latest|new|official)"
            r"\s+(?:from|by|of)\s+",
            "",
            source,
            flags=re.I,
        )
    lead_in = (  # "a report released on Wednesday by X", "figures compiled by X"
        re.match(
            r"(?:(?:a|an|the)\s+)?(?:\w+\s+)?" + _REPORT_NOUNS + r"\b(?-i:[^A-Z])*?\b(?:by|from|"
            r"(?<=published\s)in)\s+",  # "a study published in The Lancet": the journal
            source,
            re.I,
        )
        if "by" in source.lower() or "from" in source.lower() or "published" in source.lower()
        else None
    )
    author = source[lead_in.end() :] if lead_in else ""
    lowercase = re.fullmatch(
        r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}([a-z]+)(?:\s+(?:on|last|this|in)\s.*)?", author
    )
    if lead_in and (
        re.match(r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}[A-Z]", author)
        or (lowercase and lowercase.group(1) in _SPEAKERS | _ORG_WORDS)  # "by the ministry"
    ):
        source = source[lead_in.end() :]
    if " the " in source or " a " in source or " an " in source:
        source = re.sub(
            r"^.*\b(?!(?:of|for|and|on|in|de|to)\b)[a-z][\w-]*\s+(?:the|a|an)\s+(?=[A-Z])",
            "",
            source,
        )
    source = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", source, flags=re.I)
    posted = _POSTED.fullmatch(source)
    if posted:  # "a post on the Facebook page of the army", "a statement on the army's website"
        source = posted.group(1) or posted.group(2) or posted.group(3)
    if "'" in source or "’" in source:
        source = re.sub(r"^[a-z]+['’]s\s+(?=[A-Z])", "", source)  # "the country's Ministry of X"
        source = re.sub(  # "the country's interior ministry": the ministry
            r"^(?:country|nation|state|city|region|province|island|territory)['’]s\s+(?=[a-z])",
            "",
            source,
        )
    if "'s " in source or "’s " in source:
        source = _owners_person(source)  # "UNHCR's Baloch": Baloch
    if source[-1:].isdigit():  # "the Report 2012"
        source = re.sub(r"(?<=[A-Za-z])\s+(?:19|20)\d\d$", "", source)
    source = re.sub(  # "the CCDHRN on Wednesday", "the ministry yesterday", "X on Nov. 21"
        r"(?:\s+(?:released|issued|published|given|updated))?"  # "figures released on Monday"
        r"\s+(?:(?:on|last|this)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"week|month|night)|yesterday|today|on\s+(?:\d{1,2}\s+)?" + _MONTHS_OR_SHORT + r")$",
        "",
        source,
        flags=re.I,
    )
    if "'" in source or "’" in source:
        source = re.sub(
            r"['’]s\s+(?:(?:own|latest|new|official|initial|provisional|revised|updated|earlier|"
            r"first|final|annual|weekly|daily)\s+)*(?:[A-Z][\w-]*\s+){0,4}(?:"
            + _REPORT_NOUNS
            + r"|estimate|figure|database|list|research|website|blog)\b.*$"
            r"|['’]s$",
            "",
            source,
        )
    spokesman = (
        re.match(r"(?:\w+\s+)?spokes(?:man|woman|person)\s+(?:for|of)\s+(?:the\s+)?", source)
        if "spokes" in source
        else None
    )
    if (
        spokesman
        and re.match(r"[A-Z]", source[spokesman.end() :])
        and not _a_person(source[spokesman.end() :], spokesman.group().endswith("the "))
    ):
        source = source[spokesman.end() :]  # "a spokesman for the Front": the Front
    source = _head_of(source)
    member = (
        re.match(
            r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s+of\s+(?:the\s+)?(?:[a-z][\w-]*\s+){1,3}[A-Z]",
            source,
        )
        if " of " in source
        else None
    )
    if member and not any(
        word.casefold() in _ORG_WORDS | _SPEAKERS | _NOT_PEOPLE | _INSTITUTIONS
        for word in member.group(1).split()
    ):
        source = member.group(1)  # "Vince Edwards of the aid group World Vision": the person
    named = re.match(  # "Interior minister Aftab Sherpao", "news agency APS": the name
        r"(?:.*?\s)?(?:(?!the\s)[a-z][\w-]*)\s+((?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*|of|for|"
        r"and|de|al|bin|van|von|der|la|le|du|da|y|the(?=\s+[A-Z])))*)$",
        source,
    )
    placed = named and re.search(
        r"\b(?:in|at|near|across)\s+[a-z][\w-]*\s+$", source[: named.start(1)]
    )
    if (  # "authorities in neighbouring Mozambique": the authorities, not the place
        named
        and not placed
        and source[: named.start(1)].split()[-1]
        not in STOP_WORDS | _COMPASS | _NAME_PARTICLES | {"to", "off", "near"}
    ):
        source = named.group(1)
    outlet = re.fullmatch(  # "the private Dawn News channel": Dawn News
        r"(?:[a-z][\w-]*\s+)+((?:[A-Z][\w&'’-]*\s+){0,3}[A-Z][\w&'’-]*)\s+(?:news\s+)?"
        r"(?:channel|newspaper|daily|broadcaster|television|radio|station|website|weekly)",
        source,
    )
    if outlet:
        source = outlet.group(1)
    apostrophe = "'" in source or "’" in source
    possessive = (
        re.match(
            r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?)['’]s\s+(?:press\s+)?(?:office|spokes\w+)$", source
        )
        if apostrophe
        else None
    )
    if possessive:
        source = possessive.group(1)  # "the prosecutor's office": the prosecutor
    source = _head_of(source)
    if apostrophe:
        source = re.sub(r"(?<=s)['’]\s+(?:latest|new|own|" + _REPORT_NOUNS + r")\b.*$", "", source)
    if "-based" in source or "-led" in source:
        source = re.sub(  # "the Britain-based Syrian Observatory"; never "NATO-led forces"
            r"^(?:(?:[A-Z][\w.]*\s+){0,2}[\w-]+-based|[\w-]+-led)\s+(?=[A-Z])", "", source
        )
    if source.startswith(("latest", "recent", "new", "official", "Latest", "Recent", "Official")):
        source = re.sub(
            r"^(?:latest|recent|new|official|(?:Latest|Recent|Official)(?=\s+(?!sources?\b)[a-z]))"
            r"\s+(?!(?:of|for|at|in|from|with|on)\b)",
            "",
            source,
        )  # "Official police count": the police; not "New York Times", "an official at the
        # ministry", nor "Official sources" (as written)
    bare = re.sub(r"(?:\s+" + _REPORT_NOUNS + r")+$", "", source)  # "Red Cross figures"
    document = (
        re.fullmatch(
            r"(?:(?:the|a|an)\s+)?(?:[a-z]+\s+){0,2}((?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}|"
            r"[a-z]+)\s+(?:report|survey|study))",
            source,
        )
        if source.endswith(("report", "survey", "study"))
        else None
    )
    if document and (document.group(1)[0].isupper() or document.group(1).split()[0] in _SPEAKERS):
        source, bare = document.group(1), ""  # "a Harvard survey", "the police report": as written
    if (
        bare.strip(" ,;:.-")
        and _names_someone(bare.strip(" ,;:.-"))
        and not (_DIGIT.search(bare) and _numbered_document(source))
    ):  # "Red Cross figures": the Red Cross; "the 1991 census", "the 10-page report" as written
        source = bare
    source = re.sub(r"^(?:the|a|an)\s+", "", source, flags=re.I)
    if source.startswith(("Mr", "Ms", "Miss")):  # "Mr. Olukolade"
        source = re.sub(r"^(?:Mr|Mrs|Ms|Miss)\.?\s+(?=[A-Z])", "", source)
    person = (
        re.match(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s+of\s+(?:[Tt]he\s+)?[A-Z]", source)
        or _person_of_a_body(source)
        if " of " in source
        else None
    )
    if person and re.fullmatch(_TITLE_WORDS, person.group(1)):
        person = None  # "Inspector General of Police X", "Superintendent of Police X": a title
    titled = person and re.match(_TITLE_WORDS + r"\s+(?=[A-Z])", person.group(1))
    if person and titled:  # "Governor Uba Sani of Kaduna State": the governor
        name = person.group(1)[titled.end() :].split()
        if name and not any(
            word.casefold() in _ORG_WORDS | _SPEAKERS | _NOT_PEOPLE | _INSTITUTIONS for word in name
        ):
            source = person.group(1)
    elif person and not any(
        word.casefold() in _ORG_WORDS | _SPEAKERS | _NOT_PEOPLE | _INSTITUTIONS
        for word in person.group(1).split()
    ):
        source = person.group(1)  # "Nicholas D. Kristof of The New York Times": the writer
    source = source.strip(" ,;:.-")
    both = re.match(r"(.+?)\s+and\s+the\s+[A-Z]", source) if len(source.split()) > 9 else None
    if both and len(both.group(1).split()) <= 6:
        source = both.group(1)  # "the UN refugee agency and the UN Office for the ... said"
    if not source or not any(c.isalpha() for c in source):
        return None
    if len(source.split()) > 9 and not _long_name(source):
        placed = re.match(r"(.+?)\s+(?:at|in|near)\s+(?:the\s+)?[\w-]", source)
        words = placed.group(1).split() if placed else []
        head = words[-1].casefold().removesuffix("'s").removesuffix("’s") if words else ""
        if (
            placed
            and len(words) <= 6
            and (head in _SPEAKERS | _ORG_WORDS or head.rstrip("s") in _SPEAKERS)
        ):
            return _clean_source(placed.group(1))  # "the UN prosecutor's office at the tribunal …"
        return None  # a long name is one only in capitals: "Office of the UN High Commissioner …"
    if " of" in source.lower() and re.match(
        r"(?:one|two|some|many|most|several|all|each|none|both)\s+of\b", source, re.I
    ):
        return None  # "One of the organisers"
    if (
        source.casefold() in _REJECT
        or source.casefold() == "no one"  # "No one has been able to confirm the 40 deaths"
        or source == "who"
        or (  # a digit outside a web address ("bdnews24.com" names someone), looked for only
            # when there is one
            _DIGIT.search(source) is not None
            and re.search(r"\d(?![\d,.]*(?:st|nd|rd|th|[A-Z]+)\b)", _WEB_ADDRESS.sub("", source))
            and not _numbered_document(source)
        )
    ):
        return None
    if not _names_someone(source) or source.split()[-1].casefold() in _SPANS:
        return None  # "researchers who worked over five months had listed": not "five months"
    if re.search(r"(?<![\w.])(?:[A-Z]\.)+[A-Z]$", source):
        return source + "."  # "the U.N.": its last full stop is the name's
    return source


_NUMBERED = re.compile(r"(?:19|20)\d\d(?=\s+[A-Za-z])|\d+-[a-z]+\b")
"""Numbers inside a document's or a body's name: its year ("the 1991 census", "a 2018 study")
or its size ("the 10-page report", "a 12-member commission")."""


def _numbered_document(source: str) -> bool:
    """Whether every number in ``source`` is a year or a size in the name of a document ("the
    1991 Yugoslav census", "the 10-page report") or a body ("a 12-member commission") that is
    all ``source`` names: never a count of people ("40 deaths", "20 officials")."""
    words = source.casefold().split()
    head = words[-1] if words else ""
    if head not in _DOCUMENTS | {"commission", "committee", "panel", "team", "inquiry"}:
        return False
    if any(word in _GOVERNED_BY for word in words):
        return False  # "an analysis of data from a 2022 study": the year is another document's
    if re.search(r"\w['’]s?\s", source):
        return False  # "the ministry's 2020 census": the ministry's, as "the ministry's census"
    return not _DIGIT.search(_NUMBERED.sub("", source))


_NAME_PARTICLES = word_set("de del la las los al el da das do dos du le van von der den bin y")
"""Small words inside a name ("Defender la Libertad", "Antigua al Rescate"): never a role
before it."""

_WEB_ADDRESS = re.compile(WEB_ADDRESS)
"""A name that may hold digits ("bdnews24.com")."""


def _long_name(source: str) -> bool:
    """Whether ``source`` of more than nine words is one name: a head word, then only capitalised
    words and small links, ending in a capitalised word."""
    words = source.split()
    head = words[0].casefold()
    return (
        (words[0][:1].isupper() or head in _SPEAKERS | _ORG_WORDS)
        and all(word[:1].isupper() or word in _IN_TITLE or word == "in" for word in words[1:])
        and words[-1][:1].isupper()
    )


_DATE_BEFORE_AGENT = re.compile(
    r"(?:\s+(?:released|issued|published|given|updated))?\s+(?:(?:on|last|this)\s+(?:monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|week|month|night)|yesterday|today)"
    r"(?=\s+(?:from|by)\s)",
    re.I,
)
"""A date between a document noun and its author, cut so the noun meets its "from"."""
_MONTHS_OR_SHORT = (  # a month a source's trailing date is cut at ("on Nov", "on 21 November")
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december)\.?"
)
_TITLE_WORDS = (
    r"(?:Prime\s+Minister|President|Vice[\s-]President|Minister|Governor|Mayor|Senator|Secretary"
    r"|Commissioner|Chancellor|Premier|King|Queen|Prince|General|Major-General|Gen\.|Maj\."
    r"|Col\.|Colonel|Brigadier|Brig\.|Lt\.|Captain|Capt\.|Commander|Chief|Spokes(?:man|woman|person)"
    r"|(?:Senior\s+|Deputy\s+|Assistant\s+)?(?:Superintendent|Inspector|Director|Sheriff|Judge)"
    r"(?:\s+General)?(?:\s+of\s+Police)?)"
)
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|[a-z]{1,3}-[A-Z][\w'’-]*|al|bin|de|van|von|da|du|el|la|le)"
_TITLED = re.compile(  # "Commissioner for Refugees X", "Minister of Foreign Affairs X"
    _TITLE_WORDS
    + r"(?:\s+(?:for|of)\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*s|[A-Z][\w-]*))?"
    r"\s+([A-Z][\w.'’-]*(?:\s+" + _NAME_WORD + r"){1,3})"
)
_PERSON = re.compile(  # "Ahmed Saleh", "President Joko Widodo", "Gen. Ade Bello"
    r"(?:" + _TITLE_WORDS + r"\s+)?[A-Z][a-z][\w.'’-]*(?:\s+" + _NAME_WORD + r"){1,3}"
)


def _a_person(name: str, definite: bool) -> bool:
    """Whether ``name`` after "a spokesman for" is a person's, so that the spokesman speaks for
    them and is the source ("a spokesman for Ahmed Saleh"), never an organisation ("a spokesman
    for the Front", "for Hamas", "for Amnesty International")."""
    titled = re.match(_TITLE_WORDS + r"\s+", name)
    return (
        not definite
        and _PERSON.fullmatch(name) is not None
        and not any(
            word.casefold() in _ORG_WORDS | _SPEAKERS | _NOT_PEOPLE | _INSTITUTIONS
            for word in name[titled.end() if titled else 0 :].split()
        )
    )


_IN_TITLE = word_set("of for and the on")


def _after_title(source: str) -> str:
    """The name a long title heads: "Assistant Commissioner Martin Hewitt", "UN High Commissioner
    for Refugees Filippo Grandi", "Ministry spokesman Maj. Gen. X"; never a name inside a longer
    phrase ("Organisers of the march against President X"), and a lone title stays."""
    if source.islower():
        return source  # every title is capitalised
    for title in re.finditer(r"(?<![\w-])" + _TITLE_WORDS, source):
        name = _TITLED.fullmatch(source, title.start())
        if name is None or re.search(_TITLE_WORDS, name.group(1)):
            continue
        before = source[: title.start()].split()  # a lone title stays: "Minister Asha Rao"
        if before[-2:-1] and before[-2].startswith("spokes") and before[-1] in ("for", "to"):
            continue  # "a spokesman for President X": the spokesman speaks, not X
        if before and all(w[:1].isupper() or w in _IN_TITLE or w in _SPEAKERS for w in before):
            return name.group(1)
    return source


_INSTITUTIONS = word_set(  # never a person's name: "the National School of Development of ..."
    """school college academy institution museum library center centre laboratory lab clinic
    society company corporation agency authority network trust"""
)
_COMPASS = word_set(  # "the police chief of western Tehran Province": a place, not a title and name
    """northern southern eastern western central north south east west northeastern northwestern
    southeastern southwestern upper lower greater"""
)
_SITES = r"(?:page|account|website|site|feed|channel|blog)"
_POSTED = re.compile(
    r"(?:post|statement|message|notice|tweet|update)s?\s+on\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}?" + _SITES + r"\s+of\s+(?:the\s+)?(.+)"
    r"|(.+?)['’]s?\s+(?:[\w-]+\s+)?" + _SITES + r")"
    r"|(.+?)['’]s\s+(?:[\w-]+\s+)?(?:page|post|website|account|blog|feed)\s+on\s+.+",
    re.I,
)
_SPANS = word_set("seconds minutes hours days weeks months years decades")
_SPEAKER_STEMS = frozenset(word.rstrip("s") for word in _SPEAKERS)


def _head_of(source: str) -> str:
    """ "Organizers of today's march", "Survivors of a shipwreck off Libya": the speakers, not
    what they belong to (a tail in capitals stays: "Ministry of the Interior"). ``source`` is as
    :func:`_clean_source` spaces it: one space between words."""
    part_of = (
        re.match(
            r"((?:[A-Za-z]+\s+and\s+)?(?:[A-Z]\w*\s+)?[A-Za-z][\w-]*)\s+(?:of|off|on|\w+ing)\s+"
            r"(?:(?:the|an?)\s+)?",
            source,
        )
        if " o" in source or "ing " in source  # what its words start or end with
        else None
    )
    if (
        part_of
        # "organizers of the 'March for Our Democracy'": a quoted title is what they organise
        and (source[part_of.end() :][:1].islower() or source[part_of.end() :][:1] in "'‘")
        and part_of.group(1).split()[-1].casefold().rstrip("s") in _SPEAKER_STEMS
        and part_of.group(1).casefold().removeprefix("a ").removeprefix("the ") not in _COLLECTIVE
        and part_of.group(1).split()[-1].casefold() not in _RANKS
    ):
        return part_of.group(1)
    return source


_RANKS = word_set("head heads chief chiefs director directors member members")
"""A word that alone names no one ("head"): "the head of the local council" stays whole."""
_COLLECTIVE = word_set(  # a word that alone names no one: "a group of activists" stays whole
    "group groups body collective coalition network alliance association federation"
)


_DEGREE = word_set("more less most least very far much too so rather")
_ORDINALS = word_set(
    "second third fourth fifth sixth seventh eighth ninth tenth last next latter former same"
)
_COUNT_HEADS = word_set(
    """number numbers toll total figure figures count size strength tally rate share majority
    half rest bulk scale extent level estimate estimates turnout death deaths"""
)


def _names_someone(source: str) -> bool:
    """Whether ``source`` can name who made a claim: a proper name (a capitalised word past the
    first, an acronym) or words ending in a speaker noun ("regional fire service", "Survivors");
    never a fragment ("The", "number of", "credible")."""
    words = source.replace("’", "'").split()
    if re.fullmatch(r"[A-Z][A-Z&]+s?", words[-1]):
        return True  # an acronym: "WHO", "UNHCR"
    head = words[-1].casefold().removesuffix("'s").rstrip("'")
    if head in _SPEAKERS or head in _ORG_WORDS or head.rstrip("s") in _SPEAKERS:
        return True
    if head in STOP_WORDS or head in _NOT_A_SUBJECT or head in _VERBISH or head in _ORDINALS:
        return False
    if words[0].casefold() in _COUNT_HEADS:
        return False  # "number of arrests", "strength of the quake"
    if words[0].casefold() in _DEGREE and all(word.islower() for word in words):
        return False  # "a more accurate estimate of": a degree of an adjective, never a name
    # never "credible", "updated", "provisional"
    return not (
        words[-1][:1].islower()
        and head.endswith(("ed", "ing", "ly", "ble", "al", "ous", "ive", "ful", "ic"))
    )


_TOKEN = re.compile(
    WEB_ADDRESS  # a web address is one word: "bdnews24.com", "bbc.co.uk"
    + r"|\([A-Z][A-Za-z&.-]{1,11}\)|[A-Z]+(?:\.[A-Z]{2,})+['’]?s?\b|(?:[A-Z]\.){2,}(?=\s+[a-zA-Z])"
    r"|[\w'’-]+|[^\w\s]"
)


_REACH = 200
"""How far back a subject is looked for: a subject is a few words, and reading a whole long
sentence again for every verb would make time grow with the square of its length."""


def _tokens_before(text: str, sentence_start: int, position: int) -> list[re.Match[str]]:
    """The words and marks of ``text`` up to ``position``, from the last run of non-space
    characters before ``sentence_start`` on: those the whole text's tokens would give there (a
    token never holds whitespace), without reading the text from its beginning each time."""
    return list(_TOKEN.finditer(text, _run_start(text, sentence_start), position))


def _run_start(text: str, position: int) -> int:
    """Where the last run of non-space characters before ``position`` starts."""
    back = position
    while back > 0 and text[back - 1].isspace():
        back -= 1
    while back > 0 and not text[back - 1].isspace():
        back -= 1
    return back


@dataclass(frozen=True, slots=True)
class _SentenceTokens:
    """A sentence's tokens, read once: :func:`_tokens_before` for any window of the sentence,
    without reading the words again for every verb."""

    text: str
    end: int
    matches: list[re.Match[str]]
    starts: list[int]

    @classmethod
    def read(cls, text: str, sentence_start: int, sentence_end: int) -> _SentenceTokens:
        matches = list(_TOKEN.finditer(text, _run_start(text, sentence_start), sentence_end))
        return cls(text, sentence_end, matches, [match.start() for match in matches])

    def before(self, start: int, position: int) -> list[re.Match[str]]:
        """``_tokens_before(text, start, position)``: the tokens read from the start of the run
        before ``start`` are the sentence's (a token never holds whitespace), and a token that
        ``position`` cuts is read again up to it, as reading up to ``position`` would."""
        if position > self.end:
            return _tokens_before(self.text, start, position)
        low = bisect.bisect_left(self.starts, _run_start(self.text, start))
        high = bisect.bisect_left(self.starts, position)
        if high > low and self.matches[high - 1].end() > position:
            cut = self.starts[high - 1]
            return self.matches[low : high - 1] + list(_TOKEN.finditer(self.text, cut, position))
        return self.matches[low:high]


def _subject_before(
    text: str, position: int, sentence_start: int, words: _SentenceTokens | None = None
) -> tuple[str, int] | None:
    """The subject of a verb at ``position``: the noun phrase before it, read backwards to a verb
    or a clause boundary; across an aside ("X, who heads Y, said"; "the agency, UNHCR, said");
    the clause's subject for a second verb ("did not say when, but said"). ``words``: the
    sentence's tokens, when they were read already.
    """
    reach = max(sentence_start, position - _REACH)
    tokens = words.before(reach, position) if words else _tokens_before(text, reach, position)
    index = len(tokens) - 1
    while index >= 0 and tokens[index].start() >= sentence_start:
        word = tokens[index].group().casefold()
        if word in _AUX or (word.endswith("ly") and len(word) > 4 and word not in _NOT_ADVERBS):
            index -= 1
            continue
        if (
            word == "first"
            and index > 0
            and tokens[index - 1].group().casefold() not in _BE | DETERMINERS | {"at", "a", "the"}
        ):
            index -= 1  # "Zenz had first estimated", "the ministry first put": an adverb
            continue
        if word == "far" and index > 0 and tokens[index - 1].group().casefold() in ("so", "thus"):
            index -= 2  # "it had so far confirmed": an adverb, not the subject
            continue
        if index > 0 and (tokens[index - 1].group().casefold(), word) in _ADVERB_PAIRS:
            index -= 2  # "the agency had at first said", "the ministry in turn put"
            continue
        if word in _TIME_WORDS and index > 0:  # "the government on Sunday put"
            index -= 1
            if tokens[index].group().casefold() in ("on", "last", "this", "early", "late", "by"):
                index -= 1
            continue
        break
    if index < 0 or tokens[index].start() < sentence_start:
        return None
    last = tokens[index].group()
    if last.casefold() in ("whether", "if"):
        return None  # "unclear whether estimated turnout": a participle before a noun
    if last == "that" and _relative_that(tokens, index, sentence_start):
        index -= 1  # "a study that put the toll at 2,975": the study
        last = tokens[index].group()
    if last in ("who", "which") and index > 0:  # "Bana Lawan, who said 4 ..."
        if tokens[index - 1].group() == "," and not (
            last == "which" and index > 1 and tokens[index - 2].group()[:1].isupper()
        ):  # "X, an epidemiologist at the CDC, which counts": the CDC, never a person
            aside = (
                _before_aside(text, tokens, index - 1, sentence_start)
                if _appositive_before(text, tokens, index - 1, sentence_start)
                else None
            )
            if aside is not None and not aside[0][:1].isdigit():
                return aside  # "one survivor, an 18-year-old man, who said": the survivor
        comma = tokens[index - 1].group() == ","
        index -= 2 if comma else 1
        if index < 0:
            return None
        antecedent = _phrase(text, tokens, index, sentence_start) if comma else None
        if antecedent is not None and tokens[index].group()[:1].isalpha():
            # "the U.S. Centers for Disease Control and Prevention, which counts 660", "an
            # aide to the president, who said": the phrase before the comma, not the noun a
            # preposition before it hangs on
            hung = _ORGANISATION_AFTER.search(antecedent[0]) if last == "which" else None
            if hung and hung.group(1).split()[-1] in _ORG_WORDS:
                # "an official at the health ministry, which counts": the ministry, never a
                # person
                return hung.group(1), antecedent[1] + hung.start(1)
            return antecedent
        last = tokens[index].group()
    if last.casefold() in ("it", "they", "he", "she", "we"):
        return last, tokens[index].start()
    if last in (",", "—", "–"):
        return _across_adverb(text, tokens, index, sentence_start) or _before_aside(
            text, tokens, index, sentence_start
        )
    if last.casefold() in ("and", "but"):
        return _clause_subject(text, sentence_start, tokens[index].start())
    phrase = _phrase(text, tokens, index, sentence_start)
    if phrase is not None:
        phrase = _relative_head(text, tokens, phrase, sentence_start) or phrase
        governing = _governing_noun(text, tokens, phrase, sentence_start)
        if governing is not None:
            return governing
        first = bisect.bisect_left([token.start() for token in tokens], phrase[1])
        head = phrase[0].split()[-1]
        if first > 0 and tokens[first - 1].group() == "to" and phrase[0] == head and head.islower():
            return None  # "under pressure to stop reporting": a verb, no speaker
        if (
            first > 3
            and tokens[first - 2].group() == "to"
            and tokens[first - 1].group().isalpha()
            and tokens[first - 1].group().islower()
            and re.fullmatch(r"[a-z]+ed", tokens[first - 3].group())
            and tokens[first - 3].start() >= sentence_start
        ):  # "a judge appointed to investigate the violence said": the judge, never the violence
            named = _phrase(text, tokens, first - 4, sentence_start)
            return named if named and _names_someone(named[0].split()[-1]) else None
        if (
            first > 0
            and tokens[first - 1].group().casefold() in _WHEN_PREPOSITIONS
            and head.islower()
            and head not in _SPEAKERS | _ORG_WORDS
            and head.rstrip("s") not in _SPEAKER_STEMS
        ):
            return None  # "figures released after the vote showed": never the vote; but "after
            # police said", a conjunction
        return phrase
    return None


_SENTENCE_ADVERBS = word_set(
    "however meanwhile though nevertheless nonetheless moreover instead too also therefore"
)
_OPENS_A_CLAUSE = re.compile(r"[;:]|,\s*(?:and|but|whereas|while|although|though|as)\s")


def _across_adverb(
    text: str, tokens: list[re.Match[str]], index: int, sentence_start: int
) -> tuple[str, int] | None:
    """ "A memorial put up by the state just outside the park, on the street leading to the
    temple, however, suggests": the clause's subject, read from the clause's start, when a
    sentence adverb between commas comes before the verb and the words before it hold asides
    of their own (the last noun before the adverb is then an aside's, never the subject)."""
    if index < 2 or tokens[index - 2].group() != ",":
        return None
    if tokens[index - 1].group().casefold() not in _SENTENCE_ADVERBS:
        return None
    aside = tokens[index - 2].start()
    openings = list(_OPENS_A_CLAUSE.finditer(text, max(sentence_start, aside - _REACH), aside))
    start = openings[-1].end() if openings else sentence_start
    if not any(
        token.group() == "," and not _in_number(text, token)
        for token in tokens[: index - 2]
        if token.start() >= start
    ):
        return None  # "The ministry, however, said": read as before
    subject = _clause_subject(text, start, aside)
    if subject is None or _clean_source(subject[0]) is None:
        return None
    return subject


_CONTENT_NOUNS = word_set(
    "fact news fear fears hope hopes belief idea notion possibility likelihood chance risk danger"
    " concern concerns worry worries assumption impression sign signs"
)
"""Nouns whose "that" says what they are, never which one: "the fact that reported cases rose"."""

_THAT_CONJUNCTIONS = word_set(
    "given provided providing except considering assuming supposing seeing save unless but now"
)
"""Words that make "that" a conjunction ("given that", "except that"): never a noun before it."""

_COPULAS = word_set(
    "is was are were be been being am seems seemed remains remained became become appears appeared"
    " not very quite too all"
)
"""Words before an adjective ("is clear", "are aware", "not sure"): the "that" after it is no
relative."""


def _relative_that(tokens: list[re.Match[str]], index: int, sentence_start: int) -> bool:
    """Whether the "that" at ``tokens[index]``, just before a reporting verb, opens a relative
    clause on the noun before it ("a study that put the toll at 2,975", "reports that
    estimated"): never after a verb, an adverb or a conjunction ("said that", "so that")."""
    if index < 1 or tokens[index - 1].start() < sentence_start:
        return False
    noun = tokens[index - 1].group()
    folded = noun.casefold()
    before = [token.group().casefold() for token in tokens[max(0, index - 3) : index - 1]]
    if before[-1:] in (["so"], ["such"]) or before[-2:] in (["such", "a"], ["such", "an"]):
        return False  # "so severe that reported deaths exceeded 300": a result, no noun
    if folded in _THAT_CONJUNCTIONS:
        return False  # "given that reported cases top 300", "except that"
    if (
        before[-1:]
        and before[-1] in _COPULAS
        and noun.islower()
        and folded not in _DOCUMENTS | _SPEAKERS | _ORG_WORDS
    ):
        return False  # "it is clear that", "doctors are aware that": an adjective, no noun
    return (
        folded not in _CONTENT_NOUNS
        and noun.isalpha()
        and folded not in _SUBJECT_STOP | _VERBISH | _AUX | DETERMINERS | STOP_WORDS
        and not _SPEECH.fullmatch(noun)
        and not (noun.islower() and re.fullmatch(r"\w+(?:ed|ing|ly)", noun) is not None)
    )


_WHEN_PREPOSITIONS = word_set("after before during since following amid until")
"""Prepositions that date or place in time: their object never speaks."""


_GOVERNED_BY = word_set("from in at by near with for on of")
"""Prepositions whose object a subject read backwards may stop at: "a hostage freed from a
school said", "a survey by the IRC in eastern Congo estimated"."""
_AUTHORED = word_set("by of for")
"""Prepositions that name whose a document or a role is: "a survey by the IRC", "an official of
the school"; the others only place or date the subject ("from the capital", "in Congo")."""


_ROLE_THEN_NAME = re.compile(r"(?:^|\s)([a-z][\w-]*)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+$")


def _role_and_name(phrase: str) -> bool:
    """Whether ``phrase`` ends in a name of two or more capitalised words after a role ("the
    talks Olusegun Obasanjo"); never after a preposition, which places ("war crimes in Sri
    Lanka", "the flooding in New Delhi") and leaves the phrase the object of one before it."""
    named = _ROLE_THEN_NAME.search(phrase)
    return named is not None and named.group(1) not in STOP_WORDS


def _governing_noun(
    text: str, tokens: list[re.Match[str]], phrase: tuple[str, int], sentence_start: int
) -> tuple[str, int] | None:
    """ "A hostage freed from a provincial school said", "The radio station broadcasting from the
    capital said", "A survey by the IRC in eastern Congo estimated": a phrase read back to a
    preposition is its object, never the subject; the subject is the noun the preposition (and
    a participle before it) hangs on, with what follows it when that says whose it is ("by",
    "of"), without it when it only places it ("from the capital", "in eastern Congo")."""
    if _role_and_name(phrase[0]):
        return None  # "chief negotiator in the talks Olusegun Obasanjo": the name after a role
    starts = [token.start() for token in tokens]
    wider: tuple[str, int] | None = None
    author: tuple[str, int] | None = None
    for _ in range(3):
        first = bisect.bisect_left(starts, phrase[1])
        if first < 2 or not (
            tokens[first - 1].group() in _GOVERNED_BY
            or (tokens[first - 1].group() == "to" and tokens[first - 2].group() in _HANDED_TO)
        ):
            break
        preposition = tokens[first - 1].group()
        if preposition == "with" and wider is None and re.match(r"(?:the\s+)?[A-Z]", phrase[0]):
            return phrase  # "Doctors with Médecins Sans Frontières said": the organisation
        at = first - 2
        word = tokens[at].group()
        if tokens[at].start() < sentence_start or _SPEECH.fullmatch(word):
            break
        if word.casefold() in _COMPOUND_PREPOSITIONS:
            break  # "apart from Amnesty International, which reported": Amnesty, never "apart"
        participle = (
            word.isalpha()
            and word.islower()
            and (
                re.fullmatch(r"\w+(?:ed|ing)", word) is not None
                or word in _PLACED
                or word in _HANDED_TO
            )
        )
        if participle:
            at -= 1
            if at < 0 or tokens[at].start() < sentence_start:
                break
            word = tokens[at].group()
        folded = word.casefold()
        if not (word.startswith("(") and len(word) > 2) and (
            not word.isalpha()
            or folded in _SUBJECT_STOP | _VERBISH | _AUX | DETERMINERS | _OPENERS | _TIME_WORDS
            or (folded.endswith("ly") and folded not in _NOT_ADVERBS)
            or (word.islower() and re.fullmatch(r"\w+(?:ed|ing)", word) is not None)
            or (_SPEECH.fullmatch(word) and folded not in _AMBIGUOUS)
        ):
            break
        head = _phrase(text, tokens, at, sentence_start)
        if head is None:
            break
        opening = bisect.bisect_left(starts, head[1]) - 1
        before = tokens[opening].group() if opening >= 0 else ""
        if (
            opening >= 0
            and tokens[opening].start() >= sentence_start
            and before[:1].isalnum()
            and before.casefold() not in _SUBJECT_STOP | _OPENERS | {"that"}
            and before.casefold() not in _GOVERNED_BY  # "survivors of a massacre in a village"
        ):
            break  # "how many took part in the march": the head is an object too
        if preposition in ("from", "by") and folded in _MESSAGES:
            return phrase  # "a letter from the governor said": the governor, who wrote it
        documents = (folded in _OWN_WORK or re.fullmatch(_REPORT_NOUNS, folded) is not None) and (
            preposition == "from" or tokens[first - 2].group() == "published"
        )  # "data from our records", "a study published in The Lancet": whose they are
        if preposition == "by" and author is None and folded not in _DOCUMENT_NOUNS | _OWN_WORK:
            # "a toll shared with AFP by a security source": the source; but "an investigation
            # by bdnews24.com" stays the document, its author after it
            author = phrase
        if preposition in _AUTHORED or (preposition in ("from", "in") and documents):
            phrase = text[head[1] : phrase[1] + len(phrase[0])], head[1]
        else:
            phrase = head
        wider = phrase
    return _author_of_a_count(wider, author) or wider


def _author_of_a_count(
    subject: tuple[str, int] | None, author: tuple[str, int] | None
) -> tuple[str, int] | None:
    """ "An earlier toll shared with AFP by a security source had confirmed 14": the one "by"
    names, when the subject's head is a count or a document ("toll", "list"), which speaks for
    whoever gave it."""
    if subject is None or author is None:
        return None
    head = ""
    for word in subject[0].casefold().split():
        if word in _SUBJECT_STOP or word in _PLACED or re.fullmatch(r"[a-z]+(?:ed|ing)", word):
            break  # the head ends before what places it or hands it out
        head = word
    return author if head in _DOCUMENT_NOUNS or head in _OWN_WORK else None


_COMPOUND_PREPOSITIONS = word_set("apart aside instead because ahead regardless away except")
"""Words that make one preposition with the one after them: "apart from", "instead of"."""
_HANDED_TO = word_set("given sent handed shown leaked passed shared provided supplied")
"""Participles a count is handed to someone with: "a list given to Reuters by X"."""
_MESSAGES = word_set(
    """letter letters tweet tweets message messages update updates bulletin bulletins release
    releases communique communiqué communiques communiqués email note memo circular notice post
    posts dispatch cable"""
)
"""What someone sends ("a letter from the governor", "a press release by X"): the sender speaks
through it, unlike a report or a study, which may stand as written."""


_RELATIVE_WORDS = word_set("on in at to")
"""Small words a relative clause may hold ("who asked not to be named")."""


def _relative_head(
    text: str, tokens: list[re.Match[str]], phrase: tuple[str, int], sentence_start: int
) -> tuple[str, int] | None:
    """ "a student who lived on the third floor estimated", "the group that first reported the
    deaths said": the noun the relative clause describes, not the last noun inside it."""
    first = bisect.bisect_left([token.start() for token in tokens], phrase[1])
    back = first - 1
    while back >= 0 and first - back <= 8 and tokens[back].start() >= sentence_start:
        word = tokens[back].group()
        alone = (  # "the abductees who escaped put": a clause of one verb
            word == "who" and back == first - 1 and phrase[0].isalpha() and phrase[0].islower()
        )
        if word in ("who", "that") and (back < first - 1 or alone) and back > 0:
            opening = tokens[back + 1].group().casefold()
            if opening in DETERMINERS | {"the", "a", "an"} or (
                back + 1 < first and opening.rstrip("s") in _SPEAKER_STEMS
            ):
                return None  # "said on his page that mayors on the island had reported": a
                # clause of its own, whose subject the mayors are
            noun = tokens[back - 1].group()
            if (
                noun[:1].isalpha()
                and not _SPEECH.fullmatch(noun)
                and noun.casefold() not in (_SUBJECT_STOP | _VERBISH | _AUX)
            ):
                return _phrase(text, tokens, back - 1, sentence_start)
            return None
        if not (word.isalpha() and word.islower()) or word in _SUBJECT_STOP - _RELATIVE_WORDS:
            return None
        back -= 1
    return None


_ORGANISATION_AFTER = re.compile(r"\s(?:at|for|from|with|in)\s+(?:the\s+)?([a-z][a-z\s-]*)$")
"""The lower-case noun phrase after a preposition ending a phrase: "an official at the health
ministry"."""


def _phrase(
    text: str, tokens: list[re.Match[str]], index: int, sentence_start: int
) -> tuple[str, int] | None:
    """The noun phrase ending at ``tokens[index]``, read backwards."""
    kept: list[re.Match[str]] = []
    compound = False
    while index >= 0 and tokens[index].start() >= sentence_start and len(kept) < 14:
        token = tokens[index]
        word = token.group()
        folded = word.casefold()
        if word.startswith("(") and len(word) > 2:
            kept.append(token)
            index -= 1
            continue
        if word in '"“”':
            index -= 1
            continue
        if word in ("'", "‘", "’"):
            break  # a quotation's closing mark before its speaker: "...,' the report read"
        if word == "." and kept and kept[-1].group()[:1].isupper() and _initial(tokens, index):
            kept.append(token)  # "officer P. Sitaram", "Nicholas D. Kristof"
            index -= 1
            continue
        if word == "," and compound and _listed_before(tokens, index, sentence_start):
            kept.append(token)  # "organisers, police and city officials put": all three
            index -= 1
            continue
        if not (word[0].isalnum() or word[0] in "'’"):
            break
        if _inside_name(tokens, index, kept):
            kept.append(token)  # "Ministry of the Interior", "Office for the Coordination of"
            index -= 1
            continue
        if folded == "and" and _shared_head(tokens, index, kept, sentence_start):
            kept += [token, tokens[index - 1]]  # "disaster and aid officials say"
            index -= 2
            compound = True
            continue
        if folded == "and" and kept and _conjunct_starts_clause(tokens, index - 1, sentence_start):
            kept.append(token)  # "radio and television channels put the toll at 65"
            index -= 1
            compound = True
            continue
        if compound and folded in ("for", "of"):  # "the commissioner for education and ..."
            kept.append(token)
            index -= 1
            continue
        if folded in _SUBJECT_STOP and not (word.isupper() and len(word) > 1):  # "the WHO"
            head = tokens[index - 1].group().casefold() if index > 0 else ""
            if folded == "to" and head in _ROLES_TO and kept and index > 1:
                kept += [token, tokens[index - 1]]  # "a source close to the talks"
                index -= 2
                continue
            if folded == "on" and head in _POSTS and kept and index > 1:
                kept += [token, tokens[index - 1]]  # "a post on the army's Facebook page"
                index -= 2
                continue
            if folded in ("in", "at", "near") and head in _PLACED and kept and index > 1:
                kept += [token, tokens[index - 1]]  # "a rights group based in Thailand"
                index -= 2
                continue
            if (
                folded in ("in", "at", "from", "near")
                and (head.rstrip("s") in _SPEAKER_STEMS or _plural_noun(tokens[index - 1].group()))
                and kept
            ):
                kept.append(token)  # "authorities in Tehran", "monks at Jiegu monastery"
                index -= 1
                continue
            break
        if (
            folded in _NAMED_TIMES
            and word[:1].isupper()
            and kept
            and kept[-1].group()[:1].isupper()
            and index > 0
        ):
            kept.append(token)  # "the Dallas Morning News", "the Evening Standard"
            index -= 1
            continue
        if folded in _VERBISH or folded in _TIME_WORDS:
            break
        if (
            _SPEECH.fullmatch(word)
            and kept
            and not _noun_before_its_preposition(tokens, index, kept)
            and not _after_an_article(tokens, index, word)
        ):
            break
        if folded in _PAST_WORDS or (
            word[0].isdigit() and kept and kept[-1].group().casefold() in ("the", "a", "an")
        ):
            break  # "On April 26 the rescue headquarters", "Three weeks ago the school"
        if word[0].isdigit() and len(kept) > 1 and kept[-1].group().islower():
            kept.pop()  # "after the January 26 quake officials put": the quake is dated, not a
            break  # speaker; the officials are
        if kept and folded in _IRREGULAR_PAST:
            break  # "the minister went further and claimed"
        if kept and _two_nouns(word, kept):
            break  # "In their latest statements officials have put", "Both times union leaders"
        if kept and word[:1].islower() and "-" not in word and re.fullmatch(r"\w+ed", word):
            before = tokens[index - 1].group().casefold() if index > 0 else ""
            if before not in DETERMINERS | {"a", "an", "of", "some"} and not _attributive(
                tokens, index, kept, sentence_start
            ):
                break  # "police released a lower estimate": a verb ends the subject
        kept.append(token)
        index -= 1
        if folded in ("the", "a", "an") and index >= 0 and tokens[index].start() >= sentence_start:
            before = tokens[index].group()
            participle = (
                before.endswith("ing") and before.islower() and not _SPEECH.fullmatch(before)
            )
            if before.casefold() not in _NP_LINKS and before[:1].isalpha() and not participle:
                break  # "Police did not dispute the organisers' estimate": the organisers
    if not kept:
        return None
    start = kept[-1].start()
    return text[start : kept[0].end()].strip(), start


def _attributive(
    tokens: list[re.Match[str]], index: int, kept: list[re.Match[str]], sentence_start: int
) -> bool:
    """Whether the "-ed" word at ``tokens[index]``, read backwards, qualifies the noun after it
    ("the Ukrainian armed forces", "Ukraine's armed forces", "the country's elected officials")
    rather than ending the subject as a verb does ("police released a lower estimate"): a noun
    in small letters follows it, and an owner or a capitalised adjective after an article or
    "of" comes before it."""
    following = kept[-1].group()
    if not (following.isalpha() and following.islower()) or following in _NP_LINKS:
        return False
    if following in DETERMINERS or following in ("a", "an", "the") or index < 1:
        return False
    before = tokens[index - 1]
    if before.start() < sentence_start:
        return False
    written = before.group()
    if written.endswith(("'s", "’s", "s'", "s’")):
        return True  # "Ukraine's armed forces": a verb never follows an owner
    article = tokens[index - 2].group().casefold() if index > 1 else ""
    if index < 2 or tokens[index - 2].start() < sentence_start:
        return False
    if written.isalpha() and written.islower() and article in ("a", "an", "the"):
        # "A senior retired military physician": an adjective that names no one before it
        return _before_its_noun([tokens[index - 2], before], following)
    return (
        written.isalpha()
        and written[:1].isupper()
        and written[1:].islower()
        and article in ("the", "of", "its", "their")
    )


def _after_an_article(tokens: list[re.Match[str]], index: int, word: str) -> bool:
    """Whether a reporting verb's "-ed" form, read backwards, is an adjective after an article:
    "survivors of an alleged massacre", "the reported deaths"."""
    return (
        index > 0
        and word.islower()
        and word.endswith("ed")
        and tokens[index - 1].group().casefold() in ("a", "an", "the")
    )


def _noun_before_its_preposition(
    tokens: list[re.Match[str]], index: int, kept: list[re.Match[str]]
) -> bool:
    """Whether a word that may be a reporting verb ("documents", "records", "reports") is a
    noun, read backwards: a preposition kept after it hangs on it, and a noun naming whose it
    is comes before it ("Government documents from the days of the Raj speak of", "police
    records from the district show"). After an article it stays the document whose author
    follows ("a report from the ministry said": the ministry)."""
    word = tokens[index].group().casefold()
    if word not in _AMBIGUOUS or kept[-1].group().casefold() not in ("from", "in", "at"):
        return False
    owner = tokens[index - 1].group() if index > 0 else ""
    return (
        owner.isalpha()
        and owner.casefold() not in DETERMINERS | _NP_LINKS | _SUBJECT_STOP | _VERBISH | _AUX
        and owner.casefold() not in ("a", "an", "the")
    )


_NAMED_TIMES = word_set("morning evening night afternoon week weekend")
"""Time words that also start or sit inside a name when written in capitals ("Morning News")."""
_ROLES_TO = word_set("close adviser advisers advisor advisors aide aides envoy ambassador counsel")
"""Words a speaker's "to" follows: "a source close to the talks", "an adviser to the king"."""
_POSTS = word_set("post posts page statement message notice tweet update")
"""Documents published on someone's page or site: "a post on the army's page said"."""
_IRREGULAR_PAST = word_set(  # verbs that end a subject read backwards, as "-ed" ones do
    """went came set made took got held kept left ran stood began sent led won lost saw met
    brought bought fell rose grew drew threw knew thought felt heard hit"""
)
_PLACED = word_set("based headquartered located stationed")


def _plural_noun(word: str) -> bool:
    """A common noun in the plural, as far as its spelling tells ("monks", "researchers")."""
    return (
        word.isalpha()
        and word[1:].islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous"))
        and word.casefold() not in _SUBJECT_STOP | _VERBISH | _AUX
    )


_PAST_WORDS = word_set("ago earlier later then now since already before")
_NOUN_MODIFIERS = word_set(  # plural words that do come before a noun ("rights group")
    """rights arms aids affairs news customs sales relations humanities physics economics
    politics statistics services forces nations communications operations human"""
)


def _two_nouns(word: str, kept: list[re.Match[str]]) -> bool:
    """Whether a plural common noun read backwards before the subject's head is a noun of its
    own ("statements officials") rather than part of the subject ("rights group")."""
    head = kept[0].group()
    return (
        all(token.group().isalpha() and token.group().islower() for token in kept)
        and not any(
            token.group() in _SUBJECT_STOP or token.group() in ("the", "a", "an") for token in kept
        )
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
        and word not in _NOUN_MODIFIERS
        and (head in _SPEAKERS or head.rstrip("s") in _SPEAKER_STEMS)
    )


_NAME_LINKS = ("and", "of", "for", "to", "on", "in")


def _inside_name(tokens: list[re.Match[str]], index: int, kept: list[re.Match[str]]) -> bool:
    """Whether the small word at ``tokens[index]``, read backwards, joins two parts of one name:
    "Ministry of the Interior", "Office for the Coordination of"; never "In England the
    Department of Health", two names side by side."""
    folded = tokens[index].group().casefold()
    if not kept or folded not in _NAME_LINKS + ("the",):
        return False
    # a quoted name's opening mark ("the 'March for Our Democracy'") is no part of its words
    previous = tokens[index - 1].group().lstrip("'‘") if index > 0 else ""
    if folded == "the":
        before = tokens[index - 2].group() if index > 1 else ""
        if not kept[-1].group()[0].isupper():
            return False
        if previous.casefold() in _NAME_LINKS:
            return before[:1].isupper()
        # "the Stop the War Coalition", "charity Save the Children", "Save the Children said"
        # at a sentence's start or after a comma, "a spokeswoman for Save the Children"; but not
        # "In England the Department of Health", "Yesterday the Red Cross", "Overnight, the UN"
        if (
            previous[:1].isupper()
            and previous.isalpha()
            and previous.casefold() not in _NOT_IN_NAME
            and not previous.casefold().endswith("ly")
            and (
                index < 2
                or before in (",", ";", ":", "(", "—", "–")
                or (
                    before.casefold() in ("for", "of", "with", "from")
                    and index > 2
                    and tokens[index - 3].group()[:1].isalpha()
                    and tokens[index - 3].group()[:1].islower()
                )
            )
        ):
            return True
        return previous[:1].isupper() and (
            before.casefold() in ("the", "a", "an", "by", "to")
            or (
                before.isalpha()
                and before.islower()
                and before not in _SUBJECT_STOP | _NP_LINKS | _VERBISH | _AUX
                and not _SPEECH.fullmatch(before)
                and previous.casefold() not in _OPENERS | _TIME_WORDS | _AUX
                and not previous.casefold().endswith("ly")
            )
        )
    after = kept[-1].group()
    if after == "the" and len(kept) > 1:
        after = kept[-2].group()
    return after[0].isupper() and previous[:1].isupper()


_NOT_PEOPLE = word_set("human rights house centre society league friends people republic kingdom")
_NP_LINKS = word_set(  # what may come before an article inside a noun phrase
    "of for and against in at from on with to by near over under into among about"
)
_TITLES = word_set("dr mr mrs ms st gen col lt sgt maj capt prof rev brig adm")


def _initial(tokens: list[re.Match[str]], index: int) -> bool:
    """Whether the full stop at ``tokens[index]`` ends an initial or a title ("P.", "Dr.")."""
    if index < 1 or tokens[index - 1].end() != tokens[index].start():
        return False
    word = tokens[index - 1].group()
    return bool(re.fullmatch(r"[A-Z]", word)) or word.casefold() in _TITLES


def _shared_head(
    tokens: list[re.Match[str]], index: int, kept: list[re.Match[str]], sentence_start: int
) -> bool:
    """Whether the "and" at ``tokens[index]`` joins two words before one speaker noun, after a
    mark, an article or the sentence's start: "disaster and aid officials", "local and state
    police"; never "killed 20 soldiers and aid officials"."""
    if len(kept) < 2 or index < 1 or tokens[index - 1].start() < sentence_start:
        return False
    head = kept[0].group().casefold()
    words = [token.group() for token in kept]
    first = tokens[index - 1].group()
    if not (head in _SPEAKERS or head.rstrip("s") in _SPEAKER_STEMS):
        return False
    opening = index < 2 or not tokens[index - 2].group()[:1].isalnum()
    if not all(word.isalpha() and word.islower() for word in words) or not (
        first.isalpha() and (first.islower() or (opening and first[1:].islower()))
    ):
        return False  # but "German and foreign media" opening a clause
    if first in _SUBJECT_STOP | _VERBISH | _AUX or first.endswith(("ed", "ing")):
        return False
    if index < 2 or tokens[index - 2].start() < sentence_start:
        return True
    before = tokens[index - 2].group()
    return not before[:1].isalnum() or before.casefold() in ("the", "a", "an", "some", "many")


_LIST_OPENERS = word_set("now and but that then so")
_LIST_PREPOSITIONS = word_set(
    """unlike like besides beyond including among amid against despite without with for from by
    as after before in on at of to except"""
)


def _listed_before(tokens: list[re.Match[str]], index: int, sentence_start: int) -> bool:
    """Whether the comma at ``tokens[index]`` follows the first item of a list of speakers, one
    to three words naming someone from the sentence's start, a mark or "now", "that": "Now
    organisers, police and officials are putting"; never "In Paris, police and organisers"."""
    back = index - 1
    words = 0
    while back >= 0 and tokens[back].start() >= sentence_start and words < 4:
        word = tokens[back].group()
        if not word.isalpha() or word.casefold() in _LIST_OPENERS:
            break
        words += 1
        back -= 1
    if not 1 <= words <= 3 or tokens[back + 1].group().casefold() in _LIST_PREPOSITIONS:
        return False  # "Unlike doctors, police and army officials said": not a list
    if back >= 0 and tokens[back].start() >= sentence_start:
        opener = tokens[back].group()
        if opener.isalpha() and opener.casefold() not in _LIST_OPENERS:
            return False
        if not opener.isalpha() and opener not in (",", ";", ":", "(", "—", "–"):
            return False
    head = tokens[index - 1].group().casefold()
    return head in _SPEAKERS | _ORG_WORDS or head.rstrip("s") in _SPEAKER_STEMS


def _conjunct_starts_clause(tokens: list[re.Match[str]], index: int, sentence_start: int) -> bool:
    """Whether the words ending at ``tokens[index]`` are the first half of a compound subject:
    a few words naming someone (a speaker noun or a name) back to the start of the sentence, a
    mark or "that"; never a number or a verb ("killed 20 soldiers and officials said")."""
    speaker = False
    back = index
    while back >= 0 and index - back < 7:
        token = tokens[back]
        word = token.group()
        folded = word.casefold()
        if token.start() < sentence_start or word in (",", ";", ":", "(", "—", "–", "“", '"'):
            return speaker and back < index
        if folded == "that":
            return speaker and back < index
        if not (word[0].isalpha() or word[0] in "'’") or folded in _VERBISH | _AUX:
            return False
        if _SPEECH.fullmatch(word) or (word[:1].islower() and re.fullmatch(r"\w+ed", word)):
            return False
        if folded in _SUBJECT_STOP and folded not in ("for", "of"):
            return False
        stem = folded.removesuffix("'s").removesuffix("’s")
        speaker = (
            speaker
            or stem in _SPEAKERS
            or stem.rstrip("s") in _SPEAKER_STEMS
            or stem in _ORG_WORDS
            or (word[:1].isupper() and back < index)  # "Amnesty International and ..."
        )
        back -= 1
    return back < 0 and speaker and tokens[0].start() == sentence_start  # the text's start


def _appositive_before(
    text: str, tokens: list[re.Match[str]], index: int, sentence_start: int
) -> bool:
    """Whether the words between the comma ``tokens[index]`` and the comma before it are a noun
    phrase in apposition ("one driver, a 40-year-old farmer, who"; "the agency, UNHCR, which"),
    not the rest of a clause ("the toll, up from the figure given by an aide, who")."""
    other = index - 1
    while other > 0 and tokens[other].start() >= sentence_start and index - other < 25:
        if tokens[other].group() == "," and not _in_number(text, tokens[other]):
            following = tokens[other + 1].group()
            return following.casefold() in ("a", "an", "the", "one") or following[:1].isupper()
        other -= 1
    return False


def _in_number(text: str, token: re.Match[str]) -> bool:
    """Whether ``token`` is the comma inside a number ("41,000")."""
    return text[token.start() - 1 : token.end() + 1].replace(",", "").isdigit()


_NAME_END = re.compile(r"(?:[a-z]{1,3}-)?([^\W\d_][\w.'’-]*)")
"""A word a name may end with: a capitalised one ("Maat", "Çelik"), or one joined to its
particle ("al-Shumari")."""


def _in_a_name(word: str) -> bool:
    """Whether ``word`` may stand inside a name written in an aside: a capitalised word, a
    particle ("van der Maat", "de León", "al-Shumari") or a small word of an organisation's name
    ("Ministry of the Interior")."""
    folded = word.casefold()
    return _ends_a_name(word) or folded in ("of", "for", "and", "the") or folded in _NAME_PARTICLES


def _ends_a_name(word: str) -> bool:
    """Whether ``word`` is capitalised, after a particle joined to it or not, in any script's
    capitals ("Maat", "al-Shumari", "Éluard", "Łukasz")."""
    named = _NAME_END.fullmatch(word)
    return named is not None and named.group(1)[0].isupper()


def _before_aside(
    text: str, tokens: list[re.Match[str]], index: int, sentence_start: int
) -> tuple[str, int] | None:
    """ "Dick Burch, a Red Cross worker, said": the name before the aside; "the UN refugee
    agency, UNHCR, said": the name the aside gives."""
    mark = tokens[index].group()
    other = index - 1
    while other >= 0 and tokens[other].start() >= sentence_start and index - other < 25:
        if (tokens[other].group() == mark or tokens[other].group() in ",—–") and not _in_number(
            text, tokens[other]
        ):
            break  # never the comma inside "41,000"
        other -= 1
    else:
        return None
    if other < 0 or tokens[other].start() < sentence_start or other == index - 1:
        return None
    aside = [token.group() for token in tokens[other + 1 : index]]
    first = aside[0]
    named = all(_in_a_name(w) for w in aside)
    if named and (
        len(aside) <= 6 and _ends_a_name(aside[-1]) and not first.isupper() or len(aside) == 1
    ):
        start = tokens[other + 1].start()
        return text[start : tokens[index - 1].end()], start
    if first.casefold() in ("who", "which", "whose", "a", "an", "the", "one") or not (
        first[:1].isupper()
    ):
        back = other - 1
        while back > 1:  # "Reuters, however, citing a source, reported": Reuters
            words = _adverb_aside(tokens, back, sentence_start)
            if not words:
                break
            back -= words + 1
        phrase = _phrase(text, tokens, back, sentence_start)
        if phrase is not None:
            phrase = _relative_head(text, tokens, phrase, sentence_start) or phrase
            phrase = _contact_clause_head(text, tokens, phrase, sentence_start) or phrase
            return _named_before_role(text, tokens, phrase, sentence_start) or phrase
    return None


_MOMENTS = word_set("time times moment period era days years hour")
_PARTICLES = word_set("up out down over together")


def _contact_clause_head(
    text: str, tokens: list[re.Match[str]], phrase: tuple[str, int], sentence_start: int
) -> tuple[str, int] | None:
    """ "the special committee the Congress set up at the time, led by X, confirmed": the noun a
    clause without "that" describes, when the phrase read back is a moment, the object of a
    preposition after that clause's verb ("set up at the time"), never a speaker."""
    moment = phrase[0].split()[-1].casefold()
    if moment not in _MOMENTS and moment not in _TIME_WORDS:
        return None
    starts = [token.start() for token in tokens]
    at = bisect.bisect_left(starts, phrase[1]) - 1  # the preposition before the moment
    if at < 3 or tokens[at].group().casefold() not in ("at", "in", "on", "during", "after"):
        return None
    verb = at - 1
    if tokens[verb].group().casefold() in _PARTICLES:
        verb -= 1
    written = tokens[verb].group()
    if not (written.islower() and (written in _IRREGULAR_PAST or written.endswith("ed"))):
        return None
    inner = _phrase(text, tokens, verb - 1, sentence_start)  # "the Congress"
    if inner is None:
        return None
    before = bisect.bisect_left(starts, inner[1]) - 1
    if before < 0 or tokens[before].start() < sentence_start:
        return None
    outer = _phrase(text, tokens, before, sentence_start)  # "the special committee"
    if outer is None or not _names_someone(outer[0]):
        return None
    opening = bisect.bisect_left(starts, outer[1]) - 1
    if (
        opening >= 0
        and tokens[opening].start() >= sentence_start
        and tokens[opening].group().casefold() not in _CLAUSE_OPENERS
    ):
        return None
    return outer


def _named_before_role(
    text: str, tokens: list[re.Match[str]], phrase: tuple[str, int], sentence_start: int
) -> tuple[str, int] | None:
    """ "Sergei Davidis, head of the programme of the group, which is banned, notes", "Maria
    Lopez, a spokeswoman for the agency, which runs the camps, said": the person a role in
    small letters is in apposition to, a name in capitals opening the clause before a comma;
    never a place or a time an opening phrase names ("In Moscow, the head of the group, who
    ..., said": the head)."""
    first = bisect.bisect_left([token.start() for token in tokens], phrase[1])
    if first > 1 and tokens[first - 1].group() in ("for", "at", "with", "to", "of"):
        first -= 2  # "a spokeswoman for the agency": the role the agency's phrase hangs on
        if not _a_role(tokens[first].group()):
            return None
    elif not _a_role(phrase[0].split()[0]):
        return None
    if first > 0 and tokens[first - 1].group().casefold() in ("a", "an", "the"):
        first -= 1
    comma = first - 1
    if comma < 1 or tokens[comma].group() != ",":
        return None
    start = comma
    while start > 0 and comma - start < 4 and tokens[start - 1].start() >= sentence_start:
        word = tokens[start - 1].group()
        if not (_ends_a_name(word) or word.casefold() in _NAME_PARTICLES):
            break
        start -= 1
    if start == comma or not _ends_a_name(tokens[comma - 1].group()):
        return None
    opener = tokens[start - 1].group() if start > 0 else ""
    if start > 0 and tokens[start - 1].start() >= sentence_start and opener not in _CLAUSE_OPENERS:
        return None
    if tokens[start].group().casefold() in _NOT_IN_NAME:
        return None  # "Yesterday, the head of ..."
    if tokens[start].group().casefold() in _PLACE_PREPOSITIONS:
        # "Near Kherson, a spokesman for the army, which ...": the role and its body, never
        # the place
        role = first + 1 if tokens[first].group().casefold() in ("a", "an", "the") else first
        return text[tokens[role].start() : phrase[1] + len(phrase[0])], tokens[role].start()
    return text[tokens[start].start() : tokens[comma - 1].end()], tokens[start].start()


def _a_role(word: str) -> bool:
    """Whether ``word`` in small letters names a post a person holds ("head", "spokeswoman",
    "director")."""
    return word[:1].islower() and (
        word in _SPEAKERS or word in _RANKS or word.rstrip("s") in _SPEAKER_STEMS
    )


_PLACE_PREPOSITIONS = word_set(
    """near outside inside across around along beyond within throughout among amid from
    off behind below above under over between toward towards into onto"""
)
"""Prepositions a sentence's opening phrase of place starts with ("Near Kherson, ..."): no part
of a name."""


_CLAUSE_OPENERS = frozenset({",", ";", ":", "(", "—", "–", "that", "but", "and"})


def _adverb_aside(tokens: list[re.Match[str]], end: int, sentence_start: int) -> int:
    """How many words the adverb between commas that ends at ``tokens[end]`` has (0 for none):
    ", however," (one), ", for example," or ", in turn," (two)."""
    if end < 2 or tokens[end - 1].start() < sentence_start:
        return 0
    if tokens[end].group().casefold() in _AUX and tokens[end - 1].group() == ",":
        return 1
    for length in (2, 3):
        if end < length or tokens[end - length].group() != ",":
            continue
        words = tuple(token.group().casefold() for token in tokens[end - length + 1 : end + 1])
        if words in _ADVERB_PAIRS or words in _ADVERB_ASIDES:
            return length if tokens[end - length].start() >= sentence_start else 0
    return 0


_ADVERB_ASIDES = frozenset(
    {("for", "instance"), ("in", "fact"), ("of", "course"), ("in", "addition")}
    | {("for", owner, "part") for owner in ("its", "their", "his", "her", "our", "my")}
)
"""Adverbs of two or three words an aside between commas may be: "X, for its part, which"."""


_ADVERB_PAIRS = frozenset(
    {("at", "first"), ("at", "once"), ("in", "turn"), ("at", "times"), ("for", "example")}
)
_BE = word_set("been was were is are be being")
_PREPOSITIONS = word_set("a an of with in on by for from some no")
_NOT_ADVERBS = word_set("tally family assembly rally ally italy supply daily weekly monthly")
_TIME_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
    january february march april may june july august september october november december
    morning evening night afternoon week month year weekend"""
)
_DETERMINED = word_set("its their his her the a an this")
"""Words before a noun that a reporting verb may also be ("Its report cited X, and said")."""
_OPENERS = word_set(
    """in on at by after before since during meanwhile however earlier later also but and yet
    still despite as with according"""
)

_NOT_IN_NAME = (
    _OPENERS
    | _TIME_WORDS
    | _AUX
    | _PAST_WORDS
    | _SUBJECT_STOP
    | word_set(
        """overnight elsewhere afterwards afterward nationwide here there so thus now then today
    tonight yesterday separately again altogether"""
    )
)
"""Capitalised words opening a sentence that are no part of a name with "the" after them."""


def _clause_subject(text: str, sentence_start: int, limit: int) -> tuple[str, int] | None:
    """The subject at the start of the sentence, past an opening phrase ("In May 2007, ...")."""
    tokens = list(_TOKEN.finditer(text, sentence_start, min(limit, sentence_start + 400)))
    index = 0
    if tokens and tokens[0].group().casefold() in _OPENERS:
        commas = [i for i, token in enumerate(tokens[:10]) if token.group() == ","]
        if not commas:
            return None
        index = commas[0] + 1
    kept: list[re.Match[str]] = []
    for at, token in enumerate(tokens[index:], index):
        word = token.group()
        folded = word.casefold()
        ends = bool(
            folded in _VERBISH or folded in _AUX or folded in _DISPUTE or _SPEECH.fullmatch(word)
        )
        if ends and folded in _AMBIGUOUS and kept and kept[-1].group().casefold() in _DETERMINED:
            ends = False  # "Its report cited X, and said": a noun after its determiner
        if (
            folded == "to"
            and kept
            and kept[-1].group().casefold() in _ROLES_TO
            and not re.match(r"\s*\w+\s+(?:be|have)\b", text[token.end() : token.end() + 20])
        ):
            kept.append(token)  # "An adviser to the president disputed the count, saying"
            continue
        if (ends or folded in _SUBJECT_STOP) and (folded not in ("of", "for", "and") or not kept):
            break
        if word == "." and kept and kept[-1].group().casefold() in _TITLES:
            continue  # "Lt. Col. Olivier Rafowicz": a title's full stop ends no subject
        if not (word[0].isalnum() or word[0] in "'’("):
            break
        if kept and word[:1].islower() and "-" not in word and re.fullmatch(r"\w+(?:ed|ing)", word):
            following = tokens[at + 1].group() if at + 1 < len(tokens) else ""
            if not (
                (word.endswith("ed") and _before_its_noun(kept, following))
                or _reduced_relative(kept, word, following)
            ):
                break
        if kept and folded in _IRREGULAR_PAST:
            break  # "Radha Mohan Singh went further and claimed"
        kept.append(token)
        if len(kept) > 8:
            return None
    if not kept:
        return None
    aside = re.match(r",\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}),", text[kept[-1].end() : limit])
    if aside:  # "A tribal elder, Hameedullah Khan, had a different account, saying"
        start = kept[-1].end() + aside.start(1)
        return aside.group(1), start
    return text[kept[0].start() : kept[-1].end()], kept[0].start()


def _reduced_relative(kept: list[re.Match[str]], word: str, following: str) -> bool:
    """Whether an "-ing" word read forwards after a plural noun opening the sentence starts a
    clause that describes it: "Groups supporting the families of the missing rejected ..."
    (the groups supporting them), never "Police killing protesters" without an article."""
    return (
        word.endswith("ing")
        and len(kept) <= 2
        and _plural_noun(kept[-1].group())
        and following.casefold() in ("the", "a", "an", "their", "its")
    )


def _before_its_noun(kept: list[re.Match[str]], following: str) -> bool:
    """Whether an "-ed" word read forwards after ``kept`` qualifies the noun after it: after an
    article and adjectives that name no one ("A senior retired military physician"), before a
    word in small letters; never after a noun that speaks ("The army killed civilians")."""
    words = [token.group() for token in kept]
    if words[0].casefold() not in ("a", "an", "the") or len(words) > 3:
        return False
    if not (following.isalpha() and following.islower()) or following in _SUBJECT_STOP:
        return False
    if following in DETERMINERS or following in ("a", "an", "the"):
        return False
    return (
        all(
            word.isalpha()
            and word.islower()
            and word not in _SPEAKERS | _ORG_WORDS | _VERBISH | _AUX
            and not _plural_noun(word)
            and word.rstrip("s") not in _SPEAKER_STEMS
            for word in words[1:]
        )
        and len(words) > 1
    )


def sentence_attributions(
    text: str, sentence_start: int, sentence_end: int, figures: list[Figure]
) -> list[Attribution]:
    found: list[Attribution] = []
    figure_starts = [figure.start for figure in figures]
    for according in _ACCORDING.finditer(text, sentence_start, sentence_end):
        inside = text.rfind("(", sentence_start, according.start()) > text.rfind(
            ")", sentence_start, according.start()
        )  # "(according to the police report)": the name ends at its parenthesis
        name = (_NAME_IN_PARENS if inside else _NAME_TO_STOP).match(
            text[according.end() : sentence_end]
        )
        if not name:
            continue
        # "according to an AP tally based on those announcements": the tally
        words = re.split(  # "according to police sources at the end of April was 552"
            r"\s+(?:which|who|that|and\s+\d|based\s+on|drawn\s+from|compiled\s+from|was|were|"
            r"is|are|stood|stands|at\s+the\s+(?:end|start|beginning|time|close)\s+of|as\s+of)\b",
            name.group(),
        )[0]
        received = _RECEIVED.fullmatch(words)
        if received is not None and not _can_author(received.group(1)):
            received = None  # "according to data the storm season produced": no author
        source = _clean_source(received.group(1) if received else words)
        if source is None or _NO_AUTHOR.fullmatch(words.strip()):
            continue  # "according to the latest information", "according to estimates": no one
        if according.group()[:1] in "Ii" and not _can_speak(source, True):
            continue  # "in the words of the song", "of its charter": no one's figure
        end = according.end() + len(words)
        opening = text[sentence_start : according.start()].rstrip()
        # "$" after the verb's comma: looked for only where the opening ends with it
        relayed = opening.endswith(",") and _RELAYED().search(opening[-40:])
        if relayed and _THAT_AFTER_ASIDE.match(text, end, sentence_end):
            continue  # "X said, according to The Times, that 68 died": The Times relays X's
        leading = (not opening or opening[-1] in ",;:" or opening.endswith(("But", "but"))) and (
            text[end : end + 1] == ","
        )
        rest = text[end:sentence_end]
        appositive = re.fullmatch(
            r",\s*([A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})[\s.!?\"'”’)]*", rest
        )
        if appositive:  # "according to the agency's office, ONEMI." ends the sentence
            leading = False
            if not appositive.group(1).isupper():
                source = appositive.group(1)  # "..., Gérald Darmanin."
            end = sentence_end
        if leading and not (figure_starts and figure_starts[-1] >= end):
            leading = False  # "..., according to the AAPP, a Myanmar-based group."
        if any(end <= start <= end + 3 for start in figure_starts) and not _PARALLEL.match(
            text, end, sentence_end
        ):
            leading = True
        elif (
            leading
            and any(start < according.start() for start in figure_starts)
            and _CLOSES_CLAUSE.match(text, end, sentence_end)
        ):
            leading = False  # "2 million, according to the CGT, and 570,000 according to ..."
        both = leading and any(
            sentence_start <= start < according.start() for start in figure_starts
        )
        back = re.fullmatch(r"the\s+(?:\w+\s+)?(?:report|statement|account)", words.strip(), re.I)
        found.append(
            Attribution(
                according.start(),
                end,
                source,
                "according_to",
                # "7,082 cases, according to WHO, only 2,669 of which were confirmed": both
                "both" if both else "lead" if leading else "trail",
                pronoun=back is not None,  # "according to the unconfirmed report": the one named
            )
        )
    passives = "by" in text[sentence_start:sentence_end]  # a word each passive ends in
    for passive in _PASSIVE_BY.finditer(text, sentence_start, sentence_end) if passives else ():
        name = re.match(
            r"(?:(?!\s(?:because|after|before|when|while|as|since|on|in|at|during|with|who|which|"
            r"that|amid|following|is|was|are|were|has|have|had|rose|fell|climbed|grew|jumped|"
            r"reached|stood|remained)\b)[^,.;:])+",  # "the toll of 90 confirmed by X rose"
            text[passive.end() : sentence_end],
        )
        if not name:
            continue
        if re.match(
            r"\s*(?:(?:that|this|the\s+same)\s+(?:hour|time|day|date)|then|now|noon|"
            r"midday|midnight|the\s+(?:end|time|start)\b)",
            name.group(),
            re.I,
        ):
            continue  # "the 500,000 it had counted by that hour": a time, not an agent
        # "supplied by the government and are widely quoted": the government
        agent = re.sub(r"\s+(?:and|or|but)$", "", name.group().rstrip())
        for verb in re.finditer(r"(?<=[A-Za-z.)])\s+([a-z]+)\b", agent):
            if _SPEECH.fullmatch(verb.group(1)) and agent[: verb.start()].split()[-1][:1].isupper():
                agent = agent[: verb.start()]  # "figures released by the X Platform show that"
                break
        source = _clean_source(agent)
        if source is not None:
            end = passive.end() + len(name.group())
            found.append(Attribution(passive.start(), end, source, "by", "trail"))
    for count in _BY_COUNT.finditer(text, sentence_start, sentence_end):
        owner = _POSSESSIVE_PRONOUNS.get(count.group(1).casefold())
        if owner is not None:  # "'By my figures, 700 died,' the adviser said": the adviser
            found.append(Attribution(count.start(), count.end(), owner, "by", "both", True))
            continue
        source = _clean_source(count.group(1))
        if source is not None:
            found.append(Attribution(count.start(), count.end(), source, "by", "both"))
    for count in _FIGURES_OF.finditer(text, sentence_start, sentence_end):
        source = _clean_source(count.group(1))  # "in the figures of the weather service"
        if source is not None:
            found.append(Attribution(count.start(), count.end(), source, "by", "both"))
    for quoted in _QUOTED_AS.finditer(text, sentence_start, sentence_end):
        speaker = re.split(r"\s*[,(—–]", quoted.group(1))[0]  # "He Biao, director of ...": He Biao
        source = _clean_source(speaker)
        if source is not None:  # "State television quoted He Biao as saying": He Biao
            found.append(Attribution(quoted.start(1), quoted.end(), source, "said", "lead"))
    verbs = list(_SPEECH.finditer(text, sentence_start, sentence_end))
    words = _SentenceTokens.read(text, sentence_start, sentence_end) if verbs else None
    for verb in verbs:
        assert words is not None
        attribution = _speech(text, verb, sentence_start, sentence_end, figures, words)
        if attribution is not None:
            found.append(_role_holder(text, attribution, sentence_start))
    return found


_HELD_ROLES = word_set(
    """spokesman spokeswoman spokesperson minister governor mayor president premier commissioner
    director commander coroner prosecutor"""
)
_ROLE_REACH = 1500
"""How far before "the spokeswoman" the name given with that role is looked for."""


def _role_holder(text: str, attribution: Attribution, sentence_start: int) -> Attribution:
    """ "the spokeswoman said", after "WHO spokeswoman Margaret Harris said" or "Margaret
    Harris, a WHO spokeswoman, said": the person the text named earlier with that role (a
    definite role refers back, as "the agency" does), so that "she" after it is her too; as
    written when no one or several were named with it."""
    source = attribution.source
    if source.casefold() not in _HELD_ROLES:
        return attribution
    written = text[attribution.start : attribution.end].casefold()
    if f"the {source.casefold()}" not in written:
        return attribution  # "a spokeswoman said": someone not named before
    reach = max(0, sentence_start - _ROLE_REACH)
    named = list(_holder_pattern(source.casefold()).finditer(text, reach, sentence_start))
    holders = {re.sub(r"['’]s?$", "", match.group(1) or match.group(2)) for match in named}
    if len(holders) != 1:
        return attribution  # no one, or two presidents named: as written
    if re.search(
        rf"\b(?:[Aa]n?|[Aa]nother)\s+(?:[\w'’-]+\s+){{0,3}}?(?i:{source})\b",
        text[named[-1].end() : attribution.start],
    ):
        return attribution  # "A spokeswoman for the army disputed that": someone else since
    return dataclasses.replace(attribution, source=holders.pop())


@functools.lru_cache(maxsize=32)
def _holder_pattern(role: str) -> re.Pattern[str]:
    """ "spokeswoman Margaret Harris", "Margaret Harris, a WHO spokeswoman": the name given
    with ``role``, in capitals, two to four words."""
    name = r"((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)"
    return re.compile(
        rf"\b(?i:{role})\s+{name}(?![\w'’-])|{name},\s+(?:(?:a|an|the|its)\s+)?"
        rf"(?:[\w'’-]+\s+){{0,3}}{role}\b"
    )


_AUTHORLESS_ADJECTIVES = word_set(  # before a document noun, they name no author
    """official unofficial federal national provincial regional local municipal latest new newer
    recent first early earlier initial preliminary provisional final revised updated later previous
    lower higher conflicting unconfirmed available independent media press news various"""
)
"""The one list of adjectives that leave a document noun without an author ("official figures",
"according to lower estimates"), for _NO_AUTHOR and _authorless_document alike."""
_PLACE_POSSESSIVES = word_set("country's countries' nation's nations' city's region's")
_AUTHORLESS = (  # words before a document noun that name no author ("the two countries' lower")
    _AUTHORLESS_ADJECTIVES
    | _PLACE_POSSESSIVES
    | word_set("the a an some most other several many these those such its own two three both all")
)
_DEFINITE_DETERMINERS = word_set("the this that these those its their his her our")
_OFFICIAL = _PLACE_POSSESSIVES | (  # what makes a definite document noun one with no author
    _AUTHORLESS_ADJECTIVES
    & word_set(
        """official unofficial federal national provincial regional local municipal media press
        news lower higher"""
    )
)
_NO_AUTHOR_ADJECTIVES = r"(?:(?:" + "|".join(sorted(_AUTHORLESS_ADJECTIVES)) + r")\s+)*"
_NO_AUTHOR = re.compile(
    r"(?:(?:(?:the|some|most|other|several|an?)\s+)?" + _NO_AUTHOR_ADJECTIVES + r"(?:information|"
    r"estimates?|reports|data|accounts|figures?|numbers|statistics|counts?|records|tally|toll)"
    r"|an?\s+" + _NO_AUTHOR_ADJECTIVES + r"report)"  # "a media report"; never "the report"
    r"(?:\s+(?:(?:released|issued|published|given|updated)\s+)?(?:(?:on|last|this)\s+(?:monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|week|month|night|(?:\d{1,2}\s+)?"
    + _MONTHS_OR_SHORT
    + r"(?:\s+\d{1,2}(?!\d))?(?:,?\s+\d{4})?)|yesterday|today)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)?",  # "a new official toll on Wednesday"
    re.I,
)
"""A document noun with only determiners and _AUTHORLESS_ADJECTIVES before it, and at most a
date after it: "according to the latest information", "a media report", "a new official toll
on Wednesday"; never "the report" alone, never a noun with an author after it ("figures from
the ministry", "data on the ministry's website")."""
_POSSESSIVE_PRONOUNS = {
    "my": "i",
    "our": "we",
    "his": "he",
    "her": "she",
    "its": "it",
    "their": "they",
}
_ABBREVIATED_TITLE = r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Maj|Capt|Rev|Brig|Adm|St)\."
_NAME_TO_STOP = re.compile(  # "according to scroll.in", "according to Dr. Amina Yusuf"
    r"(?:" + _ABBREVIATED_TITLE + r"|" + WEB_ADDRESS + r"|[^,.;:])+"
)
_NAME_IN_PARENS = re.compile(r"(?:" + WEB_ADDRESS + r"|[^,.;:()])+")

# a reporting verb closing an opening before its comma ("X said, according to Y, that"):
# _SPEECH again, a second compilation only the texts that reach it pay for
_RELAYED = _lazy(_SPEECH.pattern + r"\s*,$")
_THAT_AFTER_ASIDE = re.compile(r"\s*,\s*that\b")
_RELAYED_ASIDE = re.compile(r"\s*,\s*according\s+to\s+[^,;:]{1,60},\s*that\b")
_RECEIVED = re.compile(  # "according to credible reports Amnesty has received": Amnesty
    r"(?:(?:a|an|the|its|their)\s+)?(?:[a-z]+\s+){0,2}?(?:reports?|figures|data|accounts|"
    r"information|records|study|survey|count|tally|statistics)\s+"
    # "according to a report the rights group Caminando Fronteras presented", "to the latest
    # data the rights group presented", "to figures the ministry released on Monday"
    r"((?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,4}|"
    r"(?:the|its|their)\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+(?:(?:has|have|had)\s+)?"
    r"(?:received|gathered|collected|compiled|seen|obtained|verified|presented|published|"
    r"released|issued|prepared|produced|provided|kept|made|conducted)"
    # "a report the commission presented to parliament on Monday": to whom, then when
    r"(?:\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+(?=\s+(?:on|in|last|this|earlier)\b|$))?"
    r"(?:\s+(?:on|in|last|this|earlier)\s+[^,;:]*)?"
)


def _can_author(words: str) -> bool:
    """Whether ``words`` after a document noun name who made it: a name in capitals, or a noun
    that can speak ("the rights group", "the ministry"), never an event ("the storm season")."""
    if any(word[:1].isupper() for word in words.split()):
        return True
    head = words.split()[-1].casefold()
    return head in _SPEAKERS or head in _ORG_WORDS or head.rstrip("s") in _SPEAKER_STEMS


_PARALLEL = re.compile(  # "25,000 according to the police, 300,000 according to the organisers"
    r",\s*[\d.,]+\d(?:\s+(?:[a-z]+\s+){0,2}?)?\s*according\s+to\b"
)
_CLOSES_CLAUSE = re.compile(r",\s+(?:and|while|whereas|but|even\s+though|although|though)\b")
_QUOTED_AS = re.compile(
    r"\b(?:quoted|quoting|quotes|cited|citing|cites)\s+((?:(?!\bas\b)[^.;:]){2,120}?)\s+as\s+"
    r"(?:saying|estimating|reporting|putting|stating|telling|confirming|claiming)\b"
)
_CLAUSE_MARK = re.compile(  # "January 1, 2020" is one date; "1.5 percent" one number
    r",(?!\s(?:1[89]|20)\d\d\b)|[;:]|(?<!\d)\.|\.(?!\d)|$"
)
_THAT_NEXT = re.compile(r"\s+that\b")
_EVIDENCE_NEXT = re.compile(r"\s+(?:(?:credible|clear|no)\s+)?(?:evidence|proof)\s+of\b")
_STUDIES = word_set(  # what "found" a figure, as a study finds one (their stems)
    """report study survey investigation inquiry review analysis censu audit poll researcher
    investigator probe commission panel team"""
)
_BY_NEXT = re.compile(r"\s+by\b")
_LIVES_NEXT = _lazy(  # few texts reach it
    r"\s+(?:the\s+lives\b|(?:(?:at\s+least|about|some|more\s+than|over|nearly|almost|around|"
    r"up\s+to|as\s+many\s+as|another|a\s+further|an\s+estimated)\s+)?(?!that\b)[\w,.-]+"
    r"(?:\s+[a-z]+){0,2}?\s+(?:lives|life|victims)\b"
    r"(?!\s+(?:were|was|had|have|has|are|is|been|lost)\b))"
)
"""'lives' or 'victims' as the object of a verb of claiming ("claimed over 23 lives", "claimed the
lives of 300", "the route has claimed 246 victims"), never lives in the claimed content ("claimed
that 300 lives had been lost", "claimed 40 victims were shot")."""
_AUXILIARY_NEXT = re.compile(
    r"\s+(?:have|had|has|are|were|was|is|will|would|may|might|could|can)\b"
)
"""An auxiliary after a word that is a verb or a noun ("reports", "claim", "estimates"): the word is
a noun, the subject of the auxiliary ("Official reports have put"), unless a relative pronoun and
a subject stand before it (_RELATIVE_SUBJECT_BEFORE)."""
_RELATIVE_SUBJECT_BEFORE = re.compile(
    r"\b(?:which|that|what|whom)\s+(?!(?:is|are|was|were|has|have|had)\b)"
    r"(?:[\w.&'’-]+\s+){1,4}$",
    re.I,
)
"""'which activists claim is over 300', 'What the UN estimates is': the verb of a relative clause,
its subject before it and the auxiliary the clause's own."""
_ME = re.compile(r"\s+(me|us)\b", re.I)
_QUOTE_ENDS = (",'", ",’", ',"', ",”")
_REVISED = re.compile(
    r"raised|revised|updated|lowered|raising|revising|raises|revises|lowers|cut|cuts|reduced|"
    r"reduces|deflated|deflates|inflated|inflates|adjusted|adjusts|corrected|corrects|increased|"
    r"increases|decreased|decreases|lifted|lifts|trimmed|trims|slashed|slashes|downgraded|"
    r"downgrades|upgraded|upgrades|boosted|boosts"
)


def _speech(
    text: str,
    verb: re.Match[str],
    sentence_start: int,
    sentence_end: int,
    figures: list[Figure],
    words: _SentenceTokens,
) -> Attribution | None:
    after_end = _CLAUSE_MARK.search(text, verb.end(), sentence_end)
    assert after_end is not None
    clause_end = after_end.start()
    if _BY_NEXT.match(text, verb.end(), sentence_end):
        return None
    starts = [figure.start for figure in figures]
    inside = bisect.bisect_right(starts, verb.start()) - 1
    if inside >= 0 and verb.start() < figures[inside].end:
        return None
    if _SPEECH.match(text, verb.end() + 1) and text[verb.end() : verb.end() + 1] == " ":
        return None  # "reports indicate": the first is a noun
    if verb.group().startswith("claim") and _LIVES_NEXT().match(text, verb.end(), sentence_end):
        return None  # "the disease, which has claimed over 23 lives": a toll, not a claim
    if (
        verb.group() in _AMBIGUOUS
        and _AUXILIARY_NEXT.match(text, verb.end(), sentence_end)
        and not _RELATIVE_SUBJECT_BEFORE.search(
            text, max(sentence_start, verb.start() - 60), verb.start()
        )
    ):
        return None  # "Official reports have put": a noun, the subject of what follows
    me = _ME.match(text, verb.end(), sentence_end) if verb.group().startswith("g") else None
    if me is not None:  # "'Counting the photos gave me 23,000,' she wrote": the one quoted
        pronoun = "i" if me.group(1).casefold() == "me" else "we"
        return Attribution(verb.start(), verb.end(), pronoun, "said", "lead", pronoun=True)
    dated = _DATED_BEFORE.search(text, max(sentence_start, verb.start() - 40), verb.start())
    at = dated.start() if dated else verb.start()  # "a study published on 12 May 2006 found"
    able = _ABLE_TO.search(text, max(sentence_start, verb.start() - 30), verb.start())
    if able is not None and verb.group()[:1] in "vcd":  # "X has been able to verify 835": X
        at = able.start()
    before = words.before(max(sentence_start, at - 40), at)
    if (
        len(before) > 1
        and before[-1].group().casefold() in ("all", "both", "each")
        and before[-2].group().casefold() in _BE | _AUX
        and verb.group().endswith(("ing", "ed", "d"))
    ):  # "officials are all putting the number at", "the outlets have each reported"
        at = before[-1].start()
        before = before[:-1]
    previous = before[-1].group() if before and before[-1].start() >= sentence_start else ""
    if _quoted_from_the_verb(text, verb.start(), sentence_start):
        return None  # "the country 'has recorded 15,664 cases'": the quotation's speaker's words
    folded = previous.casefold()
    word = verb.group()
    if (
        folded.endswith("ly")
        and len(folded) > 4
        and folded not in _NOT_ADVERBS | {"early", "elderly", "likely", "friendly"}
        and len(before) > 1
        and before[-2].group().casefold() in DETERMINERS | {"a", "an", "the"}
    ):
        return None  # "the widely quoted 5.4 million figure": an adjective, no speaker
    if word in ("quoted", "cited") and folded in ("was", "were", "is", "are", "been"):
        # "senior officials were quoted as saying": the officials
        be = before[-1].start()
        subject = _subject_before(text, be, sentence_start, words)
        made = _make_attribution(subject[0], subject[1], verb.end(), "trail") if subject else None
        return made
    if folded in _BE and word.endswith("ing") and folded != "being":
        subject = _subject_before(text, before[-1].start(), sentence_start, words)
        if subject is None:  # "the police are saying at least 750,000": the police
            return None
        return _make_attribution(subject[0], subject[1], verb.end(), "lead")
    went_on = (
        folded == "on"
        and word.endswith("ing")
        and len(before) > 1
        and before[-2].group().casefold() in ("went", "goes", "go", "kept", "keeps", "carried")
    )
    if went_on:  # "the government went on saying": the one who went on
        at = before[-2].start()
    if (folded in _BE or folded in DETERMINERS or folded in _PREPOSITIONS) and not (
        folded == "by" and word.endswith("ing") or went_on
    ):
        return None  # "had been found", "the confirmed deaths", "an estimated 1,300"
    if word in _AMBIGUOUS and folded in _NOT_A_SUBJECT:
        return None  # "the estimate", "credible reports": nouns
    speaker = folded != "official" and (folded in _SPEAKERS or folded.rstrip("s") in _SPEAKERS)
    owned = (
        (folded in _OWN_WORK or folded == "breakdown")
        and len(before) > 1
        and before[-2].group().endswith(("'s", "’s", "s'", "s’"))
    )
    if (
        word in _AMBIGUOUS
        and previous[:1].islower()
        and not speaker
        and folded not in _AUX
        and folded not in ("he", "she", "it", "they", "we", "i", "who", "which")  # "they claim"
        and not owned  # "the group's breakdown shows": the group's
        and not _PRONOUN_OBJECT.match(text, verb.end(), sentence_end)  # "estimate it to be"
        and not _closing_speaker(text, verb, sentence_start, sentence_end)
    ):
        return None  # "leaked documents": a noun; "the authorities still claim": a verb
    covers_after = bool(
        re.search(r"\bthat\b", text[verb.end() : clause_end])
        or bisect.bisect_left(starts, clause_end) > bisect.bisect_left(starts, verb.end())
        or re.match(r"\s*:", text[verb.end() : sentence_end])
        or re.match(r"\s*,", text[verb.end() : sentence_end])
        and verb.group() in ("said", "says", "saying")
        and text[clause_end : clause_end + 1] == ":"
        or _RELAYED_ASIDE.match(text, verb.end(), sentence_end)
        or _put_at_across_aside(text, verb, starts, sentence_end)
    )  # "X said, according to The Times, that 68 died"
    participle = False
    if word.endswith("ing") and (
        text[sentence_start : verb.start()][-3:].rstrip().endswith(",")
        or folded in ("by", "after", "before", "while", "when")
    ):
        # "Police released a lower estimate, saying 128,000 were there", "Shah set off a row by
        # claiming that ...": the clause's subject, the last clause's after "but" ("X say 2
        # million, but ministers dispute that, putting it at 1.2 million"), even across a figure
        # ("Several sources challenged the toll of 64, estimating more than 1,000")
        reach = max(sentence_start, verb.start() - _REACH)
        if word in _WEAK_PARTICIPLES and (
            _ADDING_TO.match(text, verb.end(), sentence_end)
            or not _SAID_BEFORE.search(text, reach, verb.start())
        ):
            return None  # "The floods destroyed 2,000 homes, suggesting that": no one reports
        clauses = list(_CLAUSE_OPENING.finditer(text, reach, verb.start()))
        opening = clauses[-1].end() if clauses else sentence_start
        inverted = _INVERTED_BEFORE.search(text, max(opening, verb.start() - 80), verb.start())
        # "'...,' said Major X, suggesting that the toll was six": the one who said it
        subject = (
            (inverted.group(1), inverted.start(1))
            if inverted and text[inverted.start() - 4 : inverted.start()].rstrip()[-1:] in _QUOTES
            else _clause_subject(text, opening, verb.start())
        )
        participle = subject is not None and not _NOT_A_SPEAKER.search(subject[0])
    elif _named_after_clause(text, verb, sentence_start, sentence_end):
        subject = None  # "..., said Babar Baloch, its spokesperson": the name after the verb
    else:
        closing = _closing_name(text, verb, sentence_start, sentence_end, starts)
        if closing is not None:  # "..., this year, said Ain O Salish Kendra (ASK), according to"
            return closing
        subject = _subject_before(text, at, sentence_start, words)
        if subject is not None and word.endswith("ing"):
            subject = _sender(text, subject, sentence_start, words) or subject
    if subject is not None:
        ahead = text[max(sentence_start, subject[1] - 12) : subject[1]].split()[-1:]
        counted = ahead[0].casefold() if ahead else ""
        if (
            counted in _COUNT_HEADS
            or counted in ("one", "those")
            or re.search(
                r"\b(?:number|figure|figures|toll|total|count|estimate|those)\s+[A-Z]", subject[0]
            )
        ):
            return None  # "more than twice the number Beijing admits to": no one's report
    if (
        subject is not None
        and word in ("found", "finds")
        and not _THAT_NEXT.match(text, verb.end(), sentence_end)
        and not _EVIDENCE_NEXT.match(text, verb.end(), sentence_end)
        and subject[0].split()[-1].casefold().rstrip("s") not in _STUDIES
        and text[verb.end() : sentence_end].strip(" .!?\"'”’")  # not "..., they found."
    ):
        return None  # "salvage workers have found 300 bodies": found, not a finding
    if (
        subject is not None
        and word.endswith("ed")
        and (
            _SUPERLATIVE.search(subject[0]) or _counted_before(text, subject, sentence_start, words)
        )
        and _NO_OBJECT.match(text, verb.end(), sentence_end)
    ):
        # "the deadliest shipwreck recorded so far this year", "95% of all the victims recorded
        # in these months": a participle after what was counted, no one's report
        return None
    if subject is not None:
        raw, start = subject
        inside = not participle and (
            bisect.bisect_left(starts, verb.start()) > bisect.bisect_left(starts, start)
        )
        direction = "lead" if covers_after else "trail"
        if (
            direction == "lead"
            and word.endswith("ing")
            and text[sentence_start:start].rstrip().endswith(",")
            and starts
            and starts[0] < start
            and _can_speak(raw, True)
        ):  # "The toll was revised to 224, police saying that ...": the police's as well
            direction = "both"
        if (
            text[sentence_start:start].rstrip().endswith(",")
            and text[verb.end() : verb.end() + 1] == ","
            and starts
            and (starts[0] < start or _opening_phrase(text, sentence_start, start))
            and starts[-1] > verb.end()
        ):
            # "Of 292,628 employees, he said, 5,073 went on strike", "At the end of 2016, he
            # said, 17.2 million were refugees"
            direction = "both"
        made = None if inside else _make_attribution(raw, start, verb.end(), direction)
        if (
            made is not None
            and _REVISED.fullmatch(word)
            and _THE_NEXT.match(text, verb.end(), sentence_end)
            and not _can_speak(made.source, start > sentence_start)
        ):
            return None  # "Aftershocks increased the toll to 85": an event, not a source
        if (
            made is not None
            and (
                _MADE_COUNT.fullmatch(word)
                or word == "given"
                and (folded == "always" or folded.endswith("ly"))
            )
            and not _can_speak(
                " ".join(part.strip("'‘’\"“”") for part in raw.split()), start > sentence_start
            )
        ):  # "'Viasna' knows of": a name in quotation marks can speak
            # "Cases of cholera reached a total of 1,400", "A smoke detector sounded the alarm",
            # "The cemetery's walls hold the names of 300": a thing, which counts and warns of
            # nothing
            return None
        if made is not None and _REVISED.fullmatch(word):
            # "Mexico cut its toll to seven, the minister told reporters": the one who says so
            return dataclasses.replace(made, generic=True)
        if made is not None:
            return made
    if verb.group() in ("reads", "read"):  # "'...,' reads part of the statement": the statement
        document = _READ_FROM.match(text, verb.end(), sentence_end)
        return (
            _make_attribution(document.group(1), verb.start(), document.end(), "trail")
            if document
            else None
        )
    if verb.group() in ("said", "says", "told", "added", "wrote", "noted", "estimated"):
        inverted = re.match(  # "said Dr. Ana Ruiz": a title's full stop ends nothing
            r"\s+((?:"
            + _ABBREVIATED_TITLE
            + r"(?=\s+[A-Z])|[^,.;:])+)(?:,\s+([A-Z][^,.;:]{1,40}))?",
            text[verb.end() : sentence_end],
        )
        titled = inverted and re.fullmatch(  # "engineer Ana Ruiz", "police chief Li Wei"
            r"(?:[a-z][\w-]*\s+){1,3}(?:[A-Z][\w.'’-]*\s*){1,4}", inverted.group(1)
        )
        if (
            titled
            and inverted
            and any(
                word in STOP_WORDS or word in _TIME_WORDS or word in _SUBJECT_STOP
                for word in inverted.group(1).split()
                if word.islower()
            )
        ):
            titled = None
        indefinite = inverted and re.match(  # "said an activist at the scene who ..."
            r"(?:a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]+?(?=\s+(?:who|at|in|from|with)\b|$)",
            inverted.group(1),
        )
        lead = text[max(0, verb.start() - 4) : verb.start()].rstrip()
        trailing = lead.endswith(_QUOTE_ENDS) or lead.endswith(",")  # "..., said X"
        if (
            indefinite
            and inverted
            and verb.group() in ("said", "says")
            and _names_someone(indefinite.group())
            and trailing
        ):
            return _make_attribution(indefinite.group(), verb.start(), verb.end(), "trail")
        if (
            inverted
            and trailing
            and verb.group() in ("said", "says", "added")  # never "told police"
            and (speakers := _trailing_speaker(inverted.group(1)))
        ):  # "12 died in the fire, said police", "..., said local officials on Monday"
            return _make_attribution(speakers, verb.start(), verb.end(), "trail")
        named_after = inverted and _NAME_AFTER.match(text, verb.end() + inverted.end(1))
        if (
            named_after
            and inverted
            and re.match(r"(?:a|an)\s", inverted.group(1))
            and _names_someone(inverted.group(1))
        ):  # "the toll rose to 23, said a spokesman for the army, Col. Ade Bello": the name
            end = verb.end() + inverted.end(1) + named_after.end()
            return _make_attribution(named_after.group(1), verb.start(), end, "trail")
        if (
            inverted
            and (inverted.group(1)[:1].isupper() or inverted.group(1).startswith("the ") or titled)
            and not (  # "said Thursday", but "said Sunday Adebayo", "said May Ruiz"
                inverted.group(1).split()[0].casefold() in _TIME_WORDS
                and not re.match(r"\S+\s+[A-Z]", inverted.group(1))
            )
        ):  # "'...,' said the mayor", "'...,' said engineer Ana Ruiz"
            end = verb.end() + inverted.end()
            named = inverted.group(2)
            if named and all(w[:1].isupper() for w in named.split()):
                return _make_attribution(named, verb.start(), end, "trail")
            return _make_attribution(inverted.group(1), verb.start(), end, "trail")
    return None


_COUNTED_DETERMINERS = word_set("the all these those")
_COUNTED = word_set(
    """victims deaths dead cases casualties fatalities bodies people migrants infections injuries
    incidents attacks arrests killings losses disappearances shipwrecks"""
)


def _counted_before(
    text: str, subject: tuple[str, int], sentence_start: int, words: _SentenceTokens
) -> bool:
    """Whether ``subject``, before a verb in "-ed" with no object, is what was counted rather
    than who counted: one word for what is counted, after "the", "all" or "these" ("all the
    victims recorded in May", "the deaths reported since June"); never "the ministry recorded in
    its update", "the colonel stated:"."""
    phrase, start = subject
    written = phrase.split()
    opening = 0
    while opening < len(written) - 1 and written[opening].casefold() in _COUNTED_DETERMINERS | {
        "of"
    }:
        opening += 1
    head = written[opening:]
    if len(head) != 1 or head[0].casefold() not in _COUNTED:
        return False
    if opening:
        return written[opening - 1].casefold() != "of"
    before = words.before(max(sentence_start, start - 12), start)
    return bool(before) and before[-1].group().casefold() in _COUNTED_DETERMINERS


_CLOSING_NAME = re.compile(
    r"\s+((?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:of|for|and|on|[A-Z][\w.'’&-]*))*?"
    r"(?:\s+\([A-Z][\w&.-]{1,11}\))?)\s*(?:,|[.!?\"'”’]*$)"
)


def _closing_name(
    text: str,
    verb: re.Match[str],
    sentence_start: int,
    sentence_end: int,
    starts: list[int],
) -> Attribution | None:
    """The name right after ", said" when it closes the statement before it, up to a comma or
    the sentence's end ("N were killed ..., this year, said Ain O Salish Kendra (ASK), according
    to UNB": the group, whoever relays it), read before the words behind the comma, which are the
    statement's own; never a name that goes on into a clause ("The minister, in a statement, said
    Israel had killed 40") nor one with no figure before it ("Officials, however, said France,
    Spain and Italy took in 300")."""
    if verb.group() not in ("said", "says", "added"):
        return None
    if not text[max(sentence_start, verb.start() - 3) : verb.start()].rstrip().endswith(","):
        return None
    if not starts or starts[0] > verb.start():
        return None
    named = _CLOSING_NAME.match(text, verb.end(), sentence_end)
    if named is None:
        return None
    return _make_attribution(named.group(1), verb.start(), verb.end() + named.end(1), "trail")


_SENT = re.compile(
    r"\b(?:released|releases|issued|issues|published|publishes|posted|posts|sent|sends|"
    r"put\s+out|puts\s+out|gave|gives|filed|files|lodged|lodges|submitted|submits)\s+"
    r"(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,2}?$"
)
_SENT_NOUNS = _MESSAGES | _POSTS | word_set("report statement complaint petition lawsuit")


def _sender(
    text: str, subject: tuple[str, int], sentence_start: int, words: _SentenceTokens
) -> tuple[str, int] | None:
    """Who sent the message a participle hangs on ("the ministry released a statement on
    Thursday saying 290 died": the ministry, not the statement), or None when the participle's
    subject is no message someone released."""
    phrase, start = subject
    written = phrase.split()
    if written[-1].casefold() not in _SENT_NOUNS:
        return None
    if len(written) > 1 and written[0].casefold() in DETERMINERS | {"a", "an", "the"}:
        start += len(written[0]) + 1  # "a statement": the article is the sending verb's
    sent = _SENT.search(text, max(sentence_start, start - 40), start)
    if sent is None:
        return None
    sender = _subject_before(text, sent.start(), sentence_start, words)
    if sender is None or not _can_speak(sender[0], sender[1] > sentence_start):
        return None
    return sender


_CLOSING_SUBJECT = re.compile(
    r",\s+(?:the\s+|an?\s+)?(?:[A-Z][\w.'’&-]*\s+){0,4}(?:[a-z][\w-]*\s+){0,3}$"
)
_SITE_WORDS = word_set("page account website site feed channel blog portal outlet")
_SENTENCE_CLOSES = re.compile(r"[\s.!?\"'”’)]*")


def _closing_speaker(
    text: str, verb: re.Match[str], sentence_start: int, sentence_end: int
) -> bool:
    """Whether ``verb``, a word that may be a noun ("reports", "estimates"), closes the sentence
    after a comma and a short noun phrase: a verb then, its phrase the one who says the
    sentence ("..., the BBC website reports.", "..., the regional news site estimates."), never
    a list's last noun ("..., which destroyed the land records.")."""
    if not _SENTENCE_CLOSES.fullmatch(text, verb.end(), sentence_end):
        return False
    closing = _CLOSING_SUBJECT.search(text, max(sentence_start, verb.start() - 60), verb.start())
    if closing is None:
        return False
    words = text[closing.start() + 1 : verb.start()].split()
    if not words or not (_can_speak(" ".join(words), False) or words[-1] in _SITE_WORDS):
        return False  # "Provided that turnout tops 5,000, the vote counts.": no one
    return not any(
        word in _SUBJECT_STOP or word in STOP_WORDS or word.endswith(("ed", "ing"))
        for word in words
        if word.islower() and word not in ("the", "a", "an")
    )


_NAME_AFTER_SAID = re.compile(
    r"\s+(?:(?:[A-Z][a-z]{0,3}\.\s+)?[A-Z][\w'’-]+)(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’-]+){1,3}"
    r"(?=\s*(?:[,;.]|$))"
)


def _named_after_clause(
    text: str, verb: re.Match[str], sentence_start: int, sentence_end: int
) -> bool:
    """Whether "said" after a clause and its comma is followed by the speaker's full name and
    the name's end: "X fears that everyone aboard could die, said Babar Baloch, its
    spokesperson" (the name, never the clause's subject); never "said Ukraine had lost 300"."""
    if verb.group() not in ("said", "says", "added"):
        return False
    # the last mark before the verb, read in a short window (the whole opening only when the
    # window holds nothing but spaces)
    window = max(sentence_start, verb.start() - 40)
    before = text[window : verb.start()].rstrip() or text[sentence_start : verb.start()].rstrip()
    if not before.endswith(","):
        return False
    named = _NAME_AFTER_SAID.match(text, verb.end(), sentence_end)
    return named is not None and not any(
        word.casefold() in _TIME_WORDS | _NOT_IN_NAME for word in named.group().split()
    )


_OPENING_MARKS = frozenset("'‘\"“")
_BEFORE_A_VERB = _AUX | word_set("not never")


def _quoted_from_the_verb(text: str, verb_start: int, sentence_start: int) -> bool:
    """Whether a quotation opens between a reporting verb and its subject: at the verb ("the
    city 'counted") or at the auxiliaries and adverbs before it ("the country 'has recorded",
    "the army 'has never confirmed"). The verb is then in the quoted words of whoever the
    quotation is of, and the words before the mark are no one's subject of it."""
    if text[verb_start - 1 : verb_start] in _OPENING_MARKS:
        return verb_start - 1 > sentence_start and text[verb_start - 2].isspace()
    at = verb_start
    for _ in range(3):
        space = text.rfind(" ", sentence_start, at - 1)
        written = text[space + 1 : at - 1]
        if written.lstrip("'‘\"“").casefold() not in _BEFORE_A_VERB:
            return False
        if written[:1] in _OPENING_MARKS:
            return True
        if space < 0:
            return False
        at = space + 1
    return False


_SPEAKER_NOUNS = re.compile(r"(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s*")
"""A speaker written in lower case with no article after "said": "police", "local officials"."""


def _speaker_head(words: str) -> bool:
    """Whether the last of ``words`` is a speaker or organisation noun and none is a stop word:
    "police", "rescue workers", never "yesterday", "in a statement"."""
    split = words.split()
    head = split[-1]
    return not any(word in STOP_WORDS or word in _TIME_WORDS for word in split) and (
        head in _SPEAKERS or head in _ORG_WORDS or head.rstrip("s") in _SPEAKERS
    )


_AFTER_SPEAKER = _TIME_WORDS | word_set("on at in from near outside inside across within")
_IN_THE_KNOW = re.compile(  # "people familiar with the matter", "sources close to the board"
    r"(?:[a-z][\w-]*\s+){0,2}(?:people|sources|officials|diplomats|person|source|official)\s+"
    r"(?:familiar\s+with|close\s+to|briefed\s+on)\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*\s*"
)

_OF_WHAT = re.compile(
    r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+of\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}"
    r"[a-z][\w-]*"
)


def _trailing_speaker(words: str) -> str | None:
    """The speaker in lower case that ``words`` after a closing "said" open, up to a place or a
    time ("officials on Monday", "rescue officials at the mine"), two joined by "and" ("officials
    and aid workers") or one in the know ("people familiar with the matter"); None when the
    words name none ("in a statement", "yesterday")."""
    if _IN_THE_KNOW.fullmatch(words):
        return words.strip()
    split = words.split()
    cut = next((i for i, word in enumerate(split) if word in _AFTER_SPEAKER), len(split))
    if cut == 0:
        return None
    joined = " ".join(split[:cut])
    of = _OF_WHAT.fullmatch(joined)
    if of and (_speaker_head(of.group(1)) or of.group(1).split()[-1] in _RANKS):
        return joined  # "relatives of the victims", "members of the rescue team"
    parts = joined.split(" and ")
    if len(parts) > 2 or not all(
        _SPEAKER_NOUNS.fullmatch(part) and _speaker_head(part) for part in parts
    ):
        return None
    return joined


_THE_NEXT = re.compile(r"\s+the\b")
_ABLE_TO = re.compile(r"(?:(?:has|have|had)\s+been|was|were|is|are)\s+able\s+to\s+$")
_SUPERLATIVE = re.compile(
    r"\b(?:the|its|their)\s+(?:[\w-]+\s+)?(?:\w{3,}est|most|worst|best|biggest|largest|highest)\b"
)
_NO_OBJECT = re.compile(
    r"\s*(?:[,.;:]|$|\s(?:so\s+far|ever|yet|to\s+date|in|on|since|this|anywhere)\b)"
)
_PRONOUN_OBJECT = re.compile(r"\s+(?:it|them)\s+(?:to\s+be|at|as)\b")
"""A pronoun object after a word that may be a noun or a verb makes it a verb: "historians who
studied the event estimate it to be 300"."""
_READ_FROM = re.compile(r"\s+(?:(?:a\s+)?part\s+of\s+)?((?:the|a|an|its|their)\s+[^,.;:!?]{1,60})")


def _can_speak(source: str, inside: bool) -> bool:
    """Whether ``source`` surely names one who can speak: a speaker or organisation noun, an
    acronym, a name (a capitalised word past the first; one capitalised word, opening the
    sentence only when it is no plural: "Cordova", "India"), "he" or "she"; never an event
    ("Aftershocks", "Heavy rain", "bodies")."""
    words = source.replace("’", "'").split()
    head = words[-1].casefold().removesuffix("'s").rstrip("'")
    return (
        head in _SPEAKERS
        or head in _ORG_WORDS
        or head.rstrip("s") in _SPEAKERS
        or head in ("he", "she")
        or bool(re.fullmatch(r"[A-Z][A-Z&]+s?", words[-1]))
        or any(word[:1].isupper() for word in words[1:])
        or (len(words) == 1 and words[0][:1].isupper() and (inside or words[0][-1] != "s"))
    )


_MADE_COUNT = re.compile(
    r"identified|identifies|established|establishes|registered|registers|reached|reaches|reach|"
    r"holds|hold|held|knows|knew|know|(?:pointed|points|point|pointing)\s+to|"
    r"(?:sounded|sounds|sound|sounding|raised|raises|raising)\s+the\s+alarm|"
    r"charged|charges|charging|accused|accuses|accusing"
)
"""Verbs that report a count or a warning only when one who can speak is their subject: "the
hospital registered 340 cases", never "Cases of cholera reached a total of 1,400", "A smoke
detector sounded the alarm", "Foreign aid had always given hope to the 5,000"."""


_WEAK_PARTICIPLES = word_set("suggesting adding noting explaining")
"""Participles that report a figure only after a verb of saying ("X said 12 died, adding that
40 were missing"; "'...,' said Major X, suggesting that"), never after a clause of events ("The
floods destroyed 2,000 homes, suggesting that 10,000 were displaced")."""
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|tells|added|adds|stated|wrote|announced|read|reads)\b"
)
_ADDING_TO = re.compile(r"\s+to\b")
"""'adding to the 40 it captured': a sum, not a report."""
_INVERTED_BEFORE = re.compile(
    r"\b(?:said|says|added|adds|told\s+\w+)\s+([^,.;:'\"‘’“”]{2,60}?),\s*(?:\w+\s+)?$"
)
_QUOTES = frozenset("'\"’”")


_PUTS = word_set("put puts putting placed places estimate estimates estimated estimating")
_AT_AFTER_ASIDE = re.compile(r"[^.;:,]{1,80},[^.;:,]{1,60},\s+at\s+(?:[a-z]+\s+){0,3}$")


def _put_at_across_aside(
    text: str, verb: re.Match[str], starts: list[int], sentence_end: int
) -> bool:
    """ "officials estimate the number of losses, both civilian and battlefield, at 80,000": the
    figure after the aside is the verb's, though a comma ends its clause."""
    if verb.group() not in _PUTS:
        return False
    after = bisect.bisect_left(starts, verb.end())
    if after == len(starts) or starts[after] > min(sentence_end, verb.end() + 200):
        return False
    return _AT_AFTER_ASIDE.match(text[verb.end() : starts[after]]) is not None


_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DATED_BEFORE = re.compile(  # a date between a subject and its verb: "on 12 October 2006"
    r"\s+(?:on|in)\s+(?:\d{1,2}\s+" + _MONTHS + r"(?:\s+\d{4})?|" + _MONTHS + r"\s+\d{1,2}"
    r"(?:,?\s+\d{4})?|(?:" + _MONTHS + r"\s+)?(?:19|20)\d\d)\s+$"
)
_DISPUTE = word_set(  # verbs that answer another's figure: they end a subject read forwards
    """dispute disputes disputed reject rejects rejected deny denies denied contest contests
    contested challenge challenges challenged doubt doubts doubted question questions questioned"""
)
_CLAUSE_OPENING = re.compile(r"[;:]\s*|,\s*(?:but|whereas|while|although|though)\s+")
_NOT_A_SPEAKER = re.compile(r"\d|^(?:it|there|this|that)$", re.I)
"""A clause's subject that gives no figure of its own to a participle after it."""


_NAME_AFTER = re.compile(  # ", Col. Ade Bello." closing a sentence after "said a spokesman"
    r",\s+((?:[A-Z][a-z]{1,4}\.\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){0,3}?)\.?[\"'”’]?\s*$"
)


def _opening_phrase(text: str, sentence_start: int, end: int) -> bool:
    """Whether ``text[sentence_start:end]`` is one opening phrase and its comma ("In 2016,")."""
    opening = text[sentence_start:end]
    first = re.match(r"\s*(\w+)", opening)
    return (
        first is not None
        and first.group(1).casefold() in _OPENERS
        and opening.count(",") == 1
        and len(opening) < 60
    )


_DOCUMENT_NOUNS = word_set(
    """reports report figures figure estimates estimate records data statistics numbers tally
    tallies count counts toll information accounts"""
)


def _authorless_document(words: list[str]) -> bool:
    """Whether ``words`` are a document noun with no author: only adjectives, numbers and
    determiners before it ("Official reports", "the two countries' lower figures", "a media
    report"); never a name or a speaker's noun ("UN figures", "police records")."""
    folded = [word.casefold().replace("’", "'").strip(",") for word in words]
    if (
        folded[:1]
        and folded[0] in _DEFINITE_DETERMINERS
        and not any(word in _OFFICIAL for word in folded[1:-1])
    ):
        return False  # "the report said", "its report found", "the latest report": the one before
    return (
        len(folded) > 1
        and folded[-1] in _DOCUMENT_NOUNS
        and any(word not in _DEFINITE_DETERMINERS for word in folded[:-1])
        and all(word in _AUTHORLESS for word in folded[:-1])
        and all(word.islower() for word in words[1:-1])
    )


def _make_attribution(raw: str, start: int, end: int, direction: str) -> Attribution | None:
    words = raw.split()
    folded = [word.casefold().strip(",") for word in words]
    if _authorless_document(words):
        return None  # "Official reports have put the toll at 254": no one is named
    if folded and (folded[0] in _PRONOUNS - {"the", "agency"} and len(folded) == 1):
        return Attribution(start, end, raw, "said", direction, pronoun=True)
    core = [word for word in folded if word not in ("the", "also", "a", "an")]
    if (
        len(core) == 1
        and (core[0] in _CONTINUING or core[0] in _DOCUMENTS)
        and folded[0] == "the"
        and words[-1].islower()
    ):  # "the agency said", "the reports claimed": what the text named before
        return Attribution(start, end, raw, "said", direction, pronoun=True)
    if (
        len(folded) > 3
        and folded[-3:-1] in (["of", "its"], ["of", "their"])
        and folded[-1] == "own"
    ):
        # "an on-the-ground investigation of its own, which confirmed": its, whose work it is
        pronoun = "it" if folded[-2] == "its" else "they"
        return Attribution(start, end, pronoun, "said", direction, pronoun=True)
    if len(folded) <= 4 and folded[0] in ("its", "their") and folded[-1] in _OWN_WORK:
        # "X said its study had found 252", "Its report found": whose study, not the study
        pronoun = "it" if folded[0] == "its" else "they"
        return Attribution(start, end, pronoun, "said", direction, pronoun=True)
    source = _clean_source(raw)
    if source is None:
        return None
    generic = source.casefold().split()[-1] in _GENERIC and not source[0].isupper()
    if words[-1].islower() and (
        folded[-1] in _NO_ONE or folded[-1] in ("reports", "figures", "estimates")
    ):
        generic = True  # "early intelligence reports showed": a lesser source than a speaker
    if source[0].isupper() and source.split()[-1].casefold() in _GENERIC:
        generic = True  # "Recent reports"
    if (
        len(source.split()) <= 2
        and source.split()[-1].casefold() in _NO_ONE
        and not (
            len(source.split()) == 2
            and (
                re.fullmatch(r"[A-Z][A-Z&]+", source.split()[0]) is not None
                or source.split()[0].casefold() in _SPEAKERS | _ORG_WORDS
            )
        )  # "the WHO report said", "the police report says": whose
    ):
        return None  # "Previous reports put the number at 912": no one is named
    return Attribution(start, end, source, "said", direction, generic=generic)


_OWN_WORK = word_set(
    """study report survey research count tally figures figure data records investigation
    inquiry review analysis estimate estimates calculations statement database list"""
)


_QUOTE_OPENS = re.compile(r"\s*:\s*['\"“‘]")
"""A quotation the speaker's colon opens: a "but" inside it is the speaker's."""
_CONTRAST = re.compile(
    r";|(?:,\s*|\s)(?:although|though|whereas|but(?!\s+(?:also|not|only|still|then)\b))\b", re.I
)


_GIVER = (
    r"(?P<who>(?:(?:the|its|their)\s+)?(?:[\w.&'’-]+\s+){0,4}?[\w.&-]+)\s+(?:had\s+|has\s+|have\s+|"
    r"later\s+|first\s+|then\s+)?(?:gave|released|cited|reported|announced|issued|provided|published|"
    r"confirmed|put\s+out)\b"
)
_FIGURE_GIVEN = re.compile(  # "32 deaths, a figure the government gave after"
    r"(?:\s+[a-z][\w-]*){0,3}?,\s+(?:a|the)\s+(?:figure|number|toll|count|total|estimate|tally)\s+"
    r"(?:that\s+)?" + _GIVER
)
_FIGURE_OF = re.compile(r"\b(?:figure|number|toll|count|total|estimate|tally)\s+of\s+$")
_GIVER_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?" + _GIVER)  # "the figure of 1,464 officials gave"
_OWN_SUBJECT = re.compile(
    r",\s*(?:while|whereas)\s+(?:(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}\s+(?:has|have|had|is|"
    r"was|are|were)|the\s+(?:[a-z]+\s+)?(?P<head>[a-z]+)\s+(?:has|have|had))\b"
)
"""A clause of contrast with a subject and a verb of its own, not one of saying: what the speaker
before it said stops there ("while Brazil has the highest toll", "while the region has 2,000
displaced"); never what the speaker owns ("while its hospitals had treated 300"), a part of the
place the speaker counted ("in the north, while the south had 500") nor a figure added to the
speaker's ("had 500 more"): still the speaker's."""
_ADDED = re.compile(r"[\d,.]+\s+(?:more|others|further)\b")


def _own_subject(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, before a figure at ``end``, holds a clause of contrast with a
    subject of its own (:data:`_OWN_SUBJECT`)."""
    if "while" not in text[start:end] and "whereas" not in text[start:end]:
        return False
    if _ADDED.match(text, end):
        return False
    return any(
        found.group("head") not in _COMPASS for found in _OWN_SUBJECT.finditer(text, start, end)
    )


def _contrast(gap: str) -> bool:
    """Whether ``gap`` holds a contrast (:data:`_CONTRAST`), looked for only when it holds one
    of its marks or words."""
    if ";" in gap:
        return True
    folded = gap.casefold()  # outside ASCII, a letter may match another ignoring case
    words = not gap.isascii() or "though" in folded or "whereas" in folded or "but" in folded
    return words and bool(_CONTRAST.search(gap))


_CAME_FROM = _lazy(  # few texts reach it
    r"(?:\s+(?:[\w'’-]+\s+){0,6}?)??\s*(?:came|comes|come)\s+(?:originally\s+)?from\s+"
    r"(?P<doc>(?:(?:the|a|an)\s+|[\w'’-]+(?:\s+[\w'’-]+)?['’]s\s+)?(?:[a-z]+\s+)?(?:statement|"
    r"report|count|tally|estimate|figures|data|briefing|announcement|update)\s+(?:by|from|of)\s+)?"
    r"(?P<who>[^,.;:()]{2,60}?)(?=\s*(?:[,.;:()]|$|\s(?:who|which|that|and\s+not|on|in|at)\b))"
)


def _came_from(text: str, figure: Figure, next_start: int) -> str | None:
    """Who "the figure of N" came from, when the sentence says so after it ("The figure of 359
    in the media came from Tuesday's statement by a police spokesman", "the toll of 40 comes
    from hospital officials"): never an event or a place ("came from the collapse of the dam")."""
    came = _CAME_FROM().match(text, figure.end, next_start)
    if came is None:
        return None
    who = came.group("who")
    if not _can_speak(who, True) or " of " in who and not who[:1].isupper():
        return None
    if came.group("doc") is None and re.fullmatch(r"[A-Z][a-z][\w'’-]*", who):
        return None  # "The figure of 80 came from Mosul, where ...": a place, as likely as anyone
    return _clean_source(who)


_HOLDS = re.compile(
    r"\b(?:has|have|had)\s+(?:(?:now|also|still|yet)\s+)*(?:another|a\s+different|a\s+separate|"
    r"a\s+(?:much\s+)?(?:higher|lower)|(?:its|their|his|her)\s+own)\s+(?:[\w-]+\s+)?(?:figure|"
    r"number|count|tally|estimate|toll|total)s?\s*(?::|,|of)\s*(?:(?:just|only|some|about|around|"
    r"nearly|at\s+least|more\s+than)\s+)*$"
)


def _holder(text: str, figure: Figure, sentence_start: int) -> str | None:
    """Who has a figure of their own, written just before it ("The martyrs' families have yet
    another number: 464", "the opposition has a different count: 2,000"): the verb's subject,
    when it can speak ("the town has another toll of 20" is a place's, and no one's report)."""
    window = max(sentence_start, figure.start - 80)
    held = (  # looked for only where its verb may be ("has", "have", "had")
        _HOLDS.search(text, window, figure.start)
        if text.find("ha", window, figure.start) >= 0
        else None
    )
    if held is None:
        return None
    subject = _subject_before(text, held.start(), sentence_start)
    if subject is None or not _can_speak(subject[0], subject[1] > sentence_start):
        return None
    return _clean_source(subject[0])


_RANGING = re.compile(r"\b(?:range[sd]?|ranging|var(?:y|ies|ied|ying))\b")
_RANGE_OWNER = _lazy(  # few texts reach it
    r"\b(?:from|to|and|between)\s+((?:the\s+)?(?:[\w.&-]+\s+){0,5}?[\w.&-]+?)(?:['’]s|(?<=s)['’])\s+"
    r"(?:(?:own|official|estimated|reported)\s+)?$"
)
_RANGE_ITEM_ENDS = re.compile(r"\s*(?:[,;.]|$|\s(?:to|and|dead|deaths|killed|victims)\b)")


_RANGE_BREAK = re.compile(r"(?<!\d)[,;:]")
"""A clause mark between "ranged" and an owner that no figure of the list comes just before."""


def _ranged_owner(text: str, figure: Figure, sentence_start: int, next_start: int) -> str | None:
    """Whose figure it is in a list of figures that range from one source's to another's ("the
    estimates ranged from the army's 40 to the rebels' 300", "tolls vary between the
    government's 1,200 and the UN's 3,000"): the owner written just before it, after "from",
    "to", "and" or "between", when nothing it counts follows ("the country's 69 provinces")."""
    if not _RANGE_ITEM_ENDS.match(text, figure.end, next_start):
        return None  # read first: one match where the figure ends, no window to search
    window = max(sentence_start, figure.start - 200)
    ranging = (  # looked for only where its word may be ("range", "ranging", "vary")
        _RANGING.search(text, window, figure.start)
        if text.find("rang", window, figure.start) >= 0
        or text.find("var", window, figure.start) >= 0
        else None
    )
    if ranging is None:
        return None
    owned = _RANGE_OWNER().search(text, max(sentence_start, figure.start - 80), figure.start)
    if owned is None:
        return None
    if owned.start() < ranging.end() or _RANGE_BREAK.search(text, ranging.end(), owned.start()):
        # "Estimates ranged widely, and Gaza's 40 dead were buried", "varied from district to
        # district, between Aleppo's 300 and ...": a clause of its own, a place's figure
        return None
    owner = owned.group(1)
    if not _can_speak(owner, True) or _RANGING.search(owner):
        return None
    return _clean_source(owner)


_OWNED_NOUN = re.compile("estimate|figure|tally|count|toll|total|number")  # in any word


def _owner(text: str, figure: Figure, sentence_start: int) -> str | None:
    """Whose figure it is when the text says so before it: "the organisers' estimate of
    500,000", "Yuan Mu's figure of 300", "the police estimate, always lower, was 338,000",
    "its official toll of 769" (its: the sentence's subject). Asked only where one of
    :data:`_OWNED_NOUN` is in the 160 characters before the figure."""
    window_start = max(sentence_start, figure.start - 160)
    given = _GIVEN_BY.search(text, window_start, figure.start)
    if given is not None and _can_author(given.group(1)):
        # "the crowd estimate from the Parks service is 300K-325K", "The estimate by police was"
        return _clean_source(given.group(1))
    owned = _OWNED.search(text, window_start, figure.start)
    if owned is None or owned.end() != figure.start:
        return None
    tokens = _tokens_before(text, max(sentence_start, owned.start() - _REACH), owned.start())
    if not tokens or tokens[-1].start() < sentence_start:
        return None
    if tokens[-1].group().casefold() in ("its", "their", "his", "her"):
        subject = _having_subject(text, tokens, sentence_start) or _clause_subject(
            text, sentence_start, tokens[-1].start()
        )
        return _clean_source(subject[0]) if subject else None
    phrase = _phrase(text, tokens, len(tokens) - 1, sentence_start)
    if phrase is None:
        return None
    last = phrase[0].split()[-1]
    if phrase[0].casefold() in ("official", "unofficial", "officials"):
        return None  # "(official tally 167)": an adjective, no one's
    if not (
        last.endswith(("'s", "’s", "s'", "s’"))
        or text[owned.start() : owned.start() + 1] in "'’"
        or last[:1].isupper()
        or last.casefold() in _SPEAKERS | _ORG_WORDS
        or last.casefold().rstrip("s") in _SPEAKER_STEMS
    ):
        return None  # "the true death toll is", "an upper estimate of": no one's
    verb = list(re.finditer(r"\w+", text[max(sentence_start, phrase[1] - 20) : phrase[1]]))[-1:]
    at = max(sentence_start, phrase[1] - 20) + verb[0].start() if verb else -1
    said = _SPEECH.match(text, at) if verb else None
    if said is not None and said.end() == at + len(verb[0].group()):
        return None  # "X has estimated India's death toll at 600,000": X, not India
    return _clean_source(phrase[0])


def _having_subject(
    text: str, tokens: list[re.Match[str]], sentence_start: int
) -> tuple[str, int] | None:
    """ "..., having cross-checked all of it, the tribunal has its own figure": the subject
    right before "has its", never the opening phrases before it."""
    if len(tokens) < 3 or tokens[-2].group().casefold() not in ("has", "have", "had"):
        return None
    return _subject_before(text, tokens[-2].start(), sentence_start)


_COMMA_CLAUSE = re.compile(r",\s*(?:while|whereas|but|although|though|and|even\s+as)\b", re.I)
_CLAUSE = re.compile(rf";|{_COMMA_CLAUSE.pattern}|\s(?:while|whereas)\s", re.I)


def _clauses(gap: str) -> int:
    """How many clause marks (:data:`_CLAUSE`) ``gap`` holds; each needs a comma, a semicolon,
    "while" or "whereas"."""
    folded = gap.casefold()  # outside ASCII, a letter may match another ignoring case
    if not gap.isascii() or "while" in folded or "whereas" in folded:
        return len(_CLAUSE.findall(gap))
    # without "while" or "whereas", a mark is a semicolon or a comma and a conjunction (a
    # pattern that starts with a comma is looked for only at commas)
    return gap.count(";") + (len(_COMMA_CLAUSE.findall(gap)) if "," in gap else 0)


_PAUSE = re.compile(r"[,;:(—–\"”]")
_DIGIT = re.compile(r"\d")
_CONTRAST_OPENS = re.compile(r"[,;]\s*(?:although|though|but|whereas|while)\s+$", re.I)
"""A clause of contrast opening just before its speaker: the speaker gives nothing before it."""
_OBJECT_GAP = re.compile(r"\s*(?:that\s+)?")
"""What may stand between a reporting verb and the figure it reports directly."""
_DOCUMENT_SUBJECT = re.compile(  # a document reports no figure over a speaker citing it
    r"\b(?:reports?|estimates?|figures?|data|records|statistics|accounts|tally|count)\s+\w+$"
)


def _parens_source(text: str, position: int, limit: int) -> str | None:
    """A source in parentheses after the figure, in its clause: "50 released on Monday (UN)"."""
    if text.find("(", position, limit) < 0:
        return None
    clause = re.match(r"[^,;:.!?]*(?:\.\w[^,;:.!?]*)*", text[position:limit])
    assert clause is not None
    for found in re.finditer(r"(?<![\w)])\(([^()]{1,60})\)", clause.group()):  # not "ZANU(PF)"
        inside = found.group(1).strip()
        if _abbreviates(clause.group()[: found.start()], inside) and not _ISSUED_BY.search(
            clause.group()[: found.start()]
        ):
            continue  # "killed by the Rapid Support Forces (RSF)": a name's short form
        if inside[:1].isupper() and not re.search(r"\d", inside) and len(inside.split()) <= 6:
            return _clean_source(inside)
    return None


_ISSUED_BY = re.compile(  # "the figure issued by the International Rescue Committee"
    r"\b(?:issued|published|released|reported|compiled|given|estimated|counted|recorded|provided|"
    r"cited|announced|confirmed|documented|gathered|collected)\s+by\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’&.-]*\s+|(?:of|for|and|on|the)\s+){0,7}$"
)


def _abbreviates(before: str, inside: str) -> bool:
    """Whether ``inside`` is the short form of the capitalised name ``before`` ends with: "Rapid
    Support Forces (RSF)", "Sudan Armed Forces (SAF)", "Médecins Sans Frontières (MSF)"."""
    if not re.fullmatch(r"[A-Z][A-Za-z&.-]{1,11}", inside):
        return False
    words = re.findall(r"[\w'’&-]+", before)[-8:]
    initials = "".join(word[0] for word in words if word[:1].isupper())
    letters = inside.replace(".", "").replace("&", "")
    capitals = "".join(c for c in letters if c.isupper())
    return len(capitals) >= 2 and initials.endswith(capitals)


_NAME = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|on|the)\s+|\s+))*[A-Z][\w&'’.-]*"
    r"(?:\s*\([A-Z][A-Za-z&.-]{1,11}\))?"
)
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,}s?")
_INSTITUTION = re.compile(
    r"\b[Tt]he\s+(government|army|police|military|authorities|ministry|junta|regime)\b"
)


def named_organisations(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Named organisations in ``text[start:end]``: acronyms and capitalised names with an
    organisation word, with where each ends."""
    found: list[tuple[int, str]] = []
    for name in _NAME.finditer(text[start:end]):
        source = _organisation(name.group())
        if source:
            found.append((start + name.end(), source))
    for institution in _INSTITUTION.finditer(text[start:end]):
        found.append((start + institution.end(), institution.group(1)))
    return sorted(found)


_OPENING_PREPOSITION = re.compile(
    r"(Under|Through|Via|With|For|From|To|Within|Across|During|After|Before|Since|Despite|Amid)"
    r"\s+(?:the\s+)?(?=[A-Z])"
)


@functools.lru_cache(maxsize=4096)  # a text names the same organisations again and again
def _organisation(name: str) -> str | None:
    """The organisation a capitalised name is (an acronym, or a name with an organisation
    word), or None."""
    opening = _OPENING_PREPOSITION.match(name)
    if opening:  # "Under the UNHCR Resettlement Programme, 400 ...": never "Under"
        name = name[opening.end() :]
    words = name.split()
    acronyms = [w for w in words if _ACRONYM.fullmatch(w.strip("().,"))]
    if opening and opening.group(1) in ("Under", "Through", "Via"):
        # a scheme or a channel the figure came under, never who gave it: the body it names
        # in capitals, if any ("UNHCR")
        bodies = [w.strip("().,") for w in acronyms]
        bodies = [w for w in bodies if w not in _NOT_ORG_ACRONYMS]
        return bodies[-1] if bodies else None
    has_org = any(w.casefold().strip("().,’'s") in _ORG_WORDS for w in words)
    named = [word.strip("().,") for word in acronyms]
    named = [word for word in named if word not in _NOT_ORG_ACRONYMS]
    shouting = len(acronyms) >= 2 and not has_org  # "in a BIG WAY"
    if has_org:
        source = _clean_source(name)
    elif named and not shouting:
        source = named[-1]
    else:
        return None
    return source if source and source not in _NOT_ORG_ACRONYMS else None


_CONTINUING_OPENING = re.compile(
    r"(?:another|it|they|also|of\s+(?:them|those|these|whom)|among\s+them|in\s+addition|"
    r"a\s+further|the\s+(?:agency|group|organi[sz]ation|ministry|monitor|office))\b"
)


def attribute(
    text: str,
    figure: Figure,
    attributions: list[Attribution],
    sentence_start: int,
    previous: str | None,
    next_start: int,
    sentence_organisations: Callable[[], list[tuple[int, str]]],
    previous_named: tuple[str, ...] = (),
) -> tuple[str | None, str]:
    """Who gave ``figure``, and by which rule. ``previous`` is the source the previous sentence
    ended with, ``previous_named`` every source it named, in order: a pronoun takes the last of
    them it agrees with ("he": a person, "they": a plural, "it": neither). "the figure of N X
    gave" names X; "N, a figure X gave" only when nothing before it names the figure's speaker
    ("The ministry said 40 died, a figure the UN confirmed": the ministry's)."""
    window = max(sentence_start, figure.start - 30)
    of_figure = (  # looked for only where its "of" is
        _FIGURE_OF.search(text, window, figure.start)
        if text.find("of", window, figure.start) >= 0
        else None
    )
    if of_figure:
        giver = _giver(_GIVER_AFTER.match(text, figure.end, next_start), counted=True)
        if giver is not None:  # "the figure of 1,464 officials gave": the officials'
            return giver, "by"
        came = _came_from(text, figure, next_start)
        if came is not None:  # "the figure of 359 came from a statement by X": X's
            return came, "by"
    given = (  # looked for only where its comma is
        _FIGURE_GIVEN.match(text, figure.end, next_start)
        if text.find(",", figure.end, next_start) >= 0
        else None
    )
    giver = _giver(given, counted=False)
    if giver is not None:  # the giver's clause speaks for no figure before it
        attributions = [a for a in attributions if a.start < figure.end]
    source, rule = _attribute(
        text,
        figure,
        attributions,
        sentence_start,
        previous,
        next_start,
        sentence_organisations,
        previous_named,
    )
    if giver is not None and (source is None or rule in ("nearest_org", "previous_sentence")):
        return giver, "by"  # "32 deaths, a figure the government gave": the government's
    return source, rule


_INVERTED_SAID = re.compile(r"(?:said|says|added)\s")


def _closing_said(
    text: str, figure: Figure, attributions: list[Attribution], after: list[Attribution]
) -> Attribution | None:
    """The ", said X" after ``figure`` that gives the whole statement before it, though the
    statement has a speaker of its own ("The suspect admitted killing 3 people, said police",
    "The company confirmed 300 job cuts, said union officials"): X. None when no speaker comes
    before the figure, or the statement is a quotation (its own rules read it). ``after``: the
    attributions that start after the figure."""
    if not after:
        return None
    closing = after[0]
    if (
        closing.rule == "said"
        and closing.direction == "trail"
        and not closing.pronoun
        and text[: closing.start].rstrip().endswith(",")
        and any(a.end <= figure.start and a.rule == "said" for a in attributions)
    ):
        if _INVERTED_SAID.match(text, closing.start):
            return closing
        inner = [a for a in attributions if a.end <= figure.start and a.rule == "said"][-1]
        if (
            _COUNT_MADE_END.search(text, inner.start, inner.end)
            and _CLOSING_SAID_END.search(text, closing.start, closing.end)
            and _SENTENCE_ENDS.match(text, closing.end)
        ):
            # "Rescuers identified 12 bodies, a civil defence spokesman said.": the count is the
            # rescuers', the figure the spokesman's, who says it
            return closing
    return None


_COUNT_MADE_END = re.compile(
    r"\b(?:identified|identifies|established|establishes|registered|registers)$"
)
_CLOSING_SAID_END = re.compile(r"\b(?:said|says|added|adds)$")
_SENTENCE_ENDS = re.compile(r"\s*(?:[.!?\"'”’)]|$)")


_MEDIA = word_set(
    """newspaper paper daily weekly agency website site broadcaster television radio channel
    outlet outlets media portal"""
)
_REPORTED_END = re.compile(r"(?:reported|reports|reporting)$")


def _relayed(
    text: str, figure: Figure, attributions: list[Attribution], after: list[Attribution]
) -> Attribution | None:
    """The speaker a news outlet relays, when the outlet's "reported" closes the sentence after
    a figure that a speaker before it gives ("Teachers confirmed the fears, saying that 166 were
    missing, the newspaper reported", "the junta said on Saturday, with 2,000 injured, BSS
    reports": the teachers, the junta; the outlet is who relays them). None when no speaker
    comes before the figure ("40 died in the fire, the newspaper reported": the newspaper).
    ``after``: the attributions that start after the figure."""
    if len(after) != 1 or after[0].rule != "said" or after[0].direction != "trail":
        return None
    outlet = after[0]
    if not _REPORTED_END.search(text, outlet.start, outlet.end):
        return None
    if not text[max(0, outlet.start - 3) : outlet.start].rstrip().endswith(","):
        return None  # "up from the 144 dead that state media had reported": the media's own
    written = outlet.source.split()
    if not any(word.casefold() in _MEDIA for word in written) and not re.fullmatch(
        r"[A-Z]{2,6}", written[-1]
    ):
        return None  # "the newspaper Standard", "BSS": an outlet; never "police"
    inner = [
        a
        for a in attributions
        if a.end <= figure.start
        and a.rule == "said"
        and not a.generic
        and not a.pronoun
        and not _contrast(text[a.end : figure.start])
    ]
    return inner[-1] if inner else None


def _giver(given: re.Match[str] | None, counted: bool) -> str | None:
    """Who "a figure X gave" after a figure names ("32 deaths, a figure the government gave",
    "the figure of 1,464 officials gave"). With ``counted``, after "the figure of N" without an
    article, X may be what N counts: a speaker noun then, never a capitalised word ("the figure
    of 3,000 Ukrainians reported missing")."""
    if given is None:
        return None
    giver = _clean_source(given.group("who"))
    if not giver:
        return None
    counted = counted and not re.match(r"(?:the|its|their)\s", given.group("who"))
    head = giver.split()[-1].casefold()
    speaks = head in _SPEAKERS | _ORG_WORDS or head.rstrip("s") in _SPEAKER_STEMS
    if speaks or (giver[:1].isupper() and not counted):
        return giver  # never "the figure of 40 people reported missing"
    return None


_RELATIVE_GAP = re.compile(r"\s+(?:[a-z]+\s+){0,2}?(?:that|which)\s+")
"""Between "the N" and a reporting verb's subject, the relative pronoun of a clause that says
who reported N: "the 144 dead that state media had reported", "the 300 victims that the
ministry counted"."""


def _relative_report(gap: str, attribution: Attribution) -> bool:
    """Whether ``gap``, between "the N" and ``attribution`` after it, only opens a relative
    clause whose subject is the reporting verb's (:data:`_RELATIVE_GAP`)."""
    return attribution.rule == "said" and bool(_RELATIVE_GAP.fullmatch(gap))


_AS_GAP = re.compile(r"\s+as\s+")
_AS_SAID_ENDS = _lazy(  # few texts reach it
    r"\s*(?:[,.;:!?'\"’”)]|$|(?:earlier|before|previously|initially|at\s+first|on\s+[A-Z]\w*|"
    r"last\s+\w+|yesterday)\s*(?:[,.;:!?'\"’”)]|$))"
)


def _as_said(text: str, gap: str, attribution: Attribution) -> bool:
    """Whether ``attribution``, after a figure and "as", says the figure with nothing of its own
    after its verb ("279 and not 317 as the police had said earlier", "the 40 dead, as the
    ministry reported"), never a clause going on ("40 died as police reported new clashes")."""
    return (
        attribution.rule == "said"
        and "as" in gap
        and bool(_AS_GAP.fullmatch(gap))
        and bool(_AS_SAID_ENDS().match(text, attribution.end))
    )


_POINTED_END = re.compile(r"\b(?:pointed|points|point|pointing)\s+to$")
_PLACE_CLAUSE = re.compile(r"[,;]\s*(?:where|when)\b")
"""A clause about the place or the moment pointed to, which the one pointing does not say."""


def _attribute(
    text: str,
    figure: Figure,
    attributions: list[Attribution],
    sentence_start: int,
    previous: str | None,
    next_start: int,
    sentence_organisations: Callable[[], list[tuple[int, str]]],
    previous_named: tuple[str, ...],
) -> tuple[str | None, str]:
    """:func:`attribute` without "a figure X gave"."""
    parens = _parens_source(text, figure.end, next_start)
    if parens:
        return parens, "parens"
    against = _FOR_SPEAKER.match(text, figure.end, next_start)
    if against and _AGAINST.search(text, max(0, figure.start - 12), figure.start):
        speaker = against.group(1)
        if speaker.casefold() in _SPEAKERS:  # "1.4 million, against 300,000 for the police"
            return speaker, "by"
    # the nouns of an owner's figure ("the organisers' estimate of") and of a holder's ("have
    # another number:"), looked for once
    nouns = _OWNED_NOUN.search(text, max(sentence_start, figure.start - 160), figure.start)
    owner = _owner(text, figure, sentence_start) if nouns else None
    if owner:
        return owner, "owner"
    holder = _holder(text, figure, sentence_start) if nouns else None
    if holder:  # "the families have yet another number: 464": the families'
        return holder, "owner"
    ranged = _ranged_owner(text, figure, sentence_start, next_start)
    if ranged:  # "estimates ranged from the Interior Ministry's 69, to ...": the ministry's
        return ranged, "owner"
    window = max(sentence_start, figure.start - 120)
    that = text.find("that", window, figure.start) >= 0  # what the next three patterns need
    claimed = _CLAIM_THAT.search(text, window, figure.start) if that else None
    if claimed is not None and _CLAUSE_LEFT.search(text, claimed.end("that"), figure.start):
        claimed = None  # "the army's claim that ... was rejected by doctors who said 40": theirs
    if claimed is not None:
        owner = claimed.group("name") or claimed.group("noun")
        if claimed.group("name") or owner.split()[-1].rstrip("s") in _SPEAKER_STEMS | _ORG_WORDS:
            return _clean_source(owner), "owner"  # "the army's claim that 12 died": the army's
    hearsay = _HEARSAY.search(text, window, figure.start) if that else None
    if hearsay is not None and (
        _RECEIVED_BY_SPEAKER.search(
            text, max(sentence_start, hearsay.start() - 30), hearsay.start()
        )
        or _RELATIVE_THAT.match(text, hearsay.start("that"))
        or (  # "The group claims that 5,000 died": a speaker and its verb
            hearsay.group("the")
            and hearsay.group("middle")
            and hearsay.group("noun") in ("report", "reports", "claim", "claims")
            and hearsay.group("middle").rstrip("s") in _SPEAKERS | _ORG_WORDS
        )
    ):
        hearsay = None  # "'We received a report that 14 were taken,' said X": X's, not hearsay
    if hearsay is not None:  # "Asked about a report that 79,000 had died, the minister said"
        by = hearsay.group("by")
        return (_clean_source(by), "by") if by else (None, "none")
    if that and _BARE_HEARSAY.search(text, window, figure.start):
        return None, "none"  # "the minister said 6 died, contradicting reports that 20 had"
    window = max(sentence_start, figure.start - 60)
    official = (  # a word _OFFICIAL_OF needs
        text.find("official", window, figure.start) >= 0
        or text.find("ly ", window, figure.start) >= 0
        or text.find("reported", window, figure.start) >= 0
    )
    cited = official and _OFFICIAL_OF.search(text, window, figure.start)
    if cited and (
        cited.group().casefold().startswith("the official")
        and not [a for a in attributions if a.start >= figure.end]
        or not cited.group().casefold().startswith("the official")  # "the widely used figure"
    ):
        return None, "none"  # "X said 135 died, twice the official toll of 56": no one named
    agentless = _AGENTLESS.match(text, figure.end, next_start)
    if (
        agentless
        and _DEFINITE.search(text, max(sentence_start, figure.start - 30), figure.start)
        and (
            not [a for a in attributions if a.start >= figure.end]
            or re.search(r"(?:previously|widely)\s+\w+$", agentless.group())
        )
    ):
        return None, "none"  # "far above the 131 reported on Wednesday": no one named
    gapped = _gapped(text, figure, attributions, sentence_start)
    if gapped is not None:  # "the unions counted 20,000 and the prefecture 8,500"
        return gapped, "said"
    after = [a for a in attributions if a.start >= figure.end] if attributions else []
    relayed = _relayed(text, figure, attributions, after) if after else None
    if relayed is not None:  # "..., saying that 166 were missing, the newspaper reported"
        return relayed.source, relayed.rule
    closing = _closing_said(text, figure, attributions, after) if after else None
    if closing is not None:  # "The suspect admitted killing 3 people, said police": theirs
        return closing.source, closing.rule
    options: list[tuple[int, int, int, int, Attribution]] = []
    ends = [attribution.end for attribution in attributions]
    at = bisect.bisect_right(ends, figure.start)
    for attribution in attributions[max(0, at - 3) : at + 3]:
        if attribution.direction in ("lead", "both") and attribution.end <= figure.start:
            gap = text[attribution.end : figure.start]
            if _contrast(gap) and not _QUOTE_OPENS.match(gap):
                continue  # "the military said it would free 2,342, although only 370 ..."
            if _own_subject(text, attribution.end, figure.start):
                continue  # "X reported 300, while Brazil has the highest toll, with 2,000"
            pointed = (  # looked for only where its verb is
                text.find("point", attribution.start, attribution.end) >= 0
                and _POINTED_END.search(text, attribution.start, attribution.end)
            )
            if pointed and _PLACE_CLAUSE.search(gap):
                continue  # "Witnesses pointed to 3 trucks by the morgue, where 27 ...": only the 3
            lead = 0
        elif attribution.direction in ("trail", "both") and attribution.start >= figure.end:
            gap = text[figure.end : attribution.start]
            if _CONTRAST_OPENS.search(text, max(0, attribution.start - 14), attribution.start):
                continue  # "1,320 deaths were reported, although officials said the toll rose"
            if (
                attribution.rule == "by"
                and text[attribution.start - 2 : attribution.start - 1].isdigit()
                and _DIGIT.search(gap)
            ):
                continue  # "43,000, up from the figure of 41,000 given by X": only the 41,000
            if (
                attribution.rule == "said"
                and not _PAUSE.search(gap)
                and not (  # bound to the figure, read only when it matters
                    text[figure.start - 4 : figure.start].casefold() == "the "
                    and (not gap.strip() or _relative_report(gap, attribution))
                    or _as_said(text, gap, attribution)
                )
            ):
                continue  # "5,000 victims housed at the shelter reported ...": its subject
            lead = 1
        else:
            continue
        clauses = _clauses(gap)
        if (
            attribution.rule in ("by", "according_to", "said")
            and lead
            and len(gap) < 40
            and not re.search(r"[,;:(]", gap)
            and (
                attribution.rule != "said"
                or not gap.strip()
                or (
                    text[figure.start - 4 : figure.start].casefold() == "the "
                    and _relative_report(gap, attribution)
                )
                or _as_said(text, gap, attribution)
            )
        ):
            # "the 280,000 put forward by the CGT", "the 6,453 the city reported", "the 144
            # dead that state media had reported"
            clauses = -1
        if (
            not lead
            and attribution.rule == "said"
            and _OBJECT_GAP.fullmatch(gap)
            and not _DOCUMENT_SUBJECT.search(text, max(0, attribution.end - 60), attribution.end)
        ):
            clauses = -1  # "'But witnesses said five are missing,' said X": the witnesses
        if (
            attribution.rule == "by"
            and lead
            and re.fullmatch(r"[^,;:()]*,\s*", gap)
            and _ANNOUNCED.match(text, attribution.start)
        ):  # "a jump to 37,958 for the province, announced on Monday by X": X, not the speaker
            clauses = -1
        options.append((clauses, int(attribution.generic), lead, len(gap), attribution))
    if options:
        chosen = min(options, key=lambda option: option[:4])[4]
        if chosen.pronoun:
            named = [
                a for a in attributions if not a.pronoun and not a.generic and a.end <= chosen.start
            ]
            if chosen.source.casefold() in ("he", "she"):  # a person, never "the media",
                named = [  # nor a name written after "the" ("The Guardian's database")
                    a
                    for a in named
                    if not _many(a.source)
                    and not (a.source[:1].isupper() and text[a.start : a.start + 4] in _ARTICLE)
                ]
            if named and chosen.source.casefold() in ("it", "they", "he", "she", "we"):
                return named[-1].source, named[-1].rule  # "The CGT said it had counted 3.5 million"
            later = [
                a for a in attributions if not a.pronoun and not a.generic and a.start >= chosen.end
            ]
            if not later and chosen.source.casefold() in ("we", "i"):
                later = [  # "'We saw 200 tanks,' said witnesses": a lesser speaker is still who
                    a  # "we" are
                    for a in attributions
                    if not a.pronoun and a.start >= chosen.end and a.rule == "said"
                ]
            if later and chosen.source.casefold() in ("we", "i"):
                return later[0].source, later[0].rule  # "'We counted 439,' the director said"
            person = (
                _PERSON_BEFORE.findall(
                    text, max(sentence_start, chosen.start - _REACH), chosen.start
                )
                if chosen.source.casefold() in ("he", "she")
                else []
            )
            if person:  # "the U.S. sent a general to investigate, and he found that 22 ..."
                return _clean_source(person[-1]) or chosen.source, chosen.rule
            owning = (
                _NAME_OWNS.match(text, sentence_start, chosen.start)
                if chosen.source.casefold() in ("he", "she")
                else None
            )
            if owning:  # "Marc Hale's database counts the dead; he estimates 2,500": Hale
                return owning.group(1), chosen.rule
            document = (
                _document_before(text, chosen.start, chosen.source)
                if chosen.source.casefold().split()[-1] in _DOCUMENTS
                else None
            )
            if document:  # "a report from X warned ... The report said": X's
                return document, "previous_sentence"
            if (
                document is None
                and chosen.rule == "said"
                and chosen.source.casefold().split()[-1] in _DOCUMENTS
            ):
                if previous and chosen.source.casefold().split()[-1] in ("report", "reports"):
                    # "UNICEF said 300 were hit. The report said": what UNICEF said
                    return previous, "previous_sentence"
                # "The study found": as written when no document was named before it, a work
                # of its own rather than what the previous speaker said
                return _clean_source(chosen.source) or chosen.source, chosen.rule
            if previous:
                return _agreeing(chosen.source, previous, previous_named), "previous_sentence"
            # "he found that 22 ...": a pronoun names someone even when nothing named before
            # can be what it stands for; it stays as written rather than unattributed
            return _clean_source(chosen.source) or chosen.source, chosen.rule
        return _respectively(text, chosen, figure, next_start), chosen.rule
    earlier = [
        a
        for a in attributions
        if a.end <= figure.start
        and not a.generic
        and not _contrast(text[a.end : figure.start])
        and not _own_subject(text, a.end, figure.start)
    ]
    if earlier:  # "50 were seized, the navy said, and up to 400 were questioned"
        chosen = max(earlier, key=lambda attribution: attribution.end)
        if not chosen.pronoun:
            return chosen.source, chosen.rule
    opening = text[sentence_start : sentence_start + 40].casefold()
    continuing = _CONTINUING_OPENING.match(opening)
    if previous and continuing:
        word = continuing.group()
        if word == "it" or word.startswith("the "):  # never a person for "it", "the agency"
            word = text[sentence_start : sentence_start + len(word)]
            previous = _agreeing(word, previous, previous_named)
        return previous, "previous_sentence"
    if attributions:
        return None, "none"  # with a speaker in the sentence, never a bystander
    organisations = sentence_organisations()  # in order of where each ends
    before = bisect.bisect_right(organisations, figure.start, key=lambda org: org[0])
    nearest = next(  # the last one before the figure that no verb acts on
        (
            organisations[at]
            for at in range(before - 1, -1, -1)
            if not _object(text, sentence_start, *organisations[at])
            and not _capitals_of_another_name(text, *organisations[at])
        ),
        None,
    )
    if nearest and not _ACTS.search(text, max(nearest[0], figure.start - 120), figure.start):
        return nearest[1], "nearest_org"
    return None, "none"  # "the police have made 20 arrests": who acted, not who counted


_PERSON_BEFORE = re.compile(  # a person the sentence names before "he": "sent a general"
    r"\b((?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2}(?:spokesman|spokeswoman|spokesperson|official|"
    r"minister|mayor|governor|director|chief|commissioner|doctor|commander|officer|researcher|"
    r"activist|witness|resident|lawyer|envoy|general|colonel|survivor|man|woman|inspector|"
    r"investigator|engineer|nurse|officer))\b,?\s+"
    r"(?:[^,;:]*?,\s+)?(?:and|but|who)\b"
)


def _many(source: str) -> bool:
    """Whether ``source`` names many or a body, never one person "he" can stand for ("the
    media", "officials", "the police"); "the chairman of the Red Cross" is one."""
    head = source.split(" of ")[0].split()[-1].casefold()
    return head in ("media", "press", "police", "government", "army", "public") or (
        head.endswith("s") and not head.endswith(("ss", "'s", "’s")) and source[:1].islower()
    )


_ARTICLE = ("the ", "The ")
_NAME_OWNS = re.compile(  # a person's name opening the sentence as an owner: "Marc Hale's"
    r"(?!The\s)([A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'’-]+)['’]s\s+(?:[a-z][\w-]*\s+){0,3}"
    r"(?:database|count|tally|list|research|study|team|survey|work|estimate|website|blog)\b"
)
_GAPPED_WORD = re.compile("and|while|whereas|but")  # the words _GAPPED needs
_GAPPED = re.compile(
    r"(?:,\s*|\s)(?:and|while|whereas|but)\s+((?:the\s+)?(?:[A-Za-z][\w'’-]*\s+){0,3}?"
    r"[A-Za-z][\w'’-]*)\s+$"
)


def _gapped(
    text: str, figure: Figure, attributions: list[Attribution], sentence_start: int
) -> str | None:
    """ "the unions counted 20,000 demonstrators and the prefecture 8,500": a second speaker
    whose verb the sentence leaves out, after a first speaker's verb and figure."""
    window = max(sentence_start, figure.start - 60)
    if not _GAPPED_WORD.search(text, window, figure.start):
        return None  # looked for only where one of its words is
    gap = _GAPPED.search(text, window, figure.start)
    if gap is None:
        return None
    verbs = [
        a
        for a in attributions
        if a.rule == "said" and a.direction != "trail" and a.end <= gap.start()
    ]
    if not verbs or not re.search(r"\d", text[verbs[-1].end : gap.start()]):
        return None  # the first speaker's verb and its own figure come first
    if _SPEECH.search(gap.group(1)):
        return None
    name = _clean_source(gap.group(1))
    if name is None:
        return None
    head = name.split()[-1]
    if not (head[:1].isupper() or head.casefold() in _SPEAKERS | _ORG_WORDS):
        return None
    return name


_FOR_SPEAKER = re.compile(r"\s+(?:[a-z]+\s+)?for\s+the\s+([a-z]+)\b")
_AGAINST = re.compile(r"\b(?:against|versus|vs\.?)\s+$")
_HEARSAY = re.compile(  # "a report that 79,000 died", "the claim by X that as few as 300"
    r"\b(?:(?:[Aa]|[Aa]n|(?P<the>[Tt]he))\s+(?:(?P<middle>[a-z]+)\s+)?(?P<noun>report|reports|"
    r"claim|claims|rumou?rs?|suggestion|allegations?|accusations?|assertions?)|"
    r"(?:allegations|accusations|claims)(?=\s+by\b)|"
    r"(?:Reports|Rumou?rs|Claims|Allegations)(?=\s+that\b))\s+"
    r"(?:by\s+(?P<by>(?:(?:[A-Z]\.){2,}|(?![,;:.]).){2,60}?)\s+)?(?P<that>that)\s+[^,;:]*$"
)
_CLAIM_THAT = re.compile(  # "Trump's earlier boast that", "the ministry's claim that"
    r"(?:(?<![\w'’])(?P<name>(?!The\s)[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4})|\b[Tt]he\s+"
    r"(?P<noun>[a-z]+(?:\s+[a-z]+)?))['’]s?\s+(?:(?:earlier|latest|new|initial|repeated|own|first|"
    r"official)\s+)?(?:claims?|boasts?|assertions?|allegations?|insistence|contention|"
    r"estimates?|belief)\s+(?P<that>that)\s+[^,;:]*$"
)
_CLAUSE_LEFT = re.compile(  # the claim's own clause has ended before the figure
    r"\b(?:who|which|whom|by|(?:was|were|is|are|has\s+been|have\s+been)\s+[a-z]+ed)\b|"
    r"\b(?:was|were|is|are)\b.*\b(?:was|were|is|are)\b"
)
_RELATIVE_THAT = re.compile(  # "the report that the UN published on Monday said": whose report
    r"that\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w.&'’-]+\s+){0,3}?(?:published|released|"
    r"compiled|issued|produced|prepared|wrote|commissioned|obtained|saw|cited|quoted|leaked|"
    r"filed|submitted|presented|sent|received|carried|drew\s+up|put\s+out)"
    r"(?!\s+(?:\d|(?:the|a|an|its|their|some|all|more|over|about)\b))\b"
)
"""A relative clause after a document noun, its verb followed by no object: the document is the
relative clause subject's, not hearsay ("Reports that Amnesty compiled show 450 were detained";
never "a report that the government released 300 prisoners")."""
_BARE_HEARSAY = re.compile(  # reports no one is named for, after a word that governs them
    r"\b(?i:of|about|to|despite|amid|after|following|over|"
    r"(?!(?:confirm|acknowledg|verify|corroborat|repeat|echo)ing\b)[a-z]+ing|denied|rejected|"
    r"dismissed|contradicted|disputed)\s+(?:(?:unconfirmed|earlier|initial|local|media|press|news|some|"
    r"other)\s+)*(?:reports|rumou?rs|claims|speculation)\s+that\s+[^,;:]*$"
)
_RECEIVED_BY_SPEAKER = re.compile(
    r"\b(?:we|I)\s+(?:have\s+|had\s+)?(?:also\s+)?(?:received|got|have|had)\s+$", re.I
)
_OFFICIAL_OF = re.compile(  # "the official toll of", "the widely used figure of": no one's
    r"\bthe\s+(?:(?:country|nation|state|city|region|province)['’]s\s+)?(?:official|(?:widely|"
    r"commonly|often|generally|frequently)\s+(?:used|cited|quoted|accepted|reported|repeated))\s+"
    r"(?:death\s+|[\w-]*\d[\w-]*\s+)?(?:toll|figure|count|tally|estimate)\s+of\s+"
    r"(?:(?:about|around|some|only|just)\s+)?$"
    # "residents fear that reported figures of 30 deaths are too low": the subject of a that
    # clause, cited by one who doubts it, never given ("the ministry said that official ...")
    r"|\b(?:fear|worr(?:y|ies|ied)|doubt|believe|suspect|think|thought|argue|insist|warn|complain)"
    r"(?:s|ed|d)?\s+that\s+(?:the\s+)?(?:official|reported)\s+(?:death\s+)?"
    r"(?:tolls?|figures?|counts?|tally|estimates?)\s+of\s+"
    r"(?:(?:about|around|some|only|just)\s+)?$"
)
_AGENTLESS = re.compile(  # "the 131 reported on Wednesday", "the toll of 410 given on Tuesday"
    r"(?:\s+(?!(?:the|a|an|its|their|his|her|by|it|they|he|she|we)\b)[a-z]+){0,2}?\s+"
    r"(?:reported|given|announced|"
    r"cited|published|released|recorded|quoted|issued|(?<=previously\s)estimated|"
    r"(?<=widely\s)(?:used|cited|quoted|reported))\b(?!\s+(?:by|in\s+a|that)\b)"
)
_DEFINITE = re.compile(
    r"(?:\bthe\s+(?:(?:more|fewer|less)\s+than\s+|some\s+|about\s+)?|"
    r"\b(?:toll|figure|count|tally|total|estimate)\s+of\s+)$"
)


def _respectively(text: str, chosen: Attribution, figure: Figure, next_start: int) -> str:
    """ "X and the Y reported tolls of 38,195 and 30,920 respectively": the first figure after
    the verb is X's, the second Y's."""
    if chosen.end > figure.start or " and " not in chosen.source:
        return chosen.source
    if not re.search(r"\brespectively\b", text[figure.end : max(next_start, figure.end + 60)]):
        return chosen.source
    names = re.split(r",\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", chosen.source)
    before = len(re.findall(r"(?<![\w.,])\d[\d,.]*", text[chosen.end : figure.start]))
    return names[before] if before < len(names) else chosen.source


_WORD_BEFORE = re.compile(r"(?<![\w'’])([\w'’]+)\s+(?:the\s+|an?\s+)?$")  # tried at word starts


def _object(text: str, sentence_start: int, end: int, name: str) -> bool:
    """Whether the organisation ``name`` ending at ``end`` is what a verb or a preposition acts
    on ("pressed the authorities", "from the military to the governor"), not who speaks."""
    start = text.rfind(name, sentence_start, end)
    if start < 0:
        return False
    window = text[max(sentence_start, start - 40) : start]
    # a match is the window's last word, or the one before an article: read from there on
    words = window.rsplit(None, 2)
    before = _WORD_BEFORE.search(window, len(words[0]) if len(words) == 3 else 0)
    if before is None:
        return False
    word = before.group(1)
    return word.casefold() in _GOVERNING or (
        word.islower() and re.fullmatch(r"\w+ed", word) is not None and word not in _SPEECH_WORDS
    )


_GOVERNING = word_set(
    """to against with urged asked pressed criticised criticized blamed on at in into among over
    about between"""
)
_SPEECH_WORDS = word_set("reported estimated confirmed stated announced counted recorded")


_ACTS = re.compile(  # an organisation doing something to the people counted, not counting them
    r"\b(?:arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|made|makes|jail(?:s|ed)|held|holds|"
    r"interview(?:s|ed)|met|meets|went|go(?:es)?\s+to|called|calls|urg(?:es|ed)|rescu(?:es|ed)|"
    r"evacuat(?:es|ed)|deploy(?:s|ed)|sent|sends|captur(?:es|ed)|kill(?:s|ed))\b",
    re.I,
)


_NAME_GOES_ON = re.compile(r"\s+[A-Z][a-z]")


def _capitals_of_another_name(text: str, end: int, name: str) -> bool:
    """Whether ``name``, an acronym ending at ``end``, is only capitals written in another name
    or as a word: "the MS Joola" (a ship), "the UN Secretary-General's panel", "NEW research"
    (a headline's capitals); never an organisation a figure is left to."""
    if not _ACRONYM.fullmatch(name):
        return False
    written = text.rfind(name, 0, end)
    after = written + len(name) if written >= 0 else end
    return name.casefold() in _NOT_A_SUBJECT or bool(_NAME_GOES_ON.match(text, after))


_NAMES_THE_FIGURE = re.compile(
    r"(?:The|This|That|Its|Their)\s+(?:[\w-]+\s+){0,2}?(?:estimate|figure|tally|count|toll)\b"
)


def next_sentence_source(
    text: str, sentence: tuple[int, int, list[Figure], list[Attribution]]
) -> str | None:
    """ "... rose to at least 1,470. The updated estimate, by the AP's count, is ...": a figure
    the next sentence names as "the estimate" takes the source given there."""
    start, end, _, attributions = sentence
    if not _NAMES_THE_FIGURE.match(text, start, end):
        return None
    named = [a for a in attributions if not a.pronoun and not a.generic and a.start < start + 80]
    return named[0].source if named else None


_PERSON_NOUNS = word_set(
    """spokesman spokeswoman spokesperson official minister mayor governor president director
    chief head commissioner secretary doctor premier leader commander officer researcher
    activist witness resident lawyer representative envoy ambassador general colonel"""
)


def _kind(source: str) -> str:
    """ "person", "plural" or "thing": what a pronoun standing for ``source`` would be."""
    words = source.replace("’", "'").split()
    last = words[-1].casefold()
    if last in _PERSON_NOUNS:
        return "person"
    if re.fullmatch(r"[A-Z][A-Z&]+s?", words[-1]) or any(
        word.casefold() in _ORG_WORDS for word in words
    ):
        return "thing"
    if all(word[:1].isupper() for word in words) and len(words) <= 4:
        return "person" if last not in _SPEAKERS else "thing"
    return "plural" if last.endswith("s") and not last.endswith("ss") else "thing"


def carried_speaker(source: str, previous: str | None) -> str:
    """The speaker a sentence hands the next one: its last source, but a "he" or "she" that
    stands for the person the sentence before handed on is that person ("Glenmore Hinds told
    reporters ... '..., there is some doubt that six ...' ... '... three did not,' he said":
    Hinds, for a "he said" after it too)."""
    if (
        source.casefold() in ("he", "she")
        and previous is not None
        and previous.casefold() not in _BARE_PRONOUNS
        and _kind(previous) == "person"
    ):
        return previous
    return source


def _agreeing(pronoun: str, previous: str, named: tuple[str, ...]) -> str:
    """The last of ``named`` that ``pronoun`` can stand for, else ``previous``."""
    wanted = {"he": "person", "she": "person", "they": "plural", "it": "thing"}.get(
        pronoun.casefold()
    )
    if pronoun.casefold().split()[-1] in _CONTINUING:
        wanted = "thing"  # "the agency", "the group": an organisation, never its spokesman
    if wanted is None or _kind(previous) == wanted:
        return previous
    agreeing = [name for name in named if _kind(name) == wanted]
    if agreeing:
        return agreeing[-1]
    if wanted == "thing" and _kind(previous) == "person":
        return _clean_source(pronoun) or pronoun  # "it", "the agency": never its spokesman
    return previous


# --- a table's column named after who gives its figures ------------------------------------------

_HEADER_CLAIMANTS = word_set("organisers organizers rebels opposition")
_COUNTED_PLACES = word_set(  # organisations a table counts ("Hospitals": hospitals hit)
    "hospital hospitals centre centres center centers university universities bank banks court "
    "courts office offices"
)
_HEADER_COUNT = re.compile(
    r"^(?:according\s+to\s+)?(?P<source>.+?)(?:['’]s?)?\s+(?:estimates?|figures?|counts?|tally"
    r"|tallies|toll|data|numbers?|claims?|says)$|^according\s+to\s+(?P<after>.+)$",
    re.I,
)


_CURRENCY_CODES = word_set("USD EUR GBP INR JPY CNY RMB RUB CHF AUD CAD NZD ZAR BRL MXN TRY")


def _an_institution(words: str) -> bool:
    """An organisation's name or an acronym ("UN", "Health ministry", "Ministry of Interior",
    "Rights groups"), never a counted thing ("Deaths", "Workers") nor a currency ("USD")."""
    words = words.replace("’", "'")
    head = words.split(" of ")[0] if " of " in words else words  # "Ministry of Interior"
    last = head.split()[-1]
    if re.fullmatch(r"[A-Z][A-Z&]+s?", last):
        return last.rstrip("s") not in _NOT_ORG_ACRONYMS | _CURRENCY_CODES
    word = last.casefold().removesuffix("'s").rstrip("'")
    if word in _COUNTED_PLACES:
        return False
    return word in _ORG_WORDS or word.removesuffix("s") in _ORG_WORDS or word in _HEADER_CLAIMANTS


def _count_by(words: str) -> str | None:
    """Who "Police estimate", "Organisers' count", "According to the CGT" name, else None."""
    count = _HEADER_COUNT.match(words)
    if count is None:
        return None
    source = (count.group("source") or count.group("after")).strip()
    proper_name = len(source.split()) > 1 and all(w[:1].isupper() for w in source.split())
    return source if _an_institution(source) or proper_name else None


def header_source(header: str, bare: bool = True) -> tuple[str, str] | None:
    """Who a table column's figures are by, when its header says so, and what it counts:
    "Police estimate" -> ("Police", ""), "Organisers' count" -> ("Organisers", ""), "Deaths
    (health ministry)" or "Deaths (Reuters count)" -> (the source, "Deaths"); a header that is
    only a name ("UN", "Government") -> (it, "") when ``bare``, since a name alone gives a
    column's source only in a table whose every figure column is one (see
    :func:`figcheck.extract.text.table_sentences`). None for a header that names what is
    counted ("Killed", "Deaths (est.)", "Cost (USD)")."""
    header = " ".join(header.split())
    if not header:
        return None
    source = _count_by(header)
    if source:
        return source, ""
    inside = re.fullmatch(r"(.*?)\s*\(([^()]+)\)", header)
    if inside:
        source = _count_by(inside.group(2)) or (
            inside.group(2).strip() if _an_institution(inside.group(2)) else None
        )
        return (source, inside.group(1)) if source else None
    if bare and _an_institution(header):
        return header, ""
    return None


_QUOTE_MARK = re.compile(r"['\"“”‘’]")
_OPENING_BEFORE = frozenset(" \t\n:(—–")


@dataclass(frozen=True, slots=True)
class Quotation:
    """Where a sentence's quotation marks leave it: what :func:`quotation_speakers` reads."""

    inside_from_start: bool  # it opens inside a quotation, or with one
    closes: int | None  # where the quotation open at its start closes in it
    open_at_end: bool  # a quotation runs on into the next sentence
    opened: int | None  # where that quotation opened
    quoted: bool  # a quotation closes in it


def quotation(text: str, start: int, end: int, open_before: bool) -> Quotation:
    """The quotation marks of the sentence ``text[start:end]``, given whether a quotation ran
    on into it: an opening mark comes after a space, a colon or the sentence's start and before
    a word; a closing one after a word or a mark. Only a quotation opened at a sentence's start
    or after a colon runs on past it, and in it a single mark after a letter and before a space
    is an apostrophe ("the organisers' count"); a few words quoted inside a sentence ("22
    'terrorists' were killed") close at the next mark."""
    state = open_before
    while start < end and text[start].isspace():
        start += 1
    inside = open_before
    closes: int | None = None
    opened: int | None = None
    quoted = False
    words = False  # the open quotation is a few words inside a sentence
    for mark in _QUOTE_MARK.finditer(text, start, end):
        at = mark.start()
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        if not state and (at == start or before in _OPENING_BEFORE) and after.isalnum():
            state, opened = True, at
            inside = inside or at == start
            words = at != start and text[start:at].rstrip()[-1:] != ":"
        elif state and not before.isspace() and not after.isalnum():
            if mark.group() in "'’" and before.isalpha() and after.isspace() and not words:
                continue  # "the organisers' count" inside a quotation of sentences
            state, quoted = False, True
            if closes is None and inside:
                closes = at
    running = state and not words
    return Quotation(inside, closes, running, opened if running else None, quoted)


def quotation_speakers(
    text: str, sentences: Sequence[tuple[int, int, list[Figure], list[Attribution]]]
) -> list[tuple[int, str] | None]:
    """Who speaks a quotation that holds a whole sentence (or its start, up to where it closes):
    "'...,' said X. 'At least 100 houses were hit.'"; "'TCF displaced 79,602. The toll rose to
    438,' reads the statement." For each sentence that opens inside a quotation or with one,
    where that quotation closes in it (the sentence's end when it runs on) and its speaker, or
    None: the speaker named before the opening mark of a quotation running on from up to three
    sentences before ("X said: '..."), else the first speaker after the closing mark in this
    sentence or one of the next three ("...,' said X"); for a sentence quoted whole (nothing
    after its closing mark) right after a sentence in which a quotation closed, that
    quotation's speaker, named after its closing mark or before its opening one ("'...,' X said,
    as the UN reported clashes. '...'": X, never the UN). Before an opening mark only a name
    speaks; after a closing one a pronoun too, as written ("...,' he said"); never a generic
    speaker."""
    marks: list[Quotation] = []
    open_before = False
    for start, end, _, _ in sentences:
        marks.append(quotation(text, start, end, open_before))
        open_before = marks[-1].open_at_end
    named = [[a for a in found if not a.pronoun and not a.generic] for _, _, _, found in sentences]

    def after_close(number: int) -> str | None:
        closes = marks[number].closes
        if closes is None:
            return None
        after = [
            a
            for a in sentences[number][3]
            if a.start > closes and a.direction == "trail" and not a.generic
        ]  # "'...,' reads the statement", "'...,' he said": as written when it refers back
        if not after:
            return None
        first = min(after, key=lambda a: a.start)  # "said X, according to state media": X
        return _clean_source(first.source) or first.source

    def before_open(number: int) -> str | None:
        opened = marks[number].opened
        if opened is None:
            return None
        ahead = [a for a in named[number] if a.end <= opened]
        return ahead[-1].source if ahead else None

    speakers: list[tuple[int, str] | None] = []
    for number, (_, end, _, _) in enumerate(sentences):
        mark = marks[number]
        if not mark.inside_from_start:
            speakers.append(None)
            continue
        speaker: str | None = None
        back = number - 1  # a quotation running on from before: its opening sentence's speaker
        while speaker is None and back >= 0 and marks[back].open_at_end and number - back <= 3:
            speaker = before_open(back)
            back -= 1
        ahead = number  # or the speaker after its closing mark
        while speaker is None and ahead < len(sentences) and ahead - number <= 3:
            speaker = after_close(ahead)
            if marks[ahead].closes is not None:
                break
            ahead += 1
        whole = (
            number > 0
            and mark.closes is not None
            and not text[mark.closes + 1 : end].strip(" .,!?;'\"”’")
            and not marks[number - 1].open_at_end
            and marks[number - 1].quoted
        )
        if speaker is None and whole:
            # a sentence quoted whole after a quotation and its speaker: "'...,' said X. '...'",
            # never someone else the sentence before names ("..., as the UN reported")
            speaker = after_close(number - 1) or before_open(number - 1)
        closing = mark.closes if mark.closes is not None else end
        speakers.append((closing, speaker) if speaker else None)
    return speakers


# --- the sources a figure could have -------------------------------------------------------------


def resolved_speakers(
    text: str,
    attributions: Sequence[Attribution],
    previous: str | None,
    previous_named: tuple[str, ...],
) -> list[tuple[int, int, str]]:
    """Every speaker ``attributions`` name, with where each is written: a word that refers back
    ("it", "they", "the agency") read as :func:`attribute` reads one, as the name before it in
    the sentence, else the last name of the previous sentence it can stand for, else as
    written."""
    speakers: list[tuple[int, int, str]] = []
    for attribution in attributions:
        source: str | None = attribution.source
        if attribution.pronoun:
            word = attribution.source.casefold()
            before = [
                a
                for a in attributions
                if not a.pronoun and not a.generic and a.end <= attribution.start
            ]
            if before and word in ("it", "they", "he", "she", "we"):
                source = before[-1].source
            elif previous:
                source = _agreeing(attribution.source, previous, previous_named)
            else:
                source = _clean_source(attribution.source)
        if source:
            speakers.append((attribution.start, attribution.end, source))
    return speakers


@functools.lru_cache(maxsize=4096)
def source_key(source: str | None) -> str:
    """A source as two ways of writing it compare alike: case, an opening "the" and end marks
    aside ("" for none)."""
    if source is None:
        return ""
    words = source.casefold().replace("’", "'").strip(" .,\"'").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


_BARE_PRONOUNS = word_set("he she it they we i you him her them us one this that these those")
_SPOKEN_TO = re.compile(r"\b(?:told|tells|telling|tell)\s+(?:the\s+)?$", re.I)


def offers_someone(name: str) -> bool:
    """Whether ``name`` can be offered as a figure's source: a name :func:`_clean_source` keeps
    that names someone, never a pronoun ("he", "It") nor a single letter ("U" of "U.S.")."""
    words = name.split()
    if not words or (
        len(words) == 1 and (words[0].casefold() in _BARE_PRONOUNS or len(words[0].strip(".")) < 2)
    ):
        return False
    cleaned = _clean_source(name)
    return bool(cleaned) and _names_someone(cleaned or name)


def spoken_to(text: str, sentence_start: int, end: int, name: str) -> bool:
    """Whether the organisation ``name`` ending at ``end`` is spoken to or acted on, not a
    speaker: what :func:`_object` reads ("marched to the Ministry", "Speaking to CNN"), or
    the one told ("told the BBC")."""
    if _object(text, sentence_start, end, name):
        return True
    start = text.rfind(name, sentence_start, end)
    if start < 0:
        return False
    return _SPOKEN_TO.search(text, max(sentence_start, start - 20), start) is not None


def same_name(chosen: str | None, other: str) -> bool:
    """Whether ``other`` is ``chosen`` written shorter or longer ("Police" for "Police in
    Dhaka", "ministry" for "Ministry of Health") or as an abbreviation ("WHO" for "World Health
    Organization", "AP" or "Associated Press" for "AP reporters")."""
    if not chosen:
        return False
    mine, theirs = source_key(chosen), source_key(other)
    short, long = sorted((mine, theirs), key=len)
    if short and (
        long == short
        or long.endswith(" " + short)
        or any(long.startswith(f"{short} {link} ") for link in ("of", "in", "for", "at"))
    ):
        return True
    for name, against in ((chosen, other), (other, chosen)):
        for word in against.split():
            acronym = word.strip("().,")
            if _ACRONYM.fullmatch(acronym) and (
                _abbreviates(name, acronym) or source_key(name) == acronym.casefold()
            ):
                return True
    return False
