"""Public national data (DotaceEU, MS2014+ open data) turned into import-format sheets.

Each source reads its own file shape and yields ``RawSheet``s with the import
format's headers, so that its rows pass the same validation and loading as a
user's file; problems point at the source file and its row.
"""
