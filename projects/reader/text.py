"""Whitespace repair for text extracted from the PDF, and keys for matching names.

The PDF wraps every cell at its column width, and the extraction leaves a space at each wrap:
「まちかどミー ティング」, 「ラン1 0km」. Japanese does not separate words with spaces, so a space
between two CJK characters (or between two digits) is a wrap and goes; a space next to a Latin
word is real and stays (「写真展 in 苫小牧」, 「2.5 kmペアラン」).

The characters themselves are kept exactly as printed (no NFKC): ～ and ㈱ stay, so that an export
reproduces the report. Use key() to compare names, and fold() to read digits and brackets.
"""

import functools
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")  # \s covers U+3000, tabs and newlines

# Kanji (with 々〆〇), kana (with ・ and ー), CJK punctuation (「」、。〜), enclosed and squared
# CJK forms (㈱ ㎞) and the full-width / half-width forms block (（）～：ＡＢ１２ ｶﾅ).
_CJK = (
    "\u2e80-\u2fdf"  # radicals
    "\u3001-\u303f"  # CJK symbols and punctuation, without U+3000 (a space)
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3190-\u31ff"  # kanbun, katakana extensions
    "\u3200-\u33ff"  # enclosed CJK (㈱), compatibility (㎞)
    "\u3400-\u4dbf"  # kanji extension A
    "\u4e00-\u9fff"  # kanji
    "\uf900-\ufaff"  # compatibility kanji
    "\ufe30-\ufe4f"  # vertical forms
    "\uff01-\uffef"  # full-width and half-width forms
)
_DIGIT = "0-9\uff10-\uff19"

# A single space (after collapsing) between two CJK characters or between two digits.
_WRAP_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])|(?<=[{_DIGIT}]) (?=[{_DIGIT}])")

# One-to-one folding (same length, so positions stay valid): full-width ASCII to ASCII, the
# ideographic space to a space, the wave dash 〜 to ~ (the full-width tilde ～ folds with the rest).
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: ord(" "),
    0x301C: ord("~"),
}


# Fast paths (an import reads a dozen cells a row, mostly clean already): every whitespace
# character but the ASCII space is non-printable (str.isprintable), and a text without any
# full-width character has nothing to fold.
_FOLDABLE = re.compile("[" + "".join(map(chr, _FOLD)) + "]")


def _single_spaced(text: str) -> bool:
    """No whitespace but single ASCII spaces: nothing to collapse."""
    return text.isprintable() and "  " not in text


def collapse(text: str) -> str:
    """Whitespace runs (ideographic spaces, tabs, newlines too) to one space, ends stripped."""
    if _single_spaced(text):
        return text.strip()
    return _WHITESPACE.sub(" ", text).strip()


def clean(text: str) -> str:
    """Collapse whitespace, and drop the wrap spaces between CJK characters or between digits."""
    collapsed = collapse(text)
    return _WRAP_SPACE.sub("", collapsed) if " " in collapsed else collapsed


def fold(text: str) -> str:
    """Full-width ASCII (digits, brackets, colon, ～) to ASCII, character for character.

    The result has the same length as the text, so a match found in fold(text) is at the same
    place in text. Not NFKC: ① and ㈱ are left alone.
    """
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


# An import looks up each partner's few spellings a dozen times over (thousands of rows).
@functools.lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """NFKC and no whitespace at all: the key under which two spellings of a name are the same."""
    normal = unicodedata.normalize("NFKC", text)
    if normal.isprintable() and " " not in normal:
        return normal
    return _WHITESPACE.sub("", normal)
