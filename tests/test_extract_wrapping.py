"""Extraction is invariant to line wrapping and pagination, and paragraph segmentation follows the
layout of OCR'd pages.

The invariance tests use the committed ground truth of the scans (``corpus/scans/clean/*.gt.txt``:
the seed text wrapped as printed, pages split on form feeds) - no OCR, so they are fast.
"""

from collections import Counter

import pytest

from bench.extract import (
    SCAN_DIR,
    TEXT_DIR,
    evaluate_scans,
    in_header,
    invented_header,
    load_gold,
    score_document,
)
from pipeline.extract import run
from pipeline.extract.paragraphs import LineLayout, in_capitals, paragraph_ranges, starts_item
from pipeline.model import Document, Line, Page
from pipeline.inputs.text import pages_from_text

BLOOD = ("units_received", "units_quota", "participants", "percent_of_plan", "drive_count", "drive_date")
BLOOD_ATTRS = ("year", "drive_no", "plan", "status")
AWARDS = ("award_count", "award_total", "money")
AWARD_ATTRS = ("level", "award_form", "award_issuer", "recipient_type", "purpose")


def extract_text(text: str) -> Document:
    return run(Document(doc_id="t", path="t.txt", sha256="", kind="txt", pages=pages_from_text(text)))


def keyed(doc: Document, kinds: tuple[str, ...], attrs: tuple[str, ...]) -> Counter:
    return Counter(
        (f.kind, repr(f.value), tuple(repr(f.attrs.get(a)) for a in attrs)) for f in doc.figures if f.kind in kinds
    )


@pytest.mark.parametrize(
    "stem, kinds, attrs",
    [("2024_tam-duong_bc-111", BLOOD, BLOOD_ATTRS), ("2017_lai-chau_bc-ton-vinh", AWARDS, AWARD_ATTRS)],
)
def test_wrapped_text_gives_the_seed_figures(stem, kinds, attrs):
    seed = extract_text((TEXT_DIR / f"{stem}.txt").read_text(encoding="utf-8"))
    wrapped_text = (SCAN_DIR / "clean" / f"{stem}.gt.txt").read_text(encoding="utf-8")
    wrapped = extract_text(wrapped_text)
    assert len(wrapped.pages) == wrapped_text.count("\f") + 1 > 1
    expected = keyed(seed, kinds, attrs)
    assert sum(expected.values()) > 10
    assert keyed(wrapped, kinds, attrs) == expected


def test_wrapped_blood_context():
    """The cases of issue 4 by name: year actuals not plans, drives on page 2 keep their number,
    next year's plan gets next year."""
    doc = extract_text((SCAN_DIR / "clean" / "2024_tam-duong_bc-111.gt.txt").read_text(encoding="utf-8"))

    def attrs_of(kind, value):
        return [(f.attrs["year"], f.attrs["drive_no"], f.attrs["plan"]) for f in doc.figures
                if f.kind == kind and f.value == value]

    assert attrs_of("participants", 1044) == [(2024, None, False)]
    assert attrs_of("units_received", 325) == [(2024, 1, False)]
    assert attrs_of("units_received", 346) == [(2024, 2, False)]
    assert attrs_of("units_quota", 560) == [(2025, None, True)]
    assert (2025, 2, True) in attrs_of("units_quota", 300)


def test_wrapped_title_runs_over_its_lines():
    doc = extract_text((SCAN_DIR / "clean" / "2017_lai-chau_bc-ton-vinh.gt.txt").read_text(encoding="utf-8"))
    assert doc.identity.title == "Kết quả tổ chức Lễ tôn vinh người hiến máu tình nguyện tiêu biểu tỉnh Lai Châu năm 2017"
    assert doc.identity.report_year == 2017


# -- segmentation rules -------------------------------------------------------------------------

def texts(lines: list[LineLayout]) -> list[str]:
    return [" ".join(ln.text for ln in lines[a : b + 1]) for a, b in paragraph_ranges(lines)]


@pytest.mark.parametrize("line", ["- Ban Chỉ đạo", "+ Đợt 1: Tổ chức", "a) Cấp tỉnh", "1. Mục tiêu", "2.1. Nội dung",
                                  "II. NHIỆM VỤ", "Đợt 2 dự kiến", "Dot 2 du kien", "« - Phong trào"])
def test_item_starts(line):
    assert starts_item(line)


@pytest.mark.parametrize("line", ["1.044 lượt người tham gia", "2025 với chỉ tiêu", "13/13 xã, thị trấn",
                                  "đợt hiến máu để tuyên truyền", "máu vượt 122% kế hoạch"])
def test_continuations_are_not_items(line):
    assert not starts_item(line)


def test_in_capitals():
    assert in_capitals("II. NHIỆM VỤ TRỌNG TÂM CÔNG TÁC")
    assert not in_capitals("HMTN với 26 thành viên của huyện")
    assert in_capitals("2025") is None


def test_text_without_layout():
    lines = [LineLayout(t, 1) for t in [
        "I. KẾT QUẢ THỰC HIỆN NĂM",
        "2019",
        "Trong năm Ban chỉ đạo đã tổ chức nhiều đợt hiến máu tình nguyện tại các xã và thị",
        "trấn, tiếp nhận 980 đơn vị máu.",
        "Năm 2020 sẽ tiếp tục vận động cán bộ, công nhân, viên chức tham gia hiến máu đều",
        "",
        "đặn hằng năm.",
    ]]
    assert texts(lines) == [
        "I. KẾT QUẢ THỰC HIỆN NĂM 2019",  # a heading in capitals ends where ordinary text starts
        "Trong năm Ban chỉ đạo đã tổ chức nhiều đợt hiến máu tình nguyện tại các xã và thị "
        "trấn, tiếp nhận 980 đơn vị máu.",  # short line closing a sentence
        "Năm 2020 sẽ tiếp tục vận động cán bộ, công nhân, viên chức tham gia hiến máu đều",
        "đặn hằng năm.",  # a blank line always ends a paragraph
    ]


def test_blocks_separate_paragraphs_only_without_boxes():
    words = "tiếp nhận được nhiều đơn vị máu tình nguyện trong năm qua và"
    unboxed = [LineLayout(words, 1, block=1), LineLayout("vượt kế hoạch.", 1, block=2)]
    assert len(paragraph_ranges(unboxed)) == 2
    boxed = [LineLayout(words, 1, (100, 0, 1000, 20), 1), LineLayout("vượt kế hoạch.", 1, (100, 30, 300, 50), 2)]
    assert len(paragraph_ranges(boxed)) == 1


def _boxed_page(page: int, rows: list[tuple[float, float, str]]) -> list[LineLayout]:
    return [LineLayout(t, page, (x0, 40.0 * k, x1, 40.0 * k + 30)) for k, (x0, x1, t) in enumerate(rows)]


def test_indentation_and_page_break():
    page1 = _boxed_page(1, [
        (505, 2243, "Thực hiện kế hoạch của tỉnh, Ban chỉ đạo vận động hiến máu tình nguyện huyện"),
        (355, 2243, "được giao chỉ tiêu 560 đơn vị máu, tổ chức 2 đợt hiến máu trong năm"),
        (355, 1400, "như sau:"),
        (505, 2243, "Căn cứ chỉ tiêu được giao, Ban chỉ đạo tiếp tục triển khai xây dựng kế hoạch"),
        (355, 2243, "và tổ chức các chương trình, hoạt động cụ thể cho từng đợt hiến máu để tuyên"),
    ])
    page2 = _boxed_page(2, [
        (355, 2243, "truyền, vận động cán bộ, công nhân, viên chức tham gia hiến máu tình nguyện"),
        (355, 1200, "đầy đủ."),
        (505, 2243, "Trong năm tiếp tục kiện toàn Ban chỉ đạo các xã, thị trấn theo quy định hiện"),
    ])
    assert [(page1 + page2)[a].text[:10] for a, _ in paragraph_ranges(page1 + page2)] == [
        "Thực hiện ", "Căn cứ chỉ", "Trong năm "]
    assert paragraph_ranges(page1 + page2)[1] == (3, 6)  # runs over the page break


@pytest.mark.parametrize("heading", ["IH. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2022", "L, PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2022",
                                     "PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2022"])
def test_ocr_misread_roman_heading_still_opens_the_plan_section(heading):
    text = "\n\n".join([
        "Số: 12/BC-BCĐ",
        "BÁO CÁO",
        "Kết quả công tác hiến máu tình nguyện năm 2021",
        "I. KẾT QUẢ",
        "- Trong năm tiếp nhận 420 đơn vị máu.",
        heading,
        "- Phấn đấu tiếp nhận 450 đơn vị máu.",
    ])
    doc = extract_text(text)
    got = {f.value: (f.attrs["year"], f.attrs["plan"]) for f in doc.figures if f.kind in ("units_received", "units_quota")}
    assert got[420] == (2021, False)
    assert got[450] == (2022, True)


def test_capitals_before_any_section_are_not_a_section():
    doc = extract_text("BÁO CÁO\n\nKết quả năm 2021\n\nPHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2022\n\n"
                       "- Trong năm tiếp nhận 420 đơn vị máu.")
    (fig,) = [f for f in doc.figures if f.kind == "units_received"]
    assert (fig.attrs["year"], fig.attrs["plan"]) == (2021, False)


# -- OCR dust ------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, issuer", [
    ("- Liên đoàn: Lao động tỉnh tặng Bằng khen cho 7 tập thể;", "Liên đoàn Lao động tỉnh"),
    ("- Ban Chấp hành” Hội CTĐ tỉnh tặng Giấy khen cho 18 tập thể;", "Ban Chấp hành Hội CTĐ tỉnh"),
    ("_UBND tỉnh tặng Bằng khen cho 03 tập thể;", "UBND tỉnh"),
])
def test_award_issuer_behind_ocr_punctuation(line, issuer):
    doc = extract_text("Công tác tôn vinh, khen thưởng\n\n" + line)
    (fig,) = [f for f in doc.figures if f.kind == "award_count"]
    assert fig.attrs["award_issuer"] == issuer


def test_title_after_dust_on_the_type_line():
    doc = extract_text("Số: 3/BC-BCĐ\n\nBÁO CÁO.\nKết quả hiến máu tình nguyện\nnăm 2019\n\nI. KẾT QUẢ")
    assert doc.identity.title == "Kết quả hiến máu tình nguyện năm 2019"
    assert doc.identity.report_year == 2019


# -- scan scoring -------------------------------------------------------------------------------

def test_invented_header_is_what_the_seed_lacks():
    gt = "UBND HUYỆN A\nSố: 5/BC-BCĐ\nBÁO CÁO\nKết quả năm 2020\nI. KẾT QUẢ\nUBND HUYỆN A\f..."
    seed = "\nSố: 5/BC-BCĐ\n\nBÁO CÁO\n\nKết quả năm 2020\n"
    assert invented_header(gt, seed) == ["ubnd huyen a"]
    page = Page(1, [Line(1, "UBND HUYEN A"), Line(2, "Số: 5/BC-BCĐ")])
    doc = Document(doc_id="d", path="d", sha256="", kind="pdf", pages=[page])
    figs = run(doc).figures
    assert figs and not any(in_header(doc, f, ["ubnd huyen a"]) for f in figs if f.span.line == 2)


def test_scores_ignore_lines_when_asked():
    doc = extract_text("Năm 2020 tiếp nhận 300 đơn vị máu.")
    (fig,) = [f for f in doc.figures if f.kind == "units_received"]
    gold = [{"kind": "units_received", "value": 300, "line": 9, "attrs": {"year": 2020}}]
    assert score_document(gold, [fig]).overall.tp == 0
    assert score_document(gold, [fig], by_line=False).overall.tp == 1


@pytest.mark.slow
def test_text_layer_scan_scores_like_the_seed():
    """End to end on the scan with a text layer (no OCR needed). A regression floor on a document
    the segmentation was developed against, not an accuracy claim."""
    results, _ = evaluate_scans(load_gold(), None, only="2024_tam-duong_bc-111", levels=("textlayer",))
    (res,) = results["textlayer"]
    assert res.overall.f1 >= 0.95, [(g["kind"], g["value"]) for g in res.missed]
