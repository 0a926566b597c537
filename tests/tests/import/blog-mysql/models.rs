//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

#[derive(Table)]
pub struct Comment {
    #[column(primary_key, identity)]
    pub id: i32,
    #[foreign_key(
        references = Post::id,
        on_delete = cascade,
        on_update = restrict,
        name = "comment_post_fkey"
    )]
    pub post_id: i32,
    #[foreign_key(
        references = Comment::id,
        on_delete = cascade,
        on_update = restrict,
        name = "comment_parent_fkey"
    )]
    pub parent_id: Option<i32>,
    #[column(sql_type = "TEXT")]
    pub body: String,
}

#[derive(Table)]
#[unique(columns(title), name = "ix_post_title")]
pub struct Post {
    #[column(primary_key, identity)]
    pub id: i32,
    #[column(sql_type = "VARCHAR(200)")]
    pub title: String,
    #[column(default = "false")]
    pub published: bool,
    pub meta: serde_json::Value,
    #[column(sql_type = "VARCHAR(40)", default = "'it''s fine'")]
    pub motto: String,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [Post, Comment];
}
