# SPDX-License-Identifier: EUPL-1.2
"""knowledge/questions/: asking, triage, answers, the FAQ and its search, themes."""
