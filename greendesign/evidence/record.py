"""The evidence record a project keeps for its green design evidence pack.

:class:`EvidenceRecord` is the ``evidence`` field of the project (project file schema 3):

* the applicant (:class:`Applicant`): company names in Chinese and English, the unified
  social credit code, address, contact, legal representative, and the management system
  certificates (:class:`ManagementCertificate`);
* the chosen specification profile, by id (a bundled profile), or an imported profile
  embedded whole so that the pack can be reproduced without its source file;
* the evidence register (:class:`EvidenceItem`): test reports, certificates, declarations,
  drawings, with their dates, the indicator ids they support, and the attached file (a
  name inside the attachments folder ``<project stem>.evidence/``) with its SHA-256 and size.

The applicant's details are kept as typed (a half-filled form can be saved); what is missing
or invalid (a wrong check character of the credit code, an e-mail without ``@``) is reported
by :func:`greendesign.evidence.completeness.completeness`. Everything else is validated
strictly: dates in order, file names that stay inside the attachments folder, hashes of 64
hex digits; an error names its JSON path (``$.evidence.register[2].valid_until``).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from greendesign.evidence.credit_code import normalise_credit_code
from greendesign.evidence.spec_model import (
    EvidenceKind,
    SpecificationProfile,
    SystemStandard,
)
from greendesign.i18n import _
from greendesign.model.base import GDModel

_ITEM_ID = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$"
_REF_ID = r"^[a-z][a-z0-9_]*$"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
RESERVED_CHARACTERS = '<>:"/\\|?*'
"""Characters no attachment name may hold (reserved on Windows, or path separators)."""
RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                            *(f"LPT{i}" for i in range(1, 10))})
"""Device names Windows reserves (with any extension)."""
MAX_NAME_BYTES = 255

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-\u2013/]+(?:(?:ext\.?|x|转)\s*[0-9]+)?$")


def attachment_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be the name of an attachment, or None when it can.

    An attachment name is one plain file name inside the attachments folder: no folder parts
    (``a/b.pdf``, ``../x.pdf``, ``C:\\x.pdf``, ``/tmp/x.pdf``), no NUL or control characters,
    none of ``<>:"/\\|?*``, not ``.`` or ``..``, no trailing dot or space, not a device name
    Windows reserves (``CON``, ``NUL.pdf`` ...), at most 255 bytes in UTF-8.
    """
    if not name:
        return _("The attachment has no file name.")
    if "\x00" in name or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return _("The file name {name!r} holds a NUL or control character.").format(name=name)
    if "/" in name or "\\" in name or (len(name) >= 2 and name[1] == ":"):
        return _("The file name {name!r} has folder parts; an attachment is a plain file name "
                 "inside the attachments folder.").format(name=name)
    if name in (".", ".."):
        return _("{name!r} is not a file name.").format(name=name)
    bad = sorted({ch for ch in name if ch in RESERVED_CHARACTERS})
    if bad:
        return _("The file name {name!r} holds the reserved characters {characters}."
                 ).format(name=name, characters=" ".join(bad))
    if name != name.strip() or name.endswith("."):
        return _("The file name {name!r} begins or ends with a space, or ends with a dot."
                 ).format(name=name)
    if name.split(".")[0].upper() in RESERVED_NAMES:
        return _("The file name {name!r} is a device name Windows reserves.").format(name=name)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return _("The file name {name!r} is longer than 255 bytes.").format(name=name)
    return None


def email_problem(text: str) -> str | None:
    """Why ``text`` is not an e-mail address, or None (an empty text is fine here)."""
    if text and not _EMAIL.match(text):
        return _("{text!r} is not an e-mail address (name@example.com).").format(text=text)
    return None


def phone_problem(text: str) -> str | None:
    """Why ``text`` is not a telephone number, or None (an empty text is fine here)."""
    if not text:
        return None
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE_CHARS.match(text) or not 5 <= digits <= 20:
        return _("{text!r} is not a telephone number (digits, spaces, + - and "
                 "parentheses, e.g. +86 591 8765 4321).").format(text=text)
    return None


class ManagementCertificate(GDModel):
    """A management system certificate of the applicant (ISO 14001, ISO 9001 ...)."""

    standard: SystemStandard
    standard_name: str = ""
    """The name of the standard when ``standard`` is ``other``."""
    number: str = ""
    issuer: str = ""
    valid_until: dt.date | None = None

    @model_validator(mode="after")
    def _named(self) -> ManagementCertificate:
        if self.standard is SystemStandard.OTHER and not self.standard_name:
            raise ValueError(_("a certificate of another standard needs 'standard_name'"))
        return self

    def valid_on(self, day: dt.date) -> bool:
        """Whether the certificate is valid on ``day`` (no end date: valid)."""
        return self.valid_until is None or self.valid_until >= day


class Applicant(GDModel):
    """The company that applies (or supplies the footprint), kept as typed."""

    company_name_zh: str = ""
    company_name_en: str = ""
    credit_code: str = ""
    """统一社会信用代码, 18 characters (GB 32100-2015), stored normalised (upper case)."""
    address: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    legal_representative: str = ""
    certificates: list[ManagementCertificate] = Field(default_factory=list)

    @field_validator("credit_code")
    @classmethod
    def _normalised(cls, value: str) -> str:
        return normalise_credit_code(value)

    def certificate(self, standard: SystemStandard) -> list[ManagementCertificate]:
        """The certificates of ``standard``."""
        return [c for c in self.certificates if c.standard is standard]


class EvidenceItem(GDModel):
    """One document of the evidence register and its attached file."""

    id: Annotated[str, Field(pattern=_ITEM_ID)]
    kind: EvidenceKind
    title: Annotated[str, Field(min_length=1, max_length=300)]
    issuer: str = ""
    date: dt.date | None = None
    """The date of issue."""
    valid_until: dt.date | None = None
    indicators: list[Annotated[str, Field(pattern=_REF_ID, max_length=64)]] = Field(
        default_factory=list)
    """Ids of the indicators and basic requirements of the profile it supports."""
    stated_value: str = ""
    """The value the document states (``52 dB(A)``, ``1级``), for indicators it shows."""
    verdict: Literal["", "pass", "fail"] = ""
    """What the document concludes about the indicators it shows (empty: not stated)."""
    file: str = ""
    """The attached file: a plain name inside the attachments folder; empty when none."""
    sha256: str = ""
    size: Annotated[int, Field(ge=0)] | None = None
    note: str = ""

    @field_validator("file")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if value:
            problem = attachment_name_problem(value)
            if problem:
                raise ValueError(problem)
        return value

    @field_validator("sha256")
    @classmethod
    def _hex_digest(cls, value: str) -> str:
        value = value.lower()
        if value and not _SHA256.match(value):
            raise ValueError(_("a SHA-256 is 64 hexadecimal digits"))
        return value

    @model_validator(mode="after")
    def _consistent(self) -> EvidenceItem:
        if self.date is not None and self.valid_until is not None \
                and self.valid_until < self.date:
            raise ValueError(_("'valid_until' ({until}) is before the date of issue ({date})"
                               ).format(until=self.valid_until.isoformat(),
                                        date=self.date.isoformat()))
        if self.file and (not self.sha256 or self.size is None):
            raise ValueError(_("an attached file needs its 'sha256' and 'size'; add the file "
                               "again from the Evidence pack page"))
        twice = sorted({i for i in self.indicators if self.indicators.count(i) > 1})
        if twice:
            raise ValueError(_("indicators listed twice: {ids}").format(ids=", ".join(twice)))
        return self

    def status_on(self, day: dt.date) -> Literal["valid", "expired", "not_yet_valid"]:
        """Whether the document is in force on ``day``."""
        if self.date is not None and self.date > day:
            return "not_yet_valid"
        if self.valid_until is not None and self.valid_until < day:
            return "expired"
        return "valid"


# The JSON key is "register"; the name shadows ``ABCMeta.register`` on the class only (pydantic
# warns), never on a record, whose ``register`` is the list.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message='Field name "register"', category=UserWarning)

    class EvidenceRecord(GDModel):
        """What the project holds for the evidence pack (the project's ``evidence`` field)."""

        applicant: Applicant = Field(default_factory=Applicant)
        specification: str = ""
        """Id of the chosen specification profile (bundled, or the imported one); empty: none."""
        imported_specification: SpecificationProfile | None = None
        """An imported profile, embedded whole; when set, ``specification`` is its id."""
        register: list[EvidenceItem] = Field(default_factory=list)

        @model_validator(mode="after")
        def _consistent(self) -> EvidenceRecord:
            problems = []
            ids = [item.id for item in self.register]
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                problems.append(_("evidence ids used twice: {ids}").format(ids=", ".join(twice)))
            files = [item.file for item in self.register if item.file]
            shared = sorted({f for f in files if files.count(f) > 1})
            if shared:
                problems.append(_("attachments used by two evidence items: {names}").format(
                    names=", ".join(shared)))
            if self.imported_specification is not None and \
                    self.specification != self.imported_specification.id:
                problems.append(_("'specification' must be the id of the imported profile "
                                  "({id})").format(id=self.imported_specification.id))
            if problems:
                raise ValueError("; ".join(problems))
            return self

        def item(self, item_id: str) -> EvidenceItem:
            """The register item with this id; ``KeyError`` when there is none."""
            for item in self.register:
                if item.id == item_id:
                    return item
            raise KeyError(item_id)

        def next_item_id(self, prefix: str = "EV") -> str:
            """A free register id: ``EV-1``, ``EV-2`` ..."""
            taken = {item.id for item in self.register}
            number = len(self.register) + 1
            while f"{prefix}-{number}" in taken:
                number += 1
            return f"{prefix}-{number}"
