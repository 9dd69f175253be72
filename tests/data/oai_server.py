"""A local stand-in for arXiv's OAI-PMH interface on 127.0.0.1 (ListRecords, arXiv format).

Records are written in arXiv's own metadata format (http://arxiv.org/OAI/arXiv/) inside the
OAI-PMH 2.0 envelope, paged with resumption tokens; the server can answer 503 Retry-After.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from xml.sax.saxutils import escape

from tests.data.query_server import QueryServer, serving

ENVELOPE = """<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ \
http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
<responseDate>{now}</responseDate>
<request {attrs}>http://export.arxiv.org/oai2</request>
{body}
</OAI-PMH>
"""


@dataclass
class OaiRecord:
    """One record as arXiv's OAI-PMH serves it (written by hand in the tests)."""

    arxiv_id: str
    datestamp: str
    title: str
    authors: list[tuple[str, str]]  # (keyname, forenames)
    categories: str
    created: str
    updated: str = ""
    comments: str = ""
    journal_ref: str = ""
    doi: str = ""
    abstract: str = "We study a problem and propose a method that works."
    raw: str = ""  # a hand-written (possibly malformed) <record> instead of the fields

    @property
    def set_spec(self) -> str:
        """The OAI set of the primary category (as arXiv's headers show it)."""
        archive = self.categories.split()[0].split(".")[0]
        return archive if archive in ("cs", "math", "stat", "eess", "econ") else (
            f"physics:{archive}")

    def sets(self) -> set[str]:
        """Every set the record appears in (a cross-list shows in its other archives too)."""
        return {c.split(".")[0] for c in self.categories.split()}

    def xml(self) -> str:
        """The <record> element."""
        if self.raw:
            return self.raw
        authors = "".join(
            f"<author><keyname>{escape(k)}</keyname><forenames>{escape(f)}</forenames></author>"
            for k, f in self.authors
        )
        optional = "".join(
            f"<{tag}>{escape(value)}</{tag}>\n"
            for tag, value in (("updated", self.updated), ("comments", self.comments),
                               ("journal-ref", self.journal_ref), ("doi", self.doi))
            if value
        )
        return f"""<record>
<header>
 <identifier>oai:arXiv.org:{self.arxiv_id}</identifier>
 <datestamp>{self.datestamp}</datestamp>
 <setSpec>{self.set_spec}</setSpec>
</header>
<metadata>
 <arXiv xmlns="http://arxiv.org/OAI/arXiv/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://arxiv.org/OAI/arXiv/ http://arxiv.org/OAI/arXiv.xsd">
 <id>{self.arxiv_id}</id>
 <created>{self.created}</created>
 {optional}<authors>{authors}</authors>
 <title>{escape(self.title)}</title>
 <categories>{self.categories}</categories>
 <license>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</license>
 <abstract>  {escape(self.abstract)}
</abstract>
 </arXiv>
</metadata>
</record>"""


class FakeOai(QueryServer):
    """ListRecords over self.records, page_size per page, with a clock to time requests."""

    content_type = "text/xml; charset=utf-8"

    def __init__(self, clock: Callable[[], float] | None = None, page_size: int = 2) -> None:
        """Bind to an ephemeral port on the loopback interface."""
        super().__init__()
        self.records: list[OaiRecord] = []
        self.page_size = page_size
        self.clock = clock
        self.times: list[float] = []
        self.busy: list[tuple[str, int]] = []  # (token prefix or "", Retry-After) to answer 503
        self.garbage = ""  # when set, every answer is this body with status 200
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        """The base URL."""
        return f"http://127.0.0.1:{self.server_address[1]}/oai"

    def _matching(self, spec: str, since: str) -> list[OaiRecord]:
        """Records of a set from a datestamp on, in datestamp order."""
        found = [r for r in self.records if (not spec or spec in r.sets() or spec == r.set_spec)
                 and (not since or r.datestamp >= since)]
        return sorted(found, key=lambda r: r.datestamp)

    def respond(self, params: dict[str, str]) -> tuple[int, dict[str, str], str]:
        """Answer one request, noting its parameters and (injected) time."""
        with self.lock:
            self.requests.append(params)
            if self.clock is not None:
                self.times.append(self.clock())
            return self.answer(params)

    def answer(self, params: dict[str, str]) -> tuple[int, dict[str, str], str]:
        """Status, headers and body for one request."""
        for i, (prefix, wait) in enumerate(self.busy):
            if params.get("resumptionToken", "").startswith(prefix) or not prefix:
                del self.busy[i]
                return 503, {"Retry-After": str(wait)}, "<html>Retry later</html>"
        if self.garbage:
            return 200, {}, self.garbage
        attrs = " ".join(f'{k}="{escape(v)}"' for k, v in params.items())
        if params.get("verb") != "ListRecords":
            body = '<error code="badVerb">only ListRecords here</error>'
            return 200, {}, ENVELOPE.format(now="2026-11-29T08:00:00Z", attrs=attrs, body=body)
        token = params.get("resumptionToken", "")
        if token:
            try:
                spec, since, start = token.split("|")
                offset = int(start)
            except ValueError:
                body = '<error code="badResumptionToken">expired</error>'
                return 200, {}, ENVELOPE.format(now="2026-11-29T08:00:00Z", attrs=attrs,
                                                body=body)
        else:
            spec, since, offset = params.get("set", ""), params.get("from", ""), 0
        found = self._matching(spec, since)
        if not found:
            body = '<error code="noRecordsMatch">No records match</error>'
            return 200, {}, ENVELOPE.format(now="2026-11-29T08:00:00Z", attrs=attrs, body=body)
        chunk = found[offset : offset + self.page_size]
        more = offset + self.page_size < len(found)
        next_token = f"{spec}|{since}|{offset + self.page_size}" if more else ""
        resume = (f'<resumptionToken cursor="{offset}" completeListSize="{len(found)}">'
                  f"{next_token}</resumptionToken>")
        body = "<ListRecords>\n" + "\n".join(r.xml() for r in chunk) + f"\n{resume}\n</ListRecords>"
        return 200, {}, ENVELOPE.format(now="2026-11-29T08:00:00Z", attrs=attrs, body=body)


@contextmanager
def fake_oai(clock: Callable[[], float] | None = None, page_size: int = 2) -> Iterator[FakeOai]:
    """Run the fake OAI-PMH server in a thread for the duration of a with-block."""
    with serving(FakeOai(clock, page_size)) as server:
        yield server


MALFORMED = """<record>
<header>
 <identifier>oai:arXiv.org:2611.00005</identifier>
 <datestamp>2026-11-26</datestamp>
 <setSpec>cs</setSpec>
</header>
<metadata>
 <arXiv xmlns="http://arxiv.org/OAI/arXiv/">
 <id>2611.00005</id>
 <created>2026-11-25</created>
 <authors><author><keyname>Nobody</keyname></author></authors>
 <categories>cs.CV</categories>
 </arXiv>
</metadata>
</record>"""


def day_one() -> list[OaiRecord]:
    """Monday's cs records: five over three pages (page size 2), a malformed one among them."""
    return [
        OaiRecord("2611.00001", "2026-11-26", "Video Frame Interpolation with Event Cameras",
                  [("Xiong", "Zhiwei"), ("Zhang", "Yueyi")], "cs.CV", "2026-11-25",
                  abstract="Video frame interpolation synthesises in-between frames."),
        OaiRecord("2611.00002", "2026-11-26", "Scaling Laws for Sparse Mixtures",
                  [("Rossi", "Elena")], "cs.LG stat.ML", "2026-11-25"),
        OaiRecord("2611.00003", "2026-11-26", "Denoising Raw Images in the Wild",
                  [("Kim", "Sara"), ("Ali", "Omar")], "eess.IV cs.CV", "2026-11-25",
                  comments="12 pages"),
        OaiRecord("2611.00004", "2026-11-26", "Legged Locomotion on Ice",
                  [("Garcia", "Maria")], "cs.RO", "2026-11-25"),
        OaiRecord("2611.00005", "2026-11-26", "", [], "cs.CV", "2026-11-25", raw=MALFORMED),
        OaiRecord("2610.09999", "2026-11-26", "Old Idea, Revisited (v2)",
                  [("Chen", "Lei")], "cs.CV", "2026-10-20", updated="2026-11-25",
                  comments="v2: more experiments"),
    ]
