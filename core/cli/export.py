"""Commands of this family; see core/cli/__init__.py for how they are registered."""

COMMANDS: list = []
