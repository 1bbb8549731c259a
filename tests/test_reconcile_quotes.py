"""Place names inside quoted campaign names. Text written for the test."""

from tests.test_tables import HEAD, run


def test_a_place_name_at_the_end_of_a_quoted_campaign_is_no_place_mention():
    from pipeline.context import Context
    from pipeline.reconcile import run as reconcile

    doc = run(HEAD + "Đợt 2 hưởng ứng Ngày hội hiến máu “Giọt hồng Pa Tần” tại trung tâm huyện; chương trình "
                     "“Pa Tần chung tay” được duy trì.\n")
    doc = reconcile(doc, Context())
    quoted = [p for p in doc.places if p.mention.startswith("Pa Tần")]
    line = doc.line(quoted[0].span.page, quoted[0].span.line).best
    assert len(quoted) == 1 and quoted[0].span.start > line.index("chương trình")  # the second quote only
