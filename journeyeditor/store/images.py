"""Checking images with Pillow before they enter a file: format, size and soundness."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from journeyeditor.model import limits
from journeyeditor.store.errors import BadImageError

MAX_BYTES = limits.IMAGE_MAX_BYTES
MAX_PIXELS = limits.IMAGE_MAX_PIXELS
FORMATS = frozenset({"PNG", "JPEG", "GIF", "WEBP"})


@dataclass(frozen=True)
class CheckedImage:
    """Image bytes that Pillow has read through, with what the file needs to know."""

    format: str
    width: int
    height: int
    data: bytes


def check_image(data: bytes, source: Path | str = "image", decode: bool = True) -> CheckedImage:
    """Refuse anything that is not a sound PNG/JPEG/GIF/WebP of reasonable size.

    With `decode` the pixels are decoded too (before anything else decodes them);
    without, only the headers and the structure are verified (quick, for whole files).
    Pillow is imported here: checking a file without images needs none of it.
    """
    from PIL import Image as PilImage

    if len(data) > MAX_BYTES:
        raise BadImageError(source, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PilImage.DecompressionBombWarning)
            with PilImage.open(io.BytesIO(data)) as image:
                fmt = (image.format or "").upper()
                width, height = image.size
                if fmt not in FORMATS:
                    raise BadImageError(source, f"{fmt or 'unknown'} images are not supported")
                if width * height > MAX_PIXELS:
                    raise BadImageError(
                        source, f"{width}×{height} pixels is more than {MAX_PIXELS:,}"
                    )
                image.verify()
            if decode:
                with PilImage.open(io.BytesIO(data)) as image:
                    image.load()
    except BadImageError:
        raise
    except (
        OSError,
        ValueError,
        SyntaxError,
        PilImage.DecompressionBombError,
        PilImage.DecompressionBombWarning,
    ) as exc:
        raise BadImageError(source, "the file is damaged or not an image") from exc
    return CheckedImage(fmt, width, height, data)


def read_image_file(path: Path | str) -> CheckedImage:
    """Read and check an image file a person picked."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadImageError(path, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise BadImageError(path, str(exc)) from exc
    return check_image(data, path)
