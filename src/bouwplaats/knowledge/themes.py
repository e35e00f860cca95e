# SPDX-License-Identifier: EUPL-1.2
"""The themes questions are sorted by, as seeded by migration 0003 (staff may add and rename them)."""

# (slug, name, description)
DEFAULT_THEMES = [
    ("dienstverlening", "Dienstverlening", "Klantcontactcentrum, digitaal loket, e-formulieren, DigiD."),
    ("basisregistraties", "Basisregistraties", "BRP, BAG, WOZ, BGT, NHR en het stelsel eromheen."),
    ("stelselvoorzieningen", "Stelselvoorzieningen", "Digikoppeling, Digilevering, Digimelding, Stelselcatalogus."),
    ("zaakgericht-werken", "Zaakgericht werken", "Zaaktypen, zaaksystemen, archivering en procesinrichting."),
    ("e-facturatie", "E-facturatie", "Elektronisch factureren via Digipoort en het Rijksportaal."),
    ("bedrijven", "Dienstverlening aan bedrijven", "eHerkenning, Antwoord voor Bedrijven, Ondernemingsdossier."),
    ("informatieveiligheid", "Informatieveiligheid", "BIG, DigiD-assessments, privacy en beveiliging."),
    ("architectuur", "Architectuur en GEMMA", "Referentiearchitectuur, applicatielandschap, standaarden."),
    ("financien-planning", "Financiering en planning", "Budget, decentralisatie-uitkering, planning en sturing."),
    ("fysiek-domein", "Fysiek domein", "Omgevingsloket online, Wabo, BGT in de buitenruimte."),
]
