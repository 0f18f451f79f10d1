"""Media files for the demo: a profile picture and a few clips, written to a temp directory
so the uploads stream from disk like real ones. The bytes are seeded noise behind a real
file signature; the emulator stores them and never decodes them."""

from __future__ import annotations

import random
from pathlib import Path

import attrs

JPEG_MAGIC = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
MP4_MAGIC = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"


@attrs.frozen
class Media:
    avatar: Path
    clips: list[Path]


def _write(path: Path, magic: bytes, size: int, rng: random.Random) -> Path:
    with path.open("wb") as out:
        out.write(magic)
        remaining = size - len(magic)
        while remaining > 0:
            chunk = min(remaining, 1 << 20)
            out.write(rng.randbytes(chunk))
            remaining -= chunk
    return path


def make_media(directory: Path, *, clips: int, seed: int) -> Media:
    rng = random.Random(seed)
    avatar = _write(directory / "avatar.jpg", JPEG_MAGIC, rng.randint(40, 90) * 1024, rng)
    paths = [
        _write(directory / f"clip-{n}.mp4", MP4_MAGIC, rng.randint(800, 1800) * 1024, rng)
        for n in range(1, clips + 1)
    ]
    return Media(avatar=avatar, clips=paths)
