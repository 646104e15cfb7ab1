//! The documentation holds together: every relative link in the README, CONTRIBUTING.md,
//! docs/ and benches/ leads to a file that exists, and every `#anchor` to a heading there;
//! the README stays a five-minute read.

use std::path::{Path, PathBuf};

use crate::support::root;

/// The Markdown files people read.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md"), root().join("CONTRIBUTING.md")];
    files.push(root().join("benches/README.md"));
    let docs = std::fs::read_dir(root().join("docs")).unwrap();
    files.extend(
        docs.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    files
}

/// Lines outside code fences.
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced
        })
        .collect()
}

/// GitHub's anchor for a heading.
fn slug(heading: &str) -> String {
    let kept = heading.trim().to_lowercase();
    let kept: String =
        kept.chars().filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_')).collect();
    kept.replace(' ', "-")
}

fn anchors(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    prose(&text)
        .iter()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|h| slug(h.trim_start_matches('#')))
        .collect()
}

/// `(file, target)` for every link `[text](target)` that is not a URL.
fn links(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut found = Vec::new();
    for line in prose(&text) {
        for part in line.split("](").skip(1) {
            let target = part.split(')').next().unwrap_or_default();
            if !(target.starts_with("http://")
                || target.starts_with("https://")
                || target.is_empty())
            {
                found.push(target.to_string());
            }
        }
    }
    found
}

#[test]
fn every_link_leads_somewhere() {
    let mut broken = Vec::new();
    let mut count = 0;
    for file in documents() {
        for target in links(&file) {
            count += 1;
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let dest =
                if path.is_empty() { file.clone() } else { file.parent().unwrap().join(path) };
            if !dest.exists() {
                broken.push(format!("{}: {target} (no such file)", file.display()));
            } else if !anchor.is_empty() && !anchors(&dest).iter().any(|a| a == anchor) {
                broken.push(format!("{}: {target} (no such heading)", file.display()));
            }
        }
    }
    assert!(count >= 15, "the documents link to each other: {count} links");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_readme_is_a_short_tour_and_names_every_guide() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.lines().count() <= 300, "README: {} lines", readme.lines().count());
    for guide in std::fs::read_dir(root().join("docs")).unwrap() {
        let name = guide.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            assert!(readme.contains(&format!("(docs/{name})")), "README does not link docs/{name}");
        }
    }
}

#[test]
fn anchors_are_github_s() {
    assert_eq!(slug("Tunnels: `--tunnel`, `--public-url`"), "tunnels---tunnel---public-url");
    assert_eq!(slug("Verify a delivery in your app"), "verify-a-delivery-in-your-app");
}
