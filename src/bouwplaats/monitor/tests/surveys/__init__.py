"""monitor/surveys/: survey rounds, answers, reminders."""
