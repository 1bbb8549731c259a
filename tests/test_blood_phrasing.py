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


def test_one_number_over_several_recipient_types_is_the_total_of_every_award():
    from tests.test_tables import HEAD, run

    text = ("Chủ tịch UBND tỉnh tặng Bằng khen cho 02 cá nhân. Chủ tịch UBND huyện tặng Giấy khen cho 05 tập thể, "
            "11 cá nhân và 03 hộ gia đình.\nCả năm có {n} lượt tập thể, cá nhân và hộ gia đình được khen thưởng.\n")
    doc = run(HEAD + text.format(n=21))
    [total] = [f for f in doc.figures if f.kind == "award_total"]
    assert total.value == 21 and total.attrs["recipient_type"] == "all" and total.attrs["level"] == "all"
    [check] = [f for f in doc.findings if f.rule == "awards_sum_levels"]
    assert check.status == "ok"  # 2 + 5 + 11 + 3
    doc = run(HEAD + text.format(n=24))
    assert [f.status for f in doc.findings if f.rule == "awards_sum_levels"] == ["mismatch"]


def test_a_rate_set_as_a_goal_is_no_result():
    got = figures("Năm 2023 tiếp nhận 450 đơn vị máu, đạt 90% kế hoạch. Năm 2024 phấn đấu hoàn thành 100% chỉ tiêu "
                  "được giao; mục tiêu đạt 100% kế hoạch.", "percent")
    assert [v for k, v, _ in got] == [90.0]
