"""From the paragraphs of a document's text to blocks: the structure shared by every source family.

A memorandum or telegram of the period has an opener (docket marks, classification, heading,
dateline), a "Present:" list, a "Subject:" line, paragraphs interrupted by page breaks, stamps and
archive footers, and a closer (initials, signature, distribution).  Each reader isolates the text
from the page furniture and hands its paragraphs here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Block, Header, Inline, Mark, Participant
from .document_date import find_date
from .marks import parse_inlines, plain, strip_markup

CLASSIFICATIONS = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "RESTRICTED")
BOX_MARK = "□"
PAGE_NUMBER = re.compile(r"^-\s*(\d+)\s*-$")
INITIALS = re.compile(r"^[A-Z]{1,4}\s?:\s?[a-z]{1,4}$")            # EP:nn  (drafter:typist)
SIGNED_INITIALS = re.compile(r"^[A-Z]{2,4}$")                       # WAH, LAX
DISTRIBUTION = re.compile(r"^(Copy|Copies) to\b")
FOOTER = re.compile(r"^(Reproduced from|Courtesy of)\b")
STAMP = re.compile(r"\b(Declassif|EO \d{4,5}|E\.O\. \d{4,5}|NND \d+|Retain class)", re.IGNORECASE)
HANDWRITTEN = re.compile(r"^\*?\[Handwritten notes?\]\*?\s*(\n|$)", re.IGNORECASE)
NUMBERED_ITEM = re.compile(r"^\s*(\d+)\.\s+(.*)$")
STAR_NOTE = re.compile(r"^\*\s+(.*)$", re.DOTALL)
TERMINAL = ('.', '?', '!', '"', '”', "'", ')', ':', ';', '…')
ADDRESS = re.compile(r"^FROM\s+(?P<sender>.+?)\s+TO\s+(?P<to>.+)$", re.IGNORECASE)
TITLED = re.compile(r"^(Mr|Mrs|Dr|Marshal|General|Admiral|Major General|Generalissimo|Ambassador)\b\.?")


@dataclass
class BodyOptions:
    docket_lines: set[str] = field(default_factory=set)   # opener lines the editors call docket marks


def classification_of(text: str) -> tuple[str, str] | None:
    """'TOP SECRET Moscow' -> ('TOP SECRET', 'Moscow'); None when the line is not a classification."""
    clean = strip_markup(text)
    for level in CLASSIFICATIONS:
        if clean.upper() == level or clean.upper().startswith(level + " "):
            if clean[:len(level)] in (level, level.lower(), level.title()):
                return level, clean[len(level):].strip()
    return None


def parse_body(paragraphs: list[str], header: Header, options: BodyOptions | None = None) -> list[Block]:
    options = options or BodyOptions()
    blocks: list[Block] = []
    state = _State()
    for para in _split_labels(paragraphs):
        if para.strip():
            _dispatch(para.strip("\n"), blocks, header, options, state)
    return blocks


def _split_labels(paragraphs: list[str]) -> list[str]:
    """A "Subject:" or "Present:" line starts a paragraph of its own even without a blank line."""
    out = []
    for para in paragraphs:
        chunk: list[str] = []
        for line in para.split("\n"):
            if line.lstrip(BOX_MARK + " ").startswith(("Subject:", "Present:")) and chunk:
                out.append("\n".join(chunk))
                chunk = []
            chunk.append(line)
        out.append("\n".join(chunk))
    return out


@dataclass
class _State:
    in_opener: bool = True
    in_participants: bool = False
    box_marks: bool = False
    heads: int = 0
    dated: bool = False


def _dispatch(para: str, blocks: list[Block], header: Header, options: BodyOptions, state: _State) -> None:
    text = para.strip()
    flat = " ".join(line.strip() for line in text.split("\n"))
    boxed = text.startswith(BOX_MARK)
    if boxed:
        state.box_marks = True
        text = text[1:].lstrip()
        flat = flat[1:].lstrip()

    if state.in_participants and not flat.startswith("Subject:"):
        if _looks_like_participant(flat):
            for number, line in enumerate(text.split("\n")):
                line = line.strip()
                marked = (boxed and number == 0) or line.startswith(BOX_MARK)
                _add_participant(line.lstrip(BOX_MARK).strip(), blocks[-1], header, marked)
            return
        state.in_participants = False

    if flat.startswith("Present:"):
        state.in_opener = False
        state.in_participants = True
        block = Block("participants", parse_inlines("Present:"))
        blocks.append(block)
        lines = text[len("Present:"):].split("\n")
        for line in lines:
            if line.strip():
                _add_participant(line.strip().lstrip(BOX_MARK).strip(), block, header,
                                 line.strip().startswith(BOX_MARK))
        return
    if flat.startswith("Subject:"):
        state.in_opener = False
        subject = flat[len("Subject:"):].strip()
        header.subject = header.subject or subject.rstrip(".").strip('"“”')
        blocks.append(Block("subject", [Mark("label", ["Subject:"]), " "] + parse_inlines(subject)))
        return

    level = classification_of(flat)
    if level and len(flat) < 40:
        header.classification = header.classification or level[0]
        if "~~" in text:
            header.classification_struck = True
        # the typed classification line is part of the document (its opener), not page furniture
        blocks.append(Block("classification",
                            parse_inlines(text if not level[1] else text[:text.find(level[1])].rstrip())))
        if level[1]:
            header.place = header.place or level[1]
            blocks.append(Block("dateline", parse_inlines(level[1])))
        return

    address = ADDRESS.match(flat)
    if address and state.in_opener:
        header.sender = header.sender or address["sender"].strip()
        if not header.addressees:
            header.addressees = [a.strip() for a in re.split(r"\s+AND\s+", address["to"], flags=re.I)]
        blocks.append(Block("address", parse_inlines(text)))
        return

    if flat in options.docket_lines or (state.in_opener and _is_docket(flat, blocks)):
        blocks.append(Block("docket", parse_inlines(text)))
        return

    if PAGE_NUMBER.match(flat):
        blocks.append(Block("pb", [flat], attrs={"n": PAGE_NUMBER.match(flat)[1]}))
        return
    if HANDWRITTEN.match(text):
        lines = text.split("\n", 1)
        rest = lines[1] if len(lines) > 1 else ""
        blocks.append(Block("handwritten", parse_inlines(rest.strip()), attrs={"label": strip_markup(lines[0]).strip("*[]")}))
        return
    if FOOTER.match(flat):
        blocks.append(Block("fw", parse_inlines(text), attrs={"type": "footer"}))
        return
    if STAMP.search(flat) and "\n" in text:
        blocks.append(Block("stamp", parse_inlines(text), attrs={"type": "declassification"}))
        return
    if INITIALS.match(flat):
        blocks.append(Block("closer", [flat], attrs={"type": "initials"}))
        return
    if DISTRIBUTION.match(flat):
        blocks.append(Block("closer", parse_inlines(text), attrs={"type": "distribution"}))
        return
    if SIGNED_INITIALS.match(flat) and not state.in_opener:
        # bare initials (WAH, LAX): whose they are is the register's business, not a signature
        blocks.append(Block("closer", [flat], attrs={"type": "initials"}))
        return
    star = STAR_NOTE.match(text)
    if star and not state.in_opener:
        blocks.append(Block("note", parse_inlines(star[1]), attrs={"n": "*", "place": "foot"}))
        return
    item = NUMBERED_ITEM.match(text.split("\n")[0])
    if item and not state.in_opener:
        items = [parse_inlines(m[2]) for m in map(NUMBERED_ITEM.match, text.split("\n")) if m]
        numbers = [m[1] for m in map(NUMBERED_ITEM.match, text.split("\n")) if m]
        blocks.append(Block("list", items=items, attrs={"rend": "numbered", "numbers": " ".join(numbers)}))
        return

    # short lines before the text proper: headings and datelines
    if state.in_opener and (len(flat) < 40 or (len(flat) < 120 and not flat.endswith((".", ":")))):
        if _opener_line(text, flat, blocks, header, state):
            return

    # a paragraph of the text, or the continuation of one across a page break / blank line
    state.in_opener = False
    inlines = parse_inlines(text)
    previous = _last_paragraph(blocks)
    if previous is not None and _continues(previous, flat, boxed, state):
        _join(blocks, previous, inlines)
        return
    blocks.append(Block("p", inlines, attrs={"rend": "box-mark"} if boxed else {}))


def _opener_line(text: str, flat: str, blocks: list[Block], header: Header, state: _State) -> bool:
    found = find_date(flat)
    if found:
        when, match = found
        if not state.dated:
            state.dated = True
            header.date = header.date or when
            header.date_text = header.date_text or match.group(0)
        prefix = flat[:match.start()].strip().rstrip(",")
        prefix_inlines = parse_inlines(prefix)
        if plain(prefix_inlines).strip():
            # "Conversation ███ June 10, 1944": a heading with the dateline on the same line
            head_text, _, _ = text.partition(match.group(0))
            head = parse_inlines(head_text.rstrip())
            blocks.append(Block("head", _take_words(head)))
            rest = _after_words(head)
            date_line = text[text.find(match.group(0)):]
            blocks.append(Block("dateline", rest + parse_inlines(date_line), attrs={"when": when}))
        else:
            blocks.append(Block("dateline", parse_inlines(text), attrs={"when": when}))
        place = flat[match.end():].strip(" ,.\n")
        place = strip_markup(re.sub(r"█+", "", place)).strip()
        if place and not header.place:
            header.place = place
        return True
    blocks.append(Block("head", parse_inlines(text), attrs={"type": "sub"} if state.heads else {}))
    state.heads += 1
    return True


def _take_words(inlines: list[Inline]) -> list[Inline]:
    out = []
    for item in inlines:
        if isinstance(item, Mark) and item.kind == "gap":
            break
        out.append(item)
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return out


def _after_words(inlines: list[Inline]) -> list[Inline]:
    taken = len(_take_words(inlines))
    rest = inlines[taken:]
    return rest + [" "] if rest else []


def _is_docket(flat: str, blocks: list[Block]) -> bool:
    """Marks above the classification line: file numbers, archive stamps, filing notes."""
    if any(b.kind == "classification" for b in blocks):
        return False
    return bool(re.search(r"\d", flat)) and not find_date(flat)


def _looks_like_participant(flat: str) -> bool:
    return len(flat) < 90 and not flat.endswith(".") or bool(TITLED.match(flat))


def _add_participant(line: str, block: Block, header: Header, marked: bool = False) -> None:
    if not line:
        return
    if block.items:
        block.items[-1].append(Mark("lb"))
    if marked:     # the transcript's □ before this name (a rendition of the item)
        block.attrs["box_marked"] = f"{block.attrs.get('box_marked', '')} {len(block.items)}".strip()
    block.items.append(parse_inlines(line))
    name, role = line, ""
    if "," in line:
        first, second = (part.strip() for part in line.split(",", 1))
        if first.lower().startswith("the ") or not _is_name(first):
            name, role = second, first
        else:
            name, role = first, second
    header.participants.append(Participant(name=name, role=role))


def _is_name(text: str) -> bool:
    words = text.replace(".", ". ").split()
    return bool(words) and all(w[0].isupper() for w in words if w[0].isalpha())


def _last_paragraph(blocks: list[Block]) -> Block | None:
    """The last paragraph, looking back over page breaks, stamps, footers and handwritten notes."""
    for block in reversed(blocks):
        if block.kind == "p":
            return block
        if block.kind not in {"pb", "stamp", "handwritten", "fw"}:
            return None
    return None


def _continues(previous: Block, flat: str, boxed: bool, state: _State) -> bool:
    text = plain(previous.content).rstrip()
    if state.box_marks and not boxed:
        return True                               # □ opens every paragraph of such a transcript
    if state.box_marks:
        return False
    return not text.endswith(TERMINAL) or flat[:1].islower()


def _join(blocks: list[Block], previous: Block, inlines: list[Inline]) -> None:
    """Move the blocks that interrupt a paragraph (page break, stamp…) inside it, then continue it."""
    index = blocks.index(previous)
    between = blocks[index + 1:]
    del blocks[index + 1:]
    if not any(b.kind == "pb" for b in between):
        previous.content.append(Mark("pb", [], {"unnumbered": "yes"}))
    for block in between:
        previous.content.append(Mark("embed", block=block))
    previous.content.append(" " if not _ends_with_space(previous.content) else "")
    previous.content.extend(inlines)


def _ends_with_space(inlines: list[Inline]) -> bool:
    return bool(inlines) and isinstance(inlines[-1], str) and inlines[-1].endswith(" ")
