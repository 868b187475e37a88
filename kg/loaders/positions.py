"""Find where things are written in an RDF file: the ``file:line`` of each culprit of a refusal.

pyoxigraph parses Turtle, N-Triples and TriG quickly and strictly, but gives triples without
positions, and renames every blank node. When a load is refused (and only then), this module
scans the file again, a chunk at a time with bounded memory, to tell the data engineer the line
where a subject is described, where an IRI is first used, and where a blank node is written.
A blank node is recognised by a *signature*: facts about it whose other end is an IRI or a
literal. The files have already been parsed by pyoxigraph, so the scanner trusts their syntax
and is lenient: it never raises on valid Turtle, N-Triples or TriG (default graph content).
Not followed: RDF 1.2 syntax (``<<`` triple terms, ``{| |}`` annotations, base direction).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pyoxigraph
from pyoxigraph import Literal, NamedNode

Term = NamedNode | Literal
Fact = tuple[str, NamedNode, Term]  # ("out", predicate, object) or ("in", predicate, subject)

_CHUNK = 1 << 20  # characters read at a time
_MARGIN = 64  # a token is trusted only this far from the end of the text read so far
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE, _FIRST, _REST, _NIL = _RDF + "type", _RDF + "first", _RDF + "rest", _RDF + "nil"
_LANG, _STRING = _RDF + "langString", _XSD + "string"

_BASE_CH = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CH = _BASE_CH + "_\\-0-9\u00b7\u0300-\u036f\u203f\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = f"(?:[{_BASE_CH}_:0-9]|{_PLX})(?:(?:[{_CH}.:]|{_PLX})*(?:[{_CH}:]|{_PLX}))?"
_LABEL = f"[{_BASE_CH}_0-9](?:[{_CH}.]*[{_CH}])?"
_TOKEN = re.compile(
    r"(?:[ \t\r\n]++|#[^\r\n]*+)*+(?:"
    f"(?P<pn>(?:[{_BASE_CH}](?:[{_CH}.]*[{_CH}])?)?:(?:{_LOCAL})?)"
    r'|(?P<str>"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""|'
    r"'''(?:[^'\\]++|\\[\s\S]|'(?!''))*+'''|"
    r'(?!""")"(?:[^"\\\n\r]++|\\.)*+"|'
    r"(?!''')'(?:[^'\\\n\r]++|\\.)*+')"
    r"|(?P<num>[+-]?(?:\d+(?:\.\d*)?[eE][+-]?\d+|\.\d+[eE][+-]?\d+|\d*\.\d+|\d+))"
    r"|(?P<p>[.;,\[\](){}])|(?P<iri><[^>\x00-\x20]*>)|(?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)"
    f"|(?P<dt>\\^\\^)|(?P<bn>_:{_LABEL})|(?P<w>[A-Za-z]+)|(?P<err>[\\s\\S]))"
)
_NT = re.compile(
    r"[ \t]*(?:<([^>]*)>|_:([^\s<>\"]*[^\s<>\".]))[ \t]*<([^>]*)>[ \t]*"
    r"(?:<([^>]*)>|_:([^\s<>\"]*[^\s<>\".])|"
    r'"((?:[^"\\]++|\\.)*+)"(?:@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*)|\^\^<([^>]*)>)?)[ \t]*\.'
)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_IRI_PARTS = re.compile(r"(?:([A-Za-z][A-Za-z0-9+.\-]*):)?(?://([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_SUBJ, _VERB, _OBJ, _AFTER, _ITEM, _LIT = range(6)

_Key = str | tuple[str, str, str]  # an IRI, or a literal's (value, datatype, language)
_FactKey = tuple[str, str, _Key]
_Sigs = Iterable[frozenset[Fact]]


@dataclass(frozen=True)
class Located:
    """Lines (1-based) found by :func:`locate`."""

    subject_lines: dict[str, int]  # IRI -> first line where it is written as a subject
    use_lines: dict[str, int]  # IRI -> first line where it is written anywhere
    blank_lines: list[int | None]  # per signature asked for: line of the blank node, or None


class _Site:
    """A place where a blank node is written: ``[``, ``(`` (or a collection item), ``_:x``."""

    __slots__ = ("facts", "fit", "label", "line", "seq")

    def __init__(self, line: int, seq: int, label: str | None = None) -> None:
        self.line, self.seq, self.label = line, seq, label
        self.facts: set[_FactKey] = set()
        self.fit: set[int] | None = None  # a candidate: the signatures it was counted for


_Node = _Key | _Site


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m[1] or m[2]
        return chr(int(code, 16)) if code else _ECHAR.get(m[3], m[3])

    return _ESCAPE.sub(one, text) if "\\" in text else text


def _remove_dots(path: str, seed: str = "") -> str:
    """RFC 3986 section 5.2.4, the output starting with the segments of ``seed``."""
    out = re.findall(r"^[^/]+|/[^/]*", seed)
    while path:
        if path.startswith(("../", "./")):
            path = path[path.index("/") + 1 :]
        elif path.startswith(("/./", "/../")) or path in ("/.", "/.."):
            up = path.startswith("/..")
            if up and out:
                out.pop()
            path = "/" + path[4 if up else 3 :]
        elif path in (".", ".."):
            path = ""
        else:
            out.append(path[:1] + path[1:].partition("/")[0])
            path = path[len(out[-1]) :]
    return "".join(out)


def _resolve(ref: str, base: str) -> str:
    """Resolve a relative IRI against a base as pyoxigraph does (RFC 3986 section 5.2, but
    dot segments are removed only from the reference's path)."""
    r, b = _IRI_PARTS.fullmatch(ref), _IRI_PARTS.fullmatch(base)
    if r is None or b is None or b[1] is None:  # never: the pattern matches any string
        return ref
    if r[2] is not None:  # "//authority...": kept as written
        return f"{b[1]}:{ref}"
    path, query = r[3], r[4]
    if not path:
        path, query = b[3], b[4] if query is None else query
    elif path.startswith("/"):
        path = _remove_dots(path)
    else:
        prefix = "/" if b[2] is not None and not b[3] else b[3][: b[3].rfind("/") + 1]
        path = _remove_dots("/" + path, prefix[:-1]) if prefix else _remove_dots(path)
    return f"{b[1]}:{'' if b[2] is None else '//' + b[2]}{path}{query or ''}{r[5] or ''}"


def _fact_key(fact: Fact) -> _FactKey:
    """A fact with plain Python values, as the scanner makes them (cheaper than terms)."""
    direction, predicate, term = fact
    other: _Key = ("", "", "\x00")  # a blank node (or anything else) matches nothing
    if isinstance(term, NamedNode):
        other = term.value
    elif isinstance(term, Literal):
        other = (term.value, term.datatype.value, (term.language or "").lower())
    return (direction, predicate.value if isinstance(predicate, NamedNode) else "", other)


def _breaks(text: str, start: int, end: int) -> int:
    """How many line breaks ``text[start:end]`` holds, counted as RDF parsers and editors
    count them: CR LF, a lone CR and a lone LF each end a line."""
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


def _tokens(stream: TextIO) -> Iterator[tuple[str | None, str, int]]:
    """Yield (kind, text, line) for each token, reading a chunk at a time. A token is trusted
    only when more text follows it (or the file ends), so none is cut at a chunk's end."""
    buf, pos, line, counted, eof = "", 0, 1, 0, False
    while True:
        m = _TOKEN.match(buf, pos)
        if m is not None:
            kind, end = m.lastgroup, m.end()
            if eof or (end + _MARGIN <= len(buf) and (kind != "err" or buf[end - 1] not in "\"'<")):
                start = m.start(kind or 0)
                line += _breaks(buf, counted, start)
                counted, pos = start, end
                yield kind, buf[start:end], line
                continue
        elif eof:
            return
        chunk = stream.read(_CHUNK)
        eof = not chunk
        line += _breaks(buf, counted, pos)
        buf, pos, counted = buf[pos:] + chunk, 0, 0


class _Scan:
    """The state of one scan: what is still wanted, what was found, the blank node sites."""

    def __init__(
        self, base: str, subjects: Iterable[str], uses: Iterable[str], sigs: _Sigs
    ) -> None:
        self.base, self.prefixes, self.cache = base, dict[str, str](), dict[str, str]()
        self.subjects_left, self.uses_left = set(subjects), set(uses)
        self.subject_lines, self.use_lines = dict[str, int](), dict[str, int]()
        self.sigs = [frozenset(_fact_key(fact) for fact in sig) for sig in sigs]
        self.open = set(range(len(self.sigs)))  # signatures not matched at the last check
        self.track = bool(self.sigs)
        self.wanted: set[_FactKey] = set().union(*self.sigs)
        self.out_preds = {p for d, p, _ in self.wanted if d == "out"}
        self.in_preds = {p for d, p, _ in self.wanted if d == "in"}
        counts = Counter(fact for sig in self.sigs for fact in sig)
        self.by_fact: dict[_FactKey, list[int]] = {}  # each signature under its rarest fact
        for i, sig in enumerate(self.sigs):
            if sig:
                self.by_fact.setdefault(min(sig, key=counts.__getitem__), []).append(i)
        self.empty = [i for i, sig in enumerate(self.sigs) if not sig]
        self.empty_left = len(self.sigs) if self.empty else 0  # labels kept for those
        self.hits = [0] * len(self.sigs)  # candidates seen per signature
        self.equal = Counter(self.sigs)
        self.short = len(self.sigs)  # signatures with fewer candidates than equal signatures
        self.stmt_sites: list[_Site] = []  # unlabelled sites of the current statement
        self.candidates: list[_Site] = []  # sites that satisfy some signature
        self.labels: dict[str, _Site] = {}  # labelled sites with a wanted fact
        self.seq = 0

    def done(self) -> bool:
        return not (self.subjects_left or self.uses_left or self.open)

    def fits(self, site: _Site) -> list[int]:
        """The signatures whose facts the site has."""
        near = [i for fact in site.facts for i in self.by_fact.get(fact, ())] + self.empty
        return [i for i in near if self.sigs[i] <= site.facts]

    def site(self, line: int, label: str | None = None) -> _Site:
        self.seq += 1
        site = _Site(line, self.seq, label)
        if label is None and self.track:
            self.stmt_sites.append(site)
        elif label is not None and self.empty_left and label not in self.labels:
            self.labels[label] = site
            self.empty_left -= 1
        return site

    def iri(self, ref: str) -> str:
        iri = self.cache.get(ref)
        if iri is None:
            iri = _unescape(ref)
            iri = iri if _SCHEME.match(iri) else _resolve(iri, self.base)
            if len(self.cache) < 50_000:
                self.cache[ref] = iri
        return iri

    def name(self, kind: str | None, text: str) -> str | None:
        """The IRI a token names (an IRI, a prefixed name or ``a``), or None."""
        if kind != "pn":
            return self.iri(text[1:-1]) if kind == "iri" else _TYPE if text == "a" else None
        prefix, _, local = text.partition(":")
        local = _LOCAL_ESCAPE.sub(r"\1", local) if "\\" in local else local
        return self.prefixes[prefix] + local if prefix in self.prefixes else None

    def use(self, iri: str, line: int, as_subject: bool = False) -> None:
        if as_subject and iri in self.subjects_left:
            self.subjects_left.discard(iri)
            self.subject_lines[iri] = line
        if iri in self.uses_left:
            self.uses_left.discard(iri)
            self.use_lines[iri] = line

    def emit(self, s: _Node | None, p: str, o: _Node) -> None:
        """A triple: keep it as a fact of its blank node if some signature wants it."""
        if isinstance(s, _Site):
            if not isinstance(o, _Site) and p in self.out_preds:
                self.add(s, ("out", p, o))
        elif isinstance(o, _Site) and s is not None and p in self.in_preds:
            self.add(o, ("in", p, s))

    def add(self, site: _Site, fact: _FactKey) -> None:
        if fact not in self.wanted:
            return
        if site.label is not None:
            site = self.labels.setdefault(site.label, site)
        site.facts.add(fact)
        if site.label is not None:  # a candidate as soon as it fits, its facts still growing
            fits = [i for i in self.fits(site) if site.fit is None or i not in site.fit]
            if fits:
                if site.fit is None:
                    site.fit = set()
                    self.candidates.append(site)
                site.fit.update(fits)
                self.count(fits)

    def end_statement(self) -> None:
        """Keep the statement's sites that fit a signature (no more than assign can use)."""
        fits: list[int] = []
        for site in self.stmt_sites:
            fit = self.fits(site)
            if any(self.hits[i] < len(self.sigs) for i in fit):
                self.candidates.append(site)
                fits += fit
        self.stmt_sites = []
        self.count(fits)

    def count(self, fits: list[int]) -> None:
        """New candidates fit these signatures: check for a match once each has enough."""
        for i in fits:
            self.hits[i] += 1
            self.short -= self.hits[i] == self.equal[self.sigs[i]]
        if not self.short and not self.open.isdisjoint(fits):
            self.open = {i for i, line in enumerate(self.assign()) if line is None}

    def assign(self) -> list[int | None]:
        """Give each signature the first site (by line) that has its facts, each site to one
        signature at most (they are different blank nodes): the largest signatures choose
        first, so that one whose facts are a subset of another's does not take its site."""
        fitting: dict[int, list[_Site]] = {}
        for site in sorted(self.candidates, key=lambda site: (site.line, site.seq)):
            for i in self.fits(site):
                fitting.setdefault(i, []).append(site)
        taken: set[int] = set()
        lines: list[int | None] = [None] * len(self.sigs)
        for i in sorted(range(len(self.sigs)), key=lambda i: -len(self.sigs[i])):
            chosen = next((s for s in fitting.get(i, ()) if s.seq not in taken), None)
            if chosen is not None:
                taken.add(chosen.seq)
                lines[i] = chosen.line
        return lines

    def finish(self, source: Path | bytes) -> None:
        """Add the labelled blank nodes that fit a signature, with the line they first occur."""
        for site in self.labels.values():
            if site.fit is None and self.fits(site):  # kept for an empty signature
                self.candidates.append(site)
        first = {site.label: site for site in self.candidates if site.label is not None}
        if first:  # seen where they got a wanted fact: look for an earlier occurrence
            with _open(source) as stream:
                for kind, text, line in _tokens(stream):
                    if kind == "bn" and text[2:] in first:
                        first.pop(text[2:]).line = line
                        if not first:
                            break

    def ntriples(self, stream: TextIO) -> None:
        """N-Triples: one triple a line, read by one regular expression."""
        for number, text in enumerate(stream, 1):
            m = _NT.match(text)
            if m is None:  # a comment or an empty line
                continue
            s_iri, s_label, p, o_iri, o_label, value, lang, dt = m.groups()
            s = self.site(number, s_label) if s_iri is None else _unescape(s_iri)
            p, dt = _unescape(p), dt and _unescape(dt)
            o: _Node
            if value is None:
                o = self.site(number, o_label) if o_iri is None else _unescape(o_iri)
            else:
                datatype = _LANG if lang else dt or _STRING
                o = (_unescape(value) if self.track else "", datatype, (lang or "").lower())
            if self.subjects_left or self.uses_left:
                for iri, as_subject in ((s, True), (p, False), (o, False), (dt, False)):
                    if isinstance(iri, str):
                        self.use(iri, number, as_subject)
            if self.track:
                self.emit(s, p, o)
            if self.done():
                return

    def turtle(self, stream: TextIO) -> None:
        """Turtle and TriG, token by token, leniently, with an explicit stack for nesting."""
        track, emit, site, name = self.track, self.emit, self.site, self.name
        stack: list[tuple[_Node | None, str, int, _Site | None]] = []
        node: _Node | None = None  # the subject; in a collection, its current list node
        head: _Site | None = None  # in a collection, its first node; else None
        pred, state, lit_ret, lit_val = "", _SUBJ, _OBJ, ""
        pending: tuple[str, int] | None = None  # a wanted subject, recorded once a verb follows
        tokens = _tokens(stream)
        for kind, text, line in tokens:
            if state == _LIT:  # after a string: a language tag, a datatype, or neither
                lang, datatype, suffix = "", _STRING, kind in ("lang", "dt")
                if kind == "lang":
                    lang, datatype = text[1:].lower(), _LANG
                elif kind == "dt":
                    kind, text, line = next(tokens, (None, "", line))
                    datatype = name(kind, text) or _STRING
                    self.use(datatype, line)
                if track:
                    emit(node, pred if lit_ret == _OBJ else _FIRST, (lit_val, datatype, lang))
                state = _AFTER if lit_ret == _OBJ else _ITEM
                if suffix:
                    continue
            term: _Node | None = None
            if kind in ("pn", "iri") or (kind == "w" and text == "a"):
                term = name(kind, text)
                if term is None:
                    continue
                if term in self.uses_left:
                    self.use(term, line)
                    if self.done():
                        return
            elif kind == "p":
                if text == "[" or text == "(":
                    if state == _ITEM:  # a new list node for this item
                        node = head if node is None else site(line)
                    new = site(line)
                    if text == "(":  # new is its first node, unless ")" comes next
                        stack.append((node, pred, state, head))
                        node, head, state = None, new, _ITEM
                        continue
                    if state == _OBJ and track:
                        emit(node, pred, new)
                    if state == _SUBJ:
                        stack.append((new, "", _VERB, None))
                    else:
                        stack.append((node, pred, _AFTER if state == _OBJ else state, head))
                    node, head, state = new, None, _VERB
                elif text == "]" and stack and head is None:
                    node, pred, state, head = stack.pop()
                elif text == ")" and stack and head is not None:
                    if node is None and self.stmt_sites and self.stmt_sites[-1] is head:
                        self.stmt_sites.pop()  # empty: rdf:nil, no blank node
                    elif node is not None and track:
                        emit(node, _REST, _NIL)
                    value: _Node = _NIL if node is None else head
                    node, pred, state, head = stack.pop()
                    if state == _SUBJ:
                        node, state = value, _VERB
                    elif track:
                        emit(node, _FIRST if state == _ITEM else pred, value)
                    state = _AFTER if state == _OBJ else state
                elif text == ";" and state in (_AFTER, _VERB):
                    state = _VERB
                elif text == "," and state == _AFTER:
                    state = _OBJ
                elif text == "." or text == "}":
                    if state != _SUBJ or stack:
                        stack.clear()
                        node, head, pending, state = None, None, None, _SUBJ
                        self.end_statement()
                        if self.done():
                            return
                elif text == "{" and state == _VERB and not stack:
                    node, pending, state = None, None, _SUBJ  # that was a TriG graph name
                continue
            elif kind == "str":
                if state in (_OBJ, _ITEM):
                    if state == _ITEM:
                        node = head if node is None else site(line)
                    lit_ret, state = state, _LIT
                    quote = 3 if text[:3] in ('"""', "'''") else 1
                    lit_val = _unescape(text[quote:-quote]) if track else ""
                continue
            elif kind == "num" or (kind == "w" and text in ("true", "false")):
                number = (
                    "double" if "e" in text.lower() else "decimal" if "." in text else "integer"
                )
                term = (text, _XSD + ("boolean" if kind == "w" else number), "")
            elif kind == "bn":
                term = site(line, text[2:])
            elif state == _SUBJ and kind in ("w", "lang"):  # @prefix, PREFIX, @base, BASE
                word = text.lstrip("@").lower()
                if word == "prefix":
                    prefix = next(tokens, (None, ":", 0))[1][:-1]
                    self.prefixes[prefix] = self.iri(next(tokens, (None, "<>", 0))[1][1:-1])
                elif word == "base":
                    self.base, self.cache = self.iri(next(tokens, (None, "<>", 0))[1][1:-1]), {}
                continue
            else:
                continue
            if state == _OBJ:
                if track:
                    emit(node, pred, term)
                state = _AFTER
            elif state == _VERB and isinstance(term, str):
                pred, state = term, _OBJ
                if pending is not None:
                    self.use(*pending, as_subject=True)
                    pending = None
                    if self.done():
                        return
            elif state == _SUBJ:
                node, state = term, _VERB
                if isinstance(term, str) and term in self.subjects_left:
                    pending = (term, line)
            elif state == _ITEM:
                node = head if node is None else site(line)
                if track:
                    emit(node, _FIRST, term)


def _open(source: Path | bytes) -> TextIO:
    if isinstance(source, bytes):
        stream = io.BytesIO(source)
        return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    return source.open(encoding="utf-8-sig", errors="replace", newline="")


def locate(
    source: Path | bytes,
    fmt: pyoxigraph.RdfFormat,
    *,
    base_iri: str,
    subjects: Collection[str] = (),
    uses: Collection[str] = (),
    blank_signatures: Sequence[frozenset[Fact]] = (),
) -> Located:
    """Find the lines (1-based) where things are written in a Turtle, N-Triples or TriG file
    (``source``: its path, or its bytes as a load read them).

        ``subjects``: IRIs whose first line as a subject is wanted; ``uses``: IRIs whose first
        line anywhere (subject, predicate, object, datatype) is wanted; an IRI never written so
        is left out of the answer. ``blank_signatures``: for each, the line of the first blank
        node site (a ``[``, a ``(`` or a later item of a collection, the first occurrence of a
        ``_:label``) whose facts include all of the signature's, or None; a site goes to one
        signature at most (equal signatures take successive sites), larger signatures first.
        Relative IRIs are resolved against ``base_iri`` as the parser did. The file is read a
        chunk at a time and no further than needed, but labelled blank nodes gather their facts
        over the whole file while some signature is unmatched.
    """
    scan = _Scan(base_iri, subjects, uses, blank_signatures)
    if not scan.done():
        with _open(source) as stream:
            if fmt == pyoxigraph.RdfFormat.N_TRIPLES:
                scan.ntriples(stream)
            else:
                scan.turtle(stream)
        scan.finish(source)
    return Located(scan.subject_lines, scan.use_lines, scan.assign())


def graph_line(source: Path | bytes) -> int | None:
    """The line of the first named graph's label in a TriG file (``<g> {``, ``GRAPH ex:g {``,
    ``_:g {``, ``[] {``), or None when there is none. A ``{`` after a statement's end or at
    the start is a default graph block, and ``{|`` an annotation: neither names a graph.

    >>> graph_line(b"<urn:s> <urn:p> <urn:o> .\\n{ <urn:a> <urn:b> <urn:c> }\\nGRAPH\\n<urn:g> {}")
    4
    """
    with _open(source) as stream:
        before: list[tuple[str | None, str, int]] = []
        for kind, text, line in _tokens(stream):
            if kind == "p" and text == "{" and before:
                last = before[-1]
                if last[0] in ("iri", "pn", "bn"):
                    return last[2]
                if last[1] == "]" and len(before) > 1 and before[-2][1] == "[":
                    return before[-2][2]
            if kind == "err" and text == "|" and before and before[-1][1] == "{":
                before.clear()  # "{|" opened an annotation, not a graph
            before = [*before[-1:], (kind, text, line)]
    return None
