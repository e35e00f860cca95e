from django import template
from django.urls import get_script_prefix
from django.utils.translation import get_language

register = template.Library()


class OnceNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}  # (language, script prefix) → output; lives as long as the parsed template

    def render(self, context):
        key = (get_language(), get_script_prefix())
        output = self.rendered.get(key)
        if output is None:
            output = self.rendered[key] = self.nodelist.render(context)
        return output


@register.tag
def once(parser, token):
    """``{% once %}…{% endonce %}``: rendered once per language (per parsed template), then reused.

    Only for parts that depend on nothing but the language: fixed text, fixed URLs, static files and
    settings. Never put anything from the request, the user, messages or a CSRF token inside.
    """
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("'once' takes no arguments.")
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist)


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
