# SPDX-License-Identifier: EUPL-1.2
"""Gateway review pages: public lists and review pages; entering and editing for programme staff."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.catalogue.models import Programme
from bouwplaats.core.errors import submit_form

from ..review_models import GatewayReview
from . import selectors, services
from .forms import AgreementRatingsForm, GatewayReviewForm, RecommendationCreateForm, RecommendationForm
from .permissions import can_edit_reviews, require_review_editor


def _programme(slug: str) -> Programme:
    return get_object_or_404(Programme, slug=slug)


def _review(programme: Programme, pk: int) -> GatewayReview:
    # A review of another programme gives 404: the address names the programme.
    return get_object_or_404(GatewayReview.objects.select_related("programme"), programme=programme, pk=pk)


def _detail_url(review: GatewayReview, anchor: str = "") -> str:
    url = reverse("reports:reviews:detail", args=[review.programme.slug, review.pk])
    return f"{url}#{anchor}" if anchor else url


# --- reading (everyone) ---------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def review_index(request):
    return render(
        request,
        "reports/reviews/index.html",
        {"programmes": selectors.programmes_with_reviews(), "can_edit": can_edit_reviews(request.user)},
    )


@require_http_methods(["GET", "HEAD"])
def review_list(request, slug):
    programme = _programme(slug)
    reviews = list(selectors.programme_reviews(programme))
    return render(
        request,
        "reports/reviews/review_list.html",
        {
            "programme": programme,
            "reviews": reviews,
            "has_demo": any(review.is_demo for review in reviews),
            "can_edit": can_edit_reviews(request.user),
        },
    )


@require_http_methods(["GET", "HEAD"])
def review_detail(request, slug, pk):
    programme = _programme(slug)
    page = selectors.review_page(programme=programme, pk=pk)
    if page is None:
        raise Http404(_("This programme has no Gateway review with this number."))
    return render(
        request,
        "reports/reviews/review_detail.html",
        {"programme": programme, "page": page, "review": page.review, "can_edit": can_edit_reviews(request.user)},
    )


# --- entering and editing (programme staff) ---------------------------------------------------------


@permission_required_by(require_review_editor)
@require_http_methods(["GET", "POST"])
def review_create(request, slug):
    programme = _programme(slug)
    form = GatewayReviewForm(request.POST or None)
    review = submit_form(request, form, services.gateway_review_create, actor=request.user, programme=programme)
    if review is not None:
        messages.success(request, _("The review has been saved. Now give the status of each result agreement."))
        return redirect("reports:reviews:ratings", slug=programme.slug, pk=review.pk)
    return render(request, "reports/reviews/review_form.html", {"programme": programme, "form": form})


@permission_required_by(require_review_editor)
@require_http_methods(["GET", "POST"])
def review_edit(request, slug, pk):
    programme = _programme(slug)
    review = _review(programme, pk)
    form = GatewayReviewForm(request.POST or None, instance=review)
    saved = submit_form(request, form, services.gateway_review_update, actor=request.user, review=review)
    if saved is not None:
        messages.success(request, _("The review has been saved."))
        return redirect(_detail_url(saved))
    return render(request, "reports/reviews/review_form.html", {"programme": programme, "review": review, "form": form})


@permission_required_by(require_review_editor)
@require_http_methods(["GET", "POST"])
def ratings_edit(request, slug, pk):
    programme = _programme(slug)
    review = _review(programme, pk)
    form = AgreementRatingsForm(
        request.POST or None,
        agreements=selectors.agreements_to_rate(programme),
        ratings=list(review.ratings.exclude(result_agreement=None)),
    )
    if submit_form(request, form, services.agreement_ratings_update, actor=request.user, review=review) is not None:
        messages.success(request, _("The status of the result agreements has been saved."))
        return redirect(_detail_url(review, "review-agreements"))
    return render(
        request, "reports/reviews/ratings_form.html", {"programme": programme, "review": review, "form": form}
    )


@permission_required_by(require_review_editor)
@require_http_methods(["GET", "POST"])
def recommendation_create(request, slug, pk):
    programme = _programme(slug)
    review = _review(programme, pk)
    form = RecommendationCreateForm(request.POST or None)
    recommendation = submit_form(request, form, services.recommendation_create, actor=request.user, review=review)
    if recommendation is not None:
        messages.success(request, _("Recommendation %(number)s has been added.") % {"number": recommendation.number})
        return redirect(_detail_url(review, "review-recommendations"))
    return render(
        request, "reports/reviews/recommendation_form.html", {"programme": programme, "review": review, "form": form}
    )


@permission_required_by(require_review_editor)
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, slug, pk, number):
    programme = _programme(slug)
    review = _review(programme, pk)
    recommendation = selectors.recommendation_of(review, number)
    if recommendation is None:
        raise Http404(_("This review has no recommendation with this number."))
    form = RecommendationForm(request.POST or None, instance=recommendation)
    saved = submit_form(
        request, form, services.recommendation_update, actor=request.user, recommendation=recommendation
    )
    if saved is not None:
        messages.success(request, _("Recommendation %(number)s has been saved.") % {"number": number})
        return redirect(_detail_url(review, "review-recommendations"))
    return render(
        request,
        "reports/reviews/recommendation_form.html",
        {"programme": programme, "review": review, "recommendation": recommendation, "form": form},
    )
