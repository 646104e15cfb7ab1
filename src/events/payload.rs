//! Reading Blue's delivery bodies for people: which entity a body is about (its title and
//! project), for the listener's header lines and the inspector's list. Pure: no I/O.

use serde_json::Value;

/// The entity's title and project name, from `currentValue` (or `previousValue`).
pub fn entity(body: &[u8]) -> Option<(Option<String>, Option<String>)> {
    match serde_json::from_slice::<Envelope>(body) {
        Ok(e) => {
            let node = e.current.or(e.previous)?;
            Some((node.title(), node.project_name()))
        }
        // Not Blue's shape (a field of another type): search the generic value instead.
        Err(_) => entity_of_any_shape(body),
    }
}

/// What the header line shows of a body in Blue's shape. Only these fields are parsed; the
/// rest is skipped, so this costs little more than checking the JSON.
#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(rename = "currentValue")]
    current: Option<Node>,
    #[serde(rename = "previousValue")]
    previous: Option<Node>,
}

/// An entity, and the rows nested in it that lead to its project (a record's list, a
/// checklist's record, an item's checklist).
#[derive(serde::Deserialize)]
struct Node {
    title: Option<String>,
    name: Option<String>,
    text: Option<String>,
    project: Option<Box<Node>>,
    #[serde(rename = "todoList")]
    todo_list: Option<Box<Node>>,
    todo: Option<Box<Node>>,
    checklist: Option<Box<Node>>,
}

impl Node {
    fn title(&self) -> Option<String> {
        self.title.clone().or_else(|| self.name.clone()).or_else(|| self.text.clone())
    }

    fn project_name(&self) -> Option<String> {
        if let Some(name) = self.project.as_ref().and_then(|p| p.name.clone()) {
            return Some(name);
        }
        [&self.todo_list, &self.todo, &self.checklist]
            .into_iter()
            .find_map(|n| n.as_ref().and_then(|n| n.project_name()))
    }
}

fn entity_of_any_shape(body: &[u8]) -> Option<(Option<String>, Option<String>)> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let value = [&v["currentValue"], &v["previousValue"]].into_iter().find(|x| x.is_object())?;
    let title =
        ["title", "name", "text"].iter().find_map(|k| value[k].as_str()).map(str::to_string);
    Some((title, project_name(value, 4)))
}

/// The first `project.name` found within `depth` levels of nesting.
pub fn project_name(v: &Value, depth: u8) -> Option<String> {
    let obj = v.as_object()?;
    if let Some(name) = obj.get("project").and_then(|p| p["name"].as_str()) {
        return Some(name.to_string());
    }
    if depth == 0 {
        return None;
    }
    obj.values().filter(|x| x.is_object()).find_map(|x| project_name(x, depth - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_entity_parse_agrees_with_the_generic_search_for_every_sample() {
        use crate::events::{CATALOGUE, sample};
        for event in &CATALOGUE {
            let body = sample::body(event, &sample::SampleOptions::seeded(3, "http://x/"));
            let fast = entity(&body);
            assert_eq!(fast, entity_of_any_shape(&body), "{}", event.name);
            if event.subscribable {
                let (title, project) = fast.unwrap();
                assert!(
                    title.is_some() && project.as_deref() == Some("Website Relaunch"),
                    "{}",
                    event.name
                );
            }
        }
        // A field of another type than Blue's: the generic search still finds the rest.
        let odd = br#"{"currentValue":{"title":7,"name":"N","project":{"name":"P"}}}"#;
        assert_eq!(entity(odd), Some((Some("N".into()), Some("P".into()))));
    }
}
