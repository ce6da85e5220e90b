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

import dataclasses
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RecordsInvalid, ValidationError
from .paths import ACTORS_FILE, relative
from .reading import line_at, read_yaml
from .schema import VOCABULARIES
from .validation import file_errors

__all__ = ["Actor", "ActorRegistry", "UnknownName", "new_actor_id", "SUGGEST_CUTOFF", "actors_files", "name_key",
           "read_actors"]

#: How alike a name and an actor's name or alias must be (difflib's ratio, 0..1) for the actor to be suggested.
SUGGEST_CUTOFF = 0.75
#: At most this many actors are suggested for an unknown name.
SUGGEST_MAX = 3


def name_key(name: str) -> str:
    """The matching key of a name: case-folded, without spaces, hyphens, dots and quotes.

    >>> name_key("Lee Sung-kwon") == name_key("lee sungkwon")
    True
    """
    return re.sub(r"[\s\-‐.„“”\"'’]", "", str(name)).casefold()


def new_actor_id(name: str) -> str:
    """The id a new actor named ``name`` is given: its letters without their marks, lower-case, each run of other
    characters one underscore (deterministic: the same name, the same id).

    >>> new_actor_id("Kyrylo Budanow"), new_actor_id("Waleri Gerassimow")
    ('kyrylo_budanow', 'waleri_gerassimow')
    """
    ascii_name = unicodedata.normalize("NFKD", str(name).strip()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.casefold()).strip("_") or "new_actor"


class UnknownName(KeyError):
    """A name that is neither a canonical id nor an alias."""

    def __init__(self, name: str, suggestions: list[str], how_to_add: str = ""):
        self.name = name
        self.suggestions = suggestions
        self.how_to_add = how_to_add
        super().__init__(name)

    @property
    def hint(self) -> str:
        """The plausible actors (if any), then how to add the name."""
        parts = [f"closest: {', '.join(self.suggestions)}"] if self.suggestions else []
        return "; ".join(parts + ([self.how_to_add] if self.how_to_add else []))

    def __str__(self) -> str:
        return f"unknown name {self.name!r}" + (f"; {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str
    role: str | None = None
    member_of: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    state_media: bool = False
    members: tuple[str, ...] = field(default_factory=tuple)
    short: str | None = None


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
        for j, alias in enumerate(actor.aliases):
            if "," in alias:
                parts = [a.strip() for a in alias.split(",") if a.strip()]
                out.append((i, ("aliases", j), alias, f"alias {alias!r} holds a comma: it is one alias, not the "
                                                      f"{len(parts)} it lists",
                            "give each alias as an item of the list: aliases: [" + ", ".join(
                                [*actor.aliases[:j], *parts, *actor.aliases[j + 1:]]) + "]"))
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
        for j, member in enumerate(actor.members):
            if member not in first:
                out.append((i, ("members", j), member, f"member {member!r} is not an actor id",
                            "the ids of the actors that speak jointly as this one, actors of this file"))
    return out


class ActorRegistry:
    """All actors of a case, looked up by id or alias."""

    def __init__(self, actors: list[Actor], case: dict | None = None, source: str = "actors",
                 path: str = "data/actors.yaml"):
        problems = _problems(actors)
        if problems:
            raise ValueError(f"{source}: " + "; ".join(f"actor {actors[i].id!r}: {reason}"
                                                       for i, _, _, reason, _ in problems))
        self.case = case or {}
        self.path = path
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
        """The actor a name or id stands for; raises :class:`UnknownName` with suggestions and how to add it."""
        actor_id = self._keys.get(name_key(name))
        if actor_id is None:
            raise UnknownName(name, self.suggest(name), self.how_to_add(name))
        return self.by_id[actor_id]

    def suggest(self, name: str, n: int = SUGGEST_MAX) -> list[str]:
        """The plausible actors for a name: those whose name or an alias is at least :data:`SUGGEST_CUTOFF` alike
        (case and spacing ignored), best first, at most ``n``, each as 'name or alias (id)'.

        >>> ActorRegistry.from_yaml().suggest("Lloyd Austen")
        ['Lloyd Austin (us_austin)']
        >>> ActorRegistry.from_yaml().suggest("Andriy Kovalenko")
        []
        """
        key = str(name).casefold().strip()
        best: dict[str, tuple[float, str]] = {}
        for actor in self.by_id.values():
            for candidate in (actor.name, *actor.aliases):
                ratio = difflib.SequenceMatcher(None, key, candidate.casefold()).ratio()
                if ratio >= SUGGEST_CUTOFF and ratio > best.get(actor.id, (0.0, ""))[0]:
                    best[actor.id] = (ratio, candidate)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:n]
        return [f"{text} ({actor_id})" for actor_id, (_, text) in ranked]

    def how_to_add(self, name: str) -> str:
        """How to make a name known: an alias of the actor it names, or a new actor in the actors file.

        >>> print(ActorRegistry.from_yaml().how_to_add("Andriy Kovalenko"))
        if it names an actor of data/actors.yaml, add 'Andriy Kovalenko' to its aliases; else add the actor there: - {id: andriy_kovalenko, name: Andriy Kovalenko, kind: KIND, country: CC, aliases: [Andriy Kovalenko]} (KIND: agency, office, person, government, media or other; CC: ISO 3166 alpha-2 or NATO, UN, EU, INTL)
        """
        text = str(name).strip()
        actor_id = new_actor_id(text)
        kinds = list(VOCABULARIES["actor_kind"])
        return (f"if it names an actor of {self.path}, add {text!r} to its aliases; else add the actor there: "
                f"- {{id: {actor_id}, name: {text}, kind: KIND, country: CC, aliases: [{text}]}} "
                f"(KIND: {', '.join(kinds[:-1])} or {kinds[-1]}; CC: ISO 3166 alpha-2 or NATO, UN, EU, INTL)")

    def group(self, actor_id: str) -> str:
        """The lane an actor's statements belong to: the institution a person speaks for, else itself."""
        return self.by_id[actor_id].member_of or actor_id


def read_actors(path: Path, errors: list[ValidationError]) -> ActorRegistry | None:
    """The actors of a dataset; None, with every problem located in ``errors``, when the file is missing or
    invalid (checked against the schema, then for duplicate ids, aliases of two actors and unknown members).

    A file may extend another (``extends:``, a path relative to the file: a held-out folder's actors.yaml names
    only the actors the project's ``data/actors.yaml`` does not know). Its actors are the other file's, then its
    own, checked together; its ``case:`` replaces the other's where it has one. Every reader of a dataset's
    actors reads them here, so validate, the scorer and every subcommand read a dataset the same way."""
    layers = _actor_layers(Path(path), errors, ())
    if layers is None:
        return None
    actors: list[Actor] = []
    origin: list[tuple[str, dict, int]] = []  # the file, document and position each actor was read from
    for _, where, doc in layers:
        for i, entry in enumerate(doc["actors"]):
            actors.append(Actor(**{**entry, "aliases": tuple(entry.get("aliases") or ()),
                                   "members": tuple(entry.get("members") or ())}))
            origin.append((where, doc, i))
    domain = _problems(actors)
    errors += [ValidationError(origin[i][0], line_at(origin[i][1], ("actors", origin[i][2], *at)), actors[i].id,
                               at[0] + "".join(f"[{j}]" for j in at[1:]), value, reason, hint)
               for i, at, value, reason, hint in domain]
    case = next((doc["case"] for _, _, doc in reversed(layers) if doc.get("case")), None)
    where = layers[-1][1]
    return None if domain else ActorRegistry(actors, case, source=Path(path).name, path=where)


def _actor_layers(path: Path, errors: list[ValidationError],
                  chain: tuple[Path, ...]) -> list[tuple[Path, str, dict]] | None:
    """The actors files a file is made of, the one it extends first: (file, file as the user reads it, document); None
    when one of them is missing or invalid, or the chain of ``extends`` loops (each error located)."""
    where = relative(path)
    if not path.is_file():
        errors.append(ValidationError(where, None, None, None, None, "actors file not found",
                                      "a dataset folder holds actors.yaml beside records/"))
        return None
    readable, doc = read_yaml(path, errors)
    if not readable:
        return None
    problems = [_alias_hint(e, doc) for e in file_errors(doc, "actors", where)]
    if problems:
        errors += problems
        return None
    base = doc.get("extends")
    if base is None:
        return [(path, where, doc)]
    line = line_at(doc, ("extends",))
    target = (path.parent / base).resolve()
    seen = (*chain, path.resolve())
    if target in seen:
        loop = " -> ".join(relative(p) for p in (*seen[seen.index(target):], target))
        errors.append(ValidationError(where, line, None, "extends", base, f"the files extend each other: {loop}",
                                      "an actors file extends one that does not extend it back"))
        return None
    if not target.is_file():
        errors.append(ValidationError(where, line, None, "extends", base,
                                      f"extends {relative(target)}, which is no file",
                                      "a path relative to this file, e.g. ../../../data/actors.yaml"))
        return None
    below = _actor_layers(target, errors, seen)
    return None if below is None else [*below, (path, where, doc)]


def actors_files(path: Path) -> list[Path]:
    """The files the actors of ``path`` are read from: the files it extends, then itself (itself alone when the
    chain cannot be read: reading the actors reports why). What a step that reads the actors depends on."""
    layers = _actor_layers(Path(path), [], ())
    return [p for p, _, _ in layers] if layers else [Path(path)]


def _alias_hint(error: ValidationError, doc) -> ValidationError:
    """An aliases field written as one string ("aliases: Südkorea, Seoul") is a list YAML never saw: say how
    to write it."""
    if error.field == "aliases" and isinstance(error.value, str):
        parts = [a.strip() for a in error.value.split(",") if a.strip()]
        return dataclasses.replace(error, reason=error.reason + " (YAML read one string: a list needs brackets)",
                                   hint="aliases: [" + ", ".join(parts) + "]")
    return error
