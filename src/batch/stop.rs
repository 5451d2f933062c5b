//! Stop requests during a run. SIGINT or SIGTERM: the first stops new documents from starting
//! and lets those in flight finish within a grace period; a second stops at once. A failed
//! output stops new documents too. Workers read one atomic per document, nothing more.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, Ordering};
use std::sync::{Arc, Mutex};

use libc::{SIGINT, SIGTERM};

/// Shared stop state of one run.
#[derive(Debug, Default)]
pub struct Stop {
    /// No new document starts.
    requested: AtomicBool,
    /// The first stop signal received (0: none).
    signal: AtomicI32,
    /// A second signal: documents in flight are abandoned at once.
    now: AtomicBool,
    /// An output a worker could not write (a searchable PDF on a full disk), the first one.
    fault: Mutex<Option<(PathBuf, std::io::Error)>>,
}

impl Stop {
    /// Whether new documents should no longer start.
    #[inline]
    pub fn requested(&self) -> bool {
        self.requested.load(Ordering::Relaxed)
    }

    /// Stops new documents from starting (a failed output).
    pub fn request(&self) {
        self.requested.store(true, Ordering::SeqCst);
    }

    /// The first stop signal received, if any.
    pub fn signal(&self) -> Option<i32> {
        Some(self.signal.load(Ordering::SeqCst)).filter(|&s| s != 0)
    }

    /// A worker's output could not be written for want of storage: no new document starts
    /// and the run ends with it (only the first is kept).
    pub fn fail_output(&self, path: PathBuf, e: std::io::Error) {
        if let Ok(mut f) = self.fault.lock() {
            f.get_or_insert((path, e));
        }
        self.request();
    }

    /// The output fault a worker reported, if any (taken once).
    pub fn take_fault(&self) -> Option<(PathBuf, std::io::Error)> {
        self.fault.lock().ok()?.take()
    }

    /// Whether a second signal asked to stop at once.
    pub fn now(&self) -> bool {
        self.now.load(Ordering::SeqCst)
    }

    /// What a stop signal does; only atomic operations, so it is safe in a signal handler.
    fn on_signal(&self, sig: i32) {
        if self
            .signal
            .compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            self.now.store(true, Ordering::SeqCst);
        }
        self.requested.store(true, Ordering::SeqCst);
    }
}

/// The [`Stop`] the signal handler feeds (null: none).
static ACTIVE: AtomicPtr<Stop> = AtomicPtr::new(std::ptr::null_mut());

extern "C" fn handler(sig: libc::c_int) {
    // SAFETY: a non-null `ACTIVE` comes from `Arc::into_raw` in `Signals::watch` and is never
    // freed, so it stays valid even for a handler still running after the guard is dropped.
    if let Some(stop) = unsafe { ACTIVE.load(Ordering::SeqCst).as_ref() } {
        stop.on_signal(sig);
    }
}

/// SIGINT and SIGTERM handlers that feed a [`Stop`]; the previous handling comes back on drop.
/// A signal the process was started with ignored (a background job's SIGINT) stays ignored.
pub struct Signals {
    previous: Vec<(libc::c_int, libc::sigaction)>,
}

impl Signals {
    /// Installs the handlers for the lifetime of the returned value.
    pub fn watch(stop: &Arc<Stop>) -> std::io::Result<Signals> {
        // One small `Stop` per run is leaked on purpose: see `handler`.
        ACTIVE.store(
            Arc::into_raw(Arc::clone(stop)) as *mut Stop,
            Ordering::SeqCst,
        );
        // Built first, so an error half way restores what was installed.
        let mut signals = Signals {
            previous: Vec::new(),
        };
        for sig in [SIGINT, SIGTERM] {
            // SAFETY: sigaction with zero-initialised structs owned here; the handler only
            // performs atomic operations, which are async-signal-safe.
            unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(sig, std::ptr::null(), &mut old) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if old.sa_sigaction == libc::SIG_IGN {
                    continue;
                }
                let mut new: libc::sigaction = std::mem::zeroed();
                new.sa_sigaction = handler as extern "C" fn(libc::c_int) as libc::sighandler_t;
                new.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut new.sa_mask);
                if libc::sigaction(sig, &new, std::ptr::null_mut()) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                signals.previous.push((sig, old));
            }
        }
        Ok(signals)
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for (sig, old) in self.previous.drain(..) {
            // SAFETY: restoring the disposition saved by `watch`.
            unsafe { libc::sigaction(sig, &old, std::ptr::null_mut()) };
        }
        ACTIVE.store(std::ptr::null_mut(), Ordering::SeqCst);
    }
}

/// The conventional exit status of a process stopped by `sig` (128 + its number).
pub fn exit_status(sig: i32) -> u8 {
    (128 + sig).clamp(0, 255) as u8
}

/// The signal's name, for messages.
pub fn name(sig: i32) -> &'static str {
    match sig {
        SIGINT => "SIGINT",
        SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_signal_requests_a_stop_and_a_second_stops_at_once() {
        let s = Stop::default();
        assert!(!s.requested() && s.signal().is_none());
        s.on_signal(SIGTERM);
        assert!(s.requested() && !s.now());
        assert_eq!(s.signal(), Some(SIGTERM));
        s.on_signal(SIGINT);
        assert!(s.now());
        assert_eq!(s.signal(), Some(SIGTERM), "the first signal is kept");
        assert_eq!((exit_status(SIGINT), exit_status(SIGTERM)), (130, 143));
    }
}
