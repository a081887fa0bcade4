"""Generated reports in the published PDF-text layout, one fiscal year a file.

Every project has 1 to 6 partners and 1 to 6 sessions inside its fiscal year, as the seed's
projects do; names, partners and effects mention 苫小牧 now and then, so that a keyword search has
something to find. The same seed gives the same file.
"""

import datetime
import random

from projects.wareki import fiscal_year_label, format_date
from tests.report_text import HEADER

CATEGORIES = ["例年実施 (平成23年頃から継続実施)", "単年度(新規)実施", "例年実施", "2年に一度実施"]
DEPARTMENTS = [f"{name}課" for name in ("市民", "生涯学習", "スポーツ都市推進", "環境保全", "福祉")]
DEPARTMENTS += [f"部署{n}課" for n in range(1, 31)]
LEGAL = ["(株)", "(公財)", "(特非)", "", "", "(一社)"]


def _partners(rng: random.Random, number: int) -> str:
    names = []
    for _ in range(rng.randint(1, 6)):
        n = rng.randrange(2000)
        place = "苫小牧" if n % 5 == 0 else "北海道"
        names.append(f"{LEGAL[n % len(LEGAL)]}{place}協働団体{n}")
    return "、".join(dict.fromkeys(names))


def _sessions(rng: random.Random, fiscal_year: int) -> str:
    first = datetime.date(fiscal_year, 4, 1)
    days = sorted(rng.sample(range(365), rng.randint(1, 6)))
    parts = []
    for day in days:
        date = first + datetime.timedelta(days=day)
        parts.append(f"{format_date(date)} ({rng.randint(5, 3000):,}人)")
    return "、".join(parts)


def project_row(rng: random.Random, fiscal_year: int, number: int) -> str:
    town = "苫小牧" if number % 7 == 0 else "市内"
    return "\t".join(
        [
            str(number),
            f"{town}協働事業{number} ({DEPARTMENTS[number % len(DEPARTMENTS)]})",
            CATEGORIES[number % len(CATEGORIES)],
            f"{town}の市民と協働して実施する事業{number}。地域の課題に取り組む。",
            _partners(rng, number),
            _sessions(rng, fiscal_year),
            f"参加者から好評であった。効果{number}。",
        ]
    )


def yearly_report(fiscal_year: int, projects: int, *, seed: int = 0) -> str:
    """A report of one fiscal year (共催), with the header repeated at every 'page' of 5 rows."""
    rng = random.Random(seed * 10_000 + fiscal_year)
    lines = ["", f"3 協働事業実施状況（{fiscal_year_label(fiscal_year)}）", ""]
    lines += [f"① 協働の形態：共催（{projects}件）", ""]
    for number in range(1, projects + 1):
        if number % 5 == 1:
            lines += ["", HEADER]
        lines.append(project_row(rng, fiscal_year, number))
    return "\n".join(lines) + "\n"
