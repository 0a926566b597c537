//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::{SqlEnum, Table};

#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[sql_enum(name = "mood")]
pub enum Mood {
    Happy,
    Sad,
    #[sql_enum(rename = "in between")]
    InBetween,
}

/// People who record.
#[derive(Table)]
#[table(name = "Artist")]
#[check(name = "artist_name_nonempty", expr = "(length((\"Name\")::text) > 0)")]
pub struct Artist {
    #[column(name = "ArtistId", primary_key, identity = always)]
    pub artist_id: i32,
    /// As credited.
    #[column(name = "Name", sql_type = "VARCHAR(120)")]
    pub name: String,
    #[column(default = "'happy'")]
    pub mood: Mood,
    #[column(sql_type = "TEXT")]
    pub r#type: Option<String>,
    #[column(sql_type = "citext")]
    pub email: Option<String>,
    #[column(sql_type = "TEXT", collation = "ci")]
    pub nick: Option<String>,
    #[column(sql_type = "cents")]
    pub royalty: Option<String>,
    #[column(default = "now()")]
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Table)]
#[unique(columns(artist_id, title), name = "album_artist_id_title_key")]
#[index(
    expr = "lower(code::text)",
    name = "ix_album_code",
    unique,
    where = "(code IS NOT NULL)"
)]
#[index(columns(tags), name = "ix_album_tags", method = gin)]
#[index(columns(title), name = "ix_album_title", desc(title))]
pub struct Album {
    #[column(primary_key, identity = serial)]
    pub id: i64,
    #[foreign_key(
        references = Artist::artist_id,
        on_delete = cascade,
        on_update = restrict,
        name = "album_artist_id_fkey"
    )]
    pub artist_id: i32,
    #[column(sql_type = "VARCHAR(160)")]
    pub title: String,
    #[column(sql_type = "NUMERIC(10, 2)", default = "0")]
    pub price: rust_decimal::Decimal,
    #[column(sql_type = "CHAR(8)")]
    pub code: Option<String>,
    #[column(sql_type = "TEXT[]")]
    pub tags: Option<Vec<String>>,
    #[foreign_key(
        references = Album::id,
        on_delete = set_null,
        name = "album_parent_id_fkey"
    )]
    pub parent_id: Option<i64>,
}

#[derive(Table)]
#[foreign_key(
    columns(album_id, no),
    references = Track(album_id, no),
    on_update = cascade,
    name = "play_track_fkey"
)]
pub struct Play {
    #[column(primary_key, default = "gen_random_uuid()")]
    pub id: uuid::Uuid,
    pub album_id: i64,
    pub no: i32,
    pub played_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[table(primary_key(album_id, no))]
pub struct Track {
    #[foreign_key(
        references = Album::id,
        on_delete = cascade,
        name = "track_album_id_fkey"
    )]
    pub album_id: i64,
    pub no: i32,
    #[column(sql_type = "TEXT")]
    pub name: String,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [Artist, Album, Track, Play];
}
