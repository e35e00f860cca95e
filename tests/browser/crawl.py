# SPDX-License-Identifier: EUPL-1.2
"""A crawl of the running site by plain HTTP requests: every same-site ``<a href>`` is followed.

Used by ``test_public_crawl.py`` (an anonymous visitor must meet no 403 and no 5xx) and usable by
hand against any running site::

    .venv/bin/python -m tests.browser.crawl http://127.0.0.1:8000

Links are followed breadth first from ``/``. Forms are not submitted. Downloads (anything that is
not HTML) are requested but not read for links. To keep the crawl bounded while still reaching
every kind of page, addresses are grouped by their *shape* (digits, CBS codes and block codes
replaced by placeholders, query values dropped) and at most ``per_shape`` addresses of one shape
are visited, ``max_pages`` in all.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_PAGES = 700
PER_SHAPE = 4
TIMEOUT = 30

# Paths never followed: the admin (its own login), the language switch and logout (forms anyway),
# and the open-data downloads (tens of megabytes each, made again after every change of visibility;
# their tests are monitor/tests/dashboards/test_open_data.py and tests/browser/test_open_data_flows.py).
# Literal prefixes of whole areas, not pages: this module also runs on its own, without Django.
SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/account/uitloggen/", "/static/", "/media/", "/api/v1/open-data/")

_SHAPE_PARTS = [
    (re.compile(r"^GM\d{4}$", re.IGNORECASE), "<gemeente>"),
    (re.compile(r"^PV\d{2}$", re.IGNORECASE), "<provincie>"),
    (re.compile(r"^\d+$"), "<n>"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "<datum>"),
    (re.compile(r"^(id-)?[0-9a-f-]{32,36}$", re.IGNORECASE), "<id>"),  # ArchiMate element ids
    (re.compile(r"^[A-Z0-9][A-Z0-9+-]*$"), "<code>"),  # building block codes such as DIGID, 14NETNUMMER
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def shape(path_and_query: str) -> str:
    """``/gemeenten/GM0363/?peildatum=2020-01-01`` -> ``/gemeenten/<gemeente>/?peildatum``."""
    parts = urllib.parse.urlsplit(path_and_query)
    segments = []
    for segment in parts.path.split("/"):
        for pattern, placeholder in _SHAPE_PARTS:
            if segment and pattern.match(segment):
                segment = placeholder
                break
        segments.append(segment)
    keys = sorted({key for key, _value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)})
    return "/".join(segments) + ("?" + "&".join(keys) if keys else "")


@dataclass
class Visit:
    url: str  # path and query
    status: int
    referrer: str | None
    content_type: str = ""
    location: str = ""


@dataclass
class CrawlResult:
    visits: list[Visit] = field(default_factory=list)
    left_out: int = 0  # same-site addresses not visited because of the bounds

    def with_status(self, predicate) -> list[Visit]:
        return [visit for visit in self.visits if predicate(visit.status)]

    def describe(self, visits: list[Visit]) -> str:
        return "\n".join(f"{visit.status} {visit.url} (linked from {visit.referrer})" for visit in visits)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _open(base: str, url: str, headers: dict[str, str]):
    opener = urllib.request.build_opener(_NoRedirects)
    request = urllib.request.Request(base + url, headers=headers)  # noqa: S310 (our own site)
    try:
        response = opener.open(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""
    with response:
        content_type = response.headers.get("Content-Type", "")
        body = response.read() if content_type.startswith("text/html") else b""
        return response.status, response.headers, body


def _same_site(base: str, current: str, href: str) -> str | None:
    """The path and query of ``href`` when it points into the site, else None."""
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    absolute = urllib.parse.urljoin(base + current, href)
    parts = urllib.parse.urlsplit(absolute)
    site = urllib.parse.urlsplit(base)
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(
    base: str,
    *,
    start: str = "/",
    max_pages: int = MAX_PAGES,
    per_shape: int = PER_SHAPE,
    headers: dict[str, str] | None = None,
) -> CrawlResult:
    """Visit the site at ``base`` (``http://host:port``, no trailing slash) as an anonymous visitor."""
    headers = {"Accept-Language": "nl", **(headers or {})}
    result = CrawlResult()
    queue: deque[tuple[str, str | None]] = deque([(start, None)])
    seen = {start}
    shapes: dict[str, int] = {}
    while queue:
        url, referrer = queue.popleft()
        key = shape(url)
        if len(result.visits) >= max_pages or shapes.get(key, 0) >= per_shape:
            result.left_out += 1
            continue
        shapes[key] = shapes.get(key, 0) + 1
        status, response_headers, body = _open(base, url, headers)
        visit = Visit(
            url, status, referrer, response_headers.get("Content-Type", ""), response_headers.get("Location", "")
        )
        result.visits.append(visit)
        found = links_of(body.decode("utf-8", errors="replace")) if body else []
        if visit.location:
            found.append(visit.location)
        for href in found:
            target = _same_site(base, url, href)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append((target, url))
    return result


if __name__ == "__main__":  # pragma: no cover - a tool for looking at a running site by hand
    outcome = crawl(sys.argv[1].rstrip("/"))
    problems = outcome.with_status(lambda status: status == 403 or status == 404 or status >= 500)
    print(f"{len(outcome.visits)} addresses visited, {outcome.left_out} left out by the bounds")
    print(outcome.describe(problems) or "no 403, 404 or 5xx")
