//! A test's metadata: the YAML block between `/*---` and `---*/` (test262's CONTRIBUTING.md,
//! "Test Case Style").
//!
//! Only the subset of YAML that test262 uses for the keys a runner needs is understood:
//! `flags`, `includes` and `features` as flow lists (`[a, b]`) or block lists (`- a` lines), and
//! `negative` as a block mapping (indented `phase:`/`type:` lines) or a flow mapping
//! (`{ phase: parse, type: SyntaxError }`). Every other key (`description`, `info`, `esid`, …) is
//! skipped together with its indented continuation lines, which is how block scalars (`|`, `>`)
//! are stepped over.

use std::fmt;

/// The parsed frontmatter of one test file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub flags: Vec<String>,
    pub includes: Vec<String>,
    pub features: Vec<String>,
    pub negative: Option<Negative>,
}

impl Metadata {
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// The test expects an early error: its source must be rejected before evaluation.
    pub fn is_negative_parse(&self) -> bool {
        matches!(&self.negative, Some(n) if n.phase == Phase::Parse)
    }
}

/// `negative:` — the test must fail in the given phase with an error of the given type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Negative {
    pub phase: Phase,
    /// The constructor name, e.g. `SyntaxError`.
    pub error_type: String,
}

/// When a negative test's error is expected (INTERPRETING.md, "negative").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Parsing or early errors.
    Parse,
    /// Module resolution and linking.
    Resolution,
    /// Evaluation.
    Runtime,
}

/// Why a file's frontmatter could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontmatterError(pub String);

impl fmt::Display for FrontmatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "frontmatter: {}", self.0)
    }
}

const OPEN: &str = "/*---";
const CLOSE: &str = "---*/";

/// Finds the frontmatter block in `source` and reads the keys a runner needs.
pub fn parse_frontmatter(source: &str) -> Result<Metadata, FrontmatterError> {
    let start = source
        .find(OPEN)
        .ok_or_else(|| FrontmatterError(format!("no `{OPEN}` block")))?
        + OPEN.len();
    let len = source[start..]
        .find(CLOSE)
        .ok_or_else(|| FrontmatterError(format!("`{OPEN}` without a closing `{CLOSE}`")))?;
    parse_yaml_subset(&source[start..start + len])
}

/// One top-level `key: value` entry with the indented lines that follow it.
struct Entry<'a> {
    key: &'a str,
    inline: &'a str,
    body: Vec<&'a str>,
}

fn parse_yaml_subset(text: &str) -> Result<Metadata, FrontmatterError> {
    let mut meta = Metadata::default();
    for entry in top_level_entries(text)? {
        match entry.key {
            "flags" => meta.flags = parse_list(&entry)?,
            "includes" => meta.includes = parse_list(&entry)?,
            "features" => meta.features = parse_list(&entry)?,
            "negative" => meta.negative = Some(parse_negative(&entry)?),
            _ => {}
        }
    }
    Ok(meta)
}

/// Splits the block into top-level entries: a line at the block's base indentation (that of its
/// first line, usually column 0) opens an entry; the more deeply indented lines after it belong
/// to it. Blank lines and `#` comments are skipped. Lines may end in LF, CRLF or a lone CR.
fn top_level_entries(text: &str) -> Result<Vec<Entry<'_>>, FrontmatterError> {
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut base_indent = None;
    for line in text.split(['\n', '\r']) {
        let content = line.trim_start_matches([' ', '\t']);
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        let base = *base_indent.get_or_insert(indent);
        if indent > base {
            match entries.last_mut() {
                Some(entry) => entry.body.push(line),
                None => return Err(FrontmatterError(format!("indented line before any key: {line:?}"))),
            }
            continue;
        }
        let (key, rest) = content
            .split_once(':')
            .ok_or_else(|| FrontmatterError(format!("expected `key: value`, found {line:?}")))?;
        entries.push(Entry { key: key.trim(), inline: rest.trim(), body: Vec::new() });
    }
    Ok(entries)
}

/// A list value: `[a, b]` (possibly continued on indented lines), `- a` lines, or a lone scalar.
fn parse_list(entry: &Entry<'_>) -> Result<Vec<String>, FrontmatterError> {
    let inline = strip_comment(entry.inline);
    if inline.starts_with('[') {
        let mut flow = inline.to_string();
        for line in &entry.body {
            flow.push(' ');
            flow.push_str(strip_comment(line.trim()));
        }
        let inner = flow
            .strip_prefix('[')
            .and_then(|s| s.trim_end().strip_suffix(']'))
            .ok_or_else(|| FrontmatterError(format!("unterminated list for `{}`", entry.key)))?;
        return Ok(inner.split(',').map(unquote).filter(|s| !s.is_empty()).collect());
    }
    if !inline.is_empty() {
        return Ok(vec![unquote(inline)]);
    }
    entry
        .body
        .iter()
        .map(|line| {
            let item = strip_comment(line.trim());
            item.strip_prefix('-')
                .map(unquote)
                .ok_or_else(|| FrontmatterError(format!("expected `- item` under `{}`, found {item:?}", entry.key)))
        })
        .collect()
}

/// `negative:` as a block mapping or a flow mapping; both `phase` and `type` are required.
fn parse_negative(entry: &Entry<'_>) -> Result<Negative, FrontmatterError> {
    let inline = strip_comment(entry.inline);
    let pairs: Vec<&str> = if inline.is_empty() {
        entry.body.iter().map(|line| strip_comment(line.trim())).collect()
    } else {
        inline
            .strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .ok_or_else(|| FrontmatterError(format!("`negative` must be a mapping, found {inline:?}")))?
            .split(',')
            .collect()
    };
    let mut phase = None;
    let mut error_type = None;
    for pair in pairs {
        let (key, value) = pair
            .split_once(':')
            .ok_or_else(|| FrontmatterError(format!("expected `key: value` under `negative`, found {pair:?}")))?;
        let value = unquote(value);
        match key.trim() {
            "phase" => {
                phase = Some(match value.as_str() {
                    "parse" => Phase::Parse,
                    "resolution" => Phase::Resolution,
                    "runtime" => Phase::Runtime,
                    other => return Err(FrontmatterError(format!("unknown negative phase {other:?}"))),
                })
            }
            "type" => error_type = Some(value),
            _ => {}
        }
    }
    match (phase, error_type) {
        (Some(phase), Some(error_type)) => Ok(Negative { phase, error_type }),
        _ => Err(FrontmatterError("`negative` needs both `phase` and `type`".to_string())),
    }
}

/// Drops a trailing ` # comment` (test262 values never contain `#`).
fn strip_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(i) => s[..i].trim_end(),
        None => s,
    }
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    let quoted = s.len() >= 2
        && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')));
    if quoted { s[1..s.len() - 1].to_string() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flow_lists_and_block_negative() {
        let src = "// Copyright\n/*---\nes6id: 15.2.1.1\ndescription: >\n    It is a Syntax Error\n    flags: [not, this]\nflags: [module, async]\nnegative:\n  phase: parse\n  type: SyntaxError\nincludes: [propertyHelper.js, compareArray.js]\nfeatures: [generators]\n---*/\n\nexport function f() {}\n";
        let meta = parse_frontmatter(src).unwrap();
        assert_eq!(meta.flags, strings(&["module", "async"]));
        assert_eq!(meta.includes, strings(&["propertyHelper.js", "compareArray.js"]));
        assert_eq!(meta.features, strings(&["generators"]));
        assert_eq!(meta.negative, Some(Negative { phase: Phase::Parse, error_type: "SyntaxError".into() }));
        assert!(meta.is_negative_parse());
        assert!(meta.has_flag("module") && !meta.has_flag("not"));
    }

    #[test]
    fn block_lists_flow_negative_and_info_scalars() {
        let src = "/*---\ninfo: |\n    negative:\n      phase: runtime\nfeatures:\n  - Symbol\n  - 'Symbol.iterator'\nnegative: { phase: resolution, type: \"SyntaxError\" }\n---*/";
        let meta = parse_frontmatter(src).unwrap();
        assert_eq!(meta.features, strings(&["Symbol", "Symbol.iterator"]));
        assert!(meta.flags.is_empty());
        assert_eq!(meta.negative, Some(Negative { phase: Phase::Resolution, error_type: "SyntaxError".into() }));
        assert!(!meta.is_negative_parse());
    }

    #[test]
    fn deeper_indentation_and_lone_cr_line_ends() {
        let src = "/*---\rdescription: x\rnegative:\r    phase: parse\r    type: SyntaxError\rflags: [raw]\r---*/";
        let meta = parse_frontmatter(src).unwrap();
        assert_eq!(meta.flags, strings(&["raw"]));
        assert!(meta.is_negative_parse());
        let crlf = "/*---\r\nflags: [onlyStrict]\r\nfeatures: []\r\n---*/\r\n";
        let meta = parse_frontmatter(crlf).unwrap();
        assert_eq!(meta.flags, strings(&["onlyStrict"]));
        assert!(meta.features.is_empty());
    }

    #[test]
    fn an_indented_block_keeps_its_structure() {
        let src = "/*---\n description: >\n    flags: [no]\n flags: [noStrict]\n negative:\n   phase: parse\n   type: SyntaxError\n---*/";
        let meta = parse_frontmatter(src).unwrap();
        assert_eq!(meta.flags, strings(&["noStrict"]));
        assert!(meta.is_negative_parse());
    }

    #[test]
    fn malformed_frontmatter_is_an_error() {
        assert!(parse_frontmatter("var x = 1;").is_err());
        assert!(parse_frontmatter("/*--- flags: [module]").is_err());
        assert!(parse_frontmatter("/*---\nnegative:\n  phase: later\n  type: SyntaxError\n---*/").is_err());
        assert!(parse_frontmatter("/*---\nnegative:\n  phase: parse\n---*/").is_err());
        assert!(parse_frontmatter("/*---\nflags: [module\n---*/").is_err());
    }
}
