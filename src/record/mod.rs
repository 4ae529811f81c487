//! The meeting record: its types, reading it with located errors, and its consistency
//! checks.

pub mod check;
pub mod load;
pub mod locate;
pub mod types;
