"""HTML fragments to plain text: block elements become paragraph breaks, whitespace is tidied."""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "pre")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment or document, one paragraph per block element."""
    if "<" not in markup:
        return tidy(html.unescape(markup))
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return tidy(html.unescape(re.sub(r"<[^>]+>", " ", markup)))
    return element_text(root)


def element_text(root: lxml_html.HtmlElement) -> str:
    """The text of a parsed element, without scripts and styles."""
    for junk in root.xpath(".//script|.//style|.//noscript"):
        junk.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
        block.text = "\n\n" + (block.text or "")
    return tidy(root.text_content())


def tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
