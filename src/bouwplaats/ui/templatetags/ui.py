# SPDX-License-Identifier: EUPL-1.2
from django import template
from django.urls import get_script_prefix
from django.utils.translation import get_language

from bouwplaats.ui import numbers

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


DEMO_NOTICE_SHOWN = "_bouwplaats_demo_notice_shown"


@register.filter
def euros(amount) -> str:
    """``{{ amount|euros }}``: an amount in whole euros as the site writes it (``ui.numbers.euros``)."""
    return numbers.euros(amount)


@register.simple_tag(takes_context=True)
def demo_notice(context, text, when=True, css=""):
    """``{% demo_notice text when=has_demo %}``: the "Demo data" banner, at most once per page.

    Pages put together from parts of several apps (a survey answer page shows progress and the
    round, a list shows many items) would otherwise label the demo data again and again; the first
    part that has demo data shows the banner, the later ones nothing. The page's context and its
    request (for parts rendered on their own) remember that it was shown.
    """
    request = context.get("request")
    if not when or context.get(DEMO_NOTICE_SHOWN) or getattr(request, DEMO_NOTICE_SHOWN, False):
        return ""
    context.dicts[0][DEMO_NOTICE_SHOWN] = True
    if request is not None:
        setattr(request, DEMO_NOTICE_SHOWN, True)
    return context.template.engine.get_template("ui/demo_notice.html").render(
        template.Context({"text": text, "css": css}, autoescape=context.autoescape)
    )
