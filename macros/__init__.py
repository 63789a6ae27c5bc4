"""The pattern library's data layer, and the entry point of the mkdocs-macros plugin.

Only `define_env` lives here; the modules beside it do the work and never
import MkDocs, so they can be tested alone and moved to another builder.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def define_env(env):
    """Give opted-in pages (`render_macros: true`) the macros that place the library's data (macros/page_macros.py)."""
    from . import page_macros

    page_macros.register(env)
