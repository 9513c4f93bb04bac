"""Editors that autosave over HTTP as the browser's editor does (bench/editing.py's load).

Each `Editor` is one person's browser on one part's editor page: it reads the page's form (the
fields `FormData` would post, the autosave URL, the version the page was read at), then posts
the form to the autosave URL with a new last paragraph, the version it started from and the
`X-Requested-With` header editor.js sends. `run_editors` runs one thread per person:

- alone on a part (`_Solo`), every save must be accepted; the next one starts from the
  version the answer gave, as editor.js does;
- two colleagues on one part (`_Pair`) post at the same moment from the same version: exactly
  one must be accepted and the other told of the conflict (HTTP 409, `"conflict": true`).

`run_floor` is the baseline: the same people on the same schedule, GETting a trivial page.
What they were told is gathered in a `Tally`; bench/editing.py's `check_saves` compares it
with the database.
"""

import random
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import requests

# The parts a focal point types into: the five sections (text) and the 23 objective entries
# (narrative). The details part has no free text worth autosaving.
PARTS = [f"section-{n}" for n in range(1, 6)] + [f"objective-{n}" for n in range(1, 24)]
TEXT_FIELD = {"section": "text", "objective": "narrative"}
HEADERS = {"X-Requested-With": "fetch"}  # as editor.js sends it: a 401 comes back as JSON


@dataclass
class Slot:
    """One part of one draft and who edits it: one session (solo) or two (a pair)."""

    review_pk: int
    page: str  # the part's editor page, from the site's root
    part: str
    sessions: list[dict]


@dataclass
class Tally:
    """What the editors saw; threads add to it under `lock`."""

    latencies_ms: list = field(default_factory=list)
    saves: int = 0  # acknowledged
    false_conflicts: int = 0  # a 409 on a part nobody else edits (or both of a pair refused)
    provoked: int = 0  # pair rounds: two saves from the same version
    reported: int = 0  # pair rounds where exactly one was refused with a conflict
    missed: int = 0  # pair rounds where both were accepted
    errors: list = field(default_factory=list)
    acked: dict = field(default_factory=dict)  # (review pk, part) -> last acknowledged text
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **changes):
        with self.lock:
            for name, value in changes.items():
                if name == "latency_ms":
                    self.latencies_ms.append(value)
                elif name == "error":
                    self.errors.append(value)
                elif name == "acked":
                    self.acked[value[0]] = value[1]
                else:
                    setattr(self, name, getattr(self, name) + value)


# --- One editor over HTTP ---------------------------------------------------------------------


class _EditorForm(HTMLParser):
    """The fields the editor's form posts (what the browser's FormData holds) and its autosave
    URL: the first form with `data-autosave-url`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.url, self.fields, self._inside = None, [], False
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.url is None and "data-autosave-url" in a:
            self.url, self._inside = a["data-autosave-url"], True
        elif not self._inside or (not a.get("name") and tag != "option"):
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file") or (
                kind in ("checkbox", "radio") and "checked" not in a
            ):
                return
            self.fields.append((a["name"], a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select = [a["name"], None, False]  # name, first option, one selected
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = True
                self.fields.append((self._select[0], value))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline that follows <textarea>, and send \r\n line endings.
            text = text[1:] if text.startswith("\n") else text
            self.fields.append((name, text.replace("\n", "\r\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, first, chosen = self._select
            if not chosen and first is not None:
                self.fields.append((name, first))
            self._select = None


class Editor:
    """One person's browser on one part's editor page."""

    def __init__(self, base_url: str, slot: Slot, cookies: dict, name: str):
        self.base_url, self.slot, self.name = base_url, slot, name
        self.http = requests.Session()
        for key, value in cookies.items():
            self.http.cookies.set(key, value)
        self.field = TEXT_FIELD[slot.part.split("-")[0]]
        self.saves = 0

    def open(self) -> int:
        """Load the page; returns the version it was read at."""
        response = self.http.get(self.base_url + self.slot.page, timeout=60)
        response.raise_for_status()
        form = _EditorForm()
        form.feed(response.text)
        if form.url is None:
            raise RuntimeError(f"{self.slot.page}: no autosave form on the page")
        # The test server marks cookies Secure (DEBUG=0); this client talks plain HTTP.
        for cookie in self.http.cookies:
            cookie.secure = False
        self.url, self.fields = form.url, form.fields
        self.original = dict(form.fields)[self.field].replace("\r\n", "\n")
        return int(dict(form.fields)["version"])

    def next_text(self) -> str:
        """The part's text with a new last paragraph: unique, about the same length every time."""
        self.saves += 1
        return f"{self.original}\n\nChanged by {self.name}, save {self.saves}, {time.time_ns()}."

    def save(self, text: str, version: int):
        """(HTTP status, JSON answer or {}, milliseconds) of one autosave."""
        typed = {self.field: text.replace("\n", "\r\n"), "version": str(version)}
        data = [(name, typed.get(name, value)) for name, value in self.fields]
        started = time.perf_counter()
        response = self.http.post(self.base_url + self.url, data=data, headers=HEADERS, timeout=60)
        ms = (time.perf_counter() - started) * 1000
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        return response.status_code, answer, ms


# --- The load ---------------------------------------------------------------------------------


def _ticks(t0: float, offset: float, seconds: float, interval: float):
    """Sleep until each save is due: `offset` after the start, then every `interval`."""
    due = t0 + offset
    while due < t0 + seconds:
        time.sleep(max(0.0, due - time.monotonic()))
        yield
        due += interval


def _run_threads(targets: list, tally: Tally) -> None:
    """One thread per target. Each opens its page (`prepare`) before the common start, so that
    opening 50 pages is not part of the load; a thread that fails says so in the tally."""
    start = []
    barrier = threading.Barrier(len(targets), action=lambda: start.append(time.monotonic()))

    def run(target):
        try:
            state = target.prepare()
            barrier.wait(timeout=300)
            target(state, start[0])
        except Exception as error:
            barrier.abort()
            target.abandon()
            tally.add(error=f"{target.slot.part}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=run, args=(t,), daemon=True) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_editors(base_url: str, plan: list[Slot], *, seconds: float, interval: float = 5.0,
                seed_value: int = 1) -> Tally:  # fmt: skip
    """Every editor of `plan` autosaves its part every `interval` s for `seconds`."""
    tally, rng, targets = Tally(), random.Random(seed_value), []
    for n, slot in enumerate(plan):
        timing = (rng.uniform(0, interval), seconds, interval)
        if len(slot.sessions) == 1:
            targets.append(
                _Solo(Editor(base_url, slot, slot.sessions[0], f"editor {n}"), tally, timing)
            )
        else:
            pair = _Pair(slot, tally)
            targets += [
                _PairMember(
                    Editor(base_url, slot, cookies, f"editor {n}{'ab'[i]}"), pair, i, timing
                )
                for i, cookies in enumerate(slot.sessions)
            ]
    _run_threads(targets, tally)
    return tally


def run_floor(base_url: str, plan: list[Slot], url: str, *, seconds: float, interval: float = 5.0,
              seed_value: int = 1) -> Tally:  # fmt: skip
    """The baseline: the same people, on the same schedule, each GET `url` instead of saving."""
    tally, rng = Tally(), random.Random(seed_value)
    targets = [
        _Reader(
            Editor(base_url, slot, cookies, "reader"),
            url,
            tally,
            (rng.uniform(0, interval), seconds, interval),
        )
        for slot in plan
        for cookies in slot.sessions
    ]
    _run_threads(targets, tally)
    return tally


class _Solo:
    """One editor alone on a part: every save must be accepted."""

    def __init__(self, editor: Editor, tally: Tally, timing: tuple):
        self.editor, self.slot, self.tally, self.timing = editor, editor.slot, tally, timing

    def prepare(self) -> int:
        return self.editor.open()

    def abandon(self):
        pass

    def __call__(self, version: int, t0: float):
        key = (self.slot.review_pk, self.slot.part)
        for _ in _ticks(t0, *self.timing):
            text = self.editor.next_text()
            status, answer, ms = self.editor.save(text, version)
            if status == 200 and answer.get("ok"):
                version = answer["version"]
                self.tally.add(latency_ms=ms, saves=1, acked=(key, text))
            elif status == 409:
                self.tally.add(latency_ms=ms, false_conflicts=1)
                version = self.editor.open()  # as the person would: reload, type again
            else:
                self.tally.add(latency_ms=ms, error=f"{self.slot.part}: HTTP {status} {answer}")


class _Pair:
    """Two colleagues on one part. Each round both post at the same moment from the same
    version: exactly one save is accepted, the other is told of the conflict."""

    def __init__(self, slot: Slot, tally: Tally):
        self.slot, self.tally, self.version = slot, tally, None
        self.answers = [None, None]
        self.gate = threading.Barrier(2)
        self.done = threading.Barrier(2, action=self.resolve)

    def resolve(self):
        oks = [a for a in self.answers if a[0] == 200 and a[1].get("ok")]
        conflicts = [a for a in self.answers if a[0] == 409]
        changes = {"provoked": 1, "saves": len(oks)}
        if oks:
            # Both accepted (a missed conflict): the later one, with the higher version, stands.
            _, answer, text = max(oks, key=lambda a: a[1]["version"])
            self.version = answer["version"]
            changes["acked"] = ((self.slot.review_pk, self.slot.part), text)
        if len(oks) == 1 and len(conflicts) == 1:
            changes["reported"] = 1
        elif len(oks) == 2:
            changes["missed"] = 1
        elif len(conflicts) == 2:
            changes["false_conflicts"] = 1  # refused although one of them started current
        else:
            changes["error"] = f"{self.slot.part}: pair answered {[a[0] for a in self.answers]}"
        self.tally.add(**changes)


class _PairMember:
    def __init__(self, editor: Editor, pair: _Pair, index: int, timing: tuple):
        self.editor, self.slot, self.pair, self.index = editor, editor.slot, pair, index
        self.tally, self.timing = pair.tally, timing

    def prepare(self) -> int:
        version = self.editor.open()
        if self.pair.version is None:  # both read the page before anyone saves: the same
            self.pair.version = version
        return version

    def abandon(self):
        self.pair.gate.abort()
        self.pair.done.abort()

    def __call__(self, _version: int, t0: float):
        for _ in _ticks(t0, *self.timing):
            self.pair.gate.wait(timeout=120)  # both ready, from the same version
            text = self.editor.next_text()
            status, answer, ms = self.editor.save(text, self.pair.version)
            self.pair.answers[self.index] = (status, answer, text)
            self.tally.add(latency_ms=ms)
            self.pair.done.wait(timeout=120)


class _Reader:
    def __init__(self, editor: Editor, url: str, tally: Tally, timing: tuple):
        self.editor, self.slot, self.url, self.tally, self.timing = (
            editor,
            editor.slot,
            url,
            tally,
            timing,
        )

    def prepare(self):
        return None

    def abandon(self):
        pass

    def __call__(self, _state, t0: float):
        for _ in _ticks(t0, *self.timing):
            started = time.perf_counter()
            response = self.editor.http.get(self.editor.base_url + self.url, timeout=60)
            self.tally.add(latency_ms=(time.perf_counter() - started) * 1000, saves=1)
            if response.status_code != 200:
                self.tally.add(error=f"{self.url}: HTTP {response.status_code}")
