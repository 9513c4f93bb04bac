"""What the property tests look for in a page: live script from a payload, and the message at
the field. Parsed with the standard library's html.parser, as a browser would tokenise it.

The house pages carry no inline script, no event-handler attribute and no javascript: link
(the Content Security Policy forbids them), so any such thing in a page came from a payload."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}

PROPERTY_SETTINGS = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large],
)  # fmt: skip

# All of Unicode but the surrogates (no UTF-8 for them: a browser cannot send one), NUL included.
TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=300)

MEGABYTE = ("Safe and orderly migration. " * 40_000)[:1_000_000]
SQL = "' OR 1=1; DROP TABLE reviews_voluntaryreview; --"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = '[click me](javascript:alert(1)) and <a href="javascript:alert(1)">there</a>'
BIDI = "\u202eevil\u202c \u2066isolate\u2069 \u200fRTL \u061c"
NUL = "Added\x00 in paragraph 3."
PAYLOADS = [SQL, SCRIPT, IMG, JS_LINK, BIDI, NUL]
INVALID_UTF8 = b"\xff\xfe\xc3\x28"


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    text: list = field(default_factory=list)

    def all_text(self) -> str:
        return "".join(
            part if isinstance(part, str) else part.all_text() for part in self.text
        ).strip()


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.elements: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        self.stack[-1].text.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].text.append(data)


def parse(html: str) -> list[Element]:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.elements


def _scheme(url: str) -> str:
    # A browser drops whitespace and control characters inside the scheme ("java\tscript:").
    squeezed = "".join(ch for ch in url if ch > " ").lower()
    return squeezed.partition(":")[0] if ":" in squeezed else ""


def live_script(html: str) -> list[str]:
    """Every piece of the page that would run script: an inline or foreign <script>, an
    event-handler attribute, a javascript:/vbscript:/data: URL in a link or source."""
    found = []
    for element in parse(html):
        if element.tag == "script":
            source = element.attrs.get("src", "")
            if not source.startswith("/static/"):
                found.append(f"<script src={source!r}>{element.all_text()[:60]}")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"<{element.tag} {name}={value[:60]!r}>")
            scheme = _scheme(value) if name in URL_ATTRIBUTES else ""
            if scheme in {"javascript", "vbscript"} or (scheme == "data" and element.tag != "img"):
                found.append(f"<{element.tag} {name}={value[:60]!r}>")
        if element.tag in {"iframe", "object", "embed", "base"}:
            found.append(f"<{element.tag}>")
    return found


def assert_inert(response):
    """The page was shown (not a redirect nor a refusal, which would show nothing of the
    payload) and nothing in it runs script."""
    assert response.status_code in (200, 400), response.status_code
    html = response.content.decode()
    assert live_script(html) == []


def field_errors(html: str) -> dict[str, list[str]]:
    """The messages at each field: {field name: [message, ...]}, the field naming its message
    container in aria-describedby, the container marked as an error (invalid-feedback or
    errorlist)."""
    elements = parse(html)
    by_id = {e.attrs["id"]: e for e in elements if "id" in e.attrs}
    errors: dict[str, list[str]] = {}
    for element in elements:
        if element.tag not in {"input", "textarea", "select"}:
            continue
        for ref in element.attrs.get("aria-describedby", "").split():
            box = by_id.get(ref)
            classes = set(box.attrs.get("class", "").split()) if box else set()
            if box is not None and classes & {"invalid-feedback", "errorlist"}:
                key = element.attrs.get("name", element.attrs.get("id", "?"))
                messages = [c.all_text() for c in box.children if c.tag in {"p", "li"}]
                errors.setdefault(key, []).extend(messages or [box.all_text()])
    return errors


def field_value(html: str, name: str) -> str | None:
    """What the form shows in the field with this name (a textarea's text, an input's value)."""
    for element in parse(html):
        if element.attrs.get("name") == name and element.tag in {"input", "textarea"}:
            if element.tag == "textarea":
                text = "".join(t for t in element.text if isinstance(t, str))
                return text[1:] if text.startswith("\n") else text
            return element.attrs.get("value", "")
    return None


def lines(text: str | None) -> str | None:
    """Text with its line ends as a browser sends them back (CR LF and CR become LF)."""
    return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n")


def answered_well(response, field_name: str, typed: str | None = None, *, also=()) -> bool:
    """The property of every form: never a 5xx; either accepted (2xx/3xx, returns True) or
    refused with a message at the field (400, or 200 with the field's error), the typed text
    kept when given. `also`: other fields the text was typed into, whose message may be the
    one shown instead. Returns whether it was accepted."""
    assert response.status_code < 500, response.status_code
    html = response.content.decode() if response.status_code not in (301, 302, 303) else ""
    errors = field_errors(html) if html else {}
    if response.status_code in (301, 302, 303) or (response.status_code == 200 and not errors):
        return True
    assert response.status_code in (200, 400), response.status_code
    fields = {field_name, *also}
    assert errors and set(errors) <= fields, (fields, errors)
    assert all(all(messages) for messages in errors.values()), errors
    if typed is not None and "\x00" not in typed:
        assert (lines(field_value(html, field_name)) or "").strip() == lines(typed).strip()
    return False
