# SPDX-License-Identifier: EUPL-1.2
"""StUF conformance benchmark: validating the 23 example messages through the conformance check.

    .venv/bin/python bench/stuf.py [--rounds N] [--strict] [--parse-all]

Each of the 23 ZDS example messages (data/stuf/voorbeeldberichten_zds/) is checked through
``conformance.validation.check_upload`` (reading the upload, SHA-256, the safe parse with its
limits, choosing the schema, validating with the time limit, the report's findings) and, in the
same interleaved rounds, validated by plain ``xmlschema`` with the same pre-loaded schema
(``schema.iter_errors`` of the message's bytes). Printed: the median per message of both, their
ratio, and the ratio of the sums of the medians (target 1.5×).

Also printed: what parsing the schema costs once per process (the first check's wait), and with
--parse-all that of every schema file, and checking all 23 messages in one ZIP file.

Exit code 0 unless --strict is given and the target is missed.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

TARGET = 1.5
EXAMPLES = REPO_ROOT / "data" / "stuf" / "voorbeeldberichten_zds"


def configure_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bouwplaats.conf.dev"
    os.environ["LOG_LEVEL"] = "ERROR"
    import django

    django.setup()


def median_ms(samples: list[int]) -> float:
    return statistics.median(samples) / 1e6


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30, help="rounds over the 23 messages (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up rounds (default 3)")
    parser.add_argument("--parse-all", action="store_true", help="also time parsing StUF-BG 2.04 and StUF-BG 3.10")
    parser.add_argument("--strict", action="store_true", help="exit non-zero when the target is missed")
    args = parser.parse_args(argv)
    configure_django()

    import platform

    import xmlschema
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bouwplaats.suppliers.conformance import schemas
    from bouwplaats.suppliers.conformance.validation import check_upload
    from bouwplaats.suppliers.models import SchemaSet

    print(f"Python {platform.python_version()}, xmlschema {xmlschema.__version__}, {os.cpu_count()} CPU(s)")
    zkn = schemas.schema_file_for(SchemaSet.STUF_ZKN_0310, schemas.ZKN0310)
    files = [zkn]
    if args.parse_all:
        files = [file for set_files in schemas.SCHEMA_FILES.values() for file in set_files]
    for file in files:
        start = time.perf_counter()
        schemas.schema(file)
        print(f"parsing the {file.label} schema (once per process): {time.perf_counter() - start:.1f} s")
    schema = schemas.schema(zkn)

    messages = {path.name: path.read_bytes() for path in sorted(EXAMPLES.glob("*.xml"))}

    def ours(name: str, data: bytes) -> None:
        outcome = check_upload(SimpleUploadedFile(name, data), schema_set=SchemaSet.STUF_ZKN_0310)
        assert outcome.passed, (name, outcome.results())

    def plain(name: str, data: bytes) -> None:
        errors = list(schema.iter_errors(io.BytesIO(data)))
        assert not errors, (name, errors[:1])

    samples = {name: {"plain": [], "ours": []} for name in messages}
    for round_number in range(args.warmup + args.rounds):
        for name, data in messages.items():  # interleaved, so that drift hits both alike
            for case, work in (("plain", plain), ("ours", ours)):
                start = time.perf_counter_ns()
                work(name, data)
                elapsed = time.perf_counter_ns() - start
                if round_number >= args.warmup:
                    samples[name][case].append(elapsed)

    width = max(len(name) for name in messages) + 2
    print(f"\n{args.rounds} rounds after {args.warmup} warm-up rounds; median per message")
    print(f"{'message':<{width}}{'bytes':>8}{'plain ms':>10}{'ours ms':>10}{'ratio':>8}")
    total_plain = total_ours = 0.0
    ratios = []
    for name, data in messages.items():
        plain_ms, ours_ms = median_ms(samples[name]["plain"]), median_ms(samples[name]["ours"])
        total_plain += plain_ms
        total_ours += ours_ms
        ratios.append(ours_ms / plain_ms)
        print(f"{name:<{width}}{len(data):>8}{plain_ms:>10.2f}{ours_ms:>10.2f}{ours_ms / plain_ms:>7.2f}x")
    ratio = total_ours / total_plain
    ok = ratio <= TARGET
    print(f"{'all 23 (sum of medians)':<{width}}{'':>8}{total_plain:>10.1f}{total_ours:>10.1f}{ratio:>7.2f}x")
    print(f"median of the per-message ratios: {statistics.median(ratios):.2f}x")
    verdict = "OK" if ok else "OVER"
    print(f"ratio to plain xmlschema with the same pre-loaded schema: {ratio:.2f}x (target {TARGET:g}x) {verdict}")

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in messages.items():
            archive.writestr(name, data)
    zipped = buffer.getvalue()
    runs = []
    for _ in range(max(3, args.rounds // 5)):
        start = time.perf_counter_ns()
        check_upload(SimpleUploadedFile("zds.zip", zipped), schema_set=SchemaSet.STUF_ZKN_0310)
        runs.append(time.perf_counter_ns() - start)
    print(f"the 23 messages in one ZIP file ({len(zipped):,} bytes): median {median_ms(runs):.0f} ms per upload")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
