"""What the reader produces: plain records, independent of the database."""

import datetime
from dataclasses import dataclass, field

from kyodo.characters import shown


class CellError(ValueError):
    """A cell's text cannot be read. The message is the reason, in Japanese, for a clerk."""

    def __init__(self, reason: str, *, text: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.text = text


@dataclass(frozen=True)
class ReadError:
    """One problem in a source: where (row and column), what text, and why."""

    row: str  # 「No.3」 (「後援 No.3」 in a file of several forms), or 「5行目」 without a number
    column: str  # a column header of layout.py, or "" for the whole row / file
    text: str
    reason: str
    # The row's 1-based place in the dataset, when known: labels repeat across form sections,
    # so this, not the label, is how an error finds its row again.
    position: int | None = None

    def __str__(self) -> str:
        where = self.row + (f"「{self.column}」" if self.column else "")
        # Written out (〔U+202E〕), a refused character cannot act on the page that shows it.
        text = shown(self.text)
        shown_text = text if len(text) <= 60 else text[:57] + "…"
        return (
            f"{where}：「{shown_text}」 {self.reason}" if self.text else f"{where}：{self.reason}"
        )


class ReportReadError(ValueError):
    """A source that cannot be read as a whole; carries every problem found, not just the first."""

    def __init__(self, errors: list[ReadError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class PartnerEntry:
    name: str  # canonical: legal form written in full, e.g. 公益財団法人苫小牧市スポーツ協会
    written_as: str  # as the report prints it, whitespace cleaned: (公財) 苫小牧市スポーツ協会
    legal_form: str = ""  # 公益財団法人, or "" when the body has none
    role: str = ""  # 内装 in 「内装：苫小牧内装業協会」
    count: int | None = None  # 82 in 「82町内会」


@dataclass(frozen=True)
class SessionEntry:
    start: datetime.date
    end: datetime.date | None = None  # None for a single day
    label: str = ""  # 子ども会交流会 in 「・子ども会交流会 令和5年6月24日 (46人)」
    participants: int | None = None  # on the first session of its group only
    approximate: bool = False  # 約
    unit: str = "人"  # 人 or 名, as printed
    group: int = 0  # sessions sharing one count share a group
    note: str = ""  # 「16地区にて開催」 after the count


@dataclass(frozen=True)
class SessionsCell:
    sessions: tuple[SessionEntry, ...]
    reported_session_count: int | None = None  # 9 in 「全9回 延べ165人」
    reported_participants_total: int | None = None  # 165 in 「全9回 延べ165人」

    @property
    def participants_total(self) -> int:
        return sum(s.participants or 0 for s in self.sessions)


@dataclass(frozen=True)
class RawRow:
    """One row of the table as cells of text, before any cell is read."""

    line: int  # line number in the source (1-based), for messages
    cells: dict[str, str]  # column header (layout.TABLE_COLUMNS) -> raw text
    form: str | None = None  # the form section the row is in (a report may have several)


@dataclass
class ReportTable:
    fiscal_year: int | None  # from 「協働事業実施状況（令和5年度）」
    form: str | None  # from 「① 協働の形態：共催（23件）」
    declared_count: int | None = None  # 23 in 「共催（23件）」
    rows: list[RawRow] = field(default_factory=list)
