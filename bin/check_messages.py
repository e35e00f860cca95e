# SPDX-License-Identifier: EUPL-1.2
"""Check the Dutch catalogue: every translatable string in the code is in it, and translated.

Runs `makemessages` on a temporary copy of the sources (so the committed catalogue is left
alone), then compares the message ids with the committed `nl` catalogue.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src" / "bouwplaats"
CATALOGUE = SOURCES / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def keys(po: polib.POFile) -> set[tuple[str, str]]:
    return {(entry.msgctxt or "", entry.msgid) for entry in po if not entry.obsolete}


def main() -> int:
    committed = polib.pofile(str(CATALOGUE))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bouwplaats"
        shutil.copytree(SOURCES, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "makemessages",
                "--locale",
                "nl",
                "--no-location",
                "--ignore",
                "*/tests/*",
                "--verbosity",
                "0",
            ],
            cwd=copy,
            check=True,
        )
        extracted = polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    missing = sorted(keys(extracted) - keys(committed))
    untranslated = [e.msgid for e in committed if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    for ctxt, msgid in missing:
        print(f"missing from the Dutch catalogue: {msgid!r}" + (f" (context {ctxt!r})" if ctxt else ""))
    for msgid in untranslated:
        print(f"not translated (or fuzzy): {msgid!r}")
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "--output-file", "/dev/null", str(CATALOGUE)], check=True)
    if missing or untranslated:
        print(f"{len(missing)} missing, {len(untranslated)} untranslated; run `make messages` and translate.")
        return 1
    print(f"Dutch catalogue complete: {len(keys(committed))} messages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
