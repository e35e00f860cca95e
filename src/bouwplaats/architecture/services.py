# SPDX-License-Identifier: EUPL-1.2
"""Writes to the architecture models: importing a release.

A release is never changed after its import: a new release is a new ``ArchitectureModel`` next
to the old one (ADR 7). Importing the same release again with the same content changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from bouwplaats.audit import services as audit
from bouwplaats.core.errors import Errors

from .importers import ModelFileError, ParsedModel, layer_of, read_model
from .importers.parsed import RELEASE_PROPERTY
from .models import ArchitectureModel, Element, Relation, View
from .permissions import require_model_importer

IMPORT_ACTION = "architecture.model.import"
BATCH_SIZE = 1000
# Names and releases appear in the site's addresses (/architectuur/<name>/<release>/).
RESERVED_NAMES = ("importeren",)


@dataclass(frozen=True)
class ImportOutcome:
    model: ArchitectureModel
    created: bool

    @property
    def unchanged(self) -> bool:
        return not self.created


def _validate_identity(name: str, release: str) -> None:
    errors = Errors()
    for field, value in (("name", name), ("release", release)):
        if not value:
            errors.add(
                field,
                _("The file does not say its name; please give one.")
                if field == "name"
                else _("The file has no Release property; please give the release."),
            )
        elif "/" in value or value != value.strip():
            errors.add(field, _("Must not contain “/” or begin or end with a space."))
        elif len(value) > ArchitectureModel._meta.get_field(field).max_length:
            errors.add(field, _("Too long."))
    if name.lower() in RESERVED_NAMES:
        errors.add("name", _("This name is reserved."))
    errors.raise_if_any()


def architecture_model_import(
    *,
    actor,
    source,
    format: str,
    name: str | None = None,
    release: str | None = None,
    documentation: str | None = None,
    properties: dict | None = None,
    source_name: str = "",
    on_store: Callable[[], None] | None = None,
) -> ImportOutcome:
    """Read, check and store one release of a model, or recognise it as already imported.

    ``source`` is a path (a folder or ZIP for CSV) or a binary stream. ``name``, ``release``,
    ``documentation`` and ``properties`` complete or override what the file says (CSV files carry
    none of them). A problem in the file raises ``ValidationError`` on ``source`` naming the line
    and element; nothing is stored then. A release that exists with other content is refused.
    ``on_store`` is called once the file has been read and checked, before anything is written (a
    background job reports its progress with it).
    """
    require_model_importer(actor)
    try:
        parsed = read_model(
            source,
            format=format,
            file_name=source_name,
            name=name or "",
            documentation=documentation or "",
            properties=properties,
        )
    except ModelFileError as error:
        raise ValidationError({"source": [str(error)]}) from None
    if format != "csv":
        parsed.properties.update(properties or {})
    parsed.name = name or parsed.name
    parsed.documentation = documentation if documentation is not None else parsed.documentation
    release = release or parsed.release
    if release:
        parsed.properties.setdefault(RELEASE_PROPERTY, release)
    _validate_identity(parsed.name, release)
    digest = parsed.content_digest()
    if on_store is not None:
        on_store()

    with transaction.atomic():
        existing = ArchitectureModel.objects.filter(name=parsed.name, release=release).first()
        if existing is not None:
            if existing.content_digest == digest:
                return ImportOutcome(model=existing, created=False)
            raise ValidationError(
                {
                    "release": [
                        _("Release %(release)s of %(name)s has already been imported with different content.")
                        % {"release": release, "name": parsed.name}
                    ]
                }
            )
        try:
            with transaction.atomic():
                model = _store(parsed, release=release, digest=digest, actor=actor, source_name=source_name)
        except IntegrityError:
            # Someone imported the same release at the same moment.
            raise ValidationError(
                {
                    "release": [
                        _("Release %(release)s of %(name)s is being imported already.")
                        % {"release": release, "name": parsed.name}
                    ]
                }
            ) from None
        audit.record(
            actor=actor,
            action=IMPORT_ACTION,
            target=model,
            changes={
                "format": [None, model.source_format],
                "file": [None, source_name],
                "content_digest": [None, digest],
                "elements": [None, model.element_count],
                "relations": [None, model.relation_count],
                "views": [None, model.view_count],
            },
        )
    return ImportOutcome(model=model, created=True)


def _store(parsed: ParsedModel, *, release: str, digest: str, actor, source_name: str) -> ArchitectureModel:
    model = ArchitectureModel.objects.create(
        name=parsed.name,
        release=release,
        documentation=parsed.documentation,
        properties=parsed.properties,
        source_format=parsed.source_format,
        source_name=source_name[:255],
        content_digest=digest,
        imported_by=actor if actor is not None and actor.is_authenticated else None,
        element_count=len(parsed.elements),
        relation_count=len(parsed.relations),
        view_count=len(parsed.views),
        identifier=parsed.identifier[:100],
        language=parsed.language[:35],
        metadata=parsed.metadata,
        property_definitions=parsed.property_definitions,
        import_notes=parsed.notes.as_list(),
    )
    elements = Element.objects.bulk_create(
        [
            Element(
                model=model,
                identifier=item.identifier,
                object_id=item.object_id,
                type=item.type,
                layer=layer_of(item.type),
                name=item.name,
                gemma_type=item.gemma_type,
                profile=item.profile,
                folder_path=item.folder_path,
                documentation=item.documentation,
                properties=item.properties,
            )
            for item in parsed.elements
        ],
        batch_size=BATCH_SIZE,
    )
    element_pk = {element.identifier: element.pk for element in elements}
    Relation.objects.bulk_create(
        [
            Relation(
                model=model,
                identifier=item.identifier,
                object_id=item.object_id,
                type=item.type,
                name=item.name,
                source_identifier=item.source,
                target_identifier=item.target,
                source_id=element_pk.get(item.source),
                target_id=element_pk.get(item.target),
                attributes=item.attributes,
                folder_path=item.folder_path,
                documentation=item.documentation,
                properties=item.properties,
            )
            for item in parsed.relations
        ],
        batch_size=BATCH_SIZE,
    )
    views = View.objects.bulk_create(
        [
            View(
                model=model,
                identifier=item.identifier,
                object_id=item.object_id,
                name=item.name,
                viewpoint=item.viewpoint,
                folder_path=item.folder_path,
                documentation=item.documentation,
                properties=item.properties,
                layout=item.layout,
            )
            for item in parsed.views
        ],
        batch_size=BATCH_SIZE,
    )
    membership = View.elements.through
    membership.objects.bulk_create(
        [
            membership(view_id=view.pk, element_id=element_pk[identifier])
            for view, item in zip(views, parsed.views, strict=True)
            for identifier in dict.fromkeys(item.element_ids)
        ],
        batch_size=BATCH_SIZE * 5,
    )
    return model
