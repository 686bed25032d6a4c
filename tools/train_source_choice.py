"""A learned choice among the sources ``figcheck extract`` offers a figure: data, training and
leave-one-split-out cross-validation. An experiment, not part of the package: ``extract`` keeps
the rules' choice (tests/extract_corpus/README.md, "A learned choice among the alternatives",
says why, with the figures this script printed).

For each found claim the text offers a pool of sources (:func:`offers`, built as ``extract``
builds a candidate's ``alternatives``, from where the rules read the sentence): the rules'
choice first, the sentence's speakers (a word that refers back read as the name it stands for)
and organisations by nearness, the sources the sentence before named, and no source. Each is
described by a few features of news grammar, never of a passage (:data:`FEATURES`), and a
softmax over the pool with L2 regularisation is trained on them with numpy.

``collect CHECKOUT SPLITS OUT``
    Runs ``extract`` of the checkout ``CHECKOUT`` (its ``src``; an older commit in a
    ``git worktree`` gives the rules as they were before a round was written on a split, their
    "fresh" errors) on the development corpus files ``SPLITS`` (comma-separated names in
    ``tests/extract_corpus/`` of *this* checkout, whose annotations are used), and writes one
    JSON line per found claim: the pool, its features, and which offers are right as
    ``tests/test_extract_real.py`` judges a source. ``resolved_speakers`` is this checkout's,
    loaded into the older one.
``train LAMBDA FRESH_WEIGHT OUT.json DATA...``
    Leave one development split out: trained on every line of the other splits, scored on it
    (the current rules' lines and, apart, the fresh rules' lines), for each split; prints the
    rules' and the model's right sources per split and pooled, then fits on every line and
    writes the weights to ``OUT.json``. A data file whose name holds ``fresh`` holds fresh
    rules' lines; they weigh ``FRESH_WEIGHT`` in training.

Frozen splits (``real_test11.yaml`` and later) are refused.

The figures in the corpus README came from (at the commit that added this script)::

    git worktree add --detach /tmp/fresh7 dd30dbd    # the sixth round: split 7 never tuned on
    git worktree add --detach /tmp/fresh8 71a5253    # the seventh: split 8
    git worktree add --detach /tmp/fresh9 d92fae6    # the eighth: splits 9 and 10
    T=tools/train_source_choice.py; P=.venv/bin/python
    $P $T collect . real_dev.yaml,real_test.yaml,...,real_test10.yaml,corpus.yaml now.jsonl
    $P $T collect /tmp/fresh7 real_test7.yaml fresh7.jsonl
    $P $T collect /tmp/fresh8 real_test8.yaml fresh8.jsonl
    $P $T collect /tmp/fresh9 real_test9.yaml,real_test10.yaml fresh9_10.jsonl
    $P $T train 10 1 w.json now.jsonl fresh7.jsonl fresh8.jsonl fresh9_10.jsonl   # and 1 1, ...
"""

from __future__ import annotations

import ast
import bisect
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent.parent
FROZEN = re.compile(r"real_test1[1-9]|real_test[2-9]\d")


def _frozen(name: str) -> bool:
    return FROZEN.search(name) is not None


def collect(checkout: str, splits: str, out: str) -> None:
    """Run the collection in a subprocess whose ``figcheck`` is ``checkout``'s."""
    names = splits.split(",")
    if any(_frozen(name) for name in names):
        raise SystemExit("a frozen split is never read")
    env = {**os.environ, "PYTHONPATH": str(Path(checkout).resolve() / "src")}
    subprocess.run(
        [sys.executable, __file__, "_collect", splits, out], env=env, check=True, cwd=HERE
    )


def _load_speakers() -> Any:
    """This checkout's ``resolved_speakers``, loaded into whatever ``figcheck`` is imported (an
    older checkout's, whose ``_agreeing`` and ``_clean_source`` it calls)."""
    import figcheck.extract.attribution as attribution

    source = (HERE / "src/figcheck/extract/attribution.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == "resolved_speakers":
            code = compile(ast.Module([node], []), "attribution.py", "exec")
            exec(code, attribution.__dict__)  # noqa: S102 - this checkout's own code
    return attribution.__dict__["resolved_speakers"]


def _collect(splits: str, out: str) -> None:
    sys.path.insert(0, str(HERE / "tests"))
    import figcheck.extract.candidates as candidates
    from test_extract_real import _alternatives, _load, _name, _same_figure, _same_source

    resolved_speakers = _load_speakers()
    calls: dict[int, tuple[Any, ...]] = {}
    attribute = candidates.attribute

    def spy(
        text: str,
        figure: Any,
        attributions: Any,
        sentence_start: int,
        previous: Any,
        next_start: int,
        organisations: Any,
        previous_named: Any = (),
    ) -> Any:
        calls[figure.start] = (text, figure, attributions, previous, previous_named, organisations)
        return attribute(
            text,
            figure,
            attributions,
            sentence_start,
            previous,
            next_start,
            organisations,
            previous_named,
        )

    candidates.attribute = spy
    with open(out, "w", encoding="utf-8") as stream:
        for name in splits.split(","):
            assert not _frozen(name)
            for passage in _load(name):
                written = str(passage.get("date") or "")
                date = dt.date.fromisoformat(written) if len(written) == 10 else None
                wanted = list(passage.get("expect") or [])
                calls.clear()
                for candidate in candidates.extract(passage["text"], date=date):
                    same = [item for item in wanted if _same_figure(candidate, item)]
                    if not same:
                        continue
                    item = next((i for i in same if _same_source(candidate, i)), same[0])
                    wanted.remove(item)
                    text, figure, attributions, previous, named, organisations = calls[
                        candidate.start
                    ]
                    referring = {a.start for a in attributions if a.pronoun}
                    speakers = [
                        (start, end, source, start in referring)
                        for start, end, source in resolved_speakers(
                            text, attributions, previous, named
                        )
                    ]
                    rule = candidate.rule.rpartition("+attrib:")[2]
                    pool = offers(
                        figure.start,
                        figure.end,
                        candidate.source,
                        speakers,
                        None,
                        organisations(),
                        named,
                        None,
                    )
                    rows = [
                        features(text, figure.start, figure.end, offer, rule, bool(speakers))
                        for offer in pool
                    ]
                    right = {_name(s) for s in _alternatives(item.get("source"))}
                    stream.write(
                        json.dumps(
                            {
                                "split": name,
                                "id": passage["id"],
                                "rule": rule,
                                "sources": [offer.source for offer in pool],
                                "kinds": [offer.kind for offer in pool],
                                "x": rows,
                                "y": [int(_name(offer.source) in right) for offer in pool],
                            }
                        )
                        + "\n"
                    )


# --- the pool and its features -----------------------------------------------------------


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# the kinds of words a source is, as news writing uses them (a choice's own, so that a model
# trained on older rules reads the same features)
_GENERIC = _words(
    "reports report sources source observers estimates figures data analysts experts witnesses "
    "residents people some many others critics"
)
_DOCUMENTS = _words("report reports study studies survey surveys analysis review census")
_ORGANISATION_WORDS = _words(
    "ministry ministries agency agencies office council committee commission department "
    "government police army military union unions group groups organisation organization "
    "society association federation foundation institute center centre court authority "
    "authorities service services red cross crescent observatory network watch monitor "
    "coalition party movement front forces guard navy coastguard bureau board command "
    "hospital hospitals university directorate inspectorate nations fund programme program"
)
_PERSON_NOUNS = _words(
    "spokesman spokeswoman spokesperson official minister mayor governor president director "
    "chief head commissioner secretary doctor premier leader commander officer researcher "
    "activist witness resident lawyer representative envoy ambassador general colonel"
)
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|estimated|estimates|reported|reports|confirmed|confirms|"
    r"claimed|claims|stated|states|announced|counted|counts|recorded|put|puts|gave|gives|added|"
    r"according\s+to|found|finds|showed|shows|wrote|cited|insisted|declared)\b"
)


def source_key(source: str | None) -> str:
    """A source as two ways of writing it compare alike: case, an opening "the" and end marks
    aside ("" for none)."""
    if source is None:
        return ""
    words = source.casefold().replace("’", "'").strip(" .,\"'").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


ALTERNATIVES = 5
"""How many other sources a candidate offers at most."""
_NEAR = 4  # how many speakers and organisations on either side of a figure are looked at


class Offer(NamedTuple):
    """A source the text offers a figure: ``kind`` is where it comes from (``rule``: the rules'
    choice; ``speaker``, ``organisation``: named in the sentence; ``quotation``, ``previous``,
    ``next``; ``none``: no source), ``start``/``end`` where it is written in the sentence (-1
    elsewhere), ``referred`` whether a word that refers back names it."""

    source: str | None
    kind: str
    start: int
    end: int
    referred: bool = False


def offers(
    figure_start: int,
    figure_end: int,
    chosen: str | None,
    speakers: list[tuple[int, int, str, bool]],
    quoted: tuple[int, str] | None,
    organisations: list[tuple[int, str]],
    previous_named: tuple[str, ...],
    after: str | None,
) -> list[Offer]:
    """The sources the text offers the figure at ``figure_start:figure_end``, the rules' choice
    first, then nearest first: the sentence's speakers and organisations by how far each is from
    the figure, the speaker of the quotation the figure is in, the sources the previous sentence
    named (its last first), the source the next sentence gives "the estimate"; and no source
    last (unless it is the rules' choice). At most :data:`ALTERNATIVES` besides the choice and
    no source."""
    near: list[tuple[int, Offer]] = []
    at = bisect.bisect_right(speakers, figure_start, key=lambda speaker: speaker[1])
    for start, end, name, referred in speakers[max(0, at - _NEAR) : at + _NEAR]:
        gap = figure_start - end if end <= figure_start else start - figure_end
        near.append((gap, Offer(name, "speaker", start, end, referred)))
    if organisations:
        at = bisect.bisect_right(organisations, figure_start, key=lambda found: found[0])
        for end, name in organisations[max(0, at - _NEAR) : at + _NEAR]:
            near.append(
                (abs(figure_start - end), Offer(name, "organisation", end - len(name), end))
            )
    near.sort(key=lambda item: item[0])
    chosen_key = source_key(chosen)
    rule = next((offer for _, offer in near if source_key(offer.source) == chosen_key), None)
    pool = [rule._replace(kind="rule") if rule else Offer(chosen, "rule", -1, -1)]
    others = [offer for _, offer in near]
    if quoted is not None:
        others.append(Offer(quoted[1], "quotation", -1, -1))
    others += [Offer(name, "previous", -1, -1) for name in reversed(previous_named[-_NEAR:])]
    if after:
        others.append(Offer(after, "next", -1, -1))
    seen = {chosen_key}
    for offer in others:
        key = source_key(offer.source)
        if key not in seen:
            seen.add(key)
            pool.append(offer)
            if len(pool) == ALTERNATIVES + 1:
                break
    if chosen is not None:
        pool.append(Offer(None, "none", -1, -1))
    return pool


FEATURES = (
    "rule",
    "rule_grammar",  # the rules' choice by a reporting verb, "according to", "by", a parenthesis
    "rule_weak",  # by the sentence before or after, a quotation, the nearest organisation
    "rule_none",  # the rules leave the figure unattributed
    "speaker",
    "organisation",
    "quotation",
    "previous",
    "next",
    "none",
    "lead",
    "trail",
    "words",  # log(1 + words between)
    "clauses",  # commas and semicolons between (at most 3)
    "contrast",
    "quote_mark",
    "verb_between",
    "referred",
    "generic",
    "document",
    "capitalised",
    "organisation_word",
    "person_word",
    "none_with_speaker",  # no source, although the sentence names a speaker
)
_GRAMMAR = frozenset({"said", "according_to", "by", "parens", "owner", "table"})
_WEAK = frozenset({"previous_sentence", "next_sentence", "quotation", "nearest_org"})
_CONTRAST = re.compile(r";|\b(?:but|although|though|whereas|while|however)\b", re.I)
_QUOTE = re.compile('["“”]')
_WORD = re.compile(r"\w+")


def features(
    text: str, figure_start: int, figure_end: int, offer: Offer, rule: str, named: bool
) -> list[float]:
    """The features of ``offer`` for the figure at ``figure_start:figure_end`` (:data:`FEATURES`,
    in order); ``rule`` is the rules' attribution rule, ``named`` whether the sentence names a
    speaker."""
    values = dict.fromkeys(FEATURES, 0.0)
    if offer.kind == "rule":
        values["rule"] = 1.0
        key = "rule_grammar" if rule in _GRAMMAR else "rule_weak" if rule in _WEAK else "rule_none"
        values[key] = 1.0
    else:
        values[offer.kind] = 1.0
    if offer.source is None:
        values["none_with_speaker"] = float(named)
        return list(values.values())
    if offer.start >= 0:
        if offer.end <= figure_start:
            values["lead"], gap = 1.0, text[offer.end : figure_start]
        else:
            values["trail"], gap = 1.0, text[figure_end : offer.start]
        values["words"] = math.log1p(len(_WORD.findall(gap)))
        values["clauses"] = float(min(3, gap.count(",") + gap.count(";")))
        values["contrast"] = float(_CONTRAST.search(gap) is not None)
        values["quote_mark"] = float(_QUOTE.search(gap) is not None)
        values["verb_between"] = float(_SPEECH.search(gap) is not None)
    values["referred"] = float(offer.referred)
    words = offer.source.replace("’", "'").split()
    head = words[-1].casefold().removesuffix("'s")
    values["generic"] = float(head in _GENERIC and offer.source[:1].islower())
    values["document"] = float(head in _DOCUMENTS)
    values["capitalised"] = float(offer.source[:1].isupper())
    values["organisation_word"] = float(
        any(word.casefold() in _ORGANISATION_WORDS for word in words)
        or re.fullmatch(r"[A-Z][A-Z&]+s?", words[-1]) is not None
    )
    values["person_word"] = float(head in _PERSON_NOUNS)
    return list(values.values())


# --- training ---------------------------------------------------------------------------------


def _fit(groups: list[dict[str, Any]], lam: float, weight: float) -> Any:
    """A softmax over each claim's offers, L2-regularised by ``lam``; a fresh line counts
    ``weight`` times."""
    import numpy as np

    teach = [g for g in groups if any(g["y"])]
    width = len(teach[0]["x"][0])
    most = max(len(g["x"]) for g in teach)
    x = np.zeros((len(teach), most, width))
    mask = np.full((len(teach), most), -1e9)
    target = np.zeros((len(teach), most))
    weights = np.array([weight if g.get("fresh") else 1.0 for g in teach])
    for i, g in enumerate(teach):
        n = len(g["x"])
        x[i, :n] = g["x"]
        mask[i, :n] = 0.0
        target[i, :n] = np.array(g["y"], float) / sum(g["y"])
    w = np.zeros(width)

    def loss(w: Any) -> tuple[float, Any]:
        s = x @ w + mask
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        value = -(weights * (target * np.log(p + 1e-12)).sum(axis=1)).sum() + lam * w @ w / 2
        grad = np.einsum("i,ijk,ij->k", weights, x, p - target) + lam * w
        return float(value), grad

    step, (value, grad) = 0.01, loss(w)
    for _ in range(1000):
        trial = w - step * grad
        trial_value, trial_grad = loss(trial)
        if trial_value < value:
            w, value, grad, step = trial, trial_value, trial_grad, step * 1.2
        else:
            step *= 0.5
        if step < 1e-12:
            break
    return w


def _pick(g: dict[str, Any], w: Any) -> int:
    scores = [sum(a * b for a, b in zip(row, w, strict=True)) for row in g["x"]]
    best = max(scores)
    return 0 if scores[0] >= best - 1e-9 else scores.index(best)  # a tie: the rules' choice


def train(lam: float, weight: float, out: str, files: list[str]) -> None:
    lines = []
    for name in files:
        assert not _frozen(Path(name).name)
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            row["fresh"] = "fresh" in Path(name).name
            assert not _frozen(row["split"]), "a frozen split is never trained on"
            lines.append(row)
    splits = sorted(
        {(r["split"], r["fresh"]) for r in lines}, key=lambda s: (s[1], len(s[0]), s[0])
    )
    print(f"lambda {lam}, fresh lines weigh {weight}")
    print(f"{'held out':26} {'found':>5} {'rules':>11} {'model':>11} {'changed':>7}")
    totals: dict[bool, list[int]] = {False: [0, 0, 0], True: [0, 0, 0]}
    for split, fresh in splits:
        w = _fit([r for r in lines if r["split"] != split], lam, weight)
        test = [r for r in lines if r["split"] == split and r["fresh"] == fresh]
        n = len(test)
        rules = sum(r["y"][0] for r in test)
        model = sum(r["y"][_pick(r, w)] for r in test)
        changed = sum(_pick(r, w) != 0 for r in test)
        label = split + (" (fresh rules)" if fresh else "")
        print(f"{label:26} {n:5} {rules:5} {rules / n:.3f} {model:5} {model / n:.3f} {changed:7}")
        if split != "corpus.yaml":
            for i, v in enumerate((n, rules, model)):
                totals[fresh][i] += v
    for fresh, (n, rules, model) in totals.items():
        if n:
            label = "pooled real" + (" (fresh rules)" if fresh else "")
            print(f"{label:26} {n:5} {rules:5} {rules / n:.3f} {model:5} {model / n:.3f}")
    w = _fit(lines, lam, weight)
    Path(out).write_text(
        json.dumps(
            {
                "lambda": lam,
                "fresh_weight": weight,
                "weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w, strict=True)},
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "collect":
        collect(*arguments)
    elif command == "_collect":
        _collect(*arguments)
    elif command == "train":
        train(float(arguments[0]), float(arguments[1]), arguments[2], arguments[3:])
    else:
        raise SystemExit(__doc__)
