// SQL reserved words, mixed case and a quote as names: quoted in every dialect.
use schema_core::{Dialect, Table};

#[derive(Table)]
#[table(name = "order")]
pub struct Order {
    #[column(primary_key)]
    pub id: i64,
    #[column(name = "select")]
    #[index]
    pub select_: String,
    #[column(name = "MixedCase")]
    pub mixed: Option<i32>,
    #[column(name = "it\"s")]
    pub quoted: Option<bool>,
    pub r#type: String,
}

#[derive(Table)]
#[table(name = "Group")]
pub struct Group {
    #[column(primary_key)]
    pub id: i64,
    #[foreign_key(references = Order::id)]
    pub r#where: i64,
}

fn main() {
    let pg = Order::create_sql(Dialect::Postgres).unwrap().join("\n");
    assert!(pg.contains("CREATE TABLE \"order\""), "{pg}");
    assert!(pg.contains("\"select\" VARCHAR"), "{pg}");
    assert!(pg.contains("\"MixedCase\" INTEGER"), "{pg}");
    assert!(pg.contains("\"it\"\"s\" BOOLEAN"), "{pg}");
    assert!(pg.contains("\"type\""), "{pg}");
    assert!(pg.contains("\"ix_order_select\""), "{pg}");
    let my = Order::create_sql(Dialect::MySql).unwrap().join("\n");
    assert!(my.contains("CREATE TABLE `order`"), "{my}");
    let group = Group::create_sql(Dialect::Sqlite).unwrap().join("\n");
    assert!(group.contains("CREATE TABLE \"Group\""), "{group}");
    assert!(group.contains("\"where\""), "{group}");
    assert_eq!(Group::DEF.foreign_keys[0].name, "Group_where_fkey");
}
