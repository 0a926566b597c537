// Two foreign keys to the same table, as `category_parent` has: two constraints, two names.
use schema_core::{Dialect, Table};
use uuid::Uuid;

#[derive(Table)]
#[table(name = "categories")]
pub struct Category {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
#[table(name = "category_parent")]
pub struct CategoryParent {
    #[column(primary_key)]
    #[foreign_key(references = Category::id)]
    pub category_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Category::id)]
    pub parent_id: Uuid,
}

schema_core::schema! {
    pub const APP = [Category, CategoryParent];
}

fn main() {
    let fks = CategoryParent::DEF.foreign_keys;
    assert_eq!(fks.len(), 2);
    assert_eq!(fks[0].name, "category_parent_category_id_fkey");
    assert_eq!(fks[1].name, "category_parent_parent_id_fkey");
    assert!(fks.iter().all(|fk| fk.ref_table == "categories"));
    let sql = CategoryParent::create_sql(Dialect::Postgres).unwrap().join("\n");
    assert!(
        sql.contains("PRIMARY KEY (\"category_id\", \"parent_id\")"),
        "{sql}"
    );
    assert_eq!(sql.matches("REFERENCES \"categories\"").count(), 2, "{sql}");
}
