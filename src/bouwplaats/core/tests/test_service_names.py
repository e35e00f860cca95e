# SPDX-License-Identifier: EUPL-1.2
"""Every service is named ``<noun>_<verb>`` (docs/dev/architecture.md, "Writes")."""

import ast
from pathlib import Path

import bouwplaats

ROOT = Path(bouwplaats.__file__).parent

# The last word of a service's name: what happens to the noun before it.
VERBS = {
    "accept", "activate", "add", "answer", "apply", "ask", "assign", "cast", "check", "classify",
    "close", "copy", "create", "decide", "delete", "dismiss", "enable", "end", "hide", "import", "merge",
    "link", "move", "post", "propose", "publish", "rebuild", "record", "register", "relink", "remind",
    "remove", "renew", "report", "request", "resend", "reset", "restore", "revoke", "run", "save", "send", "set",
    "start", "tick", "unpublish", "unsubscribe", "unvote", "update", "vote",
}  # fmt: skip
# A verb with its complement, where one word does not say it.
VERB_PHRASES = {"close_early", "mark_read", "report_many"}
# Verbs that are nouns as well, and may start a name (`import_check`, `status_report_many`).
ALSO_NOUNS = {"answer", "check", "import", "post", "record", "report", "set", "vote"}
# Shared steps and helpers that take an actor but are not services of their own (see the docs).
NOT_SERVICES = {
    "audit/services.py": {"record"},
    "core/services.py": {"model_update"},
    "monitor/services.py": {"validated_event"},
}


def services(path: Path) -> list[str]:
    """The public functions of ``path`` that take an ``actor``: the writes a user asks for."""
    tree = ast.parse(path.read_text())
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and "actor" in [argument.arg for argument in node.args.kwonlyargs]
    ]


def misnamed(name: str) -> bool:
    words = name.split("_")
    if len(words) < 2 or words[0] in VERBS - ALSO_NOUNS:
        return True  # a verb first (`ask_question`) or no noun at all
    return words[-1] not in VERBS and "_".join(words[-2:]) not in VERB_PHRASES


def test_the_rule_tells_noun_verb_from_verb_noun():
    assert not misnamed("question_ask") and not misnamed("consultation_close_early")
    assert misnamed("ask_question") and misnamed("create") and misnamed("survey_reminders")


def test_every_service_is_named_noun_then_verb():
    modules = [*ROOT.rglob("services.py"), ROOT / "notifications" / "delivery.py"]
    wrong = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in modules
        if "tests" not in path.parts
        for name in services(path)
        if name not in NOT_SERVICES.get(str(path.relative_to(ROOT)), set()) and misnamed(name)
    ]
    assert not wrong, "Name services <noun>_<verb> (docs/dev/architecture.md):\n" + "\n".join(wrong)
