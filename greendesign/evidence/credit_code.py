"""The unified social credit code (统一社会信用代码) of a legal person or organisation.

GB 32100-2015 (法人和其他组织统一社会信用代码编码规则) gives every organisation in
China an 18-character code::

    position  1      registration authority (登记管理部门代码), e.g. 9 market regulation
    position  2      kind of organisation (机构类别代码), e.g. 1 enterprise
    positions 3-8    administrative division of the registering authority (GB/T 2260), digits
    positions 9-17   the organisation's identifier (主体标识码, GB 11714 organisation code)
    position  18     check character

over the 31 characters ``0-9 A-H J-N P-R T U W-Y`` (no I, O, S, V, Z), valued 0 to 30 in
that order. With ``C_i`` the value of the character at position ``i`` and the weights
``W_i = 3^(i-1) mod 31``::

    W = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
    C_18 = (31 - sum_{i=1..17} C_i W_i mod 31) mod 31

The check character is the character whose value is ``C_18``.
"""

from __future__ import annotations

from greendesign.i18n import _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of the code, in the order of their values 0-30 (GB 32100-2015, 4.1)."""
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
"""Weights of positions 1-17: ``3^(i-1) mod 31``."""
LENGTH = 18


def normalise_credit_code(text: str) -> str:
    """The code as it is written: spaces and hyphens dropped, upper case."""
    return "".join(ch for ch in text.strip().upper() if ch not in " -\u3000")


def check_character(first17: str) -> str:
    """The check character of the first 17 characters of a code.

    Raises ``ValueError`` when ``first17`` is not 17 characters of the code's alphabet.
    """
    if len(first17) != LENGTH - 1 or any(ch not in ALPHABET for ch in first17):
        raise ValueError("the check character is computed from 17 characters of "
                         f"{ALPHABET}")
    total = sum(ALPHABET.index(ch) * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid unified social credit code, or None when it is.

    Checks the length, the alphabet, the six digits of the division code and the check
    character (module docstring). An empty code is reported as missing.
    """
    code = normalise_credit_code(code)
    if not code:
        return _("The unified social credit code is missing.")
    if len(code) != LENGTH:
        return _("A unified social credit code has 18 characters; this one has "
                 "{count}.").format(count=len(code))
    wrong = sorted({ch for ch in code if ch not in ALPHABET})
    if wrong:
        return _("The characters {characters} do not occur in a unified social credit code "
                 "(it uses 0-9 and the capital letters except I, O, S, V and Z)."
                 ).format(characters=" ".join(wrong))
    if not code[2:8].isdigit():
        return _("Characters 3 to 8 of a unified social credit code are the digits of the "
                 "administrative division; here they are {text}.").format(text=code[2:8])
    expected = check_character(code[:17])
    if code[17] != expected:
        return _("The check character is {found}, but the first 17 characters give "
                 "{expected} (GB 32100-2015): a character is mistyped.").format(
            found=code[17], expected=expected)
    return None


def is_valid_credit_code(code: str) -> bool:
    """Whether ``code`` passes every check of :func:`credit_code_problem`."""
    return credit_code_problem(code) is None
