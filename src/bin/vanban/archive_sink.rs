//! `vanban run --db`, `index`, `search`: the archive crate wired to the batch's record sink
//! and to exit statuses.

use std::path::Path;
use std::process::ExitCode;

use vanban_archive::cli::RunSink;
use vanban_archive::ArchiveError;

/// Each record line the run writes goes to the archive too.
struct Sink(RunSink);

impl vanban::batch::RecordSink for Sink {
    fn record(&mut self, line: &[u8]) -> std::io::Result<()> {
        self.0.record(line)
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.0.finish()
    }
}

/// Opens the archive for a run; with `--resume`, the records already in `output` are
/// indexed first (idempotent), so the archive ends with every record of the file.
pub fn open(
    db: &str,
    output: &Path,
    resume: bool,
) -> anyhow::Result<Box<dyn vanban::batch::RecordSink>> {
    let existing = (resume && output.as_os_str() != "-").then_some(output);
    match RunSink::open(db, existing) {
        Ok(s) => Ok(Box::new(Sink(s))),
        Err(e) => Err(usage(e)),
    }
}

/// An archive error as the CLI reports it: usage errors become `vanban::Error::Usage`, so
/// that `main` exits with status 2.
fn usage(e: ArchiveError) -> anyhow::Error {
    if e.is_usage() {
        vanban::Error::Usage(e.to_string()).into()
    } else {
        anyhow::Error::new(e)
    }
}

/// The exit status of `index`/`search`: theirs, or 2 for a usage error (a bad option, a file
/// that is not an archive), 3 for any other failure, with one stderr line.
pub fn exit(r: Result<u8, ArchiveError>) -> anyhow::Result<ExitCode> {
    match r {
        Ok(c) => Ok(ExitCode::from(c)),
        Err(e) => {
            eprintln!("vanban: {e}");
            Ok(ExitCode::from(if e.is_usage() { 2 } else { 3 }))
        }
    }
}
