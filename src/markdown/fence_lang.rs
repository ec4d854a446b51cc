//! The language a code fence names, read through one alias table.
//!
//! Docs sites name the same language many ways (`cs`, `csharp`, `c#`;
//! `sh`, `shell`, `bash`, `console`). [`lookup`] maps a fence's first word
//! (any case) to a [`FenceLang`]: the token under which the highlighter
//! finds its grammar and the name a reader sees (`aria-label="Code: C#"`).
//! Words for plain text (`text`, `txt`, `plaintext`, `none`, …) are
//! plain (no grammar): shown as written, never warned about.
//!
//! A word the table does not know is handed to the highlighter as written
//! (its grammars know many file extensions and names); only when no
//! grammar matches does the Markdown stage warn (`unknown-fence-language`).
//! The table does not depend on how the highlighter stores its grammars.

/// What a fence's language word stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FenceLang {
    /// The token the highlighter looks its grammar up by (a file
    /// extension or a grammar name); empty for plain text.
    pub grammar: &'static str,
    /// The language's name for readers (`C#`, `PowerShell`, `Shell`).
    pub name: &'static str,
}

impl FenceLang {
    /// Whether the block is plain text on purpose.
    pub fn is_plain(&self) -> bool {
        self.grammar.is_empty()
    }
}

/// Aliases (lower case), the grammar token, the reader's name.
const TABLE: &[(&[&str], &str, &str)] = &[
    (&["text", "plaintext", "plain", "txt", "none", "output", "nohighlight"], "", "Text"),
    (&["cs", "csharp", "c#", "csx"], "cs", "C#"),
    (&["ps1", "powershell", "pwsh", "ps", "psm1"], "ps1", "PowerShell"),
    (&["sh", "shell", "bash", "zsh", "console", "shell-session", "shellsession", "terminal"], "bash", "Shell"),
    (&["bat", "batch", "cmd"], "bat", "Batch"),
    (&["fish"], "fish", "Fish"),
    (&["yml", "yaml"], "yaml", "YAML"),
    (&["js", "javascript", "mjs", "cjs", "node"], "js", "JavaScript"),
    (&["ts", "typescript", "mts", "cts"], "ts", "TypeScript"),
    (&["tsx"], "tsx", "TSX"),
    // JSX is TSX without types; the JSX grammar (Babel) needs a regex engine this build does not use.
    (&["jsx"], "tsx", "JSX"),
    (&["kt", "kotlin", "kts"], "kt", "Kotlin"),
    (&["rs", "rust"], "rs", "Rust"),
    (&["py", "python", "python3", "py3"], "py", "Python"),
    (&["rb", "ruby"], "rb", "Ruby"),
    (&["go", "golang"], "go", "Go"),
    (&["java"], "java", "Java"),
    (&["c", "h"], "c", "C"),
    (&["cpp", "c++", "cc", "cxx", "hpp"], "cpp", "C++"),
    (&["swift"], "swift", "Swift"),
    (&["php"], "php", "PHP"),
    (&["scala"], "scala", "Scala"),
    (&["dockerfile", "docker", "containerfile"], "dockerfile", "Dockerfile"),
    (&["make", "makefile", "mk"], "makefile", "Makefile"),
    (&["toml"], "toml", "TOML"),
    (&["ini", "cfg", "conf", "properties"], "ini", "INI"),
    (&["diff", "patch"], "diff", "Diff"),
    (&["sql", "postgresql", "mysql"], "sql", "SQL"),
    (&["html", "htm", "xhtml"], "html", "HTML"),
    (&["xml", "svg", "xsd", "csproj"], "xml", "XML"),
    (&["css"], "css", "CSS"),
    (&["scss"], "scss", "SCSS"),
    (&["json", "jsonc", "json5", "geojson"], "json", "JSON"),
    (&["md", "markdown"], "md", "Markdown"),
    (&["proto", "protobuf"], "proto", "Protocol Buffers"),
    (&["graphql", "gql"], "graphql", "GraphQL"),
    (&["tf", "terraform", "hcl"], "tf", "Terraform"),
    (&["lua"], "lua", "Lua"),
    (&["r"], "r", "R"),
    (&["erlang", "erl"], "erl", "Erlang"),
    (&["elixir", "ex", "exs"], "ex", "Elixir"),
    (&["nginx"], "nginx", "nginx"),
];

/// The language a fence word names, if the table knows it.
pub fn lookup(word: &str) -> Option<FenceLang> {
    let lower = word.to_ascii_lowercase();
    TABLE.iter().find(|(aliases, _, _)| aliases.contains(&lower.as_str())).map(|(_, grammar, name)| FenceLang { grammar, name })
}

/// Every grammar token of the table, for tests that each has a grammar.
#[cfg(test)]
pub fn all_grammars() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|(_, grammar, _)| *grammar).filter(|g| !g.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_of_one_language_share_a_grammar_and_a_name() {
        for words in [["cs", "csharp", "C#"], ["ps1", "powershell", "pwsh"], ["sh", "zsh", "console"], ["js", "mjs", "cjs"]] {
            let found: Vec<_> = words.iter().map(|w| lookup(w)).collect();
            assert!(found[0].is_some(), "{words:?}");
            assert!(found.iter().all(|f| *f == found[0]), "{words:?}: {found:?}");
        }
        assert_eq!(lookup("CSharp").map(|l| l.name), Some("C#"));
    }

    #[test]
    fn plain_text_words_are_plain() {
        for word in ["text", "TXT", "plaintext", "none"] {
            assert_eq!(lookup(word), Some(FenceLang { grammar: "", name: "Text" }), "{word}");
        }
        assert!(!lookup("rust").is_some_and(|l| l.is_plain()));
    }

    #[test]
    fn unknown_words_are_not_in_the_table() {
        assert_eq!(lookup("klingon"), None);
        assert_eq!(lookup(""), None);
    }

    #[test]
    fn no_alias_is_listed_twice() {
        let mut all: Vec<&str> = TABLE.iter().flat_map(|(aliases, _, _)| aliases.iter().copied()).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert!(all.iter().all(|a| *a == a.to_ascii_lowercase()));
    }
}
