"""The small safe Markdown subset of review texts: paragraphs, lists, emphasis, quotes, bare
links, simple tables and headings. Raw HTML is never interpreted, and the output is sanitised
again with nh3 (ammonia) so that nothing a user typed can run in a reader's browser.

Links: only absolute `http(s)://host...` and `mailto:` links are links; any other (relative,
protocol-relative `//host/share`, `#anchor`, other schemes) is shown as its text, without `<a>`.
The same HTML goes into the PDF, where WeasyPrint resolves a relative link against its base
directory into a `file://` link. Images are not part of the subset (`![x](y)` reads "!x").
"""

import html
import re
from urllib.parse import urlsplit

import nh3
from django.utils.html import strip_tags
from markdown_it import MarkdownIt

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    .enable(["table", "linkify"])
    .disable(["image"])
)


def is_safe_link(url: str) -> bool:
    """An absolute web address with a host, or a mail address."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in {"http", "https"}:
        # "http:/x" or "https:\\x" have a scheme but no "//host": browsers and WeasyPrint
        # guess what they mean, so they are refused.
        return bool(parts.netloc) and url.strip().lower().startswith(f"{scheme}://")
    return scheme == "mailto" and bool(parts.path)


def _unlink_unsafe(state) -> None:
    """Core rule, after linkify: drop the `<a>` around a link whose address is not safe,
    keeping what it says."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept, dropped = [], []  # dropped: per open link, whether its `<a>` goes
        for token in block.children:
            if token.type == "link_open":
                dropped.append(not is_safe_link(str(token.attrGet("href") or "")))
                if dropped[-1]:
                    continue
            elif token.type == "link_close" and dropped and dropped.pop():
                continue
            kept.append(token)
        block.children = kept


_md.core.ruler.push("unlink_unsafe", _unlink_unsafe)

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "a", "code",
    "table", "thead", "tbody", "tr", "th", "td", "h3", "h4", "h5", "h6",
}  # fmt: skip
# Headings inside a review sit under the page's own h1/h2: shift them down two levels.
_HEADING_SHIFT = [
    ("h6", "h6"),
    ("h5", "h6"),
    ("h4", "h6"),
    ("h3", "h5"),
    ("h2", "h4"),
    ("h1", "h3"),
]


def parse(text: str) -> list:
    """The markdown-it tokens of a text, by the portal's own parser (its subset and its dropping
    of unsafe links): what the Word export writes and the import's canonical form reads."""
    return _md.parse(text or "")


def render_markdown(text: str) -> str:
    html = _md.render(text or "")
    for old, new in _HEADING_SHIFT:
        html = html.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}},
        url_schemes={"http", "https", "mailto"},
        url_relative="deny",  # a second guard behind `_unlink_unsafe`
        link_rel="nofollow noopener noreferrer",
    )


def html_text(rendered: str) -> str:
    """What a reader sees of sanitised HTML, without markup: a line per paragraph, list item,
    heading, row or quotation (what search indexes and the diff of published reviews read)."""
    rendered = re.sub(r"</(p|li|h\d|tr|blockquote)>", "\n", rendered)
    text = html.unescape(strip_tags(rendered))
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def plain_text(markdown_source: str) -> str:
    """What a reader sees of Markdown, without markup: indexed, and cut into search snippets."""
    return html_text(render_markdown(markdown_source))
