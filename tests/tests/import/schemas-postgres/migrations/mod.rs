//! The migration chain: the baseline `schema import` wrote, then the revisions after it.

mod m001;

use schema_core::migrate::Revision;

/// Every revision, in order.
pub const REVISIONS: &[Revision] = &[m001::REVISION];
