"""The text of an uploaded file: its encoding found, and every byte and character accounted for.

A report's text or CSV is UTF-8 (with or without BOM), UTF-16 with BOM, or cp932 (Shift_JIS,
what Excel writes in Japanese). A byte that none of them can read, and a control character
(NUL, ESC, …) in the text, are refused naming their line and place in it, so that a clerk finds
them in an editor; a file that is not text at all (PDF, XLSX, an image) is named as such.
"""

import codecs
import re

from kyodo.characters import describe

from .bounds import FILE
from .records import ReadError, ReportReadError

# What a file that is not text starts with: PDF, ZIP (XLSX, DOCX), PNG, JPEG, GIF, old Office.
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")
# C0 and C1 controls but tab, line feed, carriage return and the form feed a PDF extraction
# leaves at a page break.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _unreadable(reason: str, where: str = FILE) -> ReportReadError:
    return ReportReadError([ReadError(row=where, column="", text="", reason=reason)])


_NOT_TEXT = (
    "テキストとして読めません（画像・PDF・Excelなどのファイルのようです）。"
    "報告書の表をテキスト（タブ区切り）で保存したファイルを選んでください。"
)


def _looks_binary(data: bytes) -> bool:
    # A NUL or two is a damaged text (refused below, with its line); a file of many is not text.
    head = data[:65536]
    return data.startswith(_BINARY_MAGIC) or head.count(0) > len(head) // 100 + 2


def _place(data: bytes, position: int, encoding: str) -> tuple[int, int]:
    """(line, character within the line), both 1-based, of the byte at position."""
    line_start = data.rfind(b"\n", 0, position) + 1
    before = data[line_start:position].decode(encoding, errors="replace")
    return data.count(b"\n", 0, position) + 1, len(before) + 1


def _broken_byte(data: bytes, utf8: UnicodeDecodeError, cp932: UnicodeDecodeError):
    # The encoding that read further is the one the file was written in: name its broken byte.
    error, encoding, name = (
        (utf8, "utf-8", "UTF-8") if utf8.start >= cp932.start else (cp932, "cp932", "Shift_JIS")
    )
    line, column = _place(data, error.start, encoding)
    byte = data[error.start : error.start + 1].hex().upper()
    return _unreadable(
        f"テキストとして読めません：{column}文字目のバイト 0x{byte} が{name}の文字になりません"
        "（文字コードがUTF-8でもShift_JISでもないか、ファイルが壊れています）。",
        where=f"{line}行目",
    )


def decode_source(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp932."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _unreadable("UTF-16のテキストとして読めません。") from None
    elif _looks_binary(data):
        raise _unreadable(_NOT_TEXT)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as utf8:
            try:
                text = data.decode("cp932")
            except UnicodeDecodeError as cp932:
                raise _broken_byte(data, utf8, cp932) from None
    if control := _CONTROL.search(text):
        line_start = text.rfind("\n", 0, control.start()) + 1
        raise _unreadable(
            f"{control.start() - line_start + 1}文字目に制御文字 {describe(control.group())} "
            "があります。取り除いてから取り込んでください。",
            where=f"{text.count(chr(10), 0, control.start()) + 1}行目",
        )
    if not text.strip():
        raise _unreadable("ファイルが空です。")
    return text
