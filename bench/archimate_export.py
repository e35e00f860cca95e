# SPDX-License-Identifier: EUPL-1.2
"""AMEFF export benchmark: exporting the GEMMA release and validating the file against the schemas.

    .venv/bin/python bench/archimate_export.py [--fresh] [--strict] [--runs N]

Uses a database of its own (var/bench/archimate.sqlite3: migrate and the reference data, with
the shipped GEMMA model). Each run, interleaved so that drift hits both alike:

* baseline: a plain lxml parse of the exported file and its validation against the ArchiMate 3.1
  exchange schema (``data/archimate-xsd/``, parsed once beforehand);
* the case: ``export_ameff`` of the whole GEMMA release (reading it from the database and writing
  the XML) followed by the same validation.

The ratio is the median of the case over the median of the baseline (target 3×: writing the file
may cost at most twice what reading and checking it costs). Exit code 0 unless --strict is given
and the target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from bench.database import BENCH_DIR, COMMANDS, prepare_database  # noqa: E402
from bench.run import configure_django, environment  # noqa: E402

TARGET = 3.0
REFERENCE_COMMANDS = [command for command in COMMANDS if command[0] in ("migrate", "load_reference_data")]


def measure(runs: int) -> tuple[list[str], bool]:
    from lxml import etree

    from bouwplaats.architecture.importers import export_ameff
    from bouwplaats.architecture.importers.schema import exchange_schema
    from bouwplaats.architecture.selectors import current_model

    gemma = current_model("GEMMA")
    schema = exchange_schema()
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
    content = export_ameff(gemma)
    if not schema.validate(etree.fromstring(content, parser)):
        return [f"The export does not validate: {schema.error_log.last_error}"], False

    def baseline() -> None:
        schema.validate(etree.fromstring(content, parser))

    def export_and_validate() -> None:
        if not schema.validate(etree.fromstring(export_ameff(gemma), parser)):
            raise AssertionError(str(schema.error_log.last_error))

    cases = {"baseline: lxml parse + validation": baseline, "export_ameff + validation": export_and_validate}
    samples: dict[str, list[int]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, work in cases.items():
            start = time.perf_counter_ns()
            work()
            samples[name].append(time.perf_counter_ns() - start)

    base = statistics.median(samples["baseline: lxml parse + validation"])
    width = max(len(name) for name in samples) + 2
    lines = [
        f"GEMMA {gemma.release}: {gemma.element_count} elements, {gemma.relation_count} relations, "
        f"{gemma.view_count} views; file {len(content) / 1e6:.1f} MB",
        f"{runs} runs; ratio = median / median of the baseline",
        "",
        f"{'case':<{width}}{'median ms':>10}{'ratio':>8}{'target':>8}  result",
    ]
    median = statistics.median(samples["export_ameff + validation"])
    ratio = median / base
    ok = ratio <= TARGET
    lines.append(f"{'baseline: lxml parse + validation':<{width}}{base / 1e6:>10.0f}{'1.0x':>8}{'':>8}  base")
    result = "OK" if ok else "OVER"
    lines.append(f"{'export_ameff + validation':<{width}}{median / 1e6:>10.0f}{ratio:>7.1f}x{TARGET:>7g}x  {result}")
    return lines, ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs of each case (default 5)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--strict", action="store_true", help="exit non-zero when the target is missed")
    args = parser.parse_args(argv)

    database_path = BENCH_DIR / "archimate.sqlite3"
    print(prepare_database(database_path, fresh=args.fresh, commands=REFERENCE_COMMANDS))
    configure_django(database_path)
    print("\n".join(environment(database_path)))
    print()
    lines, ok = measure(args.runs)
    print("\n".join(lines))
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
