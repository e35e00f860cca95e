# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from bouwplaats.core.open_data_files import files_update


class Command(BaseCommand):
    help = (
        "Write the prepared open-data files (the spreadsheets of the large tables) that are not current, and "
        "remove those of datasets no longer published (what beat runs every ten minutes)."
    )

    def handle(self, *args, **options):
        counts = files_update()
        self.stdout.write(
            f"{counts['written']} open-data files written, {counts['current']} current, "
            f"{counts['busy']} being written elsewhere, {counts['removed']} removed."
        )
