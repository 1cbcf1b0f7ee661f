//! The `console` global.
