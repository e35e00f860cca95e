# SPDX-License-Identifier: EUPL-1.2
"""Reading reference files declaratively: one schema per file, shared value parsers, collected problems.

A schema is a list of :class:`Column`. Reading a file checks the header, parses every value with its
column's parser and collects every problem as ``<file>:<line>: <column>: <message>`` (the header is
line 1), so that a caller can report all problems at once and write nothing.
"""

from __future__ import annotations

import csv
import datetime
import json
import json.decoder
import json.scanner
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

Parser = Callable[[Any], Any]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class Problems(list):
    """The problems found so far; ``add`` appends one."""

    def add(self, file: str, line: int, field: str, message: str) -> None:
        self.append(Problem(file, line, field, message))


class ReferenceDataError(Exception):
    """The reference data has problems; nothing was written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Column:
    """One column (or JSON key): its name in the file, how to parse it, and the attribute it becomes."""

    name: str
    parse: Parser
    attr: str = ""

    @property
    def key(self) -> str:
        return self.attr or self.name


# Parsers: each takes the raw value (stripped text for CSV) and returns the parsed value,
# or raises ValueError with a message for the person who fixes the file.


def text(max_length: int | None = None) -> Parser:
    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("expected text")
        if not value:
            raise ValueError("a value is required")
        if max_length is not None and len(value) > max_length:
            raise ValueError(f"at most {max_length} characters allowed, got {len(value)}")
        return value

    return parse


def optional(parser: Parser, empty: Any = None) -> Parser:
    """Accept an empty value (or a missing JSON value) as ``empty``; parse anything else."""

    def parse(value: Any) -> Any:
        return empty if value in ("", None) else parser(value)

    return parse


def pattern(regex: str, description: str) -> Parser:
    compiled = re.compile(regex)

    def parse(value: Any) -> str:
        if not isinstance(value, str) or not compiled.fullmatch(value):
            raise ValueError(f"{value!r} is not {description}")
        return value

    return parse


def date(format: str = "%Y-%m-%d") -> Parser:
    def parse(value: Any) -> datetime.date:
        try:
            return datetime.datetime.strptime(value, format).date()
        except (TypeError, ValueError):
            shown = format.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
            raise ValueError(f"{value!r} is not a date in the form {shown}")

    return parse


def non_negative_int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value):
        number = int(value)
    else:
        raise ValueError(f"{value!r} is not a whole number")
    if number < 0:
        raise ValueError(f"{value!r} is negative")
    return number


def choice(choices: Iterable[str]) -> Parser:
    allowed = list(choices)

    def parse(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of: {', '.join(allowed)}")
        return value

    return parse


def uuid_text(value: Any) -> str:
    try:
        parsed = uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        raise ValueError(f"{value!r} is not a UUID")
    if str(parsed) != value:
        raise ValueError(f"{value!r} is not a UUID in lower-case 8-4-4-4-12 form")
    return value


def url(value: Any) -> str:
    try:
        URLValidator()(value)
    except ValidationError:
        raise ValueError(f"{value!r} is not a valid URL")
    return value


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError(f"{value!r} is not true or false")


# Reading


def parse_values(
    values: Mapping[str, Any],
    columns: Iterable[Column],
    *,
    file: str,
    line_of: Callable[[str], int],
    problems: Problems,
) -> SimpleNamespace | None:
    """Parse one row or object; None (with problems added) if any value is wrong."""
    parsed: dict[str, Any] = {}
    ok = True
    for column in columns:
        try:
            parsed[column.key] = column.parse(values.get(column.name))
        except ValueError as error:
            problems.add(file, line_of(column.name), column.name, str(error))
            ok = False
    return SimpleNamespace(**parsed) if ok else None


def read_csv(
    directory: Path, name: str, columns: list[Column], *, problems: Problems, delimiter: str = ","
) -> list[SimpleNamespace]:
    """The parsed rows of a CSV file (each with ``line``); rows with problems are left out."""
    path = Path(directory) / name
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        problems.add(name, 0, "file", f"cannot be read ({error.strerror})")
        return []
    rows: list[SimpleNamespace] = []
    with handle:
        try:
            reader = csv.DictReader(handle, delimiter=delimiter)
            header = [field.strip() for field in reader.fieldnames or []]
            missing = [column.name for column in columns if column.name not in header]
            for column_name in missing:
                problems.add(name, 1, column_name, "required column is missing")
            if missing:
                return []
            reader.fieldnames = header
            for raw in reader:
                line = reader.line_num
                values = {key: (value or "").strip() for key, value in raw.items() if isinstance(key, str)}
                row = parse_values(
                    values, columns, file=name, line_of=lambda _column, line=line: line, problems=problems
                )
                if row is not None:
                    row.line = line
                    rows.append(row)
        except (UnicodeDecodeError, csv.Error) as error:
            problems.add(name, getattr(reader, "line_num", 0), "file", f"is not valid UTF-8 CSV ({error})")
            return []
    return rows


class LocatedDict(dict):
    """A JSON object that knows the line it starts on and the line of each of its keys."""

    def __init__(self, pairs, text: str, start: int):
        super().__init__(pairs)
        self._text = text
        self._start = start
        self.line = text.count("\n", 0, start) + 1

    def line_of(self, key: str) -> int:
        position = self._text.find(json.dumps(key), self._start)
        return self.line if position < 0 else self._text.count("\n", 0, position) + 1


def _located_decoder() -> json.JSONDecoder:
    decoder = json.JSONDecoder()

    def parse_object(state, *args):
        text, start = state
        obj, end = json.decoder.JSONObject(state, *args)
        return LocatedDict(obj, text, start - 1), end

    decoder.parse_object = parse_object
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    return decoder


def read_json(directory: Path, name: str, *, problems: Problems) -> Any:
    """The parsed JSON document, with every object a :class:`LocatedDict`; None on problems."""
    path = Path(directory) / name
    try:
        content = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        problems.add(name, 0, "file", f"cannot be read ({error.strerror})")
        return None
    except UnicodeDecodeError as error:
        problems.add(name, 0, "file", f"is not valid UTF-8 ({error})")
        return None
    try:
        return _located_decoder().decode(content)
    except json.JSONDecodeError as error:
        problems.add(name, error.lineno, "file", f"is not valid JSON ({error.msg})")
        return None
