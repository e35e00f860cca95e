"""Collecting a write's validation messages by field and raising them together.

A service checks everything it can before it refuses, so that a form shows every problem at once:
it adds each message to an ``Errors`` and calls ``raise_if_any()`` before it writes.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NON_FIELD = "__all__"


class Errors:
    """Field-keyed messages, raised together as one ``ValidationError``.

    ``prefix`` goes before every field name (e.g. ``"BAG-"`` for one of several blocks on a form).
    """

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.messages: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.messages.setdefault(f"{self.prefix}{field}", []).append(str(message))

    def replace(self, field: str, message: str) -> None:
        """``message`` instead of whatever was said about ``field`` (a clearer word than the model's)."""
        self.messages[f"{self.prefix}{field}"] = [str(message)]

    def merge(self, error: ValidationError) -> None:
        """Add the messages of ``error``; one without fields goes to ``__all__``. Repeats are dropped."""
        items = error.message_dict.items() if hasattr(error, "error_dict") else [(NON_FIELD, error.messages)]
        for field, messages in items:
            for message in messages:
                if message not in self.messages.get(f"{self.prefix}{field}", []):
                    self.add(field, message)

    def __contains__(self, field: str) -> bool:
        return f"{self.prefix}{field}" in self.messages

    def __bool__(self) -> bool:
        return bool(self.messages)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def clean_text(
    value: str | None, *, field: str, max_length: int, required: bool | str = True, errors: Errors | None = None
) -> str:
    """``value`` stripped; a message on ``field`` when it is empty but ``required`` or longer than ``max_length``.

    ``required`` is True (the standard message), a message of its own, or False. The messages go to
    ``errors``; without one they are raised at once.
    """
    collect = errors if errors is not None else Errors()
    text = (value or "").strip()
    if required and not text:
        collect.add(field, _("This field is required.") if required is True else required)
    elif len(text) > max_length:
        collect.add(
            field,
            _("Keep it to at most %(max)d characters (it has %(length)d).") % {"max": max_length, "length": len(text)},
        )
    if errors is None:
        collect.raise_if_any()
    return text
