# SPDX-License-Identifier: EUPL-1.2
"""Question pages: the FAQ with search, one question, asking (with suggestions), and staff triage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.core.errors import add_service_errors, perform, submit_form
from bouwplaats.core.fragments import cached_fragment

from ..models import Question, QuestionStatus, Theme
from ..permissions import can_triage_questions, require_question_viewer, require_triager
from ..selectors import current_blocks
from ..stemming import terms as search_terms
from . import selectors, services
from .forms import AnswerForm, AskForm, AssignForm, ClassifyForm, FaqSearchForm, MergeForm, ThemeForm

PAGE_SIZE = 20
QUEUE_PAGE_SIZE = 50


@require_http_methods(["GET", "HEAD"])
def home(request):
    """The FAQ: published questions with their answers, searchable and filtered.

    The search form and results are the same for every visitor, so they are cached under the FAQ's
    data version and the query string (ADRs 6, 13); the menu around them depends on the user.
    """
    query = sorted((key, value) for key, value in request.GET.lists())
    version = selectors.faq_version(request)
    content = cached_fragment("knowledge.faq", (version, query), lambda: _faq_content(request, version))
    return render(
        request, "knowledge/home.html", {"content": content, "can_triage": can_triage_questions(request.user)}
    )


def _faq_content(request, version: int) -> str:
    # The lists to choose from are the same for every search: kept apart, so a new search reuses them.
    choices = cached_fragment("knowledge.faq-choices", (version,), selectors.faq_choices)
    form = FaqSearchForm(request.GET or None, choices=choices)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = selectors.faq_page(
        text=filters.get("q") or "",
        building_block=filters.get("bouwsteen"),
        theme=filters.get("thema"),
        number=request.GET.get("page"),
        page_size=PAGE_SIZE,
    )
    return render_to_string(
        "knowledge/_faq_content.html",
        {
            "form": form,
            "page_obj": page,
            "searched": bool(filters),
            "request": request,
        },
    )


@require_http_methods(["GET", "HEAD"])
def question_detail(request, pk):
    question = selectors.question_for(request.user, pk)
    if question is None:
        hidden = Question.objects.filter(pk=pk).first()
        if hidden is not None:
            require_question_viewer(request.user, hidden)  # refuses with 403 rather than hiding with 404
        raise Http404(_("There is no question with this number."))
    return render(
        request,
        "knowledge/question_detail.html",
        {
            "question": question,
            "answer": getattr(question, "answer", None),
            "is_asker": request.user.is_authenticated and question.asker_id == request.user.pk,
            "can_triage": can_triage_questions(request.user),
        },
    )


@login_required
@require_POST
def accept_answer(request, pk):
    question = get_object_or_404(Question, pk=pk)
    accepted = request.POST.get("accepted") != "0"
    thanks = _("Thank you for letting us know.")
    perform(request, thanks, services.answer_accept, actor=request.user, question=question, accepted=accepted)
    return redirect(question.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    """Asking in two steps without JavaScript: "Check for similar questions" shows them above the
    form; "Send question" sends it. With JavaScript the suggestions appear while typing."""
    form = AskForm(request.POST or None, user=request.user, building_blocks=current_blocks())
    suggestions = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "check" in request.POST:
            suggestions = selectors.similar_questions(f"{data['title']} {data['body']}")
        else:
            question = submit_form(request, form, services.question_ask, asker=request.user)
            if question is not None:
                messages.success(
                    request, _("Your question has been sent. You will be told when programme staff answer it.")
                )
                return redirect(question.get_absolute_url())
    return render(
        request,
        "knowledge/ask.html",
        {"form": form, "suggestions": suggestions},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD"])
def similar(request):
    """An HTML fragment with similar published questions, for the suggestions while typing."""
    text = request.GET.get("q", "")[:500]
    return HttpResponse(
        cached_fragment(
            "knowledge.similar",
            (selectors.faq_version(request), search_terms(text)),
            lambda: render_to_string(
                "knowledge/_similar_questions.html", {"suggestions": selectors.similar_questions(text), "text": text}
            ),
        )
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def my_questions(request):
    page = Paginator(selectors.my_questions(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "knowledge/my_questions.html", {"page_obj": page, "questions": page.object_list})


@permission_required_by(require_triager)
@require_http_methods(["GET", "HEAD"])
def triage_list(request):
    status = request.GET.get("status", "")
    if status not in QuestionStatus.values:
        status = ""
    mine = request.GET.get("mijn") == "1"
    queue = selectors.triage_queue(status=status, assigned_to=request.user if mine else None)
    page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/triage_list.html",
        {
            "page_obj": page,
            "questions": page.object_list,
            "status": status,
            "mine": mine,
            "statuses": QuestionStatus.choices,
        },
    )


def _triage_forms(question, data=None, action=None):
    answer = getattr(question, "answer", None)
    bound = lambda name: data if action == name else None  # noqa: E731 - only the submitted form is bound
    return {
        "assign": AssignForm(bound("assign"), initial={"assignee": question.assigned_to_id}, prefix="assign"),
        "classify": ClassifyForm(
            bound("classify"),
            building_blocks=current_blocks(),
            initial={
                "theme": question.theme_id,
                "building_blocks": [block.pk for block in question.building_blocks.all()],
                "tags": question.tags,
            },
            prefix="classify",
        ),
        "answer": AnswerForm(bound("answer"), initial={"body": answer.body if answer else ""}, prefix="answer"),
        "merge": MergeForm(bound("merge"), prefix="merge"),
    }


def _apply(request, question, action, forms):
    """Run the chosen triage action; returns a success message, or None when a form has errors."""
    form = forms.get(action)
    if form is not None and not form.is_valid():
        return None
    data = form.cleaned_data if form is not None else {}
    if action == "assign":
        services.question_assign(actor=request.user, question=question, assignee=data["assignee"])
        return _("The question has been assigned.")
    if action == "classify":
        services.question_classify(
            actor=request.user,
            question=question,
            theme=data["theme"],
            building_blocks=list(data["building_blocks"]),
            tags=data["tags"],
        )
        return _("The classification has been saved.")
    if action == "answer":
        services.question_answer(actor=request.user, question=question, body=data["body"])
        return _("The answer has been saved; the asker and followers have been told.")
    if action == "merge":
        into = Question.objects.filter(pk=data["into"]).first()
        if into is None:
            raise ValidationError({"into": _("There is no question with this number.")})
        services.question_merge(actor=request.user, question=question, into=into)
        return _("The question has been merged.")
    if action == "publish":
        services.question_publish(actor=request.user, question=question)
        return _("The question and answer are published in the FAQ.")
    if action == "unpublish":
        services.question_unpublish(actor=request.user, question=question)
        return _("The question is no longer published.")
    if action == "close":
        services.question_close(actor=request.user, question=question)
        return _("The question has been closed.")
    raise Http404(_("Unknown action."))


@permission_required_by(require_triager)
@require_http_methods(["GET", "HEAD", "POST"])
def triage_detail(request, pk):
    question = selectors.question_for(request.user, pk)
    if question is None:
        raise Http404(_("There is no question with this number."))
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _triage_forms(question, request.POST, action)
    if action:
        try:
            done = _apply(request, question, action, forms)
        except ValidationError as error:
            form = forms.get(action)
            if form is not None:
                add_service_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("knowledge:triage-detail", pk=question.pk)
        else:
            if done:
                messages.success(request, done)
                return redirect("knowledge:triage-detail", pk=question.pk)
    similar = selectors.similar_questions(f"{question.title} {question.body}")
    return render(
        request,
        "knowledge/triage_detail.html",
        {
            "question": question,
            "answer": getattr(question, "answer", None),
            "forms": forms,
            "similar": [item for item in similar if item.pk != question.pk],
        },
        status=400 if any(form.errors for form in forms.values()) else 200,
    )


@permission_required_by(require_triager)
@require_http_methods(["GET", "HEAD", "POST"])
def themes(request, pk=None):
    """Staff add themes and rename them; the list shows how many questions each has."""
    theme = get_object_or_404(Theme, pk=pk) if pk else None
    initial = {"name": theme.name, "description": theme.description} if theme else None
    form = ThemeForm(request.POST or None, initial=initial)
    saved = submit_form(request, form, services.theme_save, actor=request.user, theme=theme)
    if saved is not None:
        messages.success(request, _("The theme has been saved."))
        return redirect("knowledge:themes")
    return render(
        request,
        "knowledge/themes.html",
        {"form": form, "theme": theme, "themes": selectors.themes_with_counts()},
        status=400 if form.errors else 200,
    )
