// Rule: `primary_key_name` is a name like any other: at most 63 bytes, and unique among the
// table's constraint and index names.
use schema_core::Table;

#[derive(Table)]
#[table(primary_key_name = "pk_invoice_a_primary_key_name_that_goes_on_well_past_sixty_three")]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[table(primary_key_name = "ix_receipt_number")]
pub struct Receipt {
    #[column(primary_key)]
    pub id: i64,
    #[index]
    pub number: i64,
}

fn main() {}
