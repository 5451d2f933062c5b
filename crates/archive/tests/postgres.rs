//! The PostgreSQL archive against a real server: a throwaway cluster in a temp dir (Debian's
//! `postgresql` binaries, a Unix socket in the temp dir, run as `nobody` when the tests run as
//! root). The same records give the same answers as SQLite. Skipped, saying so, only where
//! PostgreSQL's binaries are absent.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use vanban_archive::postgres::PgStore;
use vanban_archive::sqlite::SqliteStore;
use vanban_archive::Store;

/// `initdb`'s folder, newest PostgreSQL first.
fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A PostgreSQL server for one test, stopped when dropped.
struct Cluster {
    bin: PathBuf,
    dir: tempfile::TempDir,
    root: bool,
}

impl Cluster {
    fn cmd(&self, prog: &str) -> Command {
        if self.root {
            let mut c = Command::new("runuser");
            c.args(["-u", "nobody", "--"]).arg(self.bin.join(prog));
            c
        } else {
            Command::new(self.bin.join(prog))
        }
    }

    fn start(bin: PathBuf) -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let root = is_root();
        if root {
            Command::new("chown")
                .args(["nobody"])
                .arg(dir.path())
                .status()
                .unwrap();
        }
        let c = Cluster { bin, dir, root };
        let data = c.dir.path().join("data");
        let o = c
            .cmd("initdb")
            .arg("-D")
            .arg(&data)
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ])
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let opts = format!(
            "-k {} -c listen_addresses='' -p 5432 -c fsync=off",
            c.dir.path().display()
        );
        let o = c
            .cmd("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-o", &opts, "-w", "-l"])
            .arg(c.dir.path().join("log"))
            .arg("start")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "pg_ctl start: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        c
    }

    fn url(&self) -> String {
        let sock: String = self.dir.path().display().to_string().replace('/', "%2F");
        format!("postgresql://postgres@{sock}:5432/postgres")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .cmd("pg_ctl")
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "stop"])
            .output();
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn postgres_round_trip_gives_the_same_answers_as_sqlite() {
    let Some(bin) = pg_bin() else {
        eprintln!("SKIPPED: no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)");
        return;
    };
    let pg = Cluster::start(bin);
    let mut p = PgStore::connect(&pg.url()).unwrap();
    let c = p.index(&docs()).unwrap();
    assert_eq!(c.added, 5);
    // Again: nothing added; a second connection sees the archive as made.
    let mut p = PgStore::connect(&pg.url()).unwrap();
    let c = p.index(&docs()).unwrap();
    assert_eq!((c.added, c.unchanged), (0, 5));
    assert_eq!(p.count().unwrap(), 5);

    let dir = tempfile::tempdir().unwrap();
    let mut s = SqliteStore::open(&dir.path().join("a.db"), true).unwrap();
    s.index(&docs()).unwrap();
    for (q, want) in cases() {
        let got_pg = paths(&mut p, &q);
        let got_sqlite = paths(&mut s, &q);
        if q.terms.is_empty() {
            assert_eq!(got_pg, want, "{q:?}");
            assert_eq!(got_pg, got_sqlite, "{q:?}");
        } else {
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(sorted(got_pg.clone()), sorted(want), "{q:?}");
            assert_eq!(sorted(got_pg), sorted(got_sqlite), "{q:?}");
        }
    }
    // Whole records come back alike.
    assert_eq!(p.records().unwrap(), s.records().unwrap());
    assert_eq!(p.records().unwrap().len(), 5);
    // The best hit and its snippet agree too.
    let q = search("chuyen doi so quoc gia", |_| {});
    let (hp, hs) = (p.search(&q).unwrap(), s.search(&q).unwrap());
    assert_eq!(hp[0].path, "a.txt");
    assert_eq!(hp[0].snippet, hs[0].snippet);
    // A changed file replaces its record (cascading to its citations).
    let line = record(
        "c.txt",
        &"9".repeat(64),
        Some("8/QĐ-SNV"),
        Some("QUYẾT ĐỊNH"),
        Some("2024-11-21"),
        (Some("SỞ NỘI VỤ"), None),
        Some("Về việc kỷ luật"),
        "Kỷ luật.",
        &[],
    );
    let c = p
        .index(&[vanban_archive::Doc::from_json(line.as_bytes()).unwrap()])
        .unwrap();
    assert_eq!(c.replaced, 1);
    let cites = search("", |q| q.cites = Some("15/2025/qd-ttg".into()));
    assert_eq!(paths(&mut p, &cites), ["b.txt"]);
    assert_eq!(p.count().unwrap(), 5);
    // Another program's table of the same name is refused.
    drop(p);
    let mut raw = postgres::Client::connect(&pg.url(), postgres::NoTls).unwrap();
    raw.batch_execute(
        "CREATE SCHEMA other; SET search_path = other; CREATE TABLE documents (x int);",
    )
    .unwrap();
    drop(raw);
    let url = format!("{}?options=-c%20search_path%3Dother", pg.url());
    let e = PgStore::connect(&url).err().unwrap();
    assert!(e.to_string().contains("not a vanban archive"), "{e}");
    let _ = Path::new("");
}
