"""Round 8 of probes: drives listed without verbs, figures named before them, tables of clusters and of drives side by
side, shares of units counted x/y. Text written for the tests (places real, figures invented)."""

from pipeline.model import Figure, make_span
from pipeline.reconcile import run as reconcile
from pipeline.tables.interpret import canonical_level
from tests.test_reconcile import HEADER, ctx, gaz, make_doc, matcher  # noqa: F401  (fixtures)
from tests.test_tables import HEAD, run


def statuses(doc, code):
    return [f.status for f in doc.findings if f.code == code]


DRIVES = """Năm 2022, Ban Chỉ đạo huyện tổ chức {n} đợt hiến máu tập trung, cụ thể:

- Ngày 12/3/2022, tại Nhà văn hóa xã Tả Phìn, hưởng ứng "Lễ hội Xuân hồng": tiếp nhận 110 đơn vị máu;
- Ngày 10/6/2022, tại thị trấn Sìn Hồ, hưởng ứng Ngày Quốc tế người hiến máu 14/6: 96 đơn vị;
- Ngày 20/8/2022, tại Trạm Y tế xã Pa Tần, số đơn vị máu thu được là 84;
- Ngày 18/11/2022, tại thị trấn Sìn Hồ: 120 đơn vị.

2. Kết quả chung

Số đơn vị máu tiếp nhận cả năm là {total}, đạt 102,5% kế hoạch năm (400 đơn vị).
"""


def test_drives_listed_by_date_give_their_units_with_or_without_a_verb():
    doc = run(HEAD + DRIVES.format(n="bốn", total="410"))
    drives = {f.attrs["drive_no"]: f.value for f in doc.figures if f.kind == "units_received"
              and f.attrs.get("drive_no") is not None}
    assert drives == {1: 110, 2: 96, 3: 84, 4: 120}
    # the item's venue is where the drive was held, not a commune's own figure; "2. Kết quả chung" ends the list
    assert not [f for f in doc.figures if f.kind == "units_received" and f.attrs.get("about")]
    assert statuses(doc, "A101") == ["ok"] and statuses(doc, "A106") == ["ok"]
    assert statuses(doc, "A104") == ["ok"]  # 410 named before it ("Số đơn vị máu tiếp nhận cả năm là 410")
    assert statuses(run(HEAD + DRIVES.format(n="ba", total="410")), "A106") == ["mismatch"]
    assert statuses(run(HEAD + DRIVES.format(n="bốn", total="420")), "A101") == ["mismatch"]


def test_a_number_named_before_it_is_no_other_unit_s():
    doc = run(HEAD + "Số đơn vị máu tiếp nhận là 684, đạt 105,2% kế hoạch năm (650 đơn vị). Mức hỗ trợ cho mỗi người "
                     "hiến máu là 30.000 đồng; số người hiến máu lần đầu là 120 người.\n")
    assert [f.value for f in doc.figures if f.kind == "units_received"] == [684]
    assert statuses(doc, "A104") == ["ok"]


def test_one_drive_singled_out_is_no_total_and_a_range_of_months_no_month():
    doc = run(HEAD + "Từ tháng 01 đến hết tháng 6/2022, toàn huyện tổ chức 02 đợt hiến máu, tiếp nhận 300 đơn vị máu. "
                     "Đợt đông người tham gia nhất là Ngày hội ngày 14/6/2022 với 180 đơn vị máu, tiếp đến là Lễ hội "
                     "Xuân hồng với 120 đơn vị máu.\n")
    received = {f.value: f.attrs.get("about") for f in doc.figures if f.kind == "units_received"}
    assert received == {300: None, 180: "một đợt", 120: "một đợt"}
    assert "mismatch" not in statuses(doc, "A101")


def test_a_share_of_registrations_said_as_of_the_plan_is_a_rate_of_plan():
    doc = run(HEAD + "Năm 2022 có 500 người đăng ký, tiếp nhận 412 đơn vị máu, bằng 41,2% kế hoạch năm.\n")
    assert not [f for f in doc.figures if f.kind == "share_percent"]
    assert [f.value for f in doc.figures if f.kind == "percent_of_plan"] == [41.2]


def test_a_certificate_given_as_an_honour_counts_among_the_awards():
    text = ("Về khen thưởng, Chủ tịch UBND huyện tặng Giấy khen cho 3 tập thể, 12 cá nhân; Ban Chỉ đạo huyện tặng Giấy "
            "chứng nhận cho 28 cá nhân hiến máu từ 5 lần trở lên. Tổng cộng có 3 tập thể, {n} cá nhân được khen thưởng.\n")
    assert statuses(run(HEAD + text.format(n=40)), "A204") == ["ok"]
    assert "mismatch" in statuses(run(HEAD + text.format(n=42)), "A204")


def test_a_single_event_report_with_two_counts_of_people_copies_neither_to_its_drive():
    doc = run(HEAD.replace("Kết quả vận động hiến máu tình nguyện năm 2022", "Kết quả Ngày hội hiến máu năm 2022")
              + "Có 126 người đến đăng ký; 19 người không đủ điều kiện hiến. Số người hiến máu là 107 người, số đơn vị "
                "máu tiếp nhận là 107.\n")
    assert not [f for f in doc.figures if f.kind == "participants" and f.attrs.get("drive_no") is not None]
    assert "mismatch" not in statuses(doc, "A103")


CLUSTERS = """Đơn vị tính: đơn vị máu
STT | Đơn vị | Chỉ tiêu | Tiếp nhận | Tỷ lệ (%)
 | Cụm 1 | 60 | {c1} | 108,3
1 | Xã Tả Phìn | 30 | 33 | 110,0
2 | Xã Pa Tần | 30 | 32 | 106,7
 | Cụm 2 | 50 | 52 | 104,0
3 | Xã Nậm Tăm | 25 | 27 | 108,0
4 | Xã Căn Co | 25 | 25 | 100,0
 | Khối cơ quan huyện | 40 | 45 | 112,5
 | Tổng cộng | 150 | 162 | 108,0
"""


def test_cluster_rows_above_their_communes_and_a_row_outside_every_cluster():
    doc = run(HEAD + CLUSTERS.format(c1=65))
    assert statuses(doc, "A602") and set(statuses(doc, "A602")) == {"ok"}
    bad = run(HEAD + CLUSTERS.format(c1=66).replace("108,3", "110,0"))
    # Cụm 1's 66 is no 33 + 32; the total's 162 is no 66 + 52 + 45 but is with 65: one wrong cell, one finding
    [cluster] = [f for f in bad.findings if f.code == "A602" and f.status == "mismatch"]
    assert (cluster.claimed, cluster.computed) == (66, 65) and len(cluster.cells) > 3


DRIVE_COLUMNS = """Đơn vị tính: đơn vị máu
STT | Đơn vị | Chỉ tiêu | Đợt 1 | Đợt 2 | Đợt 3 | Cộng | Tỷ lệ (%)
1 | Xã Tả Phìn | 40 | 12 | 14 | 16 | 42 | 105,0
2 | Xã Pa Tần | 50 | 20 | - | 32 | 52 | 104,0
3 | Xã Nậm Tăm | 30 | 10 | 11 | {x} | 31 | 103,3
"""


def test_drives_side_by_side_are_each_drive_s_units_not_drive_numbers():
    doc = run(HEAD + "Năm 2022 huyện tổ chức 03 đợt hiến máu.\n\n" + DRIVE_COLUMNS.format(x=10))
    t = doc.tables[0]
    assert [c.meaning for c in t.columns] == ["stt", "unit_name", "quota", "drive_value", "drive_value",
                                              "drive_value", "received", "percent"]
    assert not [f for f in doc.figures if f.attrs.get("table") and f.attrs.get("drive_no") is not None]
    assert "mismatch" not in statuses(doc, "A106")
    assert set(statuses(doc, "A601")) == {"ok"}
    bad = run(HEAD + DRIVE_COLUMNS.format(x=12))
    assert "mismatch" in statuses(bad, "A603")


def test_a_level_word_is_kept_before_a_name_that_looks_like_another():
    assert canonical_level("Xã Phong Dụ") == "Xã Phong Dụ"
    assert canonical_level("Phuờng Tân Phong") == "Phường Tân Phong"


def test_a_share_of_units_counted_x_of_y():
    text = HEAD + "Đến cuối năm 2022, có 9/16 xã được công nhận đạt chuẩn nông thôn mới, chiếm {p}%.\n"
    assert statuses(run(text.format(p="56,3")), "A404") == ["ok"]
    assert statuses(run(text.format(p="62,5")), "A404") == ["mismatch"]
    assert not [f for f in run(HEAD + "Có 12/13 xã đạt 97% chỉ tiêu.\n").figures if f.kind == "coverage_percent"]


def test_a_count_of_xa_may_leave_out_the_thi_tran(ctx):
    doc = make_doc(*HEADER)  # Huyện Tam Đường: 12 xã and a thị trấn in 2024
    fig = Figure(kind="coverage", value=12, span=make_span(doc, 1, 6, 2, 7), attrs={"total": 12, "unit_kind": "xã"})
    doc.figures.append(fig)
    reconcile(doc, ctx)
    assert fig.attrs["gazetteer_total"] == 13 and fig.attrs["gazetteer_xa_total"] == 12
