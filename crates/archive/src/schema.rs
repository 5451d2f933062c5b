//! The SQLite archive's schema, its version and migrations, and the check that a file is a
//! vanban archive (or empty) before anything is written to it.

use rusqlite::Connection;

use crate::error::ArchiveError;

/// `PRAGMA application_id` of an archive ("VBNA"), so `file(1)` and this check know it.
pub const APPLICATION_ID: i64 = 0x5642_4E41;

/// The page size of a new archive (an archive keeps the one it was made with). A record is
/// some 40 KB in pages (its row of 20 KB, the rest of the record 15 KB, its full-text
/// postings): with 16 KiB pages instead of SQLite's 4 KiB, a bulk load spends 13 % less CPU
/// (20,000 bench records, three runs each, loaded machine: 681 -> 590 µs a record; 8 KiB 611,
/// 32 KiB 594) for an archive 10 % larger (1.28x -> 1.41x the JSONL; 32 KiB 1.48x).
pub const PAGE_SIZE: i64 = 16384;

/// The schema version this build writes (`archive_meta.schema_version`, mirrored in
/// `PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 4;

/// Schema version 1. `restored` is the last column of `documents` so that filters read no
/// overflow pages; the full-text table is contentless (the folded text is not stored twice);
/// its `facets` column holds the date as tokens (`y2024 m202403 d20240315`), so that a query
/// with a date filter is narrowed inside the full-text index.
pub const SCHEMA_V1: &str = "
CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  error_kind TEXT,
  error_message TEXT,
  kind TEXT,
  pages INTEGER,
  number TEXT,
  type TEXT,
  date TEXT,
  place TEXT,
  authority TEXT,
  parent_authority TEXT,
  title TEXT,
  signer TEXT,
  signer_title TEXT,
  number_key TEXT,
  type_key TEXT,
  authority_key TEXT,
  record_hash TEXT NOT NULL,
  restored TEXT
);
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_type_key ON documents(type_key, date);
CREATE TABLE entities (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  text TEXT,
  value TEXT,
  span_start INTEGER,
  span_end INTEGER,
  confidence REAL,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE TABLE citations (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  doc_type TEXT,
  number TEXT NOT NULL,
  number_key TEXT NOT NULL,
  date TEXT,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX citations_number_key ON citations(number_key);
CREATE TABLE recipients (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, body, marked, facets, content='', tokenize='unicode61 remove_diacritics 0'
);
";

/// Version 1 to 2: a record's entities and recipients are kept as their JSON arrays in
/// `documents` (one write per record instead of some seventy rows), `entities` and
/// `recipients` become views with the columns the tables had; FTS5 gathers 64 MiB of new
/// terms before it writes a segment (the default, 1 MiB, made a bulk load spend its time
/// merging small segments; SQLite before 3.42 ignores that setting when it reads the table);
/// and the `records` table: the rest of each record (raw text, doubtful tokens with their
/// alternatives, …) as JSON text without what other columns hold (`text.restored`,
/// `entities`), so that the whole record can be given back (`vanban review --db`), in a table
/// of its own so that searches and filters never read it. Documents indexed by version 1 have
/// no `records` row until indexed again (the same records file again fills it in).
pub const V1_TO_V2: &str = "
ALTER TABLE documents ADD COLUMN recipients_json TEXT;
ALTER TABLE documents ADD COLUMN entities_json TEXT;
UPDATE documents SET
  recipients_json = (SELECT json_group_array(name) FROM
    (SELECT name FROM recipients r WHERE r.document_id = documents.id ORDER BY seq)),
  entities_json = (SELECT json_group_array(json_object('type', type, 'text', text,
      'value', json(value),
      'span', CASE WHEN span_start IS NULL THEN NULL ELSE json_array(span_start, span_end) END,
      'confidence', confidence)) FROM
    (SELECT * FROM entities e WHERE e.document_id = documents.id ORDER BY seq));
DROP TABLE entities;
DROP TABLE recipients;
CREATE VIEW entities (document_id, seq, type, text, value, span_start, span_end, confidence) AS
  SELECT d.id, CAST(e.key AS INTEGER), e.value ->> '$.type', e.value ->> '$.text',
    e.value -> '$.value', e.value ->> '$.span[0]', e.value ->> '$.span[1]',
    e.value ->> '$.confidence'
  FROM documents d, json_each(d.entities_json) e;
CREATE VIEW recipients (document_id, seq, name) AS
  SELECT d.id, CAST(r.key AS INTEGER), r.value
  FROM documents d, json_each(d.recipients_json) r;
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 67108864);
CREATE TABLE records (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  record TEXT NOT NULL
);
";

/// Version 2 to 3: the accented forms that typed accents are checked against leave the
/// full-text index for the `marks` table (a document's distinct forms, space-joined with a
/// space at each end, so that `instr(forms, ' quyết ')` finds a whole form): as a column of
/// `documents_fts` they were a fifth of its tokens, each a term of its own in every document,
/// and about 40 % of the index's insert time. `documents_fts` is made again without the
/// `marked` column and both are filled from the documents (see [`refill_v3`]).
pub const V2_TO_V3: &str = "
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, body, facets, content='', tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 67108864);
CREATE TABLE marks (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  forms TEXT NOT NULL
);
";

/// Version 3 to 4: the documents of each accented form (`mark_docs`, see `marks.rs`), so that
/// a typed accent narrows a search before it runs; filled from `marks` (see
/// [`crate::marks::refill`]).
pub const V3_TO_V4: &str = "
CREATE TABLE mark_docs (
  hash INTEGER NOT NULL,
  block INTEGER NOT NULL,
  ids BLOB NOT NULL,
  PRIMARY KEY (hash, block)
) WITHOUT ROWID;
";

/// Migrations: `MIGRATIONS[i]` takes version `i + 1` to `i + 2`; a new archive is made at
/// version 1 and migrated, so every archive has gone the same way.
pub const MIGRATIONS: &[&str] = &[V1_TO_V2, V2_TO_V3, V3_TO_V4];

/// The indexes a bulk load into an empty archive makes at its end instead of keeping them up
/// to date record by record (one sort each instead of ~a dozen B-tree inserts a record; see
/// `sqlite.rs`), as `SCHEMA_V1` makes them.
pub const LATER_INDEXES: &[(&str, &str)] = &[
    ("documents_number_key", "documents(number_key)"),
    ("documents_date", "documents(date)"),
    ("documents_type_key", "documents(type_key, date)"),
    ("citations_number_key", "citations(number_key)"),
];

/// Drops the [`LATER_INDEXES`].
pub(crate) fn drop_later_indexes(conn: &Connection) -> rusqlite::Result<()> {
    for (name, _) in LATER_INDEXES {
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    Ok(())
}

/// Makes those of the [`LATER_INDEXES`] the archive lacks (a bulk load that did not end);
/// nothing is written when it has them all.
pub(crate) fn make_later_indexes(conn: &Connection) -> rusqlite::Result<()> {
    let have: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ({})",
            LATER_INDEXES
                .iter()
                .map(|(n, _)| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [],
        |r| r.get(0),
    )?;
    if have as usize == LATER_INDEXES.len() {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    for (name, on) in LATER_INDEXES {
        tx.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {name} ON {on}"))?;
    }
    tx.commit()
}

/// Writes a document's full-text entry and its accented forms (`cols`: see
/// [`crate::doc::fts_columns`]), noting the forms' postings in `postings` (written before the
/// transaction commits).
pub(crate) fn insert_text(
    conn: &Connection,
    id: i64,
    cols: &[String; 4],
    postings: &mut crate::marks::Postings,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO documents_fts (rowid, title, body, facets) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![id, cols[0], cols[1], cols[3]])?;
    if !cols[2].is_empty() {
        conn.prepare_cached("INSERT INTO marks (document_id, forms) VALUES (?1, ?2)")?
            .execute(rusqlite::params![id, format!(" {} ", cols[2])])?;
        postings.add(id, &cols[2]);
    }
    Ok(())
}

/// Removes what [`insert_text`] wrote (a contentless full-text entry is removed with the
/// columns it was made from).
pub(crate) fn delete_text(conn: &Connection, id: i64, cols: &[String; 4]) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO documents_fts (documents_fts, rowid, title, body, facets) \
         VALUES ('delete', ?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![id, cols[0], cols[1], cols[3]])?;
    conn.prepare_cached("DELETE FROM marks WHERE document_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// The rest of version 2 to 3: every document's full-text entry and forms, worked out again
/// from its title, text and date (as indexing does).
fn refill_v3(conn: &Connection) -> rusqlite::Result<()> {
    // Version 4's postings come from `marks` when it is made.
    let mut postings = crate::marks::Postings::default();
    let mut st = conn.prepare("SELECT id, title, restored, date FROM documents ORDER BY id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let (title, body, date): (Option<String>, Option<String>, Option<String>) =
            (r.get(1)?, r.get(2)?, r.get(3)?);
        let cols = crate::doc::fts_columns(
            title.as_deref().unwrap_or(""),
            body.as_deref().unwrap_or(""),
            date.as_deref(),
        );
        insert_text(conn, r.get(0)?, &cols, &mut postings)?;
    }
    Ok(())
}

fn sql_err(db: &str) -> impl Fn(rusqlite::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Sqlite {
        db: db.to_string(),
        source,
    }
}

/// Makes `conn` a current archive: creates the schema in an empty database, migrates an
/// older archive, refuses anything else (not SQLite, another program's database, a newer
/// archive) with an error that says which.
pub fn prepare(conn: &mut Connection, db: &str) -> Result<(), ArchiveError> {
    let not_sqlite = |e: rusqlite::Error| ArchiveError::NotSqlite {
        db: db.to_string(),
        cause: e.to_string(),
    };
    // The first read of the header: a file that is not SQLite fails here.
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(not_sqlite)?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()
        })
        .map_err(not_sqlite)?;
    if app != APPLICATION_ID {
        if tables.is_empty() {
            return create(conn, db);
        }
        let mut shown = tables
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if tables.len() > 5 {
            shown.push_str(", …");
        }
        return Err(ArchiveError::Foreign {
            db: db.to_string(),
            why: format!("its tables: {shown}"),
        });
    }
    let version: i64 = conn
        .query_row(
            "SELECT value FROM archive_meta WHERE key = 'schema_version'",
            [],
            |r| r.get::<_, String>(0),
        )
        .map_err(|e| ArchiveError::Foreign {
            db: db.to_string(),
            why: format!("no schema version: {e}"),
        })?
        .parse()
        .map_err(|_| ArchiveError::Foreign {
            db: db.to_string(),
            why: "its schema version is not a number".into(),
        })?;
    let known = SCHEMA_VERSION;
    if version > known {
        return Err(ArchiveError::TooNew {
            db: db.to_string(),
            found: version,
            known,
        });
    }
    if version < 1 {
        return Err(ArchiveError::Foreign {
            db: db.to_string(),
            why: format!("schema version {version}"),
        });
    }
    migrate(conn, db, version)
}

fn create(conn: &mut Connection, db: &str) -> Result<(), ArchiveError> {
    conn.execute_batch(&format!("PRAGMA page_size = {PAGE_SIZE}"))
        .map_err(sql_err(db))?;
    let tx = conn.transaction().map_err(sql_err(db))?;
    tx.execute_batch(SCHEMA_V1).map_err(sql_err(db))?;
    tx.execute(
        "INSERT INTO archive_meta (key, value) VALUES ('format', 'vanban-archive'), \
         ('schema_version', '1')",
        [],
    )
    .map_err(sql_err(db))?;
    tx.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;"
    ))
    .map_err(sql_err(db))?;
    tx.commit().map_err(sql_err(db))?;
    migrate(conn, db, 1)
}

/// Applies the migrations from `version` to [`SCHEMA_VERSION`], each in its own transaction.
fn migrate(conn: &mut Connection, db: &str, mut version: i64) -> Result<(), ArchiveError> {
    while version < SCHEMA_VERSION {
        let step = MIGRATIONS[(version - 1) as usize];
        let tx = conn.transaction().map_err(sql_err(db))?;
        tx.execute_batch(step).map_err(sql_err(db))?;
        version += 1;
        if version == 3 {
            refill_v3(&tx).map_err(sql_err(db))?;
        }
        if version == 4 {
            crate::marks::refill(&tx).map_err(sql_err(db))?;
        }
        tx.execute(
            "UPDATE archive_meta SET value = ?1 WHERE key = 'schema_version'",
            [version.to_string()],
        )
        .map_err(sql_err(db))?;
        tx.execute_batch(&format!("PRAGMA user_version = {version};"))
            .map_err(sql_err(db))?;
        tx.commit().map_err(sql_err(db))?;
    }
    Ok(())
}
