"""The models of the reports app. The Gateway reviews live in ``review_models``."""

from .review_models import AgreementRating, FollowUp, GatewayReview, Rag, Recommendation

__all__ = ["AgreementRating", "FollowUp", "GatewayReview", "Rag", "Recommendation"]
