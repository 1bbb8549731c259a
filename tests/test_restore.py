"""Diacritic restoration: syllables, channel, decoder, stage contract, CLI, spaCy component."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.context import Context, Settings
from pipeline.model import Document, Line, Page, make_span
from pipeline.restore import restore_line, restore_text, run, text_signal
from pipeline.restore.channel import Channel, align_letters, prior
from pipeline.restore.evaluate import words
from pipeline.syllables import is_valid, normalize, place_tone, split_tone, well_formed

TEXT = Path(__file__).resolve().parents[1] / "corpus" / "text"
CLEAN_SEEDS = ("2017_lai-chau_bc-ton-vinh.txt", "2024_tam-duong_bc-111.txt")  # seeds 001, 003
BROKEN_SEED = "2023_tam-duong_bc-111_ocr.txt"  # seed 000


# -- syllables ---------------------------------------------------------------------------------
@pytest.mark.parametrize("word", ["hòa", "thủy", "khỏe", "quốc", "giữ", "gìn", "người", "khuỷu", "nghiêng", "được"])
def test_valid_syllables(word):
    assert is_valid(word)
    assert place_tone(*split_tone(word)) == word


@pytest.mark.parametrize("word", ["hoà", "thuỷ", "kà", "gê", "cát̀", "xyz", "tháp̃"])
def test_invalid_or_other_convention(word):
    assert not is_valid(word)


def test_stop_finals_take_only_sac_or_nang():
    assert well_formed("cát") and well_formed("cạt")
    assert not well_formed("càt") and not well_formed("cat")


def test_normalize_places_tone_by_one_convention_and_keeps_case():
    assert normalize("Hoà bình, THUỶ lợi, khoẻ") == "Hòa bình, THỦY lợi, khỏe"


# -- channel -----------------------------------------------------------------------------------
def test_align_letters_handles_two_printed_characters_for_one_letter():
    assert align_letters("của", "ciia") == [("c", "c"), ("ủ", "ii"), ("a", "a")]
    assert align_letters("có", "c6") == [("c", "c"), ("ó", "6")]


def test_channel_rewards_surviving_marks():
    ch = Channel.load()
    assert ch.counts, "learned counts (data/channel.json) are missing"
    assert ch.logp("é", "ế") > ch.logp("é", "ệ") > ch.logp("é", "ê") - 1
    assert ch.logp("ế", "ế") > ch.logp("ế", "ệ") + 1
    assert prior("6", "ó") > prior("6", "u")


def test_channel_follows_the_engine_the_text_reads_like():
    """vie output keeps its marks (a bare letter is then strong evidence of a bare letter); eng output
    loses most of them. The engines' counts are mixed by the text's measured mark loss."""
    ch = Channel.load()
    assert set(ch.by_engine) == {"eng", "vie"}
    assert ch.lost_rate["vie"] < 0.01 < 0.3 < ch.lost_rate["eng"]
    kept_marks, lost_marks = ch.logp("u", "ủ", stripped=0.0), ch.logp("u", "ủ", stripped=0.9)
    assert kept_marks < lost_marks - 1.5  # log10: over 30 times less likely in text that kept its marks
    assert ch.logp("ủ", "ủ", stripped=0.0) > ch.logp("ủ", "ủ", stripped=0.9)


def test_same_syllable_and_convention():
    from pipeline.restore.evaluate import in_convention, same_syllable, syllable_accuracy

    assert same_syllable("hoà", "hòa") and same_syllable("Thuỷ", "thủy") and not same_syllable("hoà", "họa")
    assert in_convention("VDHMTN và BCD hoà 111/BC-BCD") == "VĐHMTN và BCĐ hòa 111/BC-BCĐ"
    assert syllable_accuracy(["hoà bình"], ["hòa bình"]) == (2, 2)
    assert syllable_accuracy(["hoà bình"], ["hòa bình"], strict=True) == (1, 2)


# -- restoration -------------------------------------------------------------------------------
def test_restores_old_ocr_sentence():
    out = restore_text("Tong két cong tac hién mau tinh nguyén nim 2023")
    assert out == "Tổng kết công tác hiến máu tình nguyện năm 2023"


def test_keeps_numbers_symbols_urls_and_fixes_acronyms():
    out = restore_text("S6: 111/BC-BCD ngay 23/11/2023 cua BCD VDHMTN, UBND, CTD, ND-CP; xem http://laichau.gov.vn/a-b")
    assert "111/BC-BCĐ" in out and "23/11/2023" in out and "BCĐ VĐHMTN, UBND, CTĐ, NĐ-CP;" in out
    assert "http://laichau.gov.vn/a-b" in out
    assert out.startswith("Số:")


def test_upper_case_title_and_letter_confusions():
    assert restore_text("UBND HUYEN TAM PUONG") == "UBND HUYỆN TAM ĐƯỜNG"
    assert restore_text("Poc 1ap - Tw do - Hanh phuc") == "Độc lập - Tự do - Hạnh phúc"


def test_a_heading_s_roman_numeral_stays_and_a_common_phrase_is_no_name():
    # "V." is the fifth heading, not the letter Ư; "PHUONG HUONG" is the phrase (phương hướng) before the start of
    # a ward's name (Phường Hương Sơn), which the lexicon of names no longer lists
    assert restore_text("V. KET QUA THUC HIEN").startswith("V. ")
    from pipeline.restore.lexicon import Lexicon
    lex = Lexicon.load()
    assert "phuong huong" not in lex.names.entries and "phuong huong son" in lex.names.entries


@pytest.mark.parametrize("name", CLEAN_SEEDS)
def test_clean_documents_nearly_unchanged(name):
    text = (TEXT / name).read_text(encoding="utf-8")
    before, after = words(normalize(text)), words(restore_text(text))
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after) if a != b and a not in ("BCD", "VDHMTN")]
    assert len(changed) / len(before) < 0.005, changed


def test_restore_line_token_map_offsets():
    raw = "Tam Puong, c6 13/13 x4  thanh 1ap Ban chi dao."
    restored, tokens = restore_line(raw)
    assert restored == "Tam Đường, có 13/13 xã  thành lập Ban chỉ đạo."
    for t in tokens:
        assert raw[t.raw_start:t.raw_end] == t.raw
        assert restored[t.rest_start:t.rest_end] == t.restored
        assert 0.0 <= t.conf <= 1.0
    by_raw = {t.raw: t for t in tokens}
    assert by_raw["1ap"].restored == "lập" and not by_raw["1ap"].flagged
    assert by_raw["13/13"].restored == "13/13" and by_raw["13/13"].conf == 1.0
    assert all(isinstance(a, tuple) and len(a) == 2 for a in by_raw["chi"].alternatives)


def _doc(text: str) -> Document:
    lines = [Line(number=i + 1, text=t) for i, t in enumerate(text.split("\n"))]
    return Document(doc_id="t", path="t.txt", sha256="", kind="txt", pages=[Page(number=1, lines=lines)])


def test_stage_decides_per_document_from_signal():
    ctx = Context(settings=Settings())
    broken = run(_doc((TEXT / BROKEN_SEED).read_text(encoding="utf-8")), ctx)
    assert broken.restoration.restored is True
    assert broken.restoration.signal.marked_share < 0.2
    assert all(l.restored is not None for _, l in broken.iter_lines())
    assert broken.restoration.signal_after.marked_share > 0.6
    clean = run(_doc((TEXT / CLEAN_SEEDS[1]).read_text(encoding="utf-8")), ctx)
    assert clean.restoration.restored is False
    assert all(l.restored is None for _, l in clean.iter_lines())
    assert "restore_model" in ctx.resources


def test_stage_never_and_always_modes():
    doc = run(_doc("Tong két cong tac"), Context(settings=Settings(restore="never")))
    assert doc.line(1, 1).restored is None
    doc = run(_doc("Tổng kết công tác"), Context(settings=Settings(restore="always")))
    assert doc.line(1, 1).restored == "Tổng kết công tác"
    with pytest.raises(ValueError):
        run(_doc("x"), Context(settings=Settings(restore="sometimes")))


def test_make_span_maps_through_token_map():
    doc = run(_doc("Ban Chi dao huyén Tam DPuong d3 thanh 1ap"), Context(settings=Settings(restore="always")))
    line = doc.line(1, 1)
    start = line.text.index("DPuong")
    span = make_span(doc, 1, 1, start, start + len("DPuong"))
    assert span.raw == "DPuong" and span.restored == "Đường"
    rs = line.restored.index("Đường")
    back = make_span(doc, 1, 1, rs, rs + len("Đường"), restored=True)
    assert back.raw == "DPuong" and (back.start, back.end) == (span.start, span.end)
    assert Document.from_dict(doc.to_dict()).line(1, 1).tokens == line.tokens


def test_text_signal_separates_clean_from_broken():
    clean = text_signal((TEXT / CLEAN_SEEDS[0]).read_text(encoding="utf-8"))
    broken = text_signal((TEXT / BROKEN_SEED).read_text(encoding="utf-8"))
    assert clean.marked_share > 0.7 > 0.2 > broken.marked_share


# -- entry points ------------------------------------------------------------------------------
def test_cli_restore_reads_stdin():
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["restore", "-"], input="Cong tac tuyen truyen, van dong\n")
    assert result.exit_code == 0
    assert result.output.strip() == "Công tác tuyên truyền, vận động"


def test_spacy_component():
    spacy = pytest.importorskip("spacy")
    import pipeline.restore.spacy_component  # noqa: F401  registers "vn_restore"

    nlp = spacy.blank("xx")
    nlp.add_pipe("vn_restore")
    assert nlp("Tong két cong tac")._.restored == "Tổng kết công tác"


def test_spurious_ocr_characters_only_in_noisy_text():
    noisy = "Nha nudec, duogc trien khai, ngwdoi ngheo, Phuwong hwéng"
    assert restore_text(noisy) == "Nhà nước, được triển khai, người nghèo, Phương hướng"
    # in clean (if unmarked) text a word that is no syllable is left alone
    assert restore_text("Cong ty phan mem smartphone tai Ha Noi").endswith("smartphone tại Hà Nội")


def test_inventory_holds_every_syllable_of_the_trained_vocabulary():
    from pipeline.restore.lm import SyllableLM
    from pipeline.syllables import inventory

    inv = inventory()
    vocab = set(SyllableLM.load().vocab[3:])  # after <s>, <unk>, <num>
    assert 15000 < len(inv) < 25000
    assert vocab <= inv
    assert {"hiến", "máu", "đường", "nguyện", "khuỷu", "quốc"} <= inv


def test_language_model_prefers_real_text_and_grid_matches_pointwise_scores():
    import numpy as np

    from pipeline.restore.lm import SyllableLM

    lm = SyllableLM.load()
    assert lm.sentence_logp("tổng kết công tác năm nay".split()) > lm.sentence_logp("tông kết công tắc nằm này".split())
    ids = np.array([[lm.id(w) for w in ("công", "cống", "cộng")]] * 2)
    a, b, c = ids, ids[:, ::-1].copy(), np.array([[lm.id("tác"), lm.id("tắc"), -1]] * 2)
    grid = lm.score_grid(a, b, c)
    for i in range(3):
        for j in range(3):
            for k in range(2):
                assert grid[0, i, j, k] == pytest.approx(float(lm.score(a[0, i:i + 1], b[0, j:j + 1], c[0, k:k + 1])[0]), abs=1e-5)
