//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

#[derive(Table)]
pub struct Comment {
    #[column(primary_key, identity = serial)]
    pub id: i32,
    #[foreign_key(
        references = Post::id,
        on_delete = cascade,
        name = "comment_post_id_fkey"
    )]
    pub post_id: i32,
    #[foreign_key(
        references = Comment::id,
        on_delete = cascade,
        name = "comment_parent_id_fkey"
    )]
    pub parent_id: Option<i32>,
    #[column(sql_type = "TEXT")]
    pub body: String,
}

#[derive(Table)]
#[index(columns(id), name = "ix_post_published", where = "published")]
#[index(expr = "lower(title)", name = "ix_post_title_lower", unique)]
pub struct Post {
    #[column(primary_key, identity = serial)]
    pub id: i32,
    #[column(sql_type = "TEXT")]
    pub title: String,
    #[column(default = "false")]
    pub published: bool,
    #[column(sql_type = "JSONB", default = "'{}'")]
    pub meta: serde_json::Value,
    #[column(sql_type = "TEXT", default = "'it''s fine'")]
    pub motto: String,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [Post, Comment];
}
