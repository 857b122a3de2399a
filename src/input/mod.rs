//! Reading posts.

pub(crate) mod rest;
