//! What makes Blue emit each event: the steps `bluehook trigger` performs, in order, the last
//! one emitting the event and the ones before creating what it needs. Pure: no I/O.

/// One operation of Blue's API, as a trigger step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CreateRecord,
    DeleteRecord,
    MoveRecord,
    RenameRecord,
    ToggleDone,
    SetDueDate,
    ChangeDueDate,
    ClearDueDate,
    AddAssignee,
    RemoveAssignee,
    TagRecord,
    UntagRecord,
    SetFieldValue,
    CreateChecklist,
    RenameChecklist,
    DeleteChecklist,
    CreateItem,
    RenameItem,
    DeleteItem,
    SetItemDueDate,
    ChangeItemDueDate,
    ClearItemDueDate,
    AssignItem,
    UnassignItem,
    ToggleItemDone,
    CreateList,
    RenameList,
    DeleteList,
    CreateField,
    EditField,
    DeleteField,
    CreateTag,
    EditTag,
    DeleteTag,
    CreateComment,
    EditComment,
    DeleteComment,
}

use Step::*;

impl Step {
    /// The GraphQL mutation the step runs.
    pub fn operation(self) -> &'static str {
        match self {
            CreateRecord => "createTodo",
            DeleteRecord => "deleteTodo",
            MoveRecord => "moveTodo",
            RenameRecord => "updateTodoTitle",
            ToggleDone => "updateTodoDoneStatus",
            SetDueDate | ChangeDueDate | ClearDueDate => "updateTodoDueDate",
            AddAssignee => "addTodoAssignees",
            RemoveAssignee => "removeTodoAssignees",
            TagRecord | UntagRecord => "setTodoTags",
            SetFieldValue => "setTodoCustomField",
            CreateChecklist => "createChecklist",
            RenameChecklist => "editChecklist",
            DeleteChecklist => "deleteChecklist",
            CreateItem => "createChecklistItem",
            RenameItem | ToggleItemDone => "editChecklistItem",
            DeleteItem => "deleteChecklistItem",
            SetItemDueDate | ChangeItemDueDate | ClearItemDueDate => "updateChecklistItemDueDate",
            AssignItem | UnassignItem => "setChecklistItemAssignees",
            CreateList => "createTodoList",
            RenameList => "editTodoList",
            DeleteList => "deleteTodoList",
            CreateField => "createCustomField",
            EditField => "editCustomField",
            DeleteField => "deleteCustomField",
            CreateTag => "createTag",
            EditTag => "editTag",
            DeleteTag => "deleteTag",
            CreateComment => "createComment",
            EditComment => "editComment",
            DeleteComment => "deleteComment",
        }
    }
}

/// The steps that make Blue emit `event`, or None for an event no operation emits.
pub fn plan(event: &str) -> Option<Vec<Step>> {
    let record = |rest: &[Step]| [&[CreateRecord][..], rest].concat();
    let checklist = |rest: &[Step]| [&[CreateRecord, CreateChecklist][..], rest].concat();
    let item = |rest: &[Step]| [&[CreateRecord, CreateChecklist, CreateItem][..], rest].concat();
    Some(match event {
        "TODO_CREATED" => record(&[]),
        "TODO_DELETED" => record(&[DeleteRecord]),
        "TODO_MOVED" => record(&[CreateList, MoveRecord]),
        "TODO_NAME_CHANGED" => record(&[RenameRecord]),
        "TODO_DONE_STATUS_UPDATED" => record(&[ToggleDone]),
        "TODO_DUE_DATE_ADDED" => record(&[SetDueDate]),
        "TODO_DUE_DATE_UPDATED" => record(&[SetDueDate, ChangeDueDate]),
        "TODO_DUE_DATE_REMOVED" => record(&[SetDueDate, ClearDueDate]),
        "TODO_ASSIGNEE_ADDED" => record(&[AddAssignee]),
        "TODO_ASSIGNEE_REMOVED" => record(&[AddAssignee, RemoveAssignee]),
        "TODO_TAG_ADDED" => record(&[CreateTag, TagRecord]),
        "TODO_TAG_REMOVED" => record(&[CreateTag, TagRecord, UntagRecord]),
        "TODO_CUSTOM_FIELD_UPDATED" => record(&[CreateField, SetFieldValue]),
        "TODO_CHECKLIST_CREATED" => checklist(&[]),
        "TODO_CHECKLIST_NAME_CHANGED" => checklist(&[RenameChecklist]),
        "TODO_CHECKLIST_DELETED" => checklist(&[DeleteChecklist]),
        "TODO_CHECKLIST_ITEM_CREATED" => item(&[]),
        "TODO_CHECKLIST_ITEM_NAME_CHANGED" => item(&[RenameItem]),
        "TODO_CHECKLIST_ITEM_DELETED" => item(&[DeleteItem]),
        "TODO_CHECKLIST_ITEM_DUE_DATE_ADDED" => item(&[SetItemDueDate]),
        "TODO_CHECKLIST_ITEM_DUE_DATE_UPDATED" => item(&[SetItemDueDate, ChangeItemDueDate]),
        "TODO_CHECKLIST_ITEM_DUE_DATE_REMOVED" => item(&[SetItemDueDate, ClearItemDueDate]),
        "TODO_CHECKLIST_ITEM_ASSIGNEE_ADDED" => item(&[AssignItem]),
        "TODO_CHECKLIST_ITEM_ASSIGNEE_REMOVED" => item(&[AssignItem, UnassignItem]),
        "TODO_CHECKLIST_ITEM_DONE_STATUS_UPDATED" => item(&[ToggleItemDone]),
        "TODO_LIST_CREATED" => vec![CreateList],
        "TODO_LIST_DELETED" => vec![CreateList, DeleteList],
        "TODO_LIST_NAME_CHANGED" => vec![CreateList, RenameList],
        "CUSTOM_FIELD_CREATED" => vec![CreateField],
        "CUSTOM_FIELD_DELETED" => vec![CreateField, DeleteField],
        "CUSTOM_FIELD_UPDATED" => vec![CreateField, EditField],
        "TAG_CREATED" => vec![CreateTag],
        "TAG_DELETED" => vec![CreateTag, DeleteTag],
        "TAG_UPDATED" => vec![CreateTag, EditTag],
        "COMMENT_CREATED" => record(&[CreateComment]),
        "COMMENT_DELETED" => record(&[CreateComment, DeleteComment]),
        "COMMENT_UPDATED" => record(&[CreateComment, EditComment]),
        _ => return None,
    })
}

/// The operations of a plan, for `bluehook trigger --list`: `createTodo, deleteTodo`.
pub fn operations(steps: &[Step]) -> String {
    steps.iter().map(|s| s.operation()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subscribable_event_has_a_plan_ending_in_its_own_kind_of_step() {
        for e in crate::events::subscribable() {
            let steps = plan(e.name).unwrap_or_else(|| panic!("{} has no plan", e.name));
            let last = steps.last().unwrap().operation();
            let verb = e.name.rsplit('_').next().unwrap();
            if verb == "CREATED" {
                assert!(last.starts_with("create"), "{}: {last}", e.name);
            } else if verb == "DELETED" {
                assert!(last.starts_with("delete"), "{}: {last}", e.name);
            } else {
                assert!(!last.starts_with("create"), "{}: {last}", e.name);
            }
        }
        assert!(plan("WEBHOOK_HEALTH_CHECK").is_none());
        assert_eq!(operations(&plan("TODO_DELETED").unwrap()), "createTodo, deleteTodo");
    }
}
