# SPDX-License-Identifier: EUPL-1.2
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from bouwplaats.accounts.models import MembershipStatus, Role
from bouwplaats.core.testing import api_client, client, english_tests  # noqa: F401 (fixtures)
from bouwplaats.monitor.tests.factories import ApprovedMembershipFactory, MunicipalityFactory, StaffFactory, UserFactory
from bouwplaats.suppliers.models import SchemaSet, Standard, Supplier, SupplierMembership

EXAMPLES_DIR = Path(settings.REFERENCE_DATA_DIR) / "stuf" / "voorbeeldberichten_zds"
EXAMPLES = sorted(path.name for path in EXAMPLES_DIR.glob("*.xml"))
UPDATE_ZAAK = "Update_zaak_zakLk01.xml"


def example(name: str) -> bytes:
    return (EXAMPLES_DIR / name).read_bytes()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def zipped(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_wrong_element(data: bytes) -> bytes:
    """The example "Update_zaak" with its first <ZKN:omschrijving> renamed <ZKN:omschrijvingFout> (line 24)."""
    return data.replace(b"<ZKN:omschrijving>", b"<ZKN:omschrijvingFout>", 1).replace(
        b"</ZKN:omschrijving>", b"</ZKN:omschrijvingFout>", 1
    )


WRONG_ELEMENT_PATH = "/ZKN:zakLk01/ZKN:object[1]/ZKN:omschrijvingFout"

BG0204_STUURGEGEVENS = """<StUF:stuurgegevens>
    <StUF:berichtsoort>{kind}</StUF:berichtsoort>
    <StUF:entiteittype>LND</StUF:entiteittype>
    <StUF:sectormodel>BG</StUF:sectormodel>
    <StUF:versieStUF>0204</StUF:versieStUF>
    <StUF:versieSectormodel>0204</StUF:versieSectormodel>
    <StUF:zender><StUF:applicatie>ABC</StUF:applicatie></StUF:zender>
    <StUF:ontvanger><StUF:applicatie>XYZ</StUF:applicatie></StUF:ontvanger>
    <StUF:referentienummer>1</StUF:referentienummer>
    <StUF:tijdstipBericht>2014010112000000</StUF:tijdstipBericht>
    {extra}
  </StUF:stuurgegevens>"""

# A StUF-BG 2.04 question about a country (LND): the three "gelijk / vanaf / totEnMet" entities.
BG0204_QUESTION = (
    """<?xml version="1.0" encoding="UTF-8"?>
<BG:vraagBericht xmlns:BG="http://www.egem.nl/StUF/sector/bg/0204" xmlns:StUF="http://www.egem.nl/StUF/StUF0204">
  """
    + BG0204_STUURGEGEVENS.format(
        kind="Lv01", extra="<StUF:vraag><StUF:maximumAantal>10</StUF:maximumAantal></StUF:vraag>"
    )
    + """
  <BG:body>
    <BG:LND soortEntiteit="T"><BG:landcode>6030</BG:landcode></BG:LND>
    <BG:LND soortEntiteit="T"><BG:landcode>6030</BG:landcode></BG:LND>
    <BG:LND soortEntiteit="T"><BG:landcode>6030</BG:landcode><BG:landnaam>Nederland</BG:landnaam></BG:LND>
  </BG:body>
</BG:vraagBericht>
"""
).encode()

BG0204_CONFIRMATION = (
    """<StUF:bevestigingsBericht xmlns:StUF="http://www.egem.nl/StUF/StUF0204">
  """
    + BG0204_STUURGEGEVENS.format(
        kind="Bv01", extra="<StUF:bevestiging><StUF:crossRefNummer>0</StUF:crossRefNummer></StUF:bevestiging>"
    )
    + "\n</StUF:bevestigingsBericht>\n"
).encode()


@pytest.fixture
def zkn(db):
    """StUF-ZKN 3.10 as the reference data has it (the test database holds the reference data)."""
    return Standard.objects.get(code="stuf-zkn-0310", schema_set=SchemaSet.STUF_ZKN_0310)


@pytest.fixture
def bg0204(db):
    return Standard.objects.get(code="stuf-bg-0204", schema_set=SchemaSet.STUF_BG_0204)


@pytest.fixture
def digikoppeling(db):
    """A standard without a conformance check."""
    return Standard.objects.get(code="digikoppeling")


@pytest.fixture
def supplier_a(db):
    return Supplier.objects.create(name="Centric")


@pytest.fixture
def supplier_b(db):
    return Supplier.objects.create(name="PinkRoccade")


def representative(supplier, status=MembershipStatus.APPROVED):
    user = UserFactory(role=Role.SUPPLIER)
    SupplierMembership.objects.create(user=user, supplier=supplier, status=status)
    return user


@pytest.fixture
def rep_a(supplier_a):
    return representative(supplier_a)


@pytest.fixture
def rep_b(supplier_b):
    return representative(supplier_b)


@pytest.fixture
def town_a(db):
    return MunicipalityFactory(code="GM9901", name="Aadorp")


@pytest.fixture
def town_b(db):
    return MunicipalityFactory(code="GM9902", name="Beedorp")


@pytest.fixture
def coordinator_a(town_a):
    return ApprovedMembershipFactory(municipality=town_a).user


@pytest.fixture
def coordinator_b(town_b):
    return ApprovedMembershipFactory(municipality=town_b).user


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def member(db):
    return UserFactory()
