# SPDX-License-Identifier: EUPL-1.2
"""The owner of the WOZ building block written with its diaeresis ("Financiën"), as in the reference data.

Only the exact text the reference data used to load is changed; an owner that programme staff
have edited since is left alone.
"""

from django.db import migrations

MISSPELT = "Financien / Waarderingskamer"
CORRECT = "Financiën / Waarderingskamer"


def add_diaeresis(apps, schema_editor):
    BuildingBlock = apps.get_model("catalogue", "BuildingBlock")
    BuildingBlock.objects.filter(owner=MISSPELT).update(owner=CORRECT)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_programme_municipality_status_visibility")]

    operations = [migrations.RunPython(add_diaeresis, migrations.RunPython.noop)]
