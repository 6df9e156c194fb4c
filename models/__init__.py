"""The data layer: SQLAlchemy models, the engine, migrations and health checks. No Qt here."""
