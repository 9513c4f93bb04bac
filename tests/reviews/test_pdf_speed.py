"""What makes a render faster without changing the PDF (issue 17, item 5's time goal): the
garbage collector paused during a render, the stylesheets parsed once per thread and language,
each PDF stream serialised once (reviews/pdf_streams.py). Times are measured by
bench/pdf.py --in-a-row, not here."""

import gc
import shutil
import threading
import weakref
from contextlib import nullcontext

import pytest
from weasyprint import CSS

from reviews import pdf, pdf_streams
from tests.publishing import published_review

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("fc-match"), reason="needs fontconfig"),
]

ENGLISH = "The review was prepared with civil society and local authorities. " * 40


@pytest.fixture
def english_review():
    review = published_review("GBR", sections={1: ENGLISH, 3: ENGLISH},
                              objectives={6: ("under_way", ENGLISH)})  # fmt: skip
    review.refresh_from_db()
    return review, pdf.pdf_revision(review)


@pytest.fixture
def collector_enabled_afterwards():
    """Whatever a test switches, later tests run with the collector on."""
    yield
    gc.enable()


def stylesheets_parsed_per_render(language):
    """What the render parsed before: both stylesheets, every time."""
    fonts = pdf.font_config()
    return [
        CSS(filename=str(pdf.STYLESHEET), font_config=fonts),
        CSS(string=pdf.page_css(language), font_config=fonts),
    ]


@pytest.fixture
def streams_once_afterwards():
    """Whatever a test switches, later tests write the portal's way again."""
    yield
    pdf_streams.serialise_streams_once()


def test_the_pdf_is_byte_for_byte_the_one_rendered_the_slower_way(
    english_review, monkeypatch, streams_once_afterwards
):
    pdf.render_pdf(*english_review)
    faster = pdf.render_pdf(*english_review)  # with the stylesheets the first render parsed
    monkeypatch.setattr(pdf, "collector_paused", nullcontext)
    monkeypatch.setattr(pdf, "stylesheets", stylesheets_parsed_per_render)
    pdf_streams.serialise_streams_twice()
    assert pdf.render_pdf(*english_review) == faster


def test_each_stream_is_serialised_once_per_pdf(english_review, monkeypatch):
    serialised = []
    original = pdf_streams._stream_data
    monkeypatch.setattr(
        pdf_streams,
        "_stream_data",
        lambda stream: serialised.append(id(stream)) or original(stream),
    )
    pdf.render_pdf(*english_review)
    # One content stream per page, the font files, the object stream, the metadata...
    assert len(serialised) > 10
    assert len(serialised) == len(set(serialised))


def test_a_stream_outside_a_write_is_serialised_each_time_it_is_read():
    stream = pdf_streams.pydyf.Stream([b"BT"])
    first = stream.data
    stream.stream.append(b"ET")
    assert stream.data == b"<</Length 5>>\nstream\nBT\nET\nendstream"
    assert first == b"<</Length 2>>\nstream\nBT\nendstream"


def test_the_collector_is_off_during_the_render_and_on_after_it(english_review, monkeypatch):
    seen = []
    write_pdf = pdf.HTML.write_pdf
    monkeypatch.setattr(
        pdf.HTML,
        "write_pdf",
        lambda self, **kw: seen.append(gc.isenabled()) or write_pdf(self, **kw),
    )
    pdf.render_pdf(*english_review)
    assert seen == [False]
    assert gc.isenabled() is True


@pytest.fixture
def no_automatic_collection():
    """Thresholds no allocation reaches: only a collection the code asks for frees a cycle."""
    thresholds = gc.get_threshold()
    gc.set_threshold(1_000_000_000)
    yield
    gc.set_threshold(*thresholds)


def test_the_cycles_a_render_leaves_are_freed_when_it_returns(
    english_review, monkeypatch, no_automatic_collection
):
    class Node:
        pass

    refs = []
    write_pdf = pdf.HTML.write_pdf

    def write_pdf_leaving_a_cycle(self, **kwargs):
        node = Node()
        node.itself = node  # freed only by the collector, as WeasyPrint's box trees are
        refs.append(weakref.ref(node))
        return write_pdf(self, **kwargs)

    monkeypatch.setattr(pdf.HTML, "write_pdf", write_pdf_leaving_a_cycle)
    pdf.render_pdf(*english_review)
    assert refs[0]() is None


def test_a_collector_switched_off_before_the_render_stays_off(
    english_review, collector_enabled_afterwards
):
    gc.disable()
    pdf.render_pdf(*english_review)
    assert gc.isenabled() is False


def test_the_collector_comes_back_when_the_render_fails(english_review, monkeypatch):
    def fail(self, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pdf.HTML, "write_pdf", fail)
    with pytest.raises(OSError, match="disk full"):
        pdf.render_pdf(*english_review)
    assert gc.isenabled() is True


def test_stylesheets_are_parsed_once_per_thread_and_language():
    english = pdf.stylesheets("en")
    others = {}
    thread = threading.Thread(target=lambda: others.update(en=pdf.stylesheets("en")))
    thread.start()
    thread.join()
    assert pdf.stylesheets("en") is english
    assert len(english) == 2
    assert pdf.stylesheets("fr") is not english
    assert others["en"] is not english
