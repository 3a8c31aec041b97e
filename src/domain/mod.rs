//! Pure domain rules: no HTTP, no database. Tested with plain unit tests.

pub mod agency_tree;
pub mod directive;
pub mod role;
pub mod search_key;
pub mod values;
