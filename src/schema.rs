//! `tebiki schema`: the JSON Schema (draft 2020-12) of page front matter.
//!
//! Editors' YAML plug-ins (the YAML language server) use it for completion,
//! hover help and validation as an author types. One schema covers both
//! kinds of file: a source page (`$defs/source`: `id`, `title` and every
//! structured field) and a translation (`$defs/translation`: text fields
//! only). Given the site's configuration, kinds, periods and facet keys are
//! listed as enums, so the editor offers exactly the keys the site knows.
//! The schema mirrors what [`crate::load`] accepts; a test validates every
//! shipped page with it.

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::load::frontmatter::TEXT_FIELDS;

/// The draft the schema follows.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The front-matter schema; with `config`, enums of the site's kinds, periods and facet keys.
pub fn front_matter_schema(config: Option<&Config>) -> Value {
    let mut defs = Map::new();
    defs.insert("slug".into(), json!({"type": "string", "pattern": "^[a-z0-9-]+$", "description": "A lowercase slug: a-z, 0-9 and -."}));
    defs.insert("pageId".into(), json!({"$ref": "#/$defs/slug", "description": "The id of another page."}));
    defs.insert("pageIds".into(), json!({"type": "array", "items": {"$ref": "#/$defs/pageId"}}));
    defs.insert(
        "localText".into(),
        json!({
            "description": "One string for every language, or a string per language: {ja: …, en: …}.",
            "anyOf": [
                {"type": "string"},
                {"type": "object", "properties": {"ja": {"type": "string"}, "en": {"type": "string"}}, "additionalProperties": false, "minProperties": 1}
            ]
        }),
    );
    defs.insert("date".into(), json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "A date, YYYY-MM-DD."}));
    defs.insert("periodKey".into(), period_key(config));
    for facet in ["ministries", "diseases", "tags"] {
        defs.insert(format!("{facet}Key"), facet_key(config, facet));
    }
    defs.insert("budgetLine".into(), budget_line());
    defs.insert("source".into(), source_page(config));
    defs.insert("translation".into(), translation_page());
    json!({
        "$schema": DIALECT,
        "title": "tebiki page front matter",
        "description": "The YAML between the --- lines of a tebiki page: a source page (id, title and structured fields) or a translation (text fields only).",
        "anyOf": [{"$ref": "#/$defs/source"}, {"$ref": "#/$defs/translation"}],
        "$defs": defs
    })
}

/// The fields every language file may hold.
fn text_fields() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "title".into(),
        json!({"type": "string", "minLength": 1, "description": "The page's title in this file's language (required)."}),
    );
    m.insert("short_title".into(), json!({"type": "string", "description": "A short title for breadcrumbs and tables."}));
    m.insert(
        "summary".into(),
        json!({"type": "string", "description": "One or two sentences; shown in lists and as the page's description."}),
    );
    m.insert("subtitle".into(), json!({"type": "string", "description": "A line under the title."}));
    m.insert(
        "source_hash".into(),
        json!({
            "type": "string",
            "pattern": "^[0-9a-f]{16}$",
            "description": "In a translation: the source page's hash when the translation was last brought up to date. Written by `tebiki stamp`; do not edit by hand."
        }),
    );
    m.insert(
        "source_blocks".into(),
        json!({
            "type": "string",
            "description": "In a translation: hashes of the source page's blocks when the translation was last brought up to date, so `tebiki check` can tell which paragraphs changed since. Written by `tebiki stamp`; do not edit by hand."
        }),
    );
    m.insert(
        "qa_ignore".into(),
        json!({
            "type": "array",
            "items": {"enum": ["terms", "spelling", "structure", "numbers"]},
            "description": "The translation checks of `tebiki check` this file opts out of: a difference from the source that is meant."
        }),
    );
    debug_assert!(TEXT_FIELDS.iter().all(|f| m.contains_key(*f)));
    m
}

fn translation_page() -> Value {
    let props = text_fields();
    json!({
        "title": "translation",
        "description": "A translation (`<stem>.<lang>.md` beside the source) holds only its text fields; structured fields belong in the source page.",
        "type": "object",
        "required": ["title"],
        "properties": props,
        "additionalProperties": false
    })
}

fn source_page(config: Option<&Config>) -> Value {
    let mut p = text_fields();
    p.insert(
        "id".into(),
        json!({"$ref": "#/$defs/slug", "description": "The page's id: unique in the site, its URL segment (required in the source page)."}),
    );
    let kinds: Option<Vec<&str>> = config.map(|c| c.kinds.iter().map(|k| k.key.as_str()).collect());
    p.insert(
        "kind".into(),
        with_enum(json!({"type": "string", "description": "The kind; defaults to the kind whose folder holds the page."}), kinds),
    );
    p.insert(
        "period".into(),
        json!({
            "description": "A period key, or a list of them.",
            "anyOf": [{"$ref": "#/$defs/periodKey"}, {"type": "array", "items": {"$ref": "#/$defs/periodKey"}}]
        }),
    );
    p.insert("parent".into(), json!({"$ref": "#/$defs/pageId", "description": "The page this one belongs to (a program's project)."}));
    p.insert("number".into(), json!({"type": "integer", "minimum": 0, "description": "Order within the parent (①…⑧)."}));
    for (facet, what) in [("ministries", "Ministries and agencies"), ("diseases", "Disease areas"), ("tags", "Tags")] {
        p.insert(facet.into(), json!({"type": "array", "items": {"$ref": format!("#/$defs/{facet}Key")}, "description": format!("{what}: facet keys from site.yaml.")}));
    }
    p.insert("lead_ministry".into(), json!({"$ref": "#/$defs/ministriesKey", "description": "The ministry marked ◎."}));
    p.insert("budget".into(), json!({"type": "array", "items": {"$ref": "#/$defs/budgetLine"}, "description": "Budget figures, one line per fiscal year and scope."}));
    p.insert("succeeds".into(), json!({"$ref": "#/$defs/pageIds", "description": "Pages of an earlier period that this one continues."}));
    p.insert("related".into(), json!({"$ref": "#/$defs/pageIds", "description": "Related pages, shown on both pages."}));
    p.insert(
        "sources".into(),
        json!({
            "type": "array",
            "description": "Documents the page draws on.",
            "items": {
                "type": "object",
                "required": ["title"],
                "additionalProperties": false,
                "properties": {
                    "title": {"$ref": "#/$defs/localText"},
                    "publisher": {"$ref": "#/$defs/localText"},
                    "date": {"$ref": "#/$defs/date"},
                    "url": {"type": "string"},
                    "note": {"$ref": "#/$defs/localText"}
                }
            }
        }),
    );
    p.insert(
        "aliases".into(),
        json!({"type": "array", "items": {"$ref": "#/$defs/slug"}, "description": "Old ids; redirect pages are written at their URLs."}),
    );
    p.insert("date".into(), json!({"$ref": "#/$defs/date", "description": "The page's date (feeds order pages by it)."}));
    p.insert("updated".into(), json!({"$ref": "#/$defs/date", "description": "When the page was last updated."}));
    p.insert("draft".into(), json!({"type": "boolean", "description": "Built only with --drafts."}));
    p.insert("weight".into(), json!({"type": "integer", "description": "Order in lists (lower first)."}));
    p.insert("glossary".into(), json!({"type": "boolean", "description": "false turns automatic glossary markup off for this page."}));
    p.insert(
        "glossary_ignore".into(),
        json!({"type": "array", "items": {"type": "string"}, "description": "Acronyms on this page that need no glossary entry (no warning)."}),
    );
    p.insert("pages".into(), json!({"$ref": "#/$defs/pageIds", "description": "Handouts only: the pages it bundles, in order."}));
    p.insert("extra".into(), json!({"type": "object", "description": "Free fields for site templates."}));
    json!({
        "title": "source page",
        "description": "The default-language file of a page: its id, text fields and structured fields.",
        "type": "object",
        "required": ["id", "title"],
        "properties": p,
        "additionalProperties": false
    })
}

fn budget_line() -> Value {
    json!({
        "type": "object",
        "required": ["fy", "oku_yen", "scope"],
        "additionalProperties": false,
        "properties": {
            "fy": {"type": "integer", "description": "The fiscal year (2025)."},
            "oku_yen": {
                "description": "The amount in 億円 (hundred million yen); decimals allowed.",
                "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,4})?$"}]
            },
            "scope": {"enum": ["amed", "inhouse"], "description": "amed: AMED-managed funds; inhouse: in-house research institutions' funds."},
            "project": {"$ref": "#/$defs/pageId", "description": "The integrated project the line belongs to."},
            "part_of": {"type": "boolean", "description": "The figure is a total this line is only part of (内数)."},
            "relisted": {"type": "boolean", "description": "Partly counted elsewhere too (再掲)."},
            "shared_with": {"$ref": "#/$defs/pageIds", "description": "Programs that share one figure."},
            "note": {"$ref": "#/$defs/localText"}
        }
    })
}

/// A period key: the site's keys (as strings, and as integers where YAML reads them so), or any.
fn period_key(config: Option<&Config>) -> Value {
    let Some(c) = config else {
        return json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "description": "A period key from site.yaml."});
    };
    let mut values: Vec<Value> = Vec::new();
    for p in &c.periods {
        values.push(Value::String(p.key.clone()));
        if let Ok(n) = p.key.parse::<i64>()
            && n.to_string() == p.key
        {
            values.push(Value::from(n));
        }
    }
    if values.is_empty() {
        return json!({"not": {}, "description": "site.yaml defines no periods."});
    }
    json!({"enum": values, "description": "A period key from site.yaml."})
}

fn facet_key(config: Option<&Config>, facet: &str) -> Value {
    let Some(c) = config else {
        return json!({"$ref": "#/$defs/slug"});
    };
    match c.facet(facet) {
        Some(f) if !f.values.is_empty() => {
            let values: Vec<Value> = f.values.iter().map(|v| Value::String(v.key.clone())).collect();
            json!({"enum": values})
        }
        _ => json!({"not": {}, "description": format!("site.yaml defines no `{facet}` values.")}),
    }
}

fn with_enum(mut schema: Value, values: Option<Vec<&str>>) -> Value {
    if let (Some(v), Some(obj)) = (values, schema.as_object_mut()) {
        obj.insert("enum".into(), Value::Array(v.into_iter().map(|s| Value::String(s.into())).collect()));
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_field_is_in_the_translation_branch() {
        let s = front_matter_schema(None);
        let props = s["$defs"]["translation"]["properties"].as_object().unwrap();
        let mut keys: Vec<&str> = props.keys().map(String::as_str).collect();
        keys.sort();
        let mut want = TEXT_FIELDS.to_vec();
        want.sort();
        assert_eq!(keys, want);
        assert_eq!(s["$schema"], DIALECT);
    }
}
