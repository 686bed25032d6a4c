"""Which metric a name means: the one rule every command uses, with one "did you mean".

A name means a metric when its slug is the metric's name or one of its aliases, or a metric that
claims already use; failing that, when the two agree word by word once plurals and past tenses are
stemmed ("releases", "Released" and "release" are one word). Otherwise the closest known name is
offered as a suggestion.
"""

from __future__ import annotations

import difflib

from figcheck.errors import UsageError
from figcheck.model import ClaimsFile, slugify


def _singular(word: str) -> str:
    """A crude stem, so "releases", "Released" and "release" compare equal."""
    if len(word) <= 3:
        return word
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("es", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            break
    return word.removesuffix("e") if len(word) > 3 else word


def stem(slug: str) -> str:
    """A slug with each word stemmed."""
    return "_".join(_singular(word) for word in slug.split("_"))


def known(claims_file: ClaimsFile) -> dict[str, str]:
    """Every slug that names a metric (registry names, aliases, metrics claims use) -> metric."""
    names = claims_file.metric_names()
    names.update({metric: metric for metric in claims_file.used_metrics() if metric not in names})
    return names


def lookup(name: str, names: dict[str, str]) -> tuple[str | None, str | None]:
    """The metric ``name`` means among ``names`` (slug -> metric), else a close name or alias (a
    slug of ``names``) to suggest."""
    slug = slugify(name)
    if slug in names:
        return names[slug], None
    stemmed = stem(slug)
    for key, metric in names.items():
        if stem(key) == stemmed:
            return metric, None
    close = difflib.get_close_matches(slug, list(names), n=1, cutoff=0.8)
    return None, (close[0] if close else None)


class CloseName(UsageError):
    """A new metric whose name is close to a known one's: more likely a typo of it."""

    def __init__(self, name: str, suggestion: str) -> None:
        super().__init__(
            f"no metric '{name}' yet (did you mean '{suggestion}'?); give --metric, or "
            "--new-metric to start a new one"
        )
        self.name = name
        self.slug = slugify(name)
        self.suggestion = suggestion


class LongerName(UsageError):
    """A new metric whose name begins with a known metric's name: more likely the known metric
    with words that belong elsewhere (a source, a place) than a new one."""

    def __init__(self, slug: str, known_metric: str) -> None:
        rest = slug.removeprefix(known_metric + "_").replace("_", " ")
        super().__init__(
            f"no metric '{slug}' yet, and it begins with the metric '{known_metric}': if "
            f"'{rest}' names the source, put it in parentheses ('(…)'); give --metric "
            f"{known_metric}, or --new-metric to start '{slug}'"
        )
        self.slug = slug
        self.known_metric = known_metric


def resolve(
    name: str, claims_file: ClaimsFile, *, new_allowed: bool = False, new_metric: bool = False
) -> str:
    """The metric ``name`` means in this file.

    An unknown name is an error, unless ``new_allowed`` (``add``): then it starts a new metric,
    but a name close to a known one is refused with "did you mean", and a name that begins with a
    known one (``political_prisoners_in_caracas``) with :class:`LongerName`, unless
    ``new_metric`` says the new metric is meant.
    """
    slug = slugify(name)
    if not slug:
        raise UsageError(f"metric '{name}' has no letters or digits")
    metric, close = lookup(name, known(claims_file))
    if metric is not None:
        return metric
    names = known(claims_file)
    hint = f" (did you mean '{names[close]}'?)" if close else ""
    if not new_allowed:
        raise UsageError(f"no metric '{name}' in {claims_file.path}{hint}")
    if close and not new_metric:
        raise CloseName(name, names[close])
    longer = [metric for metric in set(names.values()) if slug.startswith(metric + "_")]
    if longer and not new_metric:
        raise LongerName(slug, max(longer, key=len))
    return slug


def is_new(claims_file: ClaimsFile, metric: str) -> bool:
    """Whether ``metric`` (a resolved name) is neither in the registry nor used by any claim."""
    return metric not in claims_file.metric_names() and metric not in claims_file.used_metrics()
