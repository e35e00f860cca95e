# SPDX-License-Identifier: EUPL-1.2
"""The municipal division 1990–2025, mergers and population, read and checked from ``data/gemeenten``.

Nothing here writes: :func:`read_municipal_data` returns a :class:`MunicipalData` (or adds problems),
and ``organisations.services.municipal_data_apply`` writes it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..constants import PROVINCE_ALIASES, PROVINCES
from .schema import Column, Problems, date, non_negative_int, optional, pattern, read_csv, text

FOLDER = "gemeenten"
DIVISION_FILE = f"{FOLDER}/nlextract_gemeentelijke-indeling_1990-2025.csv"
MERGERS_FILE = f"{FOLDER}/rvig_tabel33_gemeententabel_2022-11.csv"

FOUR_DIGITS = pattern(r"\d{4}", "a four-digit municipality code")
GM_CODE = pattern(r"GM\d{4}", "a municipality code (GM and four digits)")

DIVISION_COLUMNS = [
    Column("provinciecode", pattern(r"\d{2}", "a two-digit province code"), "province_code"),
    Column("provincienaam", text(100), "province_name"),
    Column("gemeentecode", FOUR_DIGITS, "code"),
    Column("gemeentenaam", text(100), "name"),
    Column("begindatum", date(), "valid_from"),
    Column("einddatum", optional(date()), "valid_to"),
]

MERGER_COLUMNS = [
    Column("92.10 Gemeentecode", FOUR_DIGITS, "code"),
    Column("92.11 Omschrijving", text(), "name"),
    Column("92.12 Nieuwe code", optional(FOUR_DIGITS, ""), "new_code"),
    Column("99.98 Datum ingang", optional(date("%Y%m%d")), "valid_from"),
    Column("99.99 Datum einde", optional(date("%Y%m%d")), "valid_to"),
]


@dataclass(frozen=True)
class PopulationSource:
    """A file with the number of inhabitants per municipality on 1 January of ``year``."""

    file: str
    year: int
    code_column: str
    inhabitants_column: str
    source: str
    derive_for_successors: bool = False  # give later municipalities the sum of their predecessors

    @property
    def columns(self) -> list[Column]:
        return [
            Column(self.code_column, GM_CODE, "code"),
            Column(self.inhabitants_column, non_negative_int, "inhabitants"),
        ]

    @property
    def date(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)


POPULATION_SOURCES = [
    PopulationSource(
        f"{FOLDER}/cbs_wijkbuurtkaart_2014_gemeenten.csv",
        2014,
        "GM_CODE",
        "AANT_INW",
        "CBS Wijk- en buurtkaart 2014 (afgerond op vijftallen)",
    ),
    PopulationSource(
        f"{FOLDER}/cbs_85067NED_gebieden_in_nederland_2022.csv",
        2022,
        "Code_1",
        "Inwonertal_54",
        "CBS StatLine 85067NED Gebieden in Nederland 2022",
        derive_for_successors=True,
    ),
]


@dataclass(eq=False)
class Period:
    """One period of one municipality code, as in the division file."""

    code: str
    name: str
    province_code: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    line: int
    merged_into: Period | None = None

    @property
    def key(self) -> tuple[str, datetime.date]:
        return (self.code, self.valid_from)

    def exists_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True)
class Figure:
    period: Period
    year: int
    inhabitants: int
    source: str
    derived: bool = False


@dataclass
class MunicipalData:
    provinces: dict[str, str] = field(default_factory=dict)
    periods: list[Period] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def read_municipal_data(data_dir: Path, *, problems: Problems) -> MunicipalData:
    """Read and check every municipal file; problems are added, never raised."""
    data = MunicipalData()
    before = len(problems)
    rows = read_csv(data_dir, DIVISION_FILE, DIVISION_COLUMNS, problems=problems, delimiter=";")
    for row in rows:
        province_code = _check_province(row, problems)
        if row.valid_to is not None and row.valid_to <= row.valid_from:
            problems.add(
                DIVISION_FILE, row.line, "einddatum", f"{row.valid_to} is not after begindatum {row.valid_from}"
            )
        elif province_code:
            data.provinces[province_code] = PROVINCES[province_code]
            data.periods.append(
                Period(f"GM{row.code}", row.name, province_code, row.valid_from, row.valid_to, row.line)
            )
    merger_rows = read_csv(data_dir, MERGERS_FILE, MERGER_COLUMNS, problems=problems)
    population_rows = {
        source: read_csv(data_dir, source.file, source.columns, problems=problems) for source in POPULATION_SOURCES
    }
    if len(problems) > before:
        return data  # the checks below need every row of the files
    by_code = _periods_by_code(data.periods, problems)
    _link_successors(data.periods, by_code, merger_rows, problems)
    for source, source_rows in population_rows.items():
        data.figures.extend(_figures(source, source_rows, by_code, data.periods, problems))
    return data


def _check_province(row, problems: Problems) -> str | None:
    code = f"PV{row.province_code}"
    if code not in PROVINCES:
        problems.add(DIVISION_FILE, row.line, "provinciecode", f"{row.province_code!r} is not a known province code")
        return None
    name = PROVINCE_ALIASES.get(row.province_name, row.province_name)
    if name != PROVINCES[code]:
        problems.add(
            DIVISION_FILE,
            row.line,
            "provincienaam",
            f"{row.province_name!r} is not the name of province {row.province_code} ({PROVINCES[code]})",
        )
        return None
    return code


def _periods_by_code(periods: list[Period], problems: Problems) -> dict[str, list[Period]]:
    """Periods per code in date order; a code may have several periods, but they must not overlap."""
    by_code: dict[str, list[Period]] = defaultdict(list)
    for period in sorted(periods, key=lambda period: (period.code, period.valid_from, period.line)):
        earlier = by_code[period.code][-1] if by_code[period.code] else None
        if earlier is not None and (earlier.valid_to is None or earlier.valid_to > period.valid_from):
            problems.add(
                DIVISION_FILE,
                period.line,
                "gemeentecode",
                f"duplicate code {period.code[2:]}: this period overlaps the one on line {earlier.line}",
            )
        by_code[period.code].append(period)
    return by_code


def _on(periods: list[Period], day: datetime.date) -> Period | None:
    return next((period for period in periods if period.exists_on(day)), None)


def _link_successors(periods, by_code, merger_rows, problems: Problems) -> None:
    """Set ``merged_into`` on the last period of every code that ended.

    The successor is the RvIG "new code" valid on the end date; where RvIG has none (mergers after
    its edition), it is the one municipality of the same province that begins on that end date.
    """
    new_codes = {f"GM{row.code}": row for row in merger_rows if row.new_code and row.new_code != row.code}
    starting = defaultdict(list)
    for period in periods:
        starting[(period.province_code, period.valid_from)].append(period)
    for code, code_periods in by_code.items():
        last = code_periods[-1]
        if last.valid_to is None:
            continue
        merger = new_codes.get(code)
        if merger is not None:
            last.merged_into = _on(by_code.get(f"GM{merger.new_code}", []), last.valid_to)
            if last.merged_into is None:
                problems.add(
                    MERGERS_FILE,
                    merger.line,
                    "92.12 Nieuwe code",
                    f"{merger.new_code} has no period on {last.valid_to} (when {code[2:]} ended) in {DIVISION_FILE}",
                )
            continue
        candidates = [period for period in starting[(last.province_code, last.valid_to)] if period.code != code]
        if len(candidates) == 1:
            last.merged_into = candidates[0]
        else:
            found = ", ".join(f"{period.code[2:]} {period.name}" for period in candidates) or "none"
            problems.add(
                DIVISION_FILE,
                last.line,
                "einddatum",
                f"{code[2:]} {last.name} ended on {last.valid_to} without a successor in {MERGERS_FILE}, and not "
                f"exactly one municipality of its province begins that day (found: {found})",
            )


def _figures(source: PopulationSource, rows, by_code, periods, problems: Problems) -> list[Figure]:
    figures: dict[Period, Figure] = {}
    lines: dict[Period, int] = {}
    for row in rows:
        period = _on(by_code.get(row.code, []), source.date)
        if period is None:
            problems.add(
                source.file,
                row.line,
                source.code_column,
                f"{row.code} is not a municipality on {source.date} in {DIVISION_FILE}",
            )
        elif period in figures:
            problems.add(
                source.file, row.line, source.code_column, f"{row.code} already has a figure on line {lines[period]}"
            )
        else:
            figures[period] = Figure(period, source.year, row.inhabitants, source.source)
            lines[period] = row.line
    if source.derive_for_successors:
        _derive_for_successors(source, figures, periods)
    return list(figures.values())


def _derive_for_successors(source: PopulationSource, figures: dict[Period, Figure], periods: list[Period]) -> None:
    """Municipalities formed after the figure's date get the sum of their predecessors' figures."""
    predecessors = defaultdict(list)
    for period in periods:
        if period.merged_into is not None:
            predecessors[period.merged_into].append(period)
    for period in sorted(periods, key=lambda period: period.valid_from):
        if period.valid_from <= source.date or period in figures or not predecessors[period]:
            continue
        parts = [figures.get(predecessor) for predecessor in predecessors[period]]
        if None in parts:
            continue
        codes = ", ".join(sorted(part.period.code for part in parts))
        figures[period] = Figure(
            period,
            source.year,
            sum(part.inhabitants for part in parts),
            # The source is shown as data, in Dutch like the names of the sources themselves.
            f"Afgeleid: de som van de cijfers van {source.year} van de voorgangers {codes} ({source.source})",
            derived=True,
        )
