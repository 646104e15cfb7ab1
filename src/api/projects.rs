//! The organization's projects (`projectList`), and finding one by id, slug or exact name.

use anyhow::Context;
use serde_json::{Value, json};

use super::Client;
use super::operations::{Kind, Operation};
use crate::error::{Exit, Failure};

pub const LIST_PROJECTS: Operation = Operation {
    name: "ListProjects",
    kind: Kind::Query,
    document: "query ListProjects($filter: ProjectListFilter!, $skip: Int, $take: Int) {\n  \
               projectList(filter: $filter, sort: [name_ASC], skip: $skip, take: $take) {\n    \
               items { id uid slug name archived }\n    \
               pageInfo { hasNextPage }\n  }\n}",
};

/// Projects asked for per page, and a bound on paging.
const PAGE_SIZE: usize = 100;
const MAX_PAGES: usize = 200;

/// A project as Blue returned it (`raw`), with the fields bluehook reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub raw: Value,
    pub id: String,
    pub slug: String,
    pub name: String,
}

impl Project {
    pub fn from_value(raw: Value) -> anyhow::Result<Project> {
        let text = |k: &str| raw[k].as_str().unwrap_or_default().to_string();
        let id = raw["id"].as_str().context("Blue returned a project without an id")?.to_string();
        Ok(Project { id, slug: text("slug"), name: text("name"), raw })
    }
}

impl Client {
    /// The organization's projects that are not archived, by name; `search` is Blue's search.
    pub async fn list_projects(&self, search: Option<&str>) -> anyhow::Result<Vec<Project>> {
        let Some(org) = self.org() else {
            return Err(Failure::new(Exit::Auth, "listing projects needs an organization")
                .with_hint("pass --org ORG, set BLUE_ORG_ID, or save one with `bluehook login`")
                .into());
        };
        let mut filter = json!({ "companyIds": [org], "archived": false });
        if let Some(q) = search.filter(|q| !q.trim().is_empty()) {
            filter["search"] = json!(q.trim());
        }
        let mut all = Vec::new();
        for _ in 0..MAX_PAGES {
            let vars = json!({ "filter": filter, "skip": all.len(), "take": PAGE_SIZE });
            let data = self.run(&LIST_PROJECTS, vars).await?;
            let page = &data["projectList"];
            let items = page["items"].as_array().context("Blue's project list has no items")?;
            for item in items {
                all.push(Project::from_value(item.clone())?);
            }
            if items.is_empty() || page["pageInfo"]["hasNextPage"] != true {
                return Ok(all);
            }
        }
        anyhow::bail!("Blue kept announcing more projects after {MAX_PAGES} pages; stopped")
    }

    /// The ids of the projects `queries` name (each an id, a slug or an exact name).
    pub async fn resolve_projects(&self, queries: &[String]) -> anyhow::Result<Vec<String>> {
        if queries.is_empty() {
            return Ok(Vec::new());
        }
        let all = self.list_projects(None).await?;
        let mut ids: Vec<String> = Vec::new();
        for q in queries {
            let p = find(&all, q)?;
            if !ids.contains(&p.id) {
                ids.push(p.id.clone());
            }
        }
        Ok(ids)
    }
}

/// Exact id, then exact slug, then exact name, then name ignoring case; more than one match
/// at the first tier that has any is ambiguous.
pub fn find<'a>(all: &'a [Project], query: &str) -> anyhow::Result<&'a Project> {
    let query = query.trim();
    let tiers: [&dyn Fn(&Project) -> bool; 4] =
        [&|p| p.id == query, &|p| p.slug == query, &|p| p.name == query, &|p| {
            p.name.eq_ignore_ascii_case(query)
        }];
    for matches in tiers {
        let found: Vec<&Project> = all.iter().filter(|p| matches(p)).collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one),
            many => return Err(ambiguous(query, many).into()),
        }
    }
    let msg = format!("no project has the id, slug or name `{query}`");
    let some: Vec<String> =
        all.iter().take(5).map(|p| crate::term::output::escape(&p.slug, 60)).collect();
    let more = if all.len() > some.len() { ", ..." } else { "" };
    let hint = match some.is_empty() {
        true => "the organization has no project".to_string(),
        false => format!(
            "projects: {}{more} (`bluehook projects --search WORD` lists them)",
            some.join(", ")
        ),
    };
    Err(Failure::new(Exit::NotFound, msg).with_hint(hint).into())
}

fn ambiguous(query: &str, many: &[&Project]) -> Failure {
    let e = |s: &str| crate::term::output::escape(s, 80);
    let list: Vec<String> =
        many.iter().map(|p| format!("  {}  {}  {}", e(&p.id), e(&p.slug), e(&p.name))).collect();
    let msg = format!("`{query}` names {} projects:\n{}", many.len(), list.join("\n"));
    Failure::usage(msg).with_hint("pass the project's id or slug instead")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(id: &str, slug: &str, name: &str) -> Project {
        Project::from_value(json!({ "id": id, "slug": slug, "name": name })).unwrap()
    }

    #[test]
    fn the_document_is_valid_against_the_schema() {
        use apollo_compiler::{ExecutableDocument, Schema};
        let schema = Schema::parse_and_validate(super::super::operations::SCHEMA, "schema")
            .expect("the schema subset is valid");
        ExecutableDocument::parse_and_validate(&schema, LIST_PROJECTS.document, "ListProjects")
            .unwrap_or_else(|e| panic!("ListProjects does not validate:\n{e}"));
        let bad = LIST_PROJECTS.document.replace("slug", "handle");
        assert!(ExecutableDocument::parse_and_validate(&schema, bad, "bad").is_err());
    }

    #[test]
    fn id_slug_and_name_resolve_and_duplicates_are_ambiguous() {
        let all = [
            project("p1", "website", "Website"),
            project("p2", "mobile", "Mobile app"),
            project("p3", "mobile-2", "Mobile app"),
        ];
        assert_eq!(find(&all, "p1").unwrap().id, "p1");
        assert_eq!(find(&all, "mobile").unwrap().id, "p2");
        assert_eq!(find(&all, "website").unwrap().id, "p1");
        let err = find(&all, "Mobile app").unwrap_err().to_string();
        assert!(err.contains("names 2 projects") && err.contains("p3  mobile-2"), "{err}");
        let err = format!("{:#}", find(&all, "nope").unwrap_err());
        assert!(err.contains("no project has the id, slug or name `nope`"), "{err}");
    }
}
