"""The names a sentence offers as a figure's source besides those the attribution rules read,
for a candidate's ``alternatives`` only: they never choose a source.

News writing names a source in ways the rules read only in part, or not at all: the author of a
document ("a survey by Gallup found", "the estimate by police was"), the ones a speaker cites
("X said, citing Y, citing Z"), the organisation of a person ("Ana Ruiz of the Red Cross", "a
spokesman for the Harbour Board") and the subject of a reporting verb read loosely ("Iraq's
deputy health minister, Jalil al-Shumari, told Reuters that"). Each reader looks at one
sentence only, and only when a figure's alternatives are asked for.
"""

from __future__ import annotations

import re

from figcheck.extract.attribution import (
    _OWNERS_PERSON,
    _SPEECH,
    OWNED_BODIES,
    _clean_source,
    _owners_person,
)
from figcheck.extract.text import word_set

_DOCUMENT_WORDS = word_set(  # never a toll: "the toll from the storm" names what killed
    "survey surveys report reports study studies poll polls count counts tally tallies estimate "
    "estimates analysis analyses census censuses investigation investigations review reviews "
    "research assessment assessments audit audits figure figures data statistics projection "
    "projections inquiry inquiries findings"
)
_DOCUMENT_STEMS = word_set(  # one of them is in each word of _DOCUMENT_WORDS
    "survey report stud poll count tall estimat analys census investigat review research "
    "assessment audit figure data statistic projection inquir finding"
)
_DOCUMENT = "(?:" + "|".join(sorted(_DOCUMENT_WORDS, key=len, reverse=True)) + ")"
_AUTHOR_LINK = re.compile(r"\s(by|from|of)\s+")  # looked for first: a document before it
_HANDED = word_set(  # "a report issued by X", "figures compiled from X"
    "published issued released given compiled conducted out made provided prepared "
    "commissioned gathered collected"
)
_DOCUMENT_BY_AUTHOR = re.compile(rf"\b{_DOCUMENT}\s+(?:by|from|of)\s")
_OWNER = re.compile(  # "Gallup's poll", "the Harbour Board's latest count"
    # up to five capitalised words: opening with the capital, the pattern is tried at capitals only
    r"([A-Z](?:[\w.&-]*\s+[A-Z]){0,4}[\w.&-]*)['’]s?\s+(?:[a-z-]+\s+){0,2}" + _DOCUMENT + r"\b"
)
_CITING = re.compile(r"\b(?:citing|quoting|cited|quoted|cites|quotes)\s+")
_PERSON_NOUN = (
    r"(?:spokes(?:man|woman|person)|officials?|director|head|chief|minister|secretary|"
    r"president|chair(?:man|woman|person)?|leader|commander|co-?ordinator|representative|"
    r"members?|doctors?|researchers?|staff|workers?|volunteers?|experts?|scientists?|"
    r"analysts?|officers?|adviser|advisor|envoy|governor|mayor|manager|founder)"
)
_OF_ORGANISATION = re.compile(  # "Ana Ruiz of the Red Cross", "a spokesman for the army"
    # a comma and spaces, or spaces: opening with one mark, the pattern is tried at those only
    r"[,\s](?:(?<=,)\s|(?<!,))\s*(?:of|from|at|for|with)\s+(the\s+)?"
    r"([A-Z][\w'’&.-]*(?:\s+(?:of|for|and|on|the|de)\s+[A-Z][\w'’&.-]*|\s+[A-Z][\w'’&.-]*)*"
    r"|police|army|military|government|authorities)"
    r"(?=\s*(?:[,.;:()]|$|\s(?:said|says|told|who|in|on|and|estimated|reported|confirmed)\b))"
)
_PERSON_BEFORE = re.compile(r"(?:\b([A-Z][\w'’.-]*)|\b" + _PERSON_NOUN + r")$")
_SAYS = word_set(  # the reporting verbs a subject is read loosely for (never "claimed 40 lives")
    "said says say told tells estimated reported counted found believes believe thinks think "
    "stated announced announces confirmed confirms puts put warned warns added noted wrote "
    "writes recorded documented registered boasted insisted insists acknowledged admitted "
    "calculated verified"
)
_SAYS_WORD = re.compile(  # the verbs by their first letter, tried only at one of those letters
    "(?:"
    + "|".join(
        first + "(?:" + "|".join(sorted(word[1:] for word in _SAYS if word[0] == first)) + ")"
        for first in sorted({word[0] for word in _SAYS})
    )
    + r")\b"
)
_WORD_START = re.compile(r"(?<![\w'’-])")  # a verb's first letter opens a word
_PASSIVE_AFTER = re.compile(r"\s+(?:by|so\s+far)\b")  # "reported by X", "recorded so far"
_ENDS_PHRASE = re.compile(
    r"[,;:()\"“”!?]|\s(?:that|which|who|whose|as|saying|when|after)\s"
    r"|\sfor\s+(?:the|its|their|this)\s+(?:toll|figures?|numbers?|count|estimate)\b"
)
_ADVERBS = word_set(  # left out between a subject and its verb ("the ministry also said")
    "also later earlier previously first then now since already again initially separately even "
    "further instead alone themselves itself himself herself not never"
)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)$")
_PASSIVE_LENGTH = len("being") + 1  # a passive's word is in the last characters, "\n" after it
_AUXILIARIES = word_set(
    "has have had may might would could will should must did do does can cannot"
)
_CLAUSE_MARK = re.compile(
    r"[;:—–\"“”]|\b(?:that|but|while|whereas|although|though|as|when|after|where)\s"
)
_DETERMINERS = word_set("the a an its their his her our this that these those")
_SUBJECT_OPENERS = _DETERMINERS | word_set("some several many most local two three four other")
_NOT_IN_SUBJECT = word_set(
    "has have had is was were are be been will would did do does not which who that according "
    "however meanwhile also when while if can cannot"
)
_NP_LINKS = word_set("of for in at and from to on with")
_NOT_IN_PHRASE = word_set(
    "is was were are has have had will would may might could on after before during since "
    "last this in to what how whom where"
)
_ALONE = word_set(  # the words in small letters that name a source alone ("the police")
    "police military army government authorities officials organisers organizers witnesses "
    "residents activists doctors rescuers volunteers medics journalists reporters"
)
_ORGANISATION_WORDS = word_set(
    "agency association authority board bureau centre center commission committee council "
    "cross department foundation fund group institute institution league ministry network "
    "office organisation organization party police service society union university "
    "watch army navy force forces government house"
)
_TIMES = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Earlier|Later|Last)\b"
)
_AUTHORLESS = word_set(
    "report reports figure figures information paper extract toll tolls data estimate "
    "estimates count counts tally"
)
_QUALITIES = word_set(
    "federal official unofficial initial previous earlier local national new provisional "
    "preliminary latest"
)
_COUNTS = word_set("one two three four five six seven eight nine ten all both")
_MOST_WORDS = 8
_MOST_SUBJECT_WORDS = 12
_SUBJECT_REACH = 240  # how far before its verb a subject and an aside are read
_DIGIT = re.compile(r"\d")
_HEAD_ENDS = re.compile(r"\s(?:of|in|at|from)\s")


def offered_names(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The names the sentence ``text[start:end]`` offers as a source, each with where it is
    written (its end, or for a subject the start of its verb), in reading order; never a
    moment ("Sunday") nor a word alone that refers back ("the agency", "its director")."""
    found = [
        *_document_authors(text, start, end),
        *_cited(text, start, end),
        *_organisations_of_people(text, start, end),
        *_reporting_subjects(text, start, end),
        *_before_quotation(text, start, end),
    ]
    return sorted((at, name) for at, name in found if _names_a_source(name))


def _names_a_source(name: str) -> bool:
    """Whether a cleaned name can be offered: not a moment, and a word in small letters alone
    only when it names a source by itself ("police", never "agency" or "field")."""
    words = name.split()
    if _TIMES.match(name) or not words or all(word.casefold() in _COUNTS for word in words):
        return False  # "Sunday", "Two", "All three"
    if words[-1].casefold() in _AUTHORLESS and not any(w[:1].isupper() for w in words[1:]):
        return False  # "Initial reports", "media report", "two death tolls": no one's
    if len(words) == 1 and words[0].casefold() in _QUALITIES:
        return False  # "Federal figures" cleaned to "Federal"
    return len(words) > 1 or not words[0].islower() or words[0] in _ALONE


def _document_authors(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Who wrote a document the sentence names: "a survey by Gallup", "the estimate from the
    police", "the figures of the Health Ministry", "the Harbour Board's count"; after "from"
    never a place ("reports from South Sudan"), after "of" only an organisation ("the tally
    of infections")."""
    found: list[tuple[int, str]] = []
    sentence = text[start:end].casefold()
    if not any(map(sentence.__contains__, _DOCUMENT_STEMS)):
        return found
    for link in _AUTHOR_LINK.finditer(text, start, end):
        if not _document_before(text[max(start, link.start() - 40) : link.start()]):
            continue
        name = _phrase(text, link.end(), end)
        if name is None:
            continue
        written = name[1]
        if link.group(1) == "by" or _organisation_name(written):
            found.append(name)
        elif link.group(1) == "from" and any(word.islower() for word in written.split()):
            found.append(name)  # "a report from Arema supporters", "from the White House"
    possessive = "'" in sentence or "’" in sentence
    for owner in _OWNER.finditer(text, start, end) if possessive else ():
        written = owner.group(1)
        if _organisation_name(written) or len(written.split()) > 1:  # never "Iran's tally"
            source = _clean_source(written)
            if source:
                found.append((owner.end(1), source))
    return found


def _document_before(before: str) -> bool:
    """Whether ``before`` ends in a document's word, or in one and how it was handed out
    ("a survey", "a report issued", "the figures carried out")."""
    words = before.casefold().split()
    if words[-1:] and words[-1] in _HANDED:
        words = words[:-2] if words[-1] == "out" else words[:-1]
    return bool(words) and words[-1].lstrip("'\"‘“(") in _DOCUMENT_WORDS


def _cited(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Each source a speaker cites, in a chain too: "X said, citing Y, citing Z": Y and Z."""
    found: list[tuple[int, str]] = []
    sentence = text[start:end]
    if "cite" not in sentence and "citing" not in sentence and "quot" not in sentence:
        return found  # the words _CITING needs
    for citing in _CITING.finditer(text, start, end):
        at = citing.end() + 3 if text.startswith("by ", citing.end()) else citing.end()
        name = _phrase(text, at, end)  # "as quoted by the Harbour Times": the one quoting
        if name:
            found.append(name)
    return found


_OPENS_QUOTATION = re.compile(  # "quoted one eyewitness, named only as Natalya: 'I think ..."
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*:\s*['\"“‘](?=\w)"
)


def _before_quotation(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The name a colon that opens a quotation follows: "named only as Natalya: 'I think"."""
    found: list[tuple[int, str]] = []
    if ":" not in text[start:end]:
        return found
    for opening in _OPENS_QUOTATION.finditer(text, start, end):
        source = _clean_source(opening.group(1))
        if source:
            found.append((opening.end(1), source))
    return found


def _organisations_of_people(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The organisation a person is of: "Ana Ruiz of the Red Cross", "a spokesman for the
    Harbour Board", "Detlef von Schmeling of the police", "UNHCR's Baloch"; a capitalised name
    without "the" only when it is an organisation's ("Governor X of Kaduna State" names a
    place), and never after a name that "the" opens ("the Democratic Republic of the Congo" is
    no person)."""
    found: list[tuple[int, str]] = []
    possessive = "'s " in text[start:end] or "’s " in text[start:end]
    for owned in _OWNERS_PERSON.finditer(text, start, end) if possessive else ():
        following = text[owned.end() : owned.end() + 30].split()[:1]
        if following and following[0].casefold() in OWNED_BODIES:
            continue  # "VOA's Burmese service": a body the name owns, no person
        owner = _clean_source(owned.group("owner"))
        if owner and _owners_person(owned.group()) != owned.group():  # "UNHCR's Baloch"
            found.append((owned.end("owner"), owner))
    for link in _OF_ORGANISATION.finditer(text, start, end):
        person = _PERSON_BEFORE.search(text, max(start, link.start() - 20), link.start())
        name = link.group(2)
        if person is None or (not link.group(1) and not _organisation_name(name)):
            continue
        if person.group(1) and _after_article(text, start, person.start()):
            continue
        source = _clean_source(name)
        if source:
            found.append((link.end(2), source))
    return found


def _after_article(text: str, start: int, at: int) -> bool:
    """Whether the capitalised words that end at ``at`` are opened by an article."""
    words = text[max(start, at - 80) : at].split()
    while words and (words[-1][:1].isupper() or words[-1] in ("de", "von", "van", "al", "bin")):
        words.pop()
    return bool(words) and words[-1].casefold() in ("the", "a", "an")


def _organisation_name(name: str) -> bool:
    """Whether a name is an organisation's: an acronym in it, or an organisation's word
    ("Harbour Board", "UNHCR", "the police")."""
    words = name.replace("(", " ").replace(")", " ").split()
    return any(
        word.casefold() in _ORGANISATION_WORDS
        or (len(word) > 1 and word.isupper() and word.isalpha())
        for word in words
    )


def _reporting_subjects(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The subject of each reporting verb read loosely, back to a clause's start, or an aside
    before it: "Aid workers and local doctors have found", "Iraq's deputy health minister,
    Jalil al-Shumari, told" (the name), "Two crowd scientists, both at X, estimated" (the
    scientists). Never in a passive ("were found")."""
    found: list[tuple[int, str]] = []
    for verb in _SAYS_WORD.finditer(text, start, end):
        at, said = verb.start(), verb.group()
        if not _WORD_START.match(text, at):
            continue  # "unsaid", "well-found"
        if said not in ("said", "told") and _PASSIVE_AFTER.match(text, verb.end()):
            continue  # "reported by X" is a passive, "said by telephone" is not
        reach = max(start, at - _SUBJECT_REACH)
        before = _without_last(text[reach:at].rstrip(), _ADVERBS)
        if _PASSIVE.search(before, max(0, len(before) - _PASSIVE_LENGTH)):
            continue  # "the bodies were found", "seven people have been confirmed dead"
        before = _without_last(before, _AUXILIARIES)
        chunks = before.rstrip(",").rsplit(",", 2)
        if reach > start:
            chunks[0] = ""  # what the reach cut may be a name's end
        subject = chunks[-1]
        if before.endswith(",") and len(chunks) > 1 and not subject.strip()[:1].isupper():
            subject = chunks[-2]  # "X, Name, said": the name; "The panel, led by Y, said": X
        for source in _subject_names(subject):
            found.append((at, source))
    return found


def _without_last(before: str, words: frozenset[str]) -> str:
    """``before`` (which ends in no space) without the words of ``words`` it ends in, each
    after a space: "the ministry has also" without adverbs is "the ministry has". Read from
    the end, word by word: a pattern anchored at the end tries every character."""
    while before:
        parts = before.rsplit(None, 1)
        if parts[-1] not in words or (len(parts) == 1 and not before[0].isspace()):
            return before  # a word that is not one of them, or one with no space before
        before = parts[0] if len(parts) == 2 else ""
    return before


def _subject_names(chunk: str) -> list[str]:
    """The names a subject written as ``chunk`` gives: cleaned as a source is, and each of two
    names joined by "and" when the two together do not clean ("Marcel Altenburg and Keith
    Still")."""
    opening = 0
    for clause in _CLAUSE_MARK.finditer(chunk):
        opening = clause.end()
    words = chunk[opening:].split()
    if words[:1] == ["and"]:  # "..., and organisers said"
        words = words[1:]
    if not words or len(words) > _MOST_SUBJECT_WORDS or _DIGIT.search(chunk, opening):
        return []
    subject = " ".join(words)
    if _DOCUMENT_BY_AUTHOR.search(subject) or not _noun_phrase(words):
        return []  # "A poll by Ipsos found": Ipsos, read as an author; "citing X, citing Y"
    if words[0].casefold() in _DETERMINERS and len(words) == 2 and words[1].islower():
        return []  # "The agency said", "Its director said": a word that refers back
    source = _clean_source(subject)
    if source:
        return [source]
    head = _HEAD_ENDS.split(subject, 1)[0]  # "Residents and survivors of an alleged massacre"
    source = _clean_source(head)
    if source:
        return [source]
    return [name for part in head.split(" and ") if (name := _clean_source(part))]


def _noun_phrase(words: list[str]) -> bool:
    """Whether ``words`` read as a noun phrase: opening with a capital or a determiner, with no
    verb, clause word, reporting verb or superlative in them, and an article only after a
    linking word ("the mayor of the city", never "San Francisco the organisers")."""
    first = words[0]
    if not (first[:1].isupper() or first in _SUBJECT_OPENERS):
        return False
    for before, word in zip(["of", *words], words, strict=False):
        if word.casefold() in _NOT_IN_SUBJECT or word in _SAYS:
            return False  # "alleged" may open a noun: "survivors of an alleged massacre"
        if word.islower() and word.endswith("est") and len(word) > 5:
            return False  # "the deadliest shipwreck recorded"
        if word in ("the", "a", "an") and before.casefold() not in _NP_LINKS:
            return False
    return True


def _phrase(text: str, at: int, end: int) -> tuple[int, str] | None:
    """The name written from ``at``: up to a mark, a clause word, a verb, a number or an
    article no linking word leads to, at most :data:`_MOST_WORDS` words, cleaned as a source
    is; with where it ends."""
    stop = _ENDS_PHRASE.search(text, at, end)
    words: list[str] = []
    for word in text[at : stop.start() if stop else end].split():
        bare = word.strip(".'’")
        if bare in _NOT_IN_PHRASE or _SPEECH.fullmatch(bare) or any(c.isdigit() for c in bare):
            break
        if words and bare in ("the", "a", "an") and words[-1].casefold() not in _NP_LINKS:
            break  # "cited data the district offices"
        words.append(word)
        if len(words) == _MOST_WORDS:
            break
    if words and words[-1] in ("close", "near", "next"):
        words.pop()  # "a source close to the operation": the source
    source = _clean_source(" ".join(words))
    if not source:
        return None
    return at + len(" ".join(words)), source
