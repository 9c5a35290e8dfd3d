"""The generic verbs every entity with a command gets, from its field declarations:

    kehu <command> list [--search T] [--filter F=V]... [--sort F] [--desc] [--limit N]
    kehu <command> show KEY | add --set F=V... | update KEY --set F=V... [--expect-version N]
    kehu <command> archive KEY | restore KEY | fields
    kehu <command> move KEY --to STATE [--set F=V]...     (an entity with a workflow)
    kehu export <command> -o FILE.xlsx [--search T] [--filter F=V]... [--columns a,b]

KEY is the record's key (a customer's code; the id where an entity has none). A reference
field takes the other record's key (``--set owner=sales1``) and prints it the same way.
``--filter F>=V`` and ``--filter F<=V`` are the ends of a range (dates, amounts:
``--filter start_date>=2026-01-01``). An unknown filter, filter value, range or sort is a
usage error (exit 2) naming the valid ones.
"""

from __future__ import annotations

import os
from argparse import Namespace
from functools import partial
from pathlib import Path
from typing import Any

from app.cli import output
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.entity import Entity
from app.logic.kit.export import ExportSpec
from app.logic.kit.fields import RANGE_KINDS
from app.logic.kit.service import RecordService
from app.logic.kit.validation import whole_number
from app.logic.services import Services

LIST_PAGE = 500
EXPORT_SOURCES: dict[str, Any] = {}  # extra sources of ``kehu export`` (the audit log)


def register(cmds: Commands, entity: Entity) -> None:
    plural = entity.plural.en.lower()
    group = cmds.group(entity.command, plural)
    key = entity.key or "id"
    p = cmds.command(group, "list", f"list {plural}", partial(list_records, entity))
    _query_options(p, entity)
    p.add_argument("--limit", type=at_least(1), default=50)
    p = cmds.command(group, "show", f"show one {entity.label.en.lower()} (with its version)",
                     partial(show_record, entity))
    p.add_argument("key", metavar=key.upper())
    # A module's own add or update (an order's, with --line) takes the generic one's place.
    if not cmds.has(group, "add"):
        p = cmds.command(group, "add", f"add a {entity.label.en.lower()}",
                         partial(add_record, entity))
        if entity.has("name"):
            p.add_argument("--name", help="the name (same as --set name=...)")
        _set_option(p, required=False)
        if entity.duplicate_fields:
            p.add_argument("--allow-duplicate", action="store_true",
                           help=f"save even if another record has the same "
                                f"{', '.join(entity.duplicate_fields)}")
    if not cmds.has(group, "update"):
        p = cmds.command(group, "update", f"change fields of a {entity.label.en.lower()}",
                         partial(update_record, entity))
        p.add_argument("key", metavar=key.upper())
        _set_option(p, required=True)
        _version_option(p, entity)
        if entity.duplicate_fields:
            p.add_argument("--allow-duplicate", action="store_true")
    if entity.archivable:
        for verb in ("archive", "restore"):
            p = cmds.command(group, verb, f"{verb} a {entity.label.en.lower()}",
                             partial(archive_record, entity, verb == "archive"))
            p.add_argument("key", metavar=key.upper())
            _version_option(p, entity)
    if entity.workflow is not None:
        workflow = entity.workflow
        states = entity.field(workflow.field).values
        p = cmds.command(group, "move", f"move a {entity.label.en.lower()} to another "
                         f"{workflow.field} (each move needs its own right; a move the "
                         f"{workflow.field} does not allow is refused, exit 1)",
                         partial(move_record, entity))
        p.add_argument("key", metavar=key.upper())
        p.add_argument("--to", required=True, metavar="STATE",
                       help="one of: " + ", ".join(states))
        p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                       help="a field the move sets: " + "; ".join(
                           f"{t.name}: {', '.join(t.settable)}"
                           for t in workflow.transitions if t.settable))
        _version_option(p, entity)
    cmds.command(group, "fields", f"the fields of a {entity.label.en.lower()}: name, type, "
                 "required, choices", partial(list_fields, entity), sign_in=False)


def register_export(cmds: Commands) -> None:
    p = cmds.command(cmds.sub, "export", "export a list to an Excel workbook, as the list "
                     "shows it (search, filters, sort, your record scope)", export)
    p.add_argument("source", metavar="LIST", help="customers, contacts, users, audit ...")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.add_argument("--search", default="")
    p.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--sort", default="")
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--archived", action="store_true", help="include archived records")
    p.add_argument("--columns", default="", metavar="A,B,...",
                   help="the columns, in order (default: every column the list can show)")
    p.add_argument("--language", choices=("en", "zh_CN"), default="",
                   help="headers and values in English or Chinese (default: from LANG)")


def _query_options(p: Any, entity: Entity) -> None:
    p.add_argument("--search", default="")
    ranged = [f.name for f in entity.fields if f.filterable and f.kind in RANGE_KINDS]
    p.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE",
                   help="filters: " + ", ".join(f.name for f in entity.fields if f.filterable)
                   + ("; FIELD>=FROM and FIELD<=TO for a range of "
                      + ", ".join(ranged) if ranged else ""))
    if entity.has("status") and entity.field("status").filterable:
        p.add_argument("--status", default="", help="the same as --filter status=...")
    p.add_argument("--sort", default="",
                   help="sorts: " + ", ".join(f.name for f in entity.fields if f.sortable))
    p.add_argument("--desc", action="store_true", help="sort descending")
    if entity.archivable:
        p.add_argument("--archived", action="store_true", help="include archived records")


def _set_option(p: Any, required: bool) -> None:
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   required=required, help="a field's new value (kehu ... fields lists them)")


def _version_option(p: Any, entity: Entity) -> None:
    p.add_argument("--expect-version", type=at_least(1), metavar="N",
                   help=f"refuse (exit 4) unless the {entity.label.en.lower()} is still at "
                        "version N")


# --- the verbs -----------------------------------------------------------------------------
def list_records(entity: Entity, args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    service = services.for_entity(entity.name)
    query = query_of(args, entity)
    found: list[Any] = []
    after = None
    while len(found) < args.limit:
        page = service.list_page(actor, query, after, min(LIST_PAGE, args.limit - len(found)))
        found.extend(page.rows)
        after = page.next_key
        if after is None:
            break
    output.rows(args, entity, found)
    return EXIT_OK


def show_record(entity: Entity, args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    output.record(args, entity, find(services.for_entity(entity.name), actor, args.key))
    return EXIT_OK


def add_record(entity: Entity, args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    values = parse_sets(args.set, entity)
    if getattr(args, "name", None) is not None:
        values["name"] = args.name
    changed = services.for_entity(entity.name).create(
        actor, values, allow_duplicate=getattr(args, "allow_duplicate", False))
    record = changed.saved
    output.record(args, entity, record, f"created {_named(entity, record)}")
    output.warnings(changed.warnings, language_from_env())
    return EXIT_OK


def update_record(entity: Entity, args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    service = services.for_entity(entity.name)
    current = find(service, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    changed = service.update(actor, current.id, expected, parse_sets(args.set, entity),
                             allow_duplicate=getattr(args, "allow_duplicate", False))
    record = changed.saved
    headline = (f"no change to {_named(entity, record)}" if changed.action == "unchanged"
                else f"updated {_named(entity, record)} (version {record.version})")
    output.record(args, entity, record, headline)
    output.warnings(changed.warnings, language_from_env())
    return EXIT_OK


def archive_record(entity: Entity, archive: bool, args: Namespace, services: Services,
                   db: Any) -> int:
    actor = sign_in(args, services)
    service = services.for_entity(entity.name)
    current = find(service, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    changed = (service.archive if archive else service.restore)(actor, current.id, expected)
    record = changed.saved
    output.record(args, entity, record,
                  f"{'archived' if archive else 'restored'} {_named(entity, record)}")
    return EXIT_OK


def move_record(entity: Entity, args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    service = services.for_entity(entity.name)
    current = find(service, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    target = args.to.strip().lower().replace("-", "_").replace(" ", "_")
    changed = service.move(actor, current.id, expected, target, parse_sets(args.set, entity))
    record = changed.saved
    assert entity.workflow is not None
    state = entity.field(entity.workflow.field).display(
        record.get(entity.workflow.field), "en").lower()
    output.record(args, entity, record,
                  f"{_named(entity, record)}: {state} (version {record.version})")
    return EXIT_OK


def list_fields(entity: Entity, args: Namespace, services: Services, db: Any) -> int:
    described = entity.describe()
    if getattr(args, "json", False):
        output.dump(described)
        return EXIT_OK
    rows = []
    for f in described:
        extra = ", ".join(c["value"] for c in f.get("choices", ()))
        if "range" in f:
            extra = f"{f['range'][0]}..{f['range'][1]}"
        if "references" in f:
            extra = f"a {f['references']} by its key"
        if "length" in f and not extra:
            extra = f"up to {f['length']} characters"
        rows.append((f["name"], f["type"], "yes" if f["required"] else "",
                     f"{f['label']['en']} / {f['label']['zh']}", extra))
    output.table(("FIELD", "TYPE", "REQUIRED", "LABEL", "VALUES"), rows)
    return EXIT_OK


def export(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    path = Path(args.output)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"the output file must end in .xlsx, got {args.output!r}")
    if not path.parent.is_dir():
        raise UsageError(f"no folder {str(path.parent)!r} to write {path.name} into")
    language = args.language or language_from_env()
    source = EXPORT_SOURCES.get(args.source)
    if source is not None:
        count = source(args, services, actor, path, language)
    else:
        entity = _entity_of(services, args.source)
        count = export_list(args, services.for_entity(entity.name), actor, path, language)
    output.emit(args, {"file": str(path), "rows": count}, f"exported {count:,} rows to {path}")
    return EXIT_OK


def export_list(args: Namespace, service: RecordService, actor: Actor, path: Path,
                language: str) -> int:
    """Export the list of ``service``'s entity as ``args`` asks (search, filters, sort,
    columns): the number of rows written."""
    entity = service.entity
    columns = tuple(c.strip() for c in args.columns.split(",") if c.strip()) \
        or tuple(f.name for f in entity.listed)
    return service.export(actor, ExportSpec(query_of(args, entity), columns, language), path)


# --- helpers -------------------------------------------------------------------------------
def _entity_of(services: Services, command: str) -> Entity:
    for entity in services.entities().values():
        if entity.command == command:
            return entity
    names = sorted([e.command for e in services.entities().values() if e.command]
                   + list(EXPORT_SOURCES))
    raise UsageError(f"no list called {command!r}; lists: {', '.join(names)}")


def language_from_env() -> str:
    lang = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "zh_CN" if (lang or "").lower().startswith("zh") else "en"


def query_of(args: Namespace, entity: Entity) -> ListQuery:
    """The list ``args`` ask for. ``--filter F=V`` is an equality, ``--filter F>=V`` and
    ``--filter F<=V`` the ends of a range (``start_date>=2026-01-01``)."""
    filters: dict[str, str] = {}
    ranges: dict[str, list[str | None]] = {}
    for name, value in parse_pairs(getattr(args, "filter", []), "--filter"):
        if name.endswith((">", "<")):
            ranges.setdefault(name[:-1].strip(), [None, None])[name.endswith("<")] = value
        else:
            filters[name] = value
    if getattr(args, "status", ""):
        filters["status"] = args.status
    return ListQuery(search=getattr(args, "search", ""),
                     filters=tuple(sorted(filters.items())), sort=getattr(args, "sort", ""),
                     descending=getattr(args, "desc", False),
                     include_archived=getattr(args, "archived", False),
                     ranges=tuple(sorted((n, low, high) for n, (low, high) in ranges.items())))


def parse_pairs(pairs: list[str], option: str) -> list[tuple[str, str]]:
    found = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{option} wants FIELD=VALUE, got {pair!r}")
        found.append((name.strip(), value))
    return found


def parse_sets(pairs: list[str], entity: Entity) -> dict[str, Any]:
    """``--set`` pairs by field name; ``owner_id=`` is taken as ``owner=`` (older
    scripts). The service checks and normalises the values."""
    values: dict[str, Any] = {}
    for name, value in parse_pairs(pairs, "--set"):
        if name.endswith("_id") and entity.has(name[:-3]) and \
                entity.field(name[:-3]).kind == "reference":
            name = name[:-3]
        values[name] = value
    return values


def find(service: RecordService, actor: Actor, key: str) -> Record:
    if service.entity.key:
        return service.get_by_key(actor, key)
    record_id = whole_number(key)
    if record_id is None or record_id < 1:
        raise UsageError(f"a {service.entity.label.en.lower()} is named by its id (a number), "
                         f"got {key!r}")
    return service.get(actor, record_id)


def _named(entity: Entity, record: Record) -> str:
    key = record.get(entity.key) if entity.key else f"#{record.id}"
    title = record.get(entity.title) if entity.title and entity.title != entity.key else ""
    return f"{key} {title}".strip()
