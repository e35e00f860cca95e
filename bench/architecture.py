# SPDX-License-Identifier: EUPL-1.2
"""Architecture benchmark: the model pages, and importing and exporting the GEMMA model.

    .venv/bin/python bench/architecture.py [--fresh] [--strict] [--rounds N] [--import-runs N]

Uses the page benchmark's database (var/bench/bench.sqlite3: migrate, reference data with the
shipped GEMMA model, demo data).

Pages: the median server time of the model list, the GEMMA model page, an element search and
DigiD's element page, against the trivial /health/ view of the same interleaved rounds
(target 10×).

Import: ``architecture_model_import`` of the shipped GEMMA release read from its CSV files, from its AMEFF
export and from an Archi file, each run in a transaction that is rolled back, against a plain
``executemany`` INSERT of the same element, relation and view-membership rows in the same run
(target 10×: reading, checking and the layer table cost more than writing). Export:
``export_ameff`` of the whole model, median time (printed without a target).

Exit code 0 unless --strict is given and a target is missed.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from bench.database import BENCH_DIR, prepare_database  # noqa: E402
from bench.run import BASELINE, Case, configure_django, environment, measure, report  # noqa: E402

GEMMA = "/architectuur/GEMMA/2026-06-30/"
DIGID = "id-a5786df1-7ecf-11e3-67ab-0050568a6153"
PAGE_TARGET = 10.0
IMPORT_TARGET = 10.0
PAGES = [
    Case("models /architectuur/", "/architectuur/", target=PAGE_TARGET),
    Case("model page GEMMA", GEMMA, target=PAGE_TARGET),
    Case("element search ?q=digid", GEMMA + "elementen/?q=digid", target=PAGE_TARGET),
    Case("element search, standards page 3", GEMMA + "elementen/?gemma_type=Standaard&page=3", target=PAGE_TARGET),
    Case("element page DigiD", f"{GEMMA}elementen/{DIGID}/", target=PAGE_TARGET),
]


class Rollback(Exception):
    pass


def rolled_back(work) -> int:
    """Nanoseconds of ``work()`` inside a transaction that is then rolled back."""
    from django.db import transaction

    start = time.perf_counter_ns()
    try:
        with transaction.atomic():
            work()
            elapsed = time.perf_counter_ns() - start
            raise Rollback
    except Rollback:
        return elapsed


def plain_insert(gemma) -> None:
    """The baseline: the same rows written with executemany, no reading or checking."""
    from django.db import connection

    from bouwplaats.architecture.models import ArchitectureModel, Element, Relation, View

    elements = list(Element.objects.filter(model=gemma).values_list(*ELEMENT_COLUMNS))
    relations = list(Relation.objects.filter(model=gemma).values_list(*RELATION_COLUMNS))
    views = list(View.objects.filter(model=gemma).values_list(*VIEW_COLUMNS))
    members = list(
        View.elements.through.objects.filter(view__model=gemma).values_list("view__identifier", "element__identifier")
    )

    def insert(cursor, table: str, columns: tuple, rows: list) -> None:
        placeholders = ", ".join(["%s"] * (len(columns) + 1))
        # The table and column names are the constants above, never input.
        cursor.executemany(f"INSERT INTO {table} (model_id, {', '.join(columns)}) VALUES ({placeholders})", rows)  # noqa: S608

    def ids(cursor, table: str, model_id: int) -> dict[str, int]:
        cursor.execute(f"SELECT identifier, id FROM {table} WHERE model_id = %s", [model_id])  # noqa: S608
        return dict(cursor.fetchall())

    def work():
        # The model's one row through the ORM, so that its fields' defaults stay the model's own.
        model_id = ArchitectureModel.objects.create(name="bench", release="bench", source_format="csv").pk
        with connection.cursor() as cursor:
            insert(
                cursor, "architecture_element", ELEMENT_COLUMNS, [(model_id, *r[:-1], json(r[-1])) for r in elements]
            )
            element_ids = ids(cursor, "architecture_element", model_id)
            relation_rows = [
                (model_id, *r[:-2], json(r[-2]), json(r[-1]), element_ids.get(r[4]), element_ids.get(r[5]))
                for r in relations
            ]
            insert(cursor, "architecture_relation", (*RELATION_COLUMNS, "source_id", "target_id"), relation_rows)
            view_rows = [(model_id, *r[:-2], json(r[-2]), json(r[-1])) for r in views]
            insert(cursor, "architecture_view", VIEW_COLUMNS, view_rows)
            view_ids = ids(cursor, "architecture_view", model_id)
            cursor.executemany(
                "INSERT INTO architecture_view_elements (view_id, element_id) VALUES (%s, %s)",
                [(view_ids[view], element_ids[element]) for view, element in members],
            )

    return work


def json(value) -> str:
    import json as json_module

    return json_module.dumps(value)


ELEMENT_COLUMNS = (
    "identifier",
    "object_id",
    "type",
    "layer",
    "name",
    "gemma_type",
    "profile",
    "folder_path",
    "documentation",
    "properties",
)
RELATION_COLUMNS = (
    "identifier",
    "object_id",
    "type",
    "name",
    "source_identifier",
    "target_identifier",
    "folder_path",
    "documentation",
    "properties",
    "attributes",
)
VIEW_COLUMNS = ("identifier", "object_id", "name", "viewpoint", "folder_path", "documentation", "properties", "layout")


def measure_imports(runs: int) -> tuple[list[str], bool]:
    from bouwplaats.architecture.importers import export_ameff
    from bouwplaats.architecture.selectors import current_model
    from bouwplaats.architecture.services import architecture_model_import
    from bouwplaats.architecture.tests.modelfiles import write_archimate

    gemma = current_model()
    csv_folder = REPO_ROOT / "data" / "gemma" / "model"
    ameff = export_ameff(gemma)
    archimate = write_archimate(gemma)
    imports = {
        "import GEMMA from CSV": lambda: architecture_model_import(
            actor=None, source=csv_folder, format="csv", name="GEMMA", release="bench-csv"
        ),
        "import GEMMA from AMEFF": lambda: architecture_model_import(
            actor=None, source=io.BytesIO(ameff), format="ameff", release="bench-ameff"
        ),
        "import GEMMA from .archimate": lambda: architecture_model_import(
            actor=None, source=io.BytesIO(archimate), format="archimate", release="bench-archi"
        ),
    }
    baseline_work = plain_insert(gemma)
    samples = {"baseline: plain executemany INSERT": [], **{name: [] for name in imports}}
    export_samples = []
    for _ in range(runs):  # interleaved, so that drift hits every case alike
        samples["baseline: plain executemany INSERT"].append(rolled_back(baseline_work))
        for name, work in imports.items():
            samples[name].append(rolled_back(work))
        start = time.perf_counter_ns()
        export_ameff(gemma)
        export_samples.append(time.perf_counter_ns() - start)

    base = statistics.median(samples["baseline: plain executemany INSERT"])
    width = max(len(name) for name in samples) + 2
    lines = [
        f"{runs} runs, each rolled back; ratio = median / median of the plain INSERT of the same rows",
        "",
        f"{'case':<{width}}{'median ms':>10}{'ratio':>8}{'target':>8}  result",
    ]
    all_ok = True
    for name, values in samples.items():
        median = statistics.median(values)
        if name.startswith("baseline"):
            lines.append(f"{name:<{width}}{median / 1e6:>10.0f}{'1.0x':>8}{'':>8}  base")
            continue
        ratio = median / base
        ok = ratio <= IMPORT_TARGET
        all_ok &= ok
        lines.append(
            f"{name:<{width}}{median / 1e6:>10.0f}{ratio:>7.1f}x{IMPORT_TARGET:>7g}x  {'OK' if ok else 'OVER'}"
        )
    lines.append(
        f"{'export GEMMA as AMEFF':<{width}}{statistics.median(export_samples) / 1e6:>10.0f}"
        f"{'':>8}{'':>8}  ({len(ameff) / 1e6:.1f} MB)"
    )
    return lines, all_ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=100, help="page rounds (default 100)")
    parser.add_argument("--warmup", type=int, default=10, help="page warm-up rounds (default 10)")
    parser.add_argument("--import-runs", type=int, default=5, help="runs of each import (default 5)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--strict", action="store_true", help="exit non-zero when a target is missed")
    args = parser.parse_args(argv)

    database_path = BENCH_DIR / "bench.sqlite3"
    print(prepare_database(database_path, fresh=args.fresh))
    configure_django(database_path)
    print("\n".join(environment(database_path)))
    print()

    results = measure([BASELINE, *PAGES], rounds=args.rounds, warmup=args.warmup)
    if results[0].error:
        print(f"The baseline {BASELINE.path} failed: {results[0].error}", file=sys.stderr)
        return 2
    lines, pages_ok = report(results, results[0], args.rounds, args.warmup)
    print("\n".join(lines))
    print()
    lines, imports_ok = measure_imports(args.import_runs)
    print("\n".join(lines))
    if args.strict and not (pages_ok and imports_ok):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
