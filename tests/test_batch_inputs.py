"""Inputs shared by the batch tests (no tests here): directives written for the tests, not copied from the corpus."""

from __future__ import annotations

from pathlib import Path

NGHI_QUYET = """HUYỆN ỦY TÂN PHÚ
Số 12-NQ/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Tân Phú, ngày 05 tháng 01 năm 2024

NGHỊ QUYẾT
về công tác xây dựng Đảng năm 2024

I. MỤC TIÊU
1. Phấn đấu kết nạp từ 3-4% đảng viên mới/năm so với tổng số đảng viên.
2. Đến năm 2025 có 100% chi bộ ấp được kiểm tra, giám sát.

II. NHIỆM VỤ
1. Ban Tuyên giáo Huyện ủy tổ chức quán triệt nghị quyết đến cán bộ, đảng viên.
2. Ủy ban nhân dân huyện Tân Phú bố trí kinh phí thực hiện.
"""

KE_HOACH = """HUYỆN ỦY TÂN PHÚ
Số 45-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Tân Phú, ngày 12 tháng 3 năm 2024

KẾ HOẠCH
thực hiện công tác phát triển đảng viên năm 2024

Căn cứ Nghị quyết số 12-NQ/HU, ngày 05/01/2024 của Ban Chấp hành Đảng bộ huyện,
Ban Thường vụ Huyện ủy ban hành kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, đảng viên về công tác phát triển đảng viên.
2. Phấn đấu kết nạp 120 đảng viên mới trong năm 2024.

II. NHIỆM VỤ
1. Các chi bộ tổ chức quán triệt kế hoạch đến 100% đảng viên trong quý II năm 2024.
2. Ban Tổ chức Huyện ủy phối hợp với Ủy ban Mặt trận Tổ quốc huyện kiểm tra việc thực hiện.
"""

CHI_THI = """ĐẢNG ỦY XÃ PHÚ LÂM
Số 03-CT/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Phú Lâm, ngày 20 tháng 4 năm 2024

CHỈ THỊ
về tăng cường công tác kiểm tra, giám sát

Thực hiện Nghị quyết số 12-NQ/HU, ngày 05/01/2024 của Huyện ủy Tân Phú,
Ban Thường vụ Đảng ủy xã Phú Lâm yêu cầu:
1. Các chi bộ báo cáo kết quả kiểm tra về Đảng ủy xã trước ngày 30/6/2024.
2. Phấn đấu đến năm 2025 có 95% hộ gia đình ở ấp Phú Hòa đạt chuẩn văn hóa.
"""

TIN_TUC = """Huyện Tân Phú sơ kết công tác phát triển đảng viên

Sáng 15/7, Ban Thường vụ Huyện ủy Tân Phú tổ chức hội nghị sơ kết 6 tháng.
Đồng chí Nguyễn Văn Bình, Bí thư Huyện ủy, chủ trì hội nghị tại xã Phú Lâm.
Năm 2025, huyện phấn đấu có 90% xã đạt chuẩn nông thôn mới.
"""

TEXTS = {"nq-12.txt": NGHI_QUYET, "kh-45.txt": KE_HOACH, "ct-03.txt": CHI_THI, "tin-tuc.txt": TIN_TUC}


def write_small_corpus(folder: Path) -> Path:
    """Four directives, one duplicate in a sub-folder, one binary file that must fail, one hidden file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "ban-sao").mkdir(exist_ok=True)
    (folder / "ban-sao" / "nq-12-copy.txt").write_text(NGHI_QUYET, encoding="utf-8")
    (folder / "anh.bin").write_bytes(bytes(range(256)) * 4)
    (folder / ".ghi-chu").write_text("tệp ẩn", encoding="utf-8")
    return folder


def write_many(folder: Path, n: int) -> Path:
    """`n` distinct documents (the four texts with a numbered closing line), for interruption tests."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = list(TEXTS.values())
    for i in range(n):
        text = texts[i % len(texts)] + f"\nNơi nhận: lưu văn phòng, bản {i + 1}.\n"
        (folder / f"vb-{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


OUTPUT_FILES = [
    "analyses.jsonl", "errors.jsonl", "report.html",
    *(f"{t}.{ext}" for t in ("documents", "targets", "references", "entities", "guidance") for ext in ("parquet", "csv")),
]


def output_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}
