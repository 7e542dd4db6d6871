"""How long a 2 MB photo takes to upload and to resize: `python bench/media_upload.py`.

Three phases, each in a fresh subprocess so that its peak memory (max RSS) is its own:

- **baseline**: Pillow alone on the same JPEG: open + decode + save as JPEG (what any upload
  costs at least), and open + three resizes + save (what the variants cost at least);
- **upload**: Inkwell in process (a real app on a temporary SQLite file, a signed-in author,
  httpx over ASGI): `POST /admin/api/media` until the 201, which includes streaming the body to
  disk, the type and pixel checks, re-encoding without metadata, storing and the row;
- **variants**: the `media.make_variants` work for one upload: w600, w1000, w1600 and the WebP
  of each.

Times are medians and 95th percentiles of ``--runs`` repetitions (default 15) after one warm-up.
Options: ``--runs N``, ``--json PATH`` (write the figures).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "a long bench password 42"


def photo(target_bytes: int = 2 * 1024 * 1024) -> bytes:
    """A photo-like JPEG of about ``target_bytes``: gradients, shapes and sensor-like noise."""
    from PIL import Image, ImageDraw, ImageFilter

    width, height = 3000, 2000
    base = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((width, height)),
            Image.linear_gradient("L").rotate(90).resize((width, height)),
            Image.radial_gradient("L").resize((width, height)),
        ),
    )
    draw = ImageDraw.Draw(base)
    for i in range(60):
        x, y = (i * 997) % width, (i * 613) % height
        draw.ellipse((x, y, x + 40 + i * 7, y + 30 + i * 5), fill=(i * 4 % 255, 90, 200 - i * 3))
    base = base.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    quality, data = 95, b""
    for amount in (0.08, 0.12, 0.16, 0.2, 0.25, 0.3):
        image = Image.blend(base, noise, amount)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        data = out.getvalue()
        if len(data) >= target_bytes:
            break
    return data


def timed(runs: int, step: Callable[[], Any]) -> list[float]:
    step()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def phase_baseline(data: bytes, runs: int) -> dict[str, Any]:
    from PIL import Image

    def reencode() -> None:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image.save(io.BytesIO(), "JPEG", quality=88)

    def resize() -> None:
        for width in (600, 1000, 1600):
            with Image.open(io.BytesIO(data)) as image:
                image.draft("RGB", (width, width))
                small = image.resize((width, round(image.height * width / image.width)))
                small.save(io.BytesIO(), "JPEG", quality=88)
                small.save(io.BytesIO(), "WEBP", quality=82)

    return {
        "pillow open+decode+save": summary(timed(runs, reencode)),
        "pillow 3 resizes + JPEG + WebP": summary(timed(runs, resize)),
        "peak_rss_mb": peak_rss_mb(),
    }


async def _upload_run(data: bytes, runs: int, work: Path) -> dict[str, Any]:
    from httpx import ASGITransport, AsyncClient

    from inkwell.accounts import service as accounts
    from inkwell.app import create_app
    from inkwell.core.migrate import upgrade
    from inkwell.settings import Settings

    url = f"sqlite+aiosqlite:///{work / 'bench.db'}"
    await asyncio.to_thread(upgrade, url)
    settings = Settings(
        database_url=url, demo_content=False, media_dir=work / "media", log_level="warning"
    )
    app = create_app(settings)
    times: list[float] = []
    async with app.router.lifespan_context(app):
        async with app.state.database.session(write=True) as session:
            await accounts.create_user(
                session, name="Bench", email="bench@example.com", password=PASSWORD
            )
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url=settings.site_url) as http:
            form = await http.get("/admin/signin")
            token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
            assert token
            await http.post(
                "/admin/signin",
                data={"email": "bench@example.com", "password": PASSWORD, "csrf_token": token[1]},
            )
            page = await http.get("/admin/reset")
            csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text)
            assert csrf
            for n in range(runs + 1):
                start = time.perf_counter()
                response = await http.post(
                    "/admin/api/media",
                    files={"file": (f"photo-{n}.jpg", data, "image/jpeg")},
                    headers={"X-CSRF-Token": csrf[1]},
                )
                elapsed = time.perf_counter() - start
                assert response.status_code == 201, response.text
                await app.state.jobs.drain()  # the background variants, outside the timing
                if n:
                    times.append(elapsed)
    return {"upload to 201": summary(times), "peak_rss_mb": peak_rss_mb()}


def phase_upload(data: bytes, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(_upload_run(data, runs, Path(folder)))


def phase_variants(data: bytes, runs: int) -> dict[str, Any]:
    from inkwell.media import images, storage, variants

    with tempfile.TemporaryDirectory() as folder:
        media = Path(folder)
        clean = images.clean(io.BytesIO(data), 50_000_000)
        path = storage.store_new(media, "photo.jpg", clean.extension, clean.data, _now())

        def make() -> None:
            shutil.rmtree(media / "size", ignore_errors=True)
            asyncio.run(variants.make_all(media, path, clean.width, 50_000_000))

        return {
            "6 variants (3 widths × JPEG+WebP)": summary(timed(runs, make)),
            "peak_rss_mb": peak_rss_mb(),
        }


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


PHASES = {"baseline": phase_baseline, "upload": phase_upload, "variants": phase_variants}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--photo", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:  # a child: one phase, JSON on stdout
        print(json.dumps(PHASES[args.phase](args.photo.read_bytes(), args.runs)))
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "photo.jpg"
        source.write_bytes(photo())
        size = source.stat().st_size
        print(f"photo: 3000×2000 JPEG, {size / 1048576:.2f} MB; {args.runs} runs per figure")
        results: dict[str, Any] = {"photo_bytes": size, "runs": args.runs}
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        for name in PHASES:
            command = [sys.executable, __file__, "--phase", name, "--photo", str(source)]
            command += ["--runs", str(args.runs)]
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
            if done.returncode:
                sys.exit(f"phase {name} failed:\n{done.stderr}")
            results[name] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{'measure':<40} {'median':>9} {'p95':>9} {'peak RSS':>9}")
    for name in PHASES:
        figures = results[name]
        for label, value in figures.items():
            if isinstance(value, dict):
                print(
                    f"{label:<40} {value['median_ms']:>7.0f}ms {value['p95_ms']:>7.0f}ms "
                    f"{figures['peak_rss_mb']:>7.0f}MB"
                )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
