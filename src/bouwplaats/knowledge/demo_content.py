# SPDX-License-Identifier: EUPL-1.2
# Prose: the sentences are kept whole on one line each, so E501 does not apply here.
# ruff: noqa: E501
"""Texts of the demo content (Dutch, as municipalities would write them). Generated examples, not
real questions; people are described by their role only."""

import datetime

# (title, explanation, answer, theme slug, building block codes)
QUESTIONS = [
    (
        "Hoe vragen we een aansluiting op de BRP aan?",
        "Wij willen in 2014 over van GBA naar BRP. Waar begint de aanvraag?",
        "Begin met de **aansluitaanvraag** bij RvIG en stem de planning af met uw leverancier. Het draaiboek BRP beschrijft de fasen van oriëntatie tot in gebruik.",
        "basisregistraties",
        ["BRP"],
    ),
    (
        "Welke leveranciers zijn klaar voor BRP-bevragingen?",
        "Onze burgerzakenapplicatie moet worden vervangen of aangepast.",
        "Raadpleeg het overzicht van gecertificeerde leveranciers. Vraag uw leverancier naar de planning van de **conformiteitstest**.",
        "basisregistraties",
        ["BRP"],
    ),
    (
        "Moeten we de BAG-mutaties zelf terugmelden?",
        "Afnemers melden gerede twijfel. Hoe verwerken wij die meldingen?",
        "Ja, terugmeldingen komen via **Digimelding** bij de bronhouder binnen. Richt een proces in om ze binnen de termijn af te handelen.",
        "basisregistraties",
        ["BAG", "DIGIMELDING"],
    ),
    (
        "Wat kost een DigiD-assessment?",
        "We moeten dit jaar voor het eerst een assessment laten doen.",
        "De kosten hangen af van de auditor en de omvang van uw webapplicaties. Gemeenten die samen een auditor inhuren besparen vaak.",
        "informatieveiligheid",
        ["DIGID"],
    ),
    (
        "Kunnen we DigiD Machtigen gebruiken voor de WMO-aanvraag?",
        "Mantelzorgers doen vaak de aanvraag namens een ander.",
        "Ja. Met **DigiD Machtigen** kan een burger iemand anders machtigen. Uw e-formulier moet de machtiging ondersteunen.",
        "dienstverlening",
        ["DIGID-MACHTIGEN", "EFORMULIEREN"],
    ),
    (
        "Hoe sluiten we aan op de Berichtenbox van MijnOverheid?",
        "We willen de aanslag gemeentelijke belastingen digitaal versturen.",
        "Sluit aan via Logius en test eerst met een klein aantal berichten. Let op de voorkeuren van burgers voor papieren post.",
        "dienstverlening",
        ["MIJNOVERHEID"],
    ),
    (
        "Is het 14+netnummer verplicht?",
        "Ons KCC heeft al een eigen kort nummer.",
        "Het 14+netnummer is een resultaatafspraak van het programma. U kunt uw huidige nummer een tijd naast het 14+netnummer houden.",
        "dienstverlening",
        ["14NETNUMMER", "ANTWOORD"],
    ),
    (
        "Hoe vullen we Samenwerkende Catalogi met onze producten?",
        "Onze productencatalogus staat in het CMS.",
        "Lever de producten aan volgens het **SC-koppelvlak**; de meeste CMS-leveranciers hebben een koppeling. Controleer daarna de vindbaarheid.",
        "dienstverlening",
        ["SC"],
    ),
    (
        "Welke webrichtlijnen gelden voor onze nieuwe website?",
        "De aanbesteding voor de website loopt.",
        "Neem de Webrichtlijnen versie 2 op in het programma van eisen en laat de site na oplevering toetsen.",
        "dienstverlening",
        ["WEBRICHTLIJNEN"],
    ),
    (
        "Hoe publiceren we verordeningen via DROP?",
        "Wij publiceerden tot nu toe in het huis-aan-huisblad.",
        "Sinds 2014 is elektronische bekendmaking verplicht. Gebruik de voorziening **DROP** of een leverancier die daarop aansluit.",
        "dienstverlening",
        ["BEKENDMAKING"],
    ),
    (
        "Welk betrouwbaarheidsniveau eHerkenning hebben we nodig?",
        "Het gaat om de aanvraag van een evenementenvergunning.",
        "Voor de meeste vergunningen volstaat **niveau 1 of 2**. Bepaal het niveau met de handreiking betrouwbaarheidsniveaus.",
        "bedrijven",
        ["EHERKENNING"],
    ),
    (
        "Hoe koppelen we het Ondernemingsdossier aan onze vergunningverlening?",
        "Horecaondernemers vragen erom.",
        "Begin met de horecavergunning: daar is het dossier het verst ontwikkeld. Uw zaaksysteem moet de documenten kunnen ophalen.",
        "bedrijven",
        ["ONDERNEMINGSDOSSIER"],
    ),
    (
        "Moeten we e-facturen van leveranciers kunnen ontvangen?",
        "Onze crediteurenadministratie werkt met scans.",
        "Voor de Rijksoverheid is e-factureren verplicht; voor gemeenten wordt het sterk aanbevolen. Ontvangen kan via **Digipoort**.",
        "e-facturatie",
        ["DIGIKOPPELING"],
    ),
    (
        "Welk formaat e-factuur moeten we ondersteunen?",
        "Leveranciers sturen nu pdf's per e-mail.",
        "Ondersteun de Nederlandse standaard (**SETU / UBL**). Een pdf per e-mail telt niet als e-factuur.",
        "e-facturatie",
        [],
    ),
    (
        "Hoe beginnen we met zaakgericht werken?",
        "Wij hebben nog geen zaaksysteem.",
        "Begin met een **zaaktypecatalogus** en een paar processen met veel volume. Kies daarna een zaaksysteem dat de standaarden ondersteunt.",
        "zaakgericht-werken",
        [],
    ),
    (
        "Hoe archiveren we zaken digitaal?",
        "Wij willen van papier af maar twijfelen over vervanging.",
        "Stel een vervangingsbesluit op en leg de eisen aan duurzame toegankelijkheid vast. Betrek de archivaris vroeg.",
        "zaakgericht-werken",
        [],
    ),
    (
        "Wat moeten we doen voor de BGT als bronhouder?",
        "Wij zijn bronhouder voor de openbare ruimte.",
        "Maak een **inwinningsplan**, kies een leverancier voor de eerste inwinning en stem de grenzen af met de andere bronhouders.",
        "basisregistraties",
        ["BGT"],
    ),
    (
        "Hoe gaan we om met WOZ-gegevens en de Landelijke Voorziening?",
        "De aanlevering aan de LV WOZ loopt vast.",
        "Controleer het berichtenverkeer via **Digikoppeling** en de foutmeldingen in het aanleverrapport. De Waarderingskamer helpt bij vragen.",
        "basisregistraties",
        ["WOZ", "DIGIKOPPELING"],
    ),
    (
        "Moeten we Digilevering gebruiken voor de BRP?",
        "Wij krijgen nu mutaties via spontane berichten.",
        "Voor de BRP gaan de mutaties via de eigen voorziening van RvIG. **Digilevering** gebruikt u voor andere basisregistraties, zoals het NHR.",
        "stelselvoorzieningen",
        ["DIGILEVERING", "NHR"],
    ),
    (
        "Wat is de rol van de Stelselcatalogus?",
        "Onze architect vraagt of we er iets mee moeten.",
        "De Stelselcatalogus beschrijft de begrippen van de basisregistraties. Gebruik hem bij het opstellen van uw gegevensmodellen.",
        "stelselvoorzieningen",
        ["STELSELCATALOGUS"],
    ),
    (
        "Hoe past ons applicatielandschap op de GEMMA?",
        "We willen weten waar we dubbele applicaties hebben.",
        "Breng uw applicaties in kaart tegen de **GEMMA-referentiecomponenten**. Dubbelingen en gaten worden dan zichtbaar.",
        "architectuur",
        [],
    ),
    (
        "Welke standaarden moeten we eisen bij een aanbesteding?",
        "Wij kopen een nieuw zaaksysteem in.",
        "Eis de standaarden van de pas-toe-of-leg-uit-lijst en de StUF-koppelvlakken die bij de referentiecomponent horen.",
        "architectuur",
        [],
    ),
    (
        "Waar vinden we budget voor de aansluiting op de basisregistraties?",
        "Onze begroting voor 2014 is krap.",
        "Een deel wordt gedekt uit de decentralisatie-uitkering. Plan de kosten over meer jaren en combineer met vervangingsmomenten.",
        "financien-planning",
        [],
    ),
    (
        "Hoe plannen we de NUP-bouwstenen naast de decentralisaties?",
        "De decentralisaties in het sociaal domein vragen veel capaciteit.",
        "Geef voorrang aan bouwstenen die het sociaal domein nodig heeft (BRP, DigiD Machtigen). Schuif andere op in overleg met de i-coach.",
        "financien-planning",
        ["BRP", "DIGID-MACHTIGEN"],
    ),
    (
        "Hoe sluiten we het OLO aan op onze vergunningverlening?",
        "Aanvragen komen binnen als pdf.",
        "Gebruik de **StUF-LVO**-koppeling zodat aanvragen als gegevens in uw vergunningensysteem binnenkomen.",
        "fysiek-domein",
        ["OLO"],
    ),
    (
        "Moeten we het NHR gebruiken in plaats van een eigen bedrijvenregister?",
        "Wij houden een eigen lijst van bedrijven bij.",
        "Ja: het Handelsregister is de **authentieke bron**. Stop met eigen registraties en neem mutaties af via Digilevering.",
        "basisregistraties",
        ["NHR"],
    ),
    (
        "Hoe meten we de tevredenheid over ons digitale loket?",
        "We willen weten of burgers de e-formulieren kunnen vinden.",
        "Gebruik een korte vraag na afronding van het formulier en vergelijk met de benchmark van andere gemeenten.",
        "dienstverlening",
        ["EFORMULIEREN"],
    ),
    (
        "Wat betekent de BIG voor onze aansluitingen?",
        "De Baseline Informatiebeveiliging is net vastgesteld.",
        "De BIG vraagt om een risicoanalyse per aansluiting en om afspraken met leveranciers over beveiliging.",
        "informatieveiligheid",
        [],
    ),
    (
        "Kunnen we Antwoord voor Bedrijven gebruiken in ons KCC?",
        "Ondernemers bellen vaak met vragen over regels.",
        "Ja, de informatie van **Antwoord voor Bedrijven** kan uw KCC gebruiken als kennisbank naast de eigen producten.",
        "bedrijven",
        ["AVB", "ANTWOORD"],
    ),
    (
        "Hoe organiseren we terugmelden in de hele organisatie?",
        "Alleen de afdeling burgerzaken meldt nu terug.",
        "Wijs per basisregistratie een verantwoordelijke aan en neem terugmelden op in de werkinstructies van alle afnemende processen.",
        "stelselvoorzieningen",
        ["DIGIMELDING"],
    ),
]

# (block code, introduction, [(status level code, step, description)])
GUIDES = [
    (
        "BRP",
        "Van GBA naar BRP in vier fasen, naar het draaiboek van het programma.",
        [
            ("orientatie", "Impact op processen en applicaties bepalen", "Gebruik de impactanalyse van Bouwplaats."),
            ("orientatie", "Projectleider en budget vastleggen", ""),
            ("voorbereiding", "Planning afstemmen met de leverancier", "Vraag naar de **conformiteitstest**."),
            ("voorbereiding", "Aansluitaanvraag indienen", ""),
            ("implementatie", "Proefmigratie uitvoeren", ""),
            ("implementatie", "Medewerkers opleiden", ""),
            ("aangesloten", "Productie-aansluiting testen", ""),
            ("in-gebruik", "Afnemende processen omzetten", "Alle afnemers gebruiken de BRP als bron."),
        ],
    ),
    (
        "DIGID",
        "DigiD inzetten voor alle digitale producten waarvoor identificatie nodig is.",
        [
            ("orientatie", "Producten met identificatie inventariseren", ""),
            ("voorbereiding", "Aansluitovereenkomst met Logius sluiten", ""),
            ("implementatie", "Koppeling realiseren en testen", ""),
            ("aangesloten", "DigiD-assessment laten uitvoeren", "Een jaarlijkse verplichting."),
            ("in-gebruik", "Alle formulieren met DigiD aanbieden", ""),
        ],
    ),
    (
        "EHERKENNING",
        "eHerkenning voor ondernemers, in vijf stappen.",
        [
            ("orientatie", "Betrouwbaarheidsniveaus per product bepalen", ""),
            ("voorbereiding", "Makelaar kiezen", ""),
            ("implementatie", "Koppeling met het e-loket bouwen", ""),
            ("aangesloten", "Testen met een proefbedrijf", ""),
            ("in-gebruik", "Ondernemers informeren", ""),
        ],
    ),
    (
        "BAG",
        "De BAG bijhouden en gebruiken.",
        [
            ("orientatie", "Bronhouderstaken in kaart brengen", ""),
            ("voorbereiding", "Processen voor mutaties inrichten", ""),
            ("implementatie", "Aansluiten op de Landelijke Voorziening", ""),
            ("in-gebruik", "Afnemers binnen de gemeente laten aansluiten", ""),
        ],
    ),
]

_PODIUM_1 = """Een i-adviseur van een middelgrote gemeente vertelt hoe de gemeente in anderhalf jaar
van een papieren loket naar digitale dienstverlening ging.

## Begin bij de burger

"We zijn niet begonnen bij de techniek, maar bij de vraag wat inwoners het vaakst bij ons komen
doen. Dat bleek de verhuizing, het uittreksel en de parkeervergunning te zijn."

## Samen met buurgemeenten

"Alleen hadden we het niet gered. Met drie buurgemeenten hebben we één leverancier gekozen en de
kennis gedeeld. Het kenniscentrum van het programma hielp ons met de vragen die we niet zelf konden
beantwoorden."
"""

_PODIUM_2 = """Een informatiemanager van een kleine gemeente over de aansluiting op de basisregistraties.

"Voor een gemeente van onze omvang is elke bouwsteen een project. Door de handreikingen wisten we
welke stap eerst kwam. We hebben de stappen afgevinkt en zo konden we de raad laten zien waar we
stonden."

**Tip:** vraag andere gemeenten van dezelfde grootteklasse hoe zij het deden.
"""

_PODIUM_3 = """Een projectleider e-dienstverlening van een grote gemeente over samenwerken met leveranciers.

"De leveranciers waren niet altijd eerder klaar dan wij. Door samen met andere gemeenten dezelfde
eisen te stellen, werd het voor leveranciers aantrekkelijker om de standaarden te ondersteunen."
"""

# (slug, title, lead, body, author, publication date, building block codes)
ARTICLES = [
    (
        "podium-van-loket-naar-digitaal",
        "Podium: van loket naar digitaal",
        "Hoe een middelgrote gemeente in anderhalf jaar haar dienstverlening digitaliseerde.",
        _PODIUM_1,
        "een i-adviseur van een middelgrote gemeente",
        datetime.date(2012, 11, 5),
        ["DIGID", "EFORMULIEREN"],
    ),
    (
        "podium-stap-voor-stap-basisregistraties",
        "Podium: stap voor stap naar de basisregistraties",
        "Een kleine gemeente over haar aanpak van BRP en BAG.",
        _PODIUM_2,
        "een informatiemanager van een kleine gemeente",
        datetime.date(2013, 6, 17),
        ["BRP", "BAG"],
    ),
    (
        "podium-samen-sterk-tegenover-leveranciers",
        "Podium: samen sterk tegenover leveranciers",
        "Gezamenlijke eisen maken standaarden aantrekkelijk voor leveranciers.",
        _PODIUM_3,
        "een projectleider e-dienstverlening van een grote gemeente",
        datetime.date(2014, 2, 24),
        ["EHERKENNING"],
    ),
]

# (article slug, [(author e-mail, text, is a reply to the previous top-level comment)])
COMMENTS = [
    (
        "podium-van-loket-naar-digitaal",
        [
            ("coordinator.amsterdam@bouwplaats.example", "Herkenbaar! Wij begonnen ook met de verhuizing.", False),
            ("lid.utrecht@bouwplaats.example", "Welke leverancier hebben jullie gekozen voor de e-formulieren?", True),
            ("leverancier@bouwplaats.example", "Goed om te lezen dat samenwerking tussen gemeenten zo helpt.", False),
        ],
    ),
    (
        "podium-stap-voor-stap-basisregistraties",
        [
            ("lid.utrecht@bouwplaats.example", "De handreiking BRP heeft ons ook veel geholpen.", False),
        ],
    ),
]
