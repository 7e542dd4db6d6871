"""Ghost's filter language, NQL: ``parse_filter`` turns ``tag:python+featured:true`` into the
filter tree content runs (``content.service.Condition``, ``AllOf``, ``AnyOf``)."""

from inkwell.ghost_api.nql.parser import MAX_CONDITIONS, MAX_DEPTH, NqlError, parse_filter

__all__ = ["MAX_CONDITIONS", "MAX_DEPTH", "NqlError", "parse_filter"]
