# SPDX-License-Identifier: EUPL-1.2
"""monitor/surveys/: survey rounds, answers, reminders."""
