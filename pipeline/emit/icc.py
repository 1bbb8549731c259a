"""An sRGB colour profile (ICC version 2.1), written from the numbers of the sRGB standard.

PDF/A needs an output intent with an embedded ICC profile. The profiles Little CMS builds (Pillow's
``ImageCms.createProfile("sRGB")``) are version 4, which PDF/A-2 accepts but PDF/A-1 and its checkers do
not; a version 2 matrix/TRC profile is valid for both, so the same file passes Apache PDFBox Preflight
(a PDF/A-1b checker packaged by Debian) and meets PDF/A-2b. Nothing is copied from another profile: the
primaries are the IEC 61966-2-1 ones adapted to the D50 connection space (Bradford), the tone curve is the
sRGB curve sampled at 1024 points.
"""

from __future__ import annotations

import struct
from functools import lru_cache

D50 = (0.9642, 1.0, 0.8249)
# sRGB primaries, Bradford-adapted from D65 to D50 (the columns of the RGB -> XYZ(D50) matrix)
RED = (0.4360747, 0.2225045, 0.0139322)
GREEN = (0.3850649, 0.7168786, 0.0971045)
BLUE = (0.1430804, 0.0606169, 0.7141733)
CURVE_POINTS = 1024
DESCRIPTION = "sRGB IEC61966-2.1 (vnreports)"
COPYRIGHT = "No copyright, use freely"


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _xyz(xyz: tuple[float, float, float]) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in xyz)


def _srgb_to_linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _curve() -> bytes:
    points = [round(_srgb_to_linear(i / (CURVE_POINTS - 1)) * 65535) for i in range(CURVE_POINTS)]
    return b"curv\0\0\0\0" + struct.pack(">I", CURVE_POINTS) + struct.pack(f">{CURVE_POINTS}H", *points)


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return (b"desc\0\0\0\0" + struct.pack(">I", len(ascii_)) + ascii_
            + struct.pack(">II", 0, 0)  # no Unicode description
            + struct.pack(">HB", 0, 0) + b"\0" * 67)  # no ScriptCode description


def _text(text: str) -> bytes:
    return b"text\0\0\0\0" + text.encode("ascii") + b"\0"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """The profile's bytes (about 2.5 KB)."""
    curve = _curve()
    tags: list[tuple[bytes, bytes]] = [
        (b"desc", _desc(DESCRIPTION)), (b"cprt", _text(COPYRIGHT)), (b"wtpt", _xyz(D50)),
        (b"rXYZ", _xyz(RED)), (b"gXYZ", _xyz(GREEN)), (b"bXYZ", _xyz(BLUE)),
        (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    entries, blobs, placed = [], [], {}
    for sig, data in tags:
        if data not in placed:  # the three curves share one copy
            placed[data] = offset
            padded = data + b"\0" * (-len(data) % 4)
            blobs.append(padded)
            offset += len(padded)
        entries.append(struct.pack(">4sII", sig, placed[data], len(data)))
    body = struct.pack(">I", len(tags)) + b"".join(entries) + b"".join(blobs)
    size = 128 + len(body)
    header = (struct.pack(">I", size) + b"\0\0\0\0" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4  # no primary platform
              + struct.pack(">I", 0) + b"\0" * 8 + b"\0" * 8  # flags, manufacturer, model, attributes
              + struct.pack(">I", 0) + b"".join(_s15(v) for v in D50)  # perceptual intent, illuminant
              + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)  # creator, profile ID (v2: none), reserved
    assert len(header) == 128
    return header + body
