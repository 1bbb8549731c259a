"""Fuzzing the text path: any bytes give a Document or a typed one-line error, never a crash, and every later
stage keeps the contract on whatever text comes out (huge lines, zero-width, combining and RTL marks).
Large files decode the same read in chunks as whole."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import inputs  # noqa: F401  (the package the fuzzing is about)
from pipeline.context import Context, Settings
from pipeline.errors import VnReportsError
from pipeline.inputs import text as text_mod
from pipeline.inputs.encodings import decode
from pipeline.inputs.text import decode_text, pages_from_text, read_text
from pipeline.model import DocKind, Document
from pipeline.runner import apply_stages
from tests.test_inputs_encodings import SENTENCE, VNI, to_cp1258_bytes, to_tcvn3_bytes

ODD = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u200e", "\u200f", "\u202a", "\u202b", "\u202e",
       "\u2066", "\u2069", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302\u0306", "\u00a0", "\f",
       "\t", "\r", "\r\n", "\x0b", "\ufffd", "\U0001f600", "ـ", "ש", "ا"]
VIET = list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
            "ĐĂÂÊÔƠƯ0123456789 .,:;/-()%\n")
fuzz = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
text_strategy = st.lists(st.one_of(st.sampled_from(VIET), st.sampled_from(ODD), st.characters()), max_size=400).map("".join)


@pytest.fixture(scope="module")
def ctx():
    return Context(settings=Settings(jobs=1, executor="inline"))


@fuzz
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_fail_clearly(data):
    try:
        d = decode_text(data, "fuzz.txt")
    except VnReportsError as exc:
        assert str(exc)[:1] == "E" and "\n" not in str(exc)
        return
    assert d.text == unicodedata.normalize("NFC", d.text) and "\r" not in d.text
    assert d.encoding in ("utf-8", "utf-16", "cp1258", "cp1252", "tcvn3", "vni", "utf-8+tcvn3", "utf-8+vni")


MIXED = st.sampled_from([  # 8-bit readings (UTF-16 has its own line ends: mixed with these it is noise)
    SENTENCE.encode("utf-8"), to_cp1258_bytes(SENTENCE), to_tcvn3_bytes(SENTENCE),
    VNI.encode("cp1252"), SENTENCE.encode("cp1252", errors="replace"), b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"),
])


@fuzz
@given(st.lists(MIXED, min_size=1, max_size=4), st.binary(max_size=40))
def test_mixed_encodings_in_one_file_decode_every_line(parts, junk):
    data = b"\n".join(parts) + junk
    try:
        d = decode_text(data, "mixed.txt")
    except VnReportsError:
        return
    lines = d.text.split("\n")
    assert len(lines) >= len(parts)  # every line is kept, whichever reading won


@fuzz
@given(text_strategy, st.integers(min_value=0, max_value=3))
def test_text_stages_keep_the_contract_on_any_text(ctx, text, repeat):
    text = text + ("x" * 20_000 + " 1.234 người\n") * (repeat == 3)  # sometimes one huge line
    doc = Document(doc_id="fuzz", path="fuzz.txt", sha256="0" * 64, kind=DocKind.TXT,
                   pages=pages_from_text(unicodedata.normalize("NFC", text)), stages=["ocr"])
    try:
        doc = apply_stages(doc, ctx)  # contract checked after every stage (E201 on a breach)
    except VnReportsError as exc:
        pytest.fail(f"a stage broke on fuzzed text: {exc}")
    again = Document.from_dict(doc.to_dict())
    assert again.to_json() == doc.to_json()


@pytest.mark.parametrize("encoding, encode", [
    ("utf-8", lambda t: t.encode("utf-8")),
    ("utf-8", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    ("utf-16", lambda t: t.encode("utf-16")),
    ("utf-16", lambda t: t.encode("utf-16-be")),
    ("cp1258", to_cp1258_bytes),
    ("tcvn3", to_tcvn3_bytes),
    ("vni", None),
])
def test_large_file_read_in_chunks_equals_whole(tmp_path, monkeypatch, encoding, encode):
    """Chunks of 7 bytes and a 1 KB head: boundaries fall inside characters and VNI words."""
    big = "\n".join([VNI] * 40).encode("cp1252") if encode is None else encode("\n".join([SENTENCE] * 40))
    path = tmp_path / "big.txt"
    path.write_bytes(big)
    monkeypatch.setattr(text_mod, "HEAD_BYTES", 1024)
    monkeypatch.setattr(text_mod, "CHUNK_BYTES", 7)
    whole = decode(big)
    streamed = read_text(path)
    assert streamed.encoding == whole.encoding == encoding
    assert streamed.text == whole.text
