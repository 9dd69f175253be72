"""A hostile corpus: every input format and every stored field carrying terminal payloads,
and the scanner that fails on any ESC, C1 or bidi/invisible control in output."""

from __future__ import annotations

import re
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"

# Sets the clipboard (OSC 52), retitles the window (OSC 0/2), 8-bit CSI, an OSC 8 link,
# a DCS string, a right-to-left override, isolates, zero-width and tag characters.
OSC52 = "\x1b]52;c;SE9TVElMRQ==\x07"
PAYLOAD = (
    f"{OSC52}\x1b]0;PWNED\x07\x1b]2;PWNED\x1b\\\x9b31m\x9d0;C1TITLE\x9c"
    "\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\\x1bP+q\x1b\\"
    "\u202egnp.exe\u2066\u2069\u200b\u200e\u2060\U000e0041\ufeff\x1b[2J"
)
# The part of the payload that XML and YAML can carry at all (no C0 controls).
SOFT_PAYLOAD = "\x9b31m\x9d0;C1TITLE\x9c\u202egnp.exe\u2066\u2069\u200b\u200e\u2060\U000e0041"

# What must never reach an output stream. Tab and newline are the only C0 allowed.
BAD = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\U000e0000-\U000e007f]"
)
# Terminal sequences a TUI legitimately writes: CSI (colours, cursor, modes), a few two-byte
# escapes and Textual's pointer-shape OSC 22 with a plain name. Anything else (other OSC,
# DCS, APC, 8-bit controls) is a failure.
_CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[78=>]|\x1b\]22;[a-z-]*\x07")


def scan(data: bytes | str, where: str) -> None:
    """AssertionError naming where, when data holds any ESC, C1, bidi or invisible control."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    bad = BAD.search(text)
    if bad is not None:
        around = text[max(0, bad.start() - 60) : bad.start() + 40]
        raise AssertionError(f"{where}: {bad.group()!r} at {bad.start()}: {around!r}")


def scan_terminal(data: bytes, where: str) -> None:
    """Like scan, for raw TUI output: its own CSI sequences are allowed, nothing else."""
    text = _CSI.sub("", data.decode("utf-8", "replace")).replace("\r", "")  # ONLCR, redraws
    scan(text, where)


def _inject_lines(text: str, payload: str) -> str:
    """payload appended to every line holding at least two words (titles, names, prose)."""
    out = []
    for line in text.splitlines():
        prose = len(line.split()) >= 2 and not line.startswith("---")
        out.append(line + payload if prose else line)
    return "\n".join(out) + "\n"


def bibtex() -> str:
    """A .bib file whose every field value (and a doi) starts with the payload."""
    base = (DATA / "bibtex" / "sample.bib").read_text("utf-8")
    text = re.sub(r"(=\s*\{)", lambda m: m.group(1) + PAYLOAD, base)
    text = re.sub(r'(=\s*")', lambda m: m.group(1) + PAYLOAD, text)
    return text + (
        "\n@article{osc52,\n  title = {Clipboard " + PAYLOAD + "},\n  author = {Eve Mallory},\n"
        "  journal = {J}, year = {2024},\n  doi = {10.1145/1" + OSC52 + "},\n"
        "  url = {https://example.com/\u202egnp.exe},\n}\n"
    )


def listing() -> str:
    """An arXiv abstract listing with the payload on every prose line."""
    return _inject_lines((DATA / "variants" / "listing_wrapped.txt").read_text("utf-8"), PAYLOAD)


def profile() -> str:
    """A profile page with the payload on every line of two words or more."""
    return _inject_lines((DATA / "variants" / "profile_minimal.txt").read_text("utf-8"), PAYLOAD)


def jekyll() -> str:
    """A Jekyll publications page: payload in the body, the soft payload in the front matter."""
    text = (DATA / "variants" / "jekyll_academicpages.md").read_text("utf-8")
    head, _, body = text.partition("\n---\n")
    head = head.replace('title: "Publications"', f'title: "Publications{SOFT_PAYLOAD}"')
    return head + "\n---\n" + _inject_lines(body, PAYLOAD)


def atom() -> str:
    """An arXiv API Atom feed: XML cannot hold C0, so C1/bidi raw and as character references."""
    text = (DATA / "arxiv" / "id_2002.12259.xml").read_text("utf-8")
    refs = "&#x9b;31m&#x202e;gnp&#x2066;"
    text = text.replace("<title>Blurry", f"<title>{SOFT_PAYLOAD}Blurry")
    text = text.replace("<name>Wang Shen", f"<name>Wang{SOFT_PAYLOAD} Shen")
    return text.replace("Existing works", f"Existing{refs} works")


HOSTILE_NAME = "w\x1b]0;PWNED\x07\u202e.md"


def write_inputs(root: Path) -> list[Path]:
    """Every hostile input as a file under root (and a site folder with a hostile file name)."""
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "hostile.bib": bibtex(),
        "listing.txt": listing(),
        "profile.txt": profile(),
        "publications.md": jekyll(),
        "feed.xml": atom(),
    }
    paths = []
    for name, text in files.items():
        path = root / name
        path.write_text(text, "utf-8")
        paths.append(path)
    site = root / "site"
    site.mkdir()
    (site / HOSTILE_NAME).write_text(jekyll(), "utf-8")
    (site / "ok.md").write_text("just prose\n", "utf-8")
    paths.append(site)
    return paths


def _s(label: str) -> str:
    """A field value: label with the payload in the middle."""
    return f"{label} {PAYLOAD} end"


def third_party_library(path: Path) -> str:
    """A library written by something else (a shared --library): payload in every string
    field, bypassing the import cleaning. Returns the paper's id."""
    pid = "p-hostile"
    paper = {
        "id": pid,
        "title": _s("Title"),
        "authors": [_s("Author One"), _s("Author Two")],
        "authors_truncated": False,
        "author_marks": {_s("Author One"): _s("mark")},
        "author_notes": [_s("note")],
        "year": 2024,
        "date": "2024-05-01",
        "venue": _s("Venue"),
        "venue_short": _s("V24"),
        "category": _s("cs.CV"),
        "abstract": _s("Abstract first paragraph") + "\n\n" + _s("second"),
        "links": [
            {"label": _s("Paper"), "url": "https://example.com/\u202egnp.exe"},
            {"label": _s("Code"), "url": "https://ok.example/a<script>alert(1)</script>"},
            {"label": "File", "url": "file:///etc/passwd"},
            {"label": "Opt", "url": "--output=/tmp/x"},
            {"label": "Ftp", "url": "ftp://example.com/x"},
        ],
        "arxiv_id": "2401.00001" + OSC52,
        "doi": "10.1145/1" + OSC52,
        "comments": _s("Comments"),
        "badges": [_s("Oral")],
        "sections": [{"collection": "site:x", "section": "site:x/all", "label": _s("All")}],
        "provenance": [{"source": _s("src"), "importer": "bibtex", "locator": "", "line": 1}],
        "has_code": True,
        "placeholder": False,
        "keywords": [_s("kw")],
        "extra": {"citekey": "key" + OSC52, "entrytype": "article"},
    }
    doc = {
        "meta": {"1": {"schema_version": 1}},
        "papers": {"1": paper},
        "sections": {"1": {"id": "site:x/all", "collection": "site:x", "label": _s("All"),
                           "heading": _s("Heading"), "order": 0, "permalink": "", "page": "",
                           "imported": True}},
        "collections": {"1": {"id": "site:x", "kind": "site", "title": _s("Lab"),
                              "meta": {}, "order": 0, "source": _s("src")}},
        "sources": {"1": {"id": _s("src"), "importer": "bibtex", "path": _s("p"),
                          "digest": "d", "imported_at": "", "papers": 1}},
    }
    path.write_bytes(orjson.dumps(doc))
    return pid


def annotations(home: Path, pid: str) -> None:
    """An annotations file written by something else: payload in the tags and the note."""
    home.mkdir(parents=True, exist_ok=True)
    doc = {"schema_version": 1,
           "annotations": {pid: {"read": True, "starred": True, "tags": [_s("tag")],
                                 "note": _s("Note line one") + "\n" + _s("two"),
                                 "last_opened": ""}}}
    (home / "annotations.json").write_bytes(orjson.dumps(doc))
