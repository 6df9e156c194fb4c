"""Participants named in a cell, matched to the people and firms already in the database.

Names are compared by their folded key (persian.fold.name_key: علي رضايي == علی‌رضایی), so a
name typed on an Arabic keyboard or without its ZWNJ finds the record it means. A name found
nowhere becomes a new person (or firm, in a firms column), listed in the preview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Firm, Person
from persian.fold import name_key

_SEPARATORS = re.compile(r"[\u060c,\u061b;\n\r|]+")  # ، , ؛ ; new line, |
MAX_NAME = 200
MAX_NAMES_PER_CELL = 500  # a pasted member list is long; a cell of 10,000 names is a mistake


def split_names(cell: object) -> list[str]:
    """The names of a cell («علی رضایی، شرکت حلوای لار؛ …»), each once, in the typed order."""
    if cell is None:
        return []
    seen: set[str] = set()
    names: list[str] = []
    for part in _SEPARATORS.split(str(cell)):
        name = " ".join(part.split())
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    return names


@dataclass
class Directory:
    """Who exists (folded key → id) and who this import will add (folded key → name as typed)."""

    people: dict[str, str] = field(default_factory=dict)
    firms: dict[str, str] = field(default_factory=dict)
    new_people: dict[str, str] = field(default_factory=dict)
    new_firms: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (name, cluster)

    @classmethod
    def load(cls, session: Session) -> Directory:
        directory = cls()
        # Oldest first: with two records of one folded name, the one people have used longest wins.
        for rid, name in session.execute(
                select(Person.id, Person.full_name).where(Person.deleted_at.is_(None))
                .order_by(Person.created_at, Person.id)):
            directory.people.setdefault(name_key(name or ""), rid)
        for rid, name in session.execute(
                select(Firm.id, Firm.name).where(Firm.deleted_at.is_(None))
                .order_by(Firm.created_at, Firm.id)):
            directory.firms.setdefault(name_key(name or ""), rid)
        directory.people.pop("", None)
        directory.firms.pop("", None)
        return directory

    def someone(self, name: str) -> tuple[str, str]:
        """("person" | "firm", key) for a participant's name; unknown names become new people."""
        key = name_key(name)
        if key in self.people or key in self.new_people:
            return "person", key
        if key in self.firms or key in self.new_firms:
            return "firm", key
        self.new_people[key] = name
        return "person", key

    def firm(self, name: str, cluster_id: str) -> tuple[str, str]:
        """("firm", key) for a name in a firms column; unknown names become new firms."""
        key = name_key(name)
        if key not in self.firms and key not in self.new_firms:
            self.new_firms[key] = (name, cluster_id)
        return "firm", key

    def existing_person(self, name: str) -> str | None:
        return self.people.get(name_key(name))
