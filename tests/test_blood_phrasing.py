"""Blood-donation phrasing beyond the seeds: ranges and people honoured. Text written for the test."""

from tests.test_ocr_damage_extract import figures


def test_the_top_of_a_range_is_no_quota_of_its_own():
    got = figures("Năm 2023 phấn đấu tiếp nhận từ 1.500 đến 1.800 đơn vị máu, trong đó chỉ tiêu kế hoạch là "
                  "1.500 đơn vị máu.", "units")
    assert [v for k, v, _ in got] == [1500]


def test_people_honoured_are_not_the_year_s_donors():
    from tests.test_tables import HEAD, run
    doc = run(HEAD + "Năm 2022 có 1.210 lượt người tham gia hiến máu. Tại Lễ tôn vinh, Ban Chỉ đạo biểu dương "
                     "trên 50 người hiến máu tiêu biểu.\n")
    parts = [(f.value, f.attrs.get("about")) for f in doc.figures if f.kind == "participants"]
    assert (1210, None) in parts
    assert [a for v, a in parts if v == 50] and all(a for v, a in parts if v == 50)
