//! The GraphQL documents `bluehook trigger` sends: the operations that make Blue emit each
//! event, and the reads that find where to work. Validated against `schema.graphql` below.

use super::operations::{Kind, Operation};

macro_rules! op {
    ($const:ident, $name:literal, $kind:ident, $doc:literal) => {
        pub const $const: Operation = Operation { name: $name, kind: Kind::$kind, document: $doc };
    };
}

op!(
    CREATE_TODO,
    "CreateTodo",
    Mutation,
    "mutation CreateTodo($input: CreateTodoInput!) { createTodo(input: $input) { id title } }"
);
op!(
    DELETE_TODO,
    "DeleteTodo",
    Mutation,
    "mutation DeleteTodo($input: DeleteTodoInput!) { deleteTodo(input: $input) { success } }"
);
op!(
    MOVE_TODO,
    "MoveTodo",
    Mutation,
    "mutation MoveTodo($input: MoveTodoInput!) { moveTodo(input: $input) }"
);
op!(
    UPDATE_TODO_TITLE,
    "UpdateTodoTitle",
    Mutation,
    "mutation UpdateTodoTitle($todoId: String!, $title: String!) { updateTodoTitle(todoId: $todoId, title: $title) { id title } }"
);
op!(
    UPDATE_TODO_DONE_STATUS,
    "UpdateTodoDoneStatus",
    Mutation,
    "mutation UpdateTodoDoneStatus($todoId: String!) { updateTodoDoneStatus(todoId: $todoId) { id done } }"
);
op!(
    UPDATE_TODO_DUE_DATE,
    "UpdateTodoDueDate",
    Mutation,
    "mutation UpdateTodoDueDate($todoId: String!, $duedAt: DateTime) { updateTodoDueDate(todoId: $todoId, duedAt: $duedAt) { id duedAt } }"
);
op!(
    ADD_TODO_ASSIGNEES,
    "AddTodoAssignees",
    Mutation,
    "mutation AddTodoAssignees($input: AddTodoAssigneesInput!) { addTodoAssignees(input: $input) { success } }"
);
op!(
    REMOVE_TODO_ASSIGNEES,
    "RemoveTodoAssignees",
    Mutation,
    "mutation RemoveTodoAssignees($input: RemoveTodoAssigneesInput!) { removeTodoAssignees(input: $input) { success } }"
);
op!(
    SET_TODO_TAGS,
    "SetTodoTags",
    Mutation,
    "mutation SetTodoTags($input: SetTodoTagsInput!) { setTodoTags(input: $input) }"
);
op!(
    SET_TODO_CUSTOM_FIELD,
    "SetTodoCustomField",
    Mutation,
    "mutation SetTodoCustomField($input: SetTodoCustomFieldInput!) { setTodoCustomField(input: $input) }"
);
op!(
    CREATE_CHECKLIST,
    "CreateChecklist",
    Mutation,
    "mutation CreateChecklist($input: CreateChecklistInput!) { createChecklist(input: $input) { id title } }"
);
op!(
    EDIT_CHECKLIST,
    "EditChecklist",
    Mutation,
    "mutation EditChecklist($input: EditChecklistInput!) { editChecklist(input: $input) { id title } }"
);
op!(
    DELETE_CHECKLIST,
    "DeleteChecklist",
    Mutation,
    "mutation DeleteChecklist($id: String!) { deleteChecklist(id: $id) }"
);
op!(
    CREATE_CHECKLIST_ITEM,
    "CreateChecklistItem",
    Mutation,
    "mutation CreateChecklistItem($input: CreateChecklistItemInput!) { createChecklistItem(input: $input) { id title } }"
);
op!(
    EDIT_CHECKLIST_ITEM,
    "EditChecklistItem",
    Mutation,
    "mutation EditChecklistItem($input: EditChecklistItemInput!) { editChecklistItem(input: $input) { id title done } }"
);
op!(
    DELETE_CHECKLIST_ITEM,
    "DeleteChecklistItem",
    Mutation,
    "mutation DeleteChecklistItem($id: String!) { deleteChecklistItem(id: $id) }"
);
op!(
    UPDATE_CHECKLIST_ITEM_DUE_DATE,
    "UpdateChecklistItemDueDate",
    Mutation,
    "mutation UpdateChecklistItemDueDate($input: UpdateChecklistItemDueDateInput!) { updateChecklistItemDueDate(input: $input) { id duedAt } }"
);
op!(
    SET_CHECKLIST_ITEM_ASSIGNEES,
    "SetChecklistItemAssignees",
    Mutation,
    "mutation SetChecklistItemAssignees($input: SetChecklistItemAssigneesInput!) { setChecklistItemAssignees(input: $input) }"
);
op!(
    CREATE_TODO_LIST,
    "CreateTodoList",
    Mutation,
    "mutation CreateTodoList($input: CreateTodoListInput!) { createTodoList(input: $input) { id title } }"
);
op!(
    EDIT_TODO_LIST,
    "EditTodoList",
    Mutation,
    "mutation EditTodoList($input: EditTodoListInput!) { editTodoList(input: $input) { id title } }"
);
op!(
    DELETE_TODO_LIST,
    "DeleteTodoList",
    Mutation,
    "mutation DeleteTodoList($input: DeleteTodoListInput!) { deleteTodoList(input: $input) { success } }"
);
op!(
    CREATE_CUSTOM_FIELD,
    "CreateCustomField",
    Mutation,
    "mutation CreateCustomField($input: CreateCustomFieldInput!) { createCustomField(input: $input) { id name } }"
);
op!(
    EDIT_CUSTOM_FIELD,
    "EditCustomField",
    Mutation,
    "mutation EditCustomField($input: EditCustomFieldInput!) { editCustomField(input: $input) { id name } }"
);
op!(
    DELETE_CUSTOM_FIELD,
    "DeleteCustomField",
    Mutation,
    "mutation DeleteCustomField($id: String!) { deleteCustomField(id: $id) }"
);
op!(
    CREATE_TAG,
    "CreateTag",
    Mutation,
    "mutation CreateTag($input: CreateTagInput!) { createTag(input: $input) { id title } }"
);
op!(
    EDIT_TAG,
    "EditTag",
    Mutation,
    "mutation EditTag($input: EditTagInput!) { editTag(input: $input) { id title } }"
);
op!(DELETE_TAG, "DeleteTag", Mutation, "mutation DeleteTag($id: String!) { deleteTag(id: $id) }");
op!(
    CREATE_COMMENT,
    "CreateComment",
    Mutation,
    "mutation CreateComment($input: CreateCommentInput!) { createComment(input: $input) { id text } }"
);
op!(
    EDIT_COMMENT,
    "EditComment",
    Mutation,
    "mutation EditComment($input: EditCommentInput!) { editComment(input: $input) { id text } }"
);
op!(
    DELETE_COMMENT,
    "DeleteComment",
    Mutation,
    "mutation DeleteComment($id: String!) { deleteComment(id: $id) { success } }"
);
op!(CURRENT_USER, "CurrentUser", Query, "query CurrentUser { currentUser { id } }");
op!(
    TODO_LISTS,
    "TodoLists",
    Query,
    "query TodoLists($projectId: String!) { todoLists(projectId: $projectId) { id title } }"
);

/// Every document above, for the schema test.
pub const ALL: [Operation; 32] = [
    CREATE_TODO,
    DELETE_TODO,
    MOVE_TODO,
    UPDATE_TODO_TITLE,
    UPDATE_TODO_DONE_STATUS,
    UPDATE_TODO_DUE_DATE,
    ADD_TODO_ASSIGNEES,
    REMOVE_TODO_ASSIGNEES,
    SET_TODO_TAGS,
    SET_TODO_CUSTOM_FIELD,
    CREATE_CHECKLIST,
    EDIT_CHECKLIST,
    DELETE_CHECKLIST,
    CREATE_CHECKLIST_ITEM,
    EDIT_CHECKLIST_ITEM,
    DELETE_CHECKLIST_ITEM,
    UPDATE_CHECKLIST_ITEM_DUE_DATE,
    SET_CHECKLIST_ITEM_ASSIGNEES,
    CREATE_TODO_LIST,
    EDIT_TODO_LIST,
    DELETE_TODO_LIST,
    CREATE_CUSTOM_FIELD,
    EDIT_CUSTOM_FIELD,
    DELETE_CUSTOM_FIELD,
    CREATE_TAG,
    EDIT_TAG,
    DELETE_TAG,
    CREATE_COMMENT,
    EDIT_COMMENT,
    DELETE_COMMENT,
    CURRENT_USER,
    TODO_LISTS,
];

#[cfg(test)]
mod tests {
    use apollo_compiler::{ExecutableDocument, Schema};

    #[test]
    fn every_trigger_document_is_valid_against_the_schema() {
        let schema = Schema::parse_and_validate(super::super::operations::SCHEMA, "schema.graphql")
            .expect("the schema subset is valid");
        for op in super::ALL {
            let doc = ExecutableDocument::parse_and_validate(&schema, op.document, op.name)
                .unwrap_or_else(|e| panic!("{} does not validate:\n{e}", op.name));
            let parsed = doc.operations.iter().next().expect("one operation");
            assert_eq!(parsed.name.as_ref().map(|n| n.as_str()), Some(op.name));
        }
    }

    #[test]
    fn every_step_operation_has_a_document() {
        use crate::events::triggers::plan;
        for e in crate::events::subscribable() {
            for step in plan(e.name).unwrap() {
                let field = format!(" {}(", step.operation());
                assert!(super::ALL.iter().any(|o| o.document.contains(&field)), "{field}");
            }
        }
    }
}
