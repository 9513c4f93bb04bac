"""Serialise and compress each PDF stream once per file (issue 17, item 5's time goal).

pydyf 0.13 (`pydyf.PDF.write`), which WeasyPrint writes its PDFs with, serialises every object
as it writes it; then, because the portal gives the PDF an identifier, it serialises every
object a second time to hash them for the file's /ID (`md5` of all their data). A stream's data
is its operators joined into bytes and compressed with zlib at level 9: for the 22 pages of an
English review the second pass is ~36 ms of a ~0.8 s render (bench/pdf.py --in-a-row).

`serialise_streams_once()` keeps, while `PDF.write` runs in this thread, the bytes each stream
gave the first time and hands them out again: nothing changes a stream while it is written, so
the /ID, and the whole file, stay byte for byte the same (tests/reviews/test_pdf_speed.py). Each
remembered stream is held with its bytes, so that no other object can take over its id().

It wraps `pydyf.PDF.write` and `pydyf.Stream.data`; pydyf is pinned (requirements.lock). An
upgrade that renames them fails at import; one that changes a stream while writing it makes
that test fail.
"""

import threading

import pydyf

# The streams serialised so far by the PDF.write running in this thread: id -> (stream, bytes).
_writing = threading.local()
_write = pydyf.PDF.write
_stream_data = pydyf.Stream.data.fget


def _data(self):
    written = getattr(_writing, "streams", None)
    if written is None:
        return _stream_data(self)
    if id(self) not in written:
        written[id(self)] = (self, _stream_data(self))
    return written[id(self)][1]


def _write_once(self, *args, **kwargs):
    _writing.streams = {}
    try:
        return _write(self, *args, **kwargs)
    finally:
        _writing.streams = None


def serialise_streams_once():
    """Install the two wrappers (idempotent: they wrap the originals kept above)."""
    pydyf.PDF.write = _write_once
    pydyf.Stream.data = property(_data)


def serialise_streams_twice():
    """Undo `serialise_streams_once()`: pydyf's own behaviour, a baseline of bench/pdf.py."""
    pydyf.PDF.write = _write
    pydyf.Stream.data = property(_stream_data)
