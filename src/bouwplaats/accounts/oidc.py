# SPDX-License-Identifier: EUPL-1.2
"""Signing in through the organisation's OpenID Connect provider (ADR 19).

mozilla-django-oidc runs the authorization code flow (state, nonce, PKCE, the token exchange and
the id_token's signature checked against the provider's keys). This module decides who may come
in: the provider's e-mail address must be verified (``email_verified``) and belong to an existing
active account. No account is created, and no claim (``groups``, roles) changes a role or a
membership: those stay with the programme staff and administrators of this site.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import selectors
from .language import remember_language

UNVERIFIED = gettext_lazy(
    "Your organisation did not confirm your e-mail address, so you cannot sign in with it here. "
    "No account has been created. Log in with your password, or ask your organisation's IT department."
)
UNKNOWN = gettext_lazy(
    "There is no active account on this site with the e-mail address your organisation gave. "
    "No account has been created: register first, or ask the programme staff."
)
FAILED = gettext_lazy("Signing in through your organisation did not succeed. Try again or log in with your password.")


def email_is_verified(claims: dict) -> bool:
    """Only ``email_verified`` true counts (a few providers send it as the text "true")."""
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.lower() == "true")


class OrganisationAccountBackend(OIDCAuthenticationBackend):
    """Finds the existing account of a verified e-mail address; never creates or changes one."""

    def authenticate(self, request, **kwargs):
        # A password login passes username and password; only the OIDC callback passes a nonce.
        if not settings.OIDC_ENABLED or "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not claims.get("email") or not email_is_verified(claims):
            self.request.oidc_refusal = UNVERIFIED
            return None
        user = selectors.active_user_by_email(claims["email"])
        if user is None:
            self.request.oidc_refusal = UNKNOWN
        return user

    def create_user(self, claims):
        return None

    def update_user(self, user, claims):
        return user


class OrganisationLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider; 404 while OIDC is off."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)


class OrganisationCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the browser back here; a refusal is shown on the login page."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)

    @property
    def failure_url(self):
        return reverse("accounts:login")

    def login_failure(self):
        messages.error(self.request, getattr(self.request, "oidc_refusal", None) or FAILED)
        return HttpResponseRedirect(self.failure_url)

    def login_success(self):
        response = super().login_success()
        return remember_language(response, self.user.preferred_language)
