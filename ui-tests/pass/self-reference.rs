// A table referencing itself: `parent_id` references the table's own primary key.
use schema_core::{Dialect, Table};
use uuid::Uuid;

#[derive(Table)]
#[table(name = "nodes")]
pub struct Node {
    #[column(primary_key)]
    pub id: Uuid,
    #[foreign_key(references = Node::id, on_delete = cascade)]
    pub parent_id: Option<Uuid>,
}

schema_core::schema! {
    pub const APP = [Node];
}

fn main() {
    let fk = &Node::DEF.foreign_keys[0];
    assert_eq!(fk.ref_table, "nodes");
    assert_eq!(fk.ref_columns, ["id"]);
    let sql = APP.create_sql(Dialect::Sqlite).unwrap().join("\n");
    assert!(sql.contains("REFERENCES \"nodes\" (\"id\")"), "{sql}");
}
