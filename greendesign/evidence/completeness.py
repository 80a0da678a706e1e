"""What stands between a project and a submittable evidence pack.

:func:`completeness` lists :class:`Gap` items, blocking ones first. Each has a severity
(``blocking``: the pack cannot be submitted as it is; ``warning``: an evaluator will ask), a
message in the current language, a ``where`` naming what to fix (``applicant.credit_code``,
``certificates``, ``specification``, ``register:EV-2``, ``indicator:noise``,
``part:HEATER``, ``lca``) and a short ``code`` for programs. The rules:

applicant
    company name (Chinese), credit code, address, contact person, phone, e-mail and legal
    representative missing: blocking; the English company name missing: warning (the pack is
    bilingual); a credit code failing GB 32100-2015 or an e-mail that is not one: blocking; a
    telephone number that is not one: warning.
specification profile
    none chosen, or a bundled id that does not exist: blocking; a profile with illustrative
    benchmarks: warning (they are not a specification's values).
certificates
    a basic requirement met by a certificate with no certificate of that standard, or only
    expired ones (on ``day``): blocking; one expiring within :data:`EXPIRY_WARNING_DAYS`: warning;
    a certificate without number or issuer: warning.
evidence
    a requirement or indicator shown by a document with no register item listing it, or only
    items expired or not yet valid: blocking; a computed indicator whose profile asks for a
    document (``evidence_required``) without one in force: blocking; a register item expired or
    not yet valid: blocking; an item that lists ids the profile does not have: warning; an item
    without an attached file: warning.
attachments
    an attached file missing from ``<project stem>.evidence/`` or changed since it was added
    (SHA-256 differs): blocking, by name.
LCA
    no result: warning; material without inventory data (a cut-off, from the result's gaps)
    with its part and mass share: blocking when the excluded share of the product's mass is
    above :data:`CUTOFF_LIMIT` (5 %; ISO 14044 practice states cut-offs of a few per cent of
    mass), warning below; a process without data: warning; every dataset that covers only
    greenhouse gases (``Result.ghg_only_notes()``): warning, with its share of GWP100.
conformity
    when the design's conformity table is given, an indicator or requirement that fails:
    warning (the pack can be made, but the product does not qualify).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from greendesign.evidence.attachments import Digest, check_attachments
from greendesign.evidence.conformity import Conformity, supporting_items
from greendesign.evidence.credit_code import credit_code_problem
from greendesign.evidence.record import EvidenceRecord, email_problem, phone_problem
from greendesign.evidence.spec_model import SYSTEM_NAMES, SpecificationProfile
from greendesign.evidence.specification import resolve_specification
from greendesign.i18n import _, pick
from greendesign.lca.lifecycle import field_name

Severity = Literal["blocking", "warning"]
CUTOFF_LIMIT = 0.05
"""Largest share of the product's mass left out for lack of inventory data without blocking."""
EXPIRY_WARNING_DAYS = 90


@dataclass(frozen=True)
class Gap:
    """One thing to fix before the pack can be submitted."""

    severity: Severity
    code: str
    message: str
    where: str

    def to_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "code": self.code, "message": self.message,
                "where": self.where}


def _applicant(record: EvidenceRecord) -> list[Gap]:
    a = record.applicant
    out: list[Gap] = []
    required = (("company_name_zh", _("The company name in Chinese is missing.")),
                ("address", _("The company address is missing.")),
                ("contact_person", _("The contact person is missing.")),
                ("phone", _("The contact telephone number is missing.")),
                ("email", _("The contact e-mail address is missing.")),
                ("legal_representative", _("The legal representative is missing.")))
    for name, message in required:
        if not getattr(a, name):
            out.append(Gap("blocking", "applicant_missing", message, f"applicant.{name}"))
    if not a.company_name_en:
        out.append(Gap("warning", "applicant_missing",
                       _("The company name in English is missing (the pack is bilingual)."),
                       "applicant.company_name_en"))
    problem = credit_code_problem(a.credit_code)
    if problem:
        code = "applicant_missing" if not a.credit_code else "credit_code_invalid"
        out.append(Gap("blocking", code, problem, "applicant.credit_code"))
    problem = email_problem(a.email)
    if problem:
        out.append(Gap("blocking", "email_invalid", problem, "applicant.email"))
    problem = phone_problem(a.phone)
    if problem:
        out.append(Gap("warning", "phone_invalid", problem, "applicant.phone"))
    return out


def _certificates(record: EvidenceRecord, profile: SpecificationProfile, day: dt.date
                  ) -> list[Gap]:
    out: list[Gap] = []
    for req in profile.basic_requirements:
        if req.certificate is None:
            continue
        standard = pick(*SYSTEM_NAMES[req.certificate])
        found = record.applicant.certificate(req.certificate)
        valid = [c for c in found if c.valid_on(day)]
        if not found:
            out.append(Gap("blocking", "certificate_missing",
                           _("No {standard} certificate: the specification requires one."
                             ).format(standard=standard), "certificates"))
        elif not valid:
            until = max(c.valid_until for c in found if c.valid_until)
            out.append(Gap("blocking", "certificate_expired",
                           _("The {standard} certificate expired on {date}.").format(
                               standard=standard, date=until.isoformat()), "certificates"))
        else:
            ends = [c.valid_until for c in valid if c.valid_until]
            if ends and len(ends) == len(valid) and \
                    (max(ends) - day).days <= EXPIRY_WARNING_DAYS:
                out.append(Gap("warning", "certificate_expiring",
                               _("The {standard} certificate expires on {date}.").format(
                                   standard=standard, date=max(ends).isoformat()),
                               "certificates"))
    for cert in record.applicant.certificates:
        if not cert.number or not cert.issuer:
            name = cert.standard_name or pick(*SYSTEM_NAMES[cert.standard])
            out.append(Gap("warning", "certificate_incomplete",
                           _("The {standard} certificate has no number or issuer.").format(
                               standard=name), "certificates"))
    return out


def _evidence(record: EvidenceRecord, profile: SpecificationProfile, day: dt.date
              ) -> list[Gap]:
    out: list[Gap] = []
    for req in profile.basic_requirements:
        if req.certificate is not None:
            continue
        items = supporting_items(record, req.id, day)
        name = pick(req.text, req.text_zh)
        if not items:
            out.append(Gap("blocking", "evidence_missing",
                           _("No evidence for the basic requirement \u201c{name}\u201d."
                             ).format(name=name), f"requirement:{req.id}"))
        elif all(i.status_on(day) != "valid" for i in items):
            out.append(Gap("blocking", "evidence_out_of_date",
                           _("The evidence for \u201c{name}\u201d is expired or not yet valid."
                             ).format(name=name), f"requirement:{req.id}"))
    for ind in profile.indicators:
        needs = (not ind.metric) or ind.evidence_required
        if not needs:
            continue
        items = supporting_items(record, ind.id, day)
        name = pick(ind.name, ind.name_zh)
        if not items:
            out.append(Gap("blocking", "evidence_missing",
                           _("No evidence for the indicator \u201c{name}\u201d.").format(
                               name=name), f"indicator:{ind.id}"))
        elif all(i.status_on(day) != "valid" for i in items):
            out.append(Gap("blocking", "evidence_out_of_date",
                           _("The evidence for \u201c{name}\u201d is expired or not yet valid."
                             ).format(name=name), f"indicator:{ind.id}"))
    return out


def _register(record: EvidenceRecord, profile: SpecificationProfile | None, day: dt.date
              ) -> list[Gap]:
    out: list[Gap] = []
    known = set(profile.ids()) if profile is not None else None
    for item in record.register:
        status = item.status_on(day)
        if status == "expired":
            out.append(Gap("blocking", "item_expired",
                           _("{id} \u201c{title}\u201d expired on {date}.").format(
                               id=item.id, title=item.title,
                               date=item.valid_until.isoformat() if item.valid_until else "-"),
                           f"register:{item.id}"))
        elif status == "not_yet_valid":
            out.append(Gap("blocking", "item_not_yet_valid",
                           _("{id} \u201c{title}\u201d is dated {date}, after {day}.").format(
                               id=item.id, title=item.title,
                               date=item.date.isoformat() if item.date else "-",
                               day=day.isoformat()), f"register:{item.id}"))
        unknown = [i for i in item.indicators if known is not None and i not in known]
        if unknown:
            out.append(Gap("warning", "item_unknown_indicator",
                           _("{id} lists indicators the profile does not have: {ids}.").format(
                               id=item.id, ids=", ".join(unknown)), f"register:{item.id}"))
        if not item.file:
            out.append(Gap("warning", "item_without_file",
                           _("{id} \u201c{title}\u201d has no attached file.").format(
                               id=item.id, title=item.title), f"register:{item.id}"))
    return out


def _attachments(record: EvidenceRecord, project_path: str | os.PathLike[str] | None,
                 digest: Digest | None) -> list[Gap]:
    check = check_attachments(project_path, record.register, digest)
    by_file = {item.file: item.id for item in record.register if item.file}
    out = [Gap("blocking", "attachment_missing",
               _("The attachment {name} is missing from the attachments folder.").format(
                   name=name), f"register:{by_file.get(name, '')}") for name in check.missing]
    out += [Gap("blocking", "attachment_changed",
                _("The attachment {name} changed since it was added (its SHA-256 differs)."
                  ).format(name=name), f"register:{by_file.get(name, '')}")
            for name in check.changed]
    return out


def _lca(result: Any) -> list[Gap]:
    if result is None:
        return [Gap("warning", "lca_missing",
                    _("There is no LCA result for this design yet: the pack needs one."),
                    "lca")]
    out: list[Gap] = []
    model = result.model
    share = model.excluded_mass_share
    mass = model.product_mass_kg
    severity: Severity = "blocking" if share > CUTOFF_LIMIT else "warning"
    for gap in model.gaps:
        if gap.field == "material":
            part_share = gap.mass_kg / mass if mass else 0.0
            out.append(Gap(severity, "data_gap_material",
                           _("{part}: material {code} has no inventory data; "
                             "{share} % of the product's mass is left out.").format(
                               part=gap.display_name, code=gap.code,
                               share=f"{part_share * 100:.1f}"), f"part:{gap.part_id}"))
        else:
            out.append(Gap("warning", "data_gap_process",
                           _("{part}: {field} {code} has no inventory data and is left out."
                             ).format(part=gap.display_name, field=field_name(gap.field),
                                    code=gap.code),
                           f"part:{gap.part_id}"))
    if share > CUTOFF_LIMIT:
        out.append(Gap("blocking", "cutoff_exceeded",
                       _("{share} % of the product's mass has no inventory data, more than the "
                         "cut-off of {limit} %.").format(share=f"{share * 100:.1f}",
                                                        limit=f"{CUTOFF_LIMIT * 100:g}"),
                       "lca"))
    notes = result.ghg_only_notes()
    for row in notes.to_dict(orient="records"):
        value = row.get("share_of_gwp100")
        share_text = "-" if value is None or value != value else f"{value * 100:.1f}"
        out.append(Gap("warning", "ghg_only",
                       _("Dataset {dataset} covers greenhouse gases only ({sources}); the other "
                         "impact categories leave it out ({share} % of GWP100).").format(
                           dataset=row["dataset"], sources=row["ghg_only_sources"],
                           share=share_text), "lca"))
    return out


def _conformity(conformity: Conformity) -> list[Gap]:
    return [Gap("warning", "indicator_fails",
                _("\u201c{name}\u201d does not meet its benchmark ({benchmark}).").format(
                    name=o.name, benchmark=o.benchmark), f"{o.kind}:{o.id}")
            for o in conformity.outcomes if o.status == "fail"]


def completeness(record: EvidenceRecord, *, result: Any = None,
                 project_path: str | os.PathLike[str] | None = None,
                 day: dt.date | None = None,
                 profile: SpecificationProfile | None = None,
                 bundled: Mapping[str, SpecificationProfile] | None = None,
                 conformity: Conformity | None = None,
                 digest: Digest | None = None) -> list[Gap]:
    """Everything that stands between the project and a submittable pack (module docstring).

    Parameters
    ----------
    record
        The project's evidence record.
    result
        The LCA result of the design the pack is for (``greendesign.lca.engine.Result``), or
        None when there is none yet.
    project_path
        The ``.gdproj`` file, where the attachments folder is; None for a project not saved.
    day
        The day certificates and documents must be valid on (default: today).
    profile
        The specification profile; default: the one the record chose.
    bundled
        The bundled profiles (default: :func:`~greendesign.evidence.specification.load_specifications`).
    conformity
        The design's conformity table, to list failing indicators too.
    digest
        How attachments are hashed (see :func:`~greendesign.evidence.attachments.check_attachments`).

    Returns
    -------
    list of Gap
        Blocking items first, each group in the order of the rules.
    """
    day = day or dt.date.today()
    gaps = _applicant(record)
    if profile is None:
        profile = resolve_specification(record, bundled)
    if profile is None:
        message = (_("The specification profile {id} does not exist.").format(
            id=record.specification) if record.specification else
            _("No specification profile is chosen."))
        gaps.append(Gap("blocking", "profile_missing", message, "specification"))
    else:
        if profile.illustrative:
            gaps.append(Gap("warning", "profile_illustrative",
                            _("The profile {name} has illustrative benchmarks, not the values "
                              "of a published specification.").format(
                                name=pick(profile.name, profile.name_zh)), "specification"))
        gaps += _certificates(record, profile, day)
        gaps += _evidence(record, profile, day)
    gaps += _register(record, profile, day)
    gaps += _attachments(record, project_path, digest)
    gaps += _lca(result)
    if conformity is not None:
        gaps += _conformity(conformity)
    order = {"blocking": 0, "warning": 1}
    return sorted(gaps, key=lambda g: order[g.severity])  # stable: rule order kept


def blocking(gaps: list[Gap]) -> list[Gap]:
    """The blocking items of a completeness list."""
    return [g for g in gaps if g.severity == "blocking"]
