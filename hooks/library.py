"""MkDocs hook: load the library's data once, stop the build on any problem, add the generated pages.

This is the only module that talks to MkDocs (or ProperDocs, which aliases its
imports); the work is done in the plain-Python `macros` package.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import jinja2
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import (  # noqa: E402
    escaping,
    explorer_data,
    html_compact,
    library,
    opendata,
    outputs,
    pages,
    placeholders,
    reflection,
    search_index,
    studio,
    urls,
)
from macros.escaping import theme_text  # noqa: E402

log = logging.getLogger("mkdocs.hooks.library")
LOCAL_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')
# What MkDocs is given as the source of every generated page: no text of any record, so nothing of the data
# reaches its front-matter reader or Python-Markdown. The page's meta, body and contents come from `Build`.
GENERATED_SOURCE = "<!--library-page-->\n"


class Build:
    """What lives through one build: the library, the pages made from it, and the search index being written."""

    def __init__(self, lib: library.Library):
        self.library = lib
        self.maker: pages.PageMaker | None = None
        self.generated: dict[str, pages.GeneratedPage] = {}  # by source path
        self.search: search_index.Indexer | None = None


_build: Build | None = None


def on_config(config):
    global _build
    lib = library.load(ROOT)
    if lib.problems:
        for problem in lib.problems:
            log.error(str(problem))
        raise Abort(f"{len(lib.problems)} problem(s) in the library's data (listed above); fix them and build again.")
    _build = Build(lib)
    # Glossary tooltips on hand-written pages come from the same data as on generated ones.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = pages.glossary_map(lib)
    config.nav = _expand_nav(config.nav, lib)
    # Material's offline plugin loads its Web Worker shim from unpkg.com; use the vendored copy instead.
    config.extra["polyfills"] = [LOCAL_SHIM if "unpkg.com/iframe-worker" in url else url
                                 for url in config.extra.get("polyfills", [])]
    # The date in citations is the last commit's (SOURCE_DATE_EPOCH), so two builds of a commit are identical.
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH") or datetime.now(UTC).timestamp())
    config.extra["library_updated"] = datetime.fromtimestamp(stamp, UTC).date().isoformat()
    return config


def _expand_nav(nav, lib):
    """Put the nine preconditions under the 'preconditions/index.md' entry, in order, from the data.

    Material prints nav titles as HTML, so each is escaped here: a title is text whatever it holds.
    """
    if not isinstance(nav, list):
        return nav
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if value == "preconditions/index.md":
                value = (["preconditions/index.md"]
                         + [{theme_text(f"{p.id}. {p.short_title}"): urls.precondition(p)} for p in lib.preconditions])
            elif isinstance(value, list):
                value = _expand_nav(value, lib)
            out.append({title: value})
        else:
            out.append(item)
    return out


def on_env(env, config, files):
    # Generated pages' titles arrive HTML-escaped (escaping.theme_meta); the page end needs them raw for URLs.
    env.filters["html_unescape"] = html.unescape
    # Material's own templates stay reachable as "material/..." from an override of the same name.
    theme = next(d for d in config.theme.dirs[1:] if (Path(d) / "partials" / "nav.html").is_file())
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(theme)})])
    navigation: dict = {}
    env.globals.update(library_nav_key=_nav_key, library_nav_kept=lambda key: navigation.get(key) if key else None,
                       library_nav_keep=lambda key, rendered: navigation.setdefault(key, rendered) if key else rendered)
    return env


def _nav_key(page, nav):
    """What the navigation's HTML depends on for a page outside it: the folder the page sits in, since every
    link in it is relative to the page. None for a page in the navigation (it is marked as the current one)
    or one with navigation pages inside its own folder."""
    if page is None or nav is None or page in nav.pages or any(item.url.startswith(page.url) for item in nav.pages):
        return None
    return posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/")


def on_files(files, config):
    toc = config.mdx_configs.get("toc", {})
    permalink = "&para;" if toc.get("permalink") is True else toc.get("permalink") or None
    maker = pages.PageMaker(_build.library, ROOT / "overrides" / "library", config.use_directory_urls,
                            permalink=permalink, permalink_title=toc.get("permalink_title", "Permanent link"))
    maker.block_context["studio-form.md"] = lambda: dict(studio.page(), repo_url=config.repo_url)
    maker.env.globals["site_url"] = config.site_url or ""  # every template's: the cards and the studio print it
    _build.maker = maker
    _build.generated = {page.src_uri: page for page in maker.pages()}
    # A hand-written page that moves keeps its old address: extra.redirects in mkdocs.yml, old.md: new.md.
    moved = [maker.redirect_page(old, new) for old, new in (config.extra.get("redirects") or {}).items()]
    plain = (maker.redirects() + moved + opendata.files(_build.library, config.site_url or "/")
             + explorer_data.files(_build.library))
    plain.append(outputs.GeneratedFile(studio.SCRIPT, studio.script(_build.library)))  # the studio's rules and data
    plain.append(outputs.GeneratedFile(reflection.SCRIPT, reflection.script()))  # the reflection tool's words, limits
    taken = {file.dest_uri: file.src_uri for file in files}
    for src_uri in _build.generated:
        _add(files, config, taken, src_uri, GENERATED_SOURCE)
    for generated in plain:
        _add(files, config, taken, generated.src_uri, generated.content)
    return files


def _add(files, config, taken: dict, src_uri: str, content: str) -> None:
    """Add a generated file; one that would take the place of a page or file already there stops the build
    (validation refuses such an id or slug first: macros/addresses.py; this is the last guard)."""
    file = File.generated(config, src_uri, content=content)
    if file.dest_uri in taken:
        raise Abort(f"{src_uri} would be written to {file.dest_uri}, where {taken[file.dest_uri]} already is: two "
                    "records, or a record and a page in docs/, claim the same address. Give one of them another id, "
                    "slug or redirect_from.")
    taken[file.dest_uri] = src_uri
    files.append(file)


def on_page_markdown(markdown, page, config, files):
    generated = _build.generated.get(page.file.src_uri)
    if generated is not None:
        # Tags in words ('housing', 'E. Trusted partners: mixed'), not their keys ('Theme/housing'): the offline build's
        # search (Material's) shows them under each result. The theme prints titles, descriptions and tags as HTML:
        # escaped once here, whatever the record holds.
        meta = dict(generated.meta)
        if "tags" in meta:
            meta["tags"] = [pages.tag_label(_build.library, tag) for tag in meta["tags"]]
        page.meta = escaping.theme_meta(meta)
    return markdown


@event_priority(100)  # before any plugin reads the page's content
def on_page_content(html, page, config, files):
    generated = _build.generated.get(page.file.src_uri)
    if generated is not None:
        page.toc = get_toc(generated.toc)
        html = generated.html
    else:
        html = _expand_placeholders(html, page)
    if page.present_anchor_ids is not None:
        # MkDocs checks links to #anchors against the ids it saw while converting the Markdown;
        # what the library wrote was not there then, so its ids are added here.
        page.present_anchor_ids |= set(ANCHOR_ID.findall(html))
    return html


def _expand_placeholders(content: str, page) -> str:
    """A hand-written page's HTML with each macro's placeholder replaced by the block of data it names."""
    def render(template: str, context: dict) -> str:
        try:
            return _build.maker.render(template, page.file.src_uri, **context)
        except (KeyError, jinja2.TemplateNotFound) as error:
            raise Abort(f"docs/{page.file.src_uri}: {template} {context}: {error}") from error

    return placeholders.expand(content, render)


def on_pre_build(config):
    """Start Pagefind, unless Material's own search is on (the offline build): it indexes each page as it is built."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        try:
            _build.search = search_index.Indexer()
        except search_index.SearchIndexError as error:
            raise Abort(str(error)) from error


def on_post_page(output, page, config):
    output = html_compact.compact(html_compact.first_use_only(output))
    if _build.search is not None:
        _build.search.add("/" + page.url, output)
    return output


def on_post_build(config):
    indexer, _build.search = _build.search, None
    if indexer is None:
        return
    _drop_unused_theme_files(Path(config.site_dir))
    try:
        indexer.finish(config.site_dir)
    except search_index.SearchIndexError as error:
        raise Abort(str(error)) from error


def on_build_error(error):
    indexer = _build.search if _build is not None else None
    if indexer is not None:
        _build.search = None
        indexer.close()


def _drop_unused_theme_files(site: Path) -> None:
    """Material copies its lunr search and source maps into every site; with Pagefind nothing loads
    them, and they are 2 MB of every copy of the site (the offline build keeps them: it searches with lunr)."""
    javascripts = site / "assets" / "javascripts"
    shutil.rmtree(javascripts / "lunr", ignore_errors=True)
    for worker in (javascripts / "workers").glob("search.*"):
        worker.unlink()
    for source_map in (site / "assets").rglob("*.map"):
        source_map.unlink()
