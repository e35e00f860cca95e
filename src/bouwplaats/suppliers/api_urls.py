# SPDX-License-Identifier: EUPL-1.2
from bouwplaats.core.api import Router

from .api import (
    AgreementViewSet,
    DeliveryCommitmentViewSet,
    ProductVersionViewSet,
    ProductViewSet,
    ReadinessViewSet,
    SignatureViewSet,
    StandardViewSet,
    SupplierMembershipViewSet,
    SupplierViewSet,
)

router = Router()
router.register("suppliers", SupplierViewSet, basename="supplier")
router.register("products", ProductViewSet, basename="product")
router.register("product-versions", ProductVersionViewSet, basename="product-version")
router.register("readiness", ReadinessViewSet, basename="readiness")
router.register("standards", StandardViewSet, basename="standard")
router.register("supplier-agreements", AgreementViewSet, basename="supplier-agreement")
router.register("agreement-signatures", SignatureViewSet, basename="agreement-signature")
router.register("delivery-commitments", DeliveryCommitmentViewSet, basename="delivery-commitment")
router.register("supplier-memberships", SupplierMembershipViewSet, basename="supplier-membership")

urlpatterns = router.urls
