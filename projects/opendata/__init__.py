"""Open data in national formats (自治体標準オープンデータセット) beside the report's layout."""
