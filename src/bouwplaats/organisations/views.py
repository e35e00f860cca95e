from django.http import HttpResponse


def municipality_list(request):  # placeholder, replaced by the organisations pages
    return HttpResponse("")


def municipality_detail(request, code):  # placeholder
    return HttpResponse("")
