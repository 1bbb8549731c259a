"""Shapes met in round 33 of probes: items of a list each with a rate and its product, `xây mới` that is no `mỗi`, two
levels of a fund together, a quota shared out by block, an amount compared with in brackets before a list, and a
measure after a quoted count."""

from tests.test_round13 import figures, statuses
from tests.test_tables import HEAD, run

FUND_HEAD = ("ỦY BAN MTTQ VIỆT NAM\nHUYỆN GÒ CÔNG TÂY\n\nSố: 41/BC-MTTQ          Gò Công Tây, ngày 20 tháng 6 năm 2023\n\n"
             "BÁO CÁO\nKết quả vận động Quỹ Vì người nghèo 6 tháng đầu năm 2023\n\n")


def test_list_items_each_with_a_rate_and_its_product():
    text = (FUND_HEAD + "Ban Vận động Quỹ các cấp đã chi tổng cộng {total} triệu đồng, cụ thể:\n\n"
            "a) Xây mới 14 căn nhà Đại đoàn kết, mỗi căn hỗ trợ 50 triệu đồng, thành tiền 700 triệu đồng.\n\n"
            "b) Sửa chữa 9 căn nhà, mỗi căn 20 triệu đồng, thành tiền 180 triệu đồng.\n\n"
            "c) Hỗ trợ khám, chữa bệnh cho người nghèo: 95 triệu đồng.\n")
    assert statuses(run(text.format(total="975")), "A302") == ["ok"]
    assert statuses(run(text.format(total="1.095")), "A302") == ["mismatch"]


def test_a_new_house_is_no_each_and_two_levels_together_are_all():
    doc = run(FUND_HEAD + "Quỹ cấp huyện và cấp xã đã tiếp nhận 1.286 triệu đồng. Tổng số tiền đã chi là 2.115 triệu "
                          "đồng, gồm: xây mới nhà 1.300 triệu đồng, sửa chữa nhà 320 triệu đồng, học bổng 290 triệu đồng, "
                          "khám chữa bệnh 205 triệu đồng.\n")
    new_houses = [f for f in figures(doc, "money") if f.value == 1_300_000_000]
    assert new_houses and not new_houses[0].attrs.get("per")
    assert statuses(doc, "A302") == ["ok"] and "mismatch" not in statuses(doc, "A301")


def test_a_quota_shared_out_by_block_is_no_year_s_quota():
    text = (HEAD.replace("BÁO CÁO\nKết quả vận động hiến máu tình nguyện năm 2022", "KẾ HOẠCH\nVận động hiến máu tình "
                         "nguyện năm 2023").replace("12/BC-BCĐ", "12/KH-BCĐ")
            + "1. Toàn huyện phấn đấu tiếp nhận 1.200 đơn vị máu.\n\n"
            "2. Phân bổ chỉ tiêu theo khối: các xã, thị trấn 780 đơn vị; các cơ quan, trường học 270 đơn vị; lực lượng "
            "vũ trang huyện 150 đơn vị.\n\n"
            "Năm 2023 tổ chức 4 đợt: đợt 1 là 300 đơn vị, đợt 2 là 350 đơn vị, đợt 3 là 250 đơn vị, đợt 4 là 300 đơn "
            "vị.\n")
    doc = run(text)
    shares = {f.value: f.attrs.get("about") for f in figures(doc, "units_quota") if "part_of" in f.attrs}
    assert shares == {780: "các xã, thị trấn", 270: "các cơ quan, trường học", 150: "lực lượng vũ trang huyện"}
    assert "mismatch" not in statuses(doc, "A105")


def test_an_amount_compared_with_in_brackets_opens_no_list():
    doc = run(FUND_HEAD + "Tổng doanh thu ước đạt 102.510 triệu đồng, tăng 15,9% so với cùng kỳ (88.460 triệu đồng), "
                          "trong đó:\n- Vé tham quan: 36.850 triệu đồng;\n- Lưu trú: 48.270 triệu đồng;\n- Ăn uống: "
                          "17.390 triệu đồng.\n")
    assert statuses(doc, "A302") == ["ok"]


def test_the_parts_of_units_supplied_are_no_units_received():
    doc = run(HEAD + "Năm 2022 Trung tâm tiếp nhận 31.365 đơn vị máu từ người hiến. Trung tâm đã cung cấp tổng cộng 30.508 "
                     "đơn vị chế phẩm máu, trong đó khối hồng cầu 21.364 đơn vị (chiếm 70,0%), huyết tương 6.016 đơn vị "
                     "(19,7%), khối tiểu cầu 3.128 đơn vị (10,3%).\n")
    assert [f.value for f in figures(doc, "units_received")] == [31365]
    assert not figures(doc, "participants")  # "máu từ người hiến": "từ" is no "tư", four
    assert "mismatch" not in statuses(doc, "A114")


def test_a_share_of_those_registered_is_of_no_other_count():
    doc = run(HEAD + "Năm 2022 có 811 người hiến máu thành công. Số người không đủ điều kiện hiến là 128 người, chiếm "
                     "13,6% số người đăng ký.\n")
    assert "mismatch" not in statuses(doc, "A114")  # the registered are not given: nothing to set it against


def test_prizes_counted_then_broken_down():
    text = (HEAD + "Tại kỳ thi chọn học sinh giỏi cấp huyện, trường đạt {n} giải, gồm 2 giải Nhất, 4 giải Nhì, 5 giải Ba "
            "và 3 giải Khuyến khích.\n")
    assert statuses(run(text.format(n="14")), "A403") == ["ok"]
    assert statuses(run(text.format(n="15")), "A403") == ["mismatch"]
