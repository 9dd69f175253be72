"""PaperIndex: one open tantivy index of the library; pages of rows, counts, stored papers."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from json import loads as json_loads
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tantivy

from store.idkeys import arxiv_key, doi_key
from store.index.fastpath import count_only, ranked_page
from store.index.schema import SORT_FIELDS, build_schema, register
from store.index.translate import MAX_EXPANSIONS, Untranslatable, fuzzy, translate
from store.models import Annotation, Row
from store.query import Query, parse_query
from store.records import paper_from_raw, row_from_raw

if TYPE_CHECKING:
    from store.index.documents import Marks

Q = tantivy.Query
Occur = tantivy.Occur
SORTS = ("relevance", "order", "year", "title", "venue", "author")
ALL_VIEWS = ("", "all", None)


@dataclass
class ResultPage:
    """One page of a result list, and the exact size of the whole list."""

    total: int
    rows: list[Row] = field(default_factory=list)
    fuzzy: bool = False  # True when nothing matched exactly and these are close matches
    errors: list[str] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        """Paper ids of the page's rows."""
        return [r.id for r in self.rows]


class PaperIndex:
    """An open index directory (read side) plus its batched writer (write side)."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        """Open (or create) the index in path; ValueError/OSError when it is unusable."""
        self.path = Path(path)
        if create:
            self.path.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(build_schema(), str(self.path), reuse=False)
        else:
            if not tantivy.Index.exists(str(self.path)):
                raise ValueError(f"{self.path}: no index")
            self.index = tantivy.Index.open(str(self.path))
        register(self.index)
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        # a bulk import keeps one writer from commit to commit (release() ends it)
        self.hold_writer = False
        self._writer: Any = None

    def release(self) -> None:
        """Stop holding the writer: wait for its merges, then let it go."""
        self.hold_writer = False
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.wait_merging_threads()

    def reload(self) -> None:
        """See the latest commit."""
        self.index.reload()
        self.searcher = self.index.searcher()

    def __len__(self) -> int:
        """Number of papers indexed."""
        return int(self.searcher.num_docs)

    # -- writing -----------------------------------------------------------------------------

    def write(self, docs: Iterable[tuple[dict[str, Any], int, Marks | None]],
              deleted: Iterable[str] = (), *, heap: int = 64 * 2**20, threads: int = 1,
              progress: Callable[[int], None] | None = None,
              before_commit: Callable[[], None] | None = None,
              edits: Mapping[str, dict[str, Any]] | None = None) -> int:
        """Replace the documents of (raw, position, marks) and delete ids; one commit. edits:
        the user's edit layers by paper id, searched over the imported values."""
        from store.index.documents import paper_document  # (merge keys pull in rapidfuzz)

        writer = self._writer or self.index.writer(heap_size=heap, num_threads=threads)
        self._writer = None
        count = 0
        try:
            for pid in deleted:
                writer.delete_documents_by_term("id", pid)
            edited = edits or {}
            for raw, pos, marks in docs:
                pid = str(raw.get("id", ""))
                writer.delete_documents_by_term("id", pid)
                writer.add_document(paper_document(raw, pos, marks, edited.get(pid)))
                count += 1
                if progress is not None and count % 1000 == 0:
                    progress(count)
            if before_commit is not None:
                before_commit()
            writer.commit()
            if self.hold_writer:  # merges go on in tantivy's threads while Python works
                self._writer = writer
            else:
                writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        self.reload()
        return count

    # -- reading -----------------------------------------------------------------------------

    def _docs(self, addrs: Iterable[Any]) -> Iterator[dict[str, Any]]:
        """Stored paper dicts of doc addresses."""
        doc = self.searcher.doc
        # a page of papers: orjson's import would cost more than it saves, unless done already
        loaded = sys.modules.get("orjson")
        loads = json_loads if loaded is None else loaded.loads
        for n, addr in enumerate(addrs):
            if n == 200:
                from orjson import loads
            yield loads(doc(addr)["raw"][0])

    def _one(self, query: tantivy.Query) -> tuple[Any, dict[str, Any]] | None:
        """The address and stored paper of the first document query matches."""
        hits = self.searcher.search(query, 1, count=False).hits
        if not hits:
            return None
        addr = hits[0][1]
        return addr, next(self._docs([addr]))

    def raw(self, paper_id: str) -> dict[str, Any] | None:
        """The stored paper dict with exactly this id."""
        found = self._one(Q.term_query(self.schema, "id", str(paper_id)))
        return None if found is None else found[1]

    def raws(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Stored paper dicts of many ids (unknown ids are missing)."""
        ids = [str(i) for i in ids]
        if not ids:
            return {}
        query = Q.term_set_query(self.schema, "id", ids)
        hits = self.searcher.search(query, len(ids), count=False).hits
        return {str(d.get("id", "")): d for d in self._docs(a for _, a in hits)}

    def position(self, paper_id: str) -> int | None:
        """The library position of a paper."""
        hits = self.searcher.search(Q.term_query(self.schema, "id", paper_id), 1).hits
        if not hits:
            return None
        return int(self.searcher.fast_field_values("pos", [hits[0][1]])[0])

    def order_rank(self, paper_id: str, view: str | None = None) -> int | None:
        """Where a paper sits in a view's library order (its row with no query and the order
        sort); None when it is not in the view."""
        pos = self.position(str(paper_id))
        if pos is None:
            return None
        member = self._scope(Q.term_query(self.schema, "id", str(paper_id)), view)
        if not self.searcher.search(member, 1, count=True).count:
            return None
        before = Q.range_query(self.schema, "pos", tantivy.FieldType.Unsigned, None, pos,
                               include_upper=False)
        return int(self.searcher.search(self._scope(before, view), 1, count=True).count or 0)

    def alt_hit(self, ref: str) -> dict[str, Any] | None:
        """The paper whose id, arXiv id (any version) or DOI is exactly ref."""
        ref = ref.strip()
        if not ref or " " in ref:
            return None
        keys = ["id:" + ref, "arxiv:" + arxiv_key(ref), "doi:" + doi_key(ref)]
        found = self._one(Q.term_set_query(self.schema, "alt", keys))
        return None if found is None else found[1]

    def ids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        """Up to limit paper ids starting with prefix."""
        query = Q.regex_query(self.schema, "id", "".join(
            c if c.isalnum() else "\\" + c for c in prefix) + ".*")
        hits = self.searcher.search(query, limit, count=False).hits
        return [str(d.get("id", "")) for d in self._docs(a for _, a in hits)]

    def _expand(self, field: str, prefix: str) -> list[str] | None:
        """The indexed words of field starting with prefix; None when there are too many."""
        found = self.searcher.terms_with_prefix(field, prefix, limit=MAX_EXPANSIONS + 1)
        return None if len(found) > MAX_EXPANSIONS else [t for t, _ in found]

    def _scope(self, query: tantivy.Query, view: str | None,
               without: str | None = None) -> tantivy.Query:
        """query restricted to a view (section id or "c:<collection id>"), minus one id."""
        clauses = [(Occur.Must, query)]
        if view not in ALL_VIEWS:
            clauses.append((Occur.Must, Q.term_query(self.schema, "sec", str(view))))
        if without:
            clauses.append((Occur.MustNot, Q.term_query(self.schema, "id", without)))
        return clauses[0][1] if len(clauses) == 1 else Q.boolean_query(clauses)

    def _run(self, query: tantivy.Query, sort: str, reverse: bool, offset: int,
             limit: int) -> tuple[int, list[Any]]:
        """(exact count, doc addresses of the page) in the wanted order."""
        kwargs: dict[str, Any] = {}
        if sort == "order":
            kwargs = {"order_by_field": "pos", "order": tantivy.Order.Desc if reverse
                      else tantivy.Order.Asc}
        elif sort == "year":
            kwargs = {"order_by_field": "s_year", "order": tantivy.Order.Asc if reverse
                      else tantivy.Order.Desc}
        elif sort in SORT_FIELDS:
            kwargs = {"order_by_field": SORT_FIELDS[sort], "order": tantivy.Order.Desc if reverse
                      else tantivy.Order.Asc}
        result = self.searcher.search(query, max(limit, 1), count=True, offset=offset, **kwargs)
        hits = [a for _, a in result.hits][: max(limit, 0)]
        return int(result.count or 0), hits

    def search(self, query: Query | str, *, view: str | None = None, sort: str = "relevance",
               reverse: bool = False, offset: int = 0, limit: int = 50,
               annotations: Callable[[], Mapping[str, Annotation]] | None = None,
               fuzzy_fallback: bool = True) -> ResultPage:
        """One page of the papers matching query in view, ranked or sorted, with the exact
        total. An exact id/arXiv id/DOI match comes first; when nothing matches, close matches
        (one or two typos) are shown instead and flagged."""
        q = parse_query(query) if isinstance(query, str) else query
        errors = [str(e) for e in q.errors]
        if sort not in SORTS or (sort == "relevance" and q.is_empty):
            sort = "order"
        try:
            tq = translate(self.schema, q, self._expand)
        except Untranslatable:
            return self._matcher_page(q, view, sort, reverse, offset, limit, annotations, errors)
        if limit <= 0 and sort != "relevance" and not getattr(q, "branches", ()) and (
                n := count_only(self.searcher, self.schema, q, view, self._expand)
                ) is not None and (n or not fuzzy_fallback):  # (else the typo fallback's)
            return ResultPage(n, [], False, errors)
        hit = self.alt_hit(q.text) if sort == "relevance" else None
        if hit is not None and view not in ALL_VIEWS and not any(
                s.get("section") == view or "c:" + str(s.get("collection")) == view
                for s in hit.get("sections") or ()):
            hit = None
        hid = str(hit["id"]) if hit else None
        first: list[Row] = []
        if hit is not None:
            if offset == 0:
                first, limit = [row_from_raw(hit)], limit - 1
            else:
                offset -= 1
        try:
            fast = None
            if sort == "relevance" and hid is None and view in ALL_VIEWS and not reverse:
                fast = ranked_page(self.searcher, self.schema, q, self._expand, offset, limit)
            total, addrs = fast or self._run(self._scope(tq, view, hid), sort, reverse,
                                             offset, limit)
        except ValueError:  # e.g. a prefix with too many expansions inside a phrase
            return self._matcher_page(q, view, sort, reverse, offset, limit, annotations, errors)
        rows = first + [row_from_raw(d) for d in self._docs(addrs)]
        total += hit is not None
        if total == 0 and fuzzy_fallback and (fq := fuzzy(self.schema, q)) is not None:
            total, addrs = self._run(self._scope(fq, view), "relevance", False, offset, limit)
            return ResultPage(total, [row_from_raw(d) for d in self._docs(addrs)], bool(total),
                              errors)
        return ResultPage(total, rows, False, errors)

    def count(self, query: Query | str = "", view: str | None = None) -> int:
        """Exact number of papers matching query in view (close matches are not counted)."""
        return self.search(query, view=view, sort="order", limit=0, fuzzy_fallback=False).total

    def _matcher_page(self, q: Query, view: str | None, sort: str, reverse: bool, offset: int,
                      limit: int, annotations: Callable[[], Mapping[str, Annotation]] | None,
                      errors: list[str]) -> ResultPage:
        """Slow, always right: every paper of the view checked with Query.matches."""
        anns = annotations() if annotations is not None else {}
        scope = self._scope(Q.all_query(), view)
        total, addrs = self._run(scope, "order", False, 0, len(self))
        raws = [r for r in self._docs(addrs)
                if q.matches(paper_from_raw(r), anns.get(str(r.get("id"))))]
        key = {"year": lambda r: -(r.get("year") or 0),
               "title": lambda r: str(r.get("title") or "").casefold(),
               "venue": lambda r: str(r.get("venue_short") or "\uffff").casefold()}.get(sort)
        if key is not None:
            raws.sort(key=key)
        if reverse:
            raws.reverse()
        return ResultPage(len(raws), [row_from_raw(r) for r in raws[offset: offset + limit]],
                          False, errors)
