"""Reading the dataset's files: text as UTF-8 without a byte-order mark, YAML through one safe loader.

Every YAML file of a dataset (records, seed metadata, ``actors.yaml``,
``not_claims.yaml``) is read by :func:`read_yaml`. Its loader is PyYAML's safe
loader (a tag such as ``!!python/object`` is refused, never run) that

* remembers where things stand: a mapping is a :class:`LineDict` (its line and
  the line of each key), a list a :class:`LineList` (its line and the line of
  each item), so that :func:`line_at` turns the path of an error into the line
  to look at;
* refuses a key given twice in one mapping (the last value would silently win);
* refuses a key that is not a plain value;
* refuses what would make reading unbounded: nesting deeper than
  :data:`MAX_DEPTH`, aliases that bring in more than :data:`MAX_ALIAS_NODES`
  nodes (an "alias bomb" of a few hundred bytes expands to billions), and a text
  with a lone surrogate (an escape such as ``"\\ud800"`` that is no character:
  UTF-8 cannot write it, so the frame could not be built);
* builds a top-level list one item at a time (libyaml's events, PyYAML's composer): the
  parse tree of a whole file (about twice the size of what is built) never stands in memory
  at once, so a records file of 100,000 records costs what its records cost;
* keeps as text what YAML would turn into a value Python cannot hold: an
  unquoted impossible day (``2025-02-30``, ``0000-01-01``) and an integer of
  more digits than Python converts (4,300): the schema then says, at its field,
  that a date or an integer is wanted.

A file that cannot be read gives exactly one error, whatever the cause (a
byte-order mark, an encoding other than UTF-8, a syntax error, a tag, a
duplicate key), located at the line where it shows.

Example:
    >>> doc = load_yaml("seed: a.txt\\nrecords:\\n  - id: r1\\n    quote: x\\n")
    >>> doc.key_lines["records"], line_at(doc, ("records", 0, "quote"))
    (2, 4)
    >>> try:
    ...     load_yaml("a: 1\\na: 2\\n")
    ... except yaml.YAMLError as exc:
    ...     print(exc.problem, "at line", exc.problem_mark.line + 1)
    duplicate key 'a' at line 2
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

import yaml

from .errors import ValidationError
from .paths import relative

__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "BoundsError", "LineDict", "LineList", "check_bounds", "line_at", "load_yaml", "read_text", "read_yaml"]

#: The deepest nesting of mappings and lists a dataset file may have (the records nest four deep).
MAX_DEPTH = 50
#: How many nodes aliases (``*name``) may bring in, in all, per document.
MAX_ALIAS_NODES = 10_000
#: Text longer than this is parsed by libyaml only (PyYAML's own parser, whose messages say more, is
#: super-linear on a long plain scalar).
PY_PARSER_LIMIT = 64 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


class LineDict(dict):
    """A YAML mapping that remembers its line (1-based) and the line of each of its keys."""

    line: int = 0
    key_lines: Mapping = MappingProxyType({})


class LineList(list):
    """A YAML list that remembers its line (1-based) and the line of each of its items."""

    line: int = 0
    item_lines: Sequence[int] = ()


_LIBYAML = hasattr(yaml, "CSafeLoader")


class _LineLoader(yaml.CSafeLoader if _LIBYAML else yaml.SafeLoader):
    """The safe loader, building :class:`LineDict` and :class:`LineList` and refusing duplicate keys.

    It parses with libyaml where PyYAML has it (about ten times faster); the constructors are the safe ones.
    """


class _PyLineLoader(yaml.SafeLoader):
    """The same loader on PyYAML's own parser, whose syntax errors say more ("expected ',' or ']', but got ':'"):
    a file libyaml refuses is read again with it, for the message."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value", key_node.start_mark)
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    value = loader.construct_scalar(node)
    bad = _SURROGATE.search(value)
    if bad:
        raise yaml.constructor.ConstructorError(
            None, None, f"a text holds a lone surrogate {bad.group()!r}, which is no character (UTF-8 cannot "
            "write it)", node.start_mark)
    return value


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    """A YAML day or time; an impossible one (2025-02-30, year 0) stays the text it is, for the schema to refuse."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode):
    """A YAML integer; one of more digits than Python converts stays text, for the schema to refuse."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


for _loader in (_LineLoader, _PyLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


class _StreamLineLoader(*((yaml.cyaml.CParser,) if _LIBYAML else ()), yaml.composer.Composer,
                        yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """The line-tracking loader composing one list item at a time (:func:`_load_streaming`): libyaml's events,
    PyYAML's composer (without libyaml, the whole-document loader is used)."""

    def __init__(self, stream):
        yaml.cyaml.CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


_StreamLineLoader.yaml_constructors = _LineLoader.yaml_constructors


class _NotStreamable(Exception):
    """A document the streaming loader leaves to the whole-document one (a merge key at the top)."""


def _load_streaming(text: str) -> Any:
    """The document, composed and built one top-level value at a time and, for a list, one item at a time: the
    nodes of the whole document (several times the size of what is built) never stand in memory at once, so
    reading a records file of 100,000 records costs what its records cost, not their parse tree too."""
    if not _LIBYAML:
        raise _NotStreamable
    loader = _StreamLineLoader(text)
    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # the document's start
        if not loader.check_event(yaml.MappingStartEvent) or loader.peek_event().anchor is not None:
            doc = loader.construct_document(loader.compose_node(None, None))
        else:
            start = loader.get_event()
            doc = LineDict()
            doc.line, doc.key_lines = start.start_mark.line + 1, {}
            while not loader.check_event(yaml.MappingEndEvent):
                key_node = loader.compose_node(None, None)
                key = loader.construct_document(key_node)
                if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                    raise _NotStreamable
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value",
                                                            key_node.start_mark)
                if key in doc:
                    raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}",
                                                            key_node.start_mark)
                if loader.check_event(yaml.SequenceStartEvent) and loader.peek_event().anchor is None \
                        and loader.peek_event().tag in (None, "!", "tag:yaml.org,2002:seq"):
                    seq_start = loader.get_event()
                    value, lines = LineList(), []
                    value.line = seq_start.start_mark.line + 1
                    while not loader.check_event(yaml.SequenceEndEvent):
                        node = loader.compose_node(None, None)
                        lines.append(node.start_mark.line + 1)
                        value.append(loader.construct_document(node))
                    loader.get_event()
                    value.item_lines = lines
                else:
                    value = loader.construct_document(loader.compose_node(None, None))
                doc[key] = value
                doc.key_lines[key] = key_node.start_mark.line + 1
            loader.get_event()
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", event.start_mark)
        return doc
    finally:
        loader.dispose()


class BoundsError(yaml.YAMLError):
    """A document nested too deep or whose aliases expand too far (checked on the event stream, before any
    node is built)."""

    def __init__(self, problem: str, mark):
        self.problem, self.problem_mark = problem, mark
        super().__init__(problem)


def check_bounds(text: str) -> None:
    """Walk the parser's events (no recursion, nothing built): refuse nesting beyond :data:`MAX_DEPTH` and
    aliases that bring in more than :data:`MAX_ALIAS_NODES` nodes. A syntax error is left to the loader.

    libyaml walks first; where it stops (it has limits of its own) PyYAML's parser, which the loader falls back
    on, walks again.
    """
    loaders = (yaml.CSafeLoader, yaml.SafeLoader) if _LIBYAML else (yaml.SafeLoader,)
    for loader in loaders[:1] if _LIBYAML and len(text) > PY_PARSER_LIMIT else loaders:
        if _walk_bounds(text, loader):
            return


def _walk_bounds(text: str, loader) -> bool:
    """True when the parser reached the end of the text within the bounds; raises :class:`BoundsError`."""
    try:
        parser = loader(text)
    except yaml.YAMLError:
        return False  # a character YAML refuses: the loader says so
    depth = total = from_aliases = 0
    sizes: dict[str, int] = {}
    opened: list[tuple[str | None, int]] = []  # (anchor, node count when it opened)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return True
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                total += 1
                if depth > MAX_DEPTH:
                    raise BoundsError(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
                opened.append((event.anchor, total))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                anchor, at = opened.pop()
                if anchor is not None:
                    sizes[anchor] = total - at + 1
            elif isinstance(event, yaml.ScalarEvent):
                total += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                size = sizes.get(event.anchor, 1)
                total += size
                from_aliases += size
                if from_aliases > MAX_ALIAS_NODES:
                    raise BoundsError(f"aliases bring in more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)",
                                      event.start_mark)
    except BoundsError:
        raise
    except yaml.YAMLError:
        return False  # a syntax error: the loader reports it in its own words
    finally:
        parser.dispose()


def load_yaml(text: str) -> Any:
    """Parse YAML text with the line-tracking safe loader; raises :class:`yaml.YAMLError` (PyYAML's own, where
    libyaml parsed: its wording says more)."""
    check_bounds(text)
    try:
        try:
            return _load_streaming(text)
        except _NotStreamable:
            return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        if not _LIBYAML or len(text) > PY_PARSER_LIMIT:  # PyYAML's parser slows down on long plain scalars
            raise
    return yaml.load(text, Loader=_PyLineLoader)  # noqa: S506 - a safe loader; raises the error again, in its words


def line_at(doc: Any, path: Iterable) -> int | None:
    """The line of the deepest part of ``path`` (keys and list indices) that ``doc`` holds: a key's own line,
    an item's line; for a key a mapping lacks, the line of that mapping's key or item.

    >>> doc = load_yaml("a:\\n  b: [1, 2]\\n  c:\\n    - x\\n    - y\\n")
    >>> line_at(doc, ("a", "c", 1)), line_at(doc, ("a", "missing")), line_at(doc, ())
    (5, 1, 1)
    """
    node, line = doc, getattr(doc, "line", None) or None
    for part in path:
        if isinstance(node, LineDict) and part in node:
            line, node = node.key_lines.get(part, line), node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line, node = node.item_lines[part], node[part]
        else:
            break
    return line


def read_text(path: Path, errors: list[ValidationError]) -> str | None:
    """A file's text as UTF-8 without a byte-order mark; else an error in ``errors`` and None."""
    raw = Path(path).read_bytes()
    where = relative(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(ValidationError(where, 1, None, None, None, "file starts with a UTF-8 byte-order mark",
                                      "save it as UTF-8 without BOM"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(ValidationError(where, line, None, None, raw[exc.start: exc.start + 4],
                                      f"not UTF-8 ({exc.reason} at byte {exc.start})",
                                      "re-encode the file as UTF-8"))
        return None


def _yaml_error(where: str, exc: yaml.YAMLError) -> ValidationError:
    """One error for a file the loader refuses, at the line where the problem shows.

    A string or bracket left open to the end of the file is reported where it was opened.
    """
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, BoundsError):
        return ValidationError(where, mark.line + 1 if mark else None, None, None, None,
                               f"too deep or too aliased to read: {problem}",
                               "the dataset's files are flat: records nest a few levels, aliases are not needed")
    if isinstance(exc, yaml.constructor.ConstructorError) and "lone surrogate" in problem:
        return ValidationError(where, mark.line + 1 if mark else None, None, None, None, problem,
                               "write the character itself; a character beyond U+FFFF is one escape "
                               "(\\U0001F600), not a pair of \\u escapes")
    if isinstance(exc, yaml.constructor.ConstructorError):
        mark = mark or exc.context_mark
        if "constructor for the tag" in problem:
            tag = problem.split("tag", 1)[1].strip(" '")
            return ValidationError(where, mark.line + 1 if mark else None, None, None, None,
                                   f"YAML tag {tag!r} is not allowed",
                                   "the dataset's files are plain YAML read by a safe loader: remove the tag")
        hint = ("each key once per mapping" if problem.startswith("duplicate key") else
                "a key is a word, a number, true or false")
        return ValidationError(where, mark.line + 1 if mark else None, None, None, None, problem, hint)
    context = getattr(exc, "context", None)
    if getattr(exc, "context_mark", None) is not None and (mark is None or "end of stream" in problem):
        mark = exc.context_mark
        problem = f"{context} that is never closed ({problem})" if context else problem
    return ValidationError(where, mark.line + 1 if mark else None, None, None, None, f"YAML syntax error: {problem}",
                           "check indentation and quoting near this line")


def read_yaml(path: Path, errors: list[ValidationError]) -> tuple[bool, Any]:
    """Read one YAML file of the dataset: ``(True, document)``, or ``(False, None)`` with its error in ``errors``.

    An empty file reads as ``(True, None)``.
    """
    text = read_text(path, errors)
    if text is None:
        return False, None
    try:
        return True, load_yaml(text)
    except yaml.YAMLError as exc:
        errors.append(_yaml_error(relative(path), exc))
        return False, None
