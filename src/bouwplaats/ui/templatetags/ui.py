from django import template

register = template.Library()


@register.simple_tag
def query_replace(request, **changes) -> str:
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    query = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.filter
def page_window(paginator, current: int, radius: int = 2) -> list[int | None]:
    """Page numbers around the current page, with the first and last page; None marks a gap."""
    last = paginator.num_pages
    shown = sorted({1, last, *range(max(1, current - radius), min(last, current + radius) + 1)})
    window: list[int | None] = []
    for number in shown:
        if window and number - window[-1] > 1:
            window.append(None)
        window.append(number)
    return window
