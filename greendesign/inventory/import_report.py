"""What an import of a user database did: datasets, links, and what stayed out.

Built by :mod:`greendesign.inventory.user_readers` as it links, shown by the
CLI (``greendesign-cli inventory import``) and the import dialog, and saved as
JSON beside the list of unlinked exchanges. The share of GWP100 that unlinked
elementary exchanges would have carried is an estimate over the datasets'
direct exchanges: each unlinked flow takes the IPCC 2021 GWP100 factor of the
biosphere3 flow of its name (through the synonyms) in any compartment, each
linked one its own factor.
"""

from __future__ import annotations

import collections
import json
from dataclasses import asdict, dataclass, field

from greendesign.i18n import _

GWP100 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")
#: how many unlinked flows the report names
TOP = 15


@dataclass
class ImportReport:
    source: str = ""
    format: str = ""
    producer: str = ""
    datasets_read: int = 0
    datasets_imported: int = 0
    #: (file or dataset, reason) of each dataset left out
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: exchange kind -> {"linked": n, "unlinked": n}
    exchanges: dict[str, dict[str, int]] = field(default_factory=dict)
    #: how the elementary exchanges were linked -> count
    elementary_by_method: dict[str, int] = field(default_factory=dict)
    #: reason -> count of the exchanges left out
    unlinked_by_reason: dict[str, int] = field(default_factory=dict)
    #: (name, compartment, unit, exchanges) of the most frequent unlinked flows
    top_unlinked: list[tuple[str, str, str, int]] = field(default_factory=list)
    #: share of the datasets' direct GWP100 that unlinked elementary exchanges carry
    gwp_unlinked_share: float | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def elementary_link_share(self) -> float | None:
        counts = self.exchanges.get("biosphere", {})
        total = counts.get("linked", 0) + counts.get("unlinked", 0)
        return counts.get("linked", 0) / total if total else None

    def to_dict(self) -> dict:
        out = asdict(self)
        out["elementary_link_share"] = self.elementary_link_share
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def lines(self) -> list[str]:
        """The report as text, in the current language."""
        out = [_("Datasets: {read} read, {imported} imported").format(
            imported=f"{self.datasets_imported:,}", read=f"{self.datasets_read:,}")
            + (_(" (files written by {producer})").format(producer=self.producer)
               if self.producer else "")]
        kinds = {"biosphere": _("elementary"), "technosphere": _("technosphere"),
                 "production": _("production"), "substitution": _("substitution")}
        for kind, counts in sorted(self.exchanges.items()):
            linked, unlinked = counts.get("linked", 0), counts.get("unlinked", 0)
            total = linked + unlinked
            share = f"{100 * linked / total:.1f} %" if total else "-"
            out.append(_("{kind} exchanges: {linked} of {total} linked ({share})").format(
                kind=kinds.get(kind, kind), linked=f"{linked:,}", total=f"{total:,}",
                share=share))
        if self.elementary_by_method:
            out.append(_("Elementary exchanges linked by: {methods}").format(
                methods=", ".join(f"{_method_label(k)} {v:,}" for k, v in sorted(
                    self.elementary_by_method.items(), key=lambda kv: -kv[1]))))
        if self.gwp_unlinked_share is not None:
            out.append(_("Unlinked elementary exchanges carry about {share} of the datasets' "
                         "direct GWP100 (estimated by flow name)").format(
                share=f"{100 * self.gwp_unlinked_share:.2f} %"))
        for reason, count in sorted(self.unlinked_by_reason.items(), key=lambda kv: -kv[1]):
            out.append(_("Left out, {count} exchange(s): {reason}").format(
                count=f"{count:,}", reason=reason))
        if self.top_unlinked:
            out.append(_("Most frequent unlinked flows:"))
            out.extend(f"  {n:>6,}  {name} [{comp}] ({unit})"
                       for name, comp, unit, n in self.top_unlinked)
        if self.skipped:
            out.append(_("{count} dataset(s) left out:").format(count=len(self.skipped)))
            out.extend(f"  {where}: {reason}" for where, reason in self.skipped[:TOP])
            if len(self.skipped) > TOP:
                out.append("  " + _("... and {count} more").format(
                    count=len(self.skipped) - TOP))
        out.extend(self.warnings)
        return out


def _method_label(how: str) -> str:
    return {"bw2io": _("the source's flow id or exact name"), "synonym": _("synonym"),
            "name": _("name and compartment"), "name variant": _("name variant"),
            "CAS number": _("CAS number"), "flow id": _("flow id's compartment"),
            "direction only": _("name, only compartment of its direction")}.get(how, how)


def count_exchanges(data: list[dict], unlinked_kinds: collections.Counter) -> dict:
    """kind -> linked/unlinked counts, from the written data and the unlinked tally."""
    out: dict[str, dict[str, int]] = collections.defaultdict(lambda: {"linked": 0,
                                                                      "unlinked": 0})
    for ds in data:
        for exc in ds.get("exchanges", []):
            out[str(exc.get("type", ""))]["linked"] += 1
    for kind, count in unlinked_kinds.items():
        out[kind]["unlinked"] += count
    return {k: dict(v) for k, v in out.items() if k}


def gwp_share(bd, data: list[dict], unlinked: list, linker) -> float | None:
    """Share of the datasets' direct GWP100 that the unlinked elementary exchanges carry."""
    from greendesign.inventory.flow_linking import norm

    if GWP100 not in bd.methods:
        return None
    factors = {}
    for flow_key, cf in bd.Method(GWP100).load():
        key = flow_key if isinstance(flow_key, tuple) else None
        if key is None:
            node = bd.get_node(id=flow_key)
            key = (node["database"], node["code"])
        factors[key[1]] = float(cf)
    by_name: dict[str, float] = {}
    for flow in linker.bio.flows:
        if flow.code in factors:
            name = norm(flow.name)
            by_name[name] = max(by_name.get(name, 0.0), abs(factors[flow.code]))
    linked = sum(abs(float(exc.get("amount", 0)) * factors.get(exc["input"][1], 0.0))
                 for ds in data for exc in ds.get("exchanges", [])
                 if exc.get("type") == "biosphere" and exc.get("input"))
    renamed = {key[0]: norm(target) for key, (target, _factor) in linker.synonyms.items()}
    missing = 0.0
    for row in unlinked:
        if row.type != "biosphere" or row.amount != row.amount:
            continue
        name = norm(row.exchange)
        missing += abs(row.amount) * by_name.get(renamed.get(name, name), 0.0)
    total = linked + missing
    return missing / total if total else None
