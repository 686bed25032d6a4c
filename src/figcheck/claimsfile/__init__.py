"""The claims file: finding it, reading it, caching what it says, and writing to it.

Read a claims file through :mod:`~figcheck.claimsfile.reading` (``read`` for what it says and every
problem, ``load`` for a file that must be clean); both take the command's
:class:`~figcheck.claimsfile.cache.Cache`. Write through :mod:`~figcheck.claimsfile.write`.

- ``locate``: which file (``--file``, ``$FIGCHECK_FILE``, the nearest ``data/claims.yaml``), its
  bytes as a ``Snapshot``.
- ``reading``: the one way in; it chooses a cached, appended, two-core or cold read, and reads
  several files (``-f`` more than once, ``include:``) each on its own.
- ``joining``: where an ``include:`` leads, and several files' contents joined and checked
  against each other (for ``reading``; ``import`` resolves its rows' metrics with it).
- ``cache``: the ``Cache`` object a command creates once and hands down.
- ``yaml_nodes`` (YAML to a node tree with lines), ``full_reader`` (every problem, worded),
  ``fast_reader`` (a clean file straight into columns), ``two_cores`` (a large file on two
  cores): the engines of ``reading``, used nowhere else.
- ``yaml_text`` (a claim as YAML text), ``layout`` (where things are in the text, and the text
  with claims appended or one removed), ``write`` (locked, checked by reading back),
  ``replace`` (the one write-then-rename, shared with exports and the cache), ``refusals``.
"""
