"""Report text in the published layout, generated for tests and benchmarks."""

HEADER = (
    "No.\t協働事業の名称 (担当課)\t実施区分\t協働事業の目的、内容等\t取組に関係した団体等\t"
    "実施年月日、参加人数\t取組の効果、市民からの反響等"
)
CATEGORIES = ["例年実施 (平成23年頃から継続実施)", "単年度(新規)実施", "例年実施", "2年に一度実施"]


def report_row(number: int, *, sessions: str | None = None, **cells: str) -> str:
    month = 4 + number % 9
    values = {
        "name": f"テスト事業{number} (部署{number % 20}課)",
        "category": CATEGORIES[number % len(CATEGORIES)],
        "purpose": f"目的{number}の説明。市民と協働して実施する。",
        "partners": f"(株)テスト商会{number % 50}、苫小牧テスト協会{number % 7}",
        "sessions": sessions or f"令和5年{month}月{1 + number % 28}日 ({10 + number % 90}人)",
        "effect": f"効果{number}。",
    }
    values.update(cells)
    return "\t".join(
        [
            str(number),
            values["name"],
            values["category"],
            values["purpose"],
            values["partners"],
            values["sessions"],
            values["effect"],
        ]
    )


def report_text(rows: int | list[str], *, fiscal_year_label="令和5年度", form="共催") -> str:
    """A whole report: title, form line, and the rows with the header at every 'page' of 5."""
    lines = list(rows) if isinstance(rows, list) else [report_row(n) for n in range(1, rows + 1)]
    out = [
        "",
        f"3 協働事業実施状況（{fiscal_year_label}）",
        "",
        f"① 協働の形態：{form}（{len(lines)}件）",
        "",
    ]
    for index, line in enumerate(lines):
        if index % 5 == 0:
            out += ["", HEADER]
        out.append(line)
    return "\n".join(out) + "\n"


def dataset_row(number: int, *, form="共催", department="生涯学習課", **cells: str) -> dict:
    """A row of the report layout as a dataset (CSV, XLSX) holds it: column → text."""
    from projects import layout

    row = {
        layout.FISCAL_YEAR: "令和5年度",
        layout.FORM: form,
        layout.NUMBER: str(number),
        layout.NAME: f"市民講座{number} ({department})",
        layout.CATEGORY: "例年実施 (平成19年頃から継続実施)",
        layout.PURPOSE: "学びの場をつくる。",
        layout.PARTNERS: "苫小牧市女性団体連絡協議会",
        layout.SESSIONS: "令和5年9月13日(61人)",
        layout.EFFECT: "好評だった。",
    }
    row.update(cells)
    return row


def report_dataset(*rows: dict):
    """A tablib dataset of the report's columns; a cell a row lacks is blank."""
    import tablib

    from projects import layout

    data = tablib.Dataset(headers=list(layout.DATASET_COLUMNS))
    for row in rows:
        data.append([row.get(column, "") for column in layout.DATASET_COLUMNS])
    return data
