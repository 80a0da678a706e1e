"""The examples of README.md and docs/*.md run as written.

* Every CSV block (```csv) is written to a file and imported with the BOM
  importer: no error, and ``greendesign-cli validate --strict`` lists no
  warning (no code outside the dataset catalogue, no ignored column ...).
  Codes that are in the catalogue but have no inventory data yet (a stated
  cut-off) are allowed: the docs show them on purpose.
* Every line of a shell block (```sh, ```bash, ```shell, ```console with ``$``
  prompts) that starts with ``greendesign-cli`` runs through
  :func:`greendesign.cli.main`, in document order, in a folder where
  ``resources/`` is reachable and the files the docs name exist (built from the
  docs' own CSV example and from ``tests/user_db_fixtures.py``). It must exit
  0, or the code its trailing comment names (``# exit 2 ...``). ``COMMAND`` in
  ``greendesign-cli COMMAND --help`` stands for every command. A line that is
  not a ``greendesign-cli`` command must be listed in :data:`NOT_RUN` with the
  reason; anything else fails the test. A block that uses a user dataset
  (``user:<database>|<code>``) of a database it does not import itself gets that
  database first, imported from the Excel fixture, and loses it afterwards (the
  ``eol-material`` example of docs/user-databases.md).

One app home serves the whole module: README.md's ``setup`` example installs
the inventory (from the session's ready-built template); the user databases
are removed before each document, so every document starts as a reader would.
``HOME`` and the XDG folders point into the module's temporary folder, so
``~/ecoinvent/datasets`` and Brightway's default folder (where Activity
Browser keeps its projects) are fixtures too.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.openlca_fixtures import write_openlca_ecospold2
from tests.user_db_fixtures import (
    CO2_FOSSIL_AIR,
    write_ecospold1,
    write_ecospold2,
    write_excel,
)

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL_LANGUAGES = {"sh", "bash", "shell", "console"}

#: Lines of shell blocks that are not ``greendesign-cli`` commands, with the reason
#: they are not run here. Keep it short: better make an example runnable.
NOT_RUN = {
    "make run": "opens the desktop app, which needs a display (tests/ui covers the app)",
    "make test": "runs the whole test suite, this test included",
}

#: The Brightway projects the docs import from, as ``(project, database)``.
BRIGHTWAY_PROJECTS = (("my-ab-project", "my-db"), ("my-project", "suppliers"),
                      ("team-project", "suppliers"))
#: Other Brightway folders the docs name (``--base-dir``); they hold the same projects.
OTHER_BRIGHTWAY_FOLDERS = ("~/brightway-team",)


@dataclass(frozen=True)
class Block:
    """A fenced code block of a document."""

    document: str   # path relative to the repository
    line: int       # line of the opening fence
    language: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.document}:{self.line}"


@dataclass(frozen=True)
class Command:
    """One command of a shell block, ready to run."""

    where: str           # document:line
    text: str            # as written (continuation lines joined)
    argv: tuple[str, ...]
    expected: int        # exit code


def code_blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, with their language and line."""
    blocks, current, lines = [], None, []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        fence = re.match(r"^\s*```\s*([\w+-]*)", line)
        if fence and current is None:
            current, lines = (number, fence.group(1).lower()), []
        elif fence:
            blocks.append(Block(path.relative_to(ROOT).as_posix(), current[0], current[1],
                                "\n".join(lines) + "\n"))
            current = None
        elif current is not None:
            lines.append(line)
    return blocks


def split_comment(line: str) -> tuple[str, str]:
    """``(code, comment)``: a ``#`` at the start of a word outside quotes starts a comment."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), ""


def shell_lines(block: Block) -> list[tuple[int, str]]:
    """``(line, text)`` of the commands of a shell block, continuation lines joined."""
    out: list[tuple[int, str]] = []
    pending, start = "", 0
    for offset, raw in enumerate(block.text.splitlines(), start=1):
        if block.language == "console":
            if not raw.startswith("$ ") and not pending:
                continue  # output shown after a prompt
            raw = raw[2:] if not pending else raw
        code, _comment = split_comment(raw)
        if code.endswith("\\"):
            pending, start = pending + code[:-1] + " ", start or offset
            continue
        text = (pending + raw).strip()
        if text:
            out.append((block.line + (start or offset), text))
        pending, start = "", 0
    return out


def commands(block: Block, command_names: list[str]) -> tuple[list[Command], list[str]]:
    """The ``greendesign-cli`` commands of a shell block, and its lines not understood."""
    runnable: list[Command] = []
    unknown: list[str] = []
    for line, text in shell_lines(block):
        code, comment = split_comment(text)
        where = f"{block.document}:{line}"
        if not code:
            continue  # a comment line
        if code in NOT_RUN:
            continue
        expected = re.match(r"exit (\d+)\b", comment)
        lexer = shlex.shlex(code, posix=True, punctuation_chars=";")
        lexer.whitespace_split = True
        lexer.commenters = ""
        words, parts = list(lexer), [[]]
        for word in words:
            if word == ";":
                parts.append([])
            else:
                parts[-1].append(word)
        for part in filter(None, parts):
            if part[0] != "greendesign-cli":
                unknown.append(f"{where}: {code!r} is not a greendesign-cli command; run it "
                               "here, or list it in NOT_RUN with the reason")
                continue
            argv = [os.path.expanduser(w) if w.startswith("~/") else w for w in part[1:]]
            expanded = [argv]
            if "COMMAND" in argv:  # a placeholder for every command
                at = argv.index("COMMAND")
                expanded = [[*argv[:at], name, *argv[at + 1:]] for name in command_names]
            for one in expanded:
                runnable.append(Command(where, " ".join(["greendesign-cli", *one]), tuple(one),
                                        int(expected.group(1)) if expected else 0))
    return runnable, unknown


def run_cli(argv: tuple[str, ...] | list[str]) -> tuple[int, str, str]:
    """``greendesign.cli.main(argv)``: exit code, stdout, stderr (``--help`` included)."""
    from greendesign.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code, out.getvalue(), err.getvalue()


def run_commands(items: list[Command]) -> list[str]:
    """Run the commands in order; a message for each one that did not exit as expected."""
    failures = []
    for command in items:
        start = time.perf_counter()
        code, out, err = run_cli(command.argv)
        print(f"{command.where}: {command.text} -> exit {code} "  # shown with pytest -s
              f"({time.perf_counter() - start:.1f} s)")
        if code != command.expected:
            failures.append(f"{command.where}: `{command.text}` exited {code}, expected "
                            f"{command.expected}\n" + textwrap.indent((err or out)[-3000:],
                                                                      "    "))
    return failures


def check_csv_example(block: Block, folder: Path) -> list[str]:
    """Import a CSV block and validate it strictly; a message for each problem."""
    from greendesign.errors import GreenDesignError
    from greendesign.io.bom_import import import_bom

    path = folder / f"{Path(block.document).stem}-{block.line}.csv"
    path.write_text(block.text, "utf-8")
    try:
        import_bom(path)
    except GreenDesignError as exc:
        return [f"{block.where}: the CSV example does not import:\n{exc}"]
    code, out, err = run_cli(["validate", "--strict", str(path)])
    if "warning(s):" in out or code not in (0, 2) or (code == 2 and "cut-off" not in out):
        return [f"{block.where}: `greendesign-cli validate --strict` on the CSV example "
                f"exited {code}:\n{out}{err}"]
    return []


def _all_blocks() -> list[Block]:
    return [block for path in DOCUMENTS for block in code_blocks(path)]


def _command_names() -> list[str]:
    from greendesign.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001
    return list(sub.choices)


# --- the files and projects the examples name -----------------------------------------------

_MAKE_PROJECTS = textwrap.dedent("""
    import contextlib, sys
    with contextlib.redirect_stdout(sys.stderr):
        import bw2data as bd
        for project, database in {projects!r}:
            bd.projects.set_current(project)
            co2 = ("biosphere3", "{co2}")
            bd.Database("biosphere3").write({{co2: {{
                "name": "Carbon dioxide, fossil", "categories": ("air",), "unit": "kilogram",
                "type": "emission"}}}})
            bd.Database("upstream").write({{("upstream", "ingot"): {{
                "name": "aluminium ingot", "unit": "kilogram", "location": "CN",
                "exchanges": [{{"input": ("upstream", "ingot"), "amount": 1,
                               "type": "production"}},
                              {{"input": co2, "amount": 12.0, "type": "biosphere"}}]}}}})
            bd.Database(database).write({{(database, "housing"): {{
                "name": "die-cast housing", "unit": "kilogram", "location": "CN",
                "exchanges": [{{"input": (database, "housing"), "amount": 1,
                               "type": "production"}},
                              {{"input": ("upstream", "ingot"), "amount": 1.1,
                               "type": "technosphere"}},
                              {{"input": co2, "amount": 0.5, "type": "biosphere"}}]}}}})
""").format(projects=BRIGHTWAY_PROJECTS, co2=CO2_FOSSIL_AIR)


def _readme_bom() -> str:
    csv_blocks = [b for b in code_blocks(ROOT / "README.md") if b.language == "csv"]
    assert csv_blocks, "README.md has no CSV example to build my_bom.csv from"
    return csv_blocks[0].text


def _write_placeholders(work: Path, home: Path) -> None:
    """The files the examples name, in the working folder and the home folder."""
    import csv

    import openpyxl

    bom = _readme_bom()
    (work / "my_bom.csv").write_text(bom, "utf-8")
    book = openpyxl.Workbook()
    for row in csv.reader(bom.splitlines()):
        book.active.append([float(c) if re.fullmatch(r"\d+(\.\d+)?", c) else c for c in row])
    book.save(work / "my_bom.xlsx")
    write_ecospold2(home / "ecoinvent" / "datasets")
    for name in ("supplier_data.xlsx", "supplier.xlsx", "supplier-v2.xlsx"):
        write_excel(work / name)
    write_openlca_ecospold2(work / "openlca-export")
    with zipfile.ZipFile(work / "uslci_ecospold2.zip", "w") as archive:
        for path in sorted((work / "openlca-export").iterdir()):
            archive.write(path, path.name)
    shutil.copy(ROOT / "tests" / "data" / "user_db" / "openlca_jsonld_small.zip",
                work / "uslci_json_ld.zip")
    shutil.copy(ROOT / "tests" / "data" / "user_db" / "simapro9_small.csv",
                work / "supplier_simapro.csv")
    xml = write_ecospold1(work / "uslci-release.xml")
    with zipfile.ZipFile(work / "uslci-release.zip", "w") as archive:
        archive.write(xml, "uslci-release.xml")
    xml.unlink()


def _write_brightway_projects(home: Path) -> None:
    """The projects of BRIGHTWAY_PROJECTS in Brightway's default folder (and the others)."""
    default = home / ".local" / "share" / "Brightway3"
    default.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "BRIGHTWAY2_DIR"}
    subprocess.run([sys.executable, "-c", _MAKE_PROJECTS], env={**env, "BRIGHTWAY2_DIR":
                   str(default)}, check=True, capture_output=True, timeout=120)
    for folder in OTHER_BRIGHTWAY_FOLDERS:
        Path(folder.replace("~", str(home), 1)).symlink_to(default, target_is_directory=True)


@pytest.fixture(scope="module")
def docs_env(tmp_path_factory, inventory_template):
    """Module-wide: app home, HOME, working folder with resources/ and the named files."""
    base = tmp_path_factory.mktemp("docs-examples")
    home, work, app_home = base / "home", base / "work", base / "gd-home"
    for folder in (home, work):
        folder.mkdir()
    (work / "resources").symlink_to(ROOT / "resources", target_is_directory=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        for var, sub in (("XDG_DATA_HOME", ".local/share"), ("XDG_STATE_HOME", ".local/state"),
                         ("XDG_CACHE_HOME", ".cache"), ("XDG_CONFIG_HOME", ".config")):
            mp.setenv(var, str(home / sub))
        mp.delenv("BRIGHTWAY2_DIR", raising=False)
        mp.setenv("GREENDESIGN_HOME", str(app_home))
        mp.setenv("GREENDESIGN_INVENTORY_TEMPLATE", str(inventory_template))
        _write_placeholders(work, home)
        _write_brightway_projects(home)
        mp.chdir(work)
        yield {"home": home, "work": work, "app_home": app_home}


@pytest.fixture(autouse=True)
def _app_home(docs_env, monkeypatch):  # overrides conftest's per-test home
    monkeypatch.setenv("GREENDESIGN_HOME", str(docs_env["app_home"]))
    monkeypatch.chdir(docs_env["work"])
    return docs_env["app_home"]


def _remove_user_databases() -> None:
    from greendesign.inventory import user_databases as ud

    for database in ud.list_databases():
        ud.remove_database(database.name)


def _given_user_databases(items: list[Command], folder: Path) -> list[str]:
    """Import the user databases a block uses (``user:<db>|<code>``) but does not import."""
    from greendesign.inventory import user_databases as ud

    have = {db.name for db in ud.list_databases()}
    imported = {c.argv[c.argv.index("--name") + 1] for c in items
                if c.argv[:2] == ("inventory", "import") and "--name" in c.argv}
    given = []
    for command in items:
        for word in command.argv:
            ref = re.fullmatch(r"user:([^|]+)\|(.+)", word)
            if ref and ref.group(1) not in have | imported | set(given):
                database, code = ref.groups()
                path = write_excel(folder / f"given-{database}.xlsx", database, code=code)
                ud.import_excel(path, database)
                given.append(database)
    return given


# --- the tests -----------------------------------------------------------------------------

SHELL_DOCUMENTS = [path.relative_to(ROOT).as_posix() for path in DOCUMENTS
                   if any(b.language in SHELL_LANGUAGES for b in code_blocks(path))]


@pytest.mark.parametrize("document", SHELL_DOCUMENTS)
def test_shell_examples_run_as_written(document, docs_env):
    from greendesign.inventory import user_databases as ud

    blocks = [b for b in code_blocks(ROOT / document) if b.language in SHELL_LANGUAGES]
    names = _command_names()
    if document != "README.md":  # README.md sets the inventory up itself (its setup example)
        from greendesign.inventory.brightway_setup import ensure_inventory

        ensure_inventory()
    _remove_user_databases()
    failures: list[str] = []
    try:
        for block in blocks:
            items, unknown = commands(block, names)
            failures += unknown
            given = _given_user_databases(items, docs_env["work"])
            failures += run_commands(items)
            for database in given:
                if database in {db.name for db in ud.list_databases()}:
                    ud.remove_database(database)
    finally:
        _remove_user_databases()
    assert not failures, "\n".join(failures)


def test_csv_examples_import_and_validate_strictly(tmp_path):
    blocks = [b for b in _all_blocks() if b.language == "csv"]
    assert len(blocks) >= 3  # README.md's and docs/bom-format.md's two
    failures = [message for block in blocks for message in check_csv_example(block, tmp_path)]
    assert not failures, "\n".join(failures)


def test_every_shell_example_is_run_or_excused():
    """Each shell line is a greendesign-cli command or in NOT_RUN; NOT_RUN holds no stale line."""
    names = _command_names()
    lines, failures = set(), []
    for block in _all_blocks():
        if block.language in SHELL_LANGUAGES:
            items, unknown = commands(block, names)
            failures += unknown
            lines |= {split_comment(text)[0] for _line, text in shell_lines(block)}
    assert not failures, "\n".join(failures)
    assert set(NOT_RUN) <= lines, f"NOT_RUN lists lines no document has: {set(NOT_RUN) - lines}"


# --- the checks can fail ---------------------------------------------------------------------

OLD_README_BOM = """\
level,id,name,quantity,mass,mass_unit,material,recycled_content,process,joint,module
1,BODY-ASM,Body assembly,1,,,,,,none,body
2,SHELL,Body shell,1,420,g,steel_stainless_304,0.2,sheet_deep_drawing,weld,body
2,HANDLE,Handle,1,85,g,pp,0,injection_moulding,screw,body
1,CORD,Power cord,1,0.12,kg,power_cable,0,,none,base
"""


def test_the_old_readme_bom_is_caught(tmp_path):
    block = Block("README.md", 92, "csv", OLD_README_BOM)
    [failure] = check_csv_example(block, tmp_path)
    assert "row 3, column 'process': part 'SHELL' (Body shell): process 'sheet_deep_drawing' " \
           "is not in the dataset catalogue (did you mean 'deep_drawing'?)" in failure
    fixed = Block("README.md", 92, "csv", OLD_README_BOM.replace("sheet_deep", "deep"))
    assert check_csv_example(fixed, tmp_path) == []


def test_a_failing_or_unknown_command_is_caught(tmp_path):
    block = Block("doc.md", 1, "sh", textwrap.dedent("""\
        greendesign-cli validate missing.csv   # a file that is not there
        greendesign-cli validate missing.csv   # exit 2 when the file is missing
        greendesign-cli --help; greendesign-cli nonsense --help
        rm -rf build
        make run
    """))
    items, unknown = commands(block, ["validate"])
    assert [c.expected for c in items] == [0, 2, 0, 0]
    assert unknown == ["doc.md:5: 'rm -rf build' is not a greendesign-cli command; run it "
                       "here, or list it in NOT_RUN with the reason"]
    failures = run_commands(items)
    assert [f.split(":", 2)[1] for f in failures] == ["2", "4"]
    assert "`greendesign-cli validate missing.csv` exited 2, expected 0" in failures[0]
    assert "`greendesign-cli nonsense --help` exited 2, expected 0" in failures[1]


def test_continuation_lines_comments_and_placeholders():
    block = Block("doc.md", 10, "bash", textwrap.dedent("""\
        # a comment line
        greendesign-cli inventory import ecospold2 ~/data \\
            --name "a b" --pedigree "2;2;3;3;2"   # exit 0
        greendesign-cli COMMAND --help
    """))
    items, unknown = commands(block, ["validate", "setup"])
    assert unknown == []
    assert [c.argv for c in items] == [
        ("inventory", "import", "ecospold2", os.path.expanduser("~/data"), "--name", "a b",
         "--pedigree", "2;2;3;3;2"),
        ("validate", "--help"), ("setup", "--help")]
    assert [c.where for c in items] == ["doc.md:12", "doc.md:14", "doc.md:14"]
