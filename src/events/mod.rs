//! Blue's webhook events: the catalogue, name lookup with suggestions, sample deliveries, and
//! reading delivery bodies (`payload`).
//! Pure: no I/O.

pub mod diff;
pub mod model;
pub mod payload;
pub mod sample;
pub mod triggers;

use serde::Serialize;

/// The groups `bluehook events` and the event picker show, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Records,
    Checklists,
    ChecklistItems,
    Lists,
    CustomFields,
    Tags,
    Comments,
    Delivery,
}

impl Group {
    pub const ALL: [Group; 8] = [
        Group::Records,
        Group::Checklists,
        Group::ChecklistItems,
        Group::Lists,
        Group::CustomFields,
        Group::Tags,
        Group::Comments,
        Group::Delivery,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Records => "Records",
            Group::Checklists => "Checklists",
            Group::ChecklistItems => "Checklist items",
            Group::Lists => "Lists",
            Group::CustomFields => "Custom fields",
            Group::Tags => "Tags",
            Group::Comments => "Comments",
            Group::Delivery => "Delivery only (not subscribable)",
        }
    }
}

/// One event Blue can deliver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Event {
    pub name: &'static str,
    pub group: Group,
    pub description: &'static str,
    /// False for WEBHOOK_HEALTH_CHECK: Blue sends it, but a webhook cannot subscribe to it.
    pub subscribable: bool,
}

const fn ev(name: &'static str, group: Group, description: &'static str) -> Event {
    Event { name, group, description, subscribable: true }
}

use Group::*;

/// Every event: the 37 values of Blue's `WebhookEvent` enum, then the health check.
pub const CATALOGUE: [Event; 38] = [
    ev("TODO_CREATED", Records, "A record was created"),
    ev("TODO_DELETED", Records, "A record was deleted"),
    ev("TODO_MOVED", Records, "A record moved to another list"),
    ev("TODO_NAME_CHANGED", Records, "A record's title changed"),
    ev("TODO_DONE_STATUS_UPDATED", Records, "A record was marked done or not done"),
    ev("TODO_DUE_DATE_ADDED", Records, "A record got a due date"),
    ev("TODO_DUE_DATE_UPDATED", Records, "A record's due date changed"),
    ev("TODO_DUE_DATE_REMOVED", Records, "A record's due date was removed"),
    ev("TODO_ASSIGNEE_ADDED", Records, "Someone was assigned to a record"),
    ev("TODO_ASSIGNEE_REMOVED", Records, "Someone was unassigned from a record"),
    ev("TODO_TAG_ADDED", Records, "A tag was added to a record"),
    ev("TODO_TAG_REMOVED", Records, "A tag was removed from a record"),
    ev("TODO_CUSTOM_FIELD_UPDATED", Records, "A custom field value on a record changed"),
    ev("TODO_CHECKLIST_CREATED", Checklists, "A checklist was added to a record"),
    ev("TODO_CHECKLIST_NAME_CHANGED", Checklists, "A checklist was renamed"),
    ev("TODO_CHECKLIST_DELETED", Checklists, "A checklist was deleted"),
    ev("TODO_CHECKLIST_ITEM_CREATED", ChecklistItems, "A checklist item was added"),
    ev("TODO_CHECKLIST_ITEM_NAME_CHANGED", ChecklistItems, "A checklist item was renamed"),
    ev("TODO_CHECKLIST_ITEM_DELETED", ChecklistItems, "A checklist item was deleted"),
    ev("TODO_CHECKLIST_ITEM_DUE_DATE_ADDED", ChecklistItems, "A checklist item got a due date"),
    ev(
        "TODO_CHECKLIST_ITEM_DUE_DATE_UPDATED",
        ChecklistItems,
        "A checklist item's due date changed",
    ),
    ev(
        "TODO_CHECKLIST_ITEM_DUE_DATE_REMOVED",
        ChecklistItems,
        "A checklist item's due date was removed",
    ),
    ev(
        "TODO_CHECKLIST_ITEM_ASSIGNEE_ADDED",
        ChecklistItems,
        "Someone was assigned to a checklist item",
    ),
    ev(
        "TODO_CHECKLIST_ITEM_ASSIGNEE_REMOVED",
        ChecklistItems,
        "Someone was unassigned from a checklist item",
    ),
    ev(
        "TODO_CHECKLIST_ITEM_DONE_STATUS_UPDATED",
        ChecklistItems,
        "A checklist item was checked or unchecked",
    ),
    ev("TODO_LIST_CREATED", Lists, "A list was created"),
    ev("TODO_LIST_DELETED", Lists, "A list was deleted"),
    ev("TODO_LIST_NAME_CHANGED", Lists, "A list was renamed"),
    ev("CUSTOM_FIELD_CREATED", CustomFields, "A custom field was created"),
    ev("CUSTOM_FIELD_DELETED", CustomFields, "A custom field was deleted"),
    ev("CUSTOM_FIELD_UPDATED", CustomFields, "A custom field's definition changed"),
    ev("TAG_CREATED", Tags, "A tag was created"),
    ev("TAG_DELETED", Tags, "A tag was deleted"),
    ev("TAG_UPDATED", Tags, "A tag's title or colour changed"),
    ev("COMMENT_CREATED", Comments, "A comment was posted"),
    ev("COMMENT_DELETED", Comments, "A comment was deleted"),
    ev("COMMENT_UPDATED", Comments, "A comment was edited"),
    Event {
        name: "WEBHOOK_HEALTH_CHECK",
        group: Delivery,
        description: "Sent by Blue when a webhook is enabled; any 2xx passes",
        subscribable: false,
    },
];

/// The events a webhook can subscribe to (Blue's `WebhookEvent` enum), in catalogue order.
pub fn subscribable() -> impl Iterator<Item = &'static Event> {
    CATALOGUE.iter().filter(|e| e.subscribable)
}

/// Finds an event by name; case, `-` for `_` and surrounding space are forgiven.
pub fn lookup(name: &str) -> Option<&'static Event> {
    let wanted = normalize(name);
    CATALOGUE.iter().find(|e| e.name == wanted)
}

/// The closest event name to a misspelt one, if any is close enough to be a useful hint.
pub fn suggest(name: &str) -> Option<&'static str> {
    let wanted = normalize(name);
    CATALOGUE
        .iter()
        .map(|e| (strsim::jaro_winkler(&wanted, e.name), e.name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

fn normalize(name: &str) -> String {
    name.trim().replace('-', "_").to_ascii_uppercase()
}

/// Why an event name is not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEvent {
    pub name: String,
    pub suggestion: Option<&'static str>,
}

impl std::fmt::Display for UnknownEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown event `{}`", self.name)
    }
}

impl std::error::Error for UnknownEvent {}

impl UnknownEvent {
    /// A hint naming the nearest event, or where to find the list.
    pub fn hint(&self) -> String {
        match self.suggestion {
            Some(s) => format!("did you mean {s}? `bluehook events` lists them all"),
            None => "`bluehook events` lists the event names".to_string(),
        }
    }
}

/// Resolves a name to an event, or says what was meant.
pub fn resolve(name: &str) -> Result<&'static Event, UnknownEvent> {
    lookup(name).ok_or_else(|| UnknownEvent { name: name.to_string(), suggestion: suggest(name) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_has_37_subscribable_events_with_unique_names() {
        assert_eq!(subscribable().count(), 37);
        let mut names: Vec<_> = CATALOGUE.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CATALOGUE.len());
        assert!(!lookup("WEBHOOK_HEALTH_CHECK").unwrap().subscribable);
    }

    #[test]
    fn groups_follow_name_prefixes() {
        for e in subscribable() {
            let expected = if e.name.starts_with("TODO_CHECKLIST_ITEM_") {
                ChecklistItems
            } else if e.name.starts_with("TODO_CHECKLIST_") {
                Checklists
            } else if e.name.starts_with("TODO_LIST_") {
                Lists
            } else if e.name.starts_with("TODO_") {
                Records
            } else if e.name.starts_with("CUSTOM_FIELD_") {
                CustomFields
            } else if e.name.starts_with("TAG_") {
                Tags
            } else {
                Comments
            };
            assert_eq!(e.group, expected, "{}", e.name);
        }
    }

    #[test]
    fn lookup_forgives_case_and_dashes() {
        assert_eq!(lookup("todo-created").map(|e| e.name), Some("TODO_CREATED"));
        assert_eq!(lookup(" Tag_Updated ").map(|e| e.name), Some("TAG_UPDATED"));
        assert!(lookup("RECORD_CREATED").is_none());
    }

    #[test]
    fn misspellings_get_the_nearest_name() {
        assert_eq!(suggest("TODO_CRATED"), Some("TODO_CREATED"));
        assert_eq!(suggest("comment_update"), Some("COMMENT_UPDATED"));
        assert_eq!(suggest("zzzz"), None);
        let err = resolve("TAG_CRATED").unwrap_err();
        assert_eq!(err.suggestion, Some("TAG_CREATED"));
        assert!(err.hint().contains("TAG_CREATED"));
    }
}
