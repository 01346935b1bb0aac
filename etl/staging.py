"""A load's fact rows in a temporary staging table, merged into their table in SQL.

A fact file can hold a million rows. Instead of holding them as Python objects
until every row is checked, the load parses each row, checks it against the
catalog and writes it at once (``executemany`` in batches) into a temporary
table inside the load's transaction. The checks that need all rows (duplicate
keys, falling cumulative values: ``etl.staged_checks``) and the upsert then run
as a few set-based statements, so memory stays flat and a rejected load still
leaves the database exactly as it was (the staging table goes with the rollback).

The merge gives the outcome (inserted / updated / unchanged) and lineage of the
row-by-row upsert: each row is compared with the stored row of its key, or with
the previous row of the same key in this load when a key comes more than once.
"""

from __future__ import annotations

import contextlib
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

import sqlalchemy as sa

from etl import entities as E
from etl import schema as s
from etl.bulk import ID_CHUNK, BatchWriter, chunks
from etl.catalog import Catalog
from etl.entities import REGISTRATION_NUMBER
from etl.result import INSERTED, UNCHANGED, UPDATED
from etl.transform import FactSpec

# Where each row came from, and the record's own key and values (as parsed, before
# any mapping to table columns) for the duplicate-key check.
ORIGIN = ("seq", "sheet_no", "source_row", "signature", "key_hash")
RAW_TYPES = {E.DATE: sa.Date, E.YEAR: sa.Integer, E.INT: sa.Integer}
_KEY_HASH = ORIGIN.index("key_hash")  # where a staging row has it


def _staging_type(column: sa.Column) -> sa.types.TypeEngine:
    """The column's type without limits: a too-long or too-big value is a problem to report,
    not an error of the staging insert."""
    if isinstance(column.type, sa.String):
        return sa.Text()
    if isinstance(column.type, sa.Numeric):
        return sa.Numeric()
    return column.type


LOAD_PAGE_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def load_page_cache(conn: sa.Connection) -> Iterator[None]:
    """A big SQLite page cache for one load, then the usual one again.

    Merging a million staged rows updates the fact table's indexes all over;
    with SQLite's default 2 MB cache most of that goes through the disk (the
    merge takes about three times as long). PostgreSQL has its own buffers.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    # On the driver's connection: the pragma is no part of the load's transaction.
    driver = conn.connection.dbapi_connection
    before = driver.execute("PRAGMA cache_size").fetchone()[0]
    driver.execute(f"PRAGMA cache_size=-{LOAD_PAGE_CACHE_KIB}")
    try:
        yield
    finally:  # the connection goes back to the pool: give the memory back
        driver.execute(f"PRAGMA cache_size={int(before)}")


@contextlib.contextmanager
def indexes_built_after(conn: sa.Connection, table: sa.Table, inserting: int) -> Iterator[None]:
    """SQLite: the table's secondary indexes dropped while it gets at least as many new rows
    as it holds, and built again after.

    Built again in one sorted pass over the table, such an index costs less than kept up
    to date through a million scattered inserts (0.5 s against 1.3 s for the index of
    achieved values by indicator and date). Both steps are part of the load's
    transaction: a rollback gives the index back as it was. PostgreSQL is left alone:
    there a dropped index would lock the table against every reader until the commit.
    """
    indexes = [ix for ix in table.indexes if not ix.unique] if conn.dialect.name == "sqlite" else []
    if indexes:
        # Counting stops at ``inserting`` rows: a large table is never counted whole.
        stored = conn.execute(sa.select(sa.func.count()).select_from(
            sa.select(sa.literal(1)).select_from(table).limit(inserting).subquery())).scalar_one()
        if stored >= inserting:
            indexes = []
    for index in indexes:
        index.drop(conn)
    yield
    for index in indexes:
        index.create(conn)


class Staging:
    """The staging table of one fact entity for one load."""

    def __init__(self, conn: sa.Connection, entity: str, spec: FactSpec, catalog: Catalog,
                 exact: str | None = None):
        self.conn = conn
        self.entity = E.ENTITIES[entity]
        self.spec = spec
        self.catalog = catalog
        self.exact = exact  # an entity column also kept as exact text, for messages
        # The signature hashes the exact column as a float (a Decimal hashes several times
        # slower); equal floats of unequal numbers are told apart by the staged exact text.
        names = [c.name for c in self.entity.columns]
        self._exact_at = names.index(exact) if exact else None
        self.columns = spec.value_columns()
        # The record's own key values, where the table does not store them unchanged.
        self._raw_others = [k for k in self.entity.key
                            if k != REGISTRATION_NUMBER and k not in spec.stored_as]
        self.table_key = ("project_id", *spec.key)
        table = spec.table
        self.table = sa.Table(
            f"staging_{entity}", sa.MetaData(),
            sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
            *(sa.Column(name, sa.BigInteger if name.endswith(("signature", "hash")) else sa.Integer)
              for name in ORIGIN[1:]),
            *(sa.Column(self.raw(k), RAW_TYPES.get(self.entity.column(k).kind, sa.Text))
              for k in (REGISTRATION_NUMBER, *self._raw_others)),
            sa.Column("exact_value", sa.Text),
            sa.Column("project_id", sa.Integer),
            *(sa.Column(c, _staging_type(table.c[c])) for c in (*spec.key, *self.columns)),
            # Set on the one row left of a key that came several times (see _collapse_repeats).
            sa.Column("forced", sa.Boolean, nullable=False, server_default=sa.false()),
            prefixes=["TEMPORARY"],
        )
        # Built once: the getters below run for every one of a million rows.
        self._other_raw_values = _tuple_getter(self._raw_others)
        self._mapped = operator.itemgetter(*spec.key, *self.columns)
        self.names = [*ORIGIN, *(self.raw(k) for k in (REGISTRATION_NUMBER, *self._raw_others)),
                      "exact_value", *self.table_key, *self.columns]
        self._table_key = operator.itemgetter(*spec.key)
        self._converters = self._driver_converters()
        self.new_projects = False  # rows whose project this load itself adds
        # Hashes of the staged keys, kept as rows go by (a set of integers: ~70 MB for a
        # million rows), so that no grouping of the whole table is needed to find repeats.
        self._seen: set[int] = set()
        self._repeated: set[int] = set()
        # Rows staged per sheet number, and the stored projects they belong to: when none of
        # those has a stored row, every staged key is new and the merge counts without a join.
        self._per_sheet: Counter = Counter()
        self._projects: set[int] = set()

    def _driver_converters(self) -> list[tuple[str, Callable]] | None:
        """The mapped columns whose values the driver takes in another form, with the conversion
        (ISO text for SQLite dates, float for its numbers); None when a column outside the
        mapped values needs one too, and the writer converts whole batches instead.

        Converted as each row is built, a batch goes to the driver as it is: taking it apart
        column by column and putting it together again cost more than the conversions.
        """
        processors = dict(zip(self.names, BatchWriter(self.conn, self.table, self.names).processors,
                              strict=True))
        mapped = (*self.spec.key, *self.columns)
        if any(p for name, p in processors.items() if name not in mapped):
            return None
        return [(name, processors[name]) for name in mapped if processors[name]]

    def raw(self, name: str) -> str:
        """The staging column holding the record's own value of key column ``name``."""
        return self.spec.stored_as.get(name) or f"raw_{name}"

    def create(self) -> None:
        """Create the (empty) staging table; it lives until ``drop`` or the rollback."""
        self.table.drop(self.conn, checkfirst=True)
        self.table.create(self.conn)

    def drop(self) -> None:
        """Drop the staging table (a pooled connection outlives the load)."""
        self.table.drop(self.conn)

    def writer(self) -> BatchWriter:
        """What writes the rows made by ``row`` into the staging table."""
        return BatchWriter(self.conn, self.table, self.names,
                           converted=self._converters is not None)

    def write(self, batches: Iterable[Sequence[Sequence]]) -> None:
        """Write batches given as columns (``columns_of``, or ``row``'s rows turned to columns),
        noting the keys that come more than once as they go by."""
        writer = self.writer()
        writer.write(writer.prepare(self._noted(columns)) for columns in batches)

    def _noted(self, columns: Sequence[Sequence]) -> Sequence[Sequence]:
        """Note the batch's key hashes (in the load's own process: a worker has other work)."""
        key_hashes = columns[_KEY_HASH]
        fresh = set(key_hashes)
        if len(fresh) == len(key_hashes) and self._seen.isdisjoint(fresh):
            self._seen |= fresh  # the usual batch: no key seen before, none twice
        else:
            for key_hash in key_hashes:
                if key_hash in self._seen:
                    self._repeated.add(key_hash)
                else:
                    self._seen.add(key_hash)
        return columns

    def state(self) -> tuple[bool, Counter, set[int]]:
        """What making the rows learnt that the merge needs (new projects, rows per sheet,
        the stored projects they belong to)."""
        return self.new_projects, self._per_sheet, self._projects

    def restore(self, state: tuple[bool, Counter, set[int]]) -> None:
        """Take over what making the rows learnt in another process (``etl.parallel``)."""
        self.new_projects, self._per_sheet, self._projects = state

    def row(self, v: dict[str, object], source_row: int, seq: int, sheet_no: int,
            project_ids: dict[str, int]) -> tuple:
        """The staging row of a record's values ``v`` (in ``self.names`` order)."""
        project = v[REGISTRATION_NUMBER]
        project_id = project_ids.get(project)
        if project_id is None:
            self.new_projects = True
        else:
            self._projects.add(project_id)
        self._per_sheet[sheet_no] += 1
        mapped = self.spec.values(v, self.catalog)
        exact = v[self.exact] if self.exact else None
        # hash(): equal values (Decimal 1.0 and 1.00 too) hash equal within this process and
        # its forks (the parsing worker hashes, the load's process compares).
        # The key's hash is of the table key (the registration number for the project):
        # rows of one entity key share it too, so one grouping finds both repeated table
        # keys and duplicate entity keys; the keys themselves are compared after.
        key_hash = hash((project, self._table_key(mapped)))
        for name, convert in self._converters or ():
            mapped[name] = convert(mapped[name])
        signed = list(v.values())
        if exact is not None:
            signed[self._exact_at] = float(exact)
        return (seq, sheet_no, source_row, hash(tuple(signed)), key_hash,
                project, *self._other_raw_values(v),
                None if exact is None else str(exact),
                project_id, *self._mapped(mapped))

    def columns_of(self, values: dict[str, Sequence], source_rows: Sequence[int],
                   first_seq: int, sheet_no: int, project_ids: dict[str, int]) -> list[Sequence]:
        """What ``row`` makes of each of some records given as columns (entity column → its
        values, every entity column; ``etl.columnar``), as columns, built by C-level maps.

        Only for a spec of copied columns (``FactSpec.copied``).
        """
        spec = self.spec
        projects = values[REGISTRATION_NUMBER]
        ids = list(map(project_ids.get, projects))
        self._projects.update(ids)
        if None in self._projects:
            self._projects.discard(None)
            self.new_projects = True
        self._per_sheet[sheet_no] += len(ids)
        mapped = {column: values[name] for column, name in spec.copied.items()}
        key_parts = [mapped[k] for k in spec.key]
        table_keys = zip(*key_parts, strict=True) if len(key_parts) > 1 else key_parts[0]
        key_hashes = list(map(hash, zip(projects, table_keys, strict=True)))
        for name, convert in self._converters or ():
            mapped[name] = list(map(convert, mapped[name]))
        count = len(ids)
        signed = [values[c.name] for c in self.entity.columns]
        exact = [None] * count
        if self.exact:
            exact, signed[self._exact_at] = _texts_and_floats(values[self.exact])
        signatures = list(map(hash, zip(*signed, strict=True)))
        return [range(first_seq, first_seq + count), [sheet_no] * count, source_rows,
                signatures, key_hashes, projects, *(values[k] for k in self._raw_others), exact,
                ids, *(mapped[c] for c in (*spec.key, *self.columns))]

    def repeated_hashes(self) -> list[int]:
        """Key hashes of more than one staged row: where repeats and duplicates can be.

        A file seldom repeats a key, so this is usually empty and nothing else is read.
        """
        self._seen.clear()  # all rows are staged: only the repeated ones matter now
        return sorted(self._repeated)

    # -- the merge -------------------------------------------------------------

    def merge(self, run_id: int, is_demo: bool, file_names: Sequence[str]) -> dict[str, Counter]:
        """Upsert the staged rows into the fact table; per file, each outcome's count.

        ``file_names``: the file of each sheet, by sheet number.
        """
        if self.new_projects:
            self._resolve_new_projects()
        counts: dict[str, Counter] = {}
        finals, collapsed = self._collapse_repeats(counts, file_names)
        st, table = self.table, self.spec.table
        same = sa.and_(*(table.c[c].is_not_distinct_from(st.c[c]) for c in self.columns))
        totals: Counter = Counter()
        if self._any_stored():
            outcome = sa.case((table.c.id.is_(None), INSERTED), (same, UNCHANGED), else_=UPDATED)
            outcomes = self.conn.execute(
                sa.select(st.c.sheet_no, outcome, sa.func.count())
                .select_from(st.outerjoin(table, self._key_match()))
                .group_by(st.c.sheet_no, outcome)).all()
        else:  # a first load of these projects: every row left after the repeats is new
            outcomes = [(sheet_no, INSERTED, staged - collapsed[sheet_no])
                        for sheet_no, staged in sorted(self._per_sheet.items())]
        for sheet_no, result, count in outcomes:
            if count:
                counts.setdefault(file_names[sheet_no], Counter())[result] += count
                totals[result] += count
        for seq, values in finals:  # only now: the first row was counted with its own values
            self.conn.execute(st.update().where(st.c.seq == seq).values(**values))
        lineage = {"load_run_id": sa.literal(run_id, sa.Integer),
                   "source_row": st.c.source_row, "is_demo": sa.literal(is_demo, sa.Boolean)}
        if totals[INSERTED]:
            names = [*self.table_key, *self.columns]
            new_rows = sa.select(*(st.c[n] for n in names), *lineage.values()).order_by(st.c.seq)
            if totals[INSERTED] != totals.total():  # else every staged key is new: no lookups
                new_rows = new_rows.where(~sa.exists().where(self._key_match()))
            with indexes_built_after(self.conn, table, totals[INSERTED]):
                self.conn.execute(table.insert().from_select([*names, *lineage], new_rows))
        if totals[UPDATED] or finals:
            self.conn.execute(table.update().where(
                self._key_match(), sa.or_(st.c.forced, sa.not_(same)))
                .values({**{c: st.c[c] for c in self.columns}, **lineage}))
        return counts

    def _any_stored(self) -> bool:
        """Whether any project of the staged rows has a row in the fact table already."""
        table = self.spec.table
        return any(self.conn.scalar(sa.select(sa.exists().where(table.c.project_id.in_(part))))
                   for part in chunks(sorted(self._projects), ID_CHUNK))

    def _key_match(self) -> sa.ColumnElement[bool]:
        st, table = self.table, self.spec.table
        return sa.and_(*(table.c[k] == st.c[k] for k in self.table_key))

    def _resolve_new_projects(self) -> None:
        """Project ids of rows whose project was written by this load after they were staged."""
        st = self.table
        self.conn.execute(st.update().where(st.c.project_id.is_(None)).values(
            project_id=sa.select(s.project.c.id).where(
                s.project.c.key == st.c[self.raw(REGISTRATION_NUMBER)]).scalar_subquery()))

    def _collapse_repeats(self, counts: dict[str, Counter],
                          file_names: Sequence[str]) -> tuple[list[tuple[int, dict[str, object]]],
                                                              Counter]:
        """Leave one staged row per key; count the repeats as the row-by-row upsert would.

        A key that comes again (an identical row, or the same key in a later
        file) is unchanged when its values equal the previous row's and updated
        otherwise. The first row stays, to be compared with the stored row;
        returned are (its seq, the values it must then take: the last ones, with
        the row of the last change as lineage) for keys whose repeats changed them,
        and the rows taken out per sheet number.
        """
        st = self.table
        key = [st.c[k] for k in self.table_key]
        finals, removed = [], Counter()
        for part in chunks(self.repeated_hashes(), ID_CHUNK):
            rows = self.conn.execute(
                sa.select(st.c.seq, st.c.sheet_no, st.c.source_row, *key,
                          *(st.c[c] for c in self.columns))
                .where(st.c.key_hash.in_(part)).order_by(*key, st.c.seq)).all()
            width = 3 + len(key)
            for group in _groups(rows, 3, width):
                values, changed_at = tuple(group[0][width:]), None
                for row in group[1:]:
                    outcome = UNCHANGED if tuple(row[width:]) == values else UPDATED
                    if outcome == UPDATED:
                        values, changed_at = tuple(row[width:]), row.source_row
                    counts.setdefault(file_names[row.sheet_no], Counter())[outcome] += 1
                    removed[row.sheet_no] += 1
                self.conn.execute(st.delete().where(st.c.seq.in_([r.seq for r in group[1:]])))
                if changed_at is not None:
                    finals.append((group[0].seq, {**dict(zip(self.columns, values, strict=True)),
                                                  "source_row": changed_at, "forced": True}))
        return finals, removed

    # -- a replace -----------------------------------------------------------

    def project_ids(self) -> set[int]:
        """The projects the staged rows belong to."""
        st = self.table
        return set(self.conn.scalars(sa.select(st.c.project_id).distinct()
                                     .where(st.c.project_id.is_not(None))))

    def delete_missing(self, project_ids: Sequence[int]) -> int:
        """Delete the stored rows of these projects that no staged row has the key of."""
        table = self.spec.table
        deleted = 0
        for part in chunks(sorted(project_ids), ID_CHUNK):
            deleted += self.conn.execute(table.delete().where(
                table.c.project_id.in_(part), ~sa.exists().where(self._key_match()))).rowcount
        return deleted


def _texts_and_floats(numbers: Sequence) -> tuple[list, list]:
    """Each number as text and as a float (None stays None), by C-level maps where none is None."""
    try:
        floats = list(map(float, numbers))
    except TypeError:  # a None among them
        return ([None if n is None else str(n) for n in numbers],
                [None if n is None else float(n) for n in numbers])
    return list(map(str, numbers)), floats


def _tuple_getter(names: Sequence[str]) -> Callable[[dict[str, object]], tuple]:
    """The values of ``names`` of a dict, always as a tuple (``itemgetter`` of one gives the value)."""
    if len(names) == 1:
        name = names[0]
        return lambda values: (values[name],)
    return operator.itemgetter(*names) if names else lambda values: ()


def _groups(rows: list[sa.Row], start: int, end: int) -> Iterator[list[sa.Row]]:
    """Runs of rows with the same key (columns ``start`` to ``end``); rows sorted by key."""
    group: list[sa.Row] = []
    for row in rows:
        if group and tuple(row[start:end]) != tuple(group[0][start:end]):
            yield group
            group = []
        group.append(row)
    if group:
        yield group
