"""The same profiles and queries in SQLite FTS5 and PostgreSQL full-text search, for ratios.

Each peer is built the way a team would reasonably build it, not tuned to lose:

* **SQLite FTS5**: an external-content FTS5 table over a `profiles` table (porter tokenizer),
  ranked by `bm25()` with the engine's field weights (name 6, summary 3.5, taxonomy 2.5,
  body 1.5, case studies 1); facets in a `(facet, value, rowid)` table with a covering index.
* **PostgreSQL**: a generated `tsvector` (english configuration) with weights A-D (name,
  summary, taxonomy, body and case studies), a GIN index, `ts_rank_cd` with weights in the
  engine's proportions, `websearch_to_tsquery` for the buyer's syntax, the same facet table.

Every search does what the engine's does: the text match (AND semantics), two filters, four
disjunctive facet counts (each facet counted with the other filters), the total, and one page of
20 hits with highlighted snippets, sorted by relevance, name or update time.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from marketplace.search.engine import SearchRequest
from marketplace.search.schema import facet_values, values_at
from marketplace.suppliers.search_documents import SUPPLIER

FIELDS = ("name", "summary", "taxonomy", "body", "case_studies")
WEIGHTS = (6.0, 3.5, 2.5, 1.5, 1.0)
PAGE = 20
_TOKEN = re.compile(r'-?"[^"]*"|\S+')
_WORD = re.compile(r"[^\W_]+")


def row_of(doc: dict[str, Any]) -> dict[str, Any]:
    """A profile as the peers' row: the engine's text fields joined, and the sort keys."""
    out = {"doc_id": doc["id"], "sort_name": str(doc.get("name") or "").lower()[:200]}
    for field in SUPPLIER.text_fields:
        out[field.name] = "\n".join(str(v) for source in field.sources for v in values_at(doc, source))
    out["updated"] = int(doc["updated_at"].timestamp())
    return out


def facet_rows(rowid: int, doc: dict[str, Any]) -> Iterable[tuple[str, str, int]]:
    for facet in SUPPLIER.facet_fields:
        for value in facet_values(facet, doc):
            yield facet.name, value, rowid


def parse(text: str) -> tuple[list[list[str]], list[str]]:
    """The benchmark's query text as (AND of OR-groups of words/phrases, excluded) - the same
    small syntax the engine reads (words, "phrases", OR, -exclusions)."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    pending_or = False
    for token in _TOKEN.findall(text):
        if token in ("OR", "|"):
            pending_or = bool(groups)
            continue
        negate = token.startswith("-")
        body = token.lstrip("-").strip('"')
        words = " ".join(_WORD.findall(body.lower()))
        if not words:
            continue
        if negate:
            excluded.append(words)
        elif pending_or:
            groups[-1].append(words)
            pending_or = False
        else:
            groups.extend([[w] for w in words.split()] if not token.startswith('"') else [[words]])
    return groups, excluded


class Peer:
    name = ""

    def build(self, docs: list[dict[str, Any]]) -> tuple[float, int]:
        raise NotImplementedError

    def search(self, request: SearchRequest) -> int:
        raise NotImplementedError

    def close(self) -> None:
        pass


# -- SQLite FTS5 ---------------------------------------------------------------------------------


class Fts5(Peer):
    name = "sqlite-fts5"

    def __init__(self, folder: Path) -> None:
        self.path = folder / "fts5.sqlite3"
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")

    def build(self, docs: list[dict[str, Any]]) -> tuple[float, int]:
        db = self.db
        columns = ", ".join(FIELDS)
        db.executescript(
            f"""
            CREATE TABLE profiles (rowid INTEGER PRIMARY KEY, doc_id TEXT, sort_name TEXT, updated INTEGER,
                                   {columns});
            CREATE TABLE facets (facet TEXT, value TEXT, rowid INTEGER);
            """
        )
        rows = [row_of(doc) for doc in docs]
        with db:
            db.executemany(
                f"INSERT INTO profiles (rowid, doc_id, sort_name, updated, {columns}) "
                f"VALUES (?, ?, ?, ?, {', '.join('?' * len(FIELDS))})",
                [
                    (i + 1, r["doc_id"], r["sort_name"], r["updated"], *(r[f] for f in FIELDS))
                    for i, r in enumerate(rows)
                ],
            )
            db.executemany(
                "INSERT INTO facets VALUES (?, ?, ?)", [f for i, d in enumerate(docs) for f in facet_rows(i + 1, d)]
            )
            db.execute("CREATE INDEX facets_value ON facets (facet, value, rowid)")
            db.execute("CREATE INDEX facets_row ON facets (rowid, facet, value)")
            db.execute("CREATE INDEX profiles_name ON profiles (sort_name)")
            db.execute("CREATE INDEX profiles_updated ON profiles (updated)")
        db.execute("VACUUM")
        before = self.path.stat().st_size
        start = time.perf_counter()
        with db:
            db.execute(
                f"CREATE VIRTUAL TABLE fts USING fts5({columns}, content='profiles', content_rowid='rowid', "
                "tokenize='porter unicode61')"
            )
            db.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seconds = time.perf_counter() - start
        return seconds, self.path.stat().st_size - before

    @staticmethod
    def match(text: str) -> str | None:
        groups, excluded = parse(text)
        if not groups:
            return None
        quoted = ["(" + " OR ".join(f'"{alt}"' for alt in group) + ")" for group in groups]
        expression = " AND ".join(quoted)
        for words in excluded:
            expression = f'({expression}) NOT "{words}"'
        return expression

    def search(self, request: SearchRequest) -> int:
        db = self.db
        match = self.match(request.text)
        weights = ", ".join(str(w) for w in WEIGHTS)
        db.execute("DROP TABLE IF EXISTS temp.m")
        db.execute("CREATE TEMP TABLE m (rowid INTEGER PRIMARY KEY, score REAL)")
        if match:
            db.execute(f"INSERT INTO m SELECT rowid, bm25(fts, {weights}) FROM fts WHERE fts MATCH ?", (match,))
        else:
            db.execute("INSERT INTO m SELECT rowid, 0.0 FROM profiles")

        def filtered(skip: str | None = None) -> tuple[str, list[str]]:
            clauses, params = [], []
            for name, values in request.filters.items():
                if name == skip:
                    continue
                marks = ", ".join("?" * len(values))
                clauses.append(f"m.rowid IN (SELECT rowid FROM facets WHERE facet = ? AND value IN ({marks}))")
                params += [name, *values]
            return (" AND ".join(clauses) or "1"), params

        where, params = filtered()
        total = db.execute(f"SELECT count(*) FROM m WHERE {where}", params).fetchone()[0]
        for facet in request.facets:
            other, other_params = filtered(skip=facet)
            db.execute(
                f"SELECT f.value, count(*) FROM m JOIN facets f ON f.rowid = m.rowid AND f.facet = ? "
                f"WHERE {other} GROUP BY f.value",
                [facet, *other_params],
            ).fetchall()
        order = {"name": "p.sort_name, p.rowid", "updated": "p.updated DESC, p.rowid"}.get(
            request.sort, "m.score, p.rowid"
        )
        offset = (request.page - 1) * PAGE
        page = db.execute(
            f"SELECT m.rowid FROM m JOIN profiles p ON p.rowid = m.rowid WHERE {where} ORDER BY {order} "
            "LIMIT ? OFFSET ?",
            [*params, PAGE, offset],
        ).fetchall()
        if match and page:
            ids = [r[0] for r in page]
            db.execute(
                "SELECT rowid, snippet(fts, -1, '<mark>', '</mark>', '…', 24) FROM fts "
                f"WHERE fts MATCH ? AND rowid IN ({', '.join('?' * len(ids))})",
                [match, *ids],
            ).fetchall()
        elif page:
            ids = [r[0] for r in page]
            db.execute(f"SELECT summary FROM profiles WHERE rowid IN ({', '.join('?' * len(ids))})", ids).fetchall()
        return total

    def close(self) -> None:
        self.db.close()


# -- PostgreSQL ----------------------------------------------------------------------------------


class Postgres(Peer):
    name = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg

        self.server_url = url
        self.dbname = f"bench_search_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.dbname}"')
        self.conn = psycopg.connect(_with_database(url, self.dbname), autocommit=True)

    def build(self, docs: list[dict[str, Any]]) -> tuple[float, int]:
        conn = self.conn
        conn.execute(
            """
            CREATE TABLE profiles (id integer PRIMARY KEY, doc_id text, sort_name text, updated bigint,
                name text, summary text, taxonomy text, body text, case_studies text);
            CREATE TABLE facets (facet text, value text, id integer);
            """
        )
        rows = [row_of(doc) for doc in docs]
        with conn.cursor() as cur:
            with cur.copy(
                "COPY profiles (id, doc_id, sort_name, updated, name, summary, taxonomy, body, case_studies) FROM STDIN"
            ) as copy:
                for i, r in enumerate(rows):
                    copy.write_row((i + 1, r["doc_id"], r["sort_name"], r["updated"], *(r[f] for f in FIELDS)))
            with cur.copy("COPY facets (facet, value, id) FROM STDIN") as copy:
                for i, doc in enumerate(docs):
                    for row in facet_rows(i + 1, doc):
                        copy.write_row(row)
        conn.execute("CREATE INDEX facets_value ON facets (facet, value, id)")
        conn.execute("CREATE INDEX facets_row ON facets (id, facet, value)")
        conn.execute("CREATE INDEX profiles_name ON profiles (sort_name)")
        conn.execute("CREATE INDEX profiles_updated ON profiles (updated)")
        conn.execute("VACUUM ANALYZE")
        before = self._size()
        start = time.perf_counter()
        conn.execute(
            """
            ALTER TABLE profiles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
                setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
                setweight(to_tsvector('english', coalesce(taxonomy, '')), 'C') ||
                setweight(to_tsvector('english', coalesce(body, '') || ' ' || coalesce(case_studies, '')), 'D')
            ) STORED
            """
        )
        conn.execute("CREATE INDEX profiles_tsv ON profiles USING gin (tsv)")
        conn.execute("VACUUM ANALYZE profiles")
        seconds = time.perf_counter() - start
        return seconds, self._size() - before

    def _size(self) -> int:
        return self.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]

    @staticmethod
    def websearch(text: str) -> str | None:
        groups, excluded = parse(text)
        if not groups:
            return None
        parts = [" or ".join(f'"{alt}"' if " " in alt else alt for alt in group) for group in groups]
        return " ".join(parts + [f'-"{words}"' if " " in words else f"-{words}" for words in excluded])

    def search(self, request: SearchRequest) -> int:
        conn = self.conn
        query = self.websearch(request.text)
        # {D, C, B, A}: body and case studies, taxonomy, summary, name - the engine's proportions
        weights = "'{0.25, 0.42, 0.58, 1.0}'"
        conn.execute("DROP TABLE IF EXISTS m")
        if query:
            conn.execute(
                f"CREATE TEMP TABLE m AS SELECT id, ts_rank_cd({weights}, tsv, q) AS score "
                "FROM profiles, websearch_to_tsquery('english', %s) q WHERE tsv @@ q",
                (query,),
            )
        else:
            conn.execute("CREATE TEMP TABLE m AS SELECT id, 0.0::real AS score FROM profiles")
        conn.execute("ANALYZE m")

        def filtered(skip: str | None = None) -> tuple[str, list[Any]]:
            clauses, params = [], []
            for name, values in request.filters.items():
                if name != skip:
                    clauses.append("m.id IN (SELECT id FROM facets WHERE facet = %s AND value = ANY(%s))")
                    params += [name, list(values)]
            return (" AND ".join(clauses) or "true"), params

        where, params = filtered()
        total = conn.execute(f"SELECT count(*) FROM m WHERE {where}", params).fetchone()[0]
        for facet in request.facets:
            other, other_params = filtered(skip=facet)
            conn.execute(
                f"SELECT f.value, count(*) FROM m JOIN facets f ON f.id = m.id AND f.facet = %s "
                f"WHERE {other} GROUP BY f.value",
                [facet, *other_params],
            ).fetchall()
        order = {"name": "p.sort_name, p.id", "updated": "p.updated DESC, p.id"}.get(request.sort, "m.score DESC, p.id")
        page = conn.execute(
            f"SELECT m.id FROM m JOIN profiles p ON p.id = m.id WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, PAGE, (request.page - 1) * PAGE],
        ).fetchall()
        if page:
            ids = [r[0] for r in page]
            if query:
                conn.execute(
                    "SELECT id, ts_headline('english', coalesce(summary, '') || ' ' || coalesce(body, ''), q, "
                    "'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15') "
                    "FROM profiles, websearch_to_tsquery('english', %s) q WHERE id = ANY(%s)",
                    (query, ids),
                ).fetchall()
            else:
                conn.execute("SELECT summary FROM profiles WHERE id = ANY(%s)", (ids,)).fetchall()
        return total

    def close(self) -> None:
        import psycopg

        self.conn.close()
        with psycopg.connect(self.server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url).set(database=name, drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def postgres_url(explicit: str | None) -> str | None:
    """A libpq URL for the PostgreSQL peer (--postgres-url, BENCH_DATABASE_URL or TEST_DATABASE_URL)."""
    url = explicit or os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
