from pipeline.model import Document, Line, Page, TokenMap, Figure, make_span, map_offsets
from pipeline.inputs.text import pages_from_text
from pipeline.text import nfc, skeleton, strip_diacritics


def test_strip_keeps_length_and_marks_gone():
    s = nfc("Tổng kết công tác hiến máu Đường")
    out = strip_diacritics(s)
    assert out == "Tong ket cong tac hien mau Duong"
    assert len(out) == len(s)
    assert skeleton("ĐỢT 1") == "dot 1"


def test_nfc_replaces_eth():
    assert nfc("\u00d0ợt") == "Đợt"


def test_document_roundtrip(tmp_path):
    pages = pages_from_text("Số: 111/BC-BCĐ\nTam Đường\fpage two")
    doc = Document(doc_id="d", path="d.txt", sha256="x", kind="txt", pages=pages)
    ln = doc.line(1, 2)
    ln.restored = "Tam Đường"
    ln.tokens = [TokenMap("Tam", "Tam", 0, 3, 0, 3), TokenMap("Đường", "Đường", 4, 9, 4, 9, alternatives=[("Dương", 0.1)])]
    doc.figures.append(Figure(kind="doc_number", value=111, span=make_span(doc, 1, 1, 4, 7)))
    p = doc.save(tmp_path / "d.json")
    back = Document.load(p)
    assert back.to_dict() == doc.to_dict()
    assert back.figures[0].span.raw == "111"
    assert back.pages[1].lines[0].text == "page two"
    assert doc.text.split("\f")[1] == "page two"


def test_span_maps_restored_offsets_to_raw():
    doc = Document(doc_id="d", path="d", sha256="x", kind="txt", pages=[Page(1, [Line(1, "Tam Puong c6 x4")])])
    ln = doc.line(1, 1)
    ln.restored = "Tam Đường có xã"
    ln.tokens = [
        TokenMap("Tam", "Tam", 0, 3, 0, 3),
        TokenMap("Puong", "Đường", 4, 9, 4, 9),
        TokenMap("c6", "có", 10, 12, 10, 12),
        TokenMap("x4", "xã", 13, 15, 13, 15),
    ]
    span = make_span(doc, 1, 1, 4, 9, restored=True)
    assert (span.raw, span.restored) == ("Puong", "Đường")
    assert map_offsets(ln, 10, 15, from_restored=False) == (10, 15)
