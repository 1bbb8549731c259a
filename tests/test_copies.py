from pipeline.copies import copy_groups, identity, primaries, primary_of
from pipeline.model import Document, Identity


def doc(doc_id, kind, path, sha, number=111, issuer="106", year=2024):
    return Document(doc_id=doc_id, path=path, sha256=sha, kind=kind,
                    identity=Identity(number=number, issuer_body_code=issuer, report_year=year))


def test_text_is_the_primary_copy_and_scans_follow():
    scan = doc("scan", "pdf-image", "scans/a.pdf", "1")
    text = doc("text", "txt", "text/a.txt", "2")
    other = doc("other", "txt", "text/b.txt", "3", number=112)
    groups = copy_groups([scan, other, text])
    assert [[d.doc_id for d in g] for g in groups] == [["text", "scan"], ["other"]]
    assert primary_of([scan, other, text]) == {"text": None, "scan": "text", "other": None}
    assert [d.doc_id for d in primaries([scan, other, text])] == ["other", "text"]


def test_same_bytes_are_copies_even_without_identity():
    a = doc("a", "txt", "a.txt", "same", number=None)
    b = doc("b", "txt", "b.txt", "same", number=None)
    assert identity(a) is None
    assert primary_of([b, a]) == {"a": None, "b": "a"}


def test_different_years_are_different_reports():
    assert len(copy_groups([doc("a", "txt", "a", "1", year=2023), doc("b", "txt", "b", "2", year=2024)])) == 2


# -- copies recognised by their content when OCR misread their identity ---------------------------------

from pipeline.copies import content, same_content  # noqa: E402
from pipeline.model import Line, Page  # noqa: E402

REPORT = """Năm {year}, toàn tỉnh tổ chức {d1} đợt hiến máu tình nguyện, tiếp nhận {u1} đơn vị máu
đạt {p1}% kế hoạch giao là {q1} đơn vị. Huyện Tam Đường tiếp nhận {u2} đơn vị, huyện Sìn Hồ {u3} đơn vị,
huyện Phong Thổ {u4} đơn vị, thành phố Lai Châu {u5} đơn vị. Có {n1} lượt người đăng ký,
{n2} người hiến máu lần đầu; khen thưởng {a1} tập thể và {a2} cá nhân; kinh phí {m1}.000 đồng."""


def report_doc(doc_id, kind, sha, text, number=111, issuer="BCĐ", year=2024, strip=False):
    lines = [Line(i + 1, skeleton_if(t, strip)) for i, t in enumerate(text.splitlines())]
    d = doc(doc_id, kind, f"{doc_id}.x", sha, number=number, issuer=issuer, year=year)
    d.pages = [Page(1, lines)]
    return d


def skeleton_if(t, strip):
    from pipeline.text import strip_diacritics
    return strip_diacritics(t) if strip else t


FIGS_2024 = dict(year=2024, d1=12, u1=3512, p1=102, q1=3440, u2=410, u3=385, u4=372, u5=1630,
                 n1=4120, n2=1210, a1=14, a2=96, m1=125400)
FIGS_2025 = dict(year=2025, d1=11, u1=3390, p1=98, q1=3460, u2=402, u3=366, u4=351, u5=1611,
                 n1=3980, n2=1105, a1=12, a2=88, m1=131200)


def test_a_scan_whose_issuer_and_date_were_misread_is_still_a_copy():
    text = report_doc("text", "txt", "1", REPORT.format(**FIGS_2024))
    # OCR of a poor scan: marks lost, issuer read as another code, one figure misread
    scan_text = REPORT.format(**{**FIGS_2024, "u4": 312})
    scan = report_doc("scan", "pdf-image", "2", scan_text, issuer="BCP", strip=True)
    assert identity(scan) != identity(text)
    assert same_content(content(text), content(scan))
    assert primary_of([scan, text]) == {"text": None, "scan": "text"}


def test_the_same_template_a_year_later_is_another_report():
    a = report_doc("a", "txt", "1", REPORT.format(**FIGS_2024), number=111)
    b = report_doc("b", "txt", "2", REPORT.format(**FIGS_2025), number=98, year=2025)
    assert not same_content(content(a), content(b))  # same wording, other figures
    assert len(copy_groups([a, b])) == 2


def test_few_numbers_are_no_evidence():
    short = "Tiếp nhận {u} đơn vị máu."
    a = report_doc("a", "txt", "1", short.format(u=120), number=1)
    b = report_doc("b", "txt", "2", short.format(u=120), number=2)
    assert not same_content(content(a), content(b))
