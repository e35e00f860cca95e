# SPDX-License-Identifier: EUPL-1.2
"""The architecture API: model releases, their elements with relations, and import for staff.

Reading is public. Programme staff import a release with a multipart POST; the import service
checks the permission again and refuses a bad file with the line and element of the problem.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, parsers, permissions, serializers, status, viewsets
from rest_framework.response import Response

from bouwplaats.core.api import request_data

from . import selectors, services
from .filters import ElementFilter
from .importers import ModelFileError, detect_upload_format
from .models import ArchitectureModel, Element, Relation, SourceFormat, View
from .permissions import can_import_models


class ImporterOrReadOnly(permissions.BasePermission):
    message = gettext_lazy("Only programme staff may import architecture models.")

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or can_import_models(request.user)


class ArchitectureModelSerializer(serializers.ModelSerializer):
    url = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text=gettext_lazy("The page in the site.")
    )

    class Meta:
        model = ArchitectureModel
        fields = [
            "id",
            "name",
            "release",
            "documentation",
            "properties",
            "source_format",
            "source_name",
            "content_digest",
            "imported_at",
            "element_count",
            "relation_count",
            "view_count",
            "url",
        ]


class ModelImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy("AMEFF (.xml), Archi (.archimate) or a ZIP of CSV files."))
    source_format = serializers.ChoiceField(
        choices=SourceFormat.choices, required=False, help_text=gettext_lazy("Recognised from the file when omitted.")
    )
    name = serializers.CharField(max_length=200, required=False, help_text=gettext_lazy("Overrides the file's name."))
    release = serializers.CharField(
        max_length=100, required=False, help_text=gettext_lazy("Overrides the file's Release property.")
    )


class ElementSerializer(serializers.ModelSerializer):
    model = serializers.PrimaryKeyRelatedField(read_only=True)
    url = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text=gettext_lazy("The page in the site.")
    )

    class Meta:
        model = Element
        fields = [
            "id",
            "model",
            "identifier",
            "object_id",
            "type",
            "layer",
            "name",
            "gemma_type",
            "profile",
            "folder_path",
            "documentation",
            "url",
        ]


class ElementRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Element
        fields = ["id", "identifier", "type", "name"]


class OutgoingRelationSerializer(serializers.ModelSerializer):
    target = ElementRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Relation
        fields = ["identifier", "type", "name", "attributes", "target_identifier", "target"]


class IncomingRelationSerializer(serializers.ModelSerializer):
    source = ElementRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Relation
        fields = ["identifier", "type", "name", "attributes", "source_identifier", "source"]


class ViewRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = View
        fields = ["identifier", "name", "folder_path"]


class ElementDetailSerializer(ElementSerializer):
    outgoing = OutgoingRelationSerializer(many=True, read_only=True)
    incoming = IncomingRelationSerializer(many=True, read_only=True)
    views = ViewRefSerializer(many=True, read_only=True)

    class Meta(ElementSerializer.Meta):
        fields = [*ElementSerializer.Meta.fields, "properties", "outgoing", "incoming", "views"]


@extend_schema_view(
    list=extend_schema(summary="List architecture model releases"),
    retrieve=extend_schema(summary="Get an architecture model release"),
    create=extend_schema(
        summary="Import a model release (programme staff)",
        description=(
            "Multipart upload. Answers 201 with the new release, or 200 when the same release was "
            "imported before with the same content (nothing changes). A bad file gives 400 naming "
            "the line and element; nothing is stored then."
        ),
        request={"multipart/form-data": ModelImportSerializer},
        responses={
            201: ArchitectureModelSerializer,
            200: ArchitectureModelSerializer,
            400: OpenApiResponse(description="Invalid file"),
            403: None,
        },
    ),
)
class ArchitectureModelViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Releases of architecture models (GEMMA and others), each as it was imported."""

    serializer_class = ArchitectureModelSerializer
    permission_classes = [ImporterOrReadOnly]
    parser_classes = [parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self):
        return selectors.models_list()

    def create(self, request, *args, **kwargs):
        data = request_data(ModelImportSerializer, request)
        upload = data["file"]
        format = data.get("source_format")
        if not format:
            try:
                format = detect_upload_format(upload)
            except ModelFileError as error:
                raise serializers.ValidationError({"file": [str(error)]}) from None
        outcome = services.architecture_model_import(
            actor=request.user,
            source=upload,
            format=format,
            name=data.get("name"),
            release=data.get("release"),
            source_name=upload.name,
        )
        return Response(
            ArchitectureModelSerializer(outcome.model).data,
            status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK,
        )


@extend_schema_view(
    list=extend_schema(
        summary="Search elements", description="Filter by model release, type, GEMMA type, layer, text."
    ),
    retrieve=extend_schema(summary="Get an element with its relations and views"),
)
class ElementViewSet(viewsets.ReadOnlyModelViewSet):
    """Elements of the architecture models; give ``model`` to search one release."""

    serializer_class = ElementSerializer
    filterset_class = ElementFilter

    def get_queryset(self):
        elements = Element.objects.select_related("model").order_by("model_id", "name", "identifier")
        if self.action == "retrieve":
            return elements.prefetch_related(
                Prefetch("outgoing", queryset=Relation.objects.select_related("target").order_by("type", "identifier")),
                Prefetch("incoming", queryset=Relation.objects.select_related("source").order_by("type", "identifier")),
                Prefetch(
                    "views", queryset=View.objects.only("pk", "identifier", "name", "folder_path").order_by("name")
                ),
            )
        return elements.defer("properties")

    def get_serializer_class(self):
        return ElementDetailSerializer if self.action == "retrieve" else ElementSerializer
