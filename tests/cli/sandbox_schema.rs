//! The sandbox serves Blue's whole schema: its introspection equals Blue's SDL (the project's
//! copy, `src/sandbox/blue.graphql`), and valid documents outside the emulation get
//! `NOT_EMULATED`, invalid ones Blue's validation errors.

use std::collections::BTreeSet;

use apollo_compiler::Schema;
use apollo_compiler::schema::ExtendedType;
use serde_json::Value;

use crate::sandbox::Sandbox;

const BLUE_SDL: &str = include_str!("../../src/sandbox/blue.graphql");

const INTROSPECTION: &str = "{ __schema {
  queryType { name } mutationType { name } subscriptionType { name }
  types { kind name
    fields(includeDeprecated: true) { name args { name defaultValue type { ...T } } type { ...T } }
    inputFields { name defaultValue type { ...T } }
    enumValues(includeDeprecated: true) { name }
    interfaces { name } possibleTypes { name } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name } } } } } }";

const BUILT_IN: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

fn render(t: &Value) -> String {
    match t["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", render(&t["ofType"])),
        Some("LIST") => format!("[{}]", render(&t["ofType"])),
        _ => t["name"].as_str().unwrap_or("?").to_string(),
    }
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != ',').collect()
}

fn default(v: &Value) -> String {
    v.as_str().map(|d| format!(" = {}", compact(d))).unwrap_or_default()
}

/// One line per type, field, argument, input field, enum value, interface and member.
fn from_introspection(v: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let s = &v["data"]["__schema"];
    for root in ["queryType", "mutationType", "subscriptionType"] {
        out.insert(format!("schema {root} {}", s[root]["name"]));
    }
    for t in s["types"].as_array().expect("types") {
        let name = t["name"].as_str().unwrap();
        if name.starts_with("__") || BUILT_IN.contains(&name) {
            continue;
        }
        out.insert(format!("{} {name}", t["kind"].as_str().unwrap()));
        for f in t["fields"].as_array().into_iter().flatten() {
            let field = f["name"].as_str().unwrap();
            out.insert(format!("{name}.{field}: {}", render(&f["type"])));
            for a in f["args"].as_array().into_iter().flatten() {
                let (n, ty) = (a["name"].as_str().unwrap(), render(&a["type"]));
                out.insert(format!("{name}.{field}({n}: {ty}{})", default(&a["defaultValue"])));
            }
        }
        for f in t["inputFields"].as_array().into_iter().flatten() {
            let (n, ty) = (f["name"].as_str().unwrap(), render(&f["type"]));
            out.insert(format!("{name}.{n}: {ty}{}", default(&f["defaultValue"])));
        }
        for e in t["enumValues"].as_array().into_iter().flatten() {
            out.insert(format!("{name}::{}", e["name"].as_str().unwrap()));
        }
        for i in t["interfaces"].as_array().into_iter().flatten() {
            out.insert(format!("{name} implements {}", i["name"].as_str().unwrap()));
        }
        if t["kind"] == "UNION" {
            for p in t["possibleTypes"].as_array().into_iter().flatten() {
                out.insert(format!("{name} | {}", p["name"].as_str().unwrap()));
            }
        }
    }
    out
}

/// The types a document can reach from the root types (through fields, arguments, input
/// fields, union members and interface implementations). Introspection lists only these:
/// Blue's SDL also holds types that no field reaches, which no document can use either.
fn reachable(schema: &Schema) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let d = &schema.schema_definition;
    let mut todo: Vec<String> = [&d.query, &d.mutation, &d.subscription]
        .into_iter()
        .flatten()
        .map(|n| n.name.to_string())
        .collect();
    while let Some(name) = todo.pop() {
        let Some(t) = schema.types.get(name.as_str()) else { continue };
        if !seen.insert(name.clone()) {
            continue;
        }
        let mut next = |n: &str| todo.push(n.to_string());
        let field_types = |fs: Vec<&apollo_compiler::ast::FieldDefinition>,
                           next: &mut dyn FnMut(&str)| {
            for f in fs {
                next(f.ty.inner_named_type());
                for a in &f.arguments {
                    next(a.ty.inner_named_type());
                }
            }
        };
        match t {
            ExtendedType::Object(o) => {
                field_types(o.fields.values().map(|f| &***f).collect(), &mut next)
            }
            ExtendedType::Interface(i) => {
                field_types(i.fields.values().map(|f| &***f).collect(), &mut next);
                for (n, o) in &schema.types {
                    if let ExtendedType::Object(o) = o
                        && o.implements_interfaces.iter().any(|x| x.name == name.as_str())
                    {
                        next(n);
                    }
                }
            }
            ExtendedType::Union(u) => u.members.iter().for_each(|m| next(&m.name)),
            ExtendedType::InputObject(i) => {
                i.fields.values().for_each(|f| next(f.ty.inner_named_type()))
            }
            _ => {}
        }
    }
    seen
}

/// The same lines from Blue's SDL, for the types a document can reach.
fn from_sdl(sdl: &str) -> BTreeSet<String> {
    let schema = Schema::parse(sdl, "blue.graphql").unwrap_or_else(|e| e.partial);
    let reachable = reachable(&schema);
    let mut out = BTreeSet::new();
    let root = |n: &Option<apollo_compiler::schema::ComponentName>| match n {
        Some(n) => format!("\"{}\"", n.name),
        None => "null".to_string(),
    };
    let d = &schema.schema_definition;
    out.insert(format!("schema queryType {}", root(&d.query)));
    out.insert(format!("schema mutationType {}", root(&d.mutation)));
    out.insert(format!("schema subscriptionType {}", root(&d.subscription)));
    for (name, t) in &schema.types {
        if t.is_built_in() || !reachable.contains(name.as_str()) {
            continue;
        }
        let fields = |out: &mut BTreeSet<String>,
                      fields: Vec<&apollo_compiler::ast::FieldDefinition>| {
            for f in fields {
                out.insert(format!("{name}.{}: {}", f.name, f.ty));
                for a in &f.arguments {
                    let d =
                        a.default_value.as_ref().map(|v| format!(" = {}", compact(&v.to_string())));
                    out.insert(format!(
                        "{name}.{}({}: {}{})",
                        f.name,
                        a.name,
                        a.ty,
                        d.unwrap_or_default()
                    ));
                }
            }
        };
        match t {
            ExtendedType::Scalar(_) => {
                out.insert(format!("SCALAR {name}"));
            }
            ExtendedType::Object(o) => {
                out.insert(format!("OBJECT {name}"));
                fields(&mut out, o.fields.values().map(|f| &***f).collect());
                for i in &o.implements_interfaces {
                    out.insert(format!("{name} implements {}", i.name));
                }
            }
            ExtendedType::Interface(o) => {
                out.insert(format!("INTERFACE {name}"));
                fields(&mut out, o.fields.values().map(|f| &***f).collect());
                for i in &o.implements_interfaces {
                    out.insert(format!("{name} implements {}", i.name));
                }
            }
            ExtendedType::Union(u) => {
                out.insert(format!("UNION {name}"));
                for m in &u.members {
                    out.insert(format!("{name} | {}", m.name));
                }
            }
            ExtendedType::Enum(e) => {
                out.insert(format!("ENUM {name}"));
                for v in e.values.keys() {
                    out.insert(format!("{name}::{v}"));
                }
            }
            ExtendedType::InputObject(i) => {
                out.insert(format!("INPUT_OBJECT {name}"));
                for f in i.fields.values() {
                    let d =
                        f.default_value.as_ref().map(|v| format!(" = {}", compact(&v.to_string())));
                    out.insert(format!("{name}.{}: {}{}", f.name, f.ty, d.unwrap_or_default()));
                }
            }
        }
    }
    out
}

#[test]
fn the_sandbox_s_introspection_is_blue_s_schema() {
    let sb = Sandbox::start(&[]);
    let served = from_introspection(&sb.graphql(INTROSPECTION, false));
    let blue = from_sdl(BLUE_SDL);
    assert!(blue.len() > 10_000, "{} lines from Blue's SDL", blue.len());
    let missing: Vec<_> = blue.difference(&served).take(20).collect();
    let extra: Vec<_> = served.difference(&blue).take(20).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:#?}\nextra {extra:#?}");
}

#[test]
fn outside_the_emulation_is_not_emulated_and_invalid_is_blue_s_validation_error() {
    let sb = Sandbox::start(&[]);
    let v = sb.graphql("{ currentUser { id } invoices: companyList { items { id } } }", true);
    let codes: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["extensions"]["code"].as_str())
        .collect();
    assert!(codes.contains(&"NOT_EMULATED"), "{v}");
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("companyList"), "{v}");
    assert!(v["data"].is_null(), "no made-up data: {v}");
    let v = sb.graphql("{ companyList { itemz { id } } }", true);
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("itemz") && v["errors"][0]["extensions"]["code"].is_null(), "{v}");
    let v = sb.graphql("{ currentUser { id } }", false);
    assert_eq!(v["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{v}");
}

#[test]
fn coverage_lists_what_is_emulated_out_of_blue_s_operations() {
    let out =
        crate::support::bluehook().args(["sandbox", "--coverage", "--json"]).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let emulated: Vec<&str> = lines.iter().filter_map(|l| l["field"].as_str()).collect();
    assert!(emulated.contains(&"Mutation.createTodo") && emulated.contains(&"Query.webhooks"));
    let summary = lines.last().unwrap();
    let schema = Schema::parse(BLUE_SDL, "blue.graphql").unwrap_or_else(|e| e.partial);
    let roots = ["Query", "Mutation"].map(|r| match schema.types.get(r) {
        Some(ExtendedType::Object(o)) => o.fields.len(),
        _ => 0,
    });
    assert_eq!(summary["total"], roots[0] + roots[1]);
    assert_eq!(summary["emulated"], emulated.len());
}
