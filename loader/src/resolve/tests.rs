//! Resolution on a small package tree built in a temporary directory.
