"""Identifier and secret minting, seeded so a given emulator seed replays the same ids."""

from __future__ import annotations

import random
import secrets
import string

import attrs

SYNTHETIC_PREFIX = "00000000-0000-4000-8000-"


@attrs.define
class Ids:
    """Mints ids from one seeded generator. A dry run works on a copy switched to ``synthetic``
    so it mints the documented never-valid ids and leaves the real sequence untouched."""

    rng: random.Random
    synthetic: bool = False

    @classmethod
    def seeded(cls, seed: int) -> Ids:
        return cls(rng=random.Random(seed))

    def uuid(self) -> str:
        if self.synthetic:
            return SYNTHETIC_PREFIX + self.hex(12)
        value = self.rng.getrandbits(128)
        # Version-4 and RFC 4122 variant bits, so the ids look like what the API hands out.
        value = (value & ~(0xF000 << 64)) | (0x4000 << 64)
        value = (value & ~(0xC000 << 48)) | (0x8000 << 48)
        h = f"{value:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def hex(self, length: int) -> str:
        return f"{self.rng.getrandbits(length * 4):0{length}x}"

    def token(self, length: int = 32) -> str:
        alphabet = string.ascii_letters + string.digits
        return "".join(self.rng.choice(alphabet) for _ in range(length))

    def digits(self, length: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(length))

    def api_key(self) -> str:
        return "sk_" + self.hex(64)

    def signing_secret(self) -> str:
        return "whsec_" + self.token(32)


def request_id() -> str:
    # Request ids are not part of the seeded world: they must differ between two emulators.
    return "req_" + secrets.token_hex(12)
