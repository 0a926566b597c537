// A 63-byte name is PostgreSQL's longest, and is accepted. The primary key, which takes no
// name, is named as PostgreSQL would: the table part cut so `_pkey` fits in 63 bytes.
use schema_core::{Dialect, Table};

const NAME: &str = "a_table_name_of_exactly_sixty_three_bytes_which_postgres_keeps_";

#[derive(Table)]
#[table(name = "a_table_name_of_exactly_sixty_three_bytes_which_postgres_keeps_")]
pub struct Long {
    #[column(
        primary_key,
        name = "a_column_name_of_exactly_sixty_three_bytes_which_postgres_keeps"
    )]
    pub id: i64,
}

fn main() {
    assert_eq!(NAME.len(), 63);
    assert_eq!(Long::NAME, NAME);
    assert_eq!(Long::DEF.columns[0].name.len(), 63);
    let sql = Long::create_sql(Dialect::Postgres).unwrap().join("\n");
    assert!(sql.contains(&format!("CREATE TABLE \"{NAME}\"")), "{sql}");
    let pkey = Long::DEF.primary_key.name;
    assert_eq!(pkey, format!("{}_pkey", &NAME[..58]));
    assert_eq!(pkey.len(), 63);
}
