"""Write lca_data/linking/flow_ids.csv: the elementary flows of USLCI JSON-LD releases by id.

openLCA's EcoSpold 2 export names each elementary exchange by its flow's UUID
and name but writes no compartment, so an import cannot tell carbon dioxide to
air from carbon dioxide to water. The JSON-LD releases of the same flow lists
carry each flow's category path; this table keeps, for every elementary flow,
its id, name, context (the category path below "Elementary Flows") and CAS
number, so the linker (greendesign.inventory.flow_linking) reads the
compartment by id.

Run from the repository root with each release (a JSON-LD zip or unpacked
folder) as an argument; the first release that names a flow wins::

    .venv/bin/python lca_data/build/flow_ids.py ../shared/data/uslci/uslci_fy18_olca1_5_jsonld.zip \\
        <FLCAC-admin/uslci-content>/downloads/uslci_fy22_q2_01_olca1_10_3_json_ld

The second is the FY2022 Q2 release's folder in the Federal LCA Commons'
public repository (FLCAC-admin/uslci-content, commit 9182448; its flows are the
Federal Elementary Flow List's, FedElemFlowList 1.0.1). ``--check`` compares
with the committed table instead of writing it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "linking" / "flow_ids.csv"


def _documents(source: Path, kind: str):
    if source.is_dir():
        for path in sorted(source.rglob(f"{kind}/*.json")):
            yield json.loads(path.read_text("utf-8"))
        return
    with zipfile.ZipFile(source) as archive:
        for name in sorted(archive.namelist()):
            parts = name.split("/")
            if len(parts) >= 2 and parts[-2] == kind and name.endswith(".json"):
                yield json.loads(archive.read(name))


def read_release(source: Path) -> dict[str, tuple[str, str, str]]:
    categories = {c["@id"]: c for c in _documents(source, "categories")}

    def path_of(ref: dict) -> list[str]:
        if "categoryPath" in ref:  # openLCA 1.10 writes the path on the reference
            return [*ref["categoryPath"], ref.get("name", "")]
        out, cid = [], ref.get("@id")
        while cid in categories:
            out.append(categories[cid]["name"])
            cid = (categories[cid].get("category") or {}).get("@id")
        return list(reversed(out))

    flows = {}
    for flow in _documents(source, "flows"):
        if flow.get("flowType") != "ELEMENTARY_FLOW":
            continue
        path = [p.strip() for p in path_of(flow.get("category") or {}) if p.strip()]
        while path and path[0].casefold() in ("elementary flows", "elementary flow"):
            path = path[1:]
        flows[flow["@id"]] = (flow["name"].strip(), "/".join(path),
                              (flow.get("cas") or "").strip())
    return flows


def table(sources: list[Path]) -> str:
    merged: dict[str, tuple[str, str, str]] = {}
    for source in sources:
        for fid, row in read_release(source).items():
            merged.setdefault(fid, row)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "name", "context", "cas"])
    for fid, (name, context, cas) in sorted(merged.items()):
        writer.writerow([fid, name, context, cas])
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    sources = [Path(a) for a in argv if a != "--check"]
    text = table(sources)
    if check:
        same = OUT.read_text("utf-8") == text
        print("flow_ids.csv is up to date" if same else "flow_ids.csv differs")
        return 0 if same else 1
    OUT.write_text(text, "utf-8")
    print(f"{text.count(chr(10)) - 1} flows written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
