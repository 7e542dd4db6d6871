"""Inkwell's content in Ghost's JSON shapes: the Content API's and the Admin API's.

Pure functions of rows already loaded (no queries): ``post_json`` (posts and pages),
``tag_json``, ``author_json`` (Content API) and ``user_json`` (Admin API), ``settings_json``,
``pagination``, each given a ``SerializeContext`` saying for whom and with which extras.
Keys come in Ghost's order, URLs are absolute, dates ISO 8601 as Ghost writes them.
"""

from inkwell.ghost_api.serializers.context import SerializeContext, only_fields
from inkwell.ghost_api.serializers.pagination import pagination
from inkwell.ghost_api.serializers.people import author_json, user_json
from inkwell.ghost_api.serializers.posts import post_json
from inkwell.ghost_api.serializers.settings import settings_json
from inkwell.ghost_api.serializers.tags import tag_json

__all__ = [
    "SerializeContext",
    "author_json",
    "only_fields",
    "pagination",
    "post_json",
    "settings_json",
    "tag_json",
    "user_json",
]
