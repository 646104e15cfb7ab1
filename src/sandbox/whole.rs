//! Blue's whole schema, served: built at start from Blue's SDL (`blue.graphql`, refreshed by
//! scripts/update-schema) as an async-graphql dynamic schema. It validates every document
//! and answers introspection exactly as Blue's schema declares it; its fields resolve to
//! `NOT_EMULATED`, so a valid document the sandbox does not emulate gets an honest error,
//! never a validation error nor made-up data.

use async_graphql::dynamic::{
    Enum, EnumItem, Field, FieldFuture, InputObject, InputValue, Interface, InterfaceField, Object,
    Scalar, Schema, SchemaBuilder, Subscription, SubscriptionField, SubscriptionFieldFuture,
    TypeRef, Union,
};
use async_graphql::parser::types::{
    BaseType, ConstDirective, EnumType, FieldDefinition, InputValueDefinition, Type, TypeKind,
    TypeSystemDefinition,
};
use async_graphql::{Error, ErrorExtensions, Positioned};

/// Blue's public schema, as published.
pub const SDL: &str = include_str!("blue.graphql");

const BUILT_IN: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

/// The schema built from [`SDL`], every field answering `NOT_EMULATED`.
pub fn schema(max_depth: usize, max_complexity: usize) -> anyhow::Result<Schema> {
    let doc = async_graphql::parser::parse_schema(SDL)?;
    let mut roots = ("Query".to_string(), Some("Mutation".to_string()), None);
    let mut types = Vec::new();
    for def in doc.definitions {
        match def {
            TypeSystemDefinition::Schema(s) => {
                let s = s.node;
                if let Some(q) = s.query {
                    roots.0 = q.node.to_string();
                }
                roots.1 = s.mutation.map(|m| m.node.to_string());
                roots.2 = s.subscription.map(|m| m.node.to_string());
            }
            TypeSystemDefinition::Type(t) => types.push(t.node),
            TypeSystemDefinition::Directive(_) => {}
        }
    }
    if roots.2.is_none() && types.iter().any(|t| t.name.node == "Subscription") {
        roots.2 = Some("Subscription".into());
    }
    let mut builder = Schema::build(&roots.0, roots.1.as_deref(), roots.2.as_deref())
        .limit_depth(max_depth)
        .limit_complexity(max_complexity);
    for t in types {
        let name = t.name.node.to_string();
        let description = t.description.map(|d| d.node);
        let is_subscription = roots.2.as_deref() == Some(name.as_str());
        builder = register(builder, &name, description, t.kind, &t.directives, is_subscription);
    }
    Ok(builder.finish()?)
}

fn register(
    builder: SchemaBuilder,
    name: &str,
    description: Option<String>,
    kind: TypeKind,
    directives: &[Positioned<ConstDirective>],
    is_subscription: bool,
) -> SchemaBuilder {
    macro_rules! described {
        ($x:expr) => {
            match description {
                Some(d) => $x.description(d),
                None => $x,
            }
        };
    }
    match kind {
        TypeKind::Scalar if BUILT_IN.contains(&name) => builder,
        TypeKind::Scalar => builder.register(described!(Scalar::new(name))),
        TypeKind::Object(o) if is_subscription => {
            let mut s = Subscription::new(name);
            for f in o.fields {
                s = s.field(subscription_field(name, f.node));
            }
            builder.register(described!(s))
        }
        TypeKind::Object(o) => {
            let mut obj = Object::new(name);
            for i in o.implements {
                obj = obj.implement(i.node.as_str());
            }
            for f in o.fields {
                obj = obj.field(field(name, f.node));
            }
            builder.register(described!(obj))
        }
        TypeKind::Interface(i) => {
            let mut obj = Interface::new(name);
            for x in i.implements {
                obj = obj.implement(x.node.as_str());
            }
            for f in i.fields {
                obj = obj.field(interface_field(f.node));
            }
            builder.register(described!(obj))
        }
        TypeKind::Union(u) => {
            let mut obj = Union::new(name);
            for m in u.members {
                obj = obj.possible_type(m.node.as_str());
            }
            builder.register(described!(obj))
        }
        TypeKind::Enum(e) => builder.register(described!(enum_type(name, e))),
        TypeKind::InputObject(i) => {
            let mut obj = InputObject::new(name);
            for f in i.fields {
                obj = obj.field(input_value(f.node));
            }
            if directives.iter().any(|d| d.node.name.node == "oneOf") {
                obj = obj.oneof();
            }
            builder.register(described!(obj))
        }
    }
}

/// An enum with its values, their descriptions and deprecations.
fn enum_type(name: &str, e: EnumType) -> Enum {
    let mut obj = Enum::new(name);
    for v in e.values {
        let v = v.node;
        let mut item = EnumItem::new(v.value.node.as_str());
        if let Some(d) = v.description {
            item = item.description(d.node);
        }
        if let Some(reason) = deprecation(&v.directives) {
            item = item.deprecation(reason.as_deref());
        }
        obj = obj.item(item);
    }
    obj
}

/// The root fields (`Query.x`, `Mutation.y`) an SDL declares, in its order.
pub fn root_fields(sdl: &str) -> Vec<String> {
    let Ok(doc) = async_graphql::parser::parse_schema(sdl) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for def in doc.definitions {
        if let TypeSystemDefinition::Type(t) = def
            && let TypeKind::Object(o) = &t.node.kind
            && ["Query", "Mutation"].contains(&t.node.name.node.as_str())
        {
            let parent = t.node.name.node.as_str();
            out.extend(o.fields.iter().map(|f| format!("{parent}.{}", f.node.name.node)));
        }
    }
    out
}

/// `NOT_EMULATED`, naming the field.
pub fn not_emulated(parent: &str, field: &str) -> Error {
    Error::new(format!(
        "{parent}.{field} is part of Blue's API but not emulated by bluehook sandbox \
         (see `bluehook sandbox --coverage`)"
    ))
    .extend_with(|_, e| e.set("code", "NOT_EMULATED"))
}

/// A field of any kind (object, interface, subscription) with its definition's description,
/// deprecation and arguments: the three builders share no trait.
macro_rules! with_definition {
    ($out:expr, $f:expr) => {{
        let mut out = $out;
        if let Some(d) = $f.description {
            out = out.description(d.node);
        }
        if let Some(reason) = deprecation(&$f.directives) {
            out = out.deprecation(reason.as_deref());
        }
        for a in $f.arguments {
            out = out.argument(input_value(a.node));
        }
        out
    }};
}

fn field(parent: &str, f: FieldDefinition) -> Field {
    let (parent, name) = (parent.to_string(), f.name.node.to_string());
    let label = name.clone();
    let out = Field::new(name, type_ref(&f.ty.node), move |_| {
        let e = not_emulated(&parent, &label);
        FieldFuture::new(async move { Err::<Option<async_graphql::Value>, _>(e) })
    });
    with_definition!(out, f)
}

fn interface_field(f: FieldDefinition) -> InterfaceField {
    let out = InterfaceField::new(f.name.node.to_string(), type_ref(&f.ty.node));
    with_definition!(out, f)
}

fn subscription_field(parent: &str, f: FieldDefinition) -> SubscriptionField {
    let (parent, name) = (parent.to_string(), f.name.node.to_string());
    let label = name.clone();
    let out = SubscriptionField::new(name, type_ref(&f.ty.node), move |_| {
        let e = not_emulated(&parent, &label);
        SubscriptionFieldFuture::new(async move {
            Err::<futures_util::stream::Empty<async_graphql::Result<async_graphql::Value>>, _>(e)
        })
    });
    with_definition!(out, f)
}

fn input_value(v: InputValueDefinition) -> InputValue {
    let mut out = InputValue::new(v.name.node.to_string(), type_ref(&v.ty.node));
    if let Some(d) = v.description {
        out = out.description(d.node);
    }
    if let Some(default) = v.default_value {
        out = out.default_value(default.node);
    }
    out
}

fn type_ref(t: &Type) -> TypeRef {
    let inner = match &t.base {
        BaseType::Named(n) => TypeRef::Named(n.to_string().into()),
        BaseType::List(of) => TypeRef::List(Box::new(type_ref(of))),
    };
    if t.nullable { inner } else { TypeRef::NonNull(Box::new(inner)) }
}

/// `Some(reason)` when `@deprecated` is among the directives.
fn deprecation(directives: &[Positioned<ConstDirective>]) -> Option<Option<String>> {
    let d = directives.iter().find(|d| d.node.name.node == "deprecated")?;
    let reason = d.node.get_argument("reason").and_then(|v| match &v.node {
        async_graphql::Value::String(s) => Some(s.clone()),
        _ => None,
    });
    Some(reason)
}

#[cfg(test)]
mod tests {
    #[test]
    fn blue_s_whole_schema_builds() {
        let schema = super::schema(20, 1000).unwrap();
        assert!(schema.sdl().contains("createTodo"));
    }
}
