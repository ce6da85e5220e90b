"""Canonical actors: claimants (who made a claim) and outlets (who carried it).

The actors of a case, with their aliases, live in a data file
(``data/actors.yaml``). A name as written in an article ("Lee Song-kwon",
"Lee Sung-kwon") resolves to one canonical actor; matching ignores case,
hyphens and spacing. An unknown name raises :class:`UnknownName` with the
closest canonical names.

Example:
    >>> reg = ActorRegistry.from_yaml()
    >>> reg.resolve("Lee Song-kwon").id == reg.resolve("Lee Sung-kwon").id == "kr_lee_seong_kweon"
    True
    >>> reg.resolve("Selenskyj").name
    'Volodymyr Zelensky'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RecordsInvalid, ValidationError
from .paths import ACTORS_FILE, relative
from .reading import line_at, read_yaml
from .schema import VOCABULARIES
from .validation import file_errors

__all__ = ["Actor", "ActorRegistry", "UnknownName", "name_key", "read_actors"]


def name_key(name: str) -> str:
    """The matching key of a name: case-folded, without spaces, hyphens, dots and quotes.

    >>> name_key("Lee Sung-kwon") == name_key("lee sungkwon")
    True
    """
    return re.sub(r"[\s\-‐.„“”\"'’]", "", str(name)).casefold()


class UnknownName(KeyError):
    """A name that is neither a canonical id nor an alias."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        super().__init__(name)

    def __str__(self) -> str:
        hint = f"; closest: {', '.join(self.suggestions)}" if self.suggestions else ""
        return f"unknown name {self.name!r}{hint}"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str
    role: str | None = None
    member_of: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)


def _problems(actors: list[Actor]) -> list[tuple[int, tuple, object, str, str]]:
    """What makes a list of actors unusable: (index, field path, value, reason, hint) for each problem."""
    out = []
    first: dict[str, int] = {}
    owners: dict[str, str] = {}
    for i, actor in enumerate(actors):
        if actor.id in first:
            out.append((i, ("id",), actor.id, "duplicate actor id",
                        f"ids are unique; the first is actor #{first[actor.id] + 1}"))
        first.setdefault(actor.id, i)
        if actor.kind not in VOCABULARIES["actor_kind"]:
            out.append((i, ("kind",), actor.kind, f"kind {actor.kind!r} is not in vocabulary actor_kind",
                        "one of: " + ", ".join(VOCABULARIES["actor_kind"])))
        for where, name in [(("id",), actor.id), (("name",), actor.name),
                            *((("aliases", j), a) for j, a in enumerate(actor.aliases))]:
            owner = owners.setdefault(name_key(name), actor.id)
            if owner != actor.id:
                out.append((i, where, name, f"alias {name!r} names both {owner!r} and {actor.id!r}",
                            "a name may stand for one actor only"))
    for i, actor in enumerate(actors):
        if actor.member_of and actor.member_of not in first:
            out.append((i, ("member_of",), actor.member_of, f"member_of {actor.member_of!r} is not an actor id",
                        "the id of the institution, an actor of this file"))
    return out


class ActorRegistry:
    """All actors of a case, looked up by id or alias."""

    def __init__(self, actors: list[Actor], case: dict | None = None, source: str = "actors"):
        problems = _problems(actors)
        if problems:
            raise ValueError(f"{source}: " + "; ".join(f"actor {actors[i].id!r}: {reason}"
                                                       for i, _, _, reason, _ in problems))
        self.case = case or {}
        self.by_id: dict[str, Actor] = {a.id: a for a in actors}
        self._keys: dict[str, str] = {name_key(n): a.id for a in actors for n in (a.id, a.name, *a.aliases)}

    @classmethod
    def from_yaml(cls, path: Path | str | None = None) -> "ActorRegistry":
        """The actors of a file (default ``data/actors.yaml``); raises :class:`~timeline.errors.RecordsInvalid`
        with every problem of the file, located."""
        errors: list[ValidationError] = []
        registry = read_actors(Path(path) if path else ACTORS_FILE, errors)
        if registry is None:
            raise RecordsInvalid(errors)
        return registry

    def resolve(self, name: str) -> Actor:
        """The actor a name or id stands for; raises :class:`UnknownName` with suggestions."""
        actor_id = self._keys.get(name_key(name))
        if actor_id is None:
            raise UnknownName(name, self.suggest(name))
        return self.by_id[actor_id]

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The closest canonical names (with their ids) to a name."""
        names = {a.name: a.id for a in self.by_id.values()}
        for a in self.by_id.values():
            for alias in a.aliases:
                names.setdefault(alias, a.id)
        hits = difflib.get_close_matches(str(name), list(names), n=n, cutoff=0.5)
        if not hits:
            lowered = {k.casefold(): k for k in names}
            hits = [lowered[h] for h in difflib.get_close_matches(str(name).casefold(), list(lowered), n=n, cutoff=0.4)]
        return [f"{h} ({names[h]})" for h in hits]

    def group(self, actor_id: str) -> str:
        """The lane an actor's statements belong to: the institution a person speaks for, else itself."""
        return self.by_id[actor_id].member_of or actor_id


def read_actors(path: Path, errors: list[ValidationError]) -> ActorRegistry | None:
    """The actors of a dataset; None, with every problem located in ``errors``, when the file is missing or
    invalid (checked against the schema, then for duplicate ids, aliases of two actors and unknown members)."""
    where = relative(path)
    if not path.is_file():
        errors.append(ValidationError(where, None, None, None, None, "actors file not found",
                                      "a dataset folder holds actors.yaml beside records/"))
        return None
    readable, doc = read_yaml(path, errors)
    if not readable:
        return None
    problems = file_errors(doc, "actors", where)
    if problems:
        errors += problems
        return None
    actors = [Actor(**{**entry, "aliases": tuple(entry.get("aliases") or ())}) for entry in doc["actors"]]
    domain = _problems(actors)
    errors += [ValidationError(where, line_at(doc, ("actors", i, *at)), actors[i].id,
                               at[0] + "".join(f"[{j}]" for j in at[1:]), value, reason, hint)
               for i, at, value, reason, hint in domain]
    return None if domain else ActorRegistry(actors, doc.get("case"), source=path.name)
