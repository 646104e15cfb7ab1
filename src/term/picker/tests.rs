use super::*;

fn events() -> Picker {
    let items = crate::events::subscribable()
        .map(|e| Item {
            group: e.group.title().into(),
            name: e.name.into(),
            detail: e.description.into(),
        })
        .collect();
    Picker::new("Events", "all 37 events", items)
}

fn plain(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| anstream::adapter::strip_str(l).to_string()).collect()
}

#[test]
fn every_line_fits_80x24_and_60x15() {
    for (w, h) in [(80, 24), (60, 15), (120, 40)] {
        let mut p = events();
        let lines = plain(&p.draw(w, h));
        assert!(lines.len() < h, "{w}x{h}: {} lines", lines.len());
        for l in &lines {
            assert!(measure_text_width(l) < w, "{w}x{h}: too wide: {l}");
        }
        assert!(lines[0].contains("Events") && lines[0].contains("none selected"), "{lines:?}");
        assert!(lines.last().unwrap().contains("space toggle"), "{lines:?}");
    }
}

#[test]
fn the_cursor_stays_on_the_page() {
    let mut p = events();
    for _ in 0..30 {
        p.key(Key::ArrowDown, 10);
    }
    let lines = plain(&p.draw(80, 14));
    assert!(lines.iter().any(|l| l.starts_with('>')), "{lines:?}");
    assert!(lines.last().unwrap().contains("more"), "{lines:?}");
}

#[test]
fn a_header_toggles_its_whole_group_and_a_toggles_all() {
    let mut p = events();
    p.key(Key::Char(' '), 10); // the first row is the Records header
    let chosen = p.chosen();
    assert!(chosen.iter().all(|n| n.starts_with("TODO_")) && chosen.len() >= 10, "{chosen:?}");
    assert!(chosen.contains(&"TODO_CREATED".to_string()));
    p.key(Key::Char(' '), 10);
    assert!(p.chosen().is_empty());
    p.key(Key::Char('a'), 10);
    assert_eq!(p.chosen().len(), 37);
    assert!(plain(&p.draw(80, 24))[0].contains("37 of 37 selected"));
}

#[test]
fn slash_filters_and_the_summary_names_the_choice() {
    let mut p = events();
    p.key(Key::Char('/'), 10);
    for c in "comment_".chars() {
        p.key(Key::Char(c), 10);
    }
    p.key(Key::Enter, 10); // leaves the filter, not the picker
    assert_eq!(p.key(Key::Char('a'), 10), Step::Continue);
    assert_eq!(p.chosen(), ["COMMENT_CREATED", "COMMENT_DELETED", "COMMENT_UPDATED"]);
    assert_eq!(p.summary("event"), "3 events: COMMENT_CREATED, COMMENT_DELETED, COMMENT_UPDATED");
    assert_eq!(p.key(Key::Enter, 10), Step::Done);
    assert_eq!(p.key(Key::CtrlC, 10), Step::Interrupted);
    assert_eq!(events().summary("event"), "all 37 events");
}

#[test]
fn control_characters_from_the_network_never_reach_the_terminal() {
    let item = Item { group: String::new(), name: "Evil\x1b[2J".into(), detail: "x\x07".into() };
    let mut p = Picker::new("Projects", "all projects", vec![item]);
    let lines = p.draw(80, 24);
    assert!(lines.iter().all(|l| !l.contains("\x1b[2J") && !l.contains('\x07')), "{lines:?}");
}
