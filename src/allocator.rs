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
