# SPDX-License-Identifier: EUPL-1.2
from django.db import migrations


def seed(apps, schema_editor):
    from bouwplaats.knowledge.themes import DEFAULT_THEMES

    Theme = apps.get_model("knowledge", "Theme")
    for position, (slug, name, description) in enumerate(DEFAULT_THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "position": position})


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
