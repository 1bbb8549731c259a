"""Restoration's lexicon and document adaptation: names, report families, the document cache, acronyms
kept as written, letters changed only on evidence of OCR damage, marked text left as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.restore import load_restorer, restore_lines, restore_text
from pipeline.restore.evaluate import words
from pipeline.restore.family import classify, count_hits, words_of
from pipeline.restore.lexicon import Lexicon, PhraseTable, default_lexicon
from pipeline.syllables import normalize

TEXT = Path(__file__).resolve().parents[1] / "corpus" / "text"

# written for these tests: a short blood-donation report and a short news item, marks stripped
BLOOD = (
    "Nam nay Hoi Chu thap do xa da phoi hop to chuc hai dot hien mau tinh nguyen. "
    "Dot mot tiep nhan 120 don vi mau, dot hai tiep nhan 96 don vi mau. "
    "Nguoi hien mau duoc kham sang loc va tu van truoc khi hien mau. "
    "Ban chi dao van dong hien mau tinh nguyen huyen bieu duong cac tap the co nhieu nguoi tham gia hien mau."
)
NEWS = (
    "Doi tuyen bong da nu da gianh chien thang trong tran dau toi qua tai san van dong quoc gia. "
    "Huan luyen vien cho biet cac cau thu se nghi ngoi hai ngay truoc khi tap luyen tro lai."
)


@pytest.fixture(scope="module")
def plain():
    return load_restorer(adapt=False)


def test_phrase_table_matches_the_longest_runs_allowed():
    table = PhraseTable.from_counts({"nam nhun": {"nậm nhùn": 3}, "ha noi": {"hà nội": 5, "hà nổi": 1},
                                     "ha": {"hà": 1}})
    assert table.match(["xa", "nam", "nhun"], [True] * 3) == {1: {"nậm": 1.0}, 2: {"nhùn": 1.0}}
    hits = table.match(["ha", "noi"], [True, True])
    assert hits[0] == {"hà": 1.0} and hits[1] == pytest.approx({"nội": 5 / 6, "nổi": 1 / 6})
    assert table.match(["nam", "nhun"], [True, False]) == {}  # a run may not cross a position not allowed
    assert table.match(["ha", "x"], [True, True]) == {0: {"hà": 1.0}}


def test_committed_lexicon_holds_gazetteer_names_families_and_acronyms():
    lex = default_lexicon()
    assert ("pác nặm", 1.0) in lex.names.entries["pac nam"]
    assert any(r == "uông bí" for r, _ in lex.names.entries["uong bi"])
    assert {"hanh_chinh", "hmtn", "giam_ngheo"} <= {f.name for f in lex.families}
    assert lex.acronyms["BCD"] == "BCĐ" and lex.acronyms["HDND"] == "HĐND"
    assert {"tp", "vn", "ubnd", "ml"} <= lex.kept


def test_gazetteer_names_are_preferred_for_capitalised_runs(plain):
    for name, stripped in (("Pác Nặm", "Pac Nam"), ("Uông Bí", "Uong Bi"), ("Đống Đa", "Dong Da")):
        text = f"UBND huyen {stripped} bao cao"
        assert name in restore_text(text)
        assert name not in restore_lines([text], plain)[0][0]  # the general models alone miss it


def test_family_classifier_reads_the_skeleton():
    fams = default_lexicon().families
    assert "hmtn" in classify(BLOOD, fams).names
    assert classify(NEWS, fams).names == []
    assert count_hits(words_of("Hiến máu, hien mau; HIEN MAU"), [("hien", "mau")]) == 3


def test_family_vocabulary_in_a_document_of_the_family(plain):
    report: dict = {}
    out = restore_lines(BLOOD.split(". "), load_restorer(), report)
    restored = " ".join(r for r, _ in out)
    assert "hmtn" in report["families"] and report["preferred"]["family"] > 0
    assert restored.count("hiến máu") == 5 and restored.count("đơn vị máu") == 2
    before = " ".join(r for r, _ in restore_lines(BLOOD.split(". "), plain))
    assert before.count("hiến máu") < 5  # what the general models make of it


def test_acronyms_and_units_kept_in_any_case():
    out = restore_text("So lieu cua tp va vn, 250 ml mau; HMTN va UBND xa, ubnd huyen")
    assert words(out)[2:5] == ["của", "tp", "và"] and "vn," in out and "250 ml" in out
    assert "HMTN và UBND xã" in out and "ubnd huyện" in out


def test_letters_change_only_on_evidence_of_ocr_damage():
    lex = default_lexicon()
    r = load_restorer()
    clean = "Cong ty phan mem tai Ha Noi da ky hd so 12 voi cac doi tac trong nuoc va ngoai nuoc"
    assert not r.ocr_damaged(clean)
    assert r.ocr_damaged("Tong két cong tac hién mau tinh nguyén nim 2023")  # marks no syllable has
    assert r.ocr_damaged("Poc 1ap - Tw do - Hanh phuc, Nha nudec")  # words no syllable could be
    assert not r.ocr_damaged("Đài Loan 台灣 và 日本 là hai")  # other scripts are no evidence
    # stripped text keeps a letter the channel could misread (hd), digits are still evidence (c6)
    out = restore_text(clean + " c6 quan")
    assert " hd " in out and out.endswith("cơ quan")
    assert "ACRONYM" not in lex.acronyms


@pytest.mark.parametrize("name", ["2017_lai-chau_bc-ton-vinh.txt", "2024_tam-duong_bc-111.txt"])
def test_text_with_its_marks_passes_through_unchanged(name):
    from pipeline.restore.evaluate import in_convention

    text = (TEXT / name).read_text(encoding="utf-8")
    assert words(restore_text(text)) == words(in_convention(text))


def test_document_cache_follows_confident_readings():
    from pipeline.restore import adapt
    from pipeline.restore.decode import Token

    def tok(raw, restored, conf):
        return Token(raw=raw, start=0, restored=restored, conf=conf, candidates=["a", "b"], skel=raw.lower())

    seg = [tok("tinh", "tỉnh", 0.95), tok("giao", "giao", 0.99), tok("tinh", "tỉnh", 0.97),
           tok("giao", "giao", 0.95), tok("tinh", "tính", 0.4)]
    table = adapt.cache_table([seg])
    assert table.entries["tinh"] == [("tỉnh", 1.0)]
    assert table.entries["tinh giao"] == [("tỉnh giao", 1.0)]
    assert adapt.unsure_segments([seg], table) == [seg]


def test_stage_records_families_and_preferences():
    from pipeline.context import Context, Settings
    from pipeline.model import Document, Line, Page
    from pipeline.restore import run

    lines = [Line(number=i + 1, text=t) for i, t in enumerate(BLOOD.split(". "))]
    doc = Document(doc_id="t", path="t.txt", sha256="", kind="txt", pages=[Page(number=1, lines=lines)])
    doc = run(doc, Context(settings=Settings()))
    assert doc.restoration.restored and "hmtn" in doc.restoration.families
    assert set(doc.restoration.preferred) == {"names", "family", "cache"}
    assert Document.from_dict(doc.to_dict()).restoration == doc.restoration


def test_lexicon_missing_file_is_empty(tmp_path):
    lex = Lexicon.load(tmp_path / "none.json.gz")
    assert lex.names.entries == {} and lex.families == [] and lex.acronyms == {}
    assert normalize("hoà") == "hòa"


def test_training_lexicon_parts(tmp_path):
    from collections import Counter

    from training.lexicon import acronym_table, domain_lines, gazetteer_names, syllables_of

    assert syllables_of("Huyết học - Truyền máu") == ["huyết", "học", "truyền", "máu"]
    assert syllables_of("Phường 12") is None
    table = acronym_table(Counter({"HĐND": 40, "HDND": 2, "ĐT": 3, "BCĐ": 9, "BCD": 4}))
    assert table == {"HDND": "HĐND"}  # ĐT too rare; BCĐ not dominant enough
    names = gazetteer_names()
    assert ["pác", "nặm"] in names
    lines = domain_lines()
    assert "huyện Pác Nặm" in lines and "hiến máu" in lines


# English-only OCR of a results table (written for this test): narrow cells lose their spaces
GLUED = [
    "B4o céo két qua tiép nhan mau cla cac xa trong huyén Mudng Té",
    "STT Don vi Tiép nhan Chi tiéu Dat (%)",
    "1 |XaTaBa 22 20 110,0",
    "2 | XaPaVéSu 21 20 105,0",
]


def test_syllables_ocr_glued_in_a_table_cell_are_restored_apart():
    out = restore_lines(GLUED)
    restored, maps = out[2]
    assert "Xã Tá Bạ" in restored
    for m in maps:  # every piece points at its letters in the printed line and in the restored one
        assert GLUED[2][m.raw_start:m.raw_end] == m.raw
        assert restored[m.rest_start:m.rest_end] == m.restored
    assert "Pa Vệ Sử" in out[3][0]


def test_camel_case_in_text_that_only_lost_its_marks_is_a_name():
    assert "YouTube" in restore_text("Doan thanh nien dang video len YouTube de tuyen truyen hien mau")
    assert "TpHCM" in restore_text("Hoi nghi tai TpHCM 12 xa tham gia")
