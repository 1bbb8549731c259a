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
