"""Writing a package: the records of a cluster (changed since a date), closed over references."""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.database import Database
from models.entities import (
    Activity,
    Attachment,
    Cluster,
    Firm,
    JointAction,
    JointActionFirm,
    Participant,
    Person,
    Resolution,
)
from services.backup import encrypt_file
from services.exchange.common import (
    FILES_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    MANIFEST,
    MODELS,
    RECORDS,
    ExchangeError,
    chunks,
    columns_of,
    ref_fields,
    to_json,
)
from services.exchange.identity import agent_name, installation_id
from services.lookup import LookupFailed, find_cluster
from services.userfiles import publish


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]
    attachments: int
    missing_attachments: int
    encrypted: bool


def _since_stamp(since: date | None) -> datetime | None:
    return datetime.combine(since, time.min) if since is not None else None


def _cluster_id(db: Database, name: str) -> str:
    """The cluster named as everywhere else (id, id start, folded name or a unique part of it)."""
    try:
        return find_cluster(db, name).id
    except LookupFailed as exc:
        raise ExchangeError(exc.message, "exchange_cluster_missing") from exc


def _select_records(session: Session, cluster: Cluster | None,
                    since: datetime | None) -> dict[str, dict[str, Any]]:
    """kind -> {id: ORM object} for the package, closed over references."""
    picked: dict[str, dict[str, Any]] = {k: {} for k in KINDS}

    def take(kind: str, stmt) -> None:  # noqa: ANN001 - a Select
        model = MODELS[kind]
        if since is not None:
            stmt = stmt.where(model.updated_at >= since)
        for obj in session.scalars(stmt):
            picked[kind][obj.id] = obj

    cid = cluster.id if cluster is not None else None
    scoped = {"firm": Firm, "activity": Activity, "joint_action": JointAction,
              "action_plan_item": MODELS["action_plan_item"],
              "indicator_value": MODELS["indicator_value"]}
    take("cluster", select(Cluster) if cid is None else select(Cluster).where(Cluster.id == cid))
    for kind, model in scoped.items():
        stmt = select(model)
        if cid is not None:
            stmt = stmt.where(model.cluster_id == cid)
        take(kind, stmt)
    if cid is None:
        take("organisation", select(MODELS["organisation"]))
        take("person", select(Person))
    else:
        take("person", select(Person).where(Person.firm_id.in_(
            select(Firm.id).where(Firm.cluster_id == cid))))
    scope_activities = select(Activity.id)
    if cid is not None:
        scope_activities = scope_activities.where(Activity.cluster_id == cid)
    take("participant", select(Participant).where(Participant.activity_id.in_(scope_activities)))
    take("resolution", select(Resolution).where(Resolution.meeting_id.in_(scope_activities)))
    # The children of every exported activity travel whole (they are replaced as a set).
    for kind, model, key in (("participant", Participant, "activity_id"),
                             ("resolution", Resolution, "meeting_id")):
        ids = list(picked["activity"])
        for chunk in chunks(ids):
            for obj in session.scalars(select(model).where(getattr(model, key).in_(chunk))):
                picked[kind][obj.id] = obj
    # Close over references: a record never travels without what it points to.
    changed = True
    while changed:
        changed = False
        for kind in KINDS:
            refs = ref_fields(kind)
            if not refs:
                continue
            for obj in list(picked[kind].values()):
                for name, ref_kind in refs.items():
                    ref_id = getattr(obj, name)
                    if ref_id and ref_id not in picked[ref_kind]:
                        target = session.get(MODELS[ref_kind], ref_id)
                        if target is not None:
                            picked[ref_kind][ref_id] = target
                            changed = True
    owners = {i for k in KINDS if k != "attachment" for i in picked[k]}
    stmt = select(Attachment)
    if since is not None:
        stmt = stmt.where(Attachment.updated_at >= since)
    for a in session.scalars(stmt):
        if cid is None or a.owner_id in owners:
            picked["attachment"][a.id] = a
    return picked


def export_package(db: Database, out: Path | str, *, cluster: str | None = None,
                   since: date | None = None, password: str | None = None) -> ExportResult:
    """Writes one package file with the records (of a cluster, changed since a date)."""
    out = Path(out)
    origin = installation_id(db)
    agent = agent_name(db)
    cluster_id = _cluster_id(db, cluster) if cluster else None
    with db.session_factory() as session:
        chosen = session.get(Cluster, cluster_id) if cluster_id else None
        picked = _select_records(session, chosen, _since_stamp(since))
        rows: dict[str, list[dict[str, Any]]] = {}
        for kind in KINDS:
            rows[kind] = [_row(obj, kind) for obj in sorted(picked[kind].values(),
                                                            key=lambda o: o.id)]
        ja_ids = list(picked["joint_action"])
        links: list[list[str]] = []
        for chunk in chunks(ja_ids):
            links += [[a, f] for a, f in session.execute(
                select(JointActionFirm.joint_action_id, JointActionFirm.firm_id)
                .where(JointActionFirm.joint_action_id.in_(chunk)))]
        children: dict[str, dict[str, list[str]]] = {
            aid: {"participants": [], "resolutions": []} for aid in picked["activity"]}
        for p in picked["participant"].values():
            if p.activity_id in children:
                children[p.activity_id]["participants"].append(p.id)
        for r in picked["resolution"].values():
            if r.meeting_id in children:
                children[r.meeting_id]["resolutions"].append(r.id)
    from services.attachments import blob_path

    missing = 0
    kept_attachments = []
    for row in rows["attachment"]:
        if blob_path(db.files_dir, row["sha256"]).is_file():
            kept_attachments.append(row)
        else:
            missing += 1
    rows["attachment"] = kept_attachments
    payload = json.dumps({"records": rows, "links": {"joint_action_firm": sorted(links)},
                          "children": children},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".khooshe-exchange-", dir=out.parent))
    try:
        plain = work / "package.zip"
        members: dict[str, dict[str, Any]] = {
            RECORDS: {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}}
        with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6,
                             allowZip64=True) as zf:
            zf.writestr(RECORDS, payload)
            for sha in sorted({r["sha256"] for r in rows["attachment"]}):
                source = blob_path(db.files_dir, sha)
                zf.write(source, FILES_PREFIX + sha)
                members[FILES_PREFIX + sha] = {"sha256": sha, "size": source.stat().st_size}
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "created_at": utcnow().isoformat(), "origin": origin, "agent_name": agent,
                # The computer's own name: how the office tells apart agents who gave no name.
                "laptop": platform.node()[:100],
                "cluster": chosen.name if chosen is not None else None,
                "since": since.isoformat() if since else None,
                "counts": {k: len(v) for k, v in rows.items()},
                "members": members,
            }
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        final_src = plain
        if password:
            final_src = work / "package.enc"
            encrypt_file(plain, final_src, password)
        publish(final_src, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ExportResult(path=out, counts={k: len(v) for k, v in rows.items()},
                        attachments=len(rows["attachment"]), missing_attachments=missing,
                        encrypted=bool(password))


def _row(obj: Any, kind: str) -> dict[str, Any]:
    model = Activity if kind == "activity" else MODELS[kind]
    return {c.name: to_json(getattr(obj, c.name)) for c in columns_of(model)}

