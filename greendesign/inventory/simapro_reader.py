"""Reading a SimaPro CSV export of processes for a user database import.

:func:`simapro_importer` sets bw2io's ``SimaProCSVImporter`` up for the import
pipeline of :mod:`greendesign.inventory.user_readers`. That importer, and not
the block importer of ``bw_simapro_csv``, because the block importer's unit
matching asks an online service (QUDT, over SPARQL) and fails offline, its
default strategies leave SimaPro's elementary-flow names and compartments as
they are, and it makes a product node next to every process.

* The separator and the text encoding are read from the file (SimaPro writes
  ``{CSV separator: Semicolon}`` in its header; exports are UTF-8 or Windows
  code page 1252).
* :class:`SimaProReader` reads with progress and cancel; a block bw2io cannot
  read is named with its line and process.
* Elementary flows get bw2io's ecoinvent names and biosphere3 compartments
  (``("air", "urban air close to ground")``), then link to biosphere3 by name,
  compartment and unit; the others keep ``name``, ``unit``, ``categories``
  and the CAS number of the export's substance lists, with
  ``"context scheme"`` ``"biosphere3"``, for the elementary-flow linker shared
  by every import.
* Technosphere inputs link inside the file by name (SimaPro names processes
  uniquely: bw2io splits ``"Steel {RER}"`` into name and location and matches
  both, and the unit).
* bw2io's unit and water migrations are applied from bw2io's own tables, as
  the inventory project has no migrations installed.
"""

from __future__ import annotations

import csv
import functools
import logging
import re
from pathlib import Path

from greendesign.i18n import _
from greendesign.inventory.brightway_project import BIOSPHERE, Cancelled, Progress
from greendesign.inventory.user_registry import ImportCancelled, UserDatabaseError, guarded

#: the elementary-flow context scheme the shared linker reads categories by
CONTEXT_SCHEME = "biosphere3"
#: SimaPro's header values of ``{CSV separator: ...}``
_SEPARATORS = {"semicolon": ";", "comma": ",", "tab": "\t"}
#: substance lists after the processes: their compartment as bw2io names it in exchanges
_SUBSTANCES = {"Raw materials": "Resources", "Airborne emissions": "Emissions to air",
               "Waterborne emissions": "Emissions to water",
               "Emissions to soil": "Emissions to soil",
               "Final waste flows": "Final waste flows",
               "Non material emissions": "Non material emissions",
               "Social issues": "Social issues", "Economic issues": "Economic issues"}


def _hint() -> str:
    return _("Export the processes from SimaPro again (File > Export, CSV, semicolon "
             "separated); if that does not help, send the file and the log to support.")


def _cancelled() -> ImportCancelled:
    return ImportCancelled(_("The import was cancelled; nothing was written."))


def _text(source: Path) -> tuple[str, str]:
    """The file's text and its encoding; refuses a file that is not a SimaPro CSV export."""
    if not source.is_file():
        raise UserDatabaseError(_("{file} does not exist.").format(file=source),
                                hint=_("Choose a SimaPro CSV export (.csv)."))
    raw = source.read_bytes()
    try:
        encoding, text = "utf-8-sig", raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding, text = "cp1252", raw.decode("cp1252", errors="replace")
    first = text.lstrip().split("\n", 1)[0]
    if not first.startswith("{SimaPro") and "CSV separator" not in first:
        raise UserDatabaseError(
            _("{file} is not a SimaPro CSV export: it does not start with SimaPro's "
              "header ('{{SimaPro 9...}}').").format(file=source),
            hint=_("In SimaPro, export the processes with File > Export as CSV; EcoSpold, "
                   "Excel and JSON-LD files have their own import."))
    if "\nProcess" not in text and "\rProcess" not in text:
        raise UserDatabaseError(
            _("{file} holds no SimaPro process (no 'Process' block).").format(file=source),
            hint=_("Export processes, not methods or product stages: select the processes "
                   "in SimaPro's library and choose File > Export."))
    return text, encoding


def _separator(text: str) -> str:
    found = re.search(r"\{CSV separator:\s*([A-Za-z]+)\s*\}", text[:4000])
    return _SEPARATORS.get(found.group(1).lower(), ";") if found else ";"


def _cas_numbers(lines: list[list[str]]) -> dict[tuple[str, str], str]:
    """``(compartment, name) -> CAS`` from the substance lists outside the processes."""
    found: dict[tuple[str, str], str] = {}
    in_process, compartment = False, None
    for line in lines:
        head = line[0] if line else ""
        if head == "Process" and len([c for c in line if c]) == 1:
            in_process = True
        elif head == "End":
            in_process, compartment = False, None
        elif in_process or not head:
            continue
        elif head in _SUBSTANCES and len([c for c in line if c]) == 1:
            compartment = _SUBSTANCES[head]
        elif compartment and len(line) > 2 and line[2]:
            found[(compartment, head)] = line[2]
    return found


def _process_name(lines: list[list[str]], index: int) -> str:
    for i in range(index, min(index + 200, len(lines) - 1)):
        if lines[i] and lines[i][0] == "Process name" and lines[i + 1]:
            return lines[i + 1][0]
    return "?"


def _reader(source: Path, report: Progress, stop: Cancelled, count: int):
    """bw2io's SimaPro extractor with progress, cancel, and each block's failure located."""
    from bw2io.extractors.simapro_csv import (  # deferred: loads Brightway
        EndOfDatasets,
        SimaProCSVExtractor,
    )

    class SimaProReader(SimaProCSVExtractor):
        @classmethod
        def read_data_set(cls, data, index, *args, **kwargs):
            if stop():
                raise _cancelled()
            report(0.05 + 0.4 * index / max(1, len(data)),
                   _("Reading line {number} of {count}").format(number=f"{index:,}",
                                                                  count=f"{count:,}"))
            try:
                return super().read_data_set(data, index, *args, **kwargs)
            except (UserDatabaseError, EndOfDatasets):
                raise
            except Exception as exc:  # noqa: BLE001 - named with its line and process
                logging.getLogger(__name__).exception("SimaPro block at line %s of %s",
                                                      index, source)
                raise UserDatabaseError(
                    _("{file}: the process {process!r} (from line {line}) cannot be read: "
                      "{error}.").format(file=source, line=index,
                                         process=_process_name(data, index - 1),
                                         error=f"{type(exc).__name__}: {exc}"),
                    hint=_("A block of the process is cut off or has too few fields (a "
                           "process ends with 'End'; a product line has name, unit, amount "
                           "and allocation). Repair it or export it again.")) from exc

    return SimaProReader


def add_cas_numbers(data: list[dict], cas: dict[tuple[str, str], str]) -> list[dict]:
    """The CAS number of the export's substance lists on each elementary-flow exchange."""
    for ds in data:
        for exc in ds.get("exchanges", []):
            if exc.get("type") != "biosphere":
                continue
            number = cas.get((exc["categories"][0], exc["name"]))
            if number:
                exc["CAS number"] = number
    return data


def _migrate(data: list[dict], migration: dict, datasets: bool) -> list[dict]:
    """bw2io's ``migrate_datasets``/``migrate_exchanges`` with the table given."""
    from bw2io.utils import activity_hash, rescale_exchange  # deferred: loads Brightway

    fields = migration["fields"]
    mapping = {activity_hash(dict(zip(fields, old, strict=False)), fields=fields): new
               for old, new in migration["data"]}
    for item in (data if datasets else (e for ds in data for e in ds.get("exchanges", []))):
        new = mapping.get(activity_hash(item, fields=fields))
        for key, value in (new or {}).items():
            if key != "multiplier":
                item[key] = value
            elif not datasets:
                rescale_exchange(item, value)
    return data


def migrate_default_units(data: list[dict]) -> list[dict]:
    """bw2io's "default-units" migration (tonnes to kilograms, ...) on datasets and exchanges."""
    from bw2io.units import get_default_units_migration_data  # deferred: loads Brightway

    migration = get_default_units_migration_data()
    return _migrate(_migrate(data, migration, True), migration, False)


def migrate_simapro_water(data: list[dict]) -> list[dict]:
    """bw2io's "simapro-water" migration: SimaPro's water flows to ecoinvent's."""
    from bw2io.data import get_simapro_water_migration_data  # deferred: loads Brightway

    return _migrate(data, get_simapro_water_migration_data(), False)


def describe_elementary_flows(data: list[dict]) -> list[dict]:
    """Mark the unlinked elementary flows for the shared linker (biosphere3 compartments)."""
    for ds in data:
        for exc in ds.get("exchanges", []):
            if exc.get("type") == "biosphere" and not exc.get("input"):
                exc["categories"] = tuple(exc.get("categories") or ())
                exc["context scheme"] = CONTEXT_SCHEME
    return data


def link_biosphere(data: list[dict]) -> list[dict]:
    """bw2io's link by name, compartment and unit, against biosphere3 when it is there."""
    import bw2data as bd  # deferred: loads Brightway
    from bw2io.strategies import link_iterable_by_fields  # deferred: loads Brightway

    if BIOSPHERE not in bd.databases:
        return data
    return link_iterable_by_fields(data, other=bd.Database(BIOSPHERE), edge_kinds=["biosphere"])


def _strategies(importer, cas: dict) -> list:
    """bw2io's SimaPro strategies, the project-stored migrations and the biosphere link
    replaced, the CAS numbers added first and the marking for the shared linker last."""
    names = {"migrate_datasets": migrate_default_units, "migrate_exchanges": None,
             "link_iterable_by_fields": link_biosphere}
    strategies = [functools.partial(add_cas_numbers, cas=cas)]
    for strategy in importer.strategies:
        func = getattr(strategy, "func", strategy)
        name = getattr(func, "__name__", "")
        migration = getattr(strategy, "keywords", {}).get("migration")
        if name == "migrate_exchanges" and migration == "simapro-water":
            strategies.append(migrate_simapro_water)
        elif name in names:
            if names[name] is not None:
                strategies.append(names[name])
        else:
            strategies.append(strategy)
    strategies.append(describe_elementary_flows)
    return strategies


def _importer_class():
    """bw2io's ``SimaProCSVImporter`` taking ``write_database``'s keywords.

    bw2io's own ``write_database(data, name, ...)`` passes ``name`` on as
    ``delete_existing``, so ``write_database(db_name=..., delete_existing=True)``
    fails there.
    """
    from bw2io import SimaProCSVImporter  # deferred: loads Brightway
    from bw2io.importers.base_lci import LCIImporter  # deferred: loads Brightway

    class Importer(SimaProCSVImporter):
        def write_database(self, data=None, **kwargs):
            db = LCIImporter.write_database(self, data, **kwargs)
            db.metadata["simapro import"] = self.metadata
            db._metadata.flush()  # noqa: SLF001 - as bw2io's importer does
            return db

    return Importer


def simapro_importer(source: Path, name: str, report: Progress, stop: Cancelled):
    """bw2io's ``SimaProCSVImporter`` for a SimaPro CSV export, ready to link."""
    source = Path(source)
    text, encoding = _text(source)
    delimiter = _separator(text)
    lines = [[cell.replace("\x7f", "").strip() for cell in line]
             for line in csv.reader(text.splitlines(), delimiter=delimiter)]
    reader = _reader(source, report, stop, len(lines))
    try:
        importer = _importer_class()(str(source), name, delimiter=delimiter,
                                     encoding=encoding, extractor=reader)
    except UserDatabaseError:
        raise
    except Exception as exc:  # noqa: BLE001 - named with its file, traceback logged
        logging.getLogger(__name__).exception("SimaPro import of %s failed", source)
        raise UserDatabaseError(
            _("{file} could not be read as a SimaPro CSV export: {error}.").format(
                file=source, error=f"{type(exc).__name__}: {exc}"), hint=_hint()) from exc
    if not importer.data:
        raise UserDatabaseError(_("{file} holds no SimaPro process.").format(file=source),
                                hint=_("Export processes, not methods or product stages."))
    importer.db_name = name
    for ds in importer.data:
        ds["database"] = name
    importer.strategies = guarded(_strategies(importer, _cas_numbers(lines)), source, _hint())
    return importer
