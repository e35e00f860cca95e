# SPDX-License-Identifier: EUPL-1.2
"""Private files: stored outside the public media root and served only to whom may see them.

A model's ``FileField(storage=private_storage)`` keeps its files under ``PRIVATE_MEDIA_ROOT``, which no
web server serves. The file's ``url`` is the view ``private-file`` (``/bestanden/<name>``), so every
link to it (templates, the admin, the API) passes the view. The app that owns the field registers,
in its ``AppConfig.ready``, who may read a file of it (``register``): the same permission as the page
that links the file. The view answers 404 to everyone else, as if there were no such file.

How the permitted file is sent is ``PRIVATE_MEDIA_SERVE``: ``"django"`` streams it from the process;
``"x-accel-redirect"`` (nginx) and ``"x-sendfile"`` (Apache, lighttpd) let the web server send it, the
process only answering the permission question (``docs/admin/limits.md``).
"""

import mimetypes
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

SERVE_CHOICES = ("django", "x-accel-redirect", "x-sendfile")


class PrivateMediaStorage(FileSystemStorage):
    """The files under ``PRIVATE_MEDIA_ROOT`` (read at use, so that a test may move it); their URL is the
    protected view."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        return reverse("private-file", kwargs={"name": name})

    @cached_property
    def base_url(self):  # no public address
        return None


_storage = PrivateMediaStorage()


def private_storage() -> PrivateMediaStorage:
    """The storage of private files, for ``FileField(storage=private_storage)`` (a callable, so that
    migrations name it rather than copy its location)."""
    return _storage


@dataclass(frozen=True)
class PrivateField:
    model: type[models.Model]
    field: str
    can_view: Callable[[object, models.Model], bool]
    select_related: tuple[str, ...] = ()
    prefix: str = ""  # the folder its files are stored in: other names are not looked up in it


_REGISTRY: list[PrivateField] = []


def _folder(model: type[models.Model], field: str) -> str:
    """The fixed start of a field's ``upload_to`` (``"monitor/imports/"`` of ``"monitor/imports/%Y/"``)."""
    upload_to = model._meta.get_field(field).upload_to
    return upload_to.split("%", 1)[0] if isinstance(upload_to, str) else ""


def register(
    model: type[models.Model],
    field: str,
    *,
    can_view: Callable[[object, models.Model], bool],
    select_related: Iterable[str] = (),
    prefix: str | None = None,
) -> None:
    """Let the view serve the files of ``model.field`` to a user for whom ``can_view(user, instance)``.

    ``prefix``: the folder the field's files are stored in, where its ``upload_to`` is a function (by
    default the fixed start of its ``upload_to``), so that a file is looked up only where it can be."""
    folder = _folder(model, field) if prefix is None else prefix
    entry = PrivateField(model, field, can_view, tuple(select_related), folder)
    if entry not in _REGISTRY:
        _REGISTRY.append(entry)


def registered_fields() -> list[PrivateField]:
    return list(_REGISTRY)


def may_read(user, name: str) -> bool:
    """Whether a registered instance holds the file ``name`` and ``user`` may see one that does."""
    for entry in _REGISTRY:
        if not name.startswith(entry.prefix):
            continue
        holders = entry.model._default_manager.filter(**{entry.field: name}).select_related(*entry.select_related)
        if any(entry.can_view(user, holder) for holder in holders[:20]):
            return True
    return False


def file_response(
    name: str, *, filename: str = "", content_type: str = "", cache_control: str = "private, no-store"
) -> HttpResponse:
    """The file ``name`` of the private storage as a download, sent the way ``PRIVATE_MEDIA_SERVE`` says.

    ``filename`` is the name the reader saves it under (by default the stored one), ``content_type``
    its media type (by default guessed from that name); a file that anyone may read (open data) may
    say so in ``cache_control``."""
    storage = private_storage()
    if not storage.exists(name):
        raise Http404
    filename = filename or Path(name).name
    mode = settings.PRIVATE_MEDIA_SERVE
    if mode == "django":
        # Without a content type FileResponse guesses it from the file name.
        response = FileResponse(
            storage.open(name, "rb"), as_attachment=True, filename=filename, content_type=content_type or None
        )
    elif mode in ("x-accel-redirect", "x-sendfile"):
        response = HttpResponse(
            content_type=content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        )
        response["Content-Disposition"] = content_disposition_header(True, filename)
        if mode == "x-accel-redirect":
            response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_ACCEL_PREFIX.rstrip("/") + "/" + quote(name)
        else:
            response["X-Sendfile"] = storage.path(name)
    else:
        raise ImproperlyConfigured(f"PRIVATE_MEDIA_SERVE must be one of {', '.join(SERVE_CHOICES)}.")
    response["X-Content-Type-Options"] = "nosniff"
    if cache_control:
        response["Cache-Control"] = cache_control
    return response


@require_http_methods(["GET", "HEAD"])
def private_file(request, name: str) -> HttpResponse:
    """A private file, to whom may see what links it; 404 to everyone else."""
    if not may_read(request.user, name):
        raise Http404
    return file_response(name)


def move_files(names: Iterable[str], source: Path, target: Path) -> int:
    """Move the files ``names`` from the directory ``source`` to ``target``, keeping their names.

    Run again, it moves nothing: a file already in ``target`` stays, and its copy left in ``source`` (a
    move interrupted after the copy) is removed when the two are the same size. Returns how many moved.
    """
    source, target = Path(source).resolve(), Path(target).resolve()
    moved = 0
    for name in sorted(set(filter(None, names))):
        old, new = (source / name).resolve(), (target / name).resolve()
        if not old.is_relative_to(source) or not new.is_relative_to(target):
            continue  # a name that points outside its directory is not ours to move
        if not old.is_file():
            continue
        if new.exists():
            if new.stat().st_size == old.stat().st_size:
                old.unlink()
            continue
        new.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(old, new)
        moved += 1
    return moved
