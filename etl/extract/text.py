"""A saved page as plain text: decoding, HTML to text, and the units evidence is quoted from.

Pages come as plain text or as HTML saved from a browser, in UTF-8 or
Windows-1250. The extractor works on lines (block elements and list items of
HTML become lines of their own), so both forms of the same page give the same
text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from etl.read import decode_text

# Elements that start a new line of text; list items also get a "- " bullet.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead",
    "title", "tr", "ul",
})
# Cells of a row and a definition's term and description stay on one line ("label: value").
_INLINE_BREAKS = frozenset({"td", "th", "dd"})
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})
# Bullets as pages and exported slides write them (the private-use U+F0A7 is a Wingdings square).
_BULLETS = "\u2022\u25aa\u25cf\u25e6\u2023\u2043\uf0a7\uf0b7\uf0d8\uf076\u25a0\u25a1"
_BULLET_RE = re.compile(rf"\s*[{_BULLETS}]\s*")
_SPACES_RE = re.compile(r"[ \t\u00a0\u202f\u2009\u2007\u200b\ufeff]+")
# A label glued to the text it introduces ("Indikátory:Celkový počet …").
_GLUED_LABEL_RE = re.compile(r"(?<=[a-zá-ž]):(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])")

_UPPER = "A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"
# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = frozenset({
    "č", "čj", "reg", "tzn", "tj", "tzv", "např", "apod", "atd", "resp", "soc", "str", "mj", "viz",
    "cca", "min", "max", "ing", "mgr", "bc", "phdr", "paeddr", "judr", "mudr", "doc", "prof", "spol",
    "hod",
})
_ROMAN_RE = re.compile(r"^[IVXLC]+$")


class _TextParser(HTMLParser):
    """Collects the visible text of an HTML page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.row_cells: list[int] = []  # where each cell of the open table row starts in ``parts``

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag in _INLINE_BREAKS:
            if tag != "dd":
                self.row_cells.append(len(self.parts))
            self.parts.append(self._cell_separator())
        elif tag == "tr":
            self.row_cells = []
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK_TAGS and not self._bullet_pending():
            self.parts.append("\n")

    def _cell_separator(self) -> str:
        """A label cell and its value cell read as "label: value" (a table row, a dt and its dd)."""
        text = "".join(self.parts[-8:]).rstrip(" \t\u00a0")
        if not text or text.endswith(("\n", "\n-", ":")):
            return " "
        return ": "

    def _bullet_pending(self) -> bool:
        """True right after "<li>": a paragraph inside a list item keeps the item's bullet."""
        for part in reversed(self.parts):
            if part.strip(" "):
                return part == "\n- "
        return False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "tr":
            # A row of three or more cells is a table to read by columns: "60000 | Název | 120".
            if len(self.row_cells) >= 3:
                for index in self.row_cells[1:]:
                    self.parts[index] = " | "
            self.row_cells = []
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS and tag != "dt":  # a term runs on into its description
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            # Line breaks inside a paragraph of HTML source are just spaces.
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def looks_like_html(text: str) -> bool:
    """True when the text is HTML markup rather than plain text."""
    head = text[:4096].lower()
    return bool(re.search(r"<(!doctype html|html|body|p|div|br|li|ul|h[1-6]|table|span)\b", head))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: entities resolved, scripts dropped, blocks as lines."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def normalise(text: str) -> str:
    """Plain text as the patterns expect it: one space between words, bullets as "- " lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BULLET_RE.sub("\n- ", text)
    text = _GLUED_LABEL_RE.sub(":\n", text)
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line == "-":
            continue
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


def page_text(file_name: str, data: bytes) -> str:
    """Decode a saved page (UTF-8 or Windows-1250, text or HTML) into normalised text.

    Raises ``ValueError`` with the reader's Czech and English message when the
    bytes are not text in a known encoding.
    """
    text, problem = decode_text(file_name, data)
    if problem is not None or text is None:
        message = f"{problem.message_cs} ({problem.message_en})" if problem else "the file is not text"
        raise ValueError(f"{file_name}: {message}")
    if file_name.lower().endswith((".htm", ".html", ".xhtml")) or looks_like_html(text):
        text = html_to_text(text)
    return normalise(text)


def lines(text: str) -> list[str]:
    """Non-empty lines of normalised text."""
    return [line for line in text.split("\n") if line.strip()]


def sentences(line: str) -> list[str]:
    """A line split into sentences; periods of dates, ordinals and abbreviations do not split."""
    found: list[str] = []
    start = 0
    for match in re.finditer(rf"[.!?](?=\s*[{_UPPER}])", line):
        end = match.end()
        token = re.findall(r"[\w.]+$", line[start:match.start()])
        word = token[0] if token else ""
        # "5. Komunitní plán", "II. Podpora", "reg. č." do not end a sentence; "… 2013.Projekt" does.
        if not word or word.isdigit() and len(word) <= 3 or _ROMAN_RE.match(word) \
                or word.lower() in ABBREVIATIONS or len(word) == 1:
            continue
        found.append(line[start:end].strip())
        start = end
    rest = line[start:].strip()
    if rest:
        found.append(rest)
    return found


def strip_item_period(item: str) -> str:
    """A list item without the period closing it (one ending an abbreviation such as "atd." stays)."""
    item = item.strip()
    if item.endswith(".") and not item.endswith(".."):
        word = re.findall(r"[\w]+(?=\.$)", item)
        if not word or word[0].lower() not in ABBREVIATIONS:
            return item[:-1].rstrip()
    return item
