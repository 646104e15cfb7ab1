//! Every GraphQL document bluehook sends to Blue. Each is validated against the schema
//! subset in `schema.graphql` (beside this file) by the tests below.

/// Queries are safe to retry; mutations only when Blue certainly did not run them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Query,
    Mutation,
}

/// A named GraphQL operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    pub name: &'static str,
    pub kind: Kind,
    pub document: &'static str,
}

/// The webhook fields bluehook reads (everything but `secret`, which Blue returns only once).
macro_rules! webhook_fields {
    () => {
        "id uid name url status events projectIds enabled metadata createdAt updatedAt"
    };
}

pub const LIST_WEBHOOKS: Operation = Operation {
    name: "ListWebhooks",
    kind: Kind::Query,
    document: concat!(
        "query ListWebhooks($filter: WebhookFilter, $skip: Int, $take: Int) {\n",
        "  webhooks(filter: $filter, skip: $skip, take: $take) {\n",
        "    items { ",
        webhook_fields!(),
        " }\n",
        "    pageInfo { totalPages totalItems page perPage hasNextPage hasPreviousPage }\n",
        "  }\n}"
    ),
};

pub const GET_WEBHOOK: Operation = Operation {
    name: "GetWebhook",
    kind: Kind::Query,
    document: concat!(
        "query GetWebhook($id: String!) {\n  webhook(id: $id) { ",
        webhook_fields!(),
        " }\n}"
    ),
};

pub const CREATE_WEBHOOK: Operation = Operation {
    name: "CreateWebhook",
    kind: Kind::Mutation,
    document: concat!(
        "mutation CreateWebhook($input: CreateWebhookInput!) {\n  createWebhook(input: $input) { ",
        webhook_fields!(),
        " secret }\n}"
    ),
};

pub const UPDATE_WEBHOOK: Operation = Operation {
    name: "UpdateWebhook",
    kind: Kind::Mutation,
    document: concat!(
        "mutation UpdateWebhook($input: UpdateWebhookInput!) {\n  updateWebhook(input: $input) { ",
        webhook_fields!(),
        " }\n}"
    ),
};

pub const DELETE_WEBHOOK: Operation = Operation {
    name: "DeleteWebhook",
    kind: Kind::Mutation,
    document: "mutation DeleteWebhook($input: DeleteWebhookInput!) {\n  \
               deleteWebhook(input: $input) { success operationId }\n}",
};

/// The cheap authenticated read `bluehook login` checks credentials with.
pub const WHO_AM_I: Operation = Operation {
    name: "WhoAmI",
    kind: Kind::Query,
    document: "query WhoAmI($org: String, $withOrg: Boolean!) {\n  \
               currentUser { id email fullName }\n  \
               company(id: $org) @include(if: $withOrg) { id name slug }\n}",
};

/// Every operation above, for the schema test.
pub const ALL: [Operation; 6] =
    [LIST_WEBHOOKS, GET_WEBHOOK, CREATE_WEBHOOK, UPDATE_WEBHOOK, DELETE_WEBHOOK, WHO_AM_I];

/// The schema subset the documents are checked against.
pub const SCHEMA: &str = include_str!("schema.graphql");

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::{ExecutableDocument, Schema};

    fn schema() -> apollo_compiler::validation::Valid<Schema> {
        Schema::parse_and_validate(SCHEMA, "schema.graphql").expect("the schema subset is valid")
    }

    #[test]
    fn every_document_is_valid_against_the_schema() {
        let schema = schema();
        for op in ALL {
            let doc = ExecutableDocument::parse_and_validate(&schema, op.document, op.name)
                .unwrap_or_else(|e| panic!("{} does not validate:\n{e}", op.name));
            let parsed = doc.operations.iter().next().expect("one operation");
            assert_eq!(doc.operations.len(), 1, "{}", op.name);
            assert_eq!(parsed.name.as_ref().map(|n| n.as_str()), Some(op.name));
            let is_query = parsed.operation_type == apollo_compiler::ast::OperationType::Query;
            assert_eq!(is_query, op.kind == Kind::Query, "{}", op.name);
        }
    }

    #[test]
    fn a_misspelt_field_fails_validation() {
        let schema = schema();
        let bad = GET_WEBHOOK.document.replace("projectIds", "projectId");
        assert!(ExecutableDocument::parse_and_validate(&schema, bad, "bad").is_err());
        let bad = CREATE_WEBHOOK.document.replace("CreateWebhookInput", "WebhookInput");
        assert!(ExecutableDocument::parse_and_validate(&schema, bad, "bad").is_err());
    }

    #[test]
    fn the_event_enum_matches_the_catalogue() {
        let schema = schema();
        let Some(apollo_compiler::schema::ExtendedType::Enum(e)) = schema.types.get("WebhookEvent")
        else {
            panic!("WebhookEvent is an enum")
        };
        let in_schema: Vec<&str> = e.values.keys().map(|k| k.as_str()).collect();
        let catalogue: Vec<&str> = crate::events::subscribable().map(|e| e.name).collect();
        assert_eq!(in_schema, catalogue);
    }
}
