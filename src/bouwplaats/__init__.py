# SPDX-License-Identifier: EUPL-1.2
"""Bouwplaats: the implementation platform for shared digital-government building blocks."""

from .celery import app as celery_app

__all__ = ["celery_app"]
__version__ = "0.2.0"
