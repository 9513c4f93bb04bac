"""The small safe Markdown subset of review texts: paragraphs, lists, emphasis, quotes, bare
links, simple tables and headings. Raw HTML is never interpreted, and the output is sanitised
again with nh3 (ammonia) so that nothing a user typed can run in a reader's browser.
"""

import nh3
from markdown_it import MarkdownIt

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    .enable(["table", "linkify"])
    .disable(["image"])
)

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


def render_markdown(text: str) -> str:
    html = _md.render(text or "")
    for old, new in _HEADING_SHIFT:
        html = html.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
