"""Reconciling figures: the contract's rules (sections 2 and 3) and the engines that apply them.

- :mod:`~figcheck.reconcile.rules`: each rule once (a claim's interval, its moment and source,
  "diverges", the ratio, the order of statuses);
- :mod:`~figcheck.reconcile.verdict`: the :class:`Verdict` record, whose fields are the compare
  report's columns;
- :mod:`~figcheck.reconcile.reference`: the verdict of one metric or relation, claim by claim in
  plain Python (what ``add`` and ``rm`` print, without pandas; the definition the fast engine is
  tested against);
- :mod:`figcheck.analysis`: every metric at once, whole-column pandas and numpy.
"""
