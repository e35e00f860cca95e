# SPDX-License-Identifier: EUPL-1.2
"""Rebuild the full-text index: on SQLite it now holds Snowball's Dutch stems of the words.

Before, the SQLite index held the words as written and only the query words were cut to a rough
stem; the queries are now stemmed with Snowball's Dutch (Porter) algorithm and must meet the same
stems in the index (``stemming.stems``). PostgreSQL stems in the database and has nothing to change,
but a rebuild there costs little and keeps the two the same. Going back to 0004 leaves the stems
in place: run ``manage.py rebuild_knowledge_search`` with the older code.
"""

from django.db import migrations


def restem(apps, schema_editor):
    from bouwplaats.knowledge import search

    Question = apps.get_model("knowledge", "Question")
    search.rebuild(Question.objects.using(schema_editor.connection.alias).filter(status="published"))


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_answer_excerpt")]

    operations = [migrations.RunPython(restem, migrations.RunPython.noop)]
