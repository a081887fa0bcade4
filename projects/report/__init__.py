"""The annual report: cells in the report's own wording, CSV/XLSX/JSON exports, the summary."""
