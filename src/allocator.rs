//! The global allocator: mimalloc, called through its plain entry points when the requested
//! alignment is one every mimalloc block already has.
//!
//! `mimalloc::MiMalloc` passes every request to `mi_malloc_aligned` / `mi_realloc_aligned`,
//! which check the alignment on each call; in a module-graph profile those checks were about 4%
//! of all instructions. Rust's allocations almost always ask for an alignment of at most 16
//! bytes that is no larger than their size, which mimalloc's `mi_malloc`/`mi_realloc`
//! guarantee (blocks are aligned to their size class up to 16 bytes), so those go straight
//! there; anything else still takes the aligned path. The functions are the C library that the
//! `mimalloc` crate links (through `libmimalloc-sys`).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The largest alignment `mi_malloc` gives every block of at least that size.
const PLAIN_ALIGN: usize = 16;

extern "C" {
    fn mi_malloc(size: usize) -> *mut c_void;
    fn mi_zalloc(size: usize) -> *mut c_void;
    fn mi_realloc(p: *mut c_void, newsize: usize) -> *mut c_void;
    fn mi_free(p: *mut c_void);
}

pub struct Allocator;

#[inline]
fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi_malloc(layout.size()) as *mut u8
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(layout.align(), layout.size()) {
            mi_zalloc(layout.size()) as *mut u8
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(layout.align(), new_size) {
            mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mimalloc::MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

/// Turns transparent huge pages off for this process (Linux), unless `MIMALLOC_ALLOW_THP` says
/// otherwise.
///
/// mimalloc asks the kernel for 2 MiB pages on its arenas. The kernel then zeroes a whole 2 MiB
/// page on the first touch of any byte in it, and the loader touches memory in many places at
/// once (a parse worker's syntax trees, the VM's heap, compiled code). On the 10,000-module
/// graph that zeroing was 15% of all CPU samples (`clear_page_erms`, under
/// `do_huge_pmd_anonymous_page`); with ordinary 4 KiB pages system time fell from about 1.4 s to
/// 0.8 s and peak RSS by 25 MB. This is what `MIMALLOC_ALLOW_THP=0` does, made the default.
pub fn configure() {
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
        }
        /// `PR_SET_THP_DISABLE` from <linux/prctl.h>.
        const PR_SET_THP_DISABLE: std::ffi::c_int = 41;
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
            // SAFETY: prctl with PR_SET_THP_DISABLE takes four further integer arguments and
            // only changes a flag of the calling process; its result is only a status.
            unsafe {
                prctl(PR_SET_THP_DISABLE, 1 as std::ffi::c_ulong, 0 as std::ffi::c_ulong, 0 as std::ffi::c_ulong, 0 as std::ffi::c_ulong);
            }
        }
    }
}
