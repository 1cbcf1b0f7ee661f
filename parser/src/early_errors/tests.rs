//! Unit tests on hand-built trees.
