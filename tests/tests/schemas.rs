//! Real schemas: the forms production schemas use (identity and serial keys, NUMERIC, CHAR(n),
//! TIME, unsigned and PostgreSQL-only types, pass-through types, defaults spelled per dialect,
//! `ON UPDATE`), on real databases: declared, created, checked, written and read; and
//! databases written by hand checked against their declaration.

#[path = "schemas/forms.rs"]
mod forms;
#[path = "schemas/hand_written.rs"]
mod hand_written;
#[path = "schemas/models.rs"]
mod models;
#[path = "schemas/outside.rs"]
mod outside;
#[path = "schemas/part2.rs"]
mod part2;
