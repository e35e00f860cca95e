# SPDX-License-Identifier: EUPL-1.2
"""The suppliers API: suppliers, products, versions, readiness, standards, the supplier agreements with their
signatures and delivery commitments, and requests to represent a supplier.

Everyone may read, except requests to represent a supplier (a user's own, or all for programme staff).
Writes need a session or token and go through the services, which check who may write: programme staff
for suppliers, signatures and commitments; a supplier's representatives (and staff) for its products,
versions and readiness. The serializers below only parse the input.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.core.api import ConditionalMixin

from . import permissions, selectors, services
from .filters import DeliveryCommitmentFilter, ProductFilter, ProductVersionFilter, ReadinessFilter, SupplierFilter
from .models import (
    Agreement,
    AgreementSignature,
    ConformanceReport,
    DeliveryCommitment,
    Product,
    ProductVersion,
    Readiness,
    Standard,
    Supplier,
    SupplierMembership,
)

# --- read serializers ----------------------------------------------------------------------------------


class SupplierSerializer(serializers.ModelSerializer):
    product_count = serializers.IntegerField(read_only=True)
    version_count = serializers.IntegerField(read_only=True)
    signature_count = serializers.IntegerField(read_only=True)
    overdue_count = serializers.IntegerField(
        read_only=True, help_text=gettext_lazy("Delivery commitments whose date passed without delivery.")
    )

    class Meta:
        model = Supplier
        fields = [
            "id",
            "name",
            "kvk_number",
            "website",
            "description",
            "is_demo",
            "product_count",
            "version_count",
            "signature_count",
            "overdue_count",
        ]


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "supplier", "name", "description", "is_demo"]


class ProductVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductVersion
        fields = ["id", "product", "version", "release_date", "end_of_support"]


class ReadinessSerializer(serializers.ModelSerializer):
    building_block_code = serializers.CharField(source="building_block.code", read_only=True, allow_null=True)
    standard = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Readiness
        fields = [
            "id",
            "product_version",
            "building_block",
            "building_block_code",
            "standard",
            "state",
            "date",
            "evidence",
            "evidence_url",
            "conformance_report",
            "updated_at",
        ]


class StandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Standard
        fields = ["code", "name", "gemma_object_id", "schema_set", "source"]


class DeliveryCommitmentSerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="signature.agreement_id", read_only=True)
    supplier = serializers.IntegerField(source="signature.supplier_id", read_only=True)
    building_block_code = serializers.CharField(source="building_block.code", read_only=True)
    delivered_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("The first date since which a version of the supplier supports the building block."),
    )
    is_overdue = serializers.BooleanField(
        read_only=True,
        help_text=gettext_lazy("The delivery date has passed and the building block was not supported by then."),
    )

    class Meta:
        model = DeliveryCommitment
        fields = [
            "id",
            "signature",
            "agreement",
            "supplier",
            "building_block",
            "building_block_code",
            "due_date",
            "delivered_on",
            "is_overdue",
        ]


class SignatureSerializer(serializers.ModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    commitments = DeliveryCommitmentSerializer(many=True, read_only=True)

    class Meta:
        model = AgreementSignature
        fields = ["id", "agreement", "supplier", "supplier_name", "signed_on", "is_demo", "commitments"]


class AgreementSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    building_blocks = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", "programme", "kind", "title", "description", "building_blocks", "source", "signatures"]


class SupplierMembershipSerializer(serializers.ModelSerializer):
    user_email = serializers.EmailField(source="user.email", read_only=True)
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)

    class Meta:
        model = SupplierMembership
        fields = [
            "id",
            "user_email",
            "supplier",
            "supplier_name",
            "status",
            "motivation",
            "requested_at",
            "decided_at",
            "decision_note",
        ]


# --- write serializers (parse input only) ---------------------------------------------------------------


class SupplierWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False)
    kvk_number = serializers.CharField(
        max_length=20, required=False, allow_blank=True, allow_null=True, help_text=gettext_lazy("8 digits, or empty.")
    )
    website = serializers.URLField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class SupplierCreateSerializer(SupplierWriteSerializer):
    name = serializers.CharField(max_length=150)


class ProductWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False)
    description = serializers.CharField(required=False, allow_blank=True)


class ProductCreateSerializer(ProductWriteSerializer):
    supplier = serializers.PrimaryKeyRelatedField(queryset=Supplier.objects.all())
    name = serializers.CharField(max_length=150)


class ProductVersionWriteSerializer(serializers.Serializer):
    version = serializers.CharField(max_length=50, required=False)
    release_date = serializers.DateField(required=False)
    end_of_support = serializers.DateField(required=False, allow_null=True)


class ProductVersionCreateSerializer(ProductVersionWriteSerializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.select_related("supplier"))
    version = serializers.CharField(max_length=50)
    release_date = serializers.DateField()


class ReadinessWriteSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=Readiness._meta.get_field("state").choices, required=False)
    date = serializers.DateField(required=False, allow_null=True)
    evidence = serializers.CharField(required=False, allow_blank=True)
    evidence_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    conformance_report = serializers.PrimaryKeyRelatedField(
        queryset=ConformanceReport.objects.all(), required=False, allow_null=True
    )


class ReadinessCreateSerializer(ReadinessWriteSerializer):
    product_version = serializers.PrimaryKeyRelatedField(
        queryset=ProductVersion.objects.select_related("product__supplier")
    )
    building_block = serializers.PrimaryKeyRelatedField(
        queryset=BuildingBlock.objects.all(), required=False, allow_null=True
    )
    standard = serializers.SlugRelatedField(
        slug_field="code", queryset=Standard.objects.all(), required=False, allow_null=True
    )
    state = serializers.ChoiceField(choices=Readiness._meta.get_field("state").choices)


class SignatureCreateSerializer(serializers.Serializer):
    agreement = serializers.PrimaryKeyRelatedField(queryset=Agreement.objects.all())
    supplier = serializers.PrimaryKeyRelatedField(queryset=Supplier.objects.all())
    signed_on = serializers.DateField()


class CommitmentWriteSerializer(serializers.Serializer):
    building_block = serializers.PrimaryKeyRelatedField(queryset=BuildingBlock.objects.all(), required=False)
    due_date = serializers.DateField(required=False)


class CommitmentCreateSerializer(CommitmentWriteSerializer):
    signature = serializers.PrimaryKeyRelatedField(
        queryset=AgreementSignature.objects.select_related("agreement", "supplier")
    )
    building_block = serializers.PrimaryKeyRelatedField(queryset=BuildingBlock.objects.all())
    due_date = serializers.DateField()


class MembershipRequestSerializer(serializers.Serializer):
    supplier = serializers.PrimaryKeyRelatedField(queryset=Supplier.objects.all())
    motivation = serializers.CharField(max_length=2000)


class MembershipDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


# --- viewsets ----------------------------------------------------------------------------------------

_ERRORS = {400: OpenApiResponse(description="Invalid input"), 403: OpenApiResponse(description="Not allowed")}


def _schema(noun: str, who: str, read, create, update, *, delete: bool = False) -> dict:
    """The OpenAPI description of a resource that everyone reads and ``who`` may write."""
    change = {"request": update, "responses": {200: read, **_ERRORS}}
    schema = {
        "list": extend_schema(summary=f"List {noun}s"),
        "retrieve": extend_schema(summary=f"Get a {noun}"),
        "create": extend_schema(summary=f"Add a {noun} ({who})", request=create, responses={201: read, **_ERRORS}),
        "partial_update": extend_schema(summary=f"Change a {noun} ({who})", **change),
    }
    if delete:
        schema["destroy"] = extend_schema(summary=f"Delete a {noun} ({who})", responses={204: None, 403: None})
    return schema


class _ServiceWriteViewSet(
    ConditionalMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reads for everyone; creates and changes parsed by a write serializer and made by a service."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    create_serializer_class: type[serializers.Serializer]
    update_serializer_class: type[serializers.Serializer]

    def _answer(self, obj, status_code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=status_code)

    def create(self, request, *args, **kwargs):
        parser = self.create_serializer_class(data=request.data)
        parser.is_valid(raise_exception=True)
        return self._answer(self.perform_service_create(dict(parser.validated_data)), status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        parser = self.update_serializer_class(data=request.data, partial=True)
        parser.is_valid(raise_exception=True)
        return self._answer(self.perform_service_update(obj, dict(parser.validated_data)))

    def update(self, request, *args, **kwargs):  # PATCH only: see http_method_names
        return self.partial_update(request, *args, **kwargs)


@extend_schema_view(
    **_schema("supplier", "programme staff", SupplierSerializer, SupplierCreateSerializer, SupplierWriteSerializer)
)
class SupplierViewSet(_ServiceWriteViewSet):
    """Suppliers of municipal software, with counts of their products, versions, signed agreements and overdue
    delivery commitments. `is_demo` marks generated demonstration data."""

    serializer_class = SupplierSerializer
    create_serializer_class = SupplierCreateSerializer
    update_serializer_class = SupplierWriteSerializer
    filterset_class = SupplierFilter

    def get_queryset(self):
        return selectors.suppliers(today=timezone.localdate())

    def perform_service_create(self, data):
        return services.supplier_create(actor=self.request.user, **data)

    def perform_service_update(self, supplier, data):
        return services.supplier_update(actor=self.request.user, supplier=supplier, **data)


@extend_schema_view(
    **_schema(
        "product", "its supplier's representatives", ProductSerializer, ProductCreateSerializer, ProductWriteSerializer
    )
)
class ProductViewSet(_ServiceWriteViewSet):
    """Products (pakketten) of the suppliers."""

    serializer_class = ProductSerializer
    create_serializer_class = ProductCreateSerializer
    update_serializer_class = ProductWriteSerializer
    filterset_class = ProductFilter

    def get_queryset(self):
        return Product.objects.select_related("supplier").order_by("supplier__name", "name")

    def perform_service_create(self, data):
        return services.product_create(actor=self.request.user, **data)

    def perform_service_update(self, product, data):
        return services.product_update(actor=self.request.user, product=product, **data)


@extend_schema_view(
    **_schema(
        "product version",
        "its supplier's representatives",
        ProductVersionSerializer,
        ProductVersionCreateSerializer,
        ProductVersionWriteSerializer,
    )
)
class ProductVersionViewSet(_ServiceWriteViewSet):
    """Versions of the products, with their release date and the end of their support."""

    serializer_class = ProductVersionSerializer
    create_serializer_class = ProductVersionCreateSerializer
    update_serializer_class = ProductVersionWriteSerializer
    filterset_class = ProductVersionFilter

    def get_queryset(self):
        return ProductVersion.objects.select_related("product__supplier").order_by("product", "-release_date", "pk")

    def perform_service_create(self, data):
        return services.product_version_create(actor=self.request.user, **data)

    def perform_service_update(self, version, data):
        return services.product_version_update(actor=self.request.user, product_version=version, **data)


@extend_schema_view(
    **_schema(
        "readiness",
        "its supplier's representatives",
        ReadinessSerializer,
        ReadinessCreateSerializer,
        ReadinessWriteSerializer,
        delete=True,
    )
)
class ReadinessViewSet(_ServiceWriteViewSet):
    """Whether a product version supports a building block (by id) or a standard (by code): `supported` since
    `date`, `planned` for `date`, or `not_planned` (no date), with evidence and optionally a passed conformance
    report of the same supplier."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    serializer_class = ReadinessSerializer
    create_serializer_class = ReadinessCreateSerializer
    update_serializer_class = ReadinessWriteSerializer
    filterset_class = ReadinessFilter

    def get_queryset(self):
        return Readiness.objects.select_related(
            "product_version__product__supplier", "building_block", "standard"
        ).order_by("product_version", "pk")

    def perform_service_create(self, data):
        return services.readiness_create(actor=self.request.user, **data)

    def perform_service_update(self, readiness, data):
        return services.readiness_update(actor=self.request.user, readiness=readiness, **data)

    def destroy(self, request, *args, **kwargs):
        services.readiness_delete(actor=request.user, readiness=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(list=extend_schema(summary="List standards"), retrieve=extend_schema(summary="Get a standard"))
class StandardViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Standards a product can support: those the programme names (StUF-BG, StUF-ZKN, Digikoppeling) and those
    of the GEMMA model (`gemma_object_id`). `schema_set` names the official schemas of a conformance check."""

    serializer_class = StandardSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-z0-9]+"

    def get_queryset(self):
        return selectors.standards()


@extend_schema_view(
    list=extend_schema(summary="List supplier agreements"), retrieve=extend_schema(summary="Get a supplier agreement")
)
class AgreementViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """The programme's covenant with suppliers and its addenda, with the signatures and each signature's
    delivery commitments (`is_overdue`)."""

    serializer_class = AgreementSerializer

    def get_queryset(self):
        today = timezone.localdate()
        commitments = (
            selectors.commitments(today=today).select_related("building_block", "signature").order_by("due_date")
        )
        return (
            Agreement.objects.select_related("programme")
            .prefetch_related(
                "building_blocks",
                Prefetch(
                    "signatures",
                    queryset=AgreementSignature.objects.select_related("supplier")
                    .order_by("supplier__name")
                    .prefetch_related(Prefetch("commitments", queryset=commitments)),
                ),
            )
            .order_by("programme__name", "kind", "title")
        )


@extend_schema_view(
    list=extend_schema(summary="List signatures"),
    retrieve=extend_schema(summary="Get a signature"),
    create=extend_schema(
        summary="Record a signature (programme staff)",
        request=SignatureCreateSerializer,
        responses={201: SignatureSerializer, **_ERRORS},
    ),
)
class SignatureViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Suppliers' signatures under the supplier agreements, with their delivery commitments."""

    serializer_class = SignatureSerializer
    filterset_fields = ["agreement", "supplier"]

    def get_queryset(self):
        commitments = selectors.commitments(today=timezone.localdate()).select_related("building_block", "signature")
        return (
            AgreementSignature.objects.select_related("supplier")
            .prefetch_related(Prefetch("commitments", queryset=commitments.order_by("due_date")))
            .order_by("agreement", "supplier__name")
        )

    def create(self, request, *args, **kwargs):
        parser = SignatureCreateSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        signature = services.agreement_signature_create(actor=request.user, **parser.validated_data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=signature.pk)).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    **_schema(
        "delivery commitment",
        "programme staff",
        DeliveryCommitmentSerializer,
        CommitmentCreateSerializer,
        CommitmentWriteSerializer,
    )
)
class DeliveryCommitmentViewSet(_ServiceWriteViewSet):
    """The dates by which signing suppliers committed to deliver building blocks; `overdue=true` lists those whose
    date passed without delivery."""

    serializer_class = DeliveryCommitmentSerializer
    create_serializer_class = CommitmentCreateSerializer
    update_serializer_class = CommitmentWriteSerializer
    filterset_class = DeliveryCommitmentFilter

    def get_queryset(self):
        return (
            selectors.commitments(today=timezone.localdate())
            .select_related("signature", "building_block")
            .order_by("due_date", "pk")
        )

    def perform_service_create(self, data):
        return services.delivery_commitment_create(actor=self.request.user, **data)

    def perform_service_update(self, commitment, data):
        return services.delivery_commitment_update(actor=self.request.user, commitment=commitment, **data)


@extend_schema_view(
    list=extend_schema(summary="List requests to represent a supplier (your own; programme staff: all)"),
    retrieve=extend_schema(summary="Get a request to represent a supplier"),
    create=extend_schema(
        summary="Ask to represent a supplier",
        request=MembershipRequestSerializer,
        responses={201: SupplierMembershipSerializer, **_ERRORS},
    ),
)
class SupplierMembershipViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Requests to represent a supplier and their decisions. A user sees their own; programme staff see all and
    decide. An approved representative maintains the supplier's products, versions and readiness."""

    serializer_class = SupplierMembershipSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["status", "supplier"]

    def get_queryset(self):
        qs = SupplierMembership.objects.select_related("user", "supplier").order_by("-requested_at", "-pk")
        if getattr(self, "swagger_fake_view", False):  # the schema generator asks without a user
            return qs.none()
        if permissions.can_manage_suppliers(self.request.user):
            return qs
        return qs.filter(user=self.request.user)

    def create(self, request, *args, **kwargs):
        parser = MembershipRequestSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        membership = services.supplier_membership_request(actor=request.user, **parser.validated_data)
        return Response(self.get_serializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Approve or reject a request (programme staff)",
        request=MembershipDecisionSerializer,
        responses={200: SupplierMembershipSerializer, **_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        membership = self.get_object()
        parser = MembershipDecisionSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        membership = services.supplier_membership_decide(
            actor=request.user, membership=membership, **parser.validated_data
        )
        return Response(self.get_serializer(membership).data)

    @extend_schema(
        summary="End a representation or withdraw a request (the user, or programme staff)",
        request=None,
        responses={200: SupplierMembershipSerializer, **_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        membership = services.supplier_membership_end(actor=request.user, membership=self.get_object())
        return Response(self.get_serializer(membership).data)
