"""End to end on the five seed reports (extract -> audit): the real mismatches are found, nothing else is flagged.

The expected outcome below was derived by hand from the seed texts (see docs/audit.md); it is data for this
test only, the rules know nothing of it. Skipped until the extraction stage exists in the branch.
"""


import pytest

from pipeline import audit
from pipeline.context import Context
from pipeline.ocr import ocr_file
from pipeline.runner import apply_stages, doc_id_for

pytestmark = pytest.mark.slow

SEED_2017 = "2017_lai-chau_bc-ton-vinh"
SEED_2023 = "2023_tam-duong_bc-111_ocr"
SEED_2024 = "2024_tam-duong_bc-111"

# (document, rule, claimed, computed): seed 001's province level says 123 cá nhân, its issuer lines give
# 31 + 66 + 16 + 15 + 18 = 146; the whole province says 205 cá nhân, province + district give 123 + 59 = 182.
EXPECTED_MISMATCHES = {
    (SEED_2017, "awards_sum_issuers", 123, 146),
    (SEED_2017, "awards_sum_levels", 205, 182),
}
# the file lines their evidence must point at: the claim, then every part
EXPECTED_EVIDENCE_LINES = {
    (SEED_2017, "awards_sum_issuers"): {52, 54, 56, 58, 60, 62},
    (SEED_2017, "awards_sum_levels"): {50, 52, 70},
}

# (document, rule, claimed): checks on figures that add up; each must be made and come out ok.
EXPECTED_OK = [
    (SEED_2017, "awards_sum_issuers", 38),  # 3 + 21 + 7 + 7 tập thể
    (SEED_2017, "awards_sum_levels", 46),  # 38 + 8 tập thể
    (SEED_2017, "money_sum_parts", 146_530_000),  # 115.720.000 + 30.810.000
    (SEED_2023, "units_sum_drives", 737),  # 347 + 390
    (SEED_2023, "quota_sum_drives", 550),  # 250 + 300
    (SEED_2023, "participants_sum_drives", 1000),  # gần 1.000 vs trên 400 + trên 500
    (SEED_2023, "percent_of_plan", 134),  # 737 / 550 = 134.0%
    (SEED_2023, "plan_quota_sum_drives", 550),  # 2024 plan: 250 + 300
    (SEED_2023, "coverage_within_total", 13),  # 13/13 xã, thị trấn
    (SEED_2024, "units_sum_drives", 671),  # 325 + 346
    (SEED_2024, "quota_sum_drives", 550),  # 250 + 300
    (SEED_2024, "participants_sum_drives", 1044),  # 532 + 512
    (SEED_2024, "percent_of_plan", 122),  # 671 / 550 = 122.0%
    (SEED_2024, "plan_quota_sum_drives", 560),  # 2025 plan: 260 + 300
    (SEED_2024, "coverage_within_total", 13),
    (SEED_2024, "plan_vs_actual_quota", 550),  # 2024 quota planned in the 2023 report = quota used in 2024
]


@pytest.fixture(scope="module")
def audited(corpus_dir):
    ctx = Context()
    docs = []
    for path in sorted((corpus_dir / "text").glob("*.txt")):
        doc = ocr_file(path, doc_id=doc_id_for(path.name), rel_path=path.name)
        docs.append(apply_stages(doc, ctx))
    findings = [f for d in docs for f in d.findings] + audit.audit_corpus(docs)
    return [f for f in findings if f.rule in audit.REGISTRY]


def _describe(findings):
    return "\n".join(f"{f.doc_id} {f.code} {f.status}: {f.message_en}" for f in findings)


def test_every_real_mismatch_is_found(audited):
    found = {(f.doc_id, f.rule, f.claimed, f.computed) for f in audited if f.status == "mismatch"}
    assert EXPECTED_MISMATCHES <= found, _describe(audited)


def test_mismatch_evidence_points_at_the_numbers(audited):
    for f in audited:
        if (f.doc_id, f.rule, f.claimed, f.computed) in EXPECTED_MISMATCHES:
            assert {s.line for s in f.evidence} == EXPECTED_EVIDENCE_LINES[(f.doc_id, f.rule)], _describe([f])
            assert all(s.raw and any(ch.isdigit() for ch in s.raw) for s in f.evidence), f.evidence


def test_no_false_alarm(audited):
    false_alarms = [f for f in audited if f.status == "mismatch"
                    and (f.doc_id, f.rule, f.claimed, f.computed) not in EXPECTED_MISMATCHES]
    assert not false_alarms, _describe(false_alarms)


@pytest.mark.parametrize("doc_id, rule, claimed", EXPECTED_OK)
def test_consistent_figures_are_checked_and_ok(audited, doc_id, rule, claimed):
    made = [f for f in audited if (f.doc_id, f.rule, f.claimed) == (doc_id, rule, claimed)]
    assert made, f"no {rule} check on {claimed} in {doc_id}:\n" + _describe([f for f in audited if f.doc_id == doc_id])
    assert all(f.status == "ok" for f in made), _describe(made)
