"""Knowledge centre pages: FAQ and search, a question, asking, triage, insight, guides, articles,
comments and moderation. ``load_demo_knowledge`` creates question 1 (published, asked by the demo
coordinator of Amsterdam), guides for BRP, DigiD, eHerkenning and BAG, and three articles with
comments (comment 1 is the coordinator's)."""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, PageSpec

ARTICLE = "/kennis/artikelen/podium-van-loket-naar-digitaal/"

PAGES = [
    PageSpec("know-faq", "/kennis/", (ANONYMOUS, STAFF, COORDINATOR)),
    PageSpec("know-faq-search", "/kennis/?q=aansluiting&thema=basisregistraties", (ANONYMOUS,)),
    PageSpec("know-question", "/kennis/vragen/1/", (ANONYMOUS, COORDINATOR, STAFF)),
    PageSpec("know-ask", "/kennis/vragen/nieuw/", (COORDINATOR,)),
    PageSpec("know-my-questions", "/kennis/vragen/mijn/", (COORDINATOR,)),
    PageSpec("know-triage", "/kennis/behandelen/", (STAFF,)),
    PageSpec("know-triage-question", "/kennis/behandelen/1/", (STAFF,)),
    PageSpec("know-insight", "/kennis/inzicht/", (STAFF,)),
    PageSpec("know-guides", "/kennis/handreikingen/", (ANONYMOUS, STAFF)),
    PageSpec("know-guide", "/kennis/handreikingen/BRP/", (ANONYMOUS, COORDINATOR)),
    PageSpec("know-guide-ticks", "/kennis/handreikingen/BRP/gemeenten/GM0363/", (COORDINATOR,)),
    PageSpec("know-guide-publish", "/kennis/handreikingen/BRP/nieuwe-versie/", (STAFF,)),
    PageSpec("know-articles", "/kennis/artikelen/", (ANONYMOUS,)),
    PageSpec("know-article", ARTICLE, (ANONYMOUS, COORDINATOR, STAFF)),
    PageSpec("know-article-edit", "/kennis/artikelen/nieuw/", (STAFF,)),
    PageSpec("know-comment-report", "/kennis/reacties/1/melden/", (STAFF,)),
    PageSpec("know-comment-hide", "/kennis/reacties/1/verbergen/", (STAFF,)),
    PageSpec("know-moderation", "/kennis/moderatie/", (STAFF,)),
    PageSpec("know-themes", "/kennis/themas/", (STAFF,)),
    PageSpec("know-theme-edit", "/kennis/themas/1/", (STAFF,)),
    PageSpec("know-article-change", ARTICLE + "bewerken/", (STAFF,)),
]
