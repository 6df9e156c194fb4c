"""The command line: the desktop app and the headless subcommands (demo, check, report, …)."""
