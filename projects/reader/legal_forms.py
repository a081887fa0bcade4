"""Legal forms (法人格): one organisation is one partner, however the report abbreviates it.

「(公財) 苫小牧市スポーツ協会」, 「（公財）苫小牧市スポーツ協会」 and
「公益財団法人苫小牧市スポーツ協会」 are one body; canonical_partner() writes the legal form in
full, where it was written (before or after the name). kind_for() proposes a PartnerKind for a
new partner: an editable default.
"""

import re

from .text import clean, fold

# Abbreviation (the text inside the brackets) -> full legal form (README, 用語集: 法人格).
ABBREVIATIONS: dict[str, str] = {
    "株": "株式会社",
    "有": "有限会社",
    "合": "合同会社",
    "名": "合名会社",
    "資": "合資会社",
    "公財": "公益財団法人",
    "一財": "一般財団法人",
    "財": "財団法人",
    "公社": "公益社団法人",
    "一社": "一般社団法人",
    "社": "社団法人",
    "特非": "特定非営利活動法人",
    "福": "社会福祉法人",
    "社福": "社会福祉法人",
    "学": "学校法人",
    "医": "医療法人",
    "宗": "宗教法人",
    "独": "独立行政法人",
    "地独": "地方独立行政法人",
    "国": "国立大学法人",
    "国大": "国立大学法人",
    "協": "協同組合",
    "生協": "生活協同組合",
}

# Single-character abbreviations (NFKC unfolds them to 「(株)」 and so on).
SINGLE_CHARACTERS: dict[str, str] = {
    "㈱": "株", "㈲": "有", "㈴": "名", "㈾": "資", "㈳": "社", "㈶": "財", "㈻": "学", "㈿": "協",
}  # fmt: skip

# Other written abbreviations, as printed -> full form.
WORD_ABBREVIATIONS: dict[str, str] = {
    "NPO法人": "特定非営利活動法人",
}

# Full legal forms, longest first: 地方独立行政法人 before 独立行政法人,
# 公益財団法人 before 財団法人.
FULL_FORMS: tuple[str, ...] = tuple(
    sorted(
        set(ABBREVIATIONS.values()) | set(WORD_ABBREVIATIONS.values()) | {"公立大学法人"},
        key=len,
        reverse=True,
    )
)

_ANY_FULL_FORM = re.compile("|".join(map(re.escape, FULL_FORMS)))

_INNER = "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True))
_SINGLE = "".join(SINGLE_CHARACTERS)
_WORDS = "|".join(f"(?i:{re.escape(word)})" for word in WORD_ABBREVIATIONS)
# An abbreviation in (folded) text: 「(株)」 「( 公財 )」, 「㈱」, 「NPO法人」.
_ABBREVIATION = rf"(?:\(\s*(?P<inner>{_INNER})\s*\)|(?P<single>[{_SINGLE}])|(?P<word>{_WORDS}))"
_PREFIX = re.compile(rf"^{_ABBREVIATION}\s*")
_SUFFIX = re.compile(rf"\s*{_ABBREVIATION}$")


def _full_form(match: re.Match) -> str:
    if match["inner"]:
        return ABBREVIATIONS[match["inner"]]
    if match["single"]:
        return ABBREVIATIONS[SINGLE_CHARACTERS[match["single"]]]
    return WORD_ABBREVIATIONS[fold(match["word"]).upper()]


def canonical_partner(written: str) -> tuple[str, str]:
    """(canonical name, legal form or "") of a partner as written.

    The abbreviation is written in full in place, prefix or suffix as written, and the space next
    to it goes: 「(公財) 苫小牧市スポーツ協会」 -> 公益財団法人苫小牧市スポーツ協会,
    「早坂理工(株)」 -> 早坂理工株式会社. A name written with the full form keeps it and reports it:
    「株式会社苫小牧民報社」 -> (株式会社苫小牧民報社, 株式会社).
    """
    name = clean(written)
    folded = fold(name)
    if match := _PREFIX.match(folded):
        full = _full_form(match)
        return full + name[match.end() :], full
    if match := _SUFFIX.search(folded):
        full = _full_form(match)
        return name[: match.start()] + full, full
    if _ANY_FULL_FORM.search(name) is None:  # most names: no need to try each form at each end
        return name, ""
    for full in FULL_FORMS:
        if name.startswith(full):
            rest = name[len(full) :].lstrip()
            return (full + rest if rest else name), full
        if name.endswith(full) and len(name) > len(full):
            return name[: -len(full)].rstrip() + full, full
    return name, ""


# PartnerKind values (partners.models.PartnerKind), kept as strings: the reader needs no Django.
COMPANY = "company"
PUBLIC_INTEREST = "public_interest"
NPO = "npo"
GOVERNMENT = "government"
COMMUNITY = "community"
COMMITTEE = "committee"
EDUCATION = "education"
OTHER = "other"

KIND_OF_LEGAL_FORM: dict[str, str] = {
    "株式会社": COMPANY,
    "有限会社": COMPANY,
    "合同会社": COMPANY,
    "合名会社": COMPANY,
    "合資会社": COMPANY,
    "公益財団法人": PUBLIC_INTEREST,
    "一般財団法人": PUBLIC_INTEREST,
    "財団法人": PUBLIC_INTEREST,
    "公益社団法人": PUBLIC_INTEREST,
    "一般社団法人": PUBLIC_INTEREST,
    "社団法人": PUBLIC_INTEREST,
    "社会福祉法人": PUBLIC_INTEREST,
    "特定非営利活動法人": NPO,
    "学校法人": EDUCATION,
    "国立大学法人": EDUCATION,
    "公立大学法人": EDUCATION,
    "独立行政法人": GOVERNMENT,
    "地方独立行政法人": GOVERNMENT,
    # 協同組合 are associations of businesses or of citizens, like the trade 協会 of the reports.
    "協同組合": COMMUNITY,
    "生活協同組合": COMMUNITY,
}

# Name endings, checked in this order (実行委員会 before 委員会, 大学校 with 大学).
KIND_OF_ENDING: tuple[tuple[str, str], ...] = (
    ("実行委員会", COMMITTEE),
    ("大学校", EDUCATION),
    ("大学", EDUCATION),
    ("短期大学", EDUCATION),
    ("高等専門学校", EDUCATION),
    ("高校", EDUCATION),
    ("学校", EDUCATION),
    ("学園", EDUCATION),
    ("委員会", GOVERNMENT),
    ("保健所", GOVERNMENT),
    ("役所", GOVERNMENT),
    ("役場", GOVERNMENT),
    ("試験場", GOVERNMENT),
    ("振興局", GOVERNMENT),
    ("局", GOVERNMENT),
    ("省", GOVERNMENT),
    ("庁", GOVERNMENT),
    ("署", GOVERNMENT),
    ("市", GOVERNMENT),
    ("町", GOVERNMENT),
    ("村", GOVERNMENT),
    ("町内会", COMMUNITY),
    ("自治会", COMMUNITY),
    ("協議会", COMMUNITY),
    ("協会", COMMUNITY),
    ("連絡会", COMMUNITY),
    ("連合会", COMMUNITY),
    ("会議所", COMMUNITY),
    ("商工会", COMMUNITY),
    ("組合", COMMUNITY),
    ("技能士会", COMMUNITY),
    ("子ども会", COMMUNITY),
    ("老人クラブ", COMMUNITY),
    ("会", COMMUNITY),
    ("団", COMMUNITY),
    ("県", GOVERNMENT),
)
# Whole names of public offices that no ending tells.
GOVERNMENT_NAMES = frozenset({"北海道", "国", "東京都", "京都府", "大阪府"})


def kind_for(name: str, legal_form: str = "") -> str:
    """A PartnerKind value proposed for a partner: an editable default, never a decision.

    The legal form decides first (株式会社 -> company, 公益財団法人 -> public_interest, ...),
    then the ending of the name (…実行委員会 -> committee, …大学校 -> education,
    …市 / …局 -> government, …協会 / …町内会 -> community); anything else is "other".
    A clerk corrects it in the admin.
    """
    if legal_form in KIND_OF_LEGAL_FORM:
        return KIND_OF_LEGAL_FORM[legal_form]
    name = clean(name)
    if name in GOVERNMENT_NAMES:
        return GOVERNMENT
    for ending, kind in sorted(KIND_OF_ENDING, key=lambda pair: len(pair[0]), reverse=True):
        if name.endswith(ending):
            return kind
    return OTHER
