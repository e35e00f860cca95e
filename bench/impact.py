# SPDX-License-Identifier: EUPL-1.2
"""Impact benchmark: one scenario over the full GEMMA model joined with 403 landscapes of 300 applications.

    .venv/bin/python bench/impact.py [--fresh] [--strict] [--rounds N] [--import-runs N] [--page-rounds N]

The database var/bench/impact.sqlite3 starts as the page benchmark's (migrate, reference data
with the shipped GEMMA model) and gets 300 generated applications for each of the 403
municipalities of 1 January 2014 (each realising one or two reference components and supporting
most of their standards): about 121 k applications. It is rebuilt when its inputs change, or
with --fresh.

Measures, for the scenarios DigiD (the facility rule set, depth 5) and Participatiewet (the law
rule set, depth 4):

* the engine's traversal against a plain-Python breadth-first traversal of the same graph over
  the same rules, in interleaved rounds (target: at most 2× the baseline);
* the whole run (traversal, set-based join with all landscapes, gaps, estimates; the graph
  cached) as a median time (target: under 1 s).

And the scenario page of DigiD as programme staff (all 403 municipalities, ranked), read from the
stored result (the analysis is kept per scenario and data version, ``impact.analysis.analyse``),
as a ratio to the trivial /health/ view, beside the cached municipality page GM0363 of the monitor
(``bench/monitor.py``) in the same interleaved rounds: the target is the scenario page within the
municipality page's ratio (each is also shown against that page's own target of 10×); the first
reader after a write (the cache empty: the analysis computed and the page rendered) is printed
beside it without a target.

And the import of the shipped GEMMA model (CSV) by the architecture app's importer, rolled back
after each run: median time.

Exit code 0 unless --strict is given and a target is missed.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from collections import deque
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT))

from bench.database import BENCH_DIR, COMMANDS, prepare_database  # noqa: E402
from bench.run import BASELINE, Case, configure_django, measure, report  # noqa: E402

DATABASE = BENCH_DIR / "impact.sqlite3"
APPLICATIONS_PER_MUNICIPALITY = 300
DIVISION = "2014-01-01"
RATIO_TARGET = 2.0
RUN_TARGET_S = 1.0
PAGE_TARGET = 10.0  # the municipality page's target in bench/monitor.py
BENCH_STAFF = "impact-bench@bouwplaats.example"
MUNICIPALITY = "GM0363"  # the municipality page measured beside the scenario page, as in bench/monitor.py


# --- building the database ------------------------------------------------------------------------


def add_landscapes(path: Path, env) -> None:
    """300 applications per municipality of the 2014 division, inserted with plain SQL."""
    rng = random.Random(2014)
    db = sqlite3.connect(path)
    try:
        municipalities = [
            row[0]
            for row in db.execute(
                "SELECT id FROM organisations_municipality WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
                " ORDER BY code",
                (DIVISION, DIVISION),
            )
        ]
        components = [
            row[0]
            for row in db.execute(
                "SELECT object_id FROM architecture_element"
                " WHERE gemma_type = 'Referentiecomponent' AND object_id != '' ORDER BY object_id"
            )
        ]
        realised: dict[str, list[str]] = {}
        for component, standard in db.execute(
            "SELECT s.object_id, t.object_id FROM architecture_relation r"
            " JOIN architecture_element s ON s.id = r.source_id JOIN architecture_element t ON t.id = r.target_id"
            " WHERE r.type = 'RealizationRelationship' AND s.gemma_type = 'Referentiecomponent'"
            " AND t.gemma_type = 'Standaard'"
        ):
            realised.setdefault(component, []).append(standard)
        next_id = (db.execute("SELECT COALESCE(MAX(id), 0) FROM impact_application").fetchone()[0] or 0) + 1
        applications, references = [], []
        for municipality in municipalities:
            for number in range(APPLICATIONS_PER_MUNICIPALITY):
                app_id = next_id
                next_id += 1
                applications.append(
                    (app_id, municipality, f"Applicatie {number}", "Leverancier", "Pakket", "1.0", "demo", 1)
                )
                for component in rng.sample(components, rng.choice((1, 1, 2))):
                    references.append((app_id, "component", component))
                    for standard in realised.get(component, ()):
                        if rng.random() < 0.8:
                            references.append((app_id, "standard", standard))
        db.executemany(
            "INSERT INTO impact_application (id, municipality_id, name, supplier, product, version, source, is_demo,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
            applications,
        )
        db.executemany(
            "INSERT OR IGNORE INTO impact_applicationreference (application_id, kind, object_id) VALUES (?, ?, ?)",
            references,
        )
        db.commit()
    finally:
        db.close()


# --- the baseline: a plain breadth-first traversal ----------------------------------------------


def plain_graph(nodes, relations):
    """Dicts of lists of (relation type, neighbour) in both directions, and the element types."""
    out, inc = {}, {}
    for rel_type, source, target in relations:
        out.setdefault(source, []).append((rel_type, target))
        inc.setdefault(target, []).append((rel_type, source))
    types = {node.id: (node.type, node.gemma_type) for node in nodes}
    return out, inc, types


def plain_bfs(out, inc, types, starts, rules, max_depth):
    """Breadth-first over the rules: every rule checked against every edge, parents kept for paths."""
    parent = dict.fromkeys(starts)
    queue = deque((start, 0) for start in starts)
    while queue:
        here, depth = queue.popleft()
        if depth == max_depth:
            continue
        for adjacency, direction in ((out, "forward"), (inc, "backward")):
            for rel_type, there in adjacency.get(here, ()):
                if there in parent:
                    continue
                for rule in rules:
                    if rule.relation != rel_type or rule.direction not in (direction, "both"):
                        continue
                    if rule.from_type and rule.from_type not in types[here]:
                        continue
                    if rule.to_type and rule.to_type not in types[there]:
                        continue
                    parent[there] = (here, rel_type, direction)
                    queue.append((there, depth + 1))
                    break
    paths = {}
    for element in parent:
        steps, current = [], element
        while parent[current] is not None:
            steps.append(current)
            current = parent[current][0]
        paths[element] = steps[::-1]
    return paths


# --- measuring ------------------------------------------------------------------------------------


def median_ms(samples_ns) -> float:
    return statistics.median(samples_ns) / 1e6


def measure_scenario(scenario, rounds: int) -> dict:
    from bouwplaats.impact.analysis import compute, start_object_ids
    from bouwplaats.impact.engine import traverse
    from bouwplaats.impact.graph import load_graph
    from bouwplaats.impact.rules import parse_rules

    graph = load_graph(scenario.model)
    rules = parse_rules(scenario.rules)
    starts = start_object_ids(scenario)
    from bouwplaats.architecture.models import Relation

    relations = list(
        Relation.objects.filter(model=scenario.model, source__isnull=False, target__isnull=False).values_list(
            "type", "source_id", "target_id"
        )
    )
    out, inc, types = plain_graph(graph.nodes.values(), relations)
    start_ids = [graph.by_object_id[o] for o in starts if o in graph.by_object_id]

    engine_hits = traverse(graph, start_object_ids=starts, rules=rules, max_depth=scenario.max_depth).hits
    baseline_paths = plain_bfs(out, inc, types, start_ids, rules, scenario.max_depth)
    same = {hit.element for hit in engine_hits} == set(baseline_paths)

    engine, baseline, runs = [], [], []
    for _ in range(rounds):
        cases = [("engine", engine), ("baseline", baseline)]
        random.shuffle(cases)
        for name, samples in cases:
            started = time.perf_counter_ns()
            if name == "engine":
                traverse(graph, start_object_ids=starts, rules=rules, max_depth=scenario.max_depth)
            else:
                plain_bfs(out, inc, types, start_ids, rules, scenario.max_depth)
            samples.append(time.perf_counter_ns() - started)
    analysis = compute(scenario)  # the computation itself, not the stored result
    for _ in range(max(3, rounds // 20)):
        started = time.perf_counter_ns()
        compute(scenario)
        runs.append(time.perf_counter_ns() - started)
    totals = analysis.totals()
    return {
        "elements": len(engine_hits),
        "same": same,
        "engine_ms": median_ms(engine),
        "baseline_ms": median_ms(baseline),
        "ratio": statistics.median(engine) / statistics.median(baseline),
        "run_ms": median_ms(runs),
        "applications": totals["applications"],
        "gaps": totals["component_gaps"] + totals["standard_gaps"],
    }


def measure_import(runs: int) -> float:
    from django.conf import settings
    from django.db import transaction

    from bouwplaats.architecture.models import ArchitectureModel
    from bouwplaats.architecture.reference import import_shipped_gemma
    from bouwplaats.impact.models import ImpactScenario

    samples = []
    for _ in range(runs):
        with transaction.atomic():
            ImpactScenario.objects.filter(model__name="GEMMA").delete()  # rolled back with the rest
            ArchitectureModel.objects.filter(name="GEMMA").delete()
            started = time.perf_counter_ns()
            import_shipped_gemma(data_dir=settings.REFERENCE_DATA_DIR)
            samples.append(time.perf_counter_ns() - started)
            transaction.set_rollback(True)
    return median_ms(samples)


def measure_page(model, rounds: int) -> tuple[list[str], bool]:
    """The DigiD scenario page, cached and after a write, against /health/ (as programme staff)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from bouwplaats.accounts.models import Role
    from bouwplaats.impact.models import ImpactScenario
    from bouwplaats.impact.rules import preset_json
    from bouwplaats.impact.seed import DIGID

    staff, _created = get_user_model().objects.get_or_create(
        email=BENCH_STAFF, defaults={"role": Role.STAFF, "is_active": True}
    )
    scenario, _created = ImpactScenario.objects.get_or_create(
        title="DigiD (benchmark)",
        defaults={
            "model": model,
            "start_object_ids": [DIGID],
            "rules": preset_json("facility"),
            "max_depth": 5,
            "created_by": staff,
        },
    )
    client = Client()
    client.force_login(staff)
    path = reverse("impact:scenario-detail", args=[scenario.pk])
    scenario_case = Case("scenario page DigiD (stored result)", path, target=PAGE_TARGET)
    municipality_case = Case(
        "municipality page GM0363 (cached)",
        reverse("monitor:municipality-progress", args=[MUNICIPALITY]),
        target=PAGE_TARGET,
    )
    # The first reader after a write empties the cache: measured in rounds of its own, so that the
    # cached pages stay cached.
    results = measure([BASELINE, scenario_case, municipality_case], rounds=rounds, warmup=2, client=client)
    lines, _each_ok = report(results, results[0], rounds, 2)
    # The target: the cached scenario page within the cached municipality page's ratio, both measured
    # in the same interleaved rounds against the same baseline (and so under the same load).
    by_name = {result.case.name: result for result in results}
    scenario_ms, municipality_ms = (by_name[case.name].median_ms for case in (scenario_case, municipality_case))
    within = scenario_ms <= municipality_ms
    lines.append(
        f"\nScenario page / municipality page: {scenario_ms / municipality_ms:.2f} "
        f"(target ≤ 1, the scenario page within the municipality page's ratio): {'OK' if within else 'OVER'}"
    )
    after_write = Case("scenario page DigiD (after a write)", path, target=None, uncached=True)
    cold = measure([BASELINE, after_write], rounds=max(3, rounds // 6), warmup=1, client=client)
    lines += ["", *report(cold, cold[0], max(3, rounds // 6), 1)[0]]
    return lines, within


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", action="store_true", help="Rebuild the benchmark database.")
    parser.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    parser.add_argument("--rounds", type=int, default=200, help="Traversal rounds per scenario (default 200).")
    parser.add_argument("--import-runs", type=int, default=3, help="Runs of the GEMMA import (default 3).")
    parser.add_argument("--page-rounds", type=int, default=30, help="Rounds of the scenario page (default 30).")
    args = parser.parse_args(argv)

    commands = [command for command in COMMANDS if command[0] in ("migrate", "load_reference_data")]
    print(prepare_database(DATABASE, args.fresh, commands=commands, then=add_landscapes, inputs=["bench/impact.py"]))
    configure_django(DATABASE)

    from bouwplaats.architecture.selectors import current_model
    from bouwplaats.impact.models import Application, ImpactScenario
    from bouwplaats.impact.rules import preset_json
    from bouwplaats.impact.seed import DIGID, PARTICIPATIEWET_STARTS

    model = current_model("GEMMA")
    if model is None:
        print("No GEMMA model in the benchmark database: is load_reference_data complete?")
        return 1
    print(
        f"GEMMA {model.release}: {model.element_count} elements, {model.relation_count} relations; "
        f"{Application.objects.count()} applications."
    )
    scenarios = [
        ImpactScenario(
            title="DigiD", model=model, start_object_ids=[DIGID], rules=preset_json("facility"), max_depth=5
        ),
        ImpactScenario(
            title="Participatiewet",
            model=model,
            start_object_ids=PARTICIPATIEWET_STARTS,
            rules=preset_json("law"),
            max_depth=4,
        ),
    ]
    missed = False
    header = ("scenario", "elements", "engine ms", "plain BFS ms", "ratio", "run ms", "apps", "gaps")
    print("\n{:<16} {:>8} {:>10} {:>13} {:>6} {:>8} {:>6} {:>7}".format(*header))
    for scenario in scenarios:
        result = measure_scenario(scenario, args.rounds)
        over = result["ratio"] > RATIO_TARGET or result["run_ms"] > RUN_TARGET_S * 1000 or not result["same"]
        missed = missed or over
        print(
            f"{scenario.title:<16} {result['elements']:>8} {result['engine_ms']:>10.3f} {result['baseline_ms']:>13.3f} "
            f"{result['ratio']:>5.2f}× {result['run_ms']:>8.1f} {result['applications']:>6} {result['gaps']:>7}"
            f"{'  (same hits as the baseline)' if result['same'] else '  DIFFERENT HITS'}"
            f"{'  OVER TARGET' if over else ''}"
        )
    print(
        f"Targets: traversal ≤ {RATIO_TARGET}× the plain BFS; whole run (join with all landscapes) < {RUN_TARGET_S} s."
    )
    print(f"\nScenario page ({args.page_rounds} rounds, interleaved with /health/):")
    lines, page_ok = measure_page(model, args.page_rounds)
    print("\n".join(lines))
    missed = missed or not page_ok
    print(
        f"\nGEMMA import (CSV, {args.import_runs} runs, rolled back): median {measure_import(args.import_runs):.0f} ms"
    )
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
