"""Reading a multipart upload as it streams in, into a temporary file, within a size limit.

The request body is never held in memory: the file part goes to disk chunk by chunk and the
reading stops (413) as soon as it passes the limit, also when the client sent no
Content-Length or a false one.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from inkwell.media.errors import ImageTooLarge, MediaError

FILE_FIELD = "file"
# ``ref`` and ``purpose`` are what Ghost's Admin API clients send beside the file.
TEXT_FIELDS = frozenset({"alt", "caption", "csrf_token", "ref", "purpose"})
MAX_TEXT = 8 * 1024
OVERHEAD = 64 * 1024  # room for the multipart headers and text fields around the file


@dataclass
class ReceivedUpload:
    """The uploaded file (on disk until ``discard``) and the form's text fields."""

    path: Path | None = None
    filename: str = ""
    size: int = 0
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self) -> None:
        """Remove the temporary file."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)


class _Parts:
    """python-multipart callbacks: one file part to disk, a few short text parts."""

    def __init__(self, received: ReceivedUpload, max_bytes: int, temp_dir: Path | None) -> None:
        self.received = received
        self.max_bytes = max_bytes
        self.temp_dir = temp_dir
        self.header_name = b""
        self.header_value = b""
        self.headers: dict[bytes, bytes] = {}
        self.target: str | None = None
        self.text = bytearray()
        self.out: tempfile._TemporaryFileWrapper[bytes] | None = None
        self.error: MediaError | None = None

    def on_part_begin(self) -> None:
        self.headers, self.target, self.text = {}, None, bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[self.header_name.strip().lower()] = self.header_value.strip()
        self.header_name, self.header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if name == FILE_FIELD and b"filename" in options:
            if self.out is not None:
                raise MediaError("send one file per upload")
            self.received.filename = options[b"filename"].decode("utf-8", "replace")[:255]
            self.out = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in receive()
                prefix="inkwell-upload-", dir=self.temp_dir, delete=False
            )
            self.received.path = Path(self.out.name)
            self.target = FILE_FIELD
        elif name in TEXT_FIELDS:
            self.target = name

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.target == FILE_FIELD and self.out is not None:
            self.received.size += len(chunk)
            if self.received.size > self.max_bytes:
                raise _Stop
            self.out.write(chunk)
        elif self.target is not None:
            self.text += chunk
            if len(self.text) > MAX_TEXT:
                raise MediaError(f"the field {self.target!r} is longer than {MAX_TEXT} bytes")

    def on_part_end(self) -> None:
        if self.target is not None and self.target != FILE_FIELD:
            self.received.fields[self.target] = self.text.decode("utf-8", "replace")
        self.target = None


class _Stop(Exception):
    """The file passed the size limit: stop reading."""


def _too_large(max_bytes: int) -> ImageTooLarge:
    return ImageTooLarge(
        f"the file is larger than the {max_bytes // 1048576} MB allowed (INKWELL_MAX_UPLOAD_MB)"
    )


async def receive(request: Request, max_bytes: int, temp_dir: Path | None = None) -> ReceivedUpload:
    """Read the multipart body of ``request``: its ``file`` part into a temporary file.

    Raises ImageTooLarge (413) past ``max_bytes``, MediaError (400) for a body that is not a
    multipart form with a ``file``; the temporary file is gone then.
    """
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise MediaError("send the image as multipart/form-data, in a field named 'file'")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes + OVERHEAD:
        raise _too_large(max_bytes)  # refused before a byte of it is read
    received = ReceivedUpload()
    parts = _Parts(received, max_bytes, temp_dir)
    callbacks = {
        name: getattr(parts, name)
        for name in (
            "on_part_begin",
            "on_header_field",
            "on_header_value",
            "on_header_end",
            "on_headers_finished",
            "on_part_data",
            "on_part_end",
        )
    }
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > max_bytes + OVERHEAD:
                raise _Stop
            parser.write(chunk)
        parser.finalize()
    except _Stop:
        received.discard()
        raise _too_large(max_bytes) from None
    except MediaError:
        received.discard()
        raise
    except ValueError as exc:  # python-multipart's errors for a malformed body
        received.discard()
        raise MediaError(f"the upload is not a well-formed multipart form ({exc})") from None
    finally:
        if parts.out is not None:
            parts.out.close()
    if received.path is None:
        raise MediaError("no file: send the image in a multipart field named 'file'")
    os.chmod(received.path, 0o600)
    return received
