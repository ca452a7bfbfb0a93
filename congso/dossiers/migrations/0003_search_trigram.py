"""A trigram index for the inbox's "contains" search on PostgreSQL (names and id numbers, folded).

PostgreSQL only: SQLite has no such index and scans within the agency's dossiers, which is fine at an
embedded installation's size.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS dossier_search_trgm ON dossiers_dossier USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS dossier_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_step_role")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
