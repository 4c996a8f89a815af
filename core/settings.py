"""User settings: one typed object, loaded once from the TOML file at ``paths.config_path()``.

Textual-free, so the CLI can read it too. The file is optional; every key in it is optional::

    theme = "textual-light"
    model = "en_core_web_sm"

    [keymap]              # binding id = key(s), as in Textual's App.set_keymap
    "library.search" = "ctrl+f"
    "app.quit" = "q,ctrl+q"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import NewsreadError


class SettingsError(NewsreadError):
    """The config file exists but cannot be understood."""


@dataclass(frozen=True, slots=True)
class Settings:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    model: str | None = None
    path: Path | None = None

    @classmethod
    def from_dict(cls, data: dict[str, object], *, path: Path | None = None) -> Settings:
        where = str(path) if path else "settings"
        unknown = sorted(set(data) - {"keymap", "theme", "model"})
        if unknown:
            raise SettingsError(f"{where}: unknown setting(s): {', '.join(unknown)}")
        keymap = data.get("keymap", {})
        if not isinstance(keymap, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keymap.items()
        ):
            raise SettingsError(f'{where}: [keymap] must map binding ids to key strings, e.g. "app.quit" = "q"')
        theme = data.get("theme")
        model = data.get("model")
        for name, value in (("theme", theme), ("model", model)):
            if value is not None and not (isinstance(value, str) and value.strip()):
                raise SettingsError(f"{where}: {name} must be a non-empty string")
        return cls(keymap=dict(keymap), theme=theme, model=model, path=path)  # type: ignore[arg-type]


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file means defaults, a broken one a ``SettingsError``."""
    if path is None:
        from .paths import config_path

        path = config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(path=path)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read settings ({exc.strerror})") from None
    import tomllib  # only when there is a file to parse: the import costs start-up time

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from None
    return Settings.from_dict(data, path=path)
