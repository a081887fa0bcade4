"""HTTP headers every app writes the same way."""

import unicodedata
from urllib.parse import quote


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """A Content-Disposition as RFC 6266 writes it: the name in UTF-8 (``filename*=UTF-8''…``,
    RFC 8187) and an ASCII ``filename="…"`` beside it for clients that read no other, so that
    a Japanese name is never sent RFC 2047-encoded (which browsers do not read).

    「012131_kyodo_2023_集計中.csv」 → attachment; filename="012131_kyodo_2023_.csv";
    filename*=UTF-8''012131_kyodo_2023_%E9%9B%86%E8%A8%88%E4%B8%AD.csv
    """
    disposition = "attachment" if attachment else "inline"
    # The fallback: compatibility forms first (full-width digits become digits), then every
    # character ASCII lacks, a quote, a backslash or a control character left out.
    folded = unicodedata.normalize("NFKC", filename)
    fallback = "".join(c for c in folded if " " <= c <= "~" and c not in '"\\') or "download"
    header = f'{disposition}; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header
