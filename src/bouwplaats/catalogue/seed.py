"""Loading the reference data: the municipal files and the Operatie NUP programme.

:func:`load_reference_data` reads and checks every file first and writes nothing when any problem
is found; otherwise it writes everything in one transaction and records one audit entry when
something changed. The programme, its status ladder, building blocks and dependencies are only
created when missing: what programme staff changed later is kept.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction

from bouwplaats.architecture.reference import METADATA_FILE, MODEL_FOLDER, import_shipped_gemma
from bouwplaats.audit import services as audit
from bouwplaats.organisations.reference_data import Problems, ReferenceDataError, read_municipal_data
from bouwplaats.organisations.reference_data.schema import (
    Column,
    boolean,
    choice,
    date,
    optional,
    parse_values,
    pattern,
    read_csv,
    read_json,
    text,
    url,
    uuid_text,
)
from bouwplaats.organisations.services import apply_municipal_data

from .models import BuildingBlock, DeadlineBasis, Evidence, MunicipalityRole, Programme, StatusLevel

FOLDER = "programmes"
PROGRAMME_FILE = f"{FOLDER}/operatie-nup.json"
BLOCKS_FILE = f"{FOLDER}/operatie-nup-bouwstenen.csv"
AUDIT_ACTION = "reference_data.load"

SLUG = pattern(r"[-a-z0-9_]{1,50}", "a short name of lower-case letters, digits and hyphens")

PROGRAMME_FIELDS = [
    Column("slug", SLUG),
    Column("name", text(150)),
    Column("description", optional(text(), "")),
    Column("owner", optional(text(150), "")),
    Column("executor", optional(text(150), "")),
    Column("start_date", date()),
    Column("start_date_note", optional(text(500), "")),
    Column("end_date", optional(date())),
    Column("reference_date", date()),
    Column("is_current", optional(boolean, False)),
]
LEVEL_FIELDS = [
    Column("code", pattern(r"[-a-z0-9_]{1,40}", "a code of lower-case letters, digits and hyphens")),
    Column("name", text(100)),
    Column("description", optional(text(), "")),
]
DEPENDENCY_FIELDS = [Column("block", text(40)), Column("depends_on", text(40)), Column("note", optional(text(), ""))]
BLOCK_COLUMNS = [
    Column("code", pattern(r"[A-Z0-9][A-Z0-9+-]{0,39}", "a code of capital letters, digits, '+' and '-'")),
    Column("name", text(200)),
    Column("cluster", text(100)),
    Column("owner", text(150)),
    Column("gemma_object_id", optional(uuid_text, "")),
    Column("municipality_role", choice(MunicipalityRole.values)),
    Column("deadline", optional(date())),
    Column("deadline_basis", optional(choice(DeadlineBasis.values), "")),
    Column("evidence", choice(Evidence.values)),
    Column("source_url", optional(url, "")),
]


@dataclass
class ProgrammeData:
    programme: SimpleNamespace
    levels: list[SimpleNamespace] = field(default_factory=list)
    blocks: list[SimpleNamespace] = field(default_factory=list)
    dependencies: list[SimpleNamespace] = field(default_factory=list)


def _values(parsed: SimpleNamespace) -> dict:
    """The parsed values as model field values (without the line number)."""
    return {key: value for key, value in vars(parsed).items() if key != "line"}


def _objects(document, key: str, fields: list[Column], problems: Problems, *, required: bool) -> list:
    """Parse the list of objects under ``key``; each result has the ``line`` of its object."""
    items = document.get(key)
    if items is None and not required:
        return []
    if not isinstance(items, list) or (required and not items) or not all(isinstance(i, dict) for i in items):
        problems.add(PROGRAMME_FILE, document.line_of(key), key, "must be a non-empty list of objects")
        return []
    parsed = []
    for item in items:
        values = parse_values(item, fields, file=PROGRAMME_FILE, line_of=item.line_of, problems=problems)
        if values is not None:
            values.line = item.line
            parsed.append(values)
    return parsed


def _unique(items, attr: str, file: str, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for item in items:
        value = getattr(item, attr)
        if value in seen:
            problems.add(file, item.line, attr, f"{value!r} is already used on line {seen[value]}")
        seen.setdefault(value, item.line)


def _path(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """A path of dependencies from ``start`` to ``goal``, if there is one."""
    stack, seen = [[start]], {start}
    while stack:
        path = stack.pop()
        if path[-1] == goal:
            return path
        for following in sorted(graph.get(path[-1], ())):
            if following not in seen:
                seen.add(following)
                stack.append([*path, following])
    return None


def _check_dependencies(data: ProgrammeData, problems: Problems) -> None:
    codes = {block.code for block in data.blocks}
    graph: dict[str, set[str]] = {}
    for dependency in data.dependencies:
        unknown = [attr for attr in ("block", "depends_on") if getattr(dependency, attr) not in codes]
        for attr in unknown:
            problems.add(
                PROGRAMME_FILE,
                dependency.line,
                attr,
                f"{getattr(dependency, attr)!r} is not a building block code in {BLOCKS_FILE}",
            )
        if unknown:
            continue
        cycle = _path(graph, dependency.depends_on, dependency.block)
        if cycle is not None:
            problems.add(
                PROGRAMME_FILE,
                dependency.line,
                "depends_on",
                f"creates a cycle: {' → '.join([dependency.block, *cycle])}",
            )
            continue
        graph.setdefault(dependency.block, set()).add(dependency.depends_on)


def read_programme(data_dir: Path, *, problems: Problems) -> ProgrammeData | None:
    """Read and check the programme metadata and its building blocks; problems are added."""
    document = read_json(data_dir, PROGRAMME_FILE, problems=problems)
    blocks = read_csv(data_dir, BLOCKS_FILE, BLOCK_COLUMNS, problems=problems)
    if document is None:
        return None
    if not isinstance(document, dict):
        problems.add(PROGRAMME_FILE, 1, "file", "must hold one JSON object")
        return None
    programme = parse_values(
        document, PROGRAMME_FIELDS, file=PROGRAMME_FILE, line_of=document.line_of, problems=problems
    )
    data = ProgrammeData(
        programme=programme,
        levels=_objects(document, "status_levels", LEVEL_FIELDS, problems, required=True),
        blocks=blocks,
        dependencies=_objects(document, "dependencies", DEPENDENCY_FIELDS, problems, required=False),
    )
    if programme is not None and programme.end_date and programme.end_date <= programme.start_date:
        problems.add(PROGRAMME_FILE, document.line_of("end_date"), "end_date", "must be after start_date")
    _unique(data.levels, "code", PROGRAMME_FILE, problems)
    _unique(data.levels, "name", PROGRAMME_FILE, problems)
    _unique(data.blocks, "code", BLOCKS_FILE, problems)
    _check_dependencies(data, problems)
    return data


def apply_programme(*, data: ProgrammeData) -> dict[str, dict[str, int]]:
    """Create the programme, its status ladder, building blocks and dependencies where missing."""
    with transaction.atomic():
        values = _values(data.programme)
        programme = Programme.objects.filter(slug=values["slug"]).first()
        programme_created = programme is None
        if programme_created:
            programme = Programme.objects.create(**values)

        # The ladder is one whole: seeded only when the programme has none.
        levels_created = 0
        if not programme.status_levels.exists():
            StatusLevel.objects.bulk_create(
                StatusLevel(programme=programme, position=position, **_values(level))
                for position, level in enumerate(data.levels)
            )
            levels_created = len(data.levels)

        blocks = {block.code: block for block in programme.building_blocks.all()}
        new_blocks = [
            BuildingBlock(programme=programme, **_values(block)) for block in data.blocks if block.code not in blocks
        ]
        BuildingBlock.objects.bulk_create(new_blocks)
        blocks.update({block.code: block for block in new_blocks})

        through = BuildingBlock.depends_on.through
        existing = set(
            through.objects.filter(from_buildingblock__programme=programme).values_list(
                "from_buildingblock_id", "to_buildingblock_id"
            )
        )
        wanted = {(blocks[d.block].pk, blocks[d.depends_on].pk) for d in data.dependencies}
        new_links = wanted - existing
        through.objects.bulk_create(
            through(from_buildingblock_id=source, to_buildingblock_id=target) for source, target in sorted(new_links)
        )
    return {
        "programmes": {"created": int(programme_created), "kept": int(not programme_created)},
        "status levels": {"created": levels_created, "kept": len(data.levels) - levels_created},
        "building blocks": {"created": len(new_blocks), "kept": len(data.blocks) - len(new_blocks)},
        "dependencies": {"created": len(new_links), "kept": len(wanted) - len(new_links)},
    }


def _import_gemma(data_dir: Path) -> dict[str, int]:
    """The shipped GEMMA release; a problem rolls back everything loaded in this run."""
    try:
        outcome = import_shipped_gemma(data_dir=data_dir)
    except (OSError, ValueError, KeyError) as error:
        problems = Problems()
        problems.add(METADATA_FILE, 0, "file", f"cannot be read ({error})")
        raise ReferenceDataError(problems) from None
    except ValidationError as error:
        problems = Problems()
        for field, messages in error.message_dict.items():
            for message in messages:
                problems.add(MODEL_FOLDER, 0, field, message)
        raise ReferenceDataError(problems) from None
    return {"created": int(outcome.created), "kept": int(outcome.unchanged)}


def load_reference_data(*, data_dir: Path | str) -> dict[str, dict[str, int]]:
    """Check every reference file, then write all of it in one transaction.

    Raises :class:`ReferenceDataError` listing every problem; nothing is written then.
    Returns the counts per kind of object (created / updated / unchanged, or created / kept).
    """
    data_dir = Path(data_dir)
    problems = Problems()
    municipal = read_municipal_data(data_dir, problems=problems)
    programme = read_programme(data_dir, problems=problems)
    if problems:
        raise ReferenceDataError(problems)
    with transaction.atomic():
        counts = apply_municipal_data(data=municipal)
        counts.update(apply_programme(data=programme))
        counts["architecture models"] = _import_gemma(data_dir)
        if any(kind.get("created") or kind.get("updated") for kind in counts.values()):
            audit.record(
                actor=None,
                action=AUDIT_ACTION,
                object_type="reference_data",
                object_label=f"{data_dir.name} ({datetime.date.today().isoformat()})",
                changes=counts,
            )
    return counts
