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

import yaml

from .paths import ACTORS_FILE
from .schema import VOCABULARIES

__all__ = ["Actor", "ActorRegistry", "UnknownName", "name_key"]


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


class ActorRegistry:
    """All actors of a case, looked up by id or alias."""

    def __init__(self, actors: list[Actor], case: dict | None = None, source: str = "actors"):
        self.case = case or {}
        self.by_id: dict[str, Actor] = {}
        self._keys: dict[str, str] = {}
        problems = []
        for actor in actors:
            if actor.id in self.by_id:
                problems.append(f"duplicate actor id {actor.id!r}")
            if actor.kind not in VOCABULARIES["actor_kind"]:
                problems.append(f"actor {actor.id!r}: kind {actor.kind!r} is not in vocabulary actor_kind")
            self.by_id[actor.id] = actor
            for name in (actor.id, actor.name, *actor.aliases):
                key = name_key(name)
                owner = self._keys.setdefault(key, actor.id)
                if owner != actor.id:
                    problems.append(f"alias {name!r} names both {owner!r} and {actor.id!r}")
        for actor in actors:
            if actor.member_of and actor.member_of not in self.by_id:
                problems.append(f"actor {actor.id!r}: member_of {actor.member_of!r} is not an actor id")
        if problems:
            raise ValueError(f"{source}: " + "; ".join(problems))

    @classmethod
    def from_yaml(cls, path: Path | str | None = None) -> "ActorRegistry":
        path = Path(path) if path else ACTORS_FILE
        with open(path, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh) or {}
        actors = []
        for entry in doc.get("actors", []):
            entry = dict(entry)
            entry["aliases"] = tuple(entry.get("aliases") or ())
            actors.append(Actor(**entry))
        return cls(actors, doc.get("case"), source=str(path.name))

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
