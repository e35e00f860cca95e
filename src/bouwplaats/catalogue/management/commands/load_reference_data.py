# SPDX-License-Identifier: EUPL-1.2
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bouwplaats.catalogue.seed import load_reference_data
from bouwplaats.organisations.reference_data import ReferenceDataError


class Command(BaseCommand):
    help = (
        "Load municipalities, provinces, mergers, population and the Operatie NUP catalogue from the "
        "reference data folder. Checks everything first and writes nothing when a file has a problem; "
        "safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder with gemeenten/ and programmes/ (default: the REFERENCE_DATA_DIR setting).",
        )

    def handle(self, *args, data_dir=None, verbosity=1, **options):
        data_dir = data_dir or Path(settings.REFERENCE_DATA_DIR)
        try:
            counts = load_reference_data(data_dir=data_dir)
        except ReferenceDataError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                f"The reference data in {data_dir} has {len(error.problems)} problem(s); nothing was written:\n{lines}"
            )
        if verbosity >= 1:
            self.stdout.write(f"Reference data loaded from {data_dir}:")
            for kind, numbers in counts.items():
                summary = ", ".join(f"{number} {label}" for label, number in numbers.items())
                self.stdout.write(f"  {kind}: {summary}")
