"""The gazetteer: entities, their aliases, and the side each one stands on.

One file (``toolkit/data/gazetteer.yaml``, card beside it), one loader, shared
by attribution (speaker affiliation) and targeted sentiment (targets). Users
extend it with a YAML file of the same shape::

    entities:
      - id: ursula-von-der-leyen
        name: Ursula von der Leyen
        type: person            # country | person | organization | media
        role: official
        affiliation: EU
        aliases: [Ursula von der Leyen, von der Leyen]

An entry in the user's file with an existing ``id`` replaces the shipped one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from toolkit.errors import InputError

__all__ = ["Entity", "Gazetteer", "Mention", "load_gazetteer", "ENTITY_TYPES"]

ENTITY_TYPES = ("country", "person", "organization", "media")


@dataclass(frozen=True)
class Entity:
    """One entry of the gazetteer."""

    id: str
    name: str
    type: str
    affiliation: str | None = None
    role: str | None = None
    gender: str | None = None
    aliases: tuple[str, ...] = ()


class Mention(NamedTuple):
    """An alias found in a text: ``text[start:end]`` refers to ``entity`` (a named tuple: made by the thousand)."""

    start: int
    end: int
    entity: Entity


@dataclass(frozen=True)
class Gazetteer:
    """Entities and a longest-match alias finder.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> text = "US Secretary of State Antony Blinken met Wang Yi in Beijing."
    >>> [(text[m.start:m.end], m.entity.id) for m in gaz.find(text)]
    [('US Secretary of State Antony Blinken', 'antony-blinken'), ('Wang Yi', 'wang-yi'), ('Beijing', 'china')]
    """

    entities: tuple[Entity, ...]
    version: str = ""
    _by_alias: dict[str, Entity] = field(default_factory=dict, repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_alias: dict[str, Entity] = {}
        for entity in self.entities:
            for alias in entity.aliases:
                by_alias[alias] = entity
        # the aliases as a trie, longer continuations first, so "US Secretary of State Antony Blinken"
        # wins over "US" (the same matches as an alternation sorted longest first, several times faster)
        pattern = re.compile(r"(?<!\w)" + _trie_pattern(by_alias) + r"(?!\w)") if by_alias else None
        object.__setattr__(self, "_by_alias", by_alias)
        object.__setattr__(self, "_pattern", pattern)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """All non-overlapping alias mentions in ``text[start:end]``, left to right."""
        if self._pattern is None:
            return []
        stop = len(text) if end is None else end
        return [Mention(m.start(), m.end(), self._by_alias[m.group(0)])
                for m in self._pattern.finditer(text, start, stop)]

    def get(self, entity_id: str) -> Entity:
        """The entity with this id."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def lookup(self, alias: str) -> Entity | None:
        """The entity an exact alias refers to, or None."""
        return self._by_alias.get(alias)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, built as a trie (longest match first).

    At each node the continuations are tried before the word that ends there,
    so with backtracking the longest word that matches (and passes what follows
    the pattern) wins, as in an alternation sorted by length; the engine tests
    one character per node instead of every word at every position.

    Examples
    --------
    >>> _trie_pattern(["US", "USA", "UN"])
    'U(?:N|S(?:A|))'
    >>> re.findall(_trie_pattern(["US", "USA", "UN"]), "USA UN US")
    ['USA', 'UN', 'US']
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return build(trie)


def _parse_entities(data: Any, source: str) -> tuple[str, list[Entity]]:
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise InputError("a gazetteer is a mapping with an 'entities' list", path=source)
    entities = []
    for i, item in enumerate(data["entities"], 1):
        if not isinstance(item, dict):
            raise InputError(f"entity #{i} is not a mapping", path=source)
        missing = [k for k in ("id", "name", "type", "aliases") if not item.get(k)]
        if missing:
            raise InputError(f"entity #{i} ({item.get('id', '?')}) lacks {', '.join(missing)}", path=source)
        if item["type"] not in ENTITY_TYPES:
            raise InputError(f"entity {item['id']!r}: type must be one of {', '.join(ENTITY_TYPES)}",
                             path=source)
        aliases = item["aliases"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise InputError(f"entity {item['id']!r}: aliases must be a list of non-empty strings", path=source)
        unknown = set(item) - {"id", "name", "type", "affiliation", "role", "gender", "aliases"}
        if unknown:
            raise InputError(f"entity {item['id']!r}: unknown field(s) {', '.join(sorted(unknown))}", path=source)
        entities.append(Entity(
            id=str(item["id"]), name=str(item["name"]), type=item["type"],
            affiliation=item.get("affiliation"), role=item.get("role"), gender=item.get("gender"),
            aliases=tuple(a.strip() for a in aliases),
        ))
    return str(data.get("version", "")), entities


@lru_cache(maxsize=8)
def _shipped() -> tuple[str, tuple[Entity, ...]]:
    from toolkit.resources import read_data_text, safe_yaml

    version, entities = _parse_entities(safe_yaml(read_data_text("gazetteer.yaml"), source="gazetteer.yaml"),
                                        "gazetteer.yaml")
    return version, tuple(entities)


def load_gazetteer(extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None) -> Gazetteer:
    """The shipped gazetteer, optionally extended by the user's YAML files.

    Parameters
    ----------
    extra : path or list of paths, optional
        YAML files with an ``entities`` list; an entry whose ``id`` exists
        replaces the shipped entry.

    Raises
    ------
    toolkit.errors.InputError
        A malformed or unsafe YAML file, or an entry lacking a field.
    """
    if extra is None:
        return _shipped_gazetteer()  # immutable: one object, so its compiled pattern and memos are shared
    return _build(extra)


@lru_cache(maxsize=1)
def _shipped_gazetteer() -> Gazetteer:
    return _build(None)


def _build(extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None) -> Gazetteer:
    from toolkit.resources import load_yaml_file

    version, shipped = _shipped()
    entities = {e.id: e for e in shipped}
    paths = [] if extra is None else [extra] if isinstance(extra, (str, os.PathLike)) else list(extra)
    for path in paths:
        _, added = _parse_entities(load_yaml_file(path), str(path))
        entities.update({e.id: e for e in added})
        version += f"+{os.path.basename(str(path))}"
    return Gazetteer(tuple(entities.values()), version)
