//! vanban's document model — the one representation both writers consume — with the
//! markup templates write ([`markup`]) and the format profiles both writers read
//! ([`profile`]).
//!
//! Pipeline: record → Tera template → markup text → [`markup::parse`] → [`Document`] →
//! DOCX writer / PDF typesetter, each reading a [`Profile`].

pub mod markup;
pub mod model;
pub mod picture;
pub mod profile;
pub mod xml;

pub use model::*;
pub use profile::Profile;
