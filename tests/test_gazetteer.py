"""The committed gazetteer table: Lai Châu facts, validity intervals, the 2025 mapping, the build."""

import csv
import filecmp
import unicodedata
from collections import defaultdict

import pytest

from training import gazetteer as build
from pipeline.reconcile.gazetteer import TABLE_DIR, Gazetteer

from conftest import SHARED

LAI_CHAU_DISTRICTS = {
    "105": "Thành phố Lai Châu", "106": "Huyện Tam Đường", "107": "Huyện Mường Tè", "108": "Huyện Sìn Hồ",
    "109": "Huyện Phong Thổ", "110": "Huyện Than Uyên", "111": "Huyện Tân Uyên", "112": "Huyện Nậm Nhùn",
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_lai_chau_province_and_districts_before_2025(gaz):
    assert gaz.get("12", "2024-06-01").name == "Tỉnh Lai Châu"
    districts = {u.code: u.name for u in gaz.units_on("2024-06-01", "district", parent="12")}
    assert districts == LAI_CHAU_DISTRICTS


def test_tam_duong_communes_by_year(gaz):
    in_2020 = {u.code: u.name for u in gaz.units_on("2020-06-01", "commune", parent="106")}
    assert len(in_2020) == 14 and in_2020["03397"] == "Xã Sùng Phài"
    for day in ("2021-06-01", "2023-01-01", "2024-11-26", "2025-06-30"):
        assert gaz.children_count("106", day) == 13, day
    assert gaz.get("03397", "2021-06-01") is None
    assert gaz.get("03403", "2021-06-01").name == "Xã Sùng Phài"  # merged with Nậm Loỏng, under the city


def test_district_level_ends_on_2025_07_01(gaz):
    assert gaz.get("106", "2025-06-30") is not None
    assert gaz.get("106", "2025-07-01") is None
    assert gaz.units_on("2025-07-01", "district") == []
    assert len(gaz.units_on("2025-07-01", "province")) == 34
    assert len(gaz.units_on("2025-06-30", "province")) == 63
    new_communes = gaz.units_on("2026-01-01", "commune", parent="12")
    assert new_communes and all(u.valid_from == "2025-07-01" for u in new_communes)


def test_successors_of_pre_reform_units(gaz):
    assert gaz.successors("03412") == [{"code": "03390", "name": "Xã Bình Lư", "level": "commune", "merge": "whole"}]
    tam_duong = gaz.successors("106")
    assert tam_duong and all(gaz.get(s["code"], "2026-01-01").province_code == "12" for s in tam_duong)
    assert {s["code"] for s in gaz.successors("02")} == {"08"}  # Hà Giang went into Tuyên Quang
    # a code that vanished in 2021 is followed through the unit it went into
    assert [s["code"] for s in gaz.successors("03397")] == ["03388"]
    assert gaz.successors("03397")[0]["via"] == "03403"


def test_versions_of_a_code_never_overlap(gaz):
    by_code = defaultdict(list)
    for u in gaz.units:
        by_code[u.code].append(u)
    for code, versions in by_code.items():
        versions.sort(key=lambda u: u.valid_from or "")
        for a, b in zip(versions, versions[1:]):
            assert a.valid_to and a.valid_to < b.valid_from, code


def test_table_is_nfc_and_small():
    for name in ("units.csv", "successors.csv"):
        path = TABLE_DIR / name
        assert path.stat().st_size < 3 * 2**20
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text
    with open(TABLE_DIR / "units.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["level"] for r in rows} == {"province", "district", "commune"}
    assert all(r["type"] and r["short"] for r in rows)


def test_bad_dates_and_levels_are_refused(gaz):
    with pytest.raises(ValueError):
        gaz.units_on("26/11/2024")
    with pytest.raises(ValueError):
        gaz.units_on("2024-01-01", level="hamlet")


def test_split_type_reads_every_spelling():
    assert build.split_type("Thị Xã Buôn Hồ") == ("Thị xã", "Buôn Hồ")
    assert build.split_type("Thành phố Lai Châu") == ("Thành phố", "Lai Châu")
    assert build.split_type("Phường 1") == ("Phường", "1")
    assert build.split_type("Xa Ea Kly") == ("Xã", "Ea Kly")


def test_merge_kind():
    assert build.merge_kind("Nhập toàn bộ") == "whole"
    assert build.merge_kind("Nhập một phần diện tích") == "partial"
    assert build.merge_kind("Giữ nguyên") == "whole"


@pytest.mark.skipif(not (SHARED / "gazetteer").exists(), reason="needs ../shared/gazetteer")
def test_build_reproduces_the_committed_table(tmp_path):
    assert build.main(SHARED / "gazetteer", tmp_path) == 0
    for name in ("units.csv", "successors.csv"):
        assert filecmp.cmp(tmp_path / name, TABLE_DIR / name, shallow=False), name


def test_build_refuses_a_folder_without_lists(tmp_path, capsys):
    assert build.main(tmp_path, tmp_path / "out") == 2
    assert "no GSO snapshot" in capsys.readouterr().err


def test_agrees_with_vietnamadminunits(gaz):
    """Cross-check the communes alive before the reform against the PyPI package's legacy table."""
    db = pytest.importorskip("vietnamadminunits.database")
    theirs = {r["wardCode"]: str(r["districtCode"]).zfill(3)
              for r in db.query("SELECT DISTINCT wardCode, districtCode FROM admin_units_legacy") if r["wardCode"]}
    ours = {u.code: u.parent_code for u in gaz.units_on("2025-06-30", "commune")}
    shared = set(theirs) & set(ours)
    assert len(shared) >= 0.99 * len(theirs)
    assert all(theirs[c] == ours[c] for c in shared)
    lai_chau = {c for c, d in theirs.items() if d in LAI_CHAU_DISTRICTS}
    assert lai_chau <= set(ours)
