# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import oidc, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("inloggen/organisatie/", oidc.OrganisationLoginView.as_view(), name="oidc-login"),
    path("inloggen/organisatie/terug/", oidc.OrganisationCallbackView.as_view(), name="oidc-callback"),
    path("tweestapsverificatie/instellen/", views.two_factor_setup, name="two-factor-setup"),
    path("tweestapsverificatie/qr-code/", views.two_factor_qr, name="two-factor-qr"),
    path("tweestapsverificatie/code/", views.two_factor_verify, name="two-factor-verify"),
    path("tweestapsverificatie/herstelcodes/", views.two_factor_recovery_codes, name="two-factor-recovery-codes"),
    path("tweestapsverificatie/uitzetten/", views.two_factor_disable, name="two-factor-disable"),
    path("registreren/", views.register, name="register"),
    path("registreren/verstuurd/", views.register_done, name="register-done"),
    path("activeren/<uidb64>/<token>/", views.activate, name="activate"),
    path("opnieuw-activeren/", views.resend_activation, name="resend-activation"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password-reset"),
    path("wachtwoord-vergeten/verstuurd/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("wachtwoord-herstellen/gereed/", views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("wachtwoord-wijzigen/", views.PasswordChangeView.as_view(), name="password-change"),
    path("lidmaatschap-aanvragen/", views.membership_request, name="membership-request"),
    path("lidmaatschappen/<int:pk>/beeindigen/", views.membership_end, name="membership-end"),
    path("api-token/", views.api_token, name="api-token"),
    path("beheer/lidmaatschappen/", views.membership_requests, name="membership-requests"),
    path("beheer/lidmaatschappen/<int:pk>/besluit/", views.membership_decide, name="membership-decide"),
    path("beheer/gebruikers/", views.user_list, name="user-list"),
    path("beheer/gebruikers/<int:pk>/rol/", views.user_role, name="user-role"),
    path("beheer/gebruikers/<int:pk>/tweestapsverificatie/", views.two_factor_reset, name="two-factor-reset"),
    path("beheer/audit/", views.audit_log, name="audit-log"),
]
