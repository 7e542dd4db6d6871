"""Ghost's API errors: the exceptions the APIs raise and the JSON (and headers) Ghost answers.

Every refusal of the Content and Admin APIs is one ``GhostError`` (or a subclass), answered as
Ghost does: ``{"errors": [{"message", "context", "type", "details", "property", "help", "code",
"id", "ghostErrorCode"}]}`` with Ghost's status for the type and headers that forbid caching.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from starlette.responses import JSONResponse

# What Ghost sends with every error: never cached, readable from any origin.
NO_CACHE = "no-cache, private, no-store, must-revalidate, max-stale=0, post-check=0, pre-check=0"


class GhostError(Exception):
    """An API refusal; ``type`` and ``status`` are Ghost's for the kind of error."""

    type: ClassVar[str] = "InternalServerError"
    status: ClassVar[int] = 500
    default_message: ClassVar[str] = "An unexpected error occurred, please try again."

    def __init__(
        self,
        message: str | None = None,
        *,
        context: str | None = None,
        property: str | None = None,
        code: str | None = None,
        details: Any = None,
        help: str | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.context = context
        self.property = property
        self.code = code
        self.details = details
        self.help = help
        super().__init__(self.message)

    def as_json(self) -> dict[str, Any]:
        """The entry this error is in Ghost's ``errors`` list."""
        return {
            "message": self.message,
            "context": self.context,
            "type": self.type,
            "details": self.details,
            "property": self.property,
            "help": self.help,
            "code": self.code,
            "id": str(uuid.uuid4()),
            "ghostErrorCode": None,
        }


class BadRequestError(GhostError):
    type = "BadRequestError"
    status = 400
    default_message = "The request could not be understood."


class UnauthorizedError(GhostError):
    type = "UnauthorizedError"
    status = 401
    default_message = "You are not authorised to make this request."


class NoPermissionError(GhostError):
    type = "NoPermissionError"
    status = 403
    default_message = "You do not have permission to perform this request."


class NotFoundError(GhostError):
    type = "NotFoundError"
    status = 404
    default_message = "Resource could not be found."


class MethodNotAllowedError(GhostError):
    type = "MethodNotAllowedError"
    status = 405
    default_message = "Method not allowed for resource."


class UpdateCollisionError(GhostError):
    type = "UpdateCollisionError"
    status = 409
    default_message = "Saving failed! Someone else is editing this post."


class RequestEntityTooLargeError(GhostError):
    type = "RequestEntityTooLargeError"
    status = 413
    default_message = "Request was too big for the server to handle."


class UnsupportedMediaTypeError(GhostError):
    type = "UnsupportedMediaTypeError"
    status = 415
    default_message = "The media in the request is not supported by the server."


class ValidationError(GhostError):
    type = "ValidationError"
    status = 422
    default_message = "The request failed validation."


class TooManyRequestsError(GhostError):
    type = "TooManyRequestsError"
    status = 429
    default_message = "Server has received too many similar requests in a short space of time."


def error_response(error: GhostError, headers: dict[str, str] | None = None) -> JSONResponse:
    """``error`` answered as Ghost answers it (``headers`` add to, or replace, the defaults)."""
    wanted = {
        "Cache-Control": NO_CACHE,
        "Access-Control-Allow-Origin": "*",
        "Vary": "Accept-Version, Accept-Encoding",
    }
    wanted.update(headers or {})
    return JSONResponse({"errors": [error.as_json()]}, status_code=error.status, headers=wanted)
