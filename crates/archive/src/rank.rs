//! `vbrank(documents_fts, W1 … Wc, IDF1 … IDFp)`: the archive's ranking function for SQLite,
//! FTS5's `bm25()` (the same formula: a phrase's frequency sums its instances weighted by
//! column, k1 = 1.2, b = 0.75 against the row's length in all columns) but higher is better
//! and each phrase's IDF is given by the caller (1 where not given). `bm25()` computes the
//! IDFs itself, for every query, by counting the documents that contain each phrase over its
//! whole doclist: on an archive of 100,000 documents that was two thirds of a query's time.
//! The caller counts on a sample instead (`sqlite.rs`), exact on a small archive.
//!
//! Registered per connection through FTS5's C API (`fts5_api.xCreateFunction`); everything
//! FFI is in this module.

use std::os::raw::{c_int, c_void};

use rusqlite::{ffi, Connection};

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Phrases (and columns) counted on the stack; a larger query uses the heap.
const STACK_PHRASES: usize = 32;

/// Registers `vbrank` on `conn`.
pub fn register(conn: &Connection) -> Result<(), String> {
    // SAFETY: the handle is valid while `conn` lives; the statement is finalised on every
    // path; `api` is written by SQLite during the step (the documented way to get the
    // fts5_api pointer) and used only after a non-null check.
    unsafe {
        let db = conn.handle();
        let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        let rc = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            std::ptr::null_mut(),
        );
        if rc != ffi::SQLITE_OK {
            return Err(format!("this SQLite has no FTS5 (code {rc})"));
        }
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            &mut api as *mut *mut ffi::fts5_api as *mut c_void,
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        if api.is_null() {
            return Err("FTS5 gave no API pointer".into());
        }
        let Some(create) = (*api).xCreateFunction else {
            return Err("FTS5 cannot create functions".into());
        };
        let rc = create(
            api,
            c"vbrank".as_ptr(),
            std::ptr::null_mut(),
            Some(vbrank),
            None,
        );
        if rc != ffi::SQLITE_OK {
            return Err(format!("vbrank not registered (code {rc})"));
        }
    }
    Ok(())
}

/// The per-query data: a row's average length in tokens (all columns).
struct Average(f64);

unsafe extern "C" fn free_average(p: *mut c_void) {
    if !p.is_null() {
        // SAFETY: `p` came from `Box::into_raw` in `score` and is freed once, by SQLite.
        drop(unsafe { Box::from_raw(p as *mut Average) });
    }
}

unsafe extern "C" fn vbrank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_val: c_int,
    ap_val: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: SQLite calls this with a valid API table, context and `n_val` values.
    let r = std::panic::catch_unwind(|| unsafe { score(api, fts, n_val, ap_val) });
    // SAFETY: `ctx` is this call's result context.
    unsafe {
        match r {
            Ok(Ok(s)) => ffi::sqlite3_result_double(ctx, s),
            Ok(Err(rc)) => ffi::sqlite3_result_error_code(ctx, rc),
            Err(_) => ffi::sqlite3_result_error(ctx, c"vbrank failed".as_ptr(), -1),
        }
    }
}

fn ok(rc: c_int) -> Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

/// The score of the current row.
///
/// # Safety
/// The arguments are those SQLite passes to an FTS5 auxiliary function.
unsafe fn score(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n_val: c_int,
    ap_val: *mut *mut ffi::sqlite3_value,
) -> Result<f64, c_int> {
    let api = unsafe { &*api };
    let (
        Some(column_count),
        Some(row_count),
        Some(total_size),
        Some(phrase_count),
        Some(inst_count),
        Some(inst),
        Some(column_size),
        Some(get_aux),
        Some(set_aux),
    ) = (
        api.xColumnCount,
        api.xRowCount,
        api.xColumnTotalSize,
        api.xPhraseCount,
        api.xInstCount,
        api.xInst,
        api.xColumnSize,
        api.xGetAuxdata,
        api.xSetAuxdata,
    )
    else {
        return Err(ffi::SQLITE_MISUSE);
    };
    let ncol = unsafe { column_count(fts) }.max(0) as usize;
    let mut avg = unsafe { get_aux(fts, 0) } as *const Average;
    if avg.is_null() {
        let mut rows: ffi::sqlite3_int64 = 0;
        ok(unsafe { row_count(fts, &mut rows) })?;
        let mut total: ffi::sqlite3_int64 = 0;
        ok(unsafe { total_size(fts, -1, &mut total) })?;
        let p = Box::into_raw(Box::new(Average(total as f64 / rows.max(1) as f64)));
        // On failure SQLite frees `p` itself (through `free_average`).
        ok(unsafe { set_aux(fts, p as *mut c_void, Some(free_average)) })?;
        avg = p;
    }
    // SAFETY: the aux data lives until the query ends.
    let avg = unsafe { (*avg).0 };
    let nphrase = unsafe { phrase_count(fts) }.max(0) as usize;
    let arg = |i: usize| -> f64 {
        if (i as c_int) < n_val {
            // SAFETY: `i` < `n_val`, the length of `ap_val`.
            unsafe { ffi::sqlite3_value_double(*ap_val.add(i)) }
        } else {
            1.0
        }
    };
    let mut stack = [0f64; STACK_PHRASES];
    let mut weights = [0f64; STACK_PHRASES];
    let (mut heap, mut wheap) = (Vec::new(), Vec::new());
    let (freq, weight): (&mut [f64], &mut [f64]) = if nphrase.max(ncol) <= STACK_PHRASES {
        (&mut stack[..nphrase], &mut weights[..ncol])
    } else {
        heap.resize(nphrase, 0.0);
        wheap.resize(ncol, 0.0);
        (&mut heap, &mut wheap)
    };
    for (c, w) in weight.iter_mut().enumerate() {
        *w = arg(c);
    }
    // Each phrase's frequency in the row, an instance counting its column's weight.
    let mut n: c_int = 0;
    ok(unsafe { inst_count(fts, &mut n) })?;
    for i in 0..n {
        let (mut p, mut c, mut off) = (0, 0, 0);
        ok(unsafe { inst(fts, i, &mut p, &mut c, &mut off) })?;
        let (p, c) = (p as usize, c as usize);
        if p < nphrase && c < ncol {
            freq[p] += weight[c];
        }
    }
    let mut len: c_int = 0;
    ok(unsafe { column_size(fts, -1, &mut len) })?;
    let norm = K1 * (1.0 - B + B * len as f64 / avg.max(1e-9));
    let mut s = 0.0;
    for (p, &f) in freq.iter().enumerate() {
        if f > 0.0 {
            s += arg(ncol + p) * f * (K1 + 1.0) / (f + norm);
        }
    }
    Ok(s)
}
