"""``kehu import MODULE FILE``: rows of an .xlsx or .csv file into a module's records.

    kehu import customers FILE [--map "Header=field,..."] [--mapping FILE.json]
                [--dry-run] [--on-duplicate skip|update|error] [--skip-invalid]
                [--errors OUT.xlsx] [--json]
    kehu import undo IMPORT_ID

``--json`` prints ``{"created": n, "updated": n, "unchanged": n, "errors": n, ...}``. Exit 0
when every row was imported, 1 when a row had an error (then nothing was written, unless
``--skip-invalid``: the valid rows were). ``--errors`` writes the error workbook: row,
column, value and message of every problem.
"""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path
from typing import Any

from app.cli import output, records
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_OK, Commands
from app.logic.kit.importing import DUPLICATES, ImportResult, write_problems
from app.logic.services import Services

EXIT_ERRORS = 1


def register(cmds: Commands) -> None:
    p = cmds.command(cmds.sub, "import", "import an .xlsx or .csv file into a list "
                     "(customers, products, suppliers, ...): every row checked, nothing "
                     "written when a row is wrong (unless --skip-invalid)", import_file)
    p.add_argument("source", metavar="LIST", help="customers, products, suppliers, ...; "
                   "or undo")
    p.add_argument("file", metavar="FILE", help="the .xlsx or .csv file (after undo: the "
                   "import's number, as the import printed it)")
    p.add_argument("--map", default="", metavar="HEADER=FIELD,...",
                   help="which column fills which field (the rest by name and label); "
                        "HEADER= leaves a column out")
    p.add_argument("--mapping", default="", metavar="FILE.json",
                   help='a saved mapping: {"Header": "field", ...}')
    p.add_argument("--dry-run", action="store_true",
                   help="check every row and say what would happen; write nothing")
    p.add_argument("--on-duplicate", choices=DUPLICATES, default="error",
                   help="a row whose key names an existing record: skip it, update the "
                        "record, or count it as an error (default)")
    p.add_argument("--skip-invalid", action="store_true",
                   help="import the valid rows; the others go to the error workbook")
    p.add_argument("--errors", default="", metavar="OUT.xlsx",
                   help="write every problem (row, column, value, message) to this file")


def import_file(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    if args.source == "undo":
        return undo(args, services, db, actor)
    entity = records._entity_of(services, args.source)
    if not Path(args.file).is_file():
        raise UsageError(f"no file {args.file!r}")
    errors = Path(args.errors) if args.errors else None
    if errors is not None and errors.suffix.lower() != ".xlsx":
        raise UsageError(f"the error workbook must end in .xlsx, got {args.errors!r}")
    result = services.importer.import_file(
        actor, services.for_entity(entity.name), args.file, mapping=_mapping(args),
        dry_run=args.dry_run, on_duplicate=args.on_duplicate,
        skip_invalid=args.skip_invalid)
    if errors is not None and result.problems:
        write_problems(errors, result)
    output.emit(args, result.as_dict(), _summary(result, errors))
    return EXIT_ERRORS if result.errors else EXIT_OK


def undo(args: Namespace, services: Services, db: Any, actor: Any) -> int:
    """``kehu import undo IMPORT_ID``: the import undone as a whole, or refused naming the
    records changed since (exit 1, nothing written)."""
    try:
        import_id = int(args.file)
    except ValueError:
        raise UsageError(f"kehu import undo takes the import's number, got {args.file!r}"
                         ) from None
    count = services.importer.undo(actor, import_id, services.for_entity)
    output.emit(args, {"import_id": import_id, "undone": count},
                f"import {import_id} undone: {count:,} records put back as they were")
    return EXIT_OK


def _mapping(args: Namespace) -> dict[str, str]:
    given: dict[str, str] = {}
    if args.mapping:
        try:
            loaded = json.loads(Path(args.mapping).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read the mapping {args.mapping!r}: {exc}") from exc
        if not isinstance(loaded, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()):
            raise UsageError('a mapping file holds {"Header": "field", ...}')
        given.update(loaded)
    for pair in (p.strip() for p in args.map.split(",") if p.strip()):
        header, sep, name = pair.partition("=")
        if not sep or not header.strip():
            raise UsageError(f"--map takes HEADER=FIELD pairs (HEADER= leaves the column "
                             f"out), got {pair!r}")
        given[header.strip()] = name.strip()
    return given


def _summary(result: ImportResult, errors: Path | None) -> str:
    counts = result.as_dict()
    lines = [f"{result.source}: {counts['created']:,} created, {counts['updated']:,} updated, "
             f"{counts['unchanged']:,} unchanged, {counts['errors']:,} with errors"]
    if result.written and result.import_id is not None:
        lines.append(f"import {result.import_id} (kehu import undo {result.import_id} "
                     "undoes it)")
    if result.dry_run:
        lines.append("dry run: nothing was written")
    elif result.errors and not result.written:
        lines.append("nothing was written (fix the rows, or --skip-invalid)")
    for p in result.problems[:10]:
        lines.append(f"  row {p.row}, {p.column or 'row'}: {p.message}"
                     + (f" ({p.value!r})" if p.value else ""))
    if len(result.problems) > 10:
        lines.append(f"  ... and {len(result.problems) - 10:,} more")
    if errors is not None and result.problems:
        lines.append(f"every problem is in {errors}")
    if result.ignored:
        lines.append("columns not imported: " + ", ".join(result.ignored))
    return "\n".join(lines)
