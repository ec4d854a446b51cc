//! YAML syntax errors in an author's words.
//!
//! [`diagnostic`] turns an error of the YAML parser into a [`Diagnostic`] at
//! its line and column in the file, with a message saying what is wrong and a
//! help line saying how to fix it; a tab is pointed at itself, not at the
//! value before it.

use std::path::Path;

use serde_saphyr::granit_parser::{ErrorKind, ScanError};

use crate::diagnostic::Diagnostic;

/// The error `e` of the fragment `src`, whose first line is line `first_line` of `file`.
pub fn diagnostic(e: &ScanError, src: &str, file: &Path, first_line: usize) -> Diagnostic {
    let m = e.marker();
    let (mut line, mut column) = (m.line().max(1), m.col() + 1);
    if is_tab(e.kind())
        && let Some(at) = tab_near(src, line, column)
    {
        (line, column) = at;
    }
    let (message, help) = explain(e.kind());
    Diagnostic::error(file, line + first_line - 1, column, message).with_help(help)
}

fn is_tab(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabInIndentation
            | ErrorKind::TabInPlainScalar
            | ErrorKind::TabAtBlockScalarStart
    )
}

/// The 1-based line and column of the tab the parser complains about: the
/// first at or after `line`:`column` within the next two lines, else the
/// last before it on its line.
fn tab_near(src: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = src.split('\n').skip(line - 1).take(3).collect();
    let first = lines.first()?;
    let after = first.chars().enumerate().skip(column - 1).find(|(_, c)| *c == '\t').map(|(i, _)| (line, i + 1));
    let below = || lines.iter().enumerate().skip(1).find_map(|(n, l)| l.chars().position(|c| c == '\t').map(|i| (line + n, i + 1)));
    let before = || first.chars().take(column - 1).enumerate().filter(|(_, c)| *c == '\t').last().map(|(i, _)| (line, i + 1));
    after.or_else(below).or_else(before)
}

const QUOTE: &str = "put the value in quotes: key: \"…\"";

/// A parser error in words an author knows, with how to fix it.
pub fn explain(kind: &ErrorKind) -> (String, String) {
    use ErrorKind as K;
    let (message, help): (&str, &str) = match kind {
        K::UnexpectedEofFlowSequence | K::UnclosedFlowCollection { open: '[' } => {
            ("a list opened with `[` is not closed", "close it with `]`, or quote the value if the `[` is text")
        }
        K::UnexpectedEofFlowMapping | K::UnexpectedEofImplicitFlowMapping | K::UnclosedFlowCollection { .. } => {
            ("a map opened with `{` is not closed", "close it with `}`, or quote the value if the `{` is text")
        }
        K::UnexpectedEofBlockSequence | K::UnexpectedEofBlockMapping | K::UnexpectedEof => {
            ("the YAML ends in the middle of a value", "check the last lines for a quote or a bracket that is not closed")
        }
        K::MisplacedFlowCollectionEnd => ("a `]` or `}` closes nothing here", QUOTE),
        K::MismatchedFlowCollectionEnd { .. } => {
            ("a bracket is closed by the wrong kind of bracket", "close `[` with `]` and `{` with `}`")
        }
        K::ExpectedNodeContent => (
            "a value is missing here",
            "write a value after the `:` or `- `; quote a value that starts with a YAML sign such as `@`, `` ` ``, `%` or `|`",
        ),
        K::ExpectedBlockMappingKey => (
            "this line is not a `key: value` line at the indentation of the keys above",
            "indent it like the keys it belongs with; if it continues the value above, put that value in quotes",
        ),
        K::ExpectedFlowMappingSeparator => {
            ("expected `,` or `}` in a map written in braces", "separate the fields with `, ` and quote a value that holds `,`, `{` or `}`")
        }
        K::ExpectedFlowSequenceSeparator => (
            "expected `,` or `]` in a list written in brackets",
            "separate the items with `, ` and quote an item that holds `,`, `[` or `]`",
        ),
        K::ExpectedBlockSequenceEntry => {
            ("expected a `- ` item of the list above", "start every item of the list with `- `, indented alike")
        }
        K::BlockEntryInFlowCollection | K::BlockSequenceEntryNotAllowed => {
            ("a `- ` list item cannot start here", "put each `- ` item on its own line, indented under its key")
        }
        K::InvalidBlockEntryWhitespace => ("a `-` that starts a list item must be followed by a space", "write `- item`"),
        K::UnknownAnchor => (
            "this alias (`*name`) names no anchor (`&name`) above it",
            "define the anchor before the alias, or quote the value if the `*` is text",
        ),
        K::MissingAnchorOrAliasName => ("an `&` or `*` here needs a name after it", "quote the value if the `&` or `*` is text"),
        K::AnchorCountOverflow => {
            ("the file defines too many anchors (`&name`)", "repeat values by writing them out instead of with anchors")
        }
        K::UndeclaredTagHandle
        | K::ExpectedTagBang
        | K::InvalidGlobalTagCharacter
        | K::InvalidTagTerminator
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape
        | K::InvalidTagUtf8LeadingByte
        | K::InvalidTagUtf8TrailingByte
        | K::InvalidTagUtf8 => ("a `!` here starts a YAML tag that is not valid", "quote the value if the `!` is text: title: \"!…\""),
        K::DuplicateVersionDirective
        | K::UnsupportedYamlMajorVersion
        | K::DuplicateTagDirective
        | K::MissingDocumentEndBeforeDirective
        | K::ExpectedTagDirectiveBang
        | K::InvalidDirectiveTerminator
        | K::DirectiveDisallowed
        | K::MissingYamlVersionSeparator
        | K::MissingDirectiveName
        | K::InvalidDirectiveName
        | K::DirectiveByteLimitExceeded { .. }
        | K::TooManyReservedDirectiveParams { .. }
        | K::YamlVersionTooLong
        | K::MissingYamlVersion
        | K::InvalidTagDirectiveTerminator => (
            "a line starting with `%` is a YAML directive, which tebiki does not read",
            "remove the line, or quote the value if the `%` is text",
        ),
        K::ExpectedStreamStart | K::ExpectedDocumentStart | K::InvalidDocumentEnd | K::MultipleDocumentsUnsupported => {
            ("a `---` or `...` line ends the YAML here, but more follows", "a file holds one YAML document; remove the line")
        }
        K::SimpleKeyExpected | K::InvalidSimpleKey => (
            "a key must end with `:` on its own line, within 1,024 characters",
            "write `key: value` with the key on one line; a long text belongs in the value",
        ),
        K::InvalidQuotedScalarIndent => (
            "a quoted value goes on to a line that is not indented",
            "close the quote where the value ends; a quoted value runs on over lines until its closing quote",
        ),
        K::InvalidIndentation | K::InvalidFlowScalarIndent => {
            ("this line is indented wrongly", "indent with spaces, by as much as the other lines of the same list or map")
        }
        K::BomInsideDocument => (
            "an invisible byte order mark (U+FEFF) stands in the middle of the file",
            "delete the character here (most editors do not show it)",
        ),
        K::UnexpectedCharacter { character: '`' } => ("a backtick (`) cannot start a value", QUOTE),
        K::UnexpectedCharacter { character } => {
            return (format!("`{}` cannot start a value here", character.escape_default()), QUOTE.into());
        }
        K::TabNotAllowed | K::TabInBlockIndentation | K::TabInIndentation => {
            ("a tab indents this line", "YAML indents with spaces only; replace the tab with spaces")
        }
        K::TabInPlainScalar => {
            ("a tab stands where YAML expects the indentation of a line", "YAML indents with spaces only; replace the tab with spaces")
        }
        K::TabAtBlockScalarStart => ("a tab starts a block of text", "YAML indents with spaces only; replace the tab with spaces"),
        K::CommentInterceptedScalar => ("a `#` comment cuts a value that goes on below it", "move the comment, or put the value in quotes"),
        K::ExpectedWhitespace | K::CommentNotSeparated => {
            ("a `#` that starts a comment needs a space before it", "write a space before `#`, or quote the value if the `#` is text")
        }
        K::RecursionLimitExceeded => {
            ("lists and maps are nested too deeply here", "tebiki's fields nest a few levels at most; check the brackets above")
        }
        K::ZeroBlockScalarIndent | K::InvalidBlockScalarHeader => (
            "a `|` or `>` that starts a block of text must end its line",
            "write the text on the lines below it, indented; or quote the value",
        ),
        K::InvalidBlockScalarIndent => {
            ("a line of this block of text is indented less than the first", "indent every line of the block alike")
        }
        K::DocumentIndicatorInQuotedScalar => ("a `---` or `...` line stands inside a quoted value", "close the quote before it"),
        K::UnclosedQuotedScalar => (
            "a quoted value is not closed",
            "a quoted value runs until its closing quote; check that every quote opened on this line or above is closed",
        ),
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => (
            "text follows the closing quote of a value",
            "put the whole value in quotes; inside '…' write a ' as '', inside \"…\" write a \" as \\\"",
        ),
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate
        | K::InvalidUnicodeEscape => (
            "a `\\` in double quotes starts an escape that YAML does not know",
            "write a backslash as `\\\\` in double quotes, or use single quotes: 'C:\\data'",
        ),
        K::PlainScalarStartsWithDashFlowIndicator | K::UnexpectedEndOfPlainScalar => ("this unquoted value cannot be read", QUOTE),
        K::MappingKeyNotAllowed => ("a key cannot start here", "a `? ` starts a key; put the value in quotes if it is text"),
        K::FlowMappingValueAdjacentCollection | K::InvalidMappingValueWhitespace => {
            ("a `:` after a key must be followed by a space", "write `key: value`; quote a value that holds `:`")
        }
        K::InvalidColonPlacement | K::MappingValueNotAllowed => (
            "a `: ` here would start a key where none can start",
            "a `: ` inside an unquoted value starts a new key; put the whole value in quotes: summary: \"目的: …\"",
        ),
        K::InputByteLimitExceeded { .. } => ("the file is too large to read", "split it into smaller files"),
        other => {
            return (
                format!("the YAML cannot be read here ({other})"),
                "check this line against the lines around it; quote values that hold `:`, `#`, `[` or `{`".into(),
            );
        }
    };
    (message.to_string(), help.to_string())
}
