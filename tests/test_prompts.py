"""The questions `add` asks in a terminal: each wrong answer asked again with the reason, never the
end of what was typed; a typo offered as "did you mean"; Ctrl-C at a question exits 130."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from tests.conftest import read_claims

Write = Callable[[str], Path]

START = """\
version: 1
metrics:
  prisoners_released:
    kind: cumulative
    aliases: [released, freed]
  political_prisoners:
    aliases: [political prisoners]

claims:
  - id: "un1"
    metric: prisoners_released
    value: 50
    qualifier: about
    source: UN
    date: 2026-01-12
  - id: "fp1"
    metric: political_prisoners
    value: 800
    source: Foro Penal
    date: 2026-01-13
"""
TODAY = dt.date.today().isoformat()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands behave as in a terminal (the answers still come from the runner's input)."""
    monkeypatch.setattr("figcheck.cli.editing.interactive", lambda: True)
    monkeypatch.setattr("figcheck.cli.articles.interactive", lambda: True)


def add(runner: CliRunner, path: Path, *args: str, answers: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-f", str(path), "add", *args], input=answers)
    return result.exit_code, result.stdout, result.stderr


def last_claim(path: Path) -> dict[str, object]:
    claims_file, problems = read_claims(path.read_bytes(), str(path))
    assert problems == []
    claim = claims_file.claims[-1]
    return {
        "metric": claim.metric,
        "value": claim.value,
        "qualifier": claim.qualifier.value,
        "low": claim.low,
        "high": claim.high,
        "source": claim.source,
        "date": claim.date.isoformat(),
    }


@pytest.mark.usefixtures("terminal")
def test_every_part_is_asked_with_the_date_defaulting_to_today(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, out, err = add(runner, path, answers="released\n\n2.6 million\n\n")
    assert code == 0, err
    assert "metric [political_prisoners]: " in out  # the newest claim's metric
    assert "source [UN]: " in out  # the chosen metric's source, not the newest claim's
    assert f"date [{TODAY}]: " in out
    assert last_claim(path) == {
        "metric": "prisoners_released",
        "value": 2_600_000,
        "qualifier": "exact",
        "low": None,
        "high": None,
        "source": "UN",
        "date": TODAY,
    }


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(
    ("typed", "value", "qualifier", "low", "high"),
    [
        ("about 2.6 million", 2_600_000, "about", None, None),
        ("at least 1,850", 1850, "at_least", None, None),
        ("between 40 and 60", None, "range", 40, 60),
        ("40-60", None, "range", 40, 60),
        ("~50", 50, "about", None, None),
        ("300+", 300, "at_least", None, None),
        ("1e6", 1_000_000, "exact", None, None),
        ("none", 0, "exact", None, None),
    ],
)
def test_the_value_question_reads_the_figure_and_its_hedge(
    runner: CliRunner,
    claims_file: Write,
    typed: str,
    value: float | None,
    qualifier: str,
    low: float | None,
    high: float | None,
) -> None:
    path = claims_file(START)
    code, _, err = add(
        runner, path, "--metric", "released", "--source", "UN", "--date", "2026-01-20",
        answers=f"{typed}\n",
    )  # fmt: skip
    assert code == 0, err
    claim = last_claim(path)
    assert (claim["value"], claim["qualifier"], claim["low"], claim["high"]) == (
        value,
        qualifier,
        low,
        high,
    )


@pytest.mark.usefixtures("terminal")
def test_a_wrong_answer_is_asked_again_with_the_reason_keeping_the_others(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    answers = [
        "released",  # metric
        "",  # source: the default, UN
        "lots",  # value: not a figure
        "1.200",  # value: two readings
        "2.6 million displaced",  # value: more than the figure
        "at least 1,850",
        "2026-13-01",  # date: no month 13
        "12/01/2026",  # date: not YYYY-MM-DD
        "2026-01-20",
    ]
    code, out, err = add(runner, path, answers="\n".join(answers) + "\n")
    assert code == 0, err
    assert out.count("value: ") == 4 and out.count(f"date [{TODAY}]: ") == 3
    assert out.count("metric [") == 1 and out.count("source [") == 1  # asked once each
    assert "expected a number (50, 1,850, 2.4 million, five), not 'lots'" in err
    assert "'1.200' can be read two ways" in err
    assert "only the figure is asked here" in err
    assert "2026-13-01 is not a real date (there is no month 13)" in err
    assert "the date must be written YYYY-MM-DD" in err
    assert "figcheck: " not in err  # the reasons are part of the questions, not the end
    assert last_claim(path) == {
        "metric": "prisoners_released",
        "value": 1850,
        "qualifier": "at_least",
        "low": None,
        "high": None,
        "source": "UN",
        "date": "2026-01-20",
    }


@pytest.mark.usefixtures("terminal")
def test_a_needed_part_with_no_default_is_asked_again(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file("claims: []\n")
    answers = ["", "journalists detained", "", "CPJ", "12", "", ""]  # then the kind: level
    code, out, err = add(runner, path, answers="\n".join(answers) + "\n")
    assert code == 0, err
    assert "a metric is needed" in err and "a source is needed" in err
    assert out.count("metric: ") == 2 and out.count("source: ") == 2
    assert last_claim(path)["metric"] == "journalists_detained"


@pytest.mark.usefixtures("terminal")
def test_the_source_default_follows_the_metric_answered(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, out, err = add(runner, path, "12", answers="political prisoners\n\n\n")
    assert code == 0, err
    assert "source [Foro Penal]: " in out
    assert last_claim(path)["source"] == "Foro Penal"
    code, out, err = add(runner, path, "13", answers="freed\n\n\n")
    assert code == 0, err
    assert "source [UN]: " in out
    assert last_claim(path)["source"] == "UN"
    code, out, err = add(runner, path, "14", answers="arrests\nPolice\n\nlevel\n")
    assert code == 0, err
    assert "source: " in out and "source [" not in out  # a new metric: no other metric's source
    assert last_claim(path)["source"] == "Police"


@pytest.mark.usefixtures("terminal")
def test_the_source_given_picks_the_metric_default(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, out, err = add(runner, path, "--source", "UN", "--value", "7", answers="\n\n")
    assert code == 0, err
    assert "metric [prisoners_released]: " in out
    assert last_claim(path)["metric"] == "prisoners_released"


@pytest.mark.usefixtures("terminal")
def test_a_typo_at_the_metric_question_is_offered_as_a_suggestion(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, out, err = add(runner, path, "12 (UN)", answers="prisoners relased\n\n\n")
    assert code == 0, err
    assert "did you mean prisoners_released? [Y/n]" in out
    assert "--metric" not in out + err
    assert last_claim(path)["metric"] == "prisoners_released"


@pytest.mark.usefixtures("terminal")
def test_a_refused_suggestion_can_start_the_new_metric_or_ask_again(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    answers = "relased\nn\nn\nrelased\nn\ny\n\ncumulative\n"
    code, out, err = add(runner, path, "12 (UN)", answers=answers)
    assert code == 0, err
    assert out.count("did you mean prisoners_released? [Y/n]") == 2
    assert out.count("Start the new metric relased? [y/N]") == 2
    assert out.count("metric [") == 2
    assert last_claim(path)["metric"] == "relased"


@pytest.mark.usefixtures("terminal")
def test_a_longer_name_at_the_metric_question_is_asked_about(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    answers = "political prisoners in Caracas\n\npolitical prisoners\n\n"
    code, out, err = add(runner, path, "12 (UN)", answers=answers)
    assert code == 0, err
    assert "begins with the metric political_prisoners. Start the new metric" in out
    assert last_claim(path)["metric"] == "political_prisoners"


@pytest.mark.usefixtures("terminal")
def test_a_typo_in_the_text_is_asked_about_in_a_terminal(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, out, err = add(runner, path, "50 relesed (UN)", "--date", "2026-01-20", answers="y\n")
    assert code == 0, err
    assert "no metric 'relesed' yet: did you mean prisoners_released? [Y/n]" in out
    assert last_claim(path)["metric"] == "prisoners_released"
    code, out, err = add(runner, path, "51 relesed (UN)", "--date", "2026-01-20",
                         answers="n\nn\nfreed\n")  # fmt: skip
    assert code == 0, err
    assert "metric: " in out  # neither: the metric is asked, the rest of the text kept
    assert last_claim(path) == last_claim(path) | {"metric": "prisoners_released", "value": 51}


@pytest.mark.usefixtures("terminal")
def test_a_typo_in_the_metric_option_is_asked_about_in_a_terminal(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, out, err = add(
        runner, path, "52 released (UN)", "--metric", "prisoners_relased", "--date", "2026-01-20",
        answers="\n",
    )  # fmt: skip
    assert code == 0, err
    assert "did you mean prisoners_released? [Y/n]" in out
    assert last_claim(path)["metric"] == "prisoners_released"


@pytest.mark.usefixtures("terminal")
def test_the_date_is_not_asked_when_given_nor_when_nothing_is_missing(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, out, err = add(runner, path, "--date", "2026-01-20", answers="released\n\n5\n")
    assert code == 0, err
    assert "date" not in out
    assert last_claim(path)["date"] == "2026-01-20"
    code, out, err = add(runner, path, "6 released (UN)", answers="")
    assert (code, out.startswith("added ")) == (0, True), err
    assert last_claim(path)["date"] == TODAY


@pytest.mark.usefixtures("terminal")
def test_the_date_answered_settles_the_day_in_the_parentheses(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, _, err = add(
        runner, path, "about 60 (Foro Penal, 12 January)", answers="released\n2025-03-01\n"
    )
    assert code == 0, err
    claims_file_, _ = read_claims(path.read_bytes(), str(path))
    claim = claims_file_.claims[-1]
    assert (claim.date.isoformat(), claim.as_of) == ("2025-03-01", "2025-01-12")  # that year's
    code, _, err = add(
        runner, path, "about 61 (Foro Penal, 12 January 2026)",
        answers="released\n2026-01-10\n2026-01-14\n",
    )  # fmt: skip
    assert code == 0, err
    assert "2026-01-12, the moment the figure describes, is after 2026-01-10" in err
    claims_file_, _ = read_claims(path.read_bytes(), str(path))
    claim = claims_file_.claims[-1]
    assert (claim.date.isoformat(), claim.as_of) == ("2026-01-14", "2026-01-12")


@pytest.mark.usefixtures("terminal")
def test_a_date_in_the_future_is_asked_about(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    code, out, err = add(runner, path, "7 (UN)", answers=f"released\n{future}\nn\n2026-01-20\n")
    assert code == 0, err
    assert f"{future} is in the future (a typo?). Keep it? [y/N]" in out
    assert last_claim(path)["date"] == "2026-01-20"


@pytest.mark.usefixtures("terminal")
def test_the_end_of_input_at_a_question_stops_with_nothing_written(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    before = path.read_bytes()
    code, _, err = add(runner, path, answers="released\n")
    assert (code, err.splitlines()[-1]) == (2, "figcheck: stopped: nothing was written")
    assert path.read_bytes() == before


def _interrupt(prompt: str = "") -> str:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    "args",
    [
        [],  # the metric question
        ["12 political prisoners in Caracas (UN)"],  # start the new metric? [y/N]
        ["12 relesed (UN)"],  # did you mean? [Y/n]
        ["12 arrests (UN)"],  # the kind of the new metric
    ],
)
@pytest.mark.usefixtures("terminal")
def test_ctrl_c_at_any_question_of_add_exits_130_with_nothing_written(
    runner: CliRunner, claims_file: Write, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    path = claims_file(START)
    before = path.read_bytes()
    monkeypatch.setattr("builtins.input", _interrupt)
    code, _, err = add(runner, path, *args, answers="")
    assert (code, err.endswith("\nfigcheck: stopped: nothing was written\n")) == (130, True)
    assert path.read_bytes() == before


@pytest.mark.usefixtures("terminal")
def test_ctrl_c_in_extract_add_exits_130_keeping_the_claims_accepted(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(
        "At least 120 houses were destroyed, the fire service said.\n\n"
        "The Red Crescent estimates that around 3,000 people have left.\n",
        "utf-8",
    )
    answers = iter(["y", "level"])  # the first candidate recorded (a new level metric), Ctrl-C

    def answer(prompt: str = "") -> str:
        for typed in answers:
            return typed
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", answer)
    result = runner.invoke(app, ["-f", str(path), "extract", str(article), "--add"])
    assert result.exit_code == 130
    assert result.stderr.endswith("figcheck: stopped: 1 added before; nothing else was written\n")
    claims_file_, _ = read_claims(path.read_bytes(), str(path))
    assert [c.value for c in claims_file_.claims] == [120]


@pytest.mark.usefixtures("terminal")
def test_extract_add_asks_again_after_an_answer_that_is_not_one(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text("At least 120 houses were destroyed, the fire service said.\n", "utf-8")
    result = runner.invoke(
        app, ["-f", str(path), "extract", str(article), "--add"], input="x\nno\n"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("record it? [y]es, [e]dit, [s]kip [y]: ") == 2
    assert "other sources" not in result.stdout  # the text offers the figure no other
    assert "'x' is not an answer here: y records it, e edits it first, s skips it" in result.stderr
    assert result.stderr.endswith("0 added, 1 skipped\n")
    assert path.read_text(encoding="utf-8") == "claims: []\n"


@pytest.mark.usefixtures("terminal")
def test_a_yes_or_no_question_asks_again_until_yes_or_no(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, out, err = add(runner, path, "50 relesed (UN)", "--date", "2026-01-20",
                         answers="perhaps\nyes\n")  # fmt: skip
    assert code == 0, err
    assert out.count("did you mean prisoners_released? [Y/n]: ") == 2
    assert "'perhaps' is neither yes nor no: answer y or n" in err
    assert last_claim(path)["metric"] == "prisoners_released"


@pytest.mark.usefixtures("terminal")
def test_the_qualifier_option_stays_and_must_agree_with_the_answer(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, _, err = add(
        runner, path, "--metric", "released", "--source", "UN", "--date", "2026-01-20",
        "--qualifier", "up_to", answers="about 70\n70\n",
    )  # fmt: skip
    assert code == 0, err
    assert "'about 70' says about, but --qualifier says up_to: give the figure alone" in err
    assert last_claim(path) | {"value": 70, "qualifier": "up_to"} == last_claim(path)


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["compare"],
        ["show", "prisoners_released"],
        ["export", "{tmp}/out.csv"],
        ["check"],
        ["add", "5 freed (UN)"],
        ["report", "{tmp}/report.html"],
        ["extract", "{tmp}/article.txt"],
        ["import", "{tmp}/table.csv"],
        ["merge-driver", "{tmp}/base.yaml", "{tmp}/ours.yaml", "{tmp}/theirs.yaml"],
    ],
)
def test_ctrl_c_in_any_command_exits_130_with_nothing_written(
    runner: CliRunner,
    claims_file: Write,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    path = claims_file(START)
    for name in ("base.yaml", "ours.yaml", "theirs.yaml"):
        (tmp_path / name).write_text(START, encoding="utf-8")
    (tmp_path / "table.csv").write_text("metric,value,source,date\nx,1,UN,2026-01-12\n", "utf-8")
    (tmp_path / "article.txt").write_text("At least 120 houses burned, police said.\n", "utf-8")
    files = {p.name: p.read_bytes() for p in [path, *tmp_path.iterdir()] if p.is_file()}
    monkeypatch.setattr("figcheck.claimsfile.locate.snapshot", _interrupt)
    monkeypatch.setattr("figcheck.claimsfile.locate.read_bytes", _interrupt)
    filled = [arg.format(tmp=tmp_path) for arg in args]
    result = runner.invoke(app, ["-f", str(path), *filled])
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in [path, *tmp_path.iterdir()] if p.is_file()} == files


@pytest.mark.parametrize("args", [["add", "5 freed (UN)"], ["rm", "un1"]])
def test_ctrl_c_while_the_claims_file_is_written_leaves_it_as_it_was(
    runner: CliRunner, claims_file: Write, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    path = claims_file(START)
    before = path.read_bytes()
    monkeypatch.setattr("os.fsync", _interrupt)  # the new text written, not yet in place
    result = runner.invoke(app, ["-f", str(path), *args])
    monkeypatch.undo()
    assert result.exit_code == 130
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_ctrl_c_in_init_leaves_no_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data" / "claims.yaml"
    monkeypatch.setattr("figcheck.cli.editing.os.fsync", _interrupt)
    result = runner.invoke(app, ["-f", str(target), "init"])
    assert result.exit_code == 130
    assert not target.exists()
    monkeypatch.undo()
    result = runner.invoke(app, ["-f", str(target), "init"])  # and it can be run again
    assert (result.exit_code, result.stderr) == (0, f"created {target}\n")


@pytest.mark.usefixtures("terminal")
def test_extract_add_proposes_an_edited_source_for_the_same_source_found_later(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(
        "The fire service said 120 houses were destroyed and 40 people were hurt.\n\n"
        "The Red Crescent estimates that around 3,000 people have left.\n",
        "utf-8",
    )
    answers = [
        "e",
        "120 houses destroyed (regional fire service)",
        "level",  # the first claim starts the metric houses_destroyed
        "y",  # 40 people hurt, proposed with the edited source
        "level",
        "y",  # the Red Crescent's figure keeps its own source
        "level",
    ]
    result = runner.invoke(
        app, ["-f", str(path), "extract", str(article), "--add"], input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "→ 40 people hurt (regional fire service)" in " ".join(result.stdout.split())
    assert "the source as you edited it above (found: fire service)" in result.stderr
    # the source found is offered by its number in place of the one edited
    out = " ".join(result.stdout.split())
    after = out.split("→ 40 people hurt (regional fire service)")[1].split("Red Crescent")[0]
    assert "other sources in the text: 1 fire service" in after
    assert result.stderr.count("the source as you edited it above") == 1
    claims, problems = read_claims(path.read_bytes(), str(path))
    assert problems == []
    assert [(c.value, c.source) for c in claims.claims] == [
        (120, "regional fire service"),
        (40, "regional fire service"),
        (3000, "Red Crescent"),
    ]


THREE_SOURCES = (
    "The port authority said 40 sailors died, the union put the toll at 95 and the Coast Guard "
    "said 60.\n"
)


def _extract_add(
    runner: CliRunner, path: Path, article: Path, answers: list[str]
) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["-f", str(path), "extract", str(article), "--add"], input="\n".join(answers) + "\n"
    )
    return result.exit_code, " ".join(result.stdout.split()), result.stderr


def _recorded(path: Path) -> list[tuple[float | None, str]]:
    claims, problems = read_claims(path.read_bytes(), str(path))
    assert problems == []
    return [(c.value, c.source) for c in claims.claims]


@pytest.mark.usefixtures("terminal")
def test_extract_add_records_the_other_source_chosen_by_its_number(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(THREE_SOURCES, "utf-8")
    answers = ["1", "level", "2", "level", "s"]
    code, out, err = _extract_add(runner, path, article, answers)
    assert code == 0, err
    assert "→ 40 sailors died (port authority)" in out
    assert "other sources in the text: 1 union · 2 Coast Guard" in out
    assert "record it? [y]es, [e]dit, [s]kip, or 1-2 with that source [y]: " in out
    assert out.count("→ 40 sailors died (union)") == 1  # shown once, as it is recorded
    assert "other sources in the text: 1 Coast Guard · 2 port authority" in out
    assert out.count("→ 95 toll (port authority)") == 1
    assert _recorded(path) == [(40, "union"), (95, "port authority")]
    assert err.endswith("2 added, 1 skipped\n")


@pytest.mark.usefixtures("terminal")
def test_extract_add_asks_again_after_a_number_no_source_has(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    """0 is no source: a claim needs one, so the text's other sources are all that is offered."""
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text("The port authority said 40 sailors died, while the union said 95.\n")
    code, out, err = _extract_add(runner, path, article, ["0", "3", "1", "level", "s"])
    assert code == 0, err
    assert "other sources in the text: 1 union" in out
    assert out.count("record it? [y]es, [e]dit, [s]kip, or 1 with that source [y]: ") == 3
    assert "there is no source 0 here: the other sources are numbered 1\n" in err
    assert "there is no source 3 here: the other sources are numbered 1\n" in err
    assert _recorded(path) == [(40, "union")]


@pytest.mark.usefixtures("terminal")
def test_extract_add_says_what_an_answer_can_be_when_sources_are_offered(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(THREE_SOURCES, "utf-8")
    code, _, err = _extract_add(runner, path, article, ["x", "s", "s", "s"])
    assert code == 0, err
    assert (
        "'x' is not an answer here: y records it, e edits it first, s skips it, "
        "1-2 records it with that source\n"
    ) in err
    assert path.read_text(encoding="utf-8") == "claims: []\n"


@pytest.mark.usefixtures("terminal")
def test_extract_add_never_proposes_a_chosen_source_for_the_same_source_found_later(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    """A number picks which speaker gave one figure, not how a name is written: the next figure
    found with the same source is proposed with it, as found."""
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(
        "The port authority said 40 sailors died, while the union put the toll at 95. "
        "The port authority also said 12 boats sank.\n\n"
        "The Red Crescent estimates that around 3,000 people have left.\n",
        "utf-8",
    )
    answers = ["1", "level", "s", "y", "level", "y", "level"]
    code, out, err = _extract_add(runner, path, article, answers)
    assert code == 0, err
    assert "→ 12 boats sank (port authority)" in out
    assert "(union)" not in out.split("12 boats sank", 1)[1]
    assert "the source as you" not in err
    assert _recorded(path) == [(40, "union"), (12, "port authority"), (3000, "Red Crescent")]


@pytest.mark.usefixtures("terminal")
def test_extract_add_never_carries_a_number_chosen_for_an_unattributed_figure(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(
        "The Lakeside Water Board said the dam held. About 300 homes were flooded on Monday. "
        "Around 40 roads were closed by the evening.\n",
        "utf-8",
    )
    code, out, err = _extract_add(runner, path, article, ["1", "level", "s"])
    assert code == 0, err
    assert "→ ~300 homes (Lakeside Water Board)" in out
    assert "→ ~40 roads (dated" in out  # proposed unattributed, as found
    assert "the source as you" not in err
    assert _recorded(path) == [(300, "Lakeside Water Board")]


@pytest.mark.usefixtures("terminal")
def test_extract_add_never_carries_a_source_given_to_an_unattributed_figure(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    """Nothing found is no name to correct: an edited source is carried only from a name."""
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(
        "About 300 homes were flooded on Monday. Around 40 roads were closed by the evening.\n",
        "utf-8",
    )
    answers = ["e", "300 homes flooded (river authority)", "level", "s"]
    code, out, err = _extract_add(runner, path, article, answers)
    assert code == 0, err
    assert "→ ~40 roads (dated" in out  # proposed unattributed, as found
    assert "the source as you" not in err
    assert _recorded(path) == [(300, "river authority")]


@pytest.mark.usefixtures("terminal")
def test_ctrl_c_in_extract_add_after_a_chosen_source_keeps_the_claims_accepted(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(THREE_SOURCES, "utf-8")
    answers = iter(["2", "level"])  # the first figure recorded with the Coast Guard, then Ctrl-C

    def answer(prompt: str = "") -> str:
        for typed in answers:
            return typed
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", answer)
    result = runner.invoke(app, ["-f", str(path), "extract", str(article), "--add"])
    assert result.exit_code == 130
    assert result.stderr.endswith("figcheck: stopped: 1 added before; nothing else was written\n")
    assert _recorded(path) == [(40, "Coast Guard")]


def test_extract_add_yes_never_takes_another_source(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(THREE_SOURCES, "utf-8")
    result = runner.invoke(app, ["-f", str(path), "extract", str(article), "--add", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "other sources" not in result.stdout
    assert _recorded(path) == [(40, "port authority"), (95, "union"), (60, "Coast Guard")]


@pytest.mark.usefixtures("terminal")
def test_extract_add_prints_the_other_sources_as_text(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markup and a terminal's escape sequences in a source offered are shown, never obeyed."""
    import dataclasses

    from figcheck import extract as extracting

    real = extracting.extract

    def offering(*args: object, **kwargs: object) -> list[extracting.Candidate]:
        return [
            dataclasses.replace(
                candidate, alternatives=("[bold red]Ministry[/bold red]", "Agency\x1b[2J")
            )
            for candidate in real(*args, **kwargs)  # type: ignore[arg-type]
        ]

    monkeypatch.setattr(extracting, "extract", offering)
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text("At least 120 houses were destroyed, the fire service said.\n", "utf-8")
    code, out, err = _extract_add(runner, path, article, ["2", "level"])
    assert code == 0, err
    assert "other sources in the text: 1 [bold red]Ministry[/bold red] · 2 Agency␛[2J" in out
    assert out.count("→ at least 120 houses (Agency␛[2J)") == 1
    assert "\x1b" not in out
    assert _recorded(path) == [(120, "Agency\x1b[2J")]


@pytest.mark.usefixtures("terminal")
def test_extract_add_shows_the_sentence_and_the_claim_on_lines_of_their_own(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text("The port authority said\n40 sailors died, while the union said 95.\n")
    result = runner.invoke(app, ["-f", str(path), "extract", str(article), "--add"], input="s\ns\n")
    assert result.exit_code == 0, result.stderr
    assert "␊" not in result.stdout
    lines = result.stdout.splitlines()
    at = lines.index("The port authority said 40 sailors died, while the union said 95.")
    assert lines[at - 1 : at + 3] == [
        "",
        "The port authority said 40 sailors died, while the union said 95.",
        f"→ 40 sailors died (port authority)  (dated {TODAY})",
        "other sources in the text: 1 union",
    ]
