"""PNG exports streamed band by band (render/png_stream): the same pixels as Qt's drawing,
the DPI and metadata in the file, nothing left on failure, and memory that holds a band
rather than the image (never timed). Memory is the child process's own peak (VmHWM):
`ru_maxrss` would start from the parent's resident size, which exec carries over."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PilImage
from PySide6.QtGui import QImage

from journeyeditor.editing.document import Document
from journeyeditor.render import export, png_stream
from journeyeditor.render.export import (
    ExportOptions,
    ExportSource,
    export_png,
    image_size,
    map_image,
    render_png,
)
from journeyeditor.render.png_stream import PngStream

from .pixels import compare
from .render_cases import first_map
from helpers.projects import child_environment


def decoded(data: bytes) -> PilImage.Image:
    with PilImage.open(io.BytesIO(data)) as image:
        image.load()
        return image


def qt_pixels(image: QImage, transparent: bool) -> PilImage.Image:
    """What Qt drew, as straight (not premultiplied) RGBA, or RGB."""
    converted = image.convertToFormat(QImage.Format.Format_RGBA8888)
    size = (converted.width(), converted.height())
    data = bytes(converted.constBits())
    rgba = PilImage.frombytes("RGBA", size, data, "raw", "RGBA", converted.bytesPerLine(), 1)
    return rgba if transparent else rgba.convert("RGB")


def drawn_in_bands(
    source: ExportSource, map_id: int, dpi: int, transparent: bool
) -> PilImage.Image:
    """The whole-image path the stream replaced: each band drawn by Qt and pasted into one
    Pillow image (bands of BAND_PIXELS // width rows from the top, as for an unframed map)."""
    width, height = image_size(source.picture(map_id), dpi)
    rows = max(1, export.BAND_PIXELS // width)
    whole = PilImage.new("RGBA" if transparent else "RGB", (width, height))
    for top in range(0, height, rows):
        band = map_image(source, map_id, dpi / 96, transparent, top, min(rows, height - top))
        whole.paste(qt_pixels(band, transparent), (0, top))
    return whole


@pytest.mark.parametrize("transparent", [False, True], ids=["opaque", "transparent"])
@pytest.mark.parametrize("band_pixels", [16_000_000, 150_000], ids=["one-band", "bands"])
def test_streamed_png_has_the_pixels_qt_drew(
    sample_doc: Document, monkeypatch: pytest.MonkeyPatch, transparent: bool, band_pixels: int
) -> None:
    """Every sample map, in one band and in many, each band converted in several slices."""
    monkeypatch.setattr(export, "BAND_PIXELS", band_pixels)
    monkeypatch.setattr(export, "SLICE_PIXELS", 40_000)
    source = ExportSource(sample_doc)
    for journey_map in sample_doc.maps():
        options = ExportOptions(dpi=96, transparent=transparent, maps=(journey_map.id,))
        streamed = decoded(render_png(source, journey_map.id, options))
        expected = drawn_in_bands(source, journey_map.id, 96, transparent)
        assert streamed.mode == expected.mode
        assert streamed.size == expected.size
        found = compare(streamed.convert("RGBA"), expected.convert("RGBA"), shifts=False)
        assert found.changed == 0, f"{journey_map.name}: {found.describe()}"
        if transparent:
            alpha = (streamed.getchannel("A"), expected.getchannel("A"))
            assert alpha[0].tobytes() == alpha[1].tobytes(), journey_map.name


def test_slices_and_chunks_do_not_change_the_image(
    export_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = ExportSource(export_doc)
    map_id = first_map(export_doc)
    options = ExportOptions(dpi=120)
    whole = render_png(source, map_id, options)
    monkeypatch.setattr(export, "SLICE_PIXELS", 7_777)
    monkeypatch.setattr(png_stream, "CHUNK_BYTES", 4_096)
    cut = render_png(source, map_id, options)
    assert cut.count(b"IDAT") > 10 > whole.count(b"IDAT")
    assert decoded(cut).tobytes() == decoded(whole).tobytes()


@pytest.mark.parametrize("dpi", [72, 300])
def test_png_file_says_its_dpi_and_what_made_it(
    export_doc: Document, tmp_path: Path, dpi: int
) -> None:
    target = tmp_path / "map.png"
    export_png(export_doc, target, ExportOptions(dpi=dpi, transparent=True))
    with PilImage.open(target) as image:
        image.verify()
    with PilImage.open(target) as image:
        assert tuple(round(d) for d in image.info["dpi"]) == (dpi, dpi)
        assert image.info["Software"].startswith("Journey Editor ")
        assert image.mode == "RGBA"


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(1, 40),
    alpha=st.booleans(),
    cuts=st.lists(st.integers(0, 6), min_size=1, max_size=6),
    seed=st.binary(min_size=1, max_size=64),
)
def test_any_rows_written_in_any_pieces_decode_to_themselves(
    width: int, alpha: bool, cuts: list[int], seed: bytes
) -> None:
    """The Up filter and the chunking, on rows that are not a map's flat colours."""
    stride = width * (4 if alpha else 3)
    height = sum(cuts)
    if not height:
        return
    rows = (seed * (stride * height // len(seed) + 1))[: stride * height]
    out = io.BytesIO()
    with PngStream(out, width, height, alpha=alpha, dpi=96) as png:
        start = 0
        for count in cuts:
            png.write_rows(rows[start : start + count * stride])
            start += count * stride
    image = decoded(out.getvalue())
    assert image.mode == ("RGBA" if alpha else "RGB")
    assert image.size == (width, height)
    assert image.tobytes() == rows


def test_rows_must_fill_the_image_exactly() -> None:
    with pytest.raises(ValueError, match="rows do not fit"):
        PngStream(io.BytesIO(), 2, 2, alpha=False, dpi=96).write_rows(bytes(6 * 3))
    short = PngStream(io.BytesIO(), 2, 2, alpha=False, dpi=96)
    with pytest.raises(ValueError, match="1 rows written of 2"), short as png:
        png.write_rows(bytes(6))


def test_failure_midway_leaves_no_file(
    export_doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A band that fails after others were written: the old file stays, no temporary file."""
    drawn: list[int] = []

    def failing(*args: object, **kwargs: object) -> QImage:
        drawn.append(1)
        if len(drawn) == 3:
            raise RuntimeError("out of paint")
        return map_image(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "BAND_PIXELS", 100_000)
    monkeypatch.setattr(export, "map_image", failing)
    target = tmp_path / "map.png"
    target.write_bytes(b"the old picture")
    with pytest.raises(RuntimeError):
        export_png(export_doc, target, ExportOptions(dpi=150))
    assert len(drawn) == 3
    assert target.read_bytes() == b"the old picture"
    assert [path.name for path in tmp_path.iterdir()] == ["map.png"]
    target.unlink()
    drawn.clear()
    with pytest.raises(RuntimeError):
        export_png(export_doc, target, ExportOptions(dpi=150))
    assert list(tmp_path.iterdir()) == []


CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from journeyeditor.editing.document import Document
from journeyeditor.render import export
from journeyeditor.render.export import ExportOptions
def peak():
    status = Path("/proc/self/status").read_text().split("VmHWM:")[1]
    return int(status.split()[0])
document = Document.open(Path(sys.argv[1]), read_only=True)
target = Path(sys.argv[2])
export.BAND_PIXELS = int(sys.argv[3])
export.export_png(document, target, ExportOptions(dpi=48))
before = peak()
size = export.export_png(document, target, ExportOptions(dpi=int(sys.argv[4])))
print(json.dumps({"size": size, "grown_kb": peak() - before}))
"""
MEMORY_DPI = 400
MEMORY_BAND = 250_000
GROWTH_LIMIT = 24 * 1024 * 1024
"""Bytes the peak memory may grow by while a 400-DPI PNG of 32 Mpx is streamed in bands
of a megabyte: the image whole takes 96 MB in RGB (the old path held it, and a band of 64
MB more); streamed, the peak grew by under a megabyte (measured)."""


def test_a_big_png_is_streamed_in_bounded_memory(export_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "big.png"
    arguments = [str(export_file), str(target), str(MEMORY_BAND), str(MEMORY_DPI)]
    ran = subprocess.run(
        [sys.executable, "-c", CHILD, *arguments],
        capture_output=True,
        text=True,
        env={**child_environment(), "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    report = json.loads(ran.stdout.splitlines()[-1])
    width, height = report["size"]
    whole = width * height * 3
    assert whole > 3 * GROWTH_LIMIT
    assert report["grown_kb"] * 1024 < GROWTH_LIMIT, report
    with PilImage.open(target) as image:
        assert image.size == (width, height)
