"""Service benchmark: `GET /targets` throughput and latency with 10,000 stored targets, then
20 simultaneous uploads that must all be analysed.

    .venv/bin/python bench/bench_api.py [--targets 10000] [--clients 16] [--requests 4000]

The app runs under uvicorn (one process, as `make run`) on a free 127.0.0.1 port with a temp data
folder (or --database-url). The GET load comes from one aiohttp session with keep-alive connections
(a dev dependency), the uploads from httpx. Targets are seeded through the service's own storage code
from real analyses (corpus texts when ../shared/corpus exists, else a built-in plan), copied with varied
document types, years and values. The load is bounded (--requests) and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus" / "raw"

PLAN = """HUYỆN ỦY PHÚ TÂN
Số {n}-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Phú Tân, ngày 15 tháng 4 năm 2025

KẾ HOẠCH
thực hiện công tác phát triển đảng viên và xây dựng nông thôn mới

I. MỤC TIÊU
1. Phấn đấu kết nạp từ 3-4% đảng viên mới/năm so với tổng số đảng viên.
2. Đến năm 2030, 100% xã đạt chuẩn nông thôn mới nâng cao.
3. Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm; thu nhập bình quân đầu người đạt 90 triệu đồng.

II. NHIỆM VỤ
1. Các chi bộ quán triệt kế hoạch đến 100% đảng viên trong quý II năm 2025.
2. Ban Tổ chức Huyện ủy phối hợp với Ủy ban Mặt trận Tổ quốc huyện kiểm tra việc thực hiện.
"""

DOC_TYPES = ["ke_hoach", "nghi_quyet", "chi_thi", "chuong_trinh", "thong_bao", "tin_tuc"]
QUERIES = [
    {"text": "ket nap"},
    {"doc_type": "ke_hoach", "year_from": 2024, "year_to": 2026},
    {"unit": "%", "sort": "-value"},
    {"issuer": "huyen uy", "limit": 20},
    {"year_from": 2028, "sort": "-year"},
    {"text": "nông thôn mới", "doc_type": "nghi_quyet"},
    {"location": "tan an"},
    {"offset": 500, "limit": 50},
]


def seed(url: str, data_dir: Path, want: int) -> int:
    """Store copies of real analyses until `want` targets exist; returns the number stored."""
    from nlp.ingest import read_bytes
    from nlp.pipeline import analyze_text
    from service.storage import Store

    texts = [p.read_bytes() for p in sorted(CORPUS.glob("*.txt"))[:20]] if CORPUS.is_dir() else []
    texts.append(PLAN.format(n=1).encode())
    analyses = []
    for data in texts:
        ing = read_bytes(data, "seed.txt")
        a = analyze_text(ing.text, ing.source, ing.warnings)
        if a.targets:
            analyses.append(a)
    store = Store(url)
    rng = random.Random(7)
    stored = i = 0
    while stored < want:
        a = analyses[i % len(analyses)].model_copy(deep=True)
        a.document.doc_type = DOC_TYPES[i % len(DOC_TYPES)]
        a.document.issued_date = f"{2018 + i % 12}-{1 + i % 12:02d}-15"
        # 40 targets a document: copies of its own, with varied values
        base = a.targets
        a.targets = [base[k % len(base)].model_copy(update={"id": f"t{k + 1}"}) for k in range(min(40, want - stored))]
        for t in a.targets:
            t.value = round(t.value * rng.uniform(0.5, 1.5), 2)
        sha = hashlib.sha256(f"seed-{i}".encode()).hexdigest()
        doc, _ = store.create(sha, f"seed-{i}.txt", "text/plain", len(a.text))
        store.save_analysis(doc.id, a)
        stored += len(a.targets)
        i += 1
    store.dispose()
    return stored


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.app:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--no-access-log"],
        cwd=REPO, env=env,
    )
    for _ in range(1200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the app did not start")


async def load(base: str, clients: int, total: int) -> tuple[float, list[float], int]:
    """`total` GET /targets from `clients` concurrent clients over keep-alive connections.

    aiohttp rather than httpx: the client shares the machine's two cores with the server, and httpx spent
    about as much CPU per request as the server itself (5-7 ms, against about 0.5 ms for aiohttp), so
    the figure measured the client as much as the service. The URLs are encoded once; what the server
    does per request is unchanged."""
    import aiohttp

    latencies: list[float] = []
    errors = 0
    todo = iter(range(total))
    paths = [f"/targets?{urlencode(q)}" for q in QUERIES]
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(base, connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as client:
        for path in paths:  # warm-up
            async with client.get(path) as r:
                await r.read()

        async def one_client() -> None:
            nonlocal errors
            for n in todo:
                t0 = time.perf_counter()
                async with client.get(paths[n % len(paths)]) as r:
                    await r.read()
                latencies.append(time.perf_counter() - t0)
                if r.status != 200:
                    errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - t0
    return elapsed, latencies, errors


async def uploads(base: str, n: int, timeout: float) -> dict[str, int]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        bodies = [PLAN.format(n=1000 + i).encode() for i in range(n)]
        t0 = time.perf_counter()
        responses = await asyncio.gather(
            *(client.post("/documents", files={"file": (f"kh-{i}.txt", b, "text/plain")}) for i, b in enumerate(bodies))
        )
        ids = [r.json()["id"] for r in responses if r.status_code == 201]
        status: dict[int, str] = {}
        while time.perf_counter() - t0 < timeout:
            for i in ids:
                if status.get(i) in (None, "pending"):
                    status[i] = (await client.get(f"/documents/{i}")).json()["status"]
            if all(s != "pending" for s in status.values()):
                break
            await asyncio.sleep(0.2)
        elapsed = time.perf_counter() - t0
    done = sum(s == "done" for s in status.values())
    failed = sum(s == "failed" for s in status.values())
    return {"sent": n, "accepted": len(ids), "done": done, "failed": failed, "lost": n - done - failed,
            "seconds": round(elapsed, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--targets", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--requests", type=int, default=4_000)
    ap.add_argument("--uploads", type=int, default=20)
    ap.add_argument("--database-url", help="default: a SQLite file in a temp data folder")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="chitieu-bench-") as tmp:
        data_dir = Path(tmp)
        url = args.database_url or f"sqlite:///{data_dir / 'chitieu.db'}"
        t0 = time.perf_counter()
        stored = seed(url, data_dir, args.targets)
        print(f"seeded {stored} targets in {time.perf_counter() - t0:.1f} s ({url.split(':')[0]})")
        env = {**os.environ, "CHITIEU_DATA_DIR": str(data_dir), "DATABASE_URL": url}
        for name in ("CHITIEU_API_KEYS", "CHITIEU_RATE_LIMIT_READS", "CHITIEU_RATE_LIMIT_WRITES"):
            env.pop(name, None)
        port = free_port()
        proc = start_server(env, port)
        base = f"http://127.0.0.1:{port}"
        try:
            elapsed, lat, errors = asyncio.run(load(base, args.clients, args.requests))
            lat.sort()
            p50 = statistics.median(lat) * 1000
            p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
            print(f"GET /targets with filters, {args.clients} clients, {len(lat)} requests, {errors} errors: "
                  f"{len(lat) / elapsed:.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms")
            up = asyncio.run(uploads(base, args.uploads, timeout=600))
            print(f"{up['sent']} simultaneous uploads: {up['accepted']} accepted, {up['done']} done, "
                  f"{up['failed']} failed, {up['lost']} lost, all settled in {up['seconds']} s")
        finally:
            proc.terminate()
            proc.wait(30)
    return 0 if errors == 0 and up["lost"] == 0 and up["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
