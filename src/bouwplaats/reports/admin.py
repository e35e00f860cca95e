"""Admin lists of the reports app: the Gateway reviews register theirs in ``reviews.admin``."""

from .reviews import admin as reviews_admin  # noqa: F401 (registers the review admins)
