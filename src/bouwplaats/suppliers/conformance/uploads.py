# SPDX-License-Identifier: EUPL-1.2
"""An upload handler that stops keeping an uploaded file once it passes the size limit.

Django reads a request's whole body, and by default keeps every uploaded file (in memory or in a
temporary file) before the view sees it. With this handler first in ``request.upload_handlers``, a
file larger than ``MAX_UPLOAD_BYTES`` is read from the connection and dropped: the view gets a
stand-in that knows only the file's name and full size, which the check refuses without reading.
Put it in place before anything reads ``request.POST`` or ``request.FILES`` (so the page's view is
exempt from the CSRF middleware and checks the token itself, after this; the API view adds it when
it wraps the request, before authentication reads the body).
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from .limits import MAX_UPLOAD_BYTES


class SizeLimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None, limit: int = MAX_UPLOAD_BYTES):
        super().__init__(request)
        self.limit = limit
        self.too_large = False

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.too_large or start + len(raw_data) > self.limit:
            self.too_large = True
            return None  # the handlers after this one get no more of this file
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.too_large:
            return None  # the handlers after this one hand over the file
        return UploadedFile(
            file=io.BytesIO(), name=self.file_name, content_type=self.content_type, size=file_size, charset=self.charset
        )


def limit_upload_size(request) -> None:
    """Put the handler first for this request (before its body is read)."""
    request.upload_handlers.insert(0, SizeLimitedUploadHandler(request))
