# SPDX-License-Identifier: EUPL-1.2
"""Loading the reference data: the municipal files and the Operatie NUP programme.

:func:`load_reference_data` reads and checks every file first and writes nothing when any problem
is found; otherwise it writes everything in one transaction and records one audit entry when
something changed. The programme, its status ladder, building blocks and dependencies are only
created when missing: what programme staff changed later is kept. The same holds for the texts:
a block's description (Dutch, English and its source) and the programme's number of result
agreements are filled only where they are still empty ("completed"), and the traced result
agreements are entered only when the programme has none, like the status ladder. The apps above the
catalogue add their reference data to the same run (``reference_steps``): checked with the rest, and
written after the GEMMA model.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format

from bouwplaats.architecture.reference import METADATA_FILE, MODEL_FOLDER, import_shipped_gemma
from bouwplaats.audit import services as audit
from bouwplaats.organisations.reference_data import Problems, ReferenceDataError, read_municipal_data
from bouwplaats.organisations.reference_data.schema import (
    Column,
    boolean,
    choice,
    date,
    non_negative_int,
    optional,
    parse_values,
    pattern,
    read_csv,
    read_json,
    text,
    url,
    uuid_text,
)
from bouwplaats.organisations.services import municipal_data_apply

from .models import (
    BuildingBlock,
    DeadlineBasis,
    Evidence,
    MunicipalityRole,
    Programme,
    ResultAgreement,
    StatusLevel,
    Wording,
)
from .reference_steps import reference_steps

FOLDER = "programmes"
PROGRAMME_FILE = f"{FOLDER}/operatie-nup.json"
BLOCKS_FILE = f"{FOLDER}/operatie-nup-bouwstenen.csv"
DESCRIPTIONS_FILE = f"{FOLDER}/operatie-nup-beschrijvingen.csv"
AGREEMENTS_FILE = f"{FOLDER}/operatie-nup-resultaatafspraken.csv"
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
    Column("result_agreement_total", optional(non_negative_int)),
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


DESCRIPTION_COLUMNS = [
    Column("code", text(40)),
    Column("description", text()),
    Column("description_en", optional(text(), "")),
    Column("description_source", optional(url, "")),
]
# The texts a block gets from the descriptions file, filled where empty.
DESCRIPTION_FIELDS = ("description", "description_en", "description_source")

NOT_FOUND = "niet gevonden"
_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\s*\((?P<note>[^()]+)\))?")
_NOT_FOUND = re.compile(re.escape(NOT_FOUND) + r"(?:\s*\([^()]+\))?")


def deadline_with_note(value) -> tuple[datetime.date | None, str]:
    """The deadline column of the agreements file: a date with an optional note in brackets,
    or "niet gevonden" (optionally with a note), which gives no date and keeps the words as the note."""
    if isinstance(value, str) and _NOT_FOUND.fullmatch(value):
        return None, value
    found = _DATED.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(f"{value!r} is not a date YYYY-MM-DD (with an optional note in brackets) or {NOT_FOUND!r}")
    return date()(found.group(1)), _ISO_DATE.sub(_written_date, found.group("note") or "")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _written_date(match: re.Match) -> str:
    """A date in a note as the (Dutch) file's readers write it: "31 december 2012"."""
    with translation.override("nl"):
        return date_format(datetime.date.fromisoformat(match.group()), "j F Y")


def criterion_text(value) -> str:
    """The criterion column: "niet gevonden" alone means no criterion is known (empty)."""
    return "" if value == NOT_FOUND else text()(value)


AGREEMENT_COLUMNS = [
    Column("voorziening", text(200)),
    Column("wording_nl", text(), attr="text"),
    Column("deadline", deadline_with_note),
    Column("criterion", criterion_text),
    Column("evidence", choice(Evidence.values)),
    Column("source_url", url),
    Column("quote", optional(text(500), ""), attr="source_quote"),
]
AGREEMENT_FIELDS = [
    Column("voorziening", text(200)),
    Column("number", non_negative_int),
    Column("title", text(200)),
    Column("required_level", text(40)),
    Column("wording", choice([value for value in Wording.values if value != Wording.OFFICIAL])),
]


@dataclass
class ProgrammeData:
    programme: SimpleNamespace
    levels: list[SimpleNamespace] = field(default_factory=list)
    blocks: list[SimpleNamespace] = field(default_factory=list)
    dependencies: list[SimpleNamespace] = field(default_factory=list)
    descriptions: dict[str, SimpleNamespace] = field(default_factory=dict)  # by block code
    agreements: list[SimpleNamespace] = field(default_factory=list)  # a CSV row joined with its JSON object


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


def _check_descriptions(descriptions: list[SimpleNamespace], codes: set[str], problems: Problems) -> None:
    _unique(descriptions, "code", DESCRIPTIONS_FILE, problems)
    for row in descriptions:
        if row.code not in codes:
            problems.add(
                DESCRIPTIONS_FILE, row.line, "code", f"{row.code!r} is not a building block code in {BLOCKS_FILE}"
            )


def _join_agreements(
    document, rows: list[SimpleNamespace], data: ProgrammeData, problems: Problems
) -> list[SimpleNamespace]:
    """Each row of the agreements file joined with how it is entered (its object under ``result_agreements``)."""
    items = document.get("result_agreements")
    if items is None:
        items = []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        problems.add(
            PROGRAMME_FILE, document.line_of("result_agreements"), "result_agreements", "must be a list of objects"
        )
        return []
    codes = {block.code for block in data.blocks}
    levels = {level.code for level in data.levels}
    by_name = {row.voorziening: row for row in rows}
    entries = []
    for item in items:
        entry = parse_values(item, AGREEMENT_FIELDS, file=PROGRAMME_FILE, line_of=item.line_of, problems=problems)
        blocks = item.get("building_blocks")
        if not isinstance(blocks, list) or not blocks or not all(isinstance(code, str) for code in blocks):
            problems.add(PROGRAMME_FILE, item.line_of("building_blocks"), "building_blocks", "must be a list of codes")
            continue
        for code in blocks:
            if code not in codes:
                problems.add(
                    PROGRAMME_FILE,
                    item.line_of("building_blocks"),
                    "building_blocks",
                    f"{code!r} is not a building block code in {BLOCKS_FILE}",
                )
        if entry is None:
            continue
        entry.line, entry.codes = item.line, blocks
        if entry.number < 1:
            problems.add(PROGRAMME_FILE, item.line_of("number"), "number", "must be 1 or more")
        if entry.required_level not in levels:
            problems.add(
                PROGRAMME_FILE,
                item.line_of("required_level"),
                "required_level",
                f"{entry.required_level!r} is not the code of a status level",
            )
        if entry.voorziening not in by_name:
            problems.add(
                PROGRAMME_FILE,
                item.line_of("voorziening"),
                "voorziening",
                f"{entry.voorziening!r} is not a voorziening in {AGREEMENTS_FILE}",
            )
        entries.append(entry)
    _unique(entries, "voorziening", PROGRAMME_FILE, problems)
    _unique(entries, "number", PROGRAMME_FILE, problems)
    _unique(rows, "voorziening", AGREEMENTS_FILE, problems)
    entered = {entry.voorziening for entry in entries}
    for row in rows:
        if row.voorziening not in entered:
            problems.add(
                AGREEMENTS_FILE,
                row.line,
                "voorziening",
                f"{row.voorziening!r} is not entered under result_agreements in {PROGRAMME_FILE}",
            )
    return [
        SimpleNamespace(**{**vars(by_name[entry.voorziening]), **vars(entry)})
        for entry in entries
        if entry.voorziening in by_name
    ]


def read_programme(data_dir: Path, *, problems: Problems) -> ProgrammeData | None:
    """Read and check the programme metadata and its building blocks; problems are added."""
    document = read_json(data_dir, PROGRAMME_FILE, problems=problems)
    blocks = read_csv(data_dir, BLOCKS_FILE, BLOCK_COLUMNS, problems=problems)
    descriptions = read_csv(data_dir, DESCRIPTIONS_FILE, DESCRIPTION_COLUMNS, problems=problems)
    agreement_rows = read_csv(data_dir, AGREEMENTS_FILE, AGREEMENT_COLUMNS, problems=problems)
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
    _check_descriptions(descriptions, {block.code for block in data.blocks}, problems)
    data.descriptions = {row.code: row for row in descriptions}
    data.agreements = _join_agreements(document, agreement_rows, data, problems)
    return data


def _texts(data: ProgrammeData, code: str) -> dict[str, str]:
    row = data.descriptions.get(code)
    return {name: getattr(row, name) for name in DESCRIPTION_FIELDS} if row else {}


def _complete_texts(block: BuildingBlock, texts: dict[str, str]) -> bool:
    """Fill the block's empty texts from the file; True when something was filled.

    The English text and the source belong to the Dutch one: they are only added while the Dutch
    description is empty or still the file's, so they never go with a description staff rewrote.
    """
    if not texts or block.description not in ("", texts["description"]):
        return False
    filled = False
    for name in DESCRIPTION_FIELDS:
        if not getattr(block, name) and texts[name]:
            setattr(block, name, texts[name])
            filled = True
    return filled


def _seed_agreements(programme: Programme, data: ProgrammeData, blocks: dict[str, BuildingBlock]) -> int:
    """Enter the traced result agreements when the programme has none (like the ladder: one whole),
    with their building blocks, in two inserts."""
    if programme.result_agreements.exists():
        return 0
    levels = {level.code: level for level in programme.status_levels.all()}
    rows = [
        row  # not entered when staff changed the ladder or removed a block
        for row in data.agreements
        if row.required_level in levels and all(code in blocks for code in row.codes)
    ]
    agreements = ResultAgreement.objects.bulk_create(
        ResultAgreement(
            programme=programme,
            number=row.number,
            title=row.title,
            wording=row.wording,
            text=row.text,
            criterion=row.criterion,
            deadline=row.deadline[0],
            deadline_note=row.deadline[1],
            required_level=levels[row.required_level],
            evidence=row.evidence,
            source_url=row.source_url,
            source_quote=row.source_quote,
        )
        for row in rows
    )
    through = ResultAgreement.building_blocks.through
    through.objects.bulk_create(
        through(resultagreement_id=agreement.pk, buildingblock_id=blocks[code].pk)
        for agreement, row in zip(agreements, rows, strict=True)
        for code in dict.fromkeys(row.codes)
    )
    return len(agreements)


def apply_programme(*, data: ProgrammeData) -> dict[str, dict[str, int]]:
    """Create the programme, its status ladder, building blocks, dependencies and traced result
    agreements where missing, and fill the texts that are still empty."""
    with transaction.atomic():
        values = _values(data.programme)
        programme = Programme.objects.filter(slug=values["slug"]).first()
        programme_created = programme is None
        programme_completed = False
        if programme_created:
            programme = Programme.objects.create(**values)
        elif programme.result_agreement_total is None and values["result_agreement_total"] is not None:
            programme.result_agreement_total = values["result_agreement_total"]
            programme.save(update_fields=["result_agreement_total"])
            programme_completed = True

        # The ladder is one whole: seeded only when the programme has none.
        levels_created = 0
        if not programme.status_levels.exists():
            StatusLevel.objects.bulk_create(
                StatusLevel(programme=programme, position=position, **_values(level))
                for position, level in enumerate(data.levels)
            )
            levels_created = len(data.levels)

        blocks = {block.code: block for block in programme.building_blocks.all()}
        completed = [block for block in blocks.values() if _complete_texts(block, _texts(data, block.code))]
        BuildingBlock.objects.bulk_update(completed, DESCRIPTION_FIELDS)
        new_blocks = [
            BuildingBlock(programme=programme, **_values(block), **_texts(data, block.code))
            for block in data.blocks
            if block.code not in blocks
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
        agreements_created = _seed_agreements(programme, data, blocks)
    kept_blocks = len(data.blocks) - len(new_blocks) - len(completed)
    return {
        "programmes": {
            "created": int(programme_created),
            "completed": int(programme_completed),
            "kept": int(not programme_created and not programme_completed),
        },
        "status levels": {"created": levels_created, "kept": len(data.levels) - levels_created},
        "building blocks": {"created": len(new_blocks), "completed": len(completed), "kept": kept_blocks},
        "dependencies": {"created": len(new_links), "kept": len(wanted) - len(new_links)},
        "result agreements": {"created": agreements_created, "kept": len(data.agreements) - agreements_created},
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
    # The reference data of the apps above the catalogue (reference_steps), checked before anything is written.
    steps = [(step, step.read(data_dir, problems)) for step in reference_steps()]
    if problems:
        raise ReferenceDataError(problems)
    with transaction.atomic():
        counts = municipal_data_apply(data=municipal)
        counts.update(apply_programme(data=programme))
        counts["architecture models"] = _import_gemma(data_dir)
        for step, step_data in steps:
            counts.update(step.apply(step_data))
        if any(kind.get("created") or kind.get("updated") or kind.get("completed") for kind in counts.values()):
            audit.record(
                actor=None,
                action=AUDIT_ACTION,
                object_type="reference_data",
                object_label=f"{data_dir.name} ({datetime.date.today().isoformat()})",
                changes=counts,
            )
    return counts
