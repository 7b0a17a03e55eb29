"""An upload size limit enforced while the request is read, not after.

Django would otherwise take a file of any size into memory or a temporary file
before a form could look at it. This handler sits first in
``FILE_UPLOAD_HANDLERS`` and skips a file the moment it passes
``MAX_UPLOAD_BYTES`` (or at once, when the part declares a larger length): the
rest of that file is read off the connection and thrown away, and the field name
is noted on the request so the form or view can say why the file is missing.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat


def limit():
    return settings.MAX_UPLOAD_BYTES


class SizeLimitedUploadHandler(FileUploadHandler):
    def new_file(self, field_name, file_name, content_type, content_length, *args):
        super().new_file(field_name, file_name, content_type, content_length, *args)
        if content_length and content_length > limit():
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > limit():
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler stores the file

    def _refuse(self):
        refused = getattr(self.request, "refused_uploads", set())
        refused.add(self.field_name)
        self.request.refused_uploads = refused
        raise SkipFile


def refused_message():
    size = filesizeformat(limit())
    return f"文件过大，超过 {size} 的上限，未上传。请压缩后重新选择。"


def refused_fields(request):
    """Names of the file fields whose upload was cut off for size."""
    return getattr(request, "refused_uploads", set()) if request else set()


def add_refused_errors(form):
    """Say on each of ``form``'s file fields whose upload was cut off that it was
    too large (the form keeps the request it came with as ``form.request``)."""
    for name in refused_fields(getattr(form, "request", None)):
        if name in form.fields:
            form.add_error(name, refused_message())
