"""The text a person reads on a page, taken from its HTML the way a browser shows it.

Left out: what is never shown (script, style, template, head except the title, elements marked
`hidden` or `aria-hidden="true"`, hidden inputs) and what only the machine reads (option values,
input values other than buttons', the values of date inputs that the browser shows in the
reader's own format). Kept: text, option labels, textarea contents, and the words shown or read
aloud from attributes (title, alt, placeholder, aria-label, button values).
"""

from html.parser import HTMLParser

SKIPPED = {"script", "style", "template"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Literal values a person types (column names of an import file): text of no language, "zxx".
LITERAL = {"code", "kbd", "samp"}
READ_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")
BUTTON_INPUTS = {"submit", "button", "reset"}


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # (tag, hides its contents, language of its contents when it says so)
        self.stack: list[tuple[str, bool, str | None]] = []
        self.pieces: list[tuple[str, str | None]] = []
        self.in_head = False
        self.in_title = False

    @property
    def hidden(self) -> bool:
        return any(hides for _tag, hides, _lang in self.stack)

    @property
    def lang(self) -> str | None:
        return next((lang for _tag, _hides, lang in reversed(self.stack) if lang), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "title":
            self.in_title = True
        hides = (
            tag in SKIPPED
            or "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
            or (tag == "input" and attributes.get("type") == "hidden")
        )
        lang = attributes.get("lang") or self.lang
        if not (self.hidden or hides or (self.in_head and not self.in_title)):
            for name in READ_ATTRIBUTES:
                if attributes.get(name):
                    self.pieces.append((attributes[name], lang))
            if tag == "input" and attributes.get("type") in BUTTON_INPUTS:
                self.pieces.append((attributes.get("value") or "", lang))
        if tag not in VOID and tag != "html":
            lang = attributes.get("lang") or ("zxx" if tag in LITERAL else None)
            self.stack.append((tag, hides, lang))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "title":
            self.in_title = False
        if tag in VOID:
            return
        # Close up to the matching open tag (HTML lets some end tags be left out).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self.hidden or (self.in_head and not self.in_title):
            return
        if data.strip():
            self.pieces.append((data, self.lang))


def visible_text(html: str) -> list[tuple[str, str | None]]:
    """The pieces of text a reader meets on the page, in order, whitespace folded, each with
    the language its element declares (`lang`, as for "English" in the language switch on a
    Dutch page), or None for the page's own language."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return [(" ".join(text.split()), lang) for text, lang in parser.pieces if text.strip()]
