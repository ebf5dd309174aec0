"""Tag persons, places and organisations in a TEI tree with @ref into the register.

A reference by office ("the President", "the Marshal") is `<rs type="person" ref="…">`, not a
personal name; a title in apposition to a name ("The American Ambassador, Mr. Harriman") is one
`persName` with the office as `roleName` inside it.  A name stays whole across editorial markup: an
emendation or a variant inside a name (Marshal[l] Stalin, General Beane/Deane) goes inside the name
element (`wrap_editorial`, the default).

All name forms of the register (variants, initialled forms, title + name, references by office)
are compiled once into a single trie-shaped regular expression, so a text node is scanned once
whatever the size of the register.  Tagging happens inside text nodes only: existing markup
(del, add, sic, choice, app/rdg, lb, pb, note) is never broken, a name inside a rdg stays inside
it, text already inside a name or a date is left alone, and so running twice changes nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic
from .. import names, register
from ..enrich import Context
from ..textnodes import rewrite
from ..register import Office, Register
from ..xmlio import NSMAP, tei

NAME_TAGS = {"persName", "placeName", "orgName", "geogName", "name", "rs"}
# Subtrees whose text is not tagged (names, dates, identifiers, pointers, editorial gaps).
# occupation is left alone: it describes the person it belongs to (and the edition's schema
# keeps it plain text).
SKIP_TAGS = NAME_TAGS | {"date", "time", "idno", "ref", "ptr", "gap", "desc", "occupation"}
# Editorial elements that, when they hold exactly one name, go inside the name element.
WRAPPABLE = {"sic", "corr", "reg", "orig", "choice", "abbr", "expan", "hi", "unclear", "supplied"}
# Between an office and the name it stands in apposition to: "The Ambassador, Mr. Harriman",
# "The Ambassador in the Soviet Union (Harriman)".
APPOSITION = re.compile(r"^\s*(?:,|\()\s*$")
# Inside these an office form describes the role ("Secretary to Mr. Molotov"), not a person.
ROLE_TAGS = {"occupation", "roleName"}
HEADER_PARTS = ("tei:profileDesc/tei:particDesc", "tei:profileDesc/tei:correspDesc",
                "tei:profileDesc/tei:creation")
DEFAULT_REF = "register/register.xml"


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    office: Office | None = None
    article: int = 0              # characters of a leading article to leave outside the tag


def trie_pattern(words) -> str:
    """One regex alternation shaped as a trie: shared prefixes are matched once, longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


class Lexicon:
    """Every surface form -> the register entries it may name."""

    def __init__(self, reg: Register, data: names.NameData):
        self.register = reg
        self.data = data
        self.table: dict[str, list[Candidate]] = {}
        for form, entry_id, office in reg.forms():
            entry = reg[entry_id]
            article = self._article(form)
            if office is not None:
                self._add_office(form, Candidate(entry_id, office, article))
                continue
            for surface in self._cased(form):
                self._add(surface, Candidate(entry_id, None, article))
            if entry.kind == "person":
                bases = {form} | ({entry.surname} if entry.surname else set())
                for title in data.titles:
                    for base in bases:
                        for t in {title, title.lower()}:
                            for surface in self._cased(f"{t} {base}"):
                                self._add(surface, Candidate(entry_id))
        self.pattern = re.compile(r"(?<!\w)(?:" + trie_pattern(self.table) + r")(?!\w)")

    def _article(self, form: str) -> int:
        head = form.split(" ", 1)[0]
        return len(head) + 1 if " " in form and head.lower() in self.data.articles else 0

    @staticmethod
    def _cased(form: str) -> set[str]:
        return {form, form.upper()}

    def _add_office(self, form: str, cand: Candidate) -> None:
        art, rest = form[:cand.article], form[cand.article:]
        words = rest.split(" ")
        spellings = {""}
        for i, word in enumerate(words):     # every word as written or in lower case
            spellings = {f"{s} {w}".lstrip() for s in spellings for w in (word, word.lower())}
        for a in {art, art.capitalize()}:
            for r in spellings:
                self._add(a + r, cand)
        self._add(form.upper(), cand)

    def _add(self, surface: str, cand: Candidate) -> None:
        bucket = self.table.setdefault(surface, [])
        if cand not in bucket:
            bucket.append(cand)

    def is_office(self, surface: str) -> bool:
        return any(c.office is not None for c in self.table.get(surface, ()))

    def element(self, entry_id: str) -> str:
        entry = self.register[entry_id]
        if entry.kind == "place":
            return self.data.place_element(entry.type)
        return register.KINDS[entry.kind]

    def resolve(self, surface: str, date: str | None):
        """(entry ids, cert or None, article length, why) for one surface form in a document of `date`."""
        cands = self.table.get(surface, [])
        plain = sorted({c.entry_id for c in cands if c.office is None})
        offices = [c for c in cands if c.office is not None]
        article = max((c.article for c in cands), default=0)
        if plain:
            return plain, ("low" if len(plain) > 1 else None), article, "several entries share this form"
        holders = sorted({c.entry_id for c in offices if c.office.holds_on(date)})
        if date is None:
            return [], None, article, "office without a document date"
        if not holders:
            return [], None, article, f"no register entry holds this office on {date}"
        if len(holders) > 1:
            return holders, "low", article, f"several holders of this office on {date}"
        boundary = any(c.office.on_boundary(date) for c in offices if c.entry_id == holders[0])
        return holders, ("medium" if boundary else None), article, (
            f"office taken or left on {date}" if boundary else "")


@lru_cache(maxsize=4)
def lexicon(register_path: Path, names_path: Path | None = None) -> Lexicon:
    return Lexicon(register.load(register_path), names.load(names_path))


class Tagger:
    def __init__(self, lex: Lexicon, date: str | None, ref_prefix: str = DEFAULT_REF,
                 source: str = "<tree>", report: list[str] | None = None):
        self.lex, self.date, self.prefix, self.source = lex, date, ref_prefix, source
        self.report = report if report is not None else []
        self.count = 0

    def ref(self, ids) -> str:
        return " ".join(f"{self.prefix}#{i}" for i in ids)

    def note(self, line, surface, ids, why) -> None:
        who = ", ".join(ids) if ids else "nothing"
        self.report.append(Diagnostic(self.source, line or 0, "tagger-resolution", f"'{surface}' -> {who}: {why}",
                                      severity="info"))

    # existing name elements (converter's participants, senders, datelines) ---------------
    def resolve_element(self, el) -> None:
        if el.get("ref") or etree.QName(el).localname not in NAME_TAGS - {"name", "rs"}:
            return
        text = re.sub(r"\s+", " ", "".join(el.itertext())).strip().rstrip(".,;:")
        text = re.sub(r"['’]s$", "", text)
        ids, cert, _, why = self.lex.resolve(text, self.date)
        if not ids:
            m = self.lex.pattern.fullmatch(text)
            ids, cert, _, why = self.lex.resolve(m.group(0), self.date) if m else ([], None, 0, "")
        if ids:
            el.set("ref", self.ref(ids))
            if cert:
                el.set("cert", cert)
                self.note(el.sourceline, text, ids, why)
            if etree.QName(el).localname == "persName" and self._by_office(text):
                el.tag = tei("rs")          # "THE PRESIDENT" of a cable's address: an office, not a name
                el.set("type", "person")
            self.count += 1
        else:
            self.note(el.sourceline, text, [], why or "name element not in the register")

    def _by_office(self, text: str) -> bool:
        """The form names its entry only as an office ("the President"), not as a name."""
        m = self.lex.pattern.fullmatch(text)
        surface = m.group(0) if m else text
        cands = self.lex.table.get(surface, [])
        return bool(cands) and all(c.office is not None for c in cands)

    # running text ----------------------------------------------------------------------
    def split(self, text: str, line, in_role: bool = False):
        """Yield str pieces and new name elements for one text node."""
        pos, out = 0, []
        for m in self.lex.pattern.finditer(text):
            if in_role and self.lex.is_office(m.group(0)):
                continue
            ids, cert, article, why = self.lex.resolve(m.group(0), self.date)
            if not ids:
                if why and not why.startswith("no register entry holds"):
                    self.note(line, m.group(0), ids, why)
                continue
            start = m.start() + article
            out.append(text[pos:start])
            el = self.name_element(m.group(0), ids)
            el.set("ref", self.ref(ids))
            if cert:
                el.set("cert", cert)
                self.note(line, m.group(0), ids, why)
            el.text = text[start:m.end()]
            out.append(el)
            pos = m.end()
            self.count += 1
        if not out:
            return None
        out.append(text[pos:])
        return out

    def name_element(self, surface: str, ids) -> etree._Element:
        """persName/placeName/… for a name; rs type="person" for a reference by office."""
        if all(c.office is not None for c in self.lex.table.get(surface, ())) and self.lex.table.get(surface):
            return etree.Element(tei("rs"), {"type": "person"}, nsmap=None)
        return etree.Element(tei(self.lex.element(ids[0])), nsmap=None)

    def tag_text(self, el) -> None:
        rewrite(el, lambda text, line, ancestors: self.split(text, line, bool(ROLE_TAGS & set(ancestors))),
                SKIP_TAGS, self.resolve_element)

    def wrap_editorial(self, root) -> None:
        """A sic/corr/choice/... that holds exactly one name goes inside the name element
        (<persName><sic>Burros</sic></persName>), so the name is whole and the editorial
        observation stays as it was."""
        for el in list(root.iter(*(tei(t) for t in WRAPPABLE))):
            parent = el.getparent()
            if parent is None or any(etree.QName(a).localname in SKIP_TAGS | WRAPPABLE
                                     for a in el.iterancestors() if isinstance(a.tag, str)):
                continue
            reading = el
            if etree.QName(el).localname == "choice":
                reading = next(iter(el.xpath("tei:corr|tei:reg|tei:expan", namespaces=NSMAP)), el)
            if any(etree.QName(c).localname in NAME_TAGS for c in el.iter() if isinstance(c.tag, str)):
                continue
            text = " ".join("".join(reading.itertext()).split())
            if not text or not self.lex.pattern.fullmatch(text):
                continue
            ids, cert, article, why = self.lex.resolve(text, self.date)
            if not ids or article:
                continue
            name = self.name_element(text, ids)
            name.set("ref", self.ref(ids))
            if cert:
                name.set("cert", cert)
                self.note(el.sourceline, text, ids, why)
            el.addprevious(name)
            name.tail, el.tail = el.tail, None
            name.append(el)
            self.count += 1

    def extend_over_emendations(self, root) -> None:
        """Take an emended word before a name into it when together they are one form of the
        same entry: <choice><sic>Marshall</sic><corr>Marshal</corr></choice> <persName>Stalin</persName>
        becomes one persName, as do "Mr. V. <choice>…M.</choice> Molotov"."""
        for name in list(root.iter(*(tei(t) for t in ("persName", "placeName", "orgName", "geogName")))):
            while self._extend(name):
                pass

    def _extend(self, name) -> bool:
        prev = name.getprevious()
        if prev is None or not isinstance(prev.tag, str) or etree.QName(prev).localname not in WRAPPABLE \
                or (prev.tail or "").strip() or not prev.tail:
            return False
        reading = prev
        if etree.QName(prev).localname == "choice":
            reading = next(iter(prev.xpath("tei:corr|tei:reg|tei:expan", namespaces=NSMAP)), prev)
        core = "".join(reading.itertext()) + " " + " ".join("".join(name.itertext()).split())
        before_el = prev.getprevious()
        before = (before_el.tail if before_el is not None else prev.getparent().text) or ""
        words = re.findall(r"\S+\s+", before[-60:]) if before.endswith((" ", "\n")) else []
        target = name.get("ref")
        for k in range(min(4, len(words)), -1, -1):
            lead = "".join(words[len(words) - k:])
            ids, cert, article, _ = self.lex.resolve(" ".join((lead + core).split()), self.date)
            if ids and not article and self.ref(ids) == target:
                cut = len(before) - len(lead)
                if before_el is not None:
                    before_el.tail = before[:cut]
                else:
                    prev.getparent().text = before[:cut]
                prev.tail = prev.tail + (name.text or "")
                name.text = lead
                name.insert(0, prev)
                return True
        return False

    def names_over_readings(self, root) -> None:
        """An app whose every reading is one name of the same entry ("General <app><lem>Deane</lem>
        <rdg>Beane</rdg></app>") becomes one name around the app, with the title before it."""
        for app in list(root.iter(tei("app"))):
            readings = [r for r in app if isinstance(r.tag, str) and etree.QName(r).localname in ("lem", "rdg")]
            names = []
            for rdg in readings:
                kids = [c for c in rdg if isinstance(c.tag, str)]
                if (len(kids) != 1 or etree.QName(kids[0]).localname not in NAME_TAGS
                        or (rdg.text or "").strip() or (kids[0].tail or "").strip()):
                    names = []
                    break
                names.append(kids[0])
            if not names or len({n.get("ref") for n in names}) != 1 or len({n.tag for n in names}) != 1:
                continue
            outer = etree.Element(names[0].tag, {k: v for k, v in names[0].attrib.items()})
            for inner in names:
                _unwrap(inner)
            app.addprevious(outer)
            outer.tail, app.tail = app.tail, None
            outer.append(app)
            lem = next((r for r in readings if etree.QName(r).localname == "lem"), readings[0])
            self._take_title(outer, " ".join("".join(lem.itertext()).split()))
            self.count += 1

    def _take_title(self, name, core: str) -> None:
        """Words before `name` that, with it, are one form of the same entry ("General" + Deane)."""
        prev = name.getprevious()
        before = (prev.tail if prev is not None else name.getparent().text) or ""
        words = re.findall(r"\S+\s+", before[-60:]) if before.endswith((" ", "\n")) else []
        for k in range(min(4, len(words)), 0, -1):
            lead = "".join(words[len(words) - k:])
            ids, _, article, _ = self.lex.resolve(" ".join((lead + core).split()), self.date)
            if ids and not article and self.ref(ids) == name.get("ref"):
                cut = len(before) - len(lead)
                if prev is not None:
                    prev.tail = before[:cut]
                else:
                    name.getparent().text = before[:cut]
                name.text = lead + (name.text or "")
                return

    def appositions(self, root) -> None:
        """<rs type="person" ref="#x">Ambassador</rs>, <persName ref="#x">Mr. Harriman</persName> ->
        one persName with the office as roleName (and the article before it) inside."""
        for rs in list(root.iter(tei("rs"))):
            name = rs.getnext()
            if (name is None or name.tag != tei("persName") or name.get("ref") != rs.get("ref")
                    or not APPOSITION.match(rs.tail or "")):
                continue
            paren = "(" in rs.tail
            if paren and not (name.tail or "").lstrip().startswith(")"):
                continue
            prev = rs.getprevious()
            before = (prev.tail if prev is not None else rs.getparent().text) or ""
            article = re.search(r"(?:^|\s)((?:the|The|THE)\s+)$", before)
            person = etree.Element(tei("persName"), ref=rs.get("ref"))
            if rs.get("cert"):
                person.set("cert", rs.get("cert"))
            if article:
                cut = len(before) - len(article.group(1))
                if prev is not None:
                    prev.tail = before[:cut]
                else:
                    rs.getparent().text = before[:cut]
                person.text = article.group(1)
            rs.addprevious(person)
            role = rs
            person.append(role)
            role.tag = tei("roleName")
            for attr in ("type", "ref", "cert"):
                role.attrib.pop(attr, None)
            role.tail = role.tail or ""
            # the name's content after the separator, then the closing bracket
            role.tail += name.text or ""
            for child in list(name):
                person.append(child)
            tail = name.tail or ""
            if paren:
                close = tail.index(")") + 1
                last = person[-1] if len(person) > 1 else None
                if last is not None and last is not role:
                    last.tail = (last.tail or "") + tail[:close]
                else:
                    role.tail += tail[:close]
                tail = tail[close:]
            person.tail = tail
            name.getparent().remove(name)
            self.count -= 1

    def tag_tree(self, tree) -> int:
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        parts = [el for part in HEADER_PARTS for el in root.iterfind(f"tei:teiHeader/{part}", NSMAP)]
        parts += root.findall("tei:text", NSMAP) if root.tag == tei("TEI") else [root]  # or a fragment
        wrap = self.lex.data.wrap_editorial
        for part in parts:
            if wrap:
                self.wrap_editorial(part)
            self.tag_text(part)
            if wrap:
                self.extend_over_emendations(part)
                self.names_over_readings(part)
            self.appositions(part)
        self.leave_editors_notes(root)
        return self.count

    def leave_editors_notes(self, root) -> None:
        """The editors' notes (an app's note on the lemma) are not the document's mentions."""
        for note in root.iterfind(".//tei:text//tei:note[@type='editorial']", NSMAP):
            for name in list(note.iter(*(tei(t) for t in NAME_TAGS))):
                _unwrap(name)
                self.count -= 1


def _unwrap(el) -> None:
    """Replace `el` by its content."""
    parent, prev = el.getparent(), el.getprevious()
    text, tail = el.text or "", el.tail or ""
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    index = parent.index(el)
    kids = list(el)
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)
    if kids:
        kids[-1].tail = (kids[-1].tail or "") + tail
    elif prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def ref_prefix_for(doc_path: Path | None, register_path: Path) -> str:
    """@ref prefix from a document to the register: register/register.xml for tei/*.xml."""
    if doc_path is None:
        return DEFAULT_REF
    return Path(os.path.relpath(register_path.resolve(), doc_path.resolve().parent)).as_posix()


def tag(tree, ctx: Context) -> int:
    """Tag names in tree with the register the context names; without one, warn and tag nothing."""
    if ctx.register_path is None:
        ctx.report.append(Diagnostic(ctx.source, 0, "tagger-no-register",
                                     "no register: names are not tagged",
                                     hint="name one with --register, or [edition] register in edition.toml"))
        return 0
    reg_path = Path(ctx.register_path)
    if not reg_path.is_absolute():
        reg_path = Path(ctx.base_dir) / reg_path
    prefix = ctx.settings.get("register_ref") or DEFAULT_REF
    names_path = ctx.names_path or ctx.settings.get("names_data")
    lex = lexicon(reg_path.resolve(), Path(names_path).resolve() if names_path else None)
    return Tagger(lex, ctx.document_date, prefix, ctx.source, ctx.report).tag_tree(tree)


class TaggerTransform:
    """Enrichment transform: persName/placeName/orgName/geogName with @ref into the register."""

    name = "tagger"
    priority = 300

    def apply(self, tree, ctx: Context) -> None:
        tag(tree, ctx)


def document_date(root) -> str | None:
    """The day a document was written, for offices and relative dates: its record's date when that
    is a day, else a full date written in the header, else the date in its file number."""
    from .dates import PATTERN, _groups, file_number_date, normalise
    from ..records import document_date as record_date
    info = record_date(root)
    if len(info.when) == 10:
        return info.when
    el = root.find("tei:text//tei:date[@when]", NSMAP)
    if el is not None and len(el.get("when")) == 10:
        return el.get("when")
    for el in root.iterfind("tei:teiHeader/tei:profileDesc//tei:date", NSMAP):
        m = PATTERN.fullmatch(" ".join("".join(el.itertext()).split()))
        if m and m.lastgroup == "full":
            return normalise(*_groups(m), None)[0].get("when")
    for el in root.iterfind("tei:teiHeader//tei:idno[@type='file']", NSMAP):
        when = file_number_date(el.text or "")
        if when:
            return when
    return None


def tag_file(path: Path, register_path: Path | None, date: str | None = None, out: Path | None = None,
             dates: bool = True, names_path: Path | None = None) -> dict:
    """Tag one TEI file; returns what changed and the new bytes (the caller writes them)."""
    from datetime import date as _date
    from .dates import DateTagger
    from ..errors import InputError
    from ..xmlio import parse, serialize
    tree = parse(path)
    before = serialize(tree)
    root = tree.getroot()
    doc_date = date or document_date(root)
    if doc_date:
        try:
            _date.fromisoformat(doc_date)
        except ValueError:
            raise InputError(f"--date {doc_date!r} is not an ISO date (YYYY-MM-DD)") from None
    target = (Path(out) / Path(path).name) if out else Path(path)
    report: list = []
    count = 0
    if register_path is not None:
        reg_path = Path(register_path).resolve()
        tagger = Tagger(lexicon(reg_path, Path(names_path).resolve() if names_path else None), doc_date,
                        ref_prefix_for(target, reg_path), str(path), report)
        count = tagger.tag_tree(tree)
    ndates = DateTagger(doc_date, report, str(path)).tag_tree(tree) if dates else 0
    after = serialize(tree)
    return {"file": str(path), "output": str(target), "date": doc_date, "names": count, "dates": ndates,
            "changed": after != before, "report": report, "data": after}
