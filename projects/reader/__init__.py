"""The reader of the city's report table (text extracted from the PDF, or CSV/XLSX cells).

Pure functions, no database: each turns report text into the records of records.py, or raises
CellError with a Japanese reason. table.py splits a whole report into rows of cells.
"""
