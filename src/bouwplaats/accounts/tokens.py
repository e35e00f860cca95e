# SPDX-License-Identifier: EUPL-1.2
"""Signed, expiring tokens for account activation links."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Like the password-reset token, but with its own salt and tied to ``is_active``.

    A reset token can therefore not activate an account (nor the reverse), and an activation
    link stops working once the account is active. Links expire after PASSWORD_RESET_TIMEOUT.
    """

    key_salt = "bouwplaats.accounts.tokens.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


activation_token = ActivationTokenGenerator()
