"""Every test builds its own app, and building one is mostly Werkzeug compiling each of ~240 routes' URL
builder from an AST (0.13 of the 0.19 s create_app takes; ~2,000 apps a run). The builder it compiles
depends only on the route's parts and defaults, and reads the converters from the rule it is bound to
at call time, so the same function serves every app's copy of the route: compile each once a process.

If Werkzeug changes the private method this wraps, the plugin steps aside (tests only get slower).
"""

from __future__ import annotations

from werkzeug.routing.rules import Rule

_original = getattr(Rule, "_compile_builder", None)
_compiled: dict = {}


def _compile_builder_once(self: Rule, append_unknown: bool = True):
    defaults = tuple(sorted((name, repr(value)) for name, value in (self.defaults or {}).items()))
    converters = tuple((name, type(converter).__name__) for name, converter in self._converters.items())
    key = (tuple(self._trace), defaults, converters, append_unknown)
    function = _compiled.get(key)
    if function is None:
        function = _compiled[key] = _original(self, append_unknown)
    return function


if _original is not None and hasattr(Rule, "_trace"):
    Rule._compile_builder = _compile_builder_once  # type: ignore[method-assign]
