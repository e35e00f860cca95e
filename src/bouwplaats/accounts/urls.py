from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "accounts"

urlpatterns = [
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("registreren/", auth_views.LoginView.as_view(), name="register"),
    path("", auth_views.LoginView.as_view(), name="account"),
    path("beheer/lidmaatschappen/", auth_views.LoginView.as_view(), name="membership-requests"),
]
