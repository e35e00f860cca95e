# SPDX-License-Identifier: EUPL-1.2
"""Gateway review pages: the overview, the reviews of Operatie NUP, a review, and the staff forms.

The ids are those of ``load_demo_reviews`` on a fresh database: review 1 is the midterm review of
2013 (four recommendations), review 2 the review of 2014 that follows it.
"""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, PageSpec, page_path


def review(name: str, *args) -> str:
    """A Gateway review page of Operatie NUP by its URL name."""
    return page_path(f"reports:reviews:{name}", "operatie-nup", *args)


PAGES = [
    PageSpec("reviews", page_path("reports:reviews:index"), (ANONYMOUS, STAFF)),
    PageSpec("reviews-nup", review("list"), (ANONYMOUS, STAFF)),
    PageSpec("review-latest", review("detail", 2), (ANONYMOUS, COORDINATOR, STAFF)),
    PageSpec("review-earlier", review("detail", 1), (ANONYMOUS,)),
    PageSpec("review-create", review("create"), (STAFF,)),
    PageSpec("review-edit", review("edit", 1), (STAFF,)),
    PageSpec("review-ratings", review("ratings", 1), (STAFF,)),
    PageSpec("review-recommendation-create", review("recommendation-create", 1), (STAFF,)),
    PageSpec("review-recommendation-edit", review("recommendation-edit", 1, 4), (STAFF,)),
]
