# SPDX-License-Identifier: EUPL-1.2
"""The yes/no setting ``municipality_status_public`` becomes a choice of three.

Existing programmes keep who sees what: "public" stays public, and "not public" becomes "aggregated
figures only", so that nothing hidden becomes visible by this migration. The one exception is
Operatie NUP (the programme of the reference data, which ended on 1 January 2015): it gets
"public after the programme has ended", like every new programme, as the programme decided.
"""

from django.db import migrations, models

PUBLIC = "public"
AFTER_END = "after_end"
AGGREGATED = "aggregated"
OPERATIE_NUP = "operatie-nup"


def visibility_for(slug: str, status_public: bool) -> str:
    if status_public:
        return PUBLIC
    return AFTER_END if slug == OPERATIE_NUP else AGGREGATED


def forwards(apps, schema_editor):
    Programme = apps.get_model("catalogue", "Programme")
    for programme in Programme.objects.only("pk", "slug", "municipality_status_public"):
        Programme.objects.filter(pk=programme.pk).update(
            municipality_status_visibility=visibility_for(programme.slug, programme.municipality_status_public)
        )


def backwards(apps, schema_editor):
    Programme = apps.get_model("catalogue", "Programme")
    Programme.objects.update(municipality_status_public=False)
    Programme.objects.filter(municipality_status_visibility=PUBLIC).update(municipality_status_public=True)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_catalogue_texts_and_traced_agreements"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="municipality_status_visibility",
            field=models.CharField(
                choices=[
                    ("public", "public"),
                    ("after_end", "public after the programme has ended"),
                    ("aggregated", "aggregated figures only"),
                ],
                default="after_end",
                help_text=(
                    "Who sees each municipality's own progress. The aggregated figures (national, per province) "
                    "are always public; programme staff and a municipality's own coordinators always see its "
                    "details."
                ),
                max_length=20,
                verbose_name="progress per municipality",
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name="programme", name="municipality_status_public"),
    ]
