"""Who sends a package: this installation's id and the agent's own name for it."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from models.database import Database, installation_id_in
from models.entities import Setting
from services.uow import unit_of_work


def installation_id(db: Database) -> str:
    with unit_of_work(db) as session:
        return installation_id_in(session)


def agent_name(db: Database) -> str:
    with db.session_factory() as session:
        row = session.get(Setting, "agent_name")
        if row is None:
            return ""
        try:
            value = json.loads(row.value)
        except ValueError:
            return ""
        return value if isinstance(value, str) else ""


def set_agent_name(db: Database, name: str) -> None:
    with unit_of_work(db) as session:
        row = session.get(Setting, "agent_name")
        text = json.dumps(name.strip(), ensure_ascii=False)
        if row is None:
            session.add(Setting(key="agent_name", value=text))
        else:
            row.value = text


def agent_setting_key(origin: str) -> str:
    return f"agent_name:{origin}"



def remembered_agent_name(session: Session, origin: str) -> str:
    """The name a sender gave in an earlier package ("" when it never gave one)."""
    row = session.get(Setting, agent_setting_key(origin))
    try:
        value = json.loads(row.value) if row is not None else ""
    except ValueError:
        return ""
    return value.strip() if isinstance(value, str) else ""
