"""What reledmac refuses or mangles: words, notes, page breaks or line breaks between numbered
paragraphs.  Inside \\beginnumbering … \\endnumbering every word belongs to a \\pstart … \\pend
paragraph or a \\stanza … \\& stanza; only commands that set the count (\\setline{n}) stand between.
A footnote or a page break there stops XeLaTeX ("\\edtext outside numbered paragraph"); a word there
is typeset without a line number.  A paragraph or stanza opened inside another stops XeLaTeX too.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"%[^\n]*|\\pstart\b|\\pend\b|\\stanza\b|\\&|\\[A-Za-z@]+|\\.|[{}]|[^\\%{}\s]+|\s+")
_SECTION = re.compile(r"\\beginnumbering(.*?)\\endnumbering", re.S)
_BETWEEN = {"\\setline"}  # with their braced argument


def outside_paragraphs(tex: str) -> list[tuple[int, str]]:
    """(line of the .tex, token) of everything inside a numbered section but outside its paragraphs,
    and of every paragraph or stanza opened inside another."""
    found = []
    for section in _SECTION.finditer(tex):
        depth, stanza, skipping, braces = 0, False, False, 0
        line = tex.count("\n", 0, section.start(1)) + 1
        for match in _TOKEN.finditer(section.group(1)):
            token = match.group(0)
            if token.startswith("%") or token.isspace():
                line += token.count("\n")
            elif skipping:
                braces += (token == "{") - (token == "}")
                skipping = braces > 0
            elif token == "\\pstart":
                if depth or stanza:  # reledmac: "\pstart encountered while another \pstart was in effect"
                    found.append((line, token))
                depth += 1
            elif token == "\\pend":
                depth -= 1
            elif token == "\\stanza":
                if depth:
                    found.append((line, token))
                stanza = True
            elif token == "\\&":
                stanza = False
            elif depth == 0 and not stanza:
                if token in _BETWEEN:
                    skipping, braces = True, 0
                else:
                    found.append((line, token))
    return found
