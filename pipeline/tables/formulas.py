"""Formulas a table writes for itself, parsed and evaluated.

Government tables often say how a column or a row is computed:

- a numbering row under the header gives each column a key and some a formula: ``(1) | (2) | (3)=(2)/(1)``,
  ``(4)=(3)x500.000``, ``(7)=(4)+(6)``, ``(6)=(3)/[(3)+(4)]``, ``(A) | (B) | (1) | 4=2+3``;
- a row's label names the rows it adds: ``Tổng cộng (I + II)``, ``TỔNG THU (A = I + II)``, ``Cộng (1+2+3)``.

An expression is a tree of tuples: ``("ref", key)``, ``("num", value)`` or ``(op, left, right)`` with ``op`` one
of ``+ - * /``. Values are intervals ``(lo, hi)`` so that figures rounded to the decimals written keep their
rounding through the computation.
"""

from __future__ import annotations

import re
from typing import Callable

Expr = tuple
Interval = tuple[float, float]

_TOKEN = re.compile(r"\s*(?:(?P<ref>\((?:\d{1,2}|[IVX]{1,4}|[A-Z])\))|(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
                    r"|(?P<op>[-+xX×*/:÷–])|(?P<open>[(\[{])|(?P<close>[)\]}]))")
_OPS = {"+": "+", "-": "-", "–": "-", "x": "*", "X": "*", "×": "*", "*": "*", "/": "/", ":": "/", "÷": "/"}


def _tokens(text: str) -> list[tuple[str, str]] | None:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            return None
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def parse(text: str, bare_refs: bool | set[str] = False) -> Expr | None:
    """The expression ``text`` writes, or None. Column keys are bracketed (``(3)/(1)``); with ``bare_refs`` a
    plain whole number is a key too (``4=2+3``), else it is a constant (``x500.000``, ``x100``); given as the set of
    the row's keys, a plain number is a key when it is one of them (``3 = 1 x 2 : 10``: 10 is a constant)."""
    toks = _tokens(text)
    if not toks:
        return None
    pos = 0

    def peek() -> tuple[str, str] | None:
        return toks[pos] if pos < len(toks) else None

    def factor() -> Expr | None:
        nonlocal pos
        t = peek()
        if t is None:
            return None
        kind, s = t
        pos += 1
        if kind == "ref":
            return ("ref", s.strip("()"))
        if kind == "num":
            if bare_refs and s.isdigit() and len(s) <= 2 and (bare_refs is True or s in bare_refs):
                return ("ref", s)
            return ("num", float(s.replace(".", "").replace(",", ".")))
        if kind == "open":
            inner = expr()
            if inner is None or peek() is None or peek()[0] != "close":
                return None
            pos += 1
            return inner
        return None

    def chain(sub: Callable[[], Expr | None], ops: str) -> Expr | None:
        nonlocal pos
        left = sub()
        while left is not None and (t := peek()) is not None and t[0] == "op" and _OPS[t[1]] in ops:
            pos += 1
            right = sub()
            if right is None:
                return None
            left = (_OPS[t[1]], left, right)
        return left

    def term() -> Expr | None:
        return chain(factor, "*/")

    def expr() -> Expr | None:
        return chain(term, "+-")

    tree = expr()
    return tree if tree is not None and pos == len(toks) else None


def refs(tree: Expr) -> list[str]:
    """The keys an expression reads, in order."""
    if tree[0] == "ref":
        return [tree[1]]
    if tree[0] == "num":
        return []
    return refs(tree[1]) + refs(tree[2])


def evaluate(tree: Expr, values: dict[str, Interval]) -> Interval | None:
    """The interval an expression gives over the intervals of its keys; None when a key has no value or a
    divisor may be zero."""
    if tree[0] == "ref":
        return values.get(tree[1])
    if tree[0] == "num":
        return (tree[1], tree[1])
    a, b = evaluate(tree[1], values), evaluate(tree[2], values)
    if a is None or b is None:
        return None
    op = tree[0]
    if op == "+":
        return (a[0] + b[0], a[1] + b[1])
    if op == "-":
        return (a[0] - b[1], a[1] - b[0])
    ends = [x * y for x in a for y in b] if op == "*" else \
        [x / y for x in a for y in b] if b[0] > 0 or b[1] < 0 else None
    return (min(ends), max(ends)) if ends else None


def written(tree: Expr) -> str:
    """The expression written back (``(2)/(1)``), for a finding's subject."""
    if tree[0] == "ref":
        return f"({tree[1]})"
    if tree[0] == "num":
        return f"{tree[1]:,.0f}".replace(",", ".") if float(tree[1]).is_integer() else str(tree[1]).replace(".", ",")
    left, right = written(tree[1]), written(tree[2])
    if tree[0] in "*/" and tree[2][0] not in ("ref", "num"):
        right = f"[{right}]"
    if tree[0] in "*/" and tree[1][0] not in ("ref", "num") and tree[1][0] in "+-":
        left = f"[{left}]"
    return f"{left}{'x' if tree[0] == '*' else tree[0]}{right}"


# -- a numbering row: (1) | (2) | (3)=(2)/(1) ---------------------------------------------------------------------
_KEY_CELL = re.compile(r"^\s*(?:\((?P<b>\d{1,2}|[A-Za-z])\)|(?P<n>\d{1,2})|(?P<l>[A-Ea-e]))\s*(?:=\s*(?P<f>.+?))?\s*$")


def column_keys(texts: list[str]) -> list[tuple[str, Expr | None]] | None:
    """The key and formula of each cell of a row that numbers the columns under a header (its cells' texts, left
    to right, empty ones left out), or None when the row is no such row: three cells or more, every one a key
    (``(1)``, ``2``, ``(A)``, ``A``), two numbers or more and consecutive. A formula over keys of the row is kept; one
    naming something else (``5=4/KH năm``) leaves its column unchecked."""
    found = []
    for text in texts:
        m = _KEY_CELL.match(text)
        if m is None:
            return None
        found.append((m.group("b") or m.group("n") or m.group("l"), m.group("f")))
    numbers = [int(k) for k, _ in found if k.isdigit()]
    if len(found) < 3 or len(numbers) < 2 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None
    keys = {k for k, _ in found}
    out: list[tuple[str, Expr | None]] = []
    for key, formula in found:
        tree = None
        if formula:
            bracketed = bool(re.search(r"\(\d{1,2}\)", formula))
            tree = parse(formula, bare_refs=False if bracketed else keys)
            if tree is not None and not set(refs(tree)) <= keys:
                tree = None
        out.append((key, tree))
    return out


# -- a row's label: Tổng cộng (I + II) -------------------------------------------------------------------------------
_ROW_REF = r"(?:[IVX]{1,4}|\d{1,2}|[A-Z])"
_ROW_FORMULA = re.compile(rf"\(\s*(?:{_ROW_REF}\s*=\s*)?({_ROW_REF}(?:\s*[-+]\s*{_ROW_REF})+)\s*\)"
                          rf"|=\s*({_ROW_REF}(?:\s*[-+]\s*{_ROW_REF})+)\s*$")


def row_formula(label: str) -> Expr | None:
    """The rows a row's label says it adds (``Tổng cộng (I + II)`` -> I + II), or None. A difference alone
    (``(18 - 25)``, an age range) is no formula unless its keys are Roman numerals."""
    m = _ROW_FORMULA.search(label or "")
    if m is None:
        return None
    body = m.group(1) or m.group(2)
    keys = re.findall(_ROW_REF, body)
    if "+" not in body and not all(re.fullmatch(r"[IVX]{1,4}", k) for k in keys):
        return None
    return parse(" ".join(k if k.isdigit() or k in "+-" else f"({k})" for k in re.split(r"\s*([-+])\s*", body) if k),
                 bare_refs=True)


def row_key(stt: str) -> str | None:
    """The key a row's number cell gives it (``II``, ``2``, ``A``), or None."""
    s = stt.strip().rstrip(".)").strip()
    return s if re.fullmatch(_ROW_REF, s) else None


_LABEL_KEY = re.compile(rf"^\s*({_ROW_REF})[.)]\s+\S")


def label_key(label: str) -> str | None:
    """The key a row's label opens with (``II. Nhóm nghề phi nông nghiệp``), or None."""
    m = _LABEL_KEY.match(label or "")
    return m.group(1) if m else None
