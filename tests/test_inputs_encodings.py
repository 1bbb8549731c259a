"""Text inputs are decoded once, in full, whatever encoding the archive used."""

import unicodedata

import pytest

from pipeline.errors import CorruptFile, EmptyFile
from pipeline.inputs.encodings import _TCVN3_LOWER, _TCVN3_UPPER, decode, from_vni, vietnamese_score
from pipeline.inputs.text import decode_text

SENTENCE = ("Báo cáo kết quả công tác vận động hiến máu tình nguyện năm 2023 của Ban Chỉ đạo huyện Tam Đường, "
            "tỉnh Lai Châu.\nƯớc tính được ở ngoài đường; thường trực, Số: 111/BC-BCĐ, ngày 26 tháng 11")
TCVN3 = {**_TCVN3_LOWER, **_TCVN3_UPPER}


def to_tcvn3_bytes(text: str) -> bytes:
    """TCVN3 has no precomposed capitals with tones: a typist writes them in lower case with a caps font."""
    out = []
    for ch in text:
        if ch in TCVN3:
            out.append(TCVN3[ch])
        elif ch.lower() in TCVN3 and not ch.isascii():
            out.append(TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out).encode("latin-1")


def to_cp1258_bytes(text: str) -> bytes:
    """Windows-1258 keeps the hats and horns precomposed and writes tones as combining marks."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tones = [c for c in d if c in "\u0300\u0301\u0303\u0309\u0323"]
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones)) + "".join(tones))
    return "".join(out).encode("cp1258")


VNI = ("Baùo caùo keát quaû coâng taùc vaän ñoäng hieán maùu tình nguyeän naêm 2023 cuûa Ban Chæ ñaïo huyeän "
       "Tam Ñöôøng, tænh Lai Chaâu.\nÖôùc tính ñöôïc ôû ngoaøi ñöôøng; thöôøng tröïc, Soá: 111/BC-BCÑ, ngaøy 26 thaùng 11")


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", SENTENCE.encode("utf-8")),
    ("utf-8", b"\xef\xbb\xbf" + SENTENCE.encode("utf-8")),
    ("utf-16", SENTENCE.encode("utf-16")),  # with a byte-order mark
    ("utf-16", SENTENCE.encode("utf-16-le")),  # without one
    ("utf-16", SENTENCE.encode("utf-16-be")),
    ("cp1258", to_cp1258_bytes(SENTENCE)),
    ("vni", VNI.encode("cp1252")),
])
def test_every_encoding_decodes_every_line(encoding, data):
    d = decode(data)
    assert d.encoding == encoding
    assert d.text == SENTENCE


def test_tcvn3_decodes_every_line_short_ones_too():
    d = decode(to_tcvn3_bytes(SENTENCE))
    assert d.encoding == "tcvn3"
    # capitals with tones are written in lower case in TCVN3: compare without case
    assert d.text.lower() == SENTENCE.lower()
    assert "Số: 111/BC-BCĐ".lower() in d.text.lower()  # a short line is decoded too


def test_western_code_page_is_not_read_as_utf16():
    text = "Số liệu về hiến máu của năm 2023 tại các xã được tổng hợp như sau"
    d = decode(text.encode("cp1252", errors="replace"))
    assert d.encoding in ("cp1252", "cp1258")
    assert "hi?n máu" in d.text and "\x00" not in d.text


def test_legacy_text_saved_as_utf8_is_converted():
    tcvn3_as_unicode = to_tcvn3_bytes(SENTENCE).decode("latin-1")
    d = decode(tcvn3_as_unicode.encode("utf-8"))
    assert d.encoding == "utf-8+tcvn3" and d.text.lower() == SENTENCE.lower()
    assert from_vni("Vieät Nam ñaõ ñöôïc quoác teá coâng nhaän") == "Việt Nam đã được quốc tế công nhận"


def test_score_prefers_vietnamese():
    assert vietnamese_score(SENTENCE) > 0.9 > vietnamese_score(VNI)


def test_empty_and_binary_text_get_clear_errors():
    with pytest.raises(EmptyFile):
        decode_text(b"  \n ", "blank.txt")
    with pytest.raises(CorruptFile):
        decode_text(bytes(range(1, 32)) * 20, "noise.txt")
