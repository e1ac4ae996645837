"""A PNG written as its rows arrive, so an image of any size needs only a band in memory.

Rows go through the "Up" filter (each byte minus the one above it, computed by Pillow in
C): a map's rows mostly repeat the row above, which then compresses to almost nothing,
whereas unfiltered rows of a wide image are farther apart than deflate's 32 KB window.
One zlib stream is cut into IDAT chunks of about `CHUNK_BYTES`.

    with PngStream(file, width, height, alpha=False, dpi=300) as png:
        png.write_rows(packed_rows)   # any number of whole rows, 3 or 4 bytes a pixel
"""

from __future__ import annotations

import struct
import zlib
from types import TracebackType
from typing import BinaryIO

from PIL import Image as PilImage
from PIL import ImageChops

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHUNK_BYTES = 1 << 20
"""Compressed bytes gathered before an IDAT chunk is written."""
FILTER_UP = b"\x02"
LARGEST_SIDE = 2**31 - 1
"""The PNG format's limit on width and height."""


class PngStream:
    """Writes one PNG to `stream`: header and metadata at once, rows as they come, the end
    on `close` (which checks that every row was given)."""

    def __init__(
        self,
        stream: BinaryIO,
        width: int,
        height: int,
        *,
        alpha: bool,
        dpi: float,
        text: dict[str, str] | None = None,
        level: int = 6,
    ) -> None:
        if not (0 < width <= LARGEST_SIDE and 0 < height <= LARGEST_SIDE):
            raise ValueError(f"a PNG cannot be {width} × {height} pixels")
        self._stream = stream
        self._stride = width * (4 if alpha else 3)
        self._height = height
        self._rows = 0
        self._above = bytes(self._stride)
        self._deflate = zlib.compressobj(level)
        self._pending = bytearray()
        stream.write(SIGNATURE)
        colour = 6 if alpha else 2
        self._chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0))
        per_metre = int(dpi / 0.0254 + 0.5)
        self._chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
        for key, value in (text or {}).items():
            self._chunk(b"iTXt", key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8"))

    def write_rows(self, data: bytes) -> None:
        """Add whole rows, packed: RGB or RGBA, no padding between rows."""
        rows, rest = divmod(len(data), self._stride)
        if rest or self._rows + rows > self._height:
            raise ValueError("rows do not fit the image")
        if not rows:
            return
        size = (self._stride, rows)
        current = PilImage.frombuffer("L", size, data, "raw", "L", 0, 1)
        above_rows = self._above + data[: -self._stride]
        above = PilImage.frombuffer("L", size, above_rows, "raw", "L", 0, 1)
        filtered = memoryview(ImageChops.subtract_modulo(current, above).tobytes())
        compress = self._deflate.compress
        for start in range(0, len(filtered), self._stride):
            self._pending += compress(FILTER_UP)
            self._pending += compress(filtered[start : start + self._stride])
        self._above = data[-self._stride :]
        self._rows += rows
        if len(self._pending) >= CHUNK_BYTES:
            self._flush_pending()

    def close(self) -> None:
        """Finish the image: the last IDAT and IEND. Every row must have been written."""
        if self._rows != self._height:
            raise ValueError(f"{self._rows} rows written of {self._height}")
        self._pending += self._deflate.flush()
        self._flush_pending()
        self._chunk(b"IEND", b"")

    def __enter__(self) -> PngStream:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()

    def _flush_pending(self) -> None:
        if self._pending:
            self._chunk(b"IDAT", self._pending)
            self._pending = bytearray()

    def _chunk(self, kind: bytes, data: bytes | bytearray) -> None:
        self._stream.write(struct.pack(">I", len(data)) + kind)
        self._stream.write(data)
        self._stream.write(struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))))
