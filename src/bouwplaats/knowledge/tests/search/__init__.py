# SPDX-License-Identifier: EUPL-1.2
"""knowledge/search.py: the full-text index of questions and answers, ranking and Dutch stemming."""
