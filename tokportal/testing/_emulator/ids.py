"""Identifier and secret minting, seeded so a given emulator seed replays the same ids."""

from __future__ import annotations

import random
import secrets
import string

import attrs

SYNTHETIC_PREFIX = "00000000-0000-4000-8000-"


DRY_RUN_TOKEN_MARKER = "dryrun"


@attrs.define
class Ids:
    """Mints ids from one seeded generator (``rng``).

    A dry run works on a copy of the world whose ``Ids`` is switched by :meth:`dry_run_from`:
    it draws from the *separate* ``dry_rng`` stream, so the real sequence is neither advanced
    nor previewed (a dry-run presign must not hand out the next real upload URL), mints the
    documented never-valid synthetic ids, and marks its tokens with ``dryrun``.
    """

    rng: random.Random
    dry_rng: random.Random = attrs.field(repr=False)
    synthetic: bool = False

    @classmethod
    def seeded(cls, seed: int) -> Ids:
        return cls(rng=random.Random(seed), dry_rng=random.Random(f"dry-run:{seed}"))

    def dry_run_from(self, real: Ids) -> None:
        """Turn this (deep-copied) ``Ids`` into the dry-run minter of ``real``.

        The copy shares ``real.dry_rng`` itself (not a copy of it), so consecutive dry runs keep
        drawing fresh values instead of repeating the same ones.
        """
        self.rng = real.dry_rng
        self.dry_rng = real.dry_rng
        self.synthetic = True

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
        if self.synthetic and length > len(DRY_RUN_TOKEN_MARKER):
            # Same length as a real token, but recognisably synthetic (never a live capability).
            rest = length - len(DRY_RUN_TOKEN_MARKER)
            return DRY_RUN_TOKEN_MARKER + "".join(self.rng.choice(alphabet) for _ in range(rest))
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
