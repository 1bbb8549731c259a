"""Cross-document rules, saving corpus findings, and `vnreports audit` output."""

import json

from audit_builders import doc, fig
from rich.console import Console
from typer.testing import CliRunner

from pipeline import audit
from pipeline.cli import app
from pipeline.context import Context
from pipeline.stages import Corpus


def report_2023(plan_2024=550, **meta):
    return doc(
        fig("units_received", 737, 49, year=2023), fig("units_quota", 550, 49, year=2023),
        fig("units_quota", plan_2024, 93, year=2024, plan=True),
        fig("units_quota", 250, 98, year=2024, drive_no=1, plan=True),
        fig("units_quota", 300, 101, year=2024, drive_no=2, plan=True),
        fig("award_count", 1, 66, recipient_type="tập thể", award_issuer="UBND tỉnh", award_form="Bằng khen",
            level="province", year=2023),
        doc_id="bc-2023", sha="a" * 64, **{"subject_code": "106", "number": 111, "issuer_code": "106",
                                          "issuer_body_code": "BCĐ",
                                          "report_year": 2023, **meta},
    )


def report_2024(quota_2024=550, received_2023=None, **meta):
    figs = [fig("units_received", 671, 24, year=2024), fig("units_quota", quota_2024, 24, year=2024),
            fig("units_quota", 250, 26, year=2024, drive_no=1), fig("units_quota", 300, 28, year=2024, drive_no=2)]
    if received_2023 is not None:
        figs.append(fig("units_received", received_2023, 30, year=2023))
    return doc(*figs, doc_id="bc-2024", sha="b" * 64,
               **{"subject_code": "106", "number": 111, "issuer_code": "106", "issuer_body_code": "BCĐ",
                  "report_year": 2024, **meta})


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_plan_in_report_n_minus_1_matches_quota_in_report_n():
    found = by_rule(audit.audit_corpus([report_2023(), report_2024()]), "plan_vs_actual_quota")
    assert sorted((f.subject, f.status) for f in found) == [
        ("quota 2024 drive 1: used vs planned", "ok"),
        ("quota 2024 drive 2: used vs planned", "ok"),
        ("quota 2024: used vs planned", "ok"),
    ]
    f = next(f for f in found if f.subject == "quota 2024: used vs planned")
    assert f.doc_id == "bc-2024" and f.figure_ids == ["units_quota:1", "bc-2023/units_quota:2"]
    assert [s.line for s in f.evidence] == [24, 93]


def test_changed_quota_is_flagged():
    found = by_rule(audit.audit_corpus([report_2023(), report_2024(quota_2024=560)]), "plan_vs_actual_quota")
    [f] = [f for f in found if f.subject == "quota 2024: used vs planned"]
    assert (f.status, f.claimed, f.computed, f.difference, f.severity) == ("mismatch", 560, 550, 10, "warning")
    assert "bc-2023" in f.message_en and "kế hoạch trong bc-2023 ghi 550" in f.message_vi


def test_other_units_are_not_compared():
    found = audit.audit_corpus([report_2023(), report_2024(quota_2024=560, subject_code="105")])
    assert by_rule(found, "plan_vs_actual_quota") == []


def test_same_figure_restated_differently():
    found = by_rule(audit.audit_corpus([report_2023(), report_2024(received_2023=730)]), "restated_differently")
    [f] = [f for f in found if f.status == "mismatch"]
    assert (f.claimed, f.computed, f.difference, f.doc_id) == (730, 737, -7, "bc-2024")
    found = by_rule(audit.audit_corpus([report_2023(), report_2024(received_2023=737)]), "restated_differently")
    assert [f.status for f in found] == ["ok"]


def test_a_six_month_report_s_figures_of_its_year_are_not_the_year_s():
    half = doc(fig("units_received", 310, 12, year=2024), fig("units_quota", 550, 12, year=2024),
               fig("units_quota", 240, 30, year=2024, plan=True), fig("units_received", 700, 14, year=2023),
               doc_id="bc-6t-2024", sha="c" * 64, subject_code="106", number=40, issuer_code="106",
               issuer_body_code="BCĐ", report_year=2024, period="6 tháng đầu năm 2024")
    found = audit.audit_corpus([report_2023(), report_2024(), half])
    restated = {(f.subject, f.status) for f in by_rule(found, "restated_differently")}
    assert ("units received 2024", "mismatch") not in restated  # 310 in six months, 671 in the year
    assert ("quota 2024", "ok") in restated  # the year's quota, whatever part of the year a report covers
    assert ("units received 2023", "mismatch") in restated  # last year's figure is the whole year's: 700 vs 737
    # what a six-month report plans is for the rest of the year, not the year's quota
    assert all(not any(i.startswith("bc-6t-2024/") for i in f.figure_ids) for f in by_rule(found, "plan_vs_actual_quota"))


def test_distinct_reports_with_the_same_number_are_not_duplicates():
    found = audit.audit_corpus([report_2023(), report_2024()])
    assert by_rule(found, "duplicate_content") == [] and by_rule(found, "duplicate_identity") == []


def test_duplicates_by_content_and_by_identity():
    a, b = report_2023(), report_2023()
    b.doc_id = "scan-2023"
    [f] = by_rule(audit.audit_corpus([a, b]), "duplicate_content")
    assert (f.status, f.doc_id, f.code) == ("mismatch", "scan-2023", "C103")
    b.sha256 = "c" * 64
    found = audit.audit_corpus([a, b])
    assert by_rule(found, "duplicate_content") == []
    [f] = by_rule(found, "duplicate_identity")
    assert f.status == "mismatch" and "same number, issuer and year" in f.message_en


def test_run_corpus_saves_and_cli_prints(tmp_path):
    out = tmp_path / "out"
    d23, d24 = report_2023(), report_2024(quota_2024=560)
    audit.run(d23)
    audit.run(d24)
    d23.save(out / "json" / "bc-2023.audit.json")
    d24.save(out / "json" / "bc-2024.audit.json")
    corpus = audit.run_corpus(Corpus([d23, d24]), Context(out_dir=out)).findings
    saved = json.loads((out / "json" / "corpus.findings.json").read_text(encoding="utf-8"))
    assert len(saved) == len(corpus) > 0

    console = Console(record=True, width=200)
    assert audit.print_findings(out, show_ok=False, console=console) == 1
    text = console.export_text()
    assert "mismatch" in text and "C101" in text and text.index("A102") < text.index("ok hidden")
    assert "0 ok" not in text

    res = CliRunner().invoke(app, ["audit", "-o", str(out), "--all"])
    assert res.exit_code == 1 and "C101" in res.output


def test_print_findings_all_consistent_returns_0(tmp_path):
    d = report_2023()
    audit.run(d)
    d.save(tmp_path / "json" / "bc-2023.audit.json")
    assert audit.print_findings(tmp_path, show_ok=True, console=Console(record=True, width=200)) == 0


def test_print_findings_without_a_run(tmp_path):
    console = Console(record=True, width=200)
    assert audit.print_findings(tmp_path / "nothing", show_ok=False, console=console) == 2
    assert "vnreports run" in console.export_text()


def test_list_rules_has_stable_unique_codes():
    rules = audit.list_rules()
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes)) and codes == sorted(codes)
    assert {"units_sum_drives", "awards_sum_issuers", "money_sum_parts", "plan_vs_actual_quota",
            "duplicate_content"} <= {r.name for r in rules}
    assert all(r.en and r.vi for r in rules)
    res = CliRunner().invoke(app, ["audit", "--list-rules"])
    assert res.exit_code == 0 and "A101" in res.output


def test_registering_a_code_twice_is_refused():
    import pytest

    from pipeline.audit.registry import rule

    with pytest.raises(ValueError, match="A101"):
        rule("another_rule", code="A101", en="x", vi="x")(lambda doc: [])


def test_scan_and_text_of_one_report_are_not_compared_as_restatements():
    text, scan = report_2024(received_2023=737), report_2024(received_2023=787)  # an OCR misreading in the scan
    scan.doc_id, scan.sha256 = "scan-2024", "d" * 64
    found = audit.audit_corpus([report_2023(), text, scan])
    assert [f.doc_id for f in by_rule(found, "duplicate_identity")] == ["scan-2024"]
    restated = by_rule(found, "restated_differently")
    # only the primary copy (the text) speaks for the report: the scan's misreading is not a restatement
    assert {(f.doc_id, f.status) for f in restated} == {("bc-2024", "ok")}


def test_each_copy_is_flagged_once_against_the_primary():
    text = report_2024()
    scans = [report_2024(received_2023=700 + i) for i in range(3)]
    for i, s in enumerate(scans):
        s.doc_id, s.sha256, s.kind, s.path = f"scan-{i}", f"{i}" * 64, "pdf-image", f"scans/{i}.pdf"
    text.kind, text.path = "txt", "text/bc-2024.txt"
    found = audit.audit_corpus([*scans, report_2023(), text])
    dups = by_rule(found, "duplicate_identity")
    assert sorted(f.doc_id for f in dups) == ["scan-0", "scan-1", "scan-2"]
    assert all("bc-2024" in f.subject for f in dups)  # each against the text, the primary copy
    plan_checks = by_rule(found, "plan_vs_actual_quota")
    assert plan_checks and {f.doc_id for f in plan_checks} == {"bc-2024"}


def test_award_counts_given_beside_a_cited_decision_are_checked_against_it():
    decision = doc(fig("award_count", 7, 28, recipient_type="tập thể", award_form="Giấy khen"),
                   fig("award_count", 26, 28, recipient_type="cá nhân", award_form="Giấy khen"),
                   doc_id="qd", sha="c" * 64, number=1875, symbol="1875/QĐ-UBND", type_code="QĐ", report_year=2024)
    cited = fig("reference", "1875/QĐ-UBND", 40, raw="1875/QĐ-UBND", number=1875, type_code="QĐ")
    report = doc(cited, fig("award_count", 7, 40, recipient_type="tập thể"),
                 fig("award_count", 28, 41, recipient_type="cá nhân"),
                 doc_id="bc", sha="d" * 64, number=5, symbol="5/BC-UBND", type_code="BC", report_year=2024)
    found = {(f.subject.split(":")[0], f.status) for f in by_rule(audit.audit_corpus([decision, report]),
                                                                   "awards_vs_decision")}
    assert found == {("awards to tập thể by 1875/QĐ-UBND", "ok"), ("awards to cá nhân by 1875/QĐ-UBND", "mismatch")}


def _corpus_findings(tmp_path, files: dict[str, str]) -> list[dict]:
    """``vnreports run`` on the given text files; the corpus findings it saved."""
    src = tmp_path / "in"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "out"), "-j", "1"])
    assert res.exit_code == 0, res.output
    return json.loads((tmp_path / "out" / "json" / "corpus.findings.json").read_text(encoding="utf-8"))


def test_a_districts_row_in_the_provinces_table_is_set_against_the_districts_own_report(tmp_path):
    district = ("UBND HUYỆN PHONG THỔ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 20/BC-BCĐ          Phong Thổ, ngày 10 "
                "tháng 12 năm 2021\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2021\n\nNăm 2021 huyện tiếp nhận 468 đơn "
                "vị máu, đạt 104,0% chỉ tiêu (450 đơn vị).\n")
    province = ("UBND TỈNH LAI CHÂU\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 03/BC-BCĐ          Lai Châu, ngày 12 "
                "tháng 01 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2021\n\nNăm 2021 toàn tỉnh tiếp nhận 903 "
                "đơn vị máu.\n\nTT   Huyện, thành phố        Chỉ tiêu  Tiếp nhận  Đạt (%)\n"
                "1    Huyện Tam Đường              400        417    104,3\n"
                "2    Huyện Phong Thổ              450        {r}    {p}\n"
                "     Toàn tỉnh                    850        903    106,2\n")
    saved = _corpus_findings(tmp_path, {"district.txt": district, "province.txt": province.format(r="486", p="108,0")})
    got = sorted((f["status"], f["claimed"], f["computed"]) for f in saved if f["code"] == "C107")
    assert got == [("mismatch", 468, 486), ("ok", 450, 450)]


def test_a_provinces_report_signed_in_the_city_of_its_name_is_the_provinces(tmp_path):
    text = ("UBND TỈNH LAI CHÂU\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 03/BC-BCĐ          Lai Châu, ngày 12 "
            "tháng 01 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2021\n\nBan Chỉ đạo {n}/{n} huyện, thành "
            "phố chủ động phối hợp tổ chức các đợt lấy máu. Năm 2021 toàn tỉnh tiếp nhận 4.536 đơn vị máu.\n")
    src = tmp_path / "in"
    src.mkdir()
    (src / "province.txt").write_text(text.format(n="08"), encoding="utf-8")
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "out"), "-j", "1"])
    assert res.exit_code == 0, res.output
    saved = json.loads((tmp_path / "out" / "json" / "province.audit.json").read_text(encoding="utf-8"))
    assert saved["units"]["issuer"]["level"] == "province"
    assert [(f["status"], f["computed"]) for f in saved["findings"] if f["code"] == "A402"] == [("ok", 8)]


def test_a_communes_figure_in_the_text_is_set_against_its_row_of_the_table(tmp_path):
    text = ("UBND HUYỆN SÌN HỒ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 12/BC-BCĐ          Sìn Hồ, ngày 10 tháng 12 "
            "năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2022\n\nNăm 2022 toàn huyện tiếp nhận 99/90 đơn vị "
            "máu. Riêng xã Pa Tần tiếp nhận {v} đơn vị máu.\n\n"
            "STT   Xã, thị trấn           Chỉ tiêu   Tiếp nhận\n"
            "1     Thị trấn Sìn Hồ              50          58\n"
            "2     Xã Pa Tần                    40          41\n"
            "      Tổng cộng                    90          99\n")
    got = {}
    for v in ("41", "44"):
        src = tmp_path / v
        src.mkdir()
        (src / "report.txt").write_text(text.format(v=v), encoding="utf-8")
        res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / f"out{v}"), "-j", "1"])
        assert res.exit_code == 0, res.output
        saved = json.loads((tmp_path / f"out{v}" / "json" / "report.audit.json").read_text(encoding="utf-8"))
        got[v] = [(f["status"], f["claimed"], f["computed"]) for f in saved["findings"] if f["code"] == "A608"]
    assert got == {"41": [("ok", 41, 41)], "44": [("mismatch", 44, 41)]}


def test_a_plan_written_twice_in_the_planner_is_checked_once():
    planner = report_2023()
    again = fig("units_quota", 550, 120, year=2024, plan=True)  # the 2024 quota restated lower in the report
    again.id = "units_quota:9"
    planner.figures.append(again)
    found = by_rule(audit.audit_corpus([planner, report_2024(quota_2024=560)]), "plan_vs_actual_quota")
    assert [f.status for f in found if f.subject == "quota 2024: used vs planned"] == ["mismatch"]


def test_a_report_s_table_of_quotas_against_the_plan_it_cites(tmp_path):
    plan = ("UBND HUYỆN PHONG THỔ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 12/KH-BCĐ          Phong Thổ, ngày 26 "
            "tháng 01 năm 2022\n\nKẾ HOẠCH\nVận động hiến máu tình nguyện năm 2022\n\nChỉ tiêu năm 2022 giao cho các xã:\n\n"
            "TT   Xã, thị trấn            Chỉ tiêu năm 2022\n"
            "1    Thị trấn Phong Thổ                  120\n"
            "2    Xã Mường So                          80\n"
            "     Tổng cộng                           200\n")
    report = ("UBND HUYỆN PHONG THỔ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 40/BC-BCĐ          Phong Thổ, ngày 10 "
              "tháng 12 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2022\n\nThực hiện Kế hoạch số 12/KH-BCĐ ngày "
              "{d}/01/2022 của Ban Chỉ đạo huyện, năm 2022 huyện tiếp nhận 212 đơn vị máu.\n\n"
              "TT   Xã, thị trấn            Chỉ tiêu   Tiếp nhận   Đạt (%)\n"
              "1    Thị trấn Phong Thổ           120         128     106,7\n"
              "2    Xã Mường So                   {q}          84     {p}\n"
              "     Tổng cộng                    {t}         212     {r}\n")
    saved = _corpus_findings(tmp_path, {"plan.txt": plan,
                                        "report.txt": report.format(d="16", q="70", p="120,0", t="190", r="111,6")})
    assert sorted((f["status"], f["claimed"], f["computed"]) for f in saved if f["code"] == "C108") == \
        [("mismatch", 70, 80), ("ok", 120, 120)]
    assert [f["status"] for f in saved if f["code"] == "C109"] == ["mismatch"]  # cited "16/01", the plan is of 26/01


def test_a_six_month_report_s_quotas_are_not_set_against_the_plan_s_year_quotas(tmp_path):
    plan = ("UBND HUYỆN PHONG THỔ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 12/KH-BCĐ          Phong Thổ, ngày 26 "
            "tháng 01 năm 2022\n\nKẾ HOẠCH\nVận động hiến máu tình nguyện năm 2022\n\n"
            "TT   Xã, thị trấn            Chỉ tiêu năm   6 tháng đầu năm\n"
            "1    Thị trấn Phong Thổ               120                50\n"
            "2    Xã Mường So                       80                30\n"
            "     Tổng cộng                        200                80\n")
    report = ("UBND HUYỆN PHONG THỔ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 20/BC-BCĐ          Phong Thổ, ngày 05 "
              "tháng 7 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện 6 tháng đầu năm 2022\n\nThực hiện Kế hoạch số "
              "12/KH-BCĐ ngày 26/01/2022, 6 tháng đầu năm huyện tiếp nhận 84 đơn vị máu.\n\n"
              "TT   Xã, thị trấn            Chỉ tiêu   Tiếp nhận   Đạt (%)\n"
              "1    Thị trấn Phong Thổ            50          52     104,0\n"
              "2    Xã Mường So                   30          32     106,7\n"
              "     Tổng cộng                     80          84     105,0\n")
    saved = _corpus_findings(tmp_path, {"plan.txt": plan, "report.txt": report})
    assert [f for f in saved if f["code"] == "C108"] == []
    assert [f["status"] for f in saved if f["code"] == "C109"] == ["ok"]


def test_a_plan_cited_by_the_date_its_sentence_opens_on():
    from pipeline.extract.references import _ISSUED_ON
    m = _ISSUED_ON.search("ngay 16/02/2024, uy ban nhan dan huyen ban hanh ke hoach so ")
    assert m is not None and m.group(1) == "16/02/2024"
    assert _ISSUED_ON.search("ngay 16/02/2024 tiep nhan 50 don vi mau. ke hoach so ") is None
