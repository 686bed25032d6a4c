"""Shell completion of what the claims file holds: metric names (``show pol<Tab>``, ``--metric``)
and claim ids (``rm <Tab>``).

The files are those the command would read (each ``-f`` typed before the command, else
``$FIGCHECK_FILE``, else the nearest ``data/claims.yaml``, and the files they include), read
through the cache as ``add`` reads them: no pandas, and a file another command has read costs a
hash of its bytes. Completion never fails: a missing, unreadable or broken file completes nothing.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from figcheck.model import ClaimsFile


def _claims_file(ctx: Any) -> ClaimsFile | None:
    """The claims file the command would read, or None when there is none to read."""
    typed = ctx.find_root().params.get("file")
    given = [typed] if isinstance(typed, str) else list(typed or [None])
    if "-" in given:  # standard input is the shell's, not the file's
        return None
    with contextlib.suppress(Exception):  # complete nothing rather than fail (or print) on Tab
        from figcheck.claimsfile.cache import Cache
        from figcheck.claimsfile.locate import find_claims_file, snapshot
        from figcheck.claimsfile.reading import load_files

        sources = [snapshot(find_claims_file(path)) for path in given]
        return load_files(sources, Cache.for_user()).claims_file  # with the files included
    return None


def metric_names(ctx: Any, incomplete: str) -> list[str]:
    """The metrics of the claims file (those claims name and those it declares) that begin with
    what was typed."""
    claims_file = _claims_file(ctx)
    if claims_file is None:
        return []
    names = claims_file.used_metrics() | {entry.name for entry in claims_file.metrics}
    return sorted(name for name in names if name.startswith(incomplete))


def claim_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """The ids of the claims that begin with what was typed, each with its metric and source
    (shells that show a description show them)."""
    claims_file = _claims_file(ctx)
    if claims_file is None:
        return []
    from figcheck.model import ClaimTable

    columns = ClaimTable.of(claims_file.claims, claims_file.path).columns
    found = zip(columns["id"], columns["metric"], columns["source"], strict=True)
    return sorted(
        (claim, f"{metric}, {source}")
        for claim, metric, source in found
        if claim.startswith(incomplete)
    )
