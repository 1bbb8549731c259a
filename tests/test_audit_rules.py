"""Document rules on hand-built figures: consistent -> ok, inconsistent -> mismatch, missing/doubtful -> unverifiable."""

from audit_builders import doc, fig, findings, statuses

from pipeline import audit


def drives_2023(total_received=737, d1=347, d2=390, **extra):
    """Seed 000's shape: 737/550 for the year, 347/250 and 390/300 for its two drives."""
    return [
        fig("units_received", total_received, 49, year=2023, drive_no=None),
        fig("units_quota", 550, 49, year=2023, drive_no=None),
        fig("units_received", d1, 53, year=2023, drive_no=1),
        fig("units_quota", 250, 53, year=2023, drive_no=1),
        fig("units_received", d2, 58, year=2023, drive_no=2),
        fig("units_quota", 300, 58, year=2023, drive_no=2),
    ]


def test_units_sum_drives_ok_and_evidence():
    d = doc(*drives_2023())
    [f] = findings(d, "units_sum_drives")
    assert (f.status, f.code, f.claimed, f.computed, f.difference) == ("ok", "A101", 737, 737, 0)
    assert [s.line for s in f.evidence] == [49, 53, 58]
    assert f.figure_ids == ["units_received:1", "units_received:2", "units_received:3"]
    assert f.severity == "info" and f.doc_id == "doc"


def test_units_sum_drives_mismatch_has_both_messages():
    d = doc(*drives_2023(total_received=747))
    [f] = findings(d, "units_sum_drives")
    assert (f.status, f.claimed, f.computed, f.difference, f.severity) == ("mismatch", 747, 737, 10, "error")
    assert "747" in f.message_en and "347 + 390" in f.message_en
    assert "chênh lệch +10" in f.message_vi and "báo cáo ghi 747" in f.message_vi


def test_quota_sum_drives_ok_and_mismatch():
    assert statuses(doc(*drives_2023()), "quota_sum_drives") == ["ok"]
    figs = drives_2023()
    figs[3].value = 200
    assert statuses(doc(*figs), "quota_sum_drives") == ["mismatch"]


def test_missing_drive_is_unverifiable():
    figs = drives_2023()
    del figs[4]  # drive 2's units received not extracted, though drive 2 exists (its quota is there)
    [f] = findings(doc(*figs), "units_sum_drives")
    assert f.status == "unverifiable" and "missing: đợt 2" in f.message_en and "thiếu một phần: đợt 2" in f.message_vi


def test_stated_drive_count_reveals_missing_drive():
    figs = drives_2023()[:4] + [fig("drive_count", 2, 48, year=2023)]
    assert statuses(doc(*figs), "units_sum_drives") == ["unverifiable"]


def test_low_confidence_mismatch_is_unverifiable_but_consistent_stays_ok():
    figs = drives_2023(total_received=787)
    figs[0].confidence = 0.3
    [f] = findings(doc(*figs), "units_sum_drives")
    assert f.status == "unverifiable" and "787" in f.message_en
    figs = drives_2023()
    figs[2].confidence = 0.3
    assert statuses(doc(*figs), "units_sum_drives") == ["ok"]


def test_no_total_or_no_parts_gives_no_finding():
    assert statuses(doc(*drives_2023()[2:]), "units_sum_drives") == []
    assert statuses(doc(*drives_2023()[:2]), "units_sum_drives") == []


def test_plan_and_actual_years_are_not_mixed():
    figs = drives_2023() + [
        fig("units_quota", 550, 93, year=2024, plan=True),
        fig("units_quota", 250, 98, year=2024, drive_no=1, plan=True),
        fig("units_quota", 300, 101, year=2024, drive_no=2, plan=True),
    ]
    d = doc(*figs)
    assert statuses(d, "quota_sum_drives") == ["ok"]
    assert [(f.status, f.claimed) for f in findings(d, "plan_quota_sum_drives")] == [("ok", 550)]


def test_plan_quota_mismatch():
    d = doc(fig("units_quota", 560, 50, year=2025, plan=True),
            fig("units_quota", 260, 52, year=2025, drive_no=1, plan=True),
            fig("units_quota", 310, 54, year=2025, drive_no=2, plan=True))
    [f] = findings(d, "plan_quota_sum_drives")
    assert (f.status, f.computed, f.difference) == ("mismatch", 570, -10)


def test_participants_approximate_values_checked_as_ranges():
    # seed 000: "gần 1.000" people in the year, "trên 400" and "trên 500" in its drives -> consistent
    figs = [
        fig("participants", 1000, 48, qualifier="approx", high=1000, year=2023),
        fig("participants", 400, 53, qualifier="over", low=400, year=2023, drive_no=1),
        fig("participants", 500, 58, qualifier="over", low=500, year=2023, drive_no=2),
    ]
    [f] = findings(doc(*figs), "participants_sum_drives")
    assert f.status == "ok" and f.difference == 0
    assert "gần 1.000" in f.message_vi and "trên 900" in f.message_vi


def test_approximate_values_out_of_range_are_a_mismatch():
    figs = [
        fig("participants", 800, 48, qualifier="approx", high=800, year=2023),
        fig("participants", 400, 53, qualifier="over", low=400, year=2023, drive_no=1),
        fig("participants", 500, 58, qualifier="over", low=500, year=2023, drive_no=2),
    ]
    [f] = findings(doc(*figs), "participants_sum_drives")
    assert f.status == "mismatch" and f.difference == -100


def test_percent_of_plan_tolerates_the_reports_rounding():
    def pct_doc(pct, received, quota):
        return doc(fig("units_received", received, 24, year=2024), fig("units_quota", quota, 24, year=2024),
                   fig("percent_of_plan", pct, 24, year=2024, raw=f"{pct:g}".replace(".", ",") + "%"))

    assert statuses(pct_doc(134.0, 737, 550), "percent_of_plan") == ["ok"]  # 134.0%
    assert statuses(pct_doc(122.0, 671, 550), "percent_of_plan") == ["ok"]  # 122.0%
    assert statuses(pct_doc(130.0, 325, 250), "percent_of_plan") == ["ok"]  # exactly 130%
    assert statuses(pct_doc(115.0, 346, 300), "percent_of_plan") == ["ok"]  # 115.33% printed as 115%
    assert statuses(pct_doc(115.3, 346, 300), "percent_of_plan") == ["ok"]  # printed with one decimal
    [f] = findings(pct_doc(143.0, 737, 550), "percent_of_plan")
    assert f.status == "mismatch" and round(f.computed, 2) == 134.0 and round(f.difference, 2) == 9.0
    assert "737 / 550" in f.message_en
    # written with a zero decimal, a rate is exact to that decimal: 115,0% is not 115.33%
    assert statuses(doc(fig("units_received", 346, 24, year=2024), fig("units_quota", 300, 24, year=2024),
                        fig("percent_of_plan", 115.0, 24, year=2024, raw="115,0%")), "percent_of_plan") == ["mismatch"]


def test_percent_without_quota_is_unverifiable():
    d = doc(fig("units_received", 737, 24, year=2023), fig("percent_of_plan", 134.0, 24, year=2023))
    [f] = findings(d, "percent_of_plan")
    assert f.status == "unverifiable" and "missing: quota" in f.message_en and "thiếu một phần: chỉ tiêu" in f.message_vi


def test_percent_of_a_drive_uses_that_drive():
    d = doc(*drives_2023(), fig("percent_of_plan", 139.0, 53, year=2023, drive_no=1))
    [f] = findings(d, "percent_of_plan")
    assert f.status == "ok" and round(f.computed, 1) == 138.8


def test_drive_count():
    d = doc(*drives_2023(), fig("drive_count", 2, 48, year=2023))
    assert statuses(d, "drive_count_listed") == ["ok"]
    d = doc(*drives_2023(), fig("drive_count", 1, 48, year=2023))
    assert statuses(d, "drive_count_listed") == ["mismatch"]
    d = doc(*drives_2023(total_received=800), fig("drive_count", 3, 48, year=2023))
    assert statuses(d, "drive_count_listed") == ["unverifiable"]  # a drive may be unlisted: 800 is more than 347 + 390
    d = doc(*drives_2023(), fig("drive_count", 3, 48, year=2023))
    assert statuses(d, "drive_count_listed") == ["mismatch"]  # the two listed make up the year's 737: no third
    assert statuses(doc(fig("drive_count", 18, 59, year=2025, plan=True)), "drive_count_listed") == []


def award(value, line, rt, issuer, level="province", form="Bằng khen"):
    return fig("award_count", value, line, recipient_type=rt, award_issuer=issuer, award_form=form, level=level,
               year=2017)


def seed_001_awards(province_individuals=123):
    """Seed 001's award paragraph, as the extractor should see it."""
    return [
        fig("award_total", 46, 50, recipient_type="tập thể", level="all", year=2017),
        fig("award_total", 205, 50, recipient_type="cá nhân", level="all", year=2017),
        fig("award_total", 38, 52, recipient_type="tập thể", level="province", year=2017),
        fig("award_total", province_individuals, 52, recipient_type="cá nhân", level="province", year=2017),
        award(3, 54, "tập thể", "UBND tỉnh"), award(31, 54, "cá nhân", "UBND tỉnh"),
        award(21, 56, "tập thể", "Trung ương Hội CTĐ Việt Nam"), award(66, 56, "cá nhân", "Trung ương Hội CTĐ Việt Nam"),
        award(7, 58, "tập thể", "Liên đoàn Lao động tỉnh"), award(16, 58, "cá nhân", "Liên đoàn Lao động tỉnh"),
        award(7, 60, "tập thể", "Đoàn TNCS Hồ Chí Minh"), award(15, 60, "cá nhân", "Đoàn TNCS Hồ Chí Minh"),
        award(18, 62, "cá nhân", "Ban Chấp hành Hội CTĐ tỉnh", form="Giấy khen"),
        award(8, 70, "tập thể", "UBND huyện", level="district", form="Giấy khen"),
        award(59, 70, "cá nhân", "UBND huyện", level="district", form="Giấy khen"),
        fig("money", 146_530_000, 50, level="all", purpose="khen thưởng"),
        fig("money", 115_720_000, 52, level="province", purpose="khen thưởng"),
        fig("money", 30_810_000, 70, level="district", purpose="khen thưởng"),
    ]


def test_awards_by_issuer_find_seed_001_mismatch():
    res = {(f.subject, f.status, f.claimed, f.computed) for f in findings(doc(*seed_001_awards()), "awards_sum_issuers")}
    assert res == {
        ("awards to tập thể, province level, 2017", "ok", 38, 38),
        ("awards to cá nhân, province level, 2017", "mismatch", 123, 146),
    }


def test_awards_by_level_use_level_totals():
    res = {(f.claimed, f.status, f.computed) for f in findings(doc(*seed_001_awards()), "awards_sum_levels")}
    assert res == {(46, "ok", 46), (205, "mismatch", 182)}
    # with a province total that matched its issuer lines (146), the whole-province 205 adds up
    res = {(f.claimed, f.status) for f in findings(doc(*seed_001_awards(146)), "awards_sum_levels")}
    assert res == {(46, "ok"), (205, "ok")}


def test_awards_by_level_without_level_totals_sum_the_awards():
    figs = [f for f in seed_001_awards() if not (f.kind == "award_total" and f.attrs["level"] == "province")]
    res = {(f.claimed, f.status, f.computed) for f in findings(doc(*figs), "awards_sum_levels")}
    assert res == {(46, "ok", 46), (205, "ok", 205)}


def test_awards_whose_level_is_not_known_are_what_the_levels_lack_when_with_them_it_adds_up():
    figs = [fig("award_total", 36, 1, recipient_type="all", level="all", year=2017),
            award(2, 2, "tập thể", None, level=None), award(4, 2, "cá nhân", None, level=None),
            award(8, 3, "tập thể", "UBND huyện", level="district", form="Giấy khen"),
            award(22, 3, "cá nhân", "UBND huyện", level="district", form="Giấy khen")]
    assert {(f.status, f.computed) for f in findings(doc(*figs), "awards_sum_levels")} == {("ok", 36)}
    figs[0] = fig("award_total", 40, 1, recipient_type="all", level="all", year=2017)  # adds up neither way
    assert {(f.status, f.computed) for f in findings(doc(*figs), "awards_sum_levels")} == {("mismatch", 30)}


def test_households_are_their_own_recipient_type():
    figs = [fig("award_total", 6, 1, recipient_type="hộ gia đình", level="district"),
            award(1, 2, "hộ gia đình", "UBND tỉnh", level="district"),
            award(5, 3, "hộ gia đình", "UBND huyện", level="district", form="Giấy khen"),
            award(37, 3, "cá nhân", "UBND huyện", level="district", form="Giấy khen")]
    assert [(f.status, f.computed) for f in findings(doc(*figs), "awards_sum_issuers")] == [("ok", 6)]


def test_money_total_equals_parts():
    [f] = findings(doc(*seed_001_awards()), "money_sum_parts")
    assert (f.status, f.claimed, f.computed) == ("ok", 146_530_000, 146_530_000)
    assert "146.530.000" in f.message_vi and "115.720.000 + 30.810.000" in f.message_vi
    figs = seed_001_awards()
    figs[-1].value = 30_000_000
    [f] = findings(doc(*figs), "money_sum_parts")
    assert (f.status, f.difference) == ("mismatch", 810_000)


def test_money_parts_with_another_purpose_are_not_summed():
    d = doc(fig("money", 100, 1, level="all", purpose="khen thưởng"),
            fig("money", 60, 2, level="province", purpose="khen thưởng"),
            fig("money", 40, 3, level="district", purpose="Khen thuong"),
            fig("money", 999, 4, level="district", purpose="tuyên truyền"))
    assert statuses(d, "money_sum_parts") == ["ok"]


def test_coverage_rules():
    ok = fig("coverage", 13, 10, total=13, unit_kind="xã, thị trấn", gazetteer_total=13, gazetteer_unit="Huyện Tam Đường",
             raw="13/13")
    assert statuses(doc(ok), "coverage_within_total") == ["ok"]
    assert statuses(doc(ok), "coverage_vs_gazetteer") == ["ok"]
    over = fig("coverage", 14, 10, total=13, gazetteer_total=14, raw="14/13")
    [f] = findings(doc(over), "coverage_vs_gazetteer")
    assert (f.status, f.claimed, f.computed, f.severity) == ("mismatch", 13, 14, "warning")
    assert statuses(doc(over), "coverage_within_total") == ["mismatch"]
    unknown = fig("coverage", 13, 10, total=13, raw="13/13")
    assert statuses(doc(unknown), "coverage_vs_gazetteer") == ["unverifiable"]


def test_rerunning_the_stage_replaces_its_findings():
    d = doc(*drives_2023())
    audit.run(d)
    n = len(d.findings)
    audit.run(d)
    assert len(d.findings) == n > 0


def test_non_numeric_value_is_unverifiable():
    figs = drives_2023()
    figs[2].value = "ba trăm"
    assert statuses(doc(*figs), "units_sum_drives") == ["unverifiable"]


def test_findings_are_nfc_and_round_trip_through_json():
    import unicodedata

    from pipeline.model import Document

    d = doc(*seed_001_awards())
    audit.run(d)
    for f in d.findings:
        assert unicodedata.is_normalized("NFC", f.message_vi)
    again = Document.from_dict(d.to_dict())
    assert again.findings == d.findings


def test_award_total_without_level_is_not_summed():
    figs = [fig("award_total", 5, 1, recipient_type="tập thể"), award(3, 2, "tập thể", "UBND tỉnh", level=None)]
    assert statuses(doc(*figs), "awards_sum_issuers") == []


def test_the_recipients_a_decision_counts_against_the_sections_of_its_list_table():
    from tests.test_tables import run

    head = ("UBND HUYỆN SÌN HỒ\n\nSố: 150/QĐ-UBND            Sìn Hồ, ngày 30 tháng 12 năm 2022\n\nQUYẾT ĐỊNH\n"
            "Về việc khen thưởng công tác hiến máu tình nguyện năm 2022\n\n")
    text = ("Điều 1. Tặng Giấy khen của Chủ tịch UBND huyện cho 02 tập thể và {n} cá nhân có thành tích xuất sắc "
            "(có danh sách kèm theo).\n\nDANH SÁCH\nSTT   Tên tập thể, cá nhân                Số lần hiến máu\n"
            "I     Tập thể\n1     Trường THCS Pa Tần\n2     Trạm Y tế xã Tả Phìn\nII    Cá nhân\n"
            "1     Ông Lò Văn A, xã Pa Tần                  10\n2     Bà Lù Thị B, xã Tả Phìn                   8\n"
            "3     Ông Vàng A C, xã Nậm Tăm                  7\n")
    doc = run(head + text.format(n="03"))
    [t] = doc.tables
    assert [c.meaning for c in t.columns][:2] == ["stt", "person_name"]
    got = [(f.subject.split(" listed")[0], f.status, f.computed) for f in doc.findings if f.code == "A205"]
    assert got == [("tập thể", "ok", 2), ("cá nhân", "ok", 3)]
    bad = run(head + text.format(n="04"))
    assert [(f.status, f.claimed) for f in bad.findings if f.code == "A205"] == [("ok", 2), ("mismatch", 4)]


def test_recipients_counted_against_a_list_of_one_type_named_by_its_name_column():
    from tests.test_tables import HEAD, run

    text = ("Điều 1. Tặng Giấy khen cho 02 tập thể và {n} cá nhân (có danh sách kèm theo).\n\n"
            "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG\n\n"
            "STT   Họ và tên           Đơn vị                          Số lần hiến máu\n"
            "1     Lò Văn A            Xã Tả Phìn                                   12\n"
            "2     Hoàng Thị B         Xã Pa Tần                                     9\n"
            "3     Đinh Văn C          Thị trấn Sìn Hồ                              15\n")
    doc = run(HEAD + text.format(n="03"))
    assert [(f.status, f.claimed, f.computed) for f in doc.findings if f.code == "A205"] == [("ok", 3, 3)]
    bad = run(HEAD + text.format(n="04"))
    assert [(f.status, f.claimed, f.computed) for f in bad.findings if f.code == "A205"] == [("mismatch", 4, 3)]
    # a list of people that no attached award list is: not counted
    other = run(HEAD + text.format(n="04").replace(" (có danh sách kèm theo)", "").replace(
        "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG", "Người hiến máu nhiều lần"))
    assert not [f for f in other.findings if f.code == "A205"]


def test_two_lists_of_one_recipient_type_each_counted_against_the_article_of_its_award_form():
    from tests.test_tables import HEAD, run

    text = ("Điều 1. Tặng Giấy khen của Chủ tịch UBND huyện cho 03 cá nhân (Danh sách 1).\n\n"
            "Điều 2. Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho {n} cá nhân (Danh sách 2).\n\n"
            "Danh sách 1\nCÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN\n\n"
            "STT   Họ và tên           Đơn vị                          Số lần hiến máu\n"
            "1     Lò Văn A            Xã Tả Phìn                                    7\n"
            "2     Hoàng Thị B         Xã Pa Tần                                     6\n"
            "3     Đinh Văn C          Thị trấn Sìn Hồ                               8\n\n"
            "Danh sách 2\nCÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN\n\n"
            "STT   Họ và tên           Đơn vị                          Số lần hiến máu\n"
            "1     Lò Văn D            Xã Tả Phìn                                   12\n"
            "2     Hoàng Thị E         Xã Pa Tần                                    15\n")
    doc = run(HEAD + text.format(n="02"))
    assert sorted((f.status, f.claimed) for f in doc.findings if f.code == "A205") == [("ok", 2), ("ok", 3)]
    bad = run(HEAD + text.format(n="03"))
    assert sorted((f.status, f.claimed, f.computed) for f in bad.findings if f.code == "A205") == [
        ("mismatch", 3, 2), ("ok", 3, 3)]


def test_recipients_listed_as_numbered_lines_under_their_type_against_the_count_before():
    from tests.test_tables import HEAD, run

    text = ("Tặng Giấy khen cho 02 tập thể và {n} cá nhân có thành tích trong phong trào hiến máu năm 2022, gồm:\n"
            "a) Tập thể:\n   1. Ban CHQS huyện Sìn Hồ;\n   2. Công an huyện Sìn Hồ;\n"
            "b) Cá nhân:\n   1. Lò Văn A, Ban CHQS huyện;\n   2. Vàng A B, Công an huyện;\n   3. Tẩn Văn C, xã Pa Tần.\n")
    assert sorted((f.status, f.claimed) for f in run(HEAD + text.format(n="03")).findings if f.code == "A203") == [
        ("ok", 2), ("ok", 3)]
    assert sorted((f.status, f.claimed, f.computed) for f in run(HEAD + text.format(n="04")).findings
                  if f.code == "A203") == [("mismatch", 4, 3), ("ok", 2, 2)]


def test_award_money_written_as_products_and_subtotals_under_a_total():
    from tests.test_tables import HEAD, run

    text = ("Điều 2. Chi tiền thưởng, cụ thể:\n\n1. Kèm theo Bằng khen:\n   - Tập thể: 03 tập thể x 2.600.000 đồng = "
            "{p} đồng;\n   - Cá nhân: 05 cá nhân x 1.300.000 đồng = 6.500.000 đồng.\n   Cộng: 14.300.000 đồng.\n\n"
            "2. Kèm theo Giấy khen:\n   - Tập thể: 07 tập thể x 780.000 đồng = 5.460.000 đồng;\n   - Cá nhân: 16 cá "
            "nhân x 390.000 đồng = 6.240.000 đồng.\n   Cộng: 11.700.000 đồng.\n\nTổng số tiền thưởng: {t} đồng.\n")
    doc = run(HEAD + text.format(p="7.800.000", t="26.000.000"))
    assert sorted((f.code, f.status) for f in doc.findings if f.code in ("A306", "A307")) == [
        ("A306", "ok")] + [("A307", "ok")] * 4
    bad = run(HEAD + text.format(p="8.700.000", t="26.300.000"))
    assert sorted((f.code, f.claimed, f.computed) for f in bad.findings if f.code in ("A306", "A307")
                  and f.status == "mismatch") == [("A306", 26300000, 26000000), ("A307", 8700000, 7800000)]


def test_a_count_the_amount_each_and_their_product_written_in_words():
    from tests.test_tables import HEAD, run

    text = ("Tôn vinh người hiến máu nhiều lần:\n* Hiến máu 05 lần: 24 người, mỗi người được tặng 200.000 đồng, thành "
            "tiền 4.800.000 đồng;\n* Hiến máu 10 lần: 09 (chín) người, mỗi người 300.000 đồng, thành tiền {p} đồng.\n")
    doc = run(HEAD + text.format(p="2.700.000"))
    assert sorted((f.status, f.claimed) for f in doc.findings if f.code == "A307") == [("ok", 2700000),
                                                                                       ("ok", 4800000)]
    bad = run(HEAD + text.format(p="3.700.000"))
    assert [(f.claimed, f.computed) for f in bad.findings if f.code == "A307" and f.status == "mismatch"] == [
        (3700000, 2700000)]


def test_a_change_in_percentage_points_against_the_two_rates_it_names():
    from tests.test_tables import HEAD, run

    doc = run(HEAD + "Tỷ lệ hiến được 84,0% (năm 2021 là 87,5%), giảm {d} điểm phần trăm. Tỷ lệ người hiến máu nhắc "
                     "lại tăng từ 34,7% lên 40,8% (tăng 6,1 điểm phần trăm).\n".replace("{d}", "3,5"))
    assert sorted((f.status, f.claimed) for f in doc.findings if f.code == "A310") == [("ok", 3.5), ("ok", 6.1)]
    bad = run(HEAD + "Tỷ lệ hiến được 84,0% (năm 2021 là 87,5%), giảm 4,5 điểm phần trăm.\n")
    assert [(f.status, f.computed) for f in bad.findings if f.code == "A310"] == [("mismatch", 3.5)]
