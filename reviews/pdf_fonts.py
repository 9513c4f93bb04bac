"""Keep WeasyPrint from copying whole font files into memory (issue 17, "PDF memory").

WeasyPrint 70 (`weasyprint.pdf.fonts.Font.__init__`) copies the whole file of every font a PDF
uses into a Python `bytes` object, then subsets the font with HarfBuzz from the font's HarfBuzz
face, not from that copy, and replaces the copy with the subset. For Noto Sans CJK (one 19 MB
collection for regular, one 20 MB for bold) a Chinese render thus holds 39 MB of copies, and
reading them pulls the two files' 39 MB of mapped pages into the process as well: most of the
~85 MB the Chinese render added to a worker's peak RSS. Measured with bench/pdf.py --in-a-row.

`read_fonts_on_demand()` hands `Font` a view of the face's data instead (no copy, pages read only
where HarfBuzz reads them); once `Font.clean()` is done, a font whose content is still that view
(subsetting off, or failed) gets a real `bytes` copy, so that what is written into the PDF is what
WeasyPrint would have written: the PDF is byte for byte the same. Only what `Font.__init__` reads
is a view; every other call of `get_hb_object_data` (subset faces, colour glyphs) is untouched.

It wraps `get_hb_object_data`, `Font.__init__` and `Font.clean` in `weasyprint.pdf.fonts`;
WeasyPrint is pinned (requirements.lock). An upgrade that renames them fails at import; one
that reads the font another way makes tests/reviews/test_pdf_memory.py fail, since a Chinese
render then copies a whole font file again.
"""

import threading

from weasyprint.pdf import fonts as weasyprint_fonts
from weasyprint.text.ffi import ffi, harfbuzz

# Set while Font.__init__ runs in this thread: only its read of the whole face becomes a view.
_in_font_init = threading.local()
_copy_face_data = weasyprint_fonts.get_hb_object_data
_font_init = weasyprint_fonts.Font.__init__
_font_clean = weasyprint_fonts.Font.clean


def face_data_view(hb_face):
    """The face's data (the whole font file) as a buffer over HarfBuzz's own memory, and the
    blob that owns that memory (the caller keeps it alive as long as the buffer)."""
    blob = ffi.gc(harfbuzz.hb_face_reference_blob(hb_face), harfbuzz.hb_blob_destroy)
    length = ffi.new("unsigned int *")
    data = harfbuzz.hb_blob_get_data(blob, length)
    if data == ffi.NULL:
        return None, None
    return ffi.buffer(data, int(length[0])), blob


def _get_hb_object_data(hb_object, ot_color=None, glyph=None):
    if ot_color is None and getattr(_in_font_init, "font", None) is not None:
        view, blob = face_data_view(hb_object)
        _in_font_init.font._face_blob = blob
        return view
    return _copy_face_data(hb_object, ot_color, glyph)


def _init(self, *args, **kwargs):
    _in_font_init.font = self
    try:
        _font_init(self, *args, **kwargs)
    finally:
        _in_font_init.font = None


def _clean(self, *args, **kwargs):
    _font_clean(self, *args, **kwargs)
    if isinstance(self.file_content, ffi.buffer):  # not subset: embed the whole font, as before
        self.file_content = bytes(self.file_content)
    self._face_blob = None


def read_fonts_on_demand():
    """Install the three wrappers (idempotent: they wrap the originals kept above)."""
    weasyprint_fonts.get_hb_object_data = _get_hb_object_data
    weasyprint_fonts.Font.__init__ = _init
    weasyprint_fonts.Font.clean = _clean


def copy_fonts_whole():
    """Undo `read_fonts_on_demand()`: WeasyPrint's own behaviour, the baseline of bench/pdf.py."""
    weasyprint_fonts.get_hb_object_data = _copy_face_data
    weasyprint_fonts.Font.__init__ = _font_init
    weasyprint_fonts.Font.clean = _font_clean
