"""Image bytes decoded by Qt only after Pillow has read them through.

A project's images come from files made elsewhere; Qt's decoders are never handed
bytes that Pillow's checks (format, size, decompression bombs, soundness) refused.
"""

from __future__ import annotations

from PySide6.QtGui import QImage

from journeyeditor.store.errors import BadImageError
from journeyeditor.store.images import check_image


def decode(data: bytes | None) -> QImage | None:
    """The picture, or None when there is none or it is not a sound image."""
    if data is None:
        return None
    try:
        check_image(data)
    except BadImageError:
        return None
    image = QImage.fromData(data)
    return None if image.isNull() else image
