"""Shapes met in round 23 of probes: the last of amounts listed ``lần lượt`` is no whole for the breakdown after it,
a part counted for each of several (``mỗi quý 2 đợt``) makes no breakdown, and a whole column only the numbers named,
under no header words, is not set against the text (it may be the people registered, not the quota)."""

from tests.test_round13 import statuses
from tests.test_tables import HEAD, run


def test_the_last_of_amounts_listed_respectively_is_no_whole():
    doc = run(HEAD + "Tháng 9 tiếp nhận 1.318 đơn vị máu. Cụ thể, số đơn vị tiếp nhận theo nhóm máu O, A, B và AB lần lượt "
                     "là 561, 272, 402 và 83 đơn vị. Theo thể tích, túi 350 ml có 1.053 đơn vị; túi 250 ml có 265 đơn vị.\n")
    assert "mismatch" not in statuses(doc, "A107")


def test_a_part_counted_for_each_of_several_makes_no_breakdown():
    doc = run(HEAD + "Trong 9 tháng, huyện tổ chức 5 buổi tuyên truyền, trong đó quý I và quý II mỗi quý 2 buổi, quý III 1 "
                     "buổi.\n")
    assert statuses(doc, "A403") == []


def drives(total: str) -> str:
    return (HEAD + f"Năm 2022 huyện nhận chỉ tiêu tỉnh giao 600 đơn vị máu; cả năm tiếp nhận {total} đơn vị máu.\n\n"
            "Dot Ngay to chuc Dia diem Nguoi dxng ky Donvimau Tyl(%)\n"
            "1 08/01/2022 Thi tran Sin Ho 152 131 86,2\n"
            "2 12/4/2022 Xa Ta Phin 118 104 88,1\n"
            "3 15/6/2022 Xa Pa Tan 96 83 86,5\n"
            "Cong 366 318 86,9\n")


def test_a_whole_column_only_the_numbers_named_is_not_set_against_the_text():
    doc = run(drives("318"))
    assert "mismatch" not in statuses(doc, "A604") + statuses(doc, "A102")
    assert "mismatch" in statuses(run(drives("381")), "A604")  # the result column is still read against the text


def shares(o_share: str) -> str:
    return (HEAD + "Tháng       Nhóm O    Nhóm A    Nhóm B    Cộng\n"
            "Tháng 1        470       228       335     1.033\n"
            "Tháng 2        318       150       231       699\n"
            "Cộng           788       378       566     1.732\n"
            f"Tỷ lệ (%)     {o_share}      21,8      32,7     100,0\n")


def test_a_row_of_shares_under_the_total_row():
    assert statuses(run(shares("45,5")), "A615") == ["ok", "ok", "ok"]
    assert sorted(statuses(run(shares("54,5")), "A615")) == ["mismatch", "ok", "ok"]
