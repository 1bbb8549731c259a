"""Finding messages in English and Vietnamese, and number formatting for each language."""

from __future__ import annotations

import math

from pipeline.audit.quantities import Quantity

# How the computed value was obtained: (English, Vietnamese); {computed} and {terms} are filled in.
BASES: dict[str, tuple[str, str]] = {
    "sum": ("its parts add up to {computed} ({terms})", "cộng các phần được {computed} ({terms})"),
    "product": ("quantity x unit price = {terms} = {computed}", "số lượng x đơn giá = {terms} = {computed}"),
    "area_yield": ("area x yield = {terms} = {computed}", "diện tích x năng suất = {terms} = {computed}"),
    "ratio": ("received / quota = {terms} = {computed}", "tiếp nhận / chỉ tiêu = {terms} = {computed}"),
    "rate": ("part / whole = {terms} = {computed}", "phần / tổng = {terms} = {computed}"),
    "rows": ("the rows add up to {computed} ({terms})", "cộng các dòng được {computed} ({terms})"),
    "formula": ("the table's own formula gives {computed} (from {terms})",
                "công thức ghi trong bảng cho {computed} (từ {terms})"),
    "table_total": ("the table's total row says {computed}", "dòng tổng của bảng ghi {computed}"),
    "table_row": ("the unit's row of the table says {computed}", "dòng của đơn vị trong bảng ghi {computed}"),
    "difference": ("{terms} = {computed}", "{terms} = {computed}"),
    "mean": ("the mean of {terms} is {computed}", "trung bình của {terms} là {computed}"),
    "change": ("from the amount compared with to the amount reached ({terms}) the change is {computed}",
               "từ số liệu so sánh đến số liệu đạt được ({terms}) mức thay đổi là {computed}"),
    "subject_units": ("{computed} of them are units of {other}", "{computed} đơn vị thuộc {other}"),
    "parent_unit": ("the gazetteer puts it in {other}", "danh mục hành chính ghi thuộc {other}"),
    "gazetteer_rows": ("{computed} of them are units of the gazetteer; not found: {other}",
                       "{computed} dòng là đơn vị trong danh mục; không tìm thấy: {other}"),
    "listed": ("the list names {computed}", "danh sách ghi {computed}"),
    "in_words": ("its words say {computed}", "phần bằng chữ ghi {computed}"),
    "rate_times_count": ("rate x count gives {computed} ({terms})", "mức x số lượng được {computed} ({terms})"),
    "count": ("the drives listed number {computed}", "số đợt được liệt kê là {computed}"),
    "total": ("the total (denominator) is {computed}", "tổng số (mẫu số) là {computed}"),
    "gazetteer": ("the gazetteer counts {computed} units {other}", "danh mục hành chính có {computed} đơn vị {other}"),
    "plan": ("the plan in {other} said {computed}", "kế hoạch trong {other} ghi {computed}"),
    "assigned": ("{other} assigns {computed}", "{other} giao {computed}"),
    "other_doc": ("{other} says {computed}", "{other} ghi {computed}"),
    "parts_reports": ("the reports of its parts ({other}) add up to {computed} ({terms})",
                      "các báo cáo của từng phần ({other}) cộng lại được {computed} ({terms})"),
    "cited_date": ("checked against the document cited ({other})", "đối chiếu với văn bản được dẫn chiếu ({other})"),
    "period": ("checked against the period the text states ({other})", "đối chiếu với khoảng thời gian văn bản nêu ({other})"),
    "document_date": ("the document is dated {other}", "văn bản đề ngày {other}"),
    "same_content": ("{other} has the same content (sha256)", "{other} có cùng nội dung (sha256)"),
    "same_identity": ("{other} has the same number, issuer and year", "{other} có cùng số, cơ quan ban hành và năm"),
    "same_text": ("{other} has the same figures and wording (its identity was read differently)",
                  "{other} có cùng số liệu và câu chữ (số hiệu được đọc khác)"),
}



def kind_words(kind: str) -> tuple[str, str]:
    """What a figure kind is called in a message: (English, Vietnamese), as its declaration says."""
    from pipeline import families  # noqa: F401  (registers the families' kinds)
    from pipeline.kinds import KINDS

    spec = KINDS.get(kind)
    return spec.words if spec is not None and spec.words else (kind.replace("_", " "), kind.replace("_", " "))

# Why a check could not be made: (English, Vietnamese); {detail} is filled in.
REASONS: dict[str, tuple[str, str]] = {
    "missing_part": ("a part is missing: {detail}", "thiếu một phần: {detail}"),
    "low_confidence": ("a number was read with low confidence: {detail}", "có số đọc được với độ tin cậy thấp: {detail}"),
    "no_value": ("a value is not a number: {detail}", "có giá trị không phải là số: {detail}"),
    "no_gazetteer": ("no gazetteer count for the unit", "không có số đơn vị trong danh mục hành chính"),
    "not_in_gazetteer": ("not found in the gazetteer (misread, misspelt or not a unit): {detail}",
                         "không tìm thấy trong danh mục (đọc sai, viết sai hoặc không phải đơn vị): {detail}"),
    "repaired": ("a number OCR damaged was read from this same rule: {detail}",
                 "có số bị OCR làm hỏng đã được đọc lại từ chính quy tắc này: {detail}"),
    "fewer_listed": ("fewer drives listed than stated: {detail}", "số đợt liệt kê ít hơn số đã nêu: {detail}"),
    "columns_in_doubt": ("what the columns hold is in doubt: {detail}", "chưa chắc các cột ghi gì: {detail}"),
}

_VERDICT = {
    "ok": ("{subject}: {claimed}, consistent: {basis}.", "{subject}: {claimed}, khớp: {basis}."),
    "mismatch": (
        "{subject}: the report says {claimed}, but {basis}; difference {difference}.",
        "{subject}: báo cáo ghi {claimed}, nhưng {basis}; chênh lệch {difference}.",
    ),
    "unverifiable": ("{subject}: cannot be verified: {reason}.", "{subject}: không kiểm tra được: {reason}."),
}

_QUALIFIER_WORDS = {
    "en": {"approx": "about {}", "over": "over {}", "under": "under {}"},
    "vi": {"approx": "gần {}", "over": "trên {}", "under": "dưới {}"},
}


def number(x: float, lang: str, *, decimals: int | None = None) -> str:
    """1234567 -> '1,234,567' (en) / '1.234.567' (vi); decimals only where the value has them."""
    if math.isinf(x):
        return "∞"
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 1
    text = f"{x:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def quantity(q: Quantity | None, lang: str) -> str:
    """A quantity as a reader would write it: '737', 'gần 1.000', 'trên 900', '134,0%'."""
    if q is None:
        return "?"
    pct = "%" if q.percent else ""
    decimals = 1 if q.percent and q.qualifier == "range" else None
    if q.qualifier in _QUALIFIER_WORDS[lang]:
        return _QUALIFIER_WORDS[lang][q.qualifier].format(number(q.nominal, lang) + pct)
    if q.qualifier == "range":
        if math.isinf(q.hi):
            word = "over" if lang == "en" else "trên"
            return f"{word} {number(q.lo, lang, decimals=decimals)}{pct}"
        if abs(q.hi - q.lo) < 1e-9:
            return number(q.lo, lang, decimals=decimals) + pct
        return f"{number(q.lo, lang, decimals=decimals)}–{number(q.hi, lang, decimals=decimals)}{pct}"
    if q.percent and q.qualifier == "exact" and 0 < q.hi - q.nominal <= 1:  # a printed percent: its own decimals
        return number(q.nominal, lang, decimals=max(0, round(-math.log10(q.hi - q.nominal)))) + pct
    if q.percent and not float(q.nominal).is_integer():
        return number(q.nominal, lang, decimals=1) + pct
    return number(q.nominal, lang) + pct


def terms(parts: list[Quantity], basis: str, lang: str) -> str:
    sep = {"ratio": " / ", "rate": " / ", "difference": " - ", "change": " -> ", "product": " x ", "area_yield": " x ", "formula": ", ", "mean": ", "}.get(basis, " + ")
    return sep.join(quantity(p, lang) for p in parts)


def render(status: str, *, subject: str, claimed: Quantity | None, computed: Quantity | None, basis: str,
           parts: list[Quantity], difference: float | None, reason: str | None, reason_detail: str | tuple[str, str], other: str,
           lang: str) -> str:
    """The message of one finding in ``lang`` ('en' or 'vi')."""
    i = 0 if lang == "en" else 1
    computed_text = quantity(computed, lang)
    if computed is not None and computed.percent and computed.qualifier == "exact" and computed.hi == computed.lo:
        computed_text = number(computed.nominal, lang, decimals=1) + "%"  # a ratio worked out (a printed one: as printed)
    basis_text = BASES[basis][i].format(computed=computed_text, terms=terms(parts, basis, lang), other=other)
    detail = reason_detail[i] if isinstance(reason_detail, tuple) else reason_detail
    reason_text = REASONS[reason][i].format(detail=detail) if reason else ""
    diff = ""
    if difference is not None:
        diff = ("+" if difference > 0 else "") + number(difference, lang)
        if claimed is not None and claimed.percent:
            diff += " " + ("điểm %" if lang == "vi" else "points")
    if claimed is None and computed is None and status != "unverifiable":  # a finding without numbers
        return f"{subject}: {basis_text}."
    return _VERDICT[status][i].format(
        subject=subject, claimed=quantity(claimed, lang), basis=basis_text, difference=diff, reason=reason_text
    )
