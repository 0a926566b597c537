//! The schemas imported, as someone writes them by hand in each database's own SQL: identity,
//! serial and AUTO_INCREMENT keys, NUMERIC, CHAR(n), enums, CHECKs, partial, DESC, expression
//! and GIN indexes, composite and self-referencing foreign keys with their actions, reserved
//! and mixed-case names, comments and defaults.

pub const POSTGRES: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS citext",
    "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
    "CREATE DOMAIN cents AS integer DEFAULT 0 CONSTRAINT cents_not_negative CHECK (VALUE >= 0)",
    "CREATE TYPE mood AS ENUM ('happy', 'sad', 'in between')",
    "CREATE TABLE \"Artist\" (
        \"ArtistId\" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        \"Name\" varchar(120) NOT NULL,
        mood mood NOT NULL DEFAULT 'happy',
        \"type\" text,
        email citext,
        nick text COLLATE ci,
        royalty cents,
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
    // What the models do not hold: the report names each.
    "CREATE SEQUENCE invoice_numbers",
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$",
    "CREATE TRIGGER artist_touch BEFORE UPDATE ON \"Artist\" FOR EACH ROW EXECUTE FUNCTION touch()",
    "CREATE VIEW artist_names AS SELECT \"Name\" FROM \"Artist\"",
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

/// A shop: money, quantities checked, a composite key referenced by a composite foreign key,
/// RESTRICT and SET DEFAULT, a descending index.
pub const SHOP_POSTGRES: &[&str] = &[
    "CREATE TABLE customer (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, email varchar(320) NOT NULL UNIQUE)",
    "CREATE TABLE orders (
        customer_id bigint NOT NULL DEFAULT 0 REFERENCES customer (id) ON DELETE SET DEFAULT,
        number integer NOT NULL,
        placed_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
        total numeric(12,2) NOT NULL DEFAULT 0.00,
        PRIMARY KEY (customer_id, number)
    )",
    "CREATE INDEX ix_orders_placed ON orders (placed_at DESC)",
    "CREATE TABLE order_item (
        customer_id bigint NOT NULL,
        number integer NOT NULL,
        line smallint NOT NULL,
        sku char(12) NOT NULL,
        qty integer NOT NULL CONSTRAINT order_item_qty_positive CHECK (qty > 0),
        price numeric(10,2) NOT NULL,
        PRIMARY KEY (customer_id, number, line),
        CONSTRAINT order_item_order_fkey FOREIGN KEY (customer_id, number)
            REFERENCES orders (customer_id, number) ON DELETE CASCADE ON UPDATE RESTRICT
    )",
];

pub const SHOP_SQLITE: &[&str] = &[
    "CREATE TABLE customer (id INTEGER PRIMARY KEY, email VARCHAR(320) NOT NULL UNIQUE)",
    "CREATE TABLE orders (
        customer_id INTEGER NOT NULL DEFAULT 0 REFERENCES customer (id) ON DELETE SET DEFAULT,
        number INTEGER NOT NULL,
        placed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
        total NUMERIC(12, 2) NOT NULL DEFAULT 0.00,
        PRIMARY KEY (customer_id, number)
    )",
    "CREATE INDEX ix_orders_placed ON orders (placed_at DESC)",
    "CREATE TABLE order_item (
        customer_id INTEGER NOT NULL,
        number INTEGER NOT NULL,
        line SMALLINT NOT NULL,
        sku CHAR(12) NOT NULL,
        qty INTEGER NOT NULL CONSTRAINT order_item_qty_positive CHECK (qty > 0),
        price NUMERIC(10, 2) NOT NULL,
        PRIMARY KEY (customer_id, number, line),
        FOREIGN KEY (customer_id, number) REFERENCES orders (customer_id, number)
            ON DELETE CASCADE ON UPDATE RESTRICT
    )",
];

pub const SHOP_MYSQL: &[&str] = &[
    "CREATE TABLE customer (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        email VARCHAR(320) NOT NULL,
        UNIQUE KEY customer_email_key (email)
    ) ENGINE=InnoDB",
    "CREATE TABLE orders (
        customer_id BIGINT NOT NULL,
        number INT NOT NULL,
        placed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        total DECIMAL(12,2) NOT NULL DEFAULT 0.00,
        PRIMARY KEY (customer_id, number),
        KEY ix_orders_placed (placed_at DESC),
        CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE
    ) ENGINE=InnoDB",
    "CREATE TABLE order_item (
        customer_id BIGINT NOT NULL,
        number INT NOT NULL,
        line SMALLINT NOT NULL,
        sku CHAR(12) NOT NULL,
        qty INT NOT NULL,
        price DECIMAL(10,2) NOT NULL,
        PRIMARY KEY (customer_id, number, line),
        CONSTRAINT order_item_qty_positive CHECK (qty > 0),
        CONSTRAINT order_item_order_fkey FOREIGN KEY (customer_id, number)
            REFERENCES orders (customer_id, number) ON DELETE CASCADE ON UPDATE RESTRICT
    ) ENGINE=InnoDB",
];

/// A blog: a self-referencing comment tree, JSON, a partial index, an expression index,
/// boolean and quoted text defaults.
pub const BLOG_POSTGRES: &[&str] = &[
    "CREATE TABLE post (
        id serial PRIMARY KEY,
        title text NOT NULL,
        published boolean NOT NULL DEFAULT false,
        meta jsonb NOT NULL DEFAULT '{}',
        motto text NOT NULL DEFAULT 'it''s fine'
    )",
    "CREATE INDEX ix_post_published ON post (id) WHERE published",
    "CREATE UNIQUE INDEX ix_post_title_lower ON post (lower(title))",
    "CREATE TABLE comment (
        id serial PRIMARY KEY,
        post_id integer NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        parent_id integer REFERENCES comment (id) ON DELETE CASCADE,
        body text NOT NULL
    )",
];

pub const BLOG_SQLITE: &[&str] = &[
    "CREATE TABLE post (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL,
        published BOOLEAN NOT NULL DEFAULT 0,
        meta TEXT NOT NULL DEFAULT '{}',
        motto TEXT NOT NULL DEFAULT 'it''s fine'
    )",
    "CREATE INDEX ix_post_published ON post (id) WHERE published",
    "CREATE UNIQUE INDEX ix_post_title_lower ON post (lower(title))",
    "CREATE TABLE comment (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES comment (id) ON DELETE CASCADE,
        body TEXT NOT NULL
    )",
];

pub const BLOG_MYSQL: &[&str] = &[
    "CREATE TABLE post (
        id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        title VARCHAR(200) NOT NULL,
        published BOOLEAN NOT NULL DEFAULT FALSE,
        meta JSON NOT NULL,
        motto VARCHAR(40) NOT NULL DEFAULT 'it''s fine',
        UNIQUE KEY ix_post_title (title)
    ) ENGINE=InnoDB",
    "CREATE TABLE comment (
        id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        post_id INT NOT NULL,
        parent_id INT NULL,
        body TEXT NOT NULL,
        CONSTRAINT comment_post_fkey FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE CASCADE,
        CONSTRAINT comment_parent_fkey FOREIGN KEY (parent_id) REFERENCES comment (id) ON DELETE CASCADE
    ) ENGINE=InnoDB",
];

/// A legacy schema: reserved and mixed-case names, a table without a primary key, small and
/// floating types, dates, times and bytes; PostgreSQL's uuid and identity ALWAYS, MySQL's
/// unsigned integers.
pub const LEGACY_POSTGRES: &[&str] = &[
    "CREATE TABLE \"Order\" (
        \"select\" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        \"Group\" varchar(20) NOT NULL,
        token uuid NOT NULL,
        ratio real,
        score double precision NOT NULL DEFAULT 1.5,
        born date,
        opens time NOT NULL,
        blob bytea
    )",
    "CREATE TABLE audit_trail (at timestamp NOT NULL, what text NOT NULL)",
];

pub const LEGACY_SQLITE: &[&str] = &[
    "CREATE TABLE \"Order\" (
        \"select\" INTEGER PRIMARY KEY,
        \"Group\" VARCHAR(20) NOT NULL,
        ratio REAL,
        score DOUBLE NOT NULL DEFAULT 1.5,
        born DATE,
        opens TIME NOT NULL,
        \"blob\" BLOB
    )",
    "CREATE TABLE audit_trail (at TIMESTAMP NOT NULL, what TEXT NOT NULL)",
];

pub const LEGACY_MYSQL: &[&str] = &[
    "CREATE TABLE `Order` (
        `select` INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        `Group` VARCHAR(20) NOT NULL,
        hits BIGINT UNSIGNED NOT NULL DEFAULT 0,
        ratio FLOAT,
        score DOUBLE NOT NULL DEFAULT 1.5,
        born DATE,
        opens TIME(6) NOT NULL,
        `blob` LONGBLOB
    ) ENGINE=InnoDB",
    "CREATE TABLE audit_trail (at DATETIME(6) NOT NULL, what TEXT NOT NULL) ENGINE=InnoDB",
];

/// PostgreSQL tables in a schema of their own (`--schema billing`), one referencing a table of
/// the current schema.
pub const SCHEMAS_POSTGRES: &[&str] = &[
    "CREATE SCHEMA billing",
    "CREATE TABLE account (id bigint PRIMARY KEY, name text NOT NULL)",
    "CREATE TABLE billing.invoice (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES public.account (id) ON DELETE RESTRICT,
        amount numeric(12,2) NOT NULL
    )",
];
