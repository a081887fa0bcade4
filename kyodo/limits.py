"""The ranges of the numbers and the lengths of the texts the register's columns can store.

The lowest module of the register: the models of every app take their max_length from here, and
the reader checks a file's cells against the same numbers (projects/reader/limits.py), so that
PostgreSQL (which refuses a value past its column) and SQLite (which stores anything) give the
same clear message, naming the cell. It imports nothing.
"""

SMALLINT_MAX = 32_767  # No., 全…回 (smallint columns)
INTEGER_MAX = 2_147_483_647  # 参加人数, 延べ人数, 「82町内会」の数 (integer columns)
# 年度 and 継続実施の開始年: from the first era the register knows (明治) to a far future.
MIN_YEAR = 1868
MAX_YEAR = 2200

# The longest texts the register stores.
PROJECT_NAME_MAX = 300
DEPARTMENT_NAME_MAX = 100
FORM_NAME_MAX = 50
PARTNER_NAME_MAX = 200  # a partner's name, its other spellings and the report's wording
ROLE_MAX = 100
SESSION_TEXT_MAX = 200  # a session's heading (内容) and note (備考)

# The keyword search (the public list, its CSV, the API and the admin): a longer keyword is
# refused with a message, never sent to the database (SQLite refuses a LIKE pattern over
# 50,000 bytes, PostgreSQL would run it), so both databases answer alike.
KEYWORD_MAX_CHARS = 200
KEYWORD_MAX_WORDS = 10
