# SPDX-License-Identifier: EUPL-1.2
"""The full-text index of published questions: FTS5 on SQLite, tsvector + GIN on PostgreSQL (ADR 9)."""

from django.db import migrations


def create(apps, schema_editor):
    from bouwplaats.knowledge import search

    search.create_table(schema_editor)


def drop(apps, schema_editor):
    from bouwplaats.knowledge import search

    search.drop_table(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
