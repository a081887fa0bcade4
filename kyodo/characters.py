"""Characters a register's text may not contain: invisible format characters and controls.

A right-to-left override (U+202E) in a project's name turns the public page's text around, a
zero width space (U+200B) makes two names that look the same differ, a NUL ends a string in
other programs. None of them is ever meant in a report, so they are refused, not dropped (a
dropped character would change the text silently), by the importer (projects.reader) and by
every admin form (kyodo.validators) with the same words.

Pure Python: the reader, which imports no Django, uses this as well.
"""

import unicodedata

# Names of the C0/C1 controls, which unicodedata.name() does not know.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}
BREAKS = "\t\n\r"  # allowed where a text may have several lines (目的, 効果, 備考)


def describe(character: str) -> str:
    """「U+202E（RIGHT-TO-LEFT OVERRIDE）」"""
    code = ord(character)
    name = unicodedata.name(character, "") or _CONTROL_NAMES.get(code, "CONTROL")
    return f"U+{code:04X}（{name}）"


def forbidden_character(text: str, *, allow: str = BREAKS) -> str | None:
    """Why the text is refused (naming the first such character and its place), or None.

    Refused: every format character (Unicode category Cf: the bidirectional controls
    U+202A–202E and U+2066–2069, U+200B–200F, U+2060, U+FEFF, …) and every control (Cc)
    but those in allow.
    """
    if text.isprintable():  # the fast path: Cc and Cf are never printable
        return None
    for place, character in enumerate(text, start=1):
        if character in allow:
            continue
        category = unicodedata.category(character)
        if category == "Cc":
            return (
                f"{place}文字目に制御文字 {describe(character)} があります。"
                "取り除いてから取り込んでください。"
            )
        if category == "Cf":
            return (
                f"{place}文字目に目に見えない書式文字 {describe(character)} があります"
                "（文字の向きや見え方を変えるため使えません）。取り除いてください。"
            )
    return None


def shown(text: str) -> str:
    """The text with each refused character written out as 〔U+202E〕: how a refused cell is
    shown again (on the import page) without the character acting on the page."""
    if text.isprintable():
        return text
    return "".join(
        f"〔U+{ord(c):04X}〕" if c not in BREAKS and unicodedata.category(c) in ("Cc", "Cf") else c
        for c in text
    )
