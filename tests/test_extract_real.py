"""figcheck.extract on real reporting: precision, recall and source accuracy on every corpus.

The first twelve test splits of the real corpus were each frozen until a round of rules was
written looking at their errors, so they are development material now (the ninth and tenth were
scored, never tuned on, before and after the eighth round; the eleventh before and after the
ninth; the twelfth before the learned source choice and after the tenth round); later splits are
frozen (tests/extract_corpus/README.md). The scores of all twelve must stay at or above the
thresholds below. The dev split and the 52 invented passages are scored and
shown with them; a frozen split is scored in a test of its own and its scores are never printed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from figcheck.extract import Candidate, extract

CORPORA = Path(__file__).parent / "extract_corpus"

# The first test split must not drop below these: measured (1.000, 1.000, 0.988), rounded down.
# It scored 0.907, 0.975, 0.654 before the first round of rules and 0.976, 1.000, 0.738 after it;
# the second round was written looking at it, so it is development material now.
# The sixth round of rules took it to (1.000, 1.000, 1.000), as did the seventh.
THRESHOLDS = {"precision": 1.00, "recall": 1.00, "source": 1.00}
# The second test split (40 passages from articles in neither other file): measured (0.979, 0.972,
# 0.920), rounded down; 0.937, 0.950, 0.799 before the second round, written looking at it.
# The third round of rules, written looking at it and at the third split, took source to 0.964;
# the fourth (0.986, 0.972, 0.971), as did the sixth, rounded down; the seventh (0.986, 0.972,
# 0.978).
# The ninth round: (0.986, 0.972, 0.985), 135 of 137 right sources.
THRESHOLDS_2 = {"precision": 0.98, "recall": 0.97, "source": 0.98}
# The third test split (47 passages from articles in no other file, annotated before extract was
# run on them): measured (0.955, 0.964, 0.685) before the second round of rules and (0.960,
# 0.968, 0.734) after it. Those scores were reported, and the third round of rules was written
# looking at its errors, so it is development material now: (0.960, 0.968, 0.967) after it.
# The fourth round of rules took it to (0.960, 0.968, 0.977), the sixth to (0.960, 0.968, 0.981);
# the seventh, with the extraction changes landed beside it, to (0.973, 0.968, 0.981).
THRESHOLDS_3 = {"precision": 0.97, "recall": 0.96, "source": 0.98}
# The fourth test split (44 passages, 186 claims, from articles in no other file, annotated before
# extract was run on them): measured (0.942, 0.968, 0.733) before the third round of rules and
# (0.942, 0.968, 0.772) after it. Those scores were reported, and the fourth round of rules was
# written looking at its errors, so it is development material now: (0.942, 0.968, 0.900) after it.
# The fifth round took it to (0.942, 0.968, 0.989), two passages annotated by the rule for words
# that refer back (0.922 from the rules alone). The seventh round, with the extraction changes
# landed beside it: (0.963, 0.968, 0.994).
THRESHOLDS_4 = {"precision": 0.96, "recall": 0.96, "source": 0.99}
# The fifth test split (43 passages, 190 claims, from articles in no other file, annotated and
# committed before extract was run on them): measured (0.969, 0.979, 0.876) before the fourth round
# of rules and (0.969, 0.979, 0.882) after it. Those scores were reported, and the fifth round of
# rules was written looking at its errors, so it is development material now: (0.969, 0.979, 0.930).
# The sixth round took it to (0.969, 0.979, 0.984), two of its passages annotated by the rule for
# a document noun with no author ("reports said N" names no one). The seventh round, with the
# extraction changes landed beside it: (0.974, 0.979, 0.989).
THRESHOLDS_5 = {"precision": 0.97, "recall": 0.97, "source": 0.98}
# The sixth test split (47 passages, 177 claims, from articles in no other file, annotated and
# committed before extract was run on them): measured (0.955, 0.966, 0.854) before the fifth round
# of rules and (0.955, 0.966, 0.871) after it. Those scores were reported, and the sixth round of
# rules was written looking at its errors, so it is development material now. The target for
# source on reporting the rules have not seen is 0.85. After the sixth round, with lakh and crore
# read: (0.966, 0.972, 0.965). With "risen by N to M" read as a rise and a new figure: (0.972,
# 0.977, 0.960): one more claim found, whose speaker ("She said") the rules leave unattributed;
# 166 right sources as before, of 173 instead of 172. The seventh round of rules changes none.
THRESHOLDS_6 = {"precision": 0.97, "recall": 0.97, "source": 0.95}
# The seventh test split (50 passages, 256 claims, from articles in no other file, annotated and
# committed before extract was run on them): measured (0.940, 0.980, 0.717) before the sixth round
# of rules (251 of 256 claims found, 267 proposed, 180 with the right source) and (0.940, 0.984,
# 0.742) after it (252 found, 268 proposed, 187 with the right source), never tuned on. Those
# scores were reported, and the seventh round of rules was written looking at its errors, so it
# is development material now: (0.969, 0.984, 0.885) after that round and the extraction changes
# landed beside it (223 of 252 found claims with the right source; two of its document nouns
# with no author annotated unattributed, as the corpus rule says). The target for source is 0.85.
# The eighth round of rules: (0.969, 0.984, 0.889), 224 right sources; the ninth (0.969, 0.984,
# 0.893), 225.
THRESHOLDS_7 = {"precision": 0.96, "recall": 0.98, "source": 0.89}
# The eighth test split (53 passages, 245 claims, from articles in no other file, annotated and
# committed before extract was run on them): measured (0.932, 0.951, 0.781) after the sixth round
# of rules, never tuned on (233 of 245 claims found, 250 proposed, 182 with the right source); after
# the seventh round (written without ever looking at it) and the other extract changes beside it:
# (0.936, 0.955, 0.795) (234 found, 250 proposed, 186 with the right source), rounded down. Those
# scores were reported, and the eighth round of rules was written looking at its errors, so it is
# development material now: (0.936, 0.955, 0.957) after that round (224 of 234 found claims with
# the right source), rounded down.
THRESHOLDS_8 = {"precision": 0.93, "recall": 0.95, "source": 0.95}
# The ninth test split (53 passages, 281 claims, from articles in no other file, annotated and
# committed before extract was run on them; only its totals were looked at until the ninth round):
# measured (0.8997, 0.957, 0.762) before the seventh round of rules, never tuned on (269 of 281
# claims found, 299 proposed, 205 with the right source); after the seventh round (written without
# ever looking at it) and the other extract changes beside it: (0.912, 0.957, 0.781) (269 found,
# 295 proposed, 210 with the right source); after the eighth round (written without ever looking
# at it, on the eighth split's errors) and its review fixes: (0.912, 0.957, 0.792) (269 found, 295
# proposed, 213 with the right source), rounded down. Those scores were reported, and the ninth
# round of rules was written looking at its errors, so it is development material now: (0.912,
# 0.957, 0.907) after that round (244 of 269 found claims with the right source), rounded down.
THRESHOLDS_9 = {"precision": 0.91, "recall": 0.95, "source": 0.90}
# The tenth test split (57 passages, 257 claims, from articles in no other file, annotated and
# committed before extract was run on them; only its totals were looked at until the ninth round):
# measured (0.900, 0.981, 0.778) before the eighth round of rules, never tuned on (252 of 257
# claims found, 280 proposed, 196 with the right source); after the eighth round (written without
# ever looking at it) and its review fixes: (0.900, 0.981, 0.786) (252 found, 280 proposed, 198
# with the right source), rounded down. Those scores were reported, and the ninth round of rules
# was written looking at its errors (after the rules written on the ninth split's alone had been
# scored on its totals), so it is development material now. The rules written on the ninth split's
# errors alone moved it by nothing (198 right sources before and after); with those written on its
# own errors: (0.900, 0.981, 0.893), 225 of 252 found claims with the right source, rounded down;
# with a clock time written "5:45am" read as a time: (0.906, 0.981, 0.893), 278 proposed.
THRESHOLDS_10 = {"precision": 0.90, "recall": 0.98, "source": 0.89}
# The eleventh test split (55 passages, 280 claims, from articles in no other file, annotated and
# committed before extract was run on them; only its totals were looked at until the tenth round):
# measured (0.964, 0.950, 0.805) before the ninth round of rules, never tuned on (266 of 280
# claims found, 276 proposed, 214 with the right source); scored (0.964, 0.950, 0.820; 218 of 266)
# after the ninth round, never tuned on. The tenth round was written looking at its errors, so it
# is development material now: (0.964, 0.950, 0.861; 229 of 266) after it, rounded down. With a
# leading "a" or "an" not compared, as "the" is not ("a parent" as written, "parent" as given):
# (0.964, 0.950, 0.872; 232 of 266).
THRESHOLDS_11 = {"precision": 0.96, "recall": 0.95, "source": 0.87}
# The twelfth test split (62 passages, 360 claims, from articles in no other file, annotated and
# committed before extract was run on them, never tuned on; only its totals are ever looked at):
# measured (0.961, 0.958, 0.780) before the learned source choice, never tuned on (345 of 360
# claims found, 359 proposed, 269 with the right source: 0.7797), rounded down. After the tenth
# round of rules and the fixes of its review, written without ever looking at it, scored once
# (totals only): (0.961, 0.958, 0.783), 270 right sources (0.7826). Those scores were reported,
# and the eleventh round of rules was written looking at its errors, so it is development material
# now: (0.961, 0.958, 0.861; 297 of 345) after the rules of reporting verbs and constructions
# alone, (0.961, 0.958, 0.904; 312 of 345) after the whole eleventh round and the fixes of its
# review, rounded down.
THRESHOLDS_12 = {"precision": 0.96, "recall": 0.95, "source": 0.90}
# The thirteenth test split (64 passages, 366 claims, from articles in no other file, annotated
# and committed before extract was run on them, never tuned on; only its totals are ever looked
# at): measured (0.972, 0.956, 0.763) before the tenth round of rules, never tuned on (350 of 366
# claims found, 360 proposed, 267 with the right source: 0.7629), rounded down; with a leading
# "a" or "an" not compared (the same rules): 269 with the right source (0.7686). After the tenth
# round of rules and the fixes of its review, written without ever looking at it, scored once
# (totals only): (0.972, 0.956, 0.771), 270 right sources (0.7714). After the eleventh round and
# the fixes of its review, written without ever looking at it, scored once (totals only):
# (0.972, 0.956, 0.774), 271 right sources (0.7743).
THRESHOLDS_13 = {"precision": 0.97, "recall": 0.95, "source": 0.77}
# The fourteenth test split (61 passages, 306 claims, from articles in no other file, annotated
# and committed before extract was run on them, never tuned on; only its totals are ever looked
# at): measured (0.951, 0.958, 0.816) before the eleventh round of rules, never tuned on (293 of
# 306 claims found, 308 proposed, 239 with the right source: 0.8157), rounded down. After the
# eleventh round and the fixes of its review, written without ever looking at it, scored once
# (totals only): (0.951, 0.958, 0.819), 240 right sources (0.8191).
THRESHOLDS_14 = {"precision": 0.95, "recall": 0.95, "source": 0.81}


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    right: int = 0
    right_source: int = 0
    near_source: int = 0  # the right source, or one written as a part of the other
    dated: int = 0
    right_date: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / max(self.found, 1)

    @property
    def recall(self) -> float:
        return self.right / max(self.expected, 1)

    @property
    def source(self) -> float:
        return self.right_source / max(self.right, 1)

    @property
    def near(self) -> float:
        return self.near_source / max(self.right, 1)

    def line(self, name: str) -> str:
        dates = f", as_of {self.right_date}/{self.dated}" if self.dated else ""
        return (
            f"{name}: precision {self.precision:.3f}, recall {self.recall:.3f}, "
            f"source {self.source:.3f} (near {self.near:.3f}; {self.right}/{self.expected} found, "
            f"{self.found} proposed{dates})"
        )


def _alternatives(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _name(source: str | None) -> str:
    if source is None:
        return ""
    words = source.casefold().replace("’", "'").strip(" .,\"'").split()
    if words[:1] in (["the"], ["a"], ["an"]):  # "a spokesman" as written, "spokesman" as given
        words = words[1:]
    return " ".join(words)


def _same_figure(candidate: Candidate, item: dict[str, Any]) -> bool:
    if candidate.qualifier.value not in _alternatives(item["qualifier"]):
        return False
    if "value" in item:
        return candidate.value is not None and math.isclose(candidate.value, item["value"])
    if candidate.low is None or not math.isclose(candidate.low, item["low"]):
        return False
    return candidate.vague is not None or candidate.high == item.get("high")


def _same_source(candidate: Candidate, item: dict[str, Any]) -> bool:
    return _name(candidate.source) in {_name(s) for s in _alternatives(item.get("source"))}


def _near_source(candidate: Candidate, item: dict[str, Any]) -> bool:
    """The right source, or the same name written longer or shorter: with words before its head
    ("Gaza health ministry" for "health ministry") or a tail after "of", "in", "for" ("ministry"
    for "ministry of health"). Never a place for an organisation there ("Gaza" for "Gaza health
    ministry"), a guessed source for an unattributed figure, nor the reverse."""
    mine = _name(candidate.source)
    for written in _alternatives(item.get("source")):
        theirs = _name(written)
        if mine == theirs:
            return True
        short, long = sorted((mine, theirs), key=len)
        if short and (
            long.endswith(" " + short)
            or any(long.startswith(f"{short} {link} ") for link in ("of", "in", "for", "at"))
        ):
            return True
    return False


def score(passages: list[dict[str, Any]]) -> Score:
    total = Score()
    for passage in passages:
        written = str(passage.get("date") or "")
        date = dt.date.fromisoformat(written) if len(written) == 10 else None
        candidates = extract(passage["text"], date=date)
        wanted = list(passage.get("expect") or [])
        optional = list(passage.get("optional") or [])
        total.expected += len(wanted)
        wrong = False
        for candidate in candidates:
            same = [item for item in wanted if _same_figure(candidate, item)]
            if same:
                item = next((i for i in same if _same_source(candidate, i)), same[0])
                wanted.remove(item)
                total.found += 1
                total.right += 1
                total.right_source += _same_source(candidate, item)
                total.near_source += _near_source(candidate, item)
                wrong |= not _same_source(candidate, item)
                if "as_of" in item:
                    total.dated += 1
                    total.right_date += candidate.as_of == item["as_of"]
                continue
            spare = next((i for i in optional if _same_figure(candidate, i)), None)
            if spare is not None:
                optional.remove(spare)
                continue
            total.found += 1
            wrong = True
        if wanted or wrong:
            total.misses.append(passage["id"])
    return total


def _load(name: str) -> list[dict[str, Any]]:
    passages: list[dict[str, Any]] = yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))
    return passages


def test_real_reporting_scores(capsys: pytest.CaptureFixture[str]) -> None:
    test, test2, test3, test4, test5, test6, test7, test8, test9, test10, test11, test12 = (
        _load(name)
        for name in (
            "real_test.yaml",
            "real_test2.yaml",
            "real_test3.yaml",
            "real_test4.yaml",
            "real_test5.yaml",
            "real_test6.yaml",
            "real_test7.yaml",
            "real_test8.yaml",
            "real_test9.yaml",
            "real_test10.yaml",
            "real_test11.yaml",
            "real_test12.yaml",
        )
    )
    dev, invented = _load("real_dev.yaml"), _load("corpus.yaml")
    assert len(test) >= 30 and len(test2) >= 30 and len(test3) >= 40 and len(test4) >= 40
    assert len(test5) >= 40 and len(test6) >= 40 and len(test7) >= 45 and len(test8) >= 45
    assert len(test9) >= 45 and len(test10) >= 45 and len(test11) >= 45 and len(test12) >= 45
    assert len(dev) >= 50 and len(invented) >= 50
    assert not {p["id"] for p in test} & {p["id"] for p in dev}
    assert not {p["url"] for p in test2} & {p["url"] for p in test + dev}  # other articles
    assert not {p["url"] for p in test3} & {p["url"] for p in test + test2 + dev}
    assert not {p["url"] for p in test4} & {p["url"] for p in test + test2 + test3 + dev}
    assert not {p["id"] for p in test4} & {p["id"] for p in test + test2 + test3 + dev}
    older = test + test2 + test3 + test4 + dev
    assert not {p["url"] for p in test5} & {p["url"] for p in older}  # other articles
    assert not {p["id"] for p in test5} & {p["id"] for p in older}
    older += test5
    assert not {p["url"] for p in test6} & {p["url"] for p in older}  # other articles
    assert not {p["id"] for p in test6} & {p["id"] for p in older}
    older += test6
    assert not {p["url"] for p in test7} & {p["url"] for p in older}  # other articles
    assert not {p["id"] for p in test7} & {p["id"] for p in older}
    older += test7
    assert not {p["url"] for p in test8} & {p["url"] for p in older}  # other articles
    assert not {p["id"] for p in test8} & {p["id"] for p in older}
    older += test8
    assert not {p["url"] for p in test9} & {p["url"] for p in older}  # other articles
    assert not {p["id"] for p in test9} & {p["id"] for p in older}
    older += test9
    assert not {p["url"] for p in test10} & {p["url"] for p in older}  # other articles
    assert not {p["id"] for p in test10} & {p["id"] for p in older}
    older += test10
    assert not {p["url"] for p in test11} & {p["url"] for p in older}  # other articles
    assert not {p["id"] for p in test11} & {p["id"] for p in older}
    older += test11
    assert not {p["url"] for p in test12} & {p["url"] for p in older}  # other articles
    assert not {p["id"] for p in test12} & {p["id"] for p in older}
    scores = {
        "test split 12": score(test12),
        "test split 11": score(test11),
        "test split 10": score(test10),
        "test split 9": score(test9),
        "test split 8": score(test8),
        "test split 7": score(test7),
        "test split 6": score(test6),
        "test split 5": score(test5),
        "test split 4": score(test4),
        "test split": score(test),
        "test split 2": score(test2),
        "test split 3": score(test3),
        "dev split": score(dev),
        "invented": score(invented),
    }
    lines = [scores[name].line(name) for name in scores]
    with capsys.disabled():  # shown in the pytest output even without -s
        print("\nextract on real reporting:\n  " + "\n  ".join(lines))
        print(f"  dev misses: {scores['dev split'].misses}")
    for split, thresholds, line in (
        ("test split 12", THRESHOLDS_12, lines[0]),
        ("test split 11", THRESHOLDS_11, lines[1]),
        ("test split 10", THRESHOLDS_10, lines[2]),
        ("test split 9", THRESHOLDS_9, lines[3]),
        ("test split 8", THRESHOLDS_8, lines[4]),
        ("test split 7", THRESHOLDS_7, lines[5]),
        ("test split 6", THRESHOLDS_6, lines[6]),
        ("test split 5", THRESHOLDS_5, lines[7]),
        ("test split 4", THRESHOLDS_4, lines[8]),
        ("test split", THRESHOLDS, lines[9]),
        ("test split 2", THRESHOLDS_2, lines[10]),
        ("test split 3", THRESHOLDS_3, lines[11]),
    ):
        frozen = scores[split]
        assert frozen.precision >= thresholds["precision"], line
        assert frozen.recall >= thresholds["recall"], line
        assert frozen.source >= thresholds["source"], line


@pytest.mark.parametrize(
    ("name", "split", "thresholds"),
    [
        ("real_test13.yaml", "test split 13", THRESHOLDS_13),
        ("real_test14.yaml", "test split 14", THRESHOLDS_14),
    ],
)
def test_frozen_split_scores(name: str, split: str, thresholds: dict[str, float]) -> None:
    """A frozen split alone, never printed: other articles than every other corpus file, held to
    its thresholds."""
    frozen_split = _load(name)
    others = [
        passage
        for other in sorted(CORPORA.glob("*.yaml"))
        if other.name != name
        for passage in _load(other.name)
    ]
    assert len(frozen_split) >= 45
    assert len({p["id"] for p in frozen_split}) == len(frozen_split)
    assert len({p["url"] for p in frozen_split}) == len(frozen_split)
    assert not {p["url"] for p in frozen_split} & {p.get("url") for p in others}  # other articles
    assert not {p["id"] for p in frozen_split} & {p["id"] for p in others}
    frozen = score(frozen_split)
    line = frozen.line(split)
    assert frozen.precision >= thresholds["precision"], line
    assert frozen.recall >= thresholds["recall"], line
    assert frozen.source >= thresholds["source"], line
