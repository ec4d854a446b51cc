use super::*;

/// A PDF as Skia writes one: objects, a classic xref table, a trailer.
fn pdf(objects: &[&str]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", k + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(format!("trailer\n<</Size {}\n/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF", objects.len() + 1).as_bytes());
    out
}

fn sample() -> Vec<u8> {
    pdf(&[
        "<</Type /Catalog\n/Pages 2 0 R\n/Dests 3 0 R\n/Lang (ja)>>",
        "<</Type /Pages\n/Count 3\n/Kids [4 0 R 7 0 R]>>",
        "<</main [5 0 R /XYZ 0 841.9 0]\n/p-b-cure [6 0 R /XYZ 0 820.1 0]\n/p-b-cure--#E6#A6#82#E8#A6#81 [8 0 R /XYZ 0 400 0]>>",
        "<</Type /Pages\n/Count 2\n/Kids [5 0 R 6 0 R]\n/Parent 2 0 R>>",
        "<</Type /Page\n/Parent 4 0 R\n/Annots [(a \\) b (c)) 9 0 R]>>",
        "<</Type /Page\n/Parent 4 0 R>>",
        "<</Type /Pages\n/Count 1\n/Kids [8 0 R]\n/Parent 2 0 R>>",
        "<</Type /Page\n/Parent 7 0 R>>",
        "<</Type /Annot /Subtype /Link /Dest /p-b-cure>>",
    ])
}

#[test]
fn reads_the_page_of_every_named_destination_through_the_page_tree() {
    let pages = dest_pages(&sample()).unwrap();
    let got: Vec<(&str, usize)> = pages.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(got, [("main", 1), ("p-b-cure", 2), ("p-b-cure--概要", 3)]);
}

#[test]
fn what_is_not_a_readable_pdf_gives_none() {
    assert_eq!(dest_pages(b""), None);
    assert_eq!(dest_pages(b"%PDF-1.4\nstartxref\n99999\n%%EOF"), None);
    let mut cut = sample();
    cut.truncate(cut.len() / 2);
    assert_eq!(dest_pages(&cut), None);
    let no_dests = pdf(&["<</Type /Catalog\n/Pages 2 0 R>>", "<</Type /Pages\n/Kids []>>"]);
    assert_eq!(dest_pages(&no_dests), None);
}

#[test]
fn a_page_tree_that_loops_does_not_hang() {
    let looping = pdf(&["<</Type /Catalog\n/Pages 2 0 R\n/Dests 3 0 R>>", "<</Type /Pages\n/Kids [2 0 R]>>", "<</a [2 0 R]>>"]);
    assert_eq!(dest_pages(&looping), None);
}

#[test]
fn fills_the_page_numbers_and_replaces_old_ones() {
    let pages: BTreeMap<String, usize> = [("p-a".to_string(), 3), ("g-&x".to_string(), 12)].into();
    let html = r##"<li><a href="#p-a">A</a><span class="page-number" data-page-of="p-a"></span></li><span data-page-of="g-&amp;x">9</span><span data-page-of="none">–</span>"##;
    let want = r##"<li><a href="#p-a">A</a><span class="page-number" data-page-of="p-a">3</span></li><span data-page-of="g-&amp;x">12</span><span data-page-of="none"></span>"##;
    assert_eq!(fill(html, &pages), want);
    assert_eq!(fill(&fill(html, &pages), &pages), want);
    assert_eq!(fill("<p>none</p>", &pages), "<p>none</p>");
    assert_eq!(fill("<span data-page-of=\"p-a", &pages), "<span data-page-of=\"p-a");
}

/// Three A4 sheets; section `a` ends 30 pt below the top of sheet 2,
/// section `b` 200 pt below the top of sheet 3, `c`'s end has no position.
fn ends() -> Vec<u8> {
    pdf(&[
        "<</Type /Catalog\n/Pages 2 0 R\n/Dests 6 0 R>>",
        "<</Type /Pages\n/Count 3\n/Kids [3 0 R 4 0 R 5 0 R]>>",
        "<</Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 594.95996 841.91998]>>",
        "<</Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 594.95996 841.91998]>>",
        "<</Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 594.95996 841.91998]>>",
        "<</p-a [3 0 R /XYZ 6 827.67 0]\n/end-of-p-a [4 0 R /XYZ 6 811.91998 0]\n/end-of-p-b [5 0 R /XYZ 6 641.91998 0]\n/end-of-p-c [5 0 R /Fit]>>",
    ])
}

#[test]
fn names_the_sections_that_end_near_the_top_of_a_sheet() {
    let short = short_ends(&ends());
    assert_eq!(short.into_iter().collect::<Vec<_>>(), ["p-a"]);
    assert_eq!(dest_pages(&ends()).unwrap()["end-of-p-a"], 2);
    assert!(short_ends(b"").is_empty());
    let no_box = pdf(&[
        "<</Type /Catalog\n/Pages 2 0 R\n/Dests 4 0 R>>",
        "<</Type /Pages\n/Kids [3 0 R]>>",
        "<</Type /Page>>",
        "<</end-of-x [3 0 R /XYZ 0 800 0]>>",
    ]);
    assert!(short_ends(&no_box).is_empty());
}

#[test]
fn marks_a_short_end_once_and_leaves_the_others() {
    let html = r##"<div class="section-end" id="end-of-p-a"><a hidden href="#end-of-p-a"></a></div><div class="section-end" id="end-of-p-a2"></div><div class="section-end" id="end-of-p-&amp;"></div>"##;
    let ids: BTreeSet<String> = ["p-a".to_string(), "p-&".to_string()].into();
    let want = r##"<div class="section-end short" id="end-of-p-a"><a hidden href="#end-of-p-a"></a></div><div class="section-end" id="end-of-p-a2"></div><div class="section-end short" id="end-of-p-&amp;"></div>"##;
    assert_eq!(mark_short(html, &ids), want);
    assert_eq!(mark_short(want, &ids), want);
}
