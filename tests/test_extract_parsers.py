"""Number and date parsers, and the OCR-tolerant match form."""

import pytest
from hypothesis import given, strategies as st

from pipeline.dates import find_dates, find_periods, parse_date
from pipeline.extract.nlp import tokenize
from pipeline.text import match_form
from pipeline.numbers import parse_number, parse_pair, parse_percent, qualify


@pytest.mark.parametrize(
    "text, value",
    [("1.044", 1044), ("146.530.000", 146530000), ("01", 1), ("12,5", 12.5), ("2.350,75", 2350.75),
     ("l34", 134), ("7", 7), ("1.000.", 1000)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1.04", "abc", "12.3456", ""])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_percent_and_pair():
    assert parse_percent("134%") == 134.0
    assert parse_percent("98,5%") == 98.5
    assert parse_percent("134") is None
    assert parse_pair("737/550") == (737, 550)
    assert parse_pair("1.210/1.100") == (1210, 1100)
    assert parse_pair("5/12/2024") is None


def test_qualifiers_carry_bounds():
    q = qualify(1000, "van dong gan")
    assert (q.qualifier, q.low, q.high) == ("approx", None, 1000)
    q = qualify(400, "duoc tren")
    assert (q.qualifier, q.low, q.high) == ("over", 400, None)
    assert qualify(50, "chua den").qualifier == "under"
    assert qualify(50, "tiep nhan").qualifier == "exact"


@pytest.mark.parametrize(
    "text, iso",
    [
        ("ngay 26 thang 11 nam 2024", "2024-11-26"),
        ("ngay 02 thang 6 nim 2022", "2022-06-02"),
        ("26/11/2024", "2024-11-26"),
        ("ngay 2/ thang”7 nam 2022", "2022-07-2?"),
        ("ngay /6 thang 9 nam 2024", "2024-09-??"),
        ("ngay 1 thang 10 nam 2020", "2020-10-01"),
        ("13-14/6/2023", "2023-06-13"),  # a run of days: its first
        ("ngay 9 - 10/10/2025", "2025-10-09"),
    ],
)
def test_dates(text, iso):
    assert parse_date(text).iso() == iso


def test_yearless_date_takes_context_year():
    d = parse_date("14/6")
    assert d.year is None and d.iso(2018) == "2018-06-14"


def test_invalid_dates_are_not_dates():
    assert find_dates("ti le 45/60 va 13/13 xa") == []


def test_periods():
    (p,) = find_periods("tu ngay 01/12/2023 den nay ban chi dao")
    assert p.start.iso() == "2023-12-01" and p.end is None
    (p,) = find_periods("du kien tu 8/3 den ngay 14/6/2018")
    assert p.start.iso() == "2018-03-08" and p.end.iso() == "2018-06-14"


@pytest.mark.parametrize(
    "raw, form",
    [("S6: 111", "so: 111"), ("x4, thi tran", "xa, thi tran"), ("Poc 1ap", "doc lap"), ("vuotl34%", "vuot134%"),
     ("Pot 2", "dot 2"), ("c6 hiệu quả", "co hieu qua"), ("ph01 hop", "phoi hop"), ("Đợt 1", "dot 1"),
     ("1.21O/1.1OO don", "1.210/1.100 don"), ("nam 2O24.", "nam 2024."), ("lo 10", "lo 10"),
     ("Lào Cai: 1:650 đơn:vị", "lao cai: 1.650 don vi"), ("lúc 7:30, tỷ lệ 1:2", "luc 7:30, ty le 1:2")],
)
def test_match_form_undoes_ocr_confusions(raw, form):
    assert match_form(raw) == form
    assert len(match_form(raw)) == len(raw)


def test_tokens_keep_numbers_whole():
    toks = tokenize(match_form("tiếp nhận 737/550 đơn vị máu, vượt134% kế hoạch; 1.044 lượt"))
    words = [t.text for t in toks.doc]
    assert "737/550" in words and "134%" in words and "1.044" in words and "vuot" in words
    i = words.index("737/550")
    assert toks.char_span(i, i + 1) == (10, 17)


def test_xa_hoi_in_a_body_s_name_is_no_commune_level():
    from pipeline.extract.identity import issuer_level
    from pipeline.extract.spans import View
    from pipeline.inputs.text import pages_from_text
    from pipeline.model import Document

    def level(head: str) -> str | None:
        text = head + "\n\nSố: 12/BC-SLĐTBXH            Lai Châu, ngày 10 tháng 12 năm 2022\n\nBÁO CÁO\n"
        return issuer_level(View(Document(doc_id="t", path="t.txt", sha256="", kind="txt", pages=pages_from_text(text))))

    assert level("UBND TỈNH LAI CHÂU\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "province"
    assert level("UBND HUYỆN PHONG THỔ\nUBND XÃ MA LY PHO") == "commune"


@given(st.integers(10, 9999), st.integers(10, 9999), st.integers(0, 2))
def test_a_lost_slash_is_put_back_where_it_was_or_not_at_all(a, b, places):
    from pipeline.numbers import split_lost_slash

    rate = f"{round(a * 100 / b, places):.{places}f}".replace(".", ",")
    # the true cut always fits the rate: found unless another cut fits too
    assert split_lost_slash(f"{a}{b}", rate) in (None, len(str(a)))


def test_a_lost_slash_needs_a_rate_that_one_cut_fits():
    from pipeline.numbers import split_lost_slash

    assert split_lost_slash("326300", "108,7") == 3
    assert split_lost_slash("326300", "109") == 3  # 326/300 is 108,67: 109 to a whole percent
    assert split_lost_slash("326300", "108") is None
    assert split_lost_slash("326300", "108,6") is None
    assert split_lost_slash("1540", "110") is None and split_lost_slash("540", "135") is None  # (three digits: no pair)
    assert split_lost_slash("4.400", "110") is None  # a grouped number is one number
