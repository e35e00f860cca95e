# SPDX-License-Identifier: EUPL-1.2
"""Knowledge centre pages: FAQ and search, a question, asking, triage, insight, guides, articles,
comments and moderation. ``load_demo_knowledge`` creates question 1 (published, asked by the demo
coordinator of Amsterdam), guides for BRP, DigiD, eHerkenning and BAG, and three articles with
comments (comment 1 is the coordinator's)."""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, PageSpec, page_path

ARTICLE = page_path("knowledge:article-detail", "podium-van-loket-naar-digitaal")

PAGES = [
    PageSpec("know-faq", page_path("knowledge:home"), (ANONYMOUS, STAFF, COORDINATOR)),
    PageSpec(
        "know-faq-search", page_path("knowledge:home", query="q=aansluiting&thema=basisregistraties"), (ANONYMOUS,)
    ),
    PageSpec("know-question", page_path("knowledge:question-detail", 1), (ANONYMOUS, COORDINATOR, STAFF)),
    PageSpec("know-ask", page_path("knowledge:ask"), (COORDINATOR,)),
    PageSpec("know-my-questions", page_path("knowledge:my-questions"), (COORDINATOR,)),
    PageSpec("know-triage", page_path("knowledge:triage-list"), (STAFF,)),
    PageSpec("know-triage-question", page_path("knowledge:triage-detail", 1), (STAFF,)),
    PageSpec("know-insight", page_path("knowledge:insight"), (STAFF,)),
    PageSpec("know-guides", page_path("knowledge:guide-list"), (ANONYMOUS, STAFF)),
    PageSpec("know-guide", page_path("knowledge:guide-detail", "BRP"), (ANONYMOUS, COORDINATOR)),
    PageSpec("know-guide-ticks", page_path("knowledge:guide-ticks", "BRP", "GM0363"), (COORDINATOR,)),
    PageSpec("know-guide-publish", page_path("knowledge:guide-publish", "BRP"), (STAFF,)),
    PageSpec("know-articles", page_path("knowledge:article-list"), (ANONYMOUS,)),
    PageSpec("know-article", ARTICLE, (ANONYMOUS, COORDINATOR, STAFF)),
    PageSpec("know-article-edit", page_path("knowledge:article-create"), (STAFF,)),
    PageSpec("know-comment-report", page_path("knowledge:comment-report", 1), (STAFF,)),
    PageSpec("know-comment-hide", page_path("knowledge:comment-hide", 1), (STAFF,)),
    PageSpec("know-moderation", page_path("knowledge:moderation"), (STAFF,)),
    PageSpec("know-themes", page_path("knowledge:themes"), (STAFF,)),
    PageSpec("know-theme-edit", page_path("knowledge:theme-edit", 1), (STAFF,)),
    PageSpec("know-article-change", page_path("knowledge:article-edit", "podium-van-loket-naar-digitaal"), (STAFF,)),
]
