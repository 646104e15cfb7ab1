use super::*;
use crate::events::CATALOGUE;

const SECRET: &[u8] = b"whsec_check_tests";

fn plan() -> Plan {
    Plan {
        seed: 42,
        now: SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_750_000_000),
        url: "http://127.0.0.1:3000/hooks/blue".into(),
        signer: Signer::new(SECRET),
        events: events::subscribable().collect(),
        burst: 3,
    }
}

fn parse(s: &Shot) -> Value {
    serde_json::from_slice(&s.delivery.body).expect("valid JSON")
}

fn genuine(s: &Shot) -> bool {
    let sig = s.delivery.signature.as_deref().map(str::as_bytes);
    crate::signature::verify(SECRET, &s.delivery.body, sig).is_ok()
}

/// The id of the entity a delivery is about.
fn entity(v: &Value) -> String {
    let own = if v["currentValue"].is_null() { &v["previousValue"] } else { &v["currentValue"] };
    own["id"].as_str().expect("an id").to_string()
}

#[test]
fn every_event_tells_one_story_with_the_same_ids() {
    let shots = shots(Case::EveryEvent, &plan());
    assert_eq!(shots.len(), 37);
    let names: Vec<&str> = shots.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(names[..7], CREATES);
    let mut deletes = CREATES.map(|c| c.replace("_CREATED", "_DELETED"));
    deletes.reverse();
    assert_eq!(names[30..], deletes);
    let mut created: HashMap<&str, String> = HashMap::new();
    for s in &shots {
        let v = parse(s);
        let kind = Kind::of_event(&s.label).name();
        if s.label.ends_with("_CREATED") {
            created.insert(kind, entity(&v));
        } else {
            assert_eq!(
                created.get(kind),
                Some(&entity(&v)),
                "{} is about a created {kind}",
                s.label
            );
        }
    }
    let v = parse(&shots[names.iter().position(|n| *n == "TODO_TAG_ADDED").unwrap()]);
    assert_eq!(
        v["currentValue"]["todoTags"][0]["tag"]["id"].as_str(),
        created.get("tag").map(|s| s.as_str())
    );
}

#[test]
fn a_subset_gets_the_creations_it_needs() {
    let names = |events: &[&str]| -> Vec<&str> {
        let events: Vec<&Event> = events.iter().map(|e| events::lookup(e).unwrap()).collect();
        story(&events).iter().map(|e| e.name).collect()
    };
    assert_eq!(
        names(&["TODO_CHECKLIST_ITEM_DELETED"]),
        [
            "TODO_LIST_CREATED",
            "TODO_CREATED",
            "TODO_CHECKLIST_CREATED",
            "TODO_CHECKLIST_ITEM_CREATED",
            "TODO_CHECKLIST_ITEM_DELETED"
        ]
    );
    assert_eq!(names(&["TAG_UPDATED", "TAG_CREATED"]), ["TAG_CREATED", "TAG_UPDATED"]);
}

#[test]
fn every_delivery_is_marked_as_a_test_and_signed_as_its_case_wants() {
    let p = plan();
    let webhook = parse(&shots(Case::HealthCheck, &p)[0])["webhook"].clone();
    assert_eq!(webhook["metadata"]["events"], json!([]));
    for case in Case::ALL {
        for s in shots(case, &p) {
            let v = parse(&s);
            assert_eq!(v["webhook"]["name"], WEBHOOK_NAME, "{case:?} {}", s.label);
            assert_eq!(v["webhook"]["url"], p.url.as_str());
            assert_eq!(v["webhook"], webhook, "one webhook sends them all");
            if let Some(title) = v["currentValue"]["title"].as_str() {
                assert!(title.starts_with(TITLE_MARK) || case == Case::Tampered, "{title}");
            }
            let want = !matches!(case, Case::Forged | Case::Unsigned | Case::Tampered);
            assert_eq!(genuine(&s), want, "{case:?} {}", s.label);
        }
    }
}

#[test]
fn only_raw_bytes_changes_when_parsed_and_serialised_again() {
    let p = plan();
    let round_trip = |s: &Shot| serde_json::to_vec(&parse(s)).unwrap() == s.delivery.body;
    for case in Case::ALL.into_iter().filter(|c| *c != Case::RawBytes) {
        for s in shots(case, &p) {
            assert!(round_trip(&s), "{case:?} {} must survive a round trip", s.label);
        }
    }
    let raw = shots(Case::RawBytes, &p);
    let changed: Vec<&str> =
        raw.iter().filter(|s| !round_trip(s)).map(|s| s.label.as_str()).collect();
    assert_eq!(changed, ["escaped unicode \\u00e9", "escaped slashes <\\/p>", "indented JSON"]);
}

#[test]
fn deliveries_of_different_cases_never_share_a_body() {
    let p = plan();
    let mut seen = std::collections::HashSet::new();
    for case in Case::ALL {
        for s in shots(case, &p) {
            let fresh = seen.insert(s.delivery.body.clone());
            assert!(fresh || s.label == "the same again", "{case:?} {} repeats a body", s.label);
        }
    }
}

#[test]
fn the_large_body_is_about_a_megabyte_and_under_a_mebibyte() {
    let s = &shots(Case::LargeBody, &plan())[0];
    let n = s.delivery.body.len();
    assert!((LARGE_BODY..LARGE_BODY + 1_000).contains(&n), "{n} bytes");
    assert!(n < 1 << 20);
    assert_eq!(parse(s)["currentValue"]["todoCustomFields"].as_array().unwrap().len(), 200);
}

#[test]
fn unicode_titles_hold_what_they_say() {
    let shots = shots(Case::Unicode, &plan());
    let body = String::from_utf8(shots[3].delivery.body.to_vec()).unwrap();
    assert!(body.contains(r"tab\there\nline\r\u0001\u001f"), "{body}");
    assert!(parse(&shots[0])["currentValue"]["title"].as_str().unwrap().contains('\u{1f680}'));
    assert_eq!(CATALOGUE.len(), 38);
}
