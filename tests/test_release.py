# SPDX-License-Identifier: EUPL-1.2
"""The version is written once and every published place agrees with it; the publication files are complete."""

import datetime
import re
import tomllib
from pathlib import Path

import yaml
from django.conf import settings

import bouwplaats

ROOT = Path(__file__).resolve().parent.parent
VERSION = bouwplaats.__version__


def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yaml").read_text(encoding="utf-8"))


def test_the_version_is_semantic_and_pyproject_reads_it_from_the_package():
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "bouwplaats.__version__"}
    # A plain assignment, so that packaging tools read it without importing the package.
    source = (ROOT / "src" / "bouwplaats" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{VERSION}"' in source.splitlines()


def test_the_api_schema_carries_the_version():
    assert settings.SPECTACULAR_SETTINGS["VERSION"] == VERSION
    schema = yaml.safe_load((ROOT / "docs" / "api" / "openapi.yaml").read_text(encoding="utf-8"))
    assert schema["info"]["version"] == VERSION  # semantic, as the NL API Design Rules ask


def test_the_changelog_has_an_unreleased_section_and_the_release_with_the_date_of_publiccode():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", changelog, flags=re.MULTILINE)
    assert headings[0] == "Unreleased"
    release_date = publiccode()["releaseDate"]
    assert headings[1] == f"{VERSION} — {release_date}"
    assert datetime.date.fromisoformat(release_date)


def test_publiccode_describes_this_release_in_dutch_and_english():
    code = publiccode()
    assert code["publiccodeYmlVersion"] == "0.4"
    assert code["softwareVersion"] == VERSION
    assert code["url"].startswith("https://")
    assert code["platforms"] == ["web"]
    assert code["softwareType"] == "standalone/web"
    assert code["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert code["categories"]
    assert code["legal"]["license"] == "EUPL-1.2"
    assert code["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert code["localisation"] == {"localisationReady": True, "availableLanguages": ["nl", "en"]}
    assert {dependency["name"] for dependency in code["dependsOn"]["open"]} >= {"PostgreSQL", "Redis"}
    assert set(code["description"]) == {"nl", "en"}
    for language, description in code["description"].items():
        assert len(description["shortDescription"]) <= 150, language
        assert 150 <= len(description["longDescription"]) <= 10000, language
        assert description["features"], language
        for screenshot in description["screenshots"]:
            assert (ROOT / screenshot).is_file(), screenshot
    assert (ROOT / code["logo"]).is_file()


def test_the_licence_file_holds_the_copyright_line_and_the_whole_eupl():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Copyright (c) 2026 the Bouwplaats contributors" in licence
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in licence
    articles = re.findall(r"^(\d+)\. ", licence, flags=re.MULTILINE)
    assert articles == [str(number) for number in range(1, 16)]
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in licence
    assert licence.rstrip().endswith(
        "All other changes or additions to this Appendix require the production of a new\nEUPL version."
    )


def test_the_project_address_and_contact_are_the_same_everywhere():
    """Written once in the settings; pyproject.toml, publiccode.yaml and the API schema say the same."""
    url, maintainers, email = settings.PROJECT_URL, settings.PROJECT_MAINTAINERS, settings.PROJECT_CONTACT_EMAIL
    assert url.startswith("https://") and "@" in email
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert pyproject["urls"]["Repository"] == pyproject["urls"]["Homepage"] == url
    assert pyproject["maintainers"] == [{"name": maintainers, "email": email}]
    code = publiccode()
    assert code["url"] == url
    assert code["maintenance"]["contacts"][0] == {"name": maintainers, "email": email}
    contact = {"name": maintainers, "url": url, "email": email}
    assert settings.SPECTACULAR_SETTINGS["CONTACT"] == contact  # unless a site names its own (API_CONTACT_*)
    schema = yaml.safe_load((ROOT / "docs" / "api" / "openapi.yaml").read_text(encoding="utf-8"))
    assert schema["info"]["contact"] == contact
