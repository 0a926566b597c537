#!/usr/bin/env python3
"""The ontology hub's tables as SeaORM 1.x entities, for bench/compile-cost/run.sh.

    seaorm_entities.py MODELS_RS K > copy_K.rs

Reads examples/ontology-hub/src/models.rs (the `#[derive(Table)]` structs and `#[derive(SqlEnum)]`
enums) and writes copy K of them the way `sea-orm-cli generate entity` lays them out: one module
per table with its `Model` (`DeriveEntityModel`, the same fields and Rust types, `primary_key`,
`unique`, `indexed`, `column_type`, `default_value`), its `Relation` enum (`belongs_to` with
`on_delete` for every foreign key, `has_many` on the referenced side), `Related` impls where a
target is named once, and `ActiveModelBehavior`; each enum as a `DeriveActiveEnum`. SQL names
carry the same `cK_` prefix as the derived copy, so the three crates hold the same schema.
"""

import re
import sys


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


def parse(text):
    """Enums as (rust name, sql name, variants); tables as dicts."""
    enums, tables = [], []
    attrs = []
    lines = iter(text.splitlines())
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#["):
            # An attribute can span lines (`#[unique(\n ... \n)]`).
            while stripped.count("[") > stripped.count("]"):
                stripped += " " + next(lines).strip()
            attrs.append(stripped)
            continue
        enum = re.match(r"pub enum (\w+) \{", stripped)
        struct = re.match(r"pub struct (\w+) \{", stripped)
        if enum:
            sql = next(re.search(r'name = "(\w+)"', a).group(1) for a in attrs if "sql_enum(" in a)
            variants = []
            for body in lines:
                body = body.strip()
                if body == "}":
                    break
                if re.match(r"\w+,$", body):
                    variants.append(body[:-1])
            enums.append((enum.group(1), sql, variants))
        elif struct:
            name = next(re.search(r'name = "(\w+)"', a).group(1) for a in attrs if a.startswith("#[table(name"))
            fields, field_attrs = [], []
            for body in lines:
                body = body.strip()
                if body == "}":
                    break
                if body.startswith("#["):
                    field_attrs.append(body)
                    continue
                field = re.match(r"pub (\w+): (.+),$", body)
                if field:
                    fields.append({"name": field.group(1), "ty": field.group(2), "attrs": field_attrs})
                    field_attrs = []
            tables.append({"rust": struct.group(1), "sql": name, "fields": fields})
        if not stripped.startswith("///") and stripped:
            attrs = []
    return enums, tables


TYPES = {"NaiveDateTime": "DateTime", "Value": "Json", "Uuid": "Uuid", "String": "String", "bool": "bool", "i32": "i32"}


def rust_type(ty, enum_names):
    optional = re.match(r"Option<(.+)>$", ty)
    inner = optional.group(1) if optional else ty
    inner = f"super::{inner}" if inner in enum_names else TYPES[inner]
    return f"Option<{inner}>" if optional else inner


def main():
    models, k = sys.argv[1], sys.argv[2]
    with open(models, encoding="utf-8") as f:
        enums, tables = parse(f.read())
    enum_names = {e[0] for e in enums}
    module_of = {t["rust"]: f"c{k}_{t['sql']}" for t in tables}
    sql_of = {t["rust"]: t["sql"] for t in tables}
    out = ["use sea_orm::entity::prelude::*;", ""]
    for rust, sql, variants in enums:
        out.append("#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]")
        out.append(f'#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "c{k}_{sql}")]')
        out.append(f"pub enum {rust} {{")
        for variant in variants:
            out.append(f'    #[sea_orm(string_value = "{snake(variant)}")]')
            out.append(f"    {variant},")
        out.append("}")
        out.append("")
    # Foreign keys, both ways: (source table, field, target table, target column, on_delete).
    keys = []
    for table in tables:
        for field in table["fields"]:
            for attr in field["attrs"]:
                fk = re.search(r"references = (\w+)::(\w+)(?:, on_delete = (\w+))?", attr)
                if fk:
                    keys.append((table["rust"], field["name"], fk.group(1), fk.group(2), fk.group(3) or "no_action"))
    for table in tables:
        module = module_of[table["rust"]]
        out.append(f"pub mod {module} {{")
        out.append("    use sea_orm::entity::prelude::*;")
        out.append("")
        out.append("    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]")
        out.append(f'    #[sea_orm(table_name = "c{k}_{table["sql"]}")]')
        out.append("    pub struct Model {")
        for field in table["fields"]:
            options = []
            joined = " ".join(field["attrs"])
            if "primary_key" in joined:
                options.append("primary_key")
                if not field["ty"].startswith("i"):
                    options.append("auto_increment = false")
            if "unique" in joined:
                options.append("unique")
            if "#[index]" in joined:
                options.append("indexed")
            if 'sql_type = "TEXT"' in joined:
                options.append('column_type = "Text"')
            if 'sql_type = "JSONB"' in joined:
                options.append('column_type = "JsonBinary"')
            default = re.search(r"default = \"'(\w+|\[\])'\"", joined)
            if default:
                options.append(f'default_value = "{default.group(1)}"')
            if options:
                out.append(f"        #[sea_orm({', '.join(options)})]")
            out.append(f"        pub {field['name']}: {rust_type(field['ty'], enum_names)},")
        out.append("    }")
        out.append("")
        out.append("    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]")
        out.append("    pub enum Relation {")
        related = {}
        for source, field, target, column, on_delete in keys:
            if source == table["rust"]:
                variant = camel(field)
                out.append(
                    f'        #[sea_orm(belongs_to = "super::{module_of[target]}::Entity", '
                    f'from = "Column::{camel(field)}", to = "super::{module_of[target]}::Column::{camel(column)}", '
                    f'on_update = "NoAction", on_delete = "{camel(on_delete)}")]'
                )
                out.append(f"        {variant},")
                related.setdefault(target, []).append(variant)
            # `has_many` needs the other side's single `Related`: a table referencing this one
            # twice (module_dependency) gets none, as sea-orm-cli does.
            pair = sum(1 for s, _, t, _, _ in keys if (s, t) == (source, target))
            if target == table["rust"] and pair == 1:
                variant = f"{camel(sql_of[source])}{camel(field)}"
                out.append(f'        #[sea_orm(has_many = "super::{module_of[source]}::Entity")]')
                out.append(f"        {variant},")
                related.setdefault(source, []).append(variant)
        out.append("    }")
        out.append("")
        for target, variants in related.items():
            # A target reached by two keys has no single `Related` (sea-orm-cli leaves it out too).
            if len(variants) == 1 and target != table["rust"]:
                out.append(f"    impl Related<super::{module_of[target]}::Entity> for Entity {{")
                out.append(f"        fn to() -> RelationDef {{ Relation::{variants[0]}.def() }}")
                out.append("    }")
                out.append("")
        out.append("    impl ActiveModelBehavior for ActiveModel {}")
        out.append("}")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
