//! The schemas imported, as someone writes them by hand in each database's own SQL: identity,
//! serial and AUTO_INCREMENT keys, NUMERIC, CHAR(n), enums, CHECKs, partial, DESC, expression
//! and GIN indexes, composite and self-referencing foreign keys with their actions, reserved
//! and mixed-case names, comments and defaults.

pub const POSTGRES: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS citext",
    "CREATE TYPE mood AS ENUM ('happy', 'sad', 'in between')",
    "CREATE TABLE \"Artist\" (
        \"ArtistId\" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        \"Name\" varchar(120) NOT NULL,
        mood mood NOT NULL DEFAULT 'happy',
        \"type\" text,
        email citext,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT artist_name_nonempty CHECK (length(\"Name\") > 0)
    )",
    "COMMENT ON TABLE \"Artist\" IS 'People who record.'",
    "COMMENT ON COLUMN \"Artist\".\"Name\" IS 'As credited.'",
    "CREATE TABLE album (
        id bigserial PRIMARY KEY,
        artist_id integer NOT NULL REFERENCES \"Artist\" (\"ArtistId\") ON DELETE CASCADE ON UPDATE RESTRICT,
        title varchar(160) NOT NULL,
        price numeric(10,2) NOT NULL DEFAULT 0,
        code char(8),
        tags text[],
        parent_id bigint REFERENCES album (id) ON DELETE SET NULL,
        UNIQUE (artist_id, title)
    )",
    "CREATE INDEX ix_album_title ON album (title DESC)",
    "CREATE UNIQUE INDEX ix_album_code ON album (lower(code)) WHERE code IS NOT NULL",
    "CREATE INDEX ix_album_tags ON album USING gin (tags)",
    "CREATE TABLE track (
        album_id bigint NOT NULL REFERENCES album (id) ON DELETE CASCADE,
        no int NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (album_id, no)
    )",
    "CREATE TABLE play (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        album_id bigint NOT NULL,
        no int NOT NULL,
        played_at timestamp NOT NULL,
        CONSTRAINT play_track_fkey FOREIGN KEY (album_id, no) REFERENCES track (album_id, no) ON UPDATE CASCADE
    )",
];

pub const SQLITE: &[&str] = &[
    "CREATE TABLE \"Artist\" (
        \"ArtistId\" INTEGER PRIMARY KEY AUTOINCREMENT,
        \"Name\" VARCHAR(120) NOT NULL,
        \"type\" TEXT DEFAULT 'solo',
        created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT artist_name_nonempty CHECK (length(\"Name\") > 0)
    )",
    "CREATE TABLE album (
        id INTEGER PRIMARY KEY,
        artist_id INTEGER NOT NULL REFERENCES \"Artist\" (\"ArtistId\") ON DELETE CASCADE ON UPDATE RESTRICT,
        title VARCHAR(160) NOT NULL,
        price NUMERIC(10, 2) NOT NULL DEFAULT 0,
        code CHAR(8),
        parent_id INTEGER REFERENCES album (id) ON DELETE SET NULL,
        UNIQUE (artist_id, title)
    )",
    "CREATE INDEX ix_album_title ON album (title DESC)",
    "CREATE UNIQUE INDEX ix_album_code ON album (lower(code)) WHERE code IS NOT NULL",
    "CREATE TABLE track (
        album_id INTEGER NOT NULL REFERENCES album (id) ON DELETE CASCADE,
        no INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (album_id, no)
    )",
    "CREATE TABLE play (
        id BLOB NOT NULL PRIMARY KEY,
        album_id INTEGER NOT NULL,
        no INTEGER NOT NULL,
        played_at TIMESTAMP NOT NULL,
        FOREIGN KEY (album_id, no) REFERENCES track (album_id, no) ON UPDATE CASCADE
    )",
];

pub const MYSQL: &[&str] = &[
    "CREATE TABLE Artist (
        ArtistId INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        Name VARCHAR(120) NOT NULL COMMENT 'As credited.',
        mood ENUM('happy', 'sad', 'in between') NOT NULL DEFAULT 'happy',
        `type` TEXT,
        created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        CONSTRAINT artist_name_nonempty CHECK (char_length(Name) > 0)
    ) ENGINE=InnoDB COMMENT='People who record.'",
    "CREATE TABLE album (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        artist_id INT NOT NULL,
        title VARCHAR(160) NOT NULL,
        price DECIMAL(10,2) NOT NULL DEFAULT 0,
        code CHAR(8),
        parent_id BIGINT NULL,
        UNIQUE KEY album_artist_id_title_key (artist_id, title),
        KEY ix_album_title (title DESC),
        CONSTRAINT album_artist_fkey FOREIGN KEY (artist_id) REFERENCES Artist (ArtistId) ON DELETE CASCADE ON UPDATE RESTRICT,
        CONSTRAINT album_parent_fkey FOREIGN KEY (parent_id) REFERENCES album (id) ON DELETE SET NULL
    ) ENGINE=InnoDB",
    "CREATE TABLE track (
        album_id BIGINT NOT NULL,
        no INT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (album_id, no),
        CONSTRAINT track_album_fkey FOREIGN KEY (album_id) REFERENCES album (id) ON DELETE CASCADE
    ) ENGINE=InnoDB",
];

/// SQLite, breaking two rules the derive enforces: a `BLOB` primary key SQLite lets be NULL, and
/// `ON DELETE SET NULL` on a NOT NULL column.
pub const SQLITE_FINDINGS: &[&str] = &[
    "CREATE TABLE owner (id BLOB PRIMARY KEY, name TEXT NOT NULL)",
    "CREATE TABLE pet (
        id INTEGER PRIMARY KEY,
        owner_id BLOB NOT NULL REFERENCES owner (id) ON DELETE SET NULL
    )",
];
