"""`exchange-import --dry-run` names the sender as people name it, never by a raw UUID."""

from __future__ import annotations

from pathlib import Path

from cli.commands import run


def test_a_dry_run_names_a_nameless_sender_by_cluster_and_computer(tmp_path: Path,
                                                                   capsys) -> None:
    """Before, a package without an agent name was «از ‹its installation UUID›»."""
    import platform

    from services import records
    from services.exchange import export_package, installation_id, set_agent_name
    from services.workspace import open_workspace

    with open_workspace(str(tmp_path / "laptop.db")) as laptop:
        records.create(laptop, "cluster", {"name": "خوشه گلاب کاشان"})
        export_package(laptop, tmp_path / "nameless.kxp")
        origin = installation_id(laptop)
        set_agent_name(laptop, "مریم رضایی")
        export_package(laptop, tmp_path / "named.kxp")
    office = str(tmp_path / "office.db")
    open_workspace(office).close()
    assert run(["exchange-import", str(tmp_path / "nameless.kxp"), "--dry-run",
                "--db", office]) == 0
    said = capsys.readouterr().out
    computer = platform.node() or f"شناسه {origin[:8]}"
    assert "خوشه «خوشه گلاب کاشان»" in said and f"رایانه «{computer}»" in said
    assert origin not in said
    # Once the sender has said its name, its nameless packages are named by it too.
    assert run(["exchange-import", str(tmp_path / "named.kxp"), "--db", office]) == 0
    capsys.readouterr()
    assert run(["exchange-import", str(tmp_path / "nameless.kxp"), "--dry-run",
                "--db", office]) == 0
    said = capsys.readouterr().out
    assert "از «مریم رضایی»" in said and origin not in said
