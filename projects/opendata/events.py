"""The national standard dataset 「イベント一覧」 (自治体標準オープンデータセット).

Each dated session (実施) of a year's published projects is one event. The columns are the
standard's, in its order; a value the register does not hold (kana and English names, times,
fees, venue, telephone…) is left empty, as the standard asks for unknown values. Dates are
YYYY-MM-DD; a one-day session ends on the day it starts.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db.models import QuerySet

from projects.formulas import neutralise
from projects.models import Project
from projects.report.cells import count_text, links_of, sessions_of
from projects.report.plain import PlainProject, plain_projects

EVENT_COLUMNS = (
    "都道府県コード又は市区町村コード",
    "NO",
    "都道府県名",
    "市区町村名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "住所",
    "方書",
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "URL",
    "備考",
)


def event_projects(fiscal_year: int) -> Iterator[PlainProject]:
    """The year's published projects with their sessions and partners: 3 queries a 2,000."""
    return plain_projects(Project.objects.published().for_year(fiscal_year))


def organisers(project) -> str:
    """主催者: the city's department, then each partner once, in the report's order, as the
    report printed it (a later rename or merge of a partner does not change the dataset)."""
    names = [f"{settings.KYODO_CITY_NAME} {project.department_name}"]
    for link in links_of(project):
        if link.display_name not in names:
            names.append(link.display_name)
    return "、".join(names)


def remarks(session) -> str:
    """備考: the session's heading, its participants (「参加人数 約300人」) and its note."""
    parts = [session.label]
    if session.participants is not None:
        count = count_text(session.participants, approximate=session.approximate, unit=session.unit)
        parts.append(f"参加人数 {count.strip('()')}")
    parts.append(session.note)
    return " ".join(part for part in parts if part)


def event_rows(projects: Iterable | QuerySet, *, url_for: Callable[[int], str]) -> Iterator[list]:
    """One row of EVENT_COLUMNS per session; ``url_for(pk)`` gives a project's public page.

    NO is 「<project id>-<n>」, the n-th session of the project: unique in the city's register
    and the same in every download of the year.
    """
    city = {
        "都道府県コード又は市区町村コード": settings.KYODO_CITY_CODE,
        "都道府県名": settings.KYODO_PREFECTURE_NAME,
        "市区町村名": settings.KYODO_CITY_NAME,
    }
    for project in projects:
        shared = {
            **city,
            "イベント名": project.name,
            "説明": project.purpose,
            "連絡先名称": project.department_name,
            "主催者": organisers(project),
            "URL": url_for(project.pk),
        }
        for index, session in enumerate(sessions_of(project), start=1):
            values = {
                **shared,
                "NO": f"{project.pk}-{index}",
                "開始日": session.start.isoformat(),
                "終了日": (session.end or session.start).isoformat(),
                "備考": remarks(session),
            }
            yield [neutralise(values.get(column, "")) for column in EVENT_COLUMNS]


def events_csv(rows: Iterable[list]) -> bytes:
    """The dataset as CSV: UTF-8 with BOM, CRLF line ends, the standard header first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EVENT_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
