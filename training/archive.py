"""A large synthetic archive of scanned reports with known figures, and a batch of hostile inputs, for the
scale benchmark (``bench/scale.py``). Nothing it writes goes into git (default: ``outputs/archive``).

    python -m training.archive [--pages 500] [--out outputs/archive] [--seed 7]

Documents are written from three templates (a year report with its drives, a plan, a short notice) for
real district-level units of the shipped gazetteer, with invented figures that add up, padded with a
varied number of plain paragraphs (1-4 pages each). They are laid out, rendered and degraded by the scan
generator's own pieces (``corpus/make_scans.py``: layout, stamp, signature, clean / office / fax
scanners) and written as image-only PDFs. ``truth.csv`` lists each document's figures.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training.common import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "corpus"))
import make_scans  # noqa: E402  (corpus/make_scans.py: the one scan generator)

DEFAULT_OUT = REPO_ROOT / "outputs" / "archive"
LEVELS = ("clean", "office", "fax")
FILLER = (
    "Ban Chỉ đạo đã phối hợp với các cơ quan thông tin đại chúng tuyên truyền về mục đích, ý nghĩa của phong trào "
    "hiến máu tình nguyện bằng nhiều hình thức phong phú, phù hợp với từng đối tượng.",
    "Các cơ quan, đơn vị, trường học trên địa bàn đã tích cực hưởng ứng, vận động cán bộ, công chức, viên chức, "
    "người lao động và đoàn viên thanh niên tham gia hiến máu.",
    "Công tác tư vấn, chăm sóc người hiến máu trước, trong và sau khi hiến máu được thực hiện chu đáo, an toàn, "
    "đúng quy trình chuyên môn.",
    "Một số xã vùng sâu, vùng xa còn gặp khó khăn trong công tác tuyên truyền do địa bàn rộng, giao thông đi lại "
    "khó khăn, trình độ nhận thức của người dân còn hạn chế.",
    "Kinh phí dành cho công tác tuyên truyền, tôn vinh người hiến máu còn hạn hẹp, chưa đáp ứng được yêu cầu.",
    "Đề nghị các thành viên Ban Chỉ đạo tiếp tục quan tâm chỉ đạo, phối hợp chặt chẽ trong việc tổ chức các đợt "
    "hiến máu, bảo đảm an toàn, hiệu quả.",
    "Tiếp tục xây dựng và duy trì hoạt động của câu lạc bộ hiến máu, lực lượng hiến máu dự bị tại các cơ quan, "
    "đơn vị và khu dân cư.",
    "Kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào hiến máu tình "
    "nguyện.",
)
SIGNERS = ("Nguyễn Văn An", "Lò Thị Hoa", "Tòng Văn Minh", "Phạm Thị Lan", "Vàng A Sùng", "Trần Quốc Bình")


@dataclass
class Planned:
    stem: str
    template: str
    unit: str
    province: str
    year: int
    number: int
    received: int | None
    quota: int | None
    drives: list[int]
    level: str
    pages: int = 0


def districts() -> list[tuple[str, str]]:
    """(district name, province short name) of district-level units in the shipped gazetteer."""
    folder = REPO_ROOT / "pipeline" / "reconcile" / "data"
    rows = list(csv.DictReader(open(folder / "units.csv", encoding="utf-8")))
    provinces = {r["code"]: r["short"] or r["name"] for r in rows if r["level"] == "province"}
    seen, out = set(), []
    for r in rows:
        if r["level"] == "district" and r["type"] == "Huyện" and r["name"] not in seen:
            seen.add(r["name"])
            out.append((r["name"], provinces.get(r["province_code"], "")))
    return out


def plan_doc(rng: random.Random, i: int, units: list[tuple[str, str]]) -> Planned:
    unit, province = rng.choice(units)
    template = ("report", "plan", "notice")[i % 3]
    year = rng.randint(2017, 2024)
    drives = [rng.randint(40, 260) for _ in range(rng.randint(2, 5))] if template == "report" else []
    quota = rng.randrange(300, 1500, 10)
    received = sum(drives) if drives else None
    return Planned(f"{i:04d}_{template}", template, unit, province, year, rng.randint(1, 300), received,
                   quota if template != "notice" else None, drives, LEVELS[i % len(LEVELS)])


def text_of(p: Planned, rng: random.Random) -> str:
    """The document in the seeds' light markdown (what ``make_scans.parse_seed`` reads)."""
    title = {"report": f"Kết quả công tác vận động hiến máu tình nguyện năm {p.year}",
             "plan": f"Kế hoạch tổ chức hiến máu tình nguyện năm {p.year}",
             "notice": f"Về việc tổ chức ngày hội hiến máu năm {p.year}"}[p.template]
    head = {"report": "BÁO CÁO", "plan": "KẾ HOẠCH", "notice": "THÔNG BÁO"}[p.template]
    parts = [f"**{head}**", f"**{title}**"]
    if p.template == "report":
        percent = f"{100 * p.received / p.quota:.1f}".replace(".", ",")
        parts.append("**I. KẾT QUẢ THỰC HIỆN**")
        parts.append(f"Năm {p.year}, Ban Chỉ đạo vận động hiến máu tình nguyện {p.unit} đã tổ chức {len(p.drives)} "
                     f"đợt hiến máu, tiếp nhận được {p.received} đơn vị máu, đạt {percent}% kế hoạch tỉnh giao "
                     f"({p.quota} đơn vị).")
        for k, units in enumerate(p.drives, start=1):
            parts.append(f"- Đợt {k} ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{p.year}: tiếp nhận {units} "
                         f"đơn vị máu.")
        parts.append("**II. PHƯƠNG HƯỚNG NHIỆM VỤ**")
    elif p.template == "plan":
        parts.append("**I. MỤC ĐÍCH, YÊU CẦU**")
        parts.append(f"Phấn đấu năm {p.year} toàn {p.unit.split()[0].lower()} tiếp nhận {p.quota} đơn vị máu.")
        parts.append("**II. NỘI DUNG THỰC HIỆN**")
    else:
        parts.append("**I. THỜI GIAN, ĐỊA ĐIỂM**")
        parts.append(f"Ngày hội hiến máu được tổ chức tại Hội trường {p.unit}, bắt đầu từ 7 giờ 30 phút.")
        parts.append("**II. ĐỐI TƯỢNG THAM GIA**")
    parts += [f"- {rng.choice(FILLER)}" for _ in range(rng.choice((1, 2, 4, 8, 14, 22)))]
    parts += ["***Nơi nhận:***", f"- BCĐ VĐHMTN tỉnh {p.province} (b/c);\n- Lưu: VT.",
              "**TM. BAN CHỈ ĐẠO  \nTRƯỞNG BAN**", f"**{rng.choice(SIGNERS)}**"]
    return "\n\n".join(parts) + "\n"


def seed_of(p: Planned) -> "make_scans.Seed":
    date = f"{p.unit.split(' ', 1)[1]}, ngày 15 tháng 12 năm {p.year}"
    return make_scans.Seed(stem=p.stem, source="", header_left=(f"UBND {p.unit.upper()}", "BCĐ VĐHMTN"),
                           number=f"Số: {p.number}/BC-BCĐ", date_line=date,
                           stamp_text=f"UBND {p.unit.upper()}")


def make(out: Path, pages: int, seed: int = 7) -> list[Planned]:
    """Documents into ``out/pdf/`` until ``pages`` pages are written; ``out/truth.csv`` lists them."""
    rng = random.Random(seed)
    units = districts()
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    done: list[Planned] = []
    total, i = 0, 0
    fonts, chars = None, set()
    while total < pages:
        p = plan_doc(rng, i, units)
        text = text_of(p, rng)
        s = seed_of(p)
        needed = text + s.stamp_text + s.date_line + "".join(s.header_left) + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA Độc lập Nơi nhận"
        if fonts is None or not set(needed) <= chars:
            chars |= set(needed)
            fonts = make_scans.Fonts("".join(sorted(chars)))
        layouts = make_scans.lay_out(s, fonts, text)[: pages - total]
        nrng = np.random.default_rng([seed, i])
        clean = [make_scans.render_page(page, fonts, s, nrng) for page in layouts]
        scans = [make_scans.degrade(img, p.level, nrng, clean[k + 1] if k + 1 < len(clean) else None)
                 for k, img in enumerate(clean)]
        pdf = out / "pdf" / f"{p.stem}.pdf"
        make_scans.write_pdf(scans, pdf, p.level)
        p.pages = len(scans)
        total += p.pages
        done.append(p)
        i += 1
        print(f"\r{total}/{pages} pages", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with open(out / "truth.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "template", "level", "pages", "unit", "year", "number", "received", "quota", "drives"])
        for p in done:
            w.writerow([f"pdf/{p.stem}.pdf", p.template, p.level, p.pages, p.unit, p.year, p.number, p.received,
                        p.quota, " ".join(map(str, p.drives))])
    return done


def archive_files(out: Path) -> list[tuple[Path, int]]:
    """(PDF, pages) of a generated archive, in order."""
    with open(out / "truth.csv", encoding="utf-8") as fh:
        return [(out / r["file"], int(r["pages"])) for r in csv.DictReader(fh)]


# -- hostile inputs ----------------------------------------------------------------------------------------
def write_hostile_batch(src: Path, outside: Path, good_text: str, *, big: bool = False) -> dict[str, str]:
    """Bad and odd inputs of every kind the runner refuses, written under ``src`` (a symlink target under
    ``outside``); returns {relative path: expected reason code}. ``big`` writes them at full size (a 50 MB
    text file, a PDF of 2,000 blank pages), for the default limits; otherwise small, for low test limits
    (32 KiB of text, 5 pages)."""
    import pikepdf

    src.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text("Số: 999/BC-MẬT\n" + good_text, encoding="utf-8")

    def blank_pdf(path: Path, n: int, empty_stream: bool = False) -> Path:
        pdf = pikepdf.new()
        for _ in range(n):
            page = pdf.add_blank_page(page_size=(595, 842))
            if empty_stream:
                page.Contents = pdf.make_stream(b"")
        pdf.save(path)
        return path

    expected = {"empty.pdf": "E101", "zip.pdf": "E102", "elf.txt": "E102", "noise.txt": "E102",
                "huge.txt": "E108", "many_pages.pdf": "E109", "cut.pdf": "E103", "locked.pdf": "E104",
                "pipe.txt": "E111", "link_out.txt": "E112", "broken_link.txt": "E110", "dir_out/": "E112",
                "old_run/": "E115"}
    (src / "empty.pdf").write_bytes(b"")
    (src / "zip.pdf").write_bytes(b"PK\x03\x04" + bytes(200))
    (src / "elf.txt").write_bytes(b"\x7fELF" + bytes(300))
    (src / "noise.txt").write_bytes(bytes(range(1, 32)) * 40)
    line = "Báo cáo số liệu hiến máu năm 2024 của các xã, thị trấn. ".encode("utf-8")
    with open(src / "huge.txt", "wb") as fh:
        for _ in range((50 << 20) // len(line) + 1 if big else 1200):
            fh.write(line)
    blank_pdf(src / "many_pages.pdf", 2000 if big else 6)
    whole = blank_pdf(outside / "whole.pdf", 1).read_bytes()
    (src / "cut.pdf").write_bytes(whole[: len(whole) // 3])
    plain = outside / "plain.pdf"
    blank_pdf(plain, 1)
    with pikepdf.open(plain) as pdf:
        pdf.save(src / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner"))
    os.mkfifo(src / "pipe.txt")
    (src / "link_out.txt").symlink_to(outside / "secret.txt")
    (src / "broken_link.txt").symlink_to(src / "nowhere.txt")
    (src / "dir_out").symlink_to(outside, target_is_directory=True)
    other = src / "old_run"
    other.mkdir()
    (other / ".vnreports.lock").write_text("")
    (other / "documents.csv").write_text("doc_id\n=1+1\n")
    if big:  # a PDF whose page has an empty content stream: a blank page, read and OCR'd like any other
        blank_pdf(src / "empty_stream.pdf", 1, empty_stream=True)
    return expected


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    docs = make(args.out, args.pages, args.seed)
    print(f"wrote {len(docs)} documents, {sum(p.pages for p in docs)} pages under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
