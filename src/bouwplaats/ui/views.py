from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def health(request):
    """Liveness probe, and the baseline view that the benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")
