//! The SQLite archive against hand-computed answers: idempotent indexing, replacement,
//! accent-free and `d`/`đ` queries, typed accents, filters, and files that are not archives.

mod common;

use std::io::Write;

use common::*;
use vanban_archive::sqlite::SqliteStore;
use vanban_archive::{ArchiveError, Counts, Doc, Indexer, Store};

fn fresh() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let s = SqliteStore::open(&dir.path().join("a.db"), true).unwrap();
    (dir, s)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn every_case_gives_its_hand_computed_answer() {
    let (_d, mut s) = fresh();
    s.index(&docs()).unwrap();
    for (q, want) in cases() {
        let got = paths(&mut s, &q);
        if q.terms.is_empty() {
            // Without a query: newest first, undated last.
            assert_eq!(got, want, "{q:?}");
        } else {
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(sorted(got), sorted(want), "{q:?}");
        }
    }
}

#[test]
fn indexing_twice_adds_nothing_and_a_changed_file_replaces_its_record() {
    let (_d, mut s) = fresh();
    let c = s.index(&docs()).unwrap();
    assert_eq!(
        c,
        Counts {
            added: 5,
            replaced: 0,
            unchanged: 0
        }
    );
    let c = s.index(&docs()).unwrap();
    assert_eq!(
        c,
        Counts {
            added: 0,
            replaced: 0,
            unchanged: 5
        }
    );
    assert_eq!(s.count().unwrap(), 5);
    // b.txt changed on disk: another sha256, another title and text.
    let line = record(
        "b.txt",
        &"f".repeat(64),
        Some("13/KH-SNV"),
        Some("KẾ HOẠCH"),
        Some("2024-03-05"),
        (Some("SỞ NỘI VỤ"), None),
        Some("Tuyển dụng công chức"),
        "Kế hoạch tuyển dụng công chức năm 2024.",
        &[],
    );
    let c = s
        .index(&[Doc::from_json(line.as_bytes()).unwrap()])
        .unwrap();
    assert_eq!(c.replaced, 1);
    assert_eq!(s.count().unwrap(), 5);
    assert_eq!(paths(&mut s, &search("tuyen dung", |_| {})), ["b.txt"]);
    // The old text, citation and number are gone with the old record.
    assert!(paths(&mut s, &search("trien khai", |_| {})).is_empty());
    let cites = search("", |q| q.cites = Some("15/2025/qd-ttg".into()));
    assert_eq!(paths(&mut s, &cites), ["c.txt"]);
    let num = search("", |q| q.number = Some("12/kh-snv".into()));
    assert!(paths(&mut s, &num).is_empty());
    // Only the citations of the new set remain.
    let again = s.index(&docs()).unwrap();
    assert_eq!(again.replaced, 1);
    assert_eq!(again.unchanged, 4);
}

#[test]
fn hits_carry_the_accented_snippet_and_a_score() {
    let (_d, mut s) = fresh();
    s.index(&docs()).unwrap();
    let hits = s.search(&search("dinh van an", |_| {})).unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h.number.as_deref(), Some("7/QĐ-SNV"));
    assert!(h.score.unwrap() > 0.0);
    let snip = h.snippet.as_deref().unwrap();
    assert!(snip.contains("[Đinh] [Văn] [An]"), "{snip}");
    // Title words weigh more: the document titled "chuyển đổi số … quốc gia" comes first.
    let hits = s.search(&search("chuyen doi so quoc gia", |_| {})).unwrap();
    assert_eq!(hits[0].path, "a.txt");
}

#[test]
fn bad_lines_are_reported_and_the_rest_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.jsonl");
    let mut w = std::fs::File::create(&f).unwrap();
    let recs = records();
    writeln!(w, "{}", recs[0]).unwrap();
    writeln!(w, "{{not json").unwrap();
    writeln!(w, "{{\"a\": 1}}").unwrap();
    write!(w, "{}", recs[1]).unwrap(); // no final newline
    drop(w);
    let store = SqliteStore::open(&dir.path().join("a.db"), true).unwrap();
    let mut ix = Indexer::new(Box::new(store));
    let mut bad = Vec::new();
    ix.index_file(&f, &mut |m| bad.push(m)).unwrap();
    ix.flush().unwrap();
    assert_eq!(ix.bad_lines, 2);
    assert!(bad[0].contains("r.jsonl:2: not JSON"), "{bad:?}");
    assert!(bad[1].contains("r.jsonl:3"), "{bad:?}");
    assert_eq!(ix.counts.added, 2);
}

/// A records file of `n` copies of the four records, each under its own path, with a line
/// that is not JSON after every `bad_every`-th (none when 0).
fn numbered_records(dir: &std::path::Path, n: usize, bad_every: usize) -> std::path::PathBuf {
    let f = dir.join("r.jsonl");
    let mut w = std::fs::File::create(&f).unwrap();
    let recs = records();
    for i in 0..n {
        let r = recs[i % 4].replace(".txt\"", &format!("-{i}.txt\""));
        writeln!(w, "{r}").unwrap();
        if bad_every > 0 && i % bad_every == 0 {
            writeln!(w, "{{not json {i}").unwrap();
        }
    }
    f
}

/// Every document row of an archive in one string each, to compare two archives.
fn document_rows(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare("SELECT id || path || record_hash || restored FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_reading_thread_indexes_what_one_thread_does() {
    // Several hand-overs (more than 64 records, bad lines among them) read on a second
    // thread must give the archive, the counts and the reports of one thread.
    let dir = tempfile::tempdir().unwrap();
    let f = numbered_records(dir.path(), 300, 97);
    let mut dumps = Vec::new();
    for threaded in [false, true] {
        let db = dir.path().join(format!("{threaded}.db"));
        let mut ix = Indexer::new(Box::new(SqliteStore::open(&db, true).unwrap()));
        ix.reading_thread = threaded;
        let mut bad = Vec::new();
        ix.index_file(&f, &mut |m| bad.push(m)).unwrap();
        ix.flush().unwrap();
        assert_eq!(
            (ix.counts.added, ix.bad_lines),
            (300, 4),
            "threaded {threaded}"
        );
        let hits = paths(ix.store(), &search("chuyen doi so", |s| s.limit = 500));
        drop(ix);
        let conn = rusqlite::Connection::open(&db).unwrap();
        dumps.push((document_rows(&conn), bad, hits));
    }
    assert_eq!(dumps[0], dumps[1]);
    assert_eq!(dumps[0].2.len(), 150, "{:?}", dumps[0].2);
}

#[test]
fn a_bulk_load_with_or_without_a_reader_gives_the_same_archive_and_ends_in_wal() {
    // `index_files` writes through a rollback journal when it has the archive to itself and
    // keeps WAL when a reader has it open; either way the archive is the same, the reader
    // goes on reading, and the archive is WAL again afterwards.
    let dir = tempfile::tempdir().unwrap();
    let f = numbered_records(dir.path(), 150, 0);
    let mut dumps = Vec::new();
    for with_reader in [false, true] {
        let db = dir.path().join(format!("{with_reader}.db"));
        let mut ix = Indexer::new(Box::new(SqliteStore::open(&db, true).unwrap()));
        let mut reader = with_reader.then(|| SqliteStore::open(&db, false).unwrap());
        if let Some(r) = reader.as_mut() {
            assert_eq!(r.count().unwrap(), 0);
        }
        ix.index_files(std::slice::from_ref(&f), &mut |m| panic!("{m}"))
            .unwrap();
        assert_eq!(ix.counts.added, 150);
        if let Some(r) = reader.as_mut() {
            assert_eq!(r.count().unwrap(), 150);
            // The first two of the four records speak of it: 38 + 38 of the 150.
            assert_eq!(
                paths(r, &search("chuyen doi so", |s| s.limit = 500)).len(),
                76
            );
        }
        drop((ix, reader));
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "with a reader: {with_reader}");
        // The indexes a load into an empty archive makes at its end are there.
        assert_eq!(
            index_names(&conn),
            all_indexes(),
            "with a reader: {with_reader}"
        );
        dumps.push(document_rows(&conn));
    }
    assert_eq!(dumps[0], dumps[1]);
}

fn index_names(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )
    .unwrap()
    .query_map([], |r| r.get(0))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn all_indexes() -> Vec<String> {
    [
        "citations_number_key",
        "documents_date",
        "documents_number_key",
        "documents_type_key",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn a_load_that_did_not_end_has_its_indexes_made_by_the_next_writer() {
    // A bulk load into an empty archive drops some indexes until its end; killed before,
    // it leaves them to the next open for writing. Searches are right meanwhile.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut s = SqliteStore::open(&db, true).unwrap();
    s.bulk(true).unwrap();
    s.index(&docs()).unwrap();
    // As if killed here: the open transaction is lost, the dropped indexes stay dropped.
    drop(s);
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(index_names(&conn).is_empty());
    drop(conn);
    let mut s = SqliteStore::open(&db, true).unwrap();
    s.index(&docs()).unwrap();
    for (q, want) in cases() {
        let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(sorted(paths(&mut s, &q)), sorted(want), "{q:?}");
    }
    drop(s);
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(index_names(&conn), all_indexes());
}

#[test]
fn a_bulk_load_commits_when_it_ends_and_a_lone_batch_at_once() {
    // In a bulk load the batches go on in one transaction (committed every so many records
    // and at the end); outside one, each batch is committed when written.
    let (d, mut s) = fresh();
    let count = || -> i64 {
        let c = rusqlite::Connection::open(d.path().join("a.db")).unwrap();
        c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .unwrap()
    };
    let all = docs();
    s.bulk(true).unwrap();
    s.index(&all[..2]).unwrap();
    s.index(&all[2..]).unwrap();
    assert_eq!(s.count().unwrap(), all.len() as i64);
    assert_eq!(count(), 0);
    s.bulk(false).unwrap();
    assert_eq!(count(), all.len() as i64);
    let (d2, mut s2) = fresh();
    s2.index(&all[..2]).unwrap();
    let c = rusqlite::Connection::open(d2.path().join("a.db")).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
}

#[test]
fn a_run_commits_its_records_in_groups_and_all_of_them_when_it_ends_or_stops() {
    // `run --db` queues record lines: some groups are committed while the run goes on, the
    // rest when it ends (`finish`) or when the sink is dropped without it (a run stopped by a
    // write error).
    let dir = tempfile::tempdir().unwrap();
    let lines = std::fs::read_to_string(numbered_records(dir.path(), 150, 0)).unwrap();
    let count = |db: &std::path::Path| -> i64 {
        let c = rusqlite::Connection::open(db).unwrap();
        c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .unwrap()
    };
    for finish in [true, false] {
        let db = dir.path().join(format!("run-{finish}.db"));
        let mut sink = vanban_archive::cli::RunSink::open(db.to_str().unwrap(), None).unwrap();
        for l in lines.lines() {
            sink.record(l.as_bytes()).unwrap();
        }
        let seen = count(&db);
        assert!(
            (64..150).contains(&seen),
            "committed during the run: {seen}"
        );
        if finish {
            sink.finish().unwrap();
        } else {
            drop(sink);
        }
        assert_eq!(count(&db), 150, "finish: {finish}");
    }
}

#[test]
fn files_that_are_not_archives_are_refused_without_being_changed() {
    let dir = tempfile::tempdir().unwrap();
    // Not SQLite at all.
    let junk = dir.path().join("junk.db");
    let bytes: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&junk, &bytes).unwrap();
    let e = SqliteStore::open(&junk, true).err().unwrap();
    assert!(matches!(e, ArchiveError::NotSqlite { .. }), "{e}");
    assert!(e.is_usage());
    assert!(
        e.to_string().contains("not a readable SQLite database"),
        "{e}"
    );
    assert_eq!(std::fs::read(&junk).unwrap(), bytes);
    // A truncated archive (a header without its pages).
    let (_d, mut s) = fresh();
    s.index(&docs()).unwrap();
    drop(s);
    let good = _d.path().join("a.db");
    let cut = dir.path().join("cut.db");
    let b = std::fs::read(&good).unwrap();
    std::fs::write(&cut, &b[..b.len().min(4096) / 2]).unwrap();
    let e = SqliteStore::open(&cut, true).err().unwrap();
    assert!(e.is_usage(), "{e}");
    // Another program's SQLite database.
    let foreign = dir.path().join("other.db");
    let c = rusqlite::Connection::open(&foreign).unwrap();
    c.execute_batch("CREATE TABLE invoices (id INTEGER, total REAL);")
        .unwrap();
    drop(c);
    let e = SqliteStore::open(&foreign, true).err().unwrap();
    assert!(matches!(e, ArchiveError::Foreign { .. }), "{e}");
    assert!(e.to_string().contains("invoices"), "{e}");
    // An archive from a newer vanban.
    let newer = dir.path().join("newer.db");
    drop(SqliteStore::open(&newer, true).unwrap());
    let c = rusqlite::Connection::open(&newer).unwrap();
    c.execute(
        "UPDATE archive_meta SET value = '99' WHERE key = 'schema_version'",
        [],
    )
    .unwrap();
    drop(c);
    let e = SqliteStore::open(&newer, true).err().unwrap();
    assert!(matches!(e, ArchiveError::TooNew { found: 99, .. }), "{e}");
    // Searching a missing archive does not create one.
    let missing = dir.path().join("missing.db");
    assert!(SqliteStore::open(&missing, false).err().unwrap().is_usage());
    assert!(!missing.exists());
}

#[test]
fn the_archive_reads_with_plain_sql() {
    let (d, mut s) = fresh();
    s.index(&docs()).unwrap();
    drop(s);
    let c = rusqlite::Connection::open(d.path().join("a.db")).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM citations WHERE number = '15/2025/QĐ-TTg'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 2);
    let status: String = c
        .query_row(
            "SELECT status FROM documents WHERE path = 'e.pdf'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "error");
    let rec: Vec<String> = c
        .prepare("SELECT name FROM recipients r JOIN documents d ON d.id = r.document_id WHERE d.path = 'a.txt' ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rec, ["Như trên", "Lưu VT"]);
    // The entities view: the record's entities as rows, values as JSON text.
    let ents: Vec<(i64, String, String, Option<i64>)> = c
        .prepare(
            "SELECT e.seq, e.type, e.value, e.span_start FROM entities e JOIN documents d \
             ON d.id = e.document_id WHERE d.path = 'a.txt' ORDER BY e.seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ents, [(0, "date".into(), "\"2025-06-14\"".into(), Some(1))]);
    let (refs, cites): (i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM entities WHERE type = 'legal_reference'), \
             (SELECT count(*) FROM citations)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((refs, cites), (4, 4));
    let path: String = c
        .query_row(
            "SELECT d.path FROM documents_fts f JOIN documents d ON d.id = f.rowid \
             WHERE documents_fts MATCH 'dinh van an'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(path, "c.txt");
}

/// A new archive has the bulk load's page size; a record hash from an older build (SHA-256,
/// no `x`) is not taken for the same record: that record is written again, once.
#[test]
fn new_archives_have_large_pages_and_old_record_hashes_are_rewritten_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut s = SqliteStore::open(&db, true).unwrap();
    s.index(&docs()).unwrap();
    drop(s);
    let c = rusqlite::Connection::open(&db).unwrap();
    let page: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    assert_eq!(page, vanban_archive::schema::PAGE_SIZE);
    c.execute(
        "UPDATE documents SET record_hash = '0123456789abcdef' WHERE path = 'a.txt'",
        [],
    )
    .unwrap();
    drop(c);
    let mut s = SqliteStore::open(&db, true).unwrap();
    let again = s.index(&docs()).unwrap();
    assert_eq!((again.replaced, again.unchanged, again.added), (1, 4, 0));
    let again = s.index(&docs()).unwrap();
    assert_eq!((again.replaced, again.unchanged), (0, 5));
    assert_eq!(s.count().unwrap(), 5);
}

/// An archive written by schema version 1 (entities and recipients as tables) is migrated
/// when opened: the same rows through the views, searches unchanged.
#[test]
fn a_version_1_archive_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v1.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(vanban_archive::schema::SCHEMA_V1).unwrap();
        c.execute_batch(&format!(
            "INSERT INTO archive_meta VALUES ('format', 'vanban-archive'), ('schema_version', '1');
             PRAGMA application_id = {}; PRAGMA user_version = 1;
             INSERT INTO documents (id, path, sha256, status, record_hash, title, restored)
               VALUES (7, 'old.txt', 'abc', 'ok', 'h', 'Kế hoạch', 'Căn cứ Luật');
             INSERT INTO entities VALUES (7, 0, 'date', '1/2/2024', '\"2024-02-01\"', 3, 11, 0.9),
               (7, 1, 'organization', 'Sở', '{{\"name\":\"Sở\"}}', NULL, NULL, NULL);
             INSERT INTO recipients VALUES (7, 0, 'Như trên'), (7, 1, 'Lưu: VT');
             INSERT INTO documents_fts (rowid, title, body, marked, facets)
               VALUES (7, 'ke hoach', 'can cu luat', 'kế hoạch căn cứ luật', '');",
            vanban_archive::schema::APPLICATION_ID
        ))
        .unwrap();
    }
    let mut s = SqliteStore::open(&db, false).unwrap();
    let hits = s
        .search(&vanban_archive::Search {
            terms: vanban_archive::query::parse("ke hoach").unwrap(),
            limit: 5,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
    drop(s);
    let c = rusqlite::Connection::open(&db).unwrap();
    let v: String = c
        .query_row(
            "SELECT value FROM archive_meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(v, vanban_archive::schema::SCHEMA_VERSION.to_string());
    type Row = (i64, String, String, Option<i64>, Option<i64>, Option<f64>);
    let ents: Vec<Row> = c
        .prepare(
            "SELECT seq, type, value, span_start, span_end, confidence FROM entities \
             WHERE document_id = 7 ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        ents,
        [
            (
                0,
                "date".into(),
                "\"2024-02-01\"".into(),
                Some(3),
                Some(11),
                Some(0.9)
            ),
            (
                1,
                "organization".into(),
                "{\"name\":\"Sở\"}".into(),
                None,
                None,
                None
            )
        ]
    );
    let rec: Vec<String> = c
        .prepare("SELECT name FROM recipients WHERE document_id = 7 ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rec, ["Như trên", "Lưu: VT"]);
}

/// An archive written by schema version 2 (the accented forms as a column of the full-text
/// index) is migrated when opened: its full-text entries and forms made again from its
/// documents, typed accents narrowing as before, and documents replaced and added after.
#[test]
fn a_version_2_archive_is_migrated_and_its_typed_accents_still_narrow() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v2.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(vanban_archive::schema::SCHEMA_V1).unwrap();
        c.execute_batch(vanban_archive::schema::V1_TO_V2).unwrap();
        c.execute_batch(&format!(
            "INSERT INTO archive_meta VALUES ('format', 'vanban-archive'), ('schema_version', '2');
             PRAGMA application_id = {}; PRAGMA user_version = 2;
             INSERT INTO documents (id, path, sha256, status, record_hash, title, restored, date)
               VALUES (3, 'x.txt', 'abc', 'ok', 'h', 'Quyết định', 'Căn cứ Luật', '2024-02-01'),
                      (4, 'y.txt', 'abd', 'ok', 'h', 'Quyệt', 'dinh', NULL);
             INSERT INTO documents_fts (rowid, title, body, marked, facets)
               VALUES (3, 'quyet dinh', 'can cu luat', 'quyết định căn cứ luật',
                       'y2024 m202402 d20240201'),
                      (4, 'quyet', 'dinh', 'quyệt', '');",
            vanban_archive::schema::APPLICATION_ID
        ))
        .unwrap();
    }
    let mut s = SqliteStore::open(&db, false).unwrap();
    let find = |s: &mut SqliteStore, q: &str| sorted(paths(s, &search(q, |_| {})));
    assert_eq!(find(&mut s, "quyet"), ["x.txt", "y.txt"]);
    assert_eq!(find(&mut s, "quyết"), ["x.txt"]);
    assert_eq!(find(&mut s, "quyệt dinh"), ["y.txt"]);
    assert_eq!(find(&mut s, "định"), ["x.txt"]);
    // The forms are checked on the ranked candidates until the limit: y.txt (`dinh` only)
    // is passed over, x.txt found.
    assert_eq!(paths(&mut s, &search("định", |s| s.limit = 1)), ["x.txt"]);
    assert_eq!(paths(&mut s, &search("dinh", |s| s.limit = 2)).len(), 2);
    assert!(find(&mut s, "quyệt định").is_empty());
    let in_2024 = search("can cu", |s| {
        s.from = Some("2024-01-01".into());
        s.to = Some("2024-12-31".into());
    });
    assert_eq!(paths(&mut s, &in_2024), ["x.txt"]);
    // The migrated entries are removed with the columns they were made from: a document
    // replaced leaves nothing of its old text behind, and every case then holds.
    let x = record(
        "x.txt",
        "new",
        None,
        None,
        None,
        (None, None),
        Some("Kế hoạch"),
        "Lưu",
        &[],
    );
    s.index(&[Doc::from_json(x.as_bytes()).unwrap()]).unwrap();
    assert_eq!(find(&mut s, "quyet"), ["y.txt"]);
    assert_eq!(find(&mut s, "kế hoạch"), ["x.txt"]);
    s.index(&docs()).unwrap();
    for (q, want) in cases() {
        if !q.terms.is_empty() {
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            let got: Vec<String> = sorted(paths(&mut s, &q))
                .into_iter()
                .filter(|p| p != "x.txt" && p != "y.txt")
                .collect();
            assert_eq!(got, sorted(want), "{q:?}");
        }
    }
    drop(s);
    let c = rusqlite::Connection::open(&db).unwrap();
    let (v, forms): (String, String) = c
        .query_row(
            "SELECT (SELECT value FROM archive_meta WHERE key = 'schema_version'), \
             (SELECT forms FROM marks WHERE document_id = 4)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(v, vanban_archive::schema::SCHEMA_VERSION.to_string());
    assert_eq!(forms, " quyệt ");
}

/// Typed accents, their documents looked up in `mark_docs` (schema 4): the same answers
/// whether the few listed documents are searched alone or every candidate is ranked and
/// tested, on an archive made at version 4 and on one migrated from version 3.
#[test]
fn typed_accents_give_the_same_answers_narrowed_or_not_and_after_migrating_from_3() {
    let accented = [
        "quyết định",
        "quyệt",
        "định",
        "đổi",
        "đôi",
        "chuyển đổi",
        "kế hoạch",
        "ke hoạch",
        "hoá",
    ];
    let (d, mut s) = fresh();
    s.index(&docs()).unwrap();
    let answers = |s: &mut SqliteStore| -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for q in accented {
            for limit in [1, 10] {
                out.push(paths(s, &search(q, |s| s.limit = limit)));
            }
            let dated = search(q, |s| {
                s.from = Some("2024-01-01".into());
                s.to = Some("2024-12-31".into());
            });
            out.push(paths(s, &dated));
        }
        out
    };
    let narrowed = answers(&mut s);
    s.narrow_at_most(0);
    assert_eq!(answers(&mut s), narrowed);
    // Each answer as a scan of every candidate's forms gives it.
    let c = rusqlite::Connection::open(d.path().join("a.db")).unwrap();
    for q in accented {
        let forms: Vec<String> = vanban_archive::query::parse(q)
            .unwrap()
            .iter()
            .flat_map(|t| t.marks.iter().flatten().cloned())
            .collect();
        let mut want: Vec<String> = Vec::new();
        let mut st = c
            .prepare("SELECT d.path, m.forms FROM documents d JOIN marks m ON m.document_id = d.id")
            .unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap();
        for r in rows {
            let (p, have) = r.unwrap();
            if forms.iter().all(|f| have.contains(&format!(" {f} "))) {
                want.push(p);
            }
        }
        let got = sorted(paths(&mut s, &search(q, |s| s.limit = 100)));
        let folded = sorted(paths(
            &mut s,
            &search(&vanban_archive::fold::fold(q), |s| s.limit = 100),
        ));
        let want: Vec<String> = folded.into_iter().filter(|p| want.contains(p)).collect();
        assert_eq!(got, want, "{q}");
    }
    drop(s);
    // Version 3: the same archive without `mark_docs`.
    c.execute_batch(
        "DROP TABLE mark_docs; UPDATE archive_meta SET value = '3' WHERE key = 'schema_version'; \
         PRAGMA user_version = 3;",
    )
    .unwrap();
    drop(c);
    let mut s = SqliteStore::open(&d.path().join("a.db"), false).unwrap();
    assert_eq!(answers(&mut s), narrowed);
    s.index(&docs()).unwrap();
    assert_eq!(answers(&mut s), narrowed);
}

#[test]
fn whole_records_come_back_and_an_older_archive_gets_them_when_indexed_again() {
    let (d, mut s) = fresh();
    s.index(&docs()).unwrap();
    let want: Vec<serde_json::Value> = records()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(s.records().unwrap(), want);
    drop(s);
    // Documents indexed by schema version 1 (migrated, no `records` row).
    let path = d.path().join("a.db");
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch("DELETE FROM records").unwrap();
    drop(c);
    let mut s = SqliteStore::open(&path, false).unwrap();
    // What the columns hold comes back, the raw text does not.
    let old = s.records().unwrap();
    assert_eq!(old.len(), want.len());
    for (o, w) in old.iter().zip(&want) {
        for key in [
            "/source",
            "/status",
            "/error",
            "/text/restored",
            "/document",
            "/entities",
        ] {
            assert_eq!(o.pointer(key), w.pointer(key), "{key}");
        }
    }
    assert_eq!(old[0]["text"]["raw"], serde_json::Value::Null);
    // The same records again: unchanged, but now kept whole.
    let c = s.index(&docs()).unwrap();
    assert_eq!(c.unchanged, want.len());
    assert_eq!(s.records().unwrap(), want);
    drop(s);
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, vanban_archive::schema::SCHEMA_VERSION);
}
