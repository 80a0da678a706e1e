"""The evidence record: credit code check characters, attachment names and copies, hashes,
the project file migration 2 -> 3 and the round trip."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil

import pytest

from greendesign.bundled import demo_products
from greendesign.errors import ModelValidationError, SaveError, SchemaVersionError
from greendesign.evidence import attachments as attach
from greendesign.evidence.attachments import (
    AttachmentError,
    add_attachment,
    attachments_dir,
    check_attachments,
)
from greendesign.evidence.credit_code import (
    ALPHABET,
    check_character,
    credit_code_problem,
    is_valid_credit_code,
)
from greendesign.evidence.record import (
    Applicant,
    EvidenceItem,
    EvidenceRecord,
    ManagementCertificate,
    attachment_name_problem,
)
from greendesign.io.project_file import SCHEMA_VERSION, load_project, save_project

# GB 32100-2015, 4.5: the weights of positions 1-17 as the standard tabulates them
STANDARD_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
# the character values of the standard's table (0-9, then A=10 ... Y=30 without I O S V Z)
VALUES = {ch: i for i, ch in enumerate("0123456789ABCDEFGHJKLMNPQRTUWXY")}

# Codes of real organisations listed in a public validation script
# (github.com/02020/vite, learn/utils/validateSocialCreditCode.js); the script itself
# special-cases the first one, whose check character does not follow from its first 17.
PUBLISHED = ["91350200776049653A", "91350500798359476R", "91350503MA31DKY80A",
             "91350200MA31E12PXF", "91440101MA5CJQ4N59", "913502000728319549",
             "123502001549897397", "91350503MA31DNG762", "913502115628130384",
             "9135021359498494XQ", "91350203MA31NDF85F", "91350203MA32AXT97E",
             "91350203MA31XXW31H", "91350206MA31LUJ437", "91350213678251743X",
             "91350200MA2YJ1XR9G"]
PUBLISHED_EXCEPTION = "91350203M0001QAY9B"


def by_hand(first17: str) -> str:
    """The check character computed from the standard's tables, step by step."""
    total = 0
    for position, ch in enumerate(first17):
        total += VALUES[ch] * STANDARD_WEIGHTS[position]
    value = 31 - total % 31
    if value == 31:
        value = 0
    return next(ch for ch, v in VALUES.items() if v == value)


def random_first17(rng: random.Random) -> str:
    return (rng.choice("159Y") + rng.choice("123") + "".join(rng.choice("0123456789")
                                                              for _ in range(6))
            + "".join(rng.choice(ALPHABET) for _ in range(9)))


def test_weights_are_the_standards_table():
    from greendesign.evidence.credit_code import WEIGHTS

    assert list(WEIGHTS) == STANDARD_WEIGHTS


def test_constructed_codes_pass_and_every_single_error_is_caught():
    rng = random.Random(32100)
    for _ in range(300):
        first = random_first17(rng)
        code = first + by_hand(first)
        assert check_character(first) == by_hand(first)
        assert is_valid_credit_code(code), code
        # one mistyped character anywhere changes the check (31 is prime)
        position = rng.randrange(17)
        wrong = rng.choice([c for c in ALPHABET if c != code[position]])
        typo = code[:position] + wrong + code[position + 1:]
        if typo[2:8].isdigit():
            assert "check character" in credit_code_problem(typo)
        # two neighbouring characters swapped (weights of neighbours differ)
        i = rng.randrange(16)
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
            assert not is_valid_credit_code(swapped)


def test_published_codes():
    for code in PUBLISHED:
        assert is_valid_credit_code(code), code
        assert by_hand(code[:17]) == code[17]
    problem = credit_code_problem(PUBLISHED_EXCEPTION)
    assert "B" in problem and "9" in problem  # found B, expected 9


def test_credit_code_messages():
    assert "missing" in credit_code_problem("")
    assert "18 characters" in credit_code_problem("91350200776049653")
    assert "I" in credit_code_problem("9135020077604965IA")
    assert "administrative division" in credit_code_problem("91AB0200776049653A")
    # spaces, hyphens and lower case are the same code
    assert is_valid_credit_code(" 9135-0200-7760-4965-3a ")
    assert Applicant(credit_code="9135 0200 7760 4965 3a").credit_code == "91350200776049653A"


@pytest.mark.parametrize("name", ["../x.pdf", "/tmp/x.pdf", "a/b.pdf", "a\\b.pdf", "C:x.pdf",
                                  "x\x00.pdf", "bad|name.pdf", "what?.pdf", "..", ".",
                                  "NUL.pdf", "con", "trailing.", " lead.pdf", "tab\t.pdf",
                                  "x" * 252 + ".pdf", "报" * 85 + ".pdf"])
def test_unsafe_names_are_refused_naming_the_file(tmp_path, name):
    assert attachment_name_problem(name)
    source = tmp_path / "source.pdf"
    source.write_bytes(b"%PDF-1.4 test")
    project = tmp_path / "kettle.gdproj"
    project.write_text("{}")
    with pytest.raises(AttachmentError) as excinfo:
        add_attachment(project, source, name=name)
    assert repr(name) in str(excinfo.value)
    if attachment_name_problem(name.strip()):  # the model strips surrounding spaces first
        with pytest.raises(ModelValidationError) as model_error:
            EvidenceItem(id="EV-1", kind="test_report", title="t", file=name,
                         sha256="0" * 64, size=1)
        assert "file" in str(model_error.value)
    assert not any(p.name != "source.pdf" and p.name != "kettle.gdproj"
                   for p in tmp_path.iterdir() if p.is_file())


def test_add_attachment_copies_hashes_and_renames_other_content(tmp_path):
    project = tmp_path / "kettle.gdproj"
    project.write_text("{}")
    first = tmp_path / "in" / "报告.pdf"
    first.parent.mkdir()
    content = os.urandom(3 * attach.CHUNK + 17)  # more than one chunk
    first.write_bytes(content)
    added = add_attachment(project, first)
    folder = tmp_path / "kettle.evidence"
    assert attachments_dir(project) == folder
    assert added.name == "报告.pdf" and added.copied
    assert added.sha256 == hashlib.sha256(content).hexdigest()
    assert added.size == len(content)
    assert (folder / "报告.pdf").read_bytes() == content
    # the same content again: recognised, not copied
    again = add_attachment(project, first)
    assert again == attach.Attachment("报告.pdf", added.sha256, added.size, copied=False)
    # other content under the same name: kept under a new name, the old file untouched
    other = tmp_path / "报告.pdf"
    other.write_bytes(b"another report")
    renamed = add_attachment(project, other)
    assert renamed.name == "报告 (2).pdf"
    assert (folder / "报告.pdf").read_bytes() == content
    assert (folder / "报告 (2).pdf").read_bytes() == b"another report"
    assert sorted(p.name for p in folder.iterdir()) == ["报告 (2).pdf", "报告.pdf"]


def test_a_failed_copy_leaves_nothing_under_the_final_name(tmp_path, monkeypatch):
    project = tmp_path / "p.gdproj"
    source = tmp_path / "r.pdf"
    source.write_bytes(b"x" * 1000)

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(attach.os, "replace", broken)
    with pytest.raises(SaveError) as excinfo:
        add_attachment(project, source)
    assert "No space left on device" in str(excinfo.value)
    assert list((tmp_path / "p.evidence").iterdir()) == []


def test_attachments_need_a_saved_project_and_a_file(tmp_path):
    source = tmp_path / "r.pdf"
    source.write_bytes(b"x")
    with pytest.raises(AttachmentError, match="Save the project first"):
        add_attachment(None, source)
    with pytest.raises(AttachmentError, match="not a file"):
        add_attachment(tmp_path / "p.gdproj", tmp_path / "missing.pdf")


def test_check_lists_missing_and_changed_by_name(tmp_path):
    project = tmp_path / "p.gdproj"
    items = []
    for i, text in enumerate((b"one", b"two", b"three"), start=1):
        source = tmp_path / f"doc{i}.pdf"
        source.write_bytes(text)
        added = add_attachment(project, source)
        items.append(EvidenceItem(id=f"EV-{i}", kind="test_report", title=f"doc {i}",
                                  file=added.name, sha256=added.sha256, size=added.size))
    assert check_attachments(project, items).ok
    folder = attachments_dir(project)
    (folder / "doc2.pdf").unlink()
    (folder / "doc3.pdf").write_bytes(b"thre3")  # same size, other content
    check = check_attachments(project, items)
    assert check.missing == ["doc2.pdf"] and check.changed == ["doc3.pdf"]
    assert check_attachments(None, items).missing == ["doc1.pdf", "doc2.pdf", "doc3.pdf"]


def filled_record() -> EvidenceRecord:
    return EvidenceRecord(
        applicant=Applicant(
            company_name_zh="福州绿设电器有限公司", company_name_en="Fuzhou Lüshe Appliances Co., Ltd.",
            credit_code="91350200776049653A", address="福建省福州市鼓楼区示例路 1 号",
            contact_person="王工", phone="+86 591 8765 4321", email="wang@example.com",
            legal_representative="李明",
            certificates=[ManagementCertificate(standard="iso14001", number="CN-EMS-1",
                                                issuer="CQC", valid_until=dt.date(2027, 5, 1)),
                          ManagementCertificate(standard="other", standard_name="ISO 14064",
                                                number="GHG-7")]),
        specification="household_appliance_kettle",
        register=[EvidenceItem(id="EV-1", kind="test_report", title="RoHS 检测报告",
                               issuer="SGS", date=dt.date(2026, 3, 1),
                               valid_until=dt.date(2027, 3, 1),
                               indicators=["restricted_substances"], file="rohs.pdf",
                               sha256="ab" * 32, size=1234),
                  EvidenceItem(id="EV-2", kind="declaration", title="无重大事故声明",
                               indicators=["no_serious_accident"], verdict="pass")])


def demo_file(name: str):
    return next(p for p in demo_products() if p.stem == name)


def test_migration_from_a_real_schema_2_file(tmp_path):
    # the kettle demo as schema 2 wrote it: no evidence record
    written = json.loads(demo_file("electric_kettle").read_text("utf-8"))
    written["schema_version"] = 2
    written.pop("evidence", None)
    source = tmp_path / "kettle-schema-2.gdproj"
    source.write_text(json.dumps(written, ensure_ascii=False, indent=1), encoding="utf-8")
    project = load_project(source)
    assert project.evidence == EvidenceRecord()
    copy = tmp_path / "kettle.gdproj"
    save_project(project, copy)
    data = json.loads(copy.read_text("utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION == 3
    assert data["evidence"] == {"applicant": {
        "company_name_zh": "", "company_name_en": "", "credit_code": "", "address": "",
        "contact_person": "", "phone": "", "email": "", "legal_representative": "",
        "certificates": []}, "specification": "", "imported_specification": None,
        "register": []}
    # nothing but the evidence, the header and the newer fields at their defaults changed
    old = json.loads(source.read_text("utf-8"))
    for key in ("product", "variants", "settings"):
        assert _without_new_defaults(data[key]) == _without_new_defaults(old[key])


def test_round_trip_keeps_the_evidence(tmp_path):
    from greendesign.evidence.specification import load_specifications

    project = load_project(demo_file("electric_kettle"))
    project.evidence = filled_record()
    path = tmp_path / "k.gdproj"
    save_project(project, path)
    assert load_project(path) == project
    # an imported profile travels inside the file
    imported = load_specifications()["gbt32161_generic"].model_copy(update={"id": "mine"})
    project.evidence = project.evidence.model_copy(
        update={"specification": "mine", "imported_specification": imported})
    save_project(project, path)
    again = load_project(path)
    assert again.evidence.imported_specification == imported


def test_errors_name_the_json_path(tmp_path):
    project = load_project(demo_file("office_chair"))
    data = json.loads(json.dumps(project.model_dump(mode="json")))
    data["evidence"] = filled_record().model_dump(mode="json")
    data["evidence"]["register"].append({"id": "EV-3", "kind": "certificate", "title": "x",
                                         "date": "2026-05-01", "valid_until": "2025-01-01"})
    data["evidence"]["register"][1]["sha256"] = "not-a-hash"
    text = json.dumps({"format": "greendesign-project", "schema_version": 3, **data})
    path = tmp_path / "bad.gdproj"
    path.write_text(text, "utf-8")
    with pytest.raises(ModelValidationError) as excinfo:
        load_project(path)
    where = {p.location for p in excinfo.value.problems}
    assert "$.evidence.register[1].sha256" in where
    assert "$.evidence.register[2]" in where  # the dates of item 2 disagree
    assert any("2025-01-01" in p.message for p in excinfo.value.problems)


def test_valid_until_before_date_names_the_field_path(tmp_path):
    data = json.loads(demo_file("office_chair").read_text("utf-8"))
    data["schema_version"] = 3
    data["evidence"] = {"register": [
        {"id": "A", "kind": "other", "title": "a"}, {"id": "B", "kind": "other", "title": "b"},
        {"id": "C", "kind": "drawing", "title": "c", "valid_until": "not a date"}]}
    path = tmp_path / "bad.gdproj"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelValidationError) as excinfo:
        load_project(path)
    assert [p.location for p in excinfo.value.problems] == ["$.evidence.register[2].valid_until"]


def test_newer_files_are_still_refused(tmp_path):
    data = json.loads(demo_file("office_chair").read_text("utf-8"))
    data["schema_version"] = SCHEMA_VERSION + 1
    path = tmp_path / "new.gdproj"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(SchemaVersionError):
        load_project(path)


def test_register_rules():
    with pytest.raises(ModelValidationError, match="used twice"):
        EvidenceRecord(register=[EvidenceItem(id="A", kind="other", title="a"),
                                 EvidenceItem(id="A", kind="other", title="b")])
    with pytest.raises(ModelValidationError, match="sha256"):
        EvidenceItem(id="A", kind="other", title="a", file="a.pdf")
    with pytest.raises(ModelValidationError, match="imported profile"):
        from greendesign.evidence.specification import load_specifications
        EvidenceRecord(specification="x",
                       imported_specification=load_specifications()["gbt32161_generic"])
    item = EvidenceItem(id="A", kind="other", title="a", date=dt.date(2026, 1, 10),
                        valid_until=dt.date(2026, 6, 30))
    assert item.status_on(dt.date(2026, 1, 9)) == "not_yet_valid"
    assert item.status_on(dt.date(2026, 6, 30)) == "valid"
    assert item.status_on(dt.date(2026, 7, 1)) == "expired"
    assert EvidenceRecord(register=[item]).next_item_id() == "EV-2"


def test_demo_attachments_folder_is_beside_the_project(tmp_path):
    copy = tmp_path / "speaker.gdproj"
    shutil.copy(demo_file("bluetooth_speaker"), copy)
    assert attachments_dir(copy) == tmp_path / "speaker.evidence"


#: fields added after schema 2 without a migration, at the value an old file means
NEW_DEFAULTS = {"declared": None, "supplier_data": {}, "electricity_accounting": "life_cycle"}


def _without_new_defaults(value):
    if isinstance(value, dict):
        return {k: _without_new_defaults(v) for k, v in value.items()
                if not (k in NEW_DEFAULTS and v == NEW_DEFAULTS[k])}
    if isinstance(value, list):
        return [_without_new_defaults(v) for v in value]
    return value
