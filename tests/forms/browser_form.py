"""What a browser sends when a form on a rendered page is submitted, read from the HTML.

A small HTML form serialiser following the HTML standard's rules for building the entry list,
so that a test can submit a page exactly as a person would without touching a field:

- every control with a name inside the form, or outside it with `form="<the form's id>"`;
- disabled controls (and controls inside a disabled fieldset) are left out;
- a checkbox or radio button is sent only when checked, with its value or "on";
- a select sends its selected options; a single select with none selected sends its first
  option that is not disabled (what the browser shows);
- a textarea sends its text, without the one newline right after the start tag, and every
  line break as CR LF;
- buttons, file, image and reset inputs are left out, except the submitter: the form's first
  submit button (what pressing Enter or the save button sends), with its name and value.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

_SKIPPED_INPUTS = {"submit", "image", "reset", "button", "file"}


@dataclass
class Control:
    tag: str
    attrs: dict[str, str]
    form_id: str | None  # the form it belongs to (by our own numbering), None if none
    disabled: bool
    options: list[tuple[str, bool, bool]] = field(default_factory=list)  # value, selected, disabled
    text: str = ""

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")

    @property
    def type(self) -> str:
        if self.tag == "input":
            return self.attrs.get("type", "text").lower()
        if self.tag == "button":
            return self.attrs.get("type", "submit").lower()
        return self.tag


@dataclass
class Form:
    key: str
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)

    @property
    def method(self) -> str:
        return self.attrs.get("method", "get").lower()

    def action(self, page_url: str) -> str:
        """The path the form posts to (an empty or missing action is the page itself)."""
        return urlsplit(urljoin(page_url, self.attrs.get("action") or page_url)).path

    def entries(self) -> list[tuple[str, str]]:
        """The name/value pairs, in document order, that the browser sends."""
        pairs: list[tuple[str, str]] = []
        submitter = next(
            (c for c in self.controls if c.type in ("submit", "image") and not c.disabled), None
        )
        for control in self.controls:
            if control.disabled or not control.name:
                continue
            kind = control.type
            if kind in _SKIPPED_INPUTS:
                if control is submitter and kind == "submit":
                    pairs.append((control.name, control.attrs.get("value", "")))
                continue
            if kind in ("checkbox", "radio"):
                if "checked" in control.attrs:
                    pairs.append((control.name, control.attrs.get("value", "on")))
            elif kind == "select":
                pairs.extend((control.name, value) for value in _selected(control))
            elif kind == "textarea":
                pairs.append((control.name, _crlf(control.text)))
            else:
                pairs.append((control.name, control.attrs.get("value", "")))
        return pairs

    def data(self) -> dict[str, list[str]]:
        """The entries as the test client takes them (a list per name)."""
        data: dict[str, list[str]] = {}
        for name, value in self.entries():
            data.setdefault(name, []).append(value)
        return data


def _selected(select: Control) -> list[str]:
    chosen = [value for value, selected, _disabled in select.options if selected]
    if "multiple" in select.attrs:
        return chosen
    if chosen:
        return chosen[-1:]  # a single select keeps the last option marked selected
    first = next((value for value, _s, disabled in select.options if not disabled), None)
    return [] if first is None else [first]


def _crlf(text: str) -> str:
    return re.sub(r"\r\n|\r|\n", "\r\n", text)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.loose: list[tuple[str, Control]] = []  # controls with form="id" outside a form
        self.form: Form | None = None
        self.fieldsets: list[bool] = []  # disabled state of each open fieldset
        self.select: Control | None = None
        self.option: dict | None = None
        self.option_text = ""
        self.textarea: Control | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self.form = Form(key=str(len(self.forms)), attrs=attributes)
            self.forms.append(self.form)
        elif tag == "fieldset":
            self.fieldsets.append("disabled" in attributes)
        elif tag in ("input", "select", "textarea", "button"):
            control = Control(
                tag=tag,
                attrs=attributes,
                form_id=None,
                disabled="disabled" in attributes or any(self.fieldsets),
            )
            owner = attributes.get("form")
            if owner:
                self.loose.append((owner, control))
            elif self.form is not None:
                self.form.controls.append(control)
            if tag == "select":
                self.select = control
            elif tag == "textarea":
                self.textarea = control
        elif tag == "option" and self.select is not None:
            self._close_option()
            self.option, self.option_text = attributes, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "fieldset" and self.fieldsets:
            self.fieldsets.pop()
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea.text
            self.textarea.text = text[1:] if text.startswith("\n") else text
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.text += data
        elif self.option is not None:
            self.option_text += data

    def _close_option(self):
        if self.option is None or self.select is None:
            self.option = None
            return
        value = self.option.get("value")
        if value is None:
            value = " ".join(self.option_text.split())
        self.select.options.append((value, "selected" in self.option, "disabled" in self.option))
        self.option = None


def forms_on(html: str) -> list[Form]:
    """Every form of a page, with the controls that belong to it."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    by_id = {form.attrs.get("id"): form for form in parser.forms if form.attrs.get("id")}
    for owner, control in parser.loose:
        if owner in by_id:
            by_id[owner].controls.append(control)
    return parser.forms
