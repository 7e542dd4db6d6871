"""Pure rendering: Markdown / HTML -> Ghost card HTML, sanitising, text helpers.

No database, no HTTP, no settings: every function takes plain arguments.
"""

from inkwell.render.heading_ids import heading_slug
from inkwell.render.highlight import highlight_code_blocks, pygments_css
from inkwell.render.markdown import render_markdown
from inkwell.render.options import DEFAULT_IFRAME_HOSTS, DEFAULT_OPTIONS, RenderOptions
from inkwell.render.postprocess import postprocess_html, render_html
from inkwell.render.responsive import RESPONSIVE_WIDTHS, local_image_path, local_image_paths
from inkwell.render.sanitize import sanitize_html
from inkwell.render.text import excerpt, plain_text, reading_time

__all__ = [
    "DEFAULT_IFRAME_HOSTS",
    "DEFAULT_OPTIONS",
    "RESPONSIVE_WIDTHS",
    "RenderOptions",
    "excerpt",
    "heading_slug",
    "highlight_code_blocks",
    "local_image_path",
    "local_image_paths",
    "plain_text",
    "postprocess_html",
    "pygments_css",
    "reading_time",
    "render_html",
    "render_markdown",
    "sanitize_html",
]
