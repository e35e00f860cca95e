# SPDX-License-Identifier: EUPL-1.2
from django.db import migrations, models

from bouwplaats.ui.markdown import markdown_excerpt

EXCERPT_LENGTH = 280  # as the model's at the time of this migration


def fill_excerpts(apps, schema_editor):
    Answer = apps.get_model("knowledge", "Answer")
    changed = []
    for answer in Answer.objects.only("pk", "body").iterator(chunk_size=2000):
        answer.excerpt = markdown_excerpt(answer.body, EXCERPT_LENGTH)
        changed.append(answer)
    Answer.objects.bulk_update(changed, ["excerpt"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_default_themes"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="excerpt",
            field=models.CharField(blank=True, editable=False, max_length=280, verbose_name="excerpt"),
        ),
        migrations.RunPython(fill_excerpts, migrations.RunPython.noop),
    ]
