//! `util.format`.
