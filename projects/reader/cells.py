"""One reader per column of the report table. Each takes the cell's text, damaged by the PDF's
wrapping or already clean, and returns records, or raises CellError with a reason for a clerk.

Nothing is guessed and no text is dropped: what a reader cannot place is an error naming it.
"""

import re

from kyodo.limits import INTEGER_MAX, SMALLINT_MAX
from projects.wareki import YEAR_PATTERN, WarekiError, year_of

from .dates import DateMatch, find_dates
from .legal_forms import canonical_partner
from .limits import within, year_within
from .records import CellError, PartnerEntry, SessionEntry, SessionsCell
from .text import clean, collapse, fold

_OPEN = "(（"
_CLOSE = ")）"


# --- 協働事業の名称 (担当課) -------------------------------------------------------------------


def parse_name(text: str) -> tuple[str, str]:
    """(name, department): the department is the last bracketed group, 「…(生涯学習課)」."""
    cleaned = clean(text)
    if not cleaned:
        raise CellError("協働事業の名称が書かれていません。", text=text)
    if cleaned[-1] not in _CLOSE:
        raise CellError(
            "担当課が名称の後に（　）で書かれていません（例：まちかどミーティング (協働・男女平等"
            "参画室)）。",
            text=cleaned,
        )
    depth = 0
    for position in range(len(cleaned) - 1, -1, -1):
        character = cleaned[position]
        if character in _CLOSE:
            depth += 1
        elif character in _OPEN:
            depth -= 1
            if depth == 0:
                break
    else:
        raise CellError(
            "担当課の（　）が閉じていません。括弧の数を確かめてください。", text=cleaned
        )
    name = cleaned[:position].strip()
    department = cleaned[position + 1 : -1].strip()
    if not department:
        raise CellError("担当課の（　）の中が空です。", text=cleaned)
    if not name:
        raise CellError("担当課の前に協働事業の名称がありません。", text=cleaned)
    return name, department


# --- 実施区分 ---------------------------------------------------------------------------------

ANNUAL, NEW, BIENNIAL, OTHER = "annual", "new", "biennial", "other"  # projects.models.Category

# Wordings of each category (whitespace removed, brackets folded) -> Category value.
CATEGORY_WORDINGS: dict[str, str] = {
    "例年実施": ANNUAL,
    "単年度(新規)実施": NEW,
    "単年度実施": NEW,
    "新規実施": NEW,
    "2年に一度実施": BIENNIAL,
    "2年に1度実施": BIENNIAL,
    "2年に1回実施": BIENNIAL,
    "隔年実施": BIENNIAL,
    "その他": OTHER,
}
_ACCEPTED_CATEGORIES = "、".join(
    f"「{w}」" for w in ("例年実施", "単年度(新規)実施", "2年に一度実施", "その他")
)
_SINCE = re.compile(rf"\({YEAR_PATTERN}年度?頃?から(?:継続)?(?:実施|開催)?\)$")


def parse_category(text: str) -> tuple[str, int | None]:
    """(Category value, since year): 「例年実施 (昭和62年頃から継続実施)」 -> ("annual", 1987).

    A since year alone, 「(平成元年頃から継続実施)」, is read as 例年実施 (continued since then).
    """
    compact = re.sub(r"\s+", "", fold(clean(text)))
    if not compact:
        raise CellError(
            f"実施区分が書かれていません（{_ACCEPTED_CATEGORIES}のどれか）。", text=text
        )
    since = None
    if match := _SINCE.search(compact):
        try:
            since = year_within(year_of(match), what="継続実施の開始年")
        except WarekiError as error:
            raise CellError(f"「{clean(text)}」：{error}", text=clean(text)) from None
        compact = compact[: match.start()]
        if not compact:
            return ANNUAL, since
    category = CATEGORY_WORDINGS.get(compact)
    if category is None:
        raise CellError(
            f"「{clean(text)}」は実施区分として読めません（{_ACCEPTED_CATEGORIES}のどれか。"
            "続けて「(昭和62年頃から継続実施)」と書けます）。",
            text=clean(text),
        )
    if since is not None and category == NEW:
        raise CellError(
            f"「{clean(text)}」：単年度(新規)実施に「…頃から継続実施」は書けません。",
            text=clean(text),
        )
    return category, since


# --- 取組に関係した団体等 -----------------------------------------------------------------------

_SEPARATORS = "、，,"
# A role label 「日曜大工：」: one word, at the start of the cell or after a space or separator.
_LABEL = re.compile(rf"(?:^|(?<=[\s{_SEPARATORS}]))(?P<label>[^\s{_SEPARATORS}:：]+)\s*[:：]")
# 「82町内会」: a number before one of these collective nouns is how many bodies take part.
COLLECTIVE_NOUNS = (
    "町内会",
    "自治会",
    "団体",
    "企業",
    "事業所",
    "事業者",
    "社",
    "校",
    "園",
    "施設",
    "店舗",
    "店",
    "チーム",
    "グループ",
    "サークル",
)
_COUNTED = re.compile(rf"^(?P<count>\d+)\s*(?P<noun>{'|'.join(COLLECTIVE_NOUNS)})$")


def _partner(written: str, role: str) -> PartnerEntry:
    body = clean(written)
    count = None
    if match := _COUNTED.match(fold(body)):
        count = within(int(match["count"]), low=1, high=INTEGER_MAX, what="団体の数", text=body)
        body = body[match.start("noun") :]
    name, legal_form = canonical_partner(body)
    if legal_form and name == legal_form:
        raise CellError(f"「{body}」：法人格だけで、団体名がありません。", text=body)
    return PartnerEntry(name=name, written_as=body, legal_form=legal_form, role=role, count=count)


def parse_partners(text: str) -> list[PartnerEntry]:
    """The bodies of the cell, split on 、 (，,) and before a role label 「内装：」, never on a
    space.

    A label gives its role to every body after it up to the next label. Labels are found by the
    spaces around them, so pass the cell as printed (wrap spaces and all), not a cleaned one.
    """
    text = collapse(text)
    if not text:
        return []
    folded = fold(text)
    segments: list[tuple[str, str]] = []  # (role, text)
    role, position = "", 0
    for match in _LABEL.finditer(folded):
        if re.fullmatch(r"\d+", match["label"]):  # 10:00 is a time, not a label
            continue
        segments.append((role, text[position : match.start()]))
        role, position = clean(text[match.start("label") : match.end("label")]), match.end()
    segments.append((role, text[position:]))
    partners: list[PartnerEntry] = []
    for role, segment in segments:
        bodies = [body for body in re.split(rf"[{_SEPARATORS}]", segment) if clean(body)]
        if role and not bodies:
            raise CellError(f"「{role}：」の後に団体名がありません。", text=clean(text))
        partners.extend(_partner(body, role) for body in bodies)
    return partners


# --- 実施年月日、参加人数 -----------------------------------------------------------------------

_SKIP = re.compile(r"[\s、，,;；]+")
_BULLETS = "・●○◎■□◆◇"
_COUNT = re.compile(r"\((?P<inner>[^()]*)\)")
_COUNT_INNER = re.compile(r"(?P<about>約)?\s*(?P<number>\d[\d,]*)\s*(?P<unit>[人名])")
_SESSION_TOTAL = re.compile(r"全\s*(?P<number>\d+)\s*回")
_PARTICIPANT_TOTAL = re.compile(r"(?:延べ|延|のべ)\s*(?P<number>\d[\d,]*)\s*(?P<unit>[人名])")


def _number(written: str, whole: str) -> int:
    if "," in written and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", written):
        raise CellError(f"「{whole}」：「{written}」は数として読めません。", text=whole)
    return within(int(written.replace(",", "")), low=0, high=INTEGER_MAX, what="人数", text=whole)


class _Sessions:
    """The state of reading one sessions cell: groups of dates, each closed by its count.

    Sessions are kept as field dicts while the cell is read, and made records once at the end
    (copying a frozen record for each count, unit and note was a sixth of a row's reading).
    """

    def __init__(self, text: str):
        self.text = text
        self.sessions: list[dict] = []
        self.label = ""
        self.group = -1
        self.group_start = 0  # index in sessions of the current group's first session
        self.group_open = False  # the current group has dates and no count yet
        self.counted = False  # the last thing read was a count (so a note may follow)

    def error(self, reason: str, shown: str) -> CellError:
        return CellError(f"「{shown}」{reason}", text=shown)

    def add(self, date: DateMatch) -> None:
        if not self.group_open:
            self.group += 1
            self.group_start = len(self.sessions)
            self.group_open = True
        self.sessions.append(
            {"start": date.start, "end": date.end, "label": self.label, "group": self.group}
        )
        self.counted = False

    def count(self, participants: int, approximate: bool, unit: str, shown: str) -> None:
        if not self.group_open:
            raise self.error("：人数の前に日付がありません。", shown)
        first = self.sessions[self.group_start]
        first["participants"] = participants
        first["approximate"] = approximate
        for index in range(self.group_start, len(self.sessions)):
            self.sessions[index]["unit"] = unit
        self.group_open = False
        self.counted = True

    def note(self, note: str) -> None:
        self.sessions[self.group_start]["note"] = note
        self.counted = False

    def start_label(self, label: str) -> None:
        self.label = label
        self.group_open = False
        self.counted = False

    def entries(self) -> tuple[SessionEntry, ...]:
        """The records: group 0 is a session with its own count; dates sharing one count get
        1, 2, … (the convention of the admin's 「人数のまとまり」, where a new session starts at 0).
        """
        sizes: dict[int, int] = {}  # (a Counter per cell cost more than the counting)
        for fields in self.sessions:
            sizes[fields["group"]] = sizes.get(fields["group"], 0) + 1
        shared = {g: n for n, g in enumerate(sorted(g for g in sizes if sizes[g] > 1), start=1)}
        return tuple(
            SessionEntry(**{**fields, "group": shared.get(fields["group"], 0)})
            for fields in self.sessions
        )


def _count_at(folded: str, text: str, position: int) -> tuple[int, bool, str, int] | None:
    """(participants, approximate, unit, stop) of 「(約300 人)」 at position; None if no bracket."""
    match = _COUNT.match(folded, position)
    if match is None:
        return None
    shown = text[match.start() : match.end()]
    inner = re.sub(r"\s+", "", match["inner"])
    counted = _COUNT_INNER.fullmatch(inner)
    if counted is None:
        raise CellError(
            f"「{shown}」は参加人数として読めません（例：(305人)、(約300人)、(21名)）。", text=shown
        )
    return (
        _number(counted["number"], shown),
        bool(counted["about"]),
        counted["unit"],
        match.end(),
    )


def _totals_at(folded: str, position: int) -> re.Match | None:
    return _SESSION_TOTAL.match(folded, position) or _PARTICIPANT_TOTAL.match(folded, position)


def parse_sessions(text: str) -> SessionsCell:
    """The sessions of the cell: dates or ranges, each group of dates closed by its count.

    「・子ども会交流会 令和5年6月24日、令和6年1月21日 (46人) ・…」: a bullet 「・」 begins a
    label for the dates after it; dates before one count share it (on the group's first
    session); text after a count is its note (「16地区にて開催」); 「全9回」 and 「延べ165人」
    close the cell. The fiscal year is not checked here.
    """
    text = clean(text)
    folded = fold(text)
    state = _Sessions(text)
    if not text:
        return SessionsCell(sessions=())
    dates = find_dates(text)
    date_at = {date.span[0]: date for date in dates}
    date_starts = sorted(date_at)

    def next_date(after: int) -> int:
        return next((start for start in date_starts if start >= after), len(text))

    def next_boundary(after: int) -> int:
        """Where a note or unreadable text ends: a date, a bullet after a space, a total."""
        stop = next_date(after)
        for position in range(after, stop):
            starts_bullet = folded[position] in _BULLETS and folded[position - 1] == " "
            if starts_bullet or _totals_at(folded, position):
                return position
        return stop

    session_total = participant_total = None
    position = 0
    while position < len(text):
        if skip := _SKIP.match(folded, position):
            position = skip.end()
            continue
        if position in date_at:
            date = date_at[position]
            state.add(date)
            position = date.span[1]
            after = _SKIP.match(folded, position)
            look = after.end() if after and "、" not in after.group() else position
            if (count := _count_at(folded, text, look)) is not None:
                participants, approximate, unit, position = count
                state.count(participants, approximate, unit, text[look:position])
            continue
        if (count := _count_at(folded, text, position)) is not None:
            # a count not after a date: after another count, or after a label
            raise state.error("：人数の前に日付がありません。", text[position : count[3]])
        if folded[position] in _BULLETS:
            stop = next_date(position)
            label = text[position + 1 : stop].strip()
            shown = text[position:stop].strip()
            if stop == len(text):
                raise state.error("：項目名の後に日付がありません。", shown)
            if not label:
                raise state.error("：「・」の後に項目名がありません。", shown)
            state.start_label(label)
            position = stop
            continue
        if match := _totals_at(folded, position):
            stop = match.end()
            if match.re is _SESSION_TOTAL:
                if session_total is not None:
                    raise state.error("：「全…回」が二度書かれています。", text[position:stop])
                session_total = within(
                    int(match["number"]),
                    low=1,
                    high=SMALLINT_MAX,
                    what="実施回数",
                    text=text[position:stop],
                )
            else:
                if participant_total is not None:
                    raise state.error("：「延べ…人」が二度書かれています。", text[position:stop])
                participant_total = _number(match["number"], text[position:stop])
            rest = _SKIP.match(folded, stop)
            position = rest.end() if rest else stop
            if position < len(text) and not _totals_at(folded, position):
                shown = text[position:]
                raise state.error("：合計（全…回、延べ…人）の後の文字が読めません。", shown)
            continue
        stop = next_boundary(position)
        shown = text[position:stop].strip()
        if state.counted:
            state.note(shown)
            position = stop
            continue
        if not state.sessions:
            reason = "：日付として読めません（例：令和5年8月22日 (305人)）。"
        else:
            reason = "：日付・参加人数として読めません。"
        if any(mark in shown for mark in "月日"):
            reason += "年から書いた日付（令和5年8月22日）にしてください。"
        raise state.error(reason, shown)
    if not state.sessions:
        raise CellError(f"「{text}」に日付がありません。", text=text)
    return SessionsCell(
        sessions=state.entries(),
        reported_session_count=session_total,
        reported_participants_total=participant_total,
    )
