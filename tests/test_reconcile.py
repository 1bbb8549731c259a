"""Stage reconcile: variants, matching thresholds, mention detection, roles, coverage, dates."""

import pytest

from pipeline.context import Context
from pipeline.model import Document, Figure, Identity, Line, Page, make_span
from pipeline.reconcile import run
from pipeline.dates import first_full_date as from_text, resolve_iso as from_meta_date
from pipeline.reconcile.gazetteer import Gazetteer
from pipeline.reconcile.match import Matcher, context_bonus
from pipeline.reconcile.variants import fold, key, old_spellings, similarity, variants


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def matcher(gaz) -> Matcher:
    return Matcher(gaz)


@pytest.fixture()
def ctx(gaz, matcher) -> Context:
    c = Context()
    c.resources.update(gazetteer=gaz, gazetteer_matcher=matcher)
    return c


def _code(ref):
    return ref.code if ref is not None else None


def make_doc(*lines: str, date: str | None = None) -> Document:
    page = Page(number=1, lines=[Line(number=i, text=t) for i, t in enumerate(lines, 1)])
    return Document(doc_id="t", path="t.txt", sha256="", kind="txt", pages=[page], identity=Identity(date=date))


# -- variants --------------------------------------------------------------------------------------
@pytest.mark.parametrize("broken", ["Tam Puong", "Tam DPuong", "TAM PUONG", "Tam Đường", "tam duong"])
def test_ocr_forms_fold_to_the_name(broken):
    assert fold(broken) == fold("Tam Đường") == "tam duong"


def test_similarity_makes_ocr_confusions_cheap():
    assert similarity(key("Tam Dudng"), key("Tam Đường")) > similarity(key("Tam Dxong"), key("Tam Đường"))
    assert similarity("abc", "abc") == 1.0 and similarity("", "abc") == 0.0


def test_variants_cover_abbreviations_and_old_spellings():
    v = variants("Huyện", "Kỳ Anh")
    assert {"H. Kỳ Anh", "huyen ky anh", "huyện Kì Anh", "Kỳ Anh"} <= set(v)
    assert old_spellings("Hòa Bình") == ["Hoà Bình"]
    assert old_spellings("Lai Châu") == []


# -- matching --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Tam Puong", "Tam Dudng", "Tam DPuong", "TAM ĐƯỜNG", "Tam Duong"])
def test_broken_district_names_match_in_their_province(matcher, gaz, name):
    r = matcher.match(name, "2023-06-01", types=("Huyện",), context=context_bonus(gaz, "2023-06-01", "12"))
    assert r.status == "matched" and r.unit.code == "106"


def test_same_skeleton_in_two_provinces(matcher):
    """Tam Đường (Lai Châu) and Tam Dương (Vĩnh Phúc) differ only in marks."""
    r = matcher.match("Tam Duong", "2023-06-01", types=("Huyện",))
    assert r.status == "ambiguous" and {"106", "247"} <= {c["code"] for c in r.candidates}
    assert matcher.match("Tam Đường", "2023-06-01", types=("Huyện",)).unit.code == "106"
    assert matcher.match("Tam Dương", "2023-06-01", types=("Huyện",)).unit.code == "247"


def test_level_word_decides_between_province_and_city(matcher):
    assert matcher.match("Lai Châu", "2024-01-01", types=("Tỉnh",)).unit.code == "12"
    assert matcher.match("Lai Châu", "2024-01-01", types=("Thành phố",)).unit.code == "105"


def test_common_names_are_ambiguous_without_context(matcher, gaz):
    r = matcher.match("Tân Lập", "2024-01-01", types=("Xã",))
    assert r.status == "ambiguous" and len(r.candidates) > 1 and r.unit is None
    home = r.candidates[0]["code"]
    province = gaz.get(home, "2024-01-01").province_code
    district = gaz.get(home, "2024-01-01").parent_code
    r2 = matcher.match("Tân Lập", "2024-01-01", types=("Xã",), context=context_bonus(gaz, "2024-01-01", province,
                                                                                     district))
    assert r2.status == "matched" and r2.unit.code == home


@pytest.mark.parametrize("name", ["Zyxwv Qoplk", "Hra Bửu", "Khuổi Nậm Pố"])
def test_names_that_do_not_exist_are_not_linked(matcher, name):
    assert matcher.match(name, "2024-01-01", types=("Xã",)).status == "unmatched"


def test_match_uses_the_units_valid_on_the_date(matcher):
    before, after = matcher.match("Bản Bo", "2024-01-01", types=("Xã",)), matcher.match("Bản Bo", "2026-01-01",
                                                                                         types=("Xã",))
    assert before.unit.parent_code == "106" and before.unit.valid_to == "2025-06-30"
    assert after.unit.parent_code == "12" and after.unit.valid_from == "2025-07-01"


# -- dates -----------------------------------------------------------------------------------------
def test_partial_dates():
    assert from_meta_date("2023-11-23") == "2023-11-23"
    assert from_meta_date("2023-11-??") == "2023-11-15"
    assert from_meta_date("2023-??-??") == "2023-06-30"
    assert from_meta_date("????-??-??") is None and from_meta_date(None) is None
    assert from_text("Tam Puong, ngay 23 thang 11 nam 2023") == "2023-11-23"
    assert from_text("Lai Chau, ngay /6 thang 9 nam 2024") == "2024-09-15"  # a doubtful day: mid-month


# -- the stage -------------------------------------------------------------------------------------
HEADER = ("UBND HUYỆN TAM ĐƯỜNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "BCĐ VĐHMTN HUYỆN", "Tam Đường, ngày 26 tháng 11 năm 2024", "BÁO CÁO",
          "Tổng kết công tác hiến máu tình nguyện năm 2024",
          "- 13/13 xã, thị trấn đã thành lập Ban chỉ đạo.")


def _coverage(doc: Document) -> Figure:
    span = make_span(doc, 1, 6, 2, 7)
    fig = Figure(kind="coverage", value=13, span=span, attrs={"total": 13, "unit_kind": "xã, thị trấn"})
    doc.figures.append(fig)
    return fig


def test_issuer_subject_and_coverage(ctx):
    doc = make_doc(*HEADER)
    fig = _coverage(doc)
    run(doc, ctx)
    assert _code(doc.units.issuer) == "106" and _code(doc.units.subject) == "106"
    assert doc.units.subject.level == "district" and doc.units.issuer.name == "Huyện Tam Đường"
    assert doc.units.gazetteer_date == "2024-11-26"
    assert fig.attrs["gazetteer_total"] == 13 and fig.attrs["gazetteer_unit"] == "106"
    issuer = [p for p in doc.places if p.role == "issuer"]
    assert len(issuer) == 1 and issuer[0].span.line == 1 and issuer[0].successors
    assert {s["code"] for s in doc.units.subject_successors} == {s["code"] for s in issuer[0].successors}


def test_coverage_in_2020_counts_fourteen(ctx):
    doc = make_doc(*HEADER, date="2020-??-??")
    fig = _coverage(doc)
    run(doc, ctx)
    assert fig.attrs["gazetteer_total"] == 14


def test_broken_ocr_header(ctx):
    doc = make_doc(" UBND HUYEN TAM PUONG CONG HOA XA HOI CHU NGHIA VIET NAM",
                   "S6: 111/BC-BCH Tam Puong, ngay 23 thang 11 nam 2023", "BAO CAO",
                   "- Hién nay trén dia ban huyén Tam Dudng da thanh lap",
                   "tinh nguyén tinh Lai Chau nam 2024.")
    run(doc, ctx)
    got = [(p.span.line, p.code, p.status) for p in doc.places]
    assert got == [(1, "106", "matched"), (2, "106", "matched"), (4, "106", "matched"), (5, "12", "matched")]
    assert _code(doc.units.issuer) == "106"


def test_lists_after_plural_level_words(ctx):
    doc = make_doc("Ban Chỉ đạo tỉnh Lai Châu mời lãnh đạo các tỉnh phía: Lào Cai, Điện Biên, Yên Bái, Sơn La; "
                   "và các huyện Tân Uyên, Phong Thổ.", date="2017-06-14")
    run(doc, ctx)
    assert [p.code for p in doc.places] == ["12", "10", "11", "15", "14", "111", "109"]
    assert _code(doc.units.issuer) == "12"


def test_bare_commune_names_in_a_table(ctx):
    doc = make_doc("UBND HUYỆN TAM ĐƯỜNG", "Tam Đường, ngày 02 tháng 3 năm 2023", "BÁO CÁO",
                   "| 1 | Bản Bo | 25 |", "| 2 | Nà Tăm | 30 |", "| 3 | Khun Há | 12 |")
    run(doc, ctx)
    communes = [p for p in doc.places if p.level == "commune"]
    assert [p.code for p in communes] == ["03424", "03427", "03430"]
    assert all(p.successors for p in communes)


def test_bare_name_cut_by_a_line_break(ctx):
    doc = make_doc("UBND HUYỆN TAM ĐƯỜNG", "", "KẾ HOẠCH", "Thực hiện phong trào thi đua “Tam",
                   "Đường chung tay vì người nghèo”", date="2022-07-27")
    run(doc, ctx)
    cut = [p for p in doc.places if p.span.line == 4]
    assert len(cut) == 1 and cut[0].code == "106" and cut[0].span.raw == "Tam" and cut[0].mention == "Tam Đường"


def test_bare_words_outside_the_province_are_left_alone(ctx):
    doc = make_doc("UBND HUYỆN TAM ĐƯỜNG", "Đoàn TNCS Hồ Chí Minh huyện tặng Giấy khen cho 5 cá nhân.",
                   date="2024-05-01")
    run(doc, ctx)
    assert [p.code for p in doc.places] == ["106"]


def test_post_reform_document(ctx):
    doc = make_doc("UBND XÃ BẢN BO", "Bản Bo, ngày 10 tháng 3 năm 2026", "BÁO CÁO",
                   "Kết quả hiến máu tình nguyện của xã Bản Bo, tỉnh Lai Châu")
    run(doc, ctx)
    assert doc.units.gazetteer_date == "2026-03-10"
    assert _code(doc.units.issuer) == "03424" and doc.units.issuer.level == "commune"
    assert all(not p.successors for p in doc.places)  # still valid: no successor


def test_unknown_places_stay_unmatched(ctx):
    doc = make_doc("Đoàn công tác đến xã Zyxwv Qoplk của huyện Tam Đường.", date="2024-05-01")
    run(doc, ctx)
    assert [p.code for p in doc.places if p.status == "matched"] == ["106"]


def test_places_point_at_restored_and_raw_text(ctx):
    doc = make_doc("Ban chi dao huyen Tam Duong")
    doc.pages[0].lines[0].restored = "Ban chỉ đạo huyện Tam Đường"
    run(doc, ctx)
    # no date anywhere, but a district is named: read on the last day districts existed
    assert doc.units.gazetteer_date == "2025-06-30"
    (p,) = doc.places
    assert p.span.raw == "huyen Tam Duong" and p.span.restored == "huyện Tam Đường" and p.mention == "huyện Tam Đường"


def test_empty_document(ctx):
    doc = make_doc("")
    run(doc, ctx)
    assert doc.places == [] and _code(doc.units.issuer) is None


@pytest.mark.slow
def test_seed_documents(ctx, corpus_dir):
    from pipeline.ocr import ocr_file

    expected = {"2017_lai-chau_bc-ton-vinh.txt": "12", "2022_tam-duong_kh-904_ocr.txt": "106",
                "2023_tam-duong_bc-111_ocr.txt": "106", "2024_lai-chau_kh-2020-stttt_ocr.txt": "12",
                "2024_tam-duong_bc-111.txt": "106"}
    for name, code in expected.items():
        doc = run(ocr_file(corpus_dir / "text" / name), ctx)
        assert _code(doc.units.issuer) == code and _code(doc.units.subject) == code, name
        assert all(p.status == "matched" for p in doc.places), name


def test_benchmark_generators_smoke(gaz, matcher):
    from bench.reconcile import generated_cases, made_up_cases, score_cases

    cases = generated_cases(gaz, 60, seed=7)
    assert len(cases) == 60 and all(c.code for c in cases)
    real, _, _ = score_cases(gaz, matcher, cases, seed=7)
    assert real["correct"] >= 54 and real["wrong"] == 0
    fakes, _ = made_up_cases(gaz, 40, seed=7)
    fake, _, _ = score_cases(gaz, matcher, fakes, seed=7)
    assert fake["wrong"] == 0


def test_common_words_that_fold_to_a_name_are_told_apart_by_their_marks(ctx):
    doc = make_doc("HỘI CHỮ THẬP ĐỎ TỈNH LÀO CAI", "Lào Cai, ngày 18 tháng 12 năm 2023",
                   "Ban Thường vụ Hội Chữ thập đỏ tỉnh đề nghị các đơn vị triển khai.",  # not "Tân Thượng"
                   "IV. PHƯƠNG HƯỚNG CÔNG TÁC NĂM 2024",  # not "Phường Hương ..."
                   "Hỗ trợ xã Tân Thượng tổ chức hiến máu; Tân Thượng có 120 người đăng ký.")
    run(doc, ctx)
    assert [(p.span.line, p.code) for p in doc.places if p.span.line >= 3] == [(5, "03070"), (5, "03070")]
    # the same words without marks (old OCR text) are compared without them, as before
    doc = make_doc("HOI CHU THAP DO TINH LAO CAI", "Lao Cai, ngay 18 thang 12 nam 2023", "Ho tro Tan Thuong to chuc.")
    run(doc, ctx)
    assert "03070" in [p.code for p in doc.places]


def test_a_bracket_ends_a_name(ctx):
    doc = make_doc("UBND TỈNH ĐIỆN BIÊN", "10   10/11/2023   Xã Nà Hỳ (Nậm Pồ), xã Mường Nhé   760   578",
                   date="2024-01-12")
    run(doc, ctx)
    assert [p.code for p in doc.places if p.span.line == 2][:1] == ["03169"]  # Xã Nà Hỳ, its district after it
    assert "03160" in [p.code for p in doc.places]


def test_a_place_name_ending_a_quoted_title_broken_over_a_line_end_is_the_title(ctx):
    doc = make_doc("UBND TỈNH ĐIỆN BIÊN", "Các đợt gắn với Ngày hội hiến máu “Giọt hồng",
                   "Sông Đà” và chương trình “Chủ nhật Đỏ”.", "Người dân Sông Đà tham gia đông.", date="2024-01-12")
    run(doc, ctx)
    lines = [p.span.line for p in doc.places if p.mention.endswith("Sông Đà")]
    assert 3 not in lines and 4 in lines  # the campaign's name on line 3; the place on line 4


def test_a_space_moved_between_two_words_is_no_name(matcher):
    # a table header read "thị trấn Ì Tổng số": "Ì Tổng" has the letters of "Ít Ong" with the space elsewhere
    ito = next(u for u in matcher.gaz.children("120", "2023-06-30") if u.short == "Ít Ong")
    assert matcher.score("Ì Tổng", ito) < 0.9
    assert matcher.score("ÍtOng", ito) >= 0.9  # a space OCR lost is still the name


def test_a_heading_restored_as_a_ward_and_a_commune_of_another_province_in_a_district_report(ctx, gaz, matcher):
    # "PHUONG HUONG THO! GIAN TOI" (phương hướng thời gian tới) that restoration made a ward of: no place
    doc = make_doc("UBND HUYỆN NẬM NHÙN", "Nậm Nhùn, ngày 20 tháng 12 năm 2023", "IV. PHƯỜNG HƯƠNG THỌ! GIAN TÔI",
                   "V. PHƯỜNG HƯƠNG CÔNG TÁC NĂM 2024")
    run(doc, ctx)
    assert [p for p in doc.places if p.span.line >= 3] == []
    # OCR's "Lê Lai" for Nậm Nhùn's Lê Lợi: Xã Lê Lai of Cao Bằng is not taken for it in a report of Nậm Nhùn
    lai_chau, nam_nhun = "12", "112"
    r = matcher.match("Lê Lai", "2023-06-01", types=("Xã",),
                      context=context_bonus(gaz, "2023-06-01", lai_chau, nam_nhun))
    assert r.unit is None or gaz.get(r.unit.code, "2023-06-01").province_code == lai_chau
    assert matcher.match("Lê Lai", "2023-06-01", types=("Xã",)).unit.code == "01819"  # without a district: itself
