//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

#[derive(Table)]
#[table(name = "Artist")]
#[check(name = "artist_name_nonempty", expr = "length(name) > 0")]
pub struct Artist {
    #[column(name = "ArtistId", primary_key, identity, autoincrement)]
    pub artist_id: i32,
    #[column(name = "Name", sql_type = "VARCHAR(120)")]
    pub name: String,
    #[column(sql_type = "TEXT", default = "'solo'")]
    pub r#type: Option<String>,
    #[column(default = "CURRENT_TIMESTAMP")]
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Table)]
#[unique(columns(artist_id, title), name = "album_artist_id_title_key")]
#[index(
    expr = "lower(code)",
    name = "ix_album_code",
    unique,
    where = "code is not null"
)]
#[index(columns(title), name = "ix_album_title", desc(title))]
pub struct Album {
    #[column(primary_key, identity)]
    pub id: i32,
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
    #[foreign_key(
        references = Album::id,
        on_delete = set_null,
        name = "album_parent_id_fkey"
    )]
    pub parent_id: Option<i32>,
}

#[derive(Table)]
#[foreign_key(
    columns(album_id, no),
    references = Track(album_id, no),
    on_update = cascade,
    name = "play_album_id_no_fkey"
)]
pub struct Play {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub album_id: i32,
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
    pub album_id: i32,
    pub no: i32,
    #[column(sql_type = "TEXT")]
    pub name: String,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [Artist, Album, Track, Play];
}
