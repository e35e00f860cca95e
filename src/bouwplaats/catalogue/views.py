from django.shortcuts import render


def home(request):  # placeholder, replaced by the catalogue pages
    return render(request, "base.html")
