"""Formula injection: what a spreadsheet must not run, and how the importer undoes it.

The rule, both ways:

* On export (``neutralise``), a cell whose text, after any leading single quotes, starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets one more single quote in front:
  「=1+1」 → 「'=1+1」, 「-5人」 → 「'-5人」, 「'=x」 → 「''=x」.
* On import (``restore``), a cell that starts with a single quote and, after its leading single
  quotes, with one of those characters loses exactly one quote: 「'=1+1」 → 「=1+1」.

Counting the quotes that are already there makes the pair exact: ``restore(neutralise(t)) == t``
for every text, even one that was written with a quote on purpose. A quote before anything else
(「'80年代」) is left alone both ways.
"""

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _is_dangerous(text: str) -> bool:
    return text.lstrip(QUOTE).startswith(DANGEROUS)


# The first characters a dangerous text can start with: an export checks 90,000 cells, and
# this one look at the first character settles nearly all of them.
_FIRST = frozenset((*DANGEROUS, QUOTE))


def neutralise(text: str) -> str:
    """The text as a CSV/XLSX cell that no spreadsheet runs as a formula."""
    if isinstance(text, str) and text[:1] in _FIRST and _is_dangerous(text):
        return QUOTE + text
    return text


def restore(text: str) -> str:
    """The text as it was before ``neutralise``; every other text is returned unchanged."""
    if isinstance(text, str) and text.startswith(QUOTE) and _is_dangerous(text):
        return text[1:]
    return text
