// Rule: identifiers fit PostgreSQL's 63 bytes, whether written or generated.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[table(name = "a_table_name_that_goes_on_and_on_well_past_what_postgres_will_keep")]
pub struct Written {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
#[table(name = "ontology_module_dashboard_assignments")]
pub struct Generated {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub dashboard_canonical_entity_key: String,
}

fn main() {}
