"""Completeness: what stands between a project and a submittable pack."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from greendesign.bundled import demo_products
from greendesign.evidence.attachments import add_attachment, attachments_dir
from greendesign.evidence.completeness import CUTOFF_LIMIT, blocking, completeness
from greendesign.evidence.conformity import design_scores, evaluate_conformity
from greendesign.evidence.record import (
    Applicant,
    EvidenceItem,
    EvidenceRecord,
    ManagementCertificate,
)
from greendesign.evidence.specification import load_specifications
from greendesign.io.project_file import load_project
from greendesign.lca.lifecycle import Gap as DataGap
from greendesign.lca.lifecycle import LifecycleModel

DAY = dt.date(2026, 6, 1)
PROFILE = "household_appliance_kettle"


def applicant(**changes) -> Applicant:
    values = dict(company_name_zh="福州绿设电器有限公司", company_name_en="Fuzhou Lvshe Appliances",
                  credit_code="91350200776049653A", address="福州市鼓楼区示例路 1 号",
                  contact_person="王工", phone="0591-87654321", email="wang@example.com",
                  legal_representative="李明",
                  certificates=[ManagementCertificate(standard="iso14001", number="E-1",
                                                      issuer="CQC",
                                                      valid_until=dt.date(2027, 1, 1)),
                                ManagementCertificate(standard="iso9001", number="Q-1",
                                                      issuer="CQC",
                                                      valid_until=dt.date(2027, 1, 1))])
    values.update(changes)
    return Applicant(**values)


def complete_record(project_path=None, tmp_path=None) -> EvidenceRecord:
    """Every requirement and document-shown indicator of the kettle profile has a file."""
    profile = load_specifications()[PROFILE]
    needs = [r.id for r in profile.basic_requirements if r.certificate is None]
    needs += [i.id for i in profile.indicators if not i.metric or i.evidence_required]
    register = []
    for number, ref in enumerate(needs, start=1):
        source = tmp_path / f"{ref}.pdf"
        source.write_bytes(f"document for {ref}".encode())
        added = add_attachment(project_path, source)
        register.append(EvidenceItem(id=f"EV-{number}", kind="test_report", title=ref,
                                     date=dt.date(2026, 1, 1), valid_until=dt.date(2027, 1, 1),
                                     indicators=[ref], file=added.name, sha256=added.sha256,
                                     size=added.size, verdict="pass"))
    return EvidenceRecord(applicant=applicant(), specification=PROFILE, register=register)


def codes(gaps):
    return [(g.severity, g.code, g.where) for g in gaps]


def fake_result(gaps, product_mass, ghg=()):
    model = LifecycleModel("kettle", "one kettle", 5.0, gaps=list(gaps),
                           product_mass_kg=product_mass)

    class Result:
        def __init__(self):
            self.model = model

        def ghg_only_notes(self):
            return pd.DataFrame(list(ghg), columns=["dataset", "ghg_only_sources",
                                                    "fully_ghg_only", "share_of_gwp100"])

    return Result()


def test_an_empty_record_lists_everything_blocking_first():
    gaps = completeness(EvidenceRecord(), day=DAY)
    severities = [g.severity for g in gaps]
    assert severities == sorted(severities, key=lambda s: s != "blocking")
    found = codes(gaps)
    for field in ("company_name_zh", "address", "contact_person", "phone", "email",
                  "legal_representative", "credit_code"):
        assert ("blocking", "applicant_missing", f"applicant.{field}") in found
    assert ("warning", "applicant_missing", "applicant.company_name_en") in found
    assert ("blocking", "profile_missing", "specification") in found
    assert ("warning", "lca_missing", "lca") in found


def test_a_complete_record_has_nothing_blocking(tmp_path):
    project = tmp_path / "kettle.gdproj"
    record = complete_record(project, tmp_path)
    gaps = completeness(record, result=fake_result([], 1.2), project_path=project, day=DAY)
    assert blocking(gaps) == []
    assert codes(gaps) == [("warning", "profile_illustrative", "specification")]


def test_invalid_applicant_details(tmp_path):
    record = EvidenceRecord(applicant=applicant(credit_code="91350200776049653B",
                                                email="wang.example.com", phone="call me"),
                            specification=PROFILE)
    found = {g.code: g for g in completeness(record, day=DAY)}
    assert found["credit_code_invalid"].severity == "blocking"
    assert "3" in found["credit_code_invalid"].message  # the expected check character A?
    assert found["email_invalid"].severity == "blocking"
    assert found["phone_invalid"].severity == "warning"


def test_certificates_missing_expired_and_expiring():
    certs = [ManagementCertificate(standard="iso14001", number="E", issuer="I",
                                   valid_until=dt.date(2026, 5, 31)),
             ManagementCertificate(standard="iso9001", number="Q", issuer="I",
                                   valid_until=dt.date(2026, 7, 1))]
    record = EvidenceRecord(applicant=applicant(certificates=certs), specification=PROFILE)
    found = {g.code: g for g in completeness(record, day=DAY)}
    assert found["certificate_expired"].severity == "blocking"
    assert "2026-05-31" in found["certificate_expired"].message
    assert found["certificate_expiring"].severity == "warning"
    assert "2026-07-01" in found["certificate_expiring"].message
    # on the day the first expires it is still valid
    later = {g.code for g in completeness(record, day=dt.date(2026, 5, 31))}
    assert "certificate_expired" not in later
    record = EvidenceRecord(applicant=applicant(certificates=[]), specification=PROFILE)
    missing = [g for g in completeness(record, day=DAY) if g.code == "certificate_missing"]
    assert len(missing) == 2 and all(g.where == "certificates" for g in missing)


def test_evidence_out_of_date_and_unknown_indicators(tmp_path):
    project = tmp_path / "kettle.gdproj"
    record = complete_record(project, tmp_path)
    register = list(record.register)
    noise = next(i for i in register if i.indicators == ["noise"])
    register[register.index(noise)] = noise.model_copy(
        update={"valid_until": dt.date(2026, 5, 1)})
    register.append(EvidenceItem(id="EV-99", kind="other", title="extra",
                                 date=dt.date(2026, 8, 1), indicators=["colour"]))
    record = record.model_copy(update={"register": register})
    found = codes(completeness(record, result=fake_result([], 1), project_path=project,
                               day=DAY))
    assert ("blocking", "item_expired", f"register:{noise.id}") in found
    assert ("blocking", "evidence_out_of_date", "indicator:noise") in found
    assert ("blocking", "item_not_yet_valid", "register:EV-99") in found
    assert ("warning", "item_unknown_indicator", "register:EV-99") in found
    assert ("warning", "item_without_file", "register:EV-99") in found


def test_attachments_missing_and_changed_by_name(tmp_path):
    project = tmp_path / "kettle.gdproj"
    record = complete_record(project, tmp_path)
    folder = attachments_dir(project)
    first, second = record.register[0], record.register[1]
    (folder / first.file).unlink()
    (folder / second.file).write_bytes(b"edited")
    gaps = completeness(record, result=fake_result([], 1), project_path=project, day=DAY)
    found = {(g.code, g.where): g for g in gaps}
    assert first.file in found[("attachment_missing", f"register:{first.id}")].message
    assert second.file in found[("attachment_changed", f"register:{second.id}")].message
    # a project not saved yet has none of its attachments
    unsaved = completeness(record, result=fake_result([], 1), project_path=None, day=DAY)
    assert sum(g.code == "attachment_missing" for g in unsaved) == len(record.register)


@pytest.mark.parametrize(("gap_kg", "severity"), [(0.03, "warning"), (0.08, "blocking")])
def test_data_gaps_and_the_cut_off(tmp_path, gap_kg, severity):
    mass = 1.0
    gaps = [DataGap("CORD", "Power cord", "material", "power_cable", gap_kg),
            DataGap("PCB", "Controller", "process", "smt_assembly", 0.0)]
    result = fake_result(gaps, mass, ghg=[("grid_cn", "MEE 2023", True, 0.4123)])
    assert result.model.excluded_mass_share == pytest.approx(gap_kg / mass)
    found = {g.code: g for g in completeness(EvidenceRecord(), result=result, day=DAY)}
    assert found["data_gap_material"].severity == severity
    assert found["data_gap_material"].where == "part:CORD"
    assert f"{gap_kg * 100:.1f} %" in found["data_gap_material"].message
    assert found["data_gap_process"].severity == "warning"
    assert ("cutoff_exceeded" in found) == (gap_kg / mass > CUTOFF_LIMIT)
    assert "41.2 %" in found["ghg_only"].message and "grid_cn" in found["ghg_only"].message


def test_failing_indicators_are_warnings():
    project = load_project(next(p for p in demo_products() if p.stem == "electric_kettle"))
    profile = load_specifications()[PROFILE]
    table = evaluate_conformity(profile, project.evidence, design_scores(project), day=DAY)
    gaps = completeness(project.evidence.model_copy(update={"specification": PROFILE}),
                        day=DAY, conformity=table)
    failing = [g for g in gaps if g.code == "indicator_fails"]
    assert {g.where for g in failing} == {f"indicator:{o.id}" for o in table.outcomes
                                          if o.status == "fail"}
    assert failing and all(g.severity == "warning" for g in failing)


def test_real_lca_result_gaps_and_ghg_only(inventory_home, monkeypatch):
    from greendesign.lca.background import load_background

    monkeypatch.setenv("GREENDESIGN_HOME", str(inventory_home))
    from greendesign.lca.engine import assess

    project = load_project(next(p for p in demo_products() if p.stem == "electric_kettle"))
    result = assess(project.product, background=load_background(), allow_gaps=True)
    gaps = completeness(project.evidence, result=result, day=DAY)
    notes = result.ghg_only_notes()
    assert len(notes) > 0  # the kettle's grid electricity is a CO2-only factor
    ghg = [g for g in gaps if g.code == "ghg_only"]
    assert len(ghg) == len(notes)
    assert {g.message.split()[1] for g in ghg} == set(notes["dataset"])
    material = [g for g in result.model.gaps if g.field == "material"]
    listed = [g for g in gaps if g.code == "data_gap_material"]
    assert [g.where for g in listed] == [f"part:{g.part_id}" for g in material]
    expected = "blocking" if result.model.excluded_mass_share > CUTOFF_LIMIT else "warning"
    assert all(g.severity == expected for g in listed)
