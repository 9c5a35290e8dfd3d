"""The modules' screens, as the shell loads them (defined in the kit, where forms can find
the parts other modules add to them)."""

from app.ui.kit.registry import Part, UiModule, load_ui_modules

__all__ = ["Part", "UiModule", "load_ui_modules"]
