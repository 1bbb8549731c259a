import pytest

from pipeline.errors import EmptyFile, NotADocument
from pipeline.inputs.sniff import detect_kind, sniff


@pytest.mark.parametrize("head,kind", [
    (b"%PDF-1.7\n%\xe2\xe3", "pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
    (b"II*\x00\x08\x00", "tiff"),
    (b"MM\x00*\x00\x00", "tiff"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
    ("Số: 111/BC-BCĐ\nTam Đường".encode("utf-8"), "txt"),
    ("Báo cáo".encode("cp1258"), "txt"),
    ("\ufeffBáo cáo".encode("utf-8"), "txt"),
])
def test_sniff_by_magic(head, kind):
    assert sniff(head, "x") == kind


@pytest.mark.parametrize("head,why", [
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (b"\x7fELF\x02\x01", "executable"),
    (bytes(range(256)) * 4, "unrecognised"),
])
def test_sniff_refuses_non_documents(head, why):
    with pytest.raises(NotADocument, match=why):
        sniff(head, "x")


def test_zero_bytes_is_empty(tmp_path):
    f = tmp_path / "a.pdf"
    f.write_bytes(b"")
    with pytest.raises(EmptyFile):
        detect_kind(f)


def test_extension_does_not_decide(tmp_path):
    f = tmp_path / "report.pdf"  # a PNG wearing a PDF name
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    assert detect_kind(f) == "png"
    g = tmp_path / "scan.png"
    g.write_text("Kế hoạch 904/KH-UBND", encoding="utf-8")
    assert detect_kind(g) == "txt"


def test_errors_are_one_line_with_code():
    with pytest.raises(NotADocument) as exc:
        sniff(b"\x7fELF\n\n", "bin\nname")
    assert str(exc.value).startswith("E102 ") and "\n" not in str(exc.value)


def test_text_whose_head_ends_inside_a_character_is_text(tmp_path):
    from pipeline.inputs.sniff import HEAD_BYTES

    body = ("Ỷ" * HEAD_BYTES).encode("utf-8")  # three bytes a character: the head ends mid-character
    for cut in range(3):
        f = tmp_path / f"t{cut}.txt"
        f.write_bytes(b"x" * cut + body)
        assert detect_kind(f) == "txt"


def test_utf16_without_a_byte_order_mark_is_text(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("Báo cáo kết quả hiến máu năm 2023\n".encode("utf-16-le") * 50)
    assert detect_kind(f) == "txt"
