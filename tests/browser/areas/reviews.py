"""Gateway review pages: the overview, the reviews of Operatie NUP, a review, and the staff forms.

The ids are those of ``load_demo_reviews`` on a fresh database: review 1 is the midterm review of
2013 (four recommendations), review 2 the review of 2014 that follows it.
"""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, PageSpec

REVIEWS = "/rapportages/gateway-reviews/operatie-nup"

PAGES = [
    PageSpec("reviews", "/rapportages/gateway-reviews/", (ANONYMOUS, STAFF)),
    PageSpec("reviews-nup", f"{REVIEWS}/", (ANONYMOUS, STAFF)),
    PageSpec("review-latest", f"{REVIEWS}/2/", (ANONYMOUS, COORDINATOR, STAFF)),
    PageSpec("review-earlier", f"{REVIEWS}/1/", (ANONYMOUS,)),
    PageSpec("review-create", f"{REVIEWS}/nieuw/", (STAFF,)),
    PageSpec("review-edit", f"{REVIEWS}/1/bewerken/", (STAFF,)),
    PageSpec("review-ratings", f"{REVIEWS}/1/resultaatafspraken/", (STAFF,)),
    PageSpec("review-recommendation-create", f"{REVIEWS}/1/aanbevelingen/nieuw/", (STAFF,)),
    PageSpec("review-recommendation-edit", f"{REVIEWS}/1/aanbevelingen/4/bewerken/", (STAFF,)),
]
