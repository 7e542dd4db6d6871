"""What the media service refuses, each with the HTTP status an API answers it with."""

from __future__ import annotations


class MediaError(Exception):
    """A refusal; ``str(exc)`` is the message to show, ``status`` the HTTP status."""

    status = 400


class NotAnImage(MediaError):
    """Not one of the accepted image formats, or damaged."""

    status = 415


class DamagedImage(MediaError):
    """An image whose pixels cannot be read (truncated, corrupt)."""

    status = 400


class UnsupportedImage(MediaError):
    """An image format Inkwell does not keep (SVG)."""

    status = 415


class ImageTooLarge(MediaError):
    """Too many bytes or too many pixels."""

    status = 413


class MediaNotFound(MediaError):
    """No media file has that id."""

    status = 404


class MediaInUse(MediaError):
    """Posts still show the image; ``titles`` names them."""

    status = 409

    def __init__(self, message: str, titles: list[str]) -> None:
        super().__init__(message)
        self.titles = titles
