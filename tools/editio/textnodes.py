"""Rewrite the text nodes of a TEI tree, wrapping matches in new elements without breaking markup.

`rewrite(el, split, skip)` walks `el` in document order; for every text node (an element's text
or a child's tail) that is not inside a skipped element it calls `split(text, line, ancestors)`,
which returns None (leave the text) or a list [str, Element, str, Element, ..., str].
"""

from __future__ import annotations

from typing import Callable

from lxml import etree

Split = Callable[[str, int | None, tuple[str, ...]], list | None]


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def rewrite(el, split: Split, skip: set[str], on_skip: Callable | None = None,
            ancestors: tuple[str, ...] = ()) -> None:
    ancestors = ancestors + (local(el),)
    if el.text:
        pieces = split(el.text, el.sourceline, ancestors)
        if pieces:
            el.text = pieces[0]
            for i, (node, tail) in enumerate(zip(pieces[1::2], pieces[2::2])):
                node.tail = tail
                el.insert(i, node)
    for child in list(el):
        name = local(child)
        if name in skip:
            if on_skip:
                on_skip(child)
        elif name:
            rewrite(child, split, skip, on_skip, ancestors)
        if child.tail:
            pieces = split(child.tail, child.sourceline, ancestors)
            if pieces:
                child.tail = pieces[0]
                anchor = child
                for node, tail in zip(pieces[1::2], pieces[2::2]):
                    node.tail = tail
                    anchor.addnext(node)
                    anchor = node
