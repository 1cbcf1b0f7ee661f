//! The part of the WHATWG URL Standard that module resolution needs, plus Node's
//! `fileURLToPath` / `pathToFileURL` (POSIX flavour).
//!
//! ES module resolution works on URLs, not paths: `import './a%20b.js'` names the file `a b.js`,
//! `?query`/`#fragment` survive, `%2e%2e` is a `..` segment. This module parses absolute URLs
//! (`new URL(input)`), resolves relative references against a base (`new URL(input, base)`),
//! serializes them (`href`), and converts between `file:` URLs and paths with Node's checks.

use std::borrow::Cow;

use super::errors::ResolveError;

/// A parsed URL. Special schemes (`file`, `http`, …) always have a hierarchical path; other
/// schemes (`data:`, `node:`, `foo:`) may have an opaque one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// Lower-case scheme without the colon.
    pub scheme: String,
    /// Host for URLs with an authority (`file://host/…`); `Some("")` for `file:///…`.
    pub host: Option<String>,
    /// Serialized (percent-encoded) path: starts with `/` unless opaque.
    pub path: String,
    /// True for `data:text/javascript,…`-style paths that are not `/`-separated.
    pub opaque: bool,
    /// Serialized query without the `?` (`Some("")` for a bare `?`).
    pub query: Option<String>,
    /// Serialized fragment without the `#`.
    pub fragment: Option<String>,
}

const SPECIAL: &[&str] = &["ftp", "file", "http", "https", "ws", "wss"];

fn is_special(scheme: &str) -> bool {
    SPECIAL.contains(&scheme)
}

/// Which bytes a URL component percent-encodes (WHATWG "percent-encode sets").
#[derive(Clone, Copy)]
enum EncodeSet {
    C0,
    Fragment,
    SpecialQuery,
    Query,
    Path,
}

fn needs_encoding(b: u8, set: EncodeSet) -> bool {
    if !(0x20..=0x7E).contains(&b) {
        return true;
    }
    match set {
        EncodeSet::C0 => false,
        EncodeSet::Fragment => matches!(b, b' ' | b'"' | b'<' | b'>' | b'`'),
        EncodeSet::Query => matches!(b, b' ' | b'"' | b'#' | b'<' | b'>'),
        EncodeSet::SpecialQuery => matches!(b, b' ' | b'"' | b'#' | b'<' | b'>' | b'\''),
        EncodeSet::Path => matches!(b, b' ' | b'"' | b'#' | b'<' | b'>' | b'?' | b'`' | b'{' | b'}'),
    }
}

fn encode(s: &str, set: EncodeSet) -> String {
    if !s.bytes().any(|b| needs_encoding(b, set)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if needs_encoding(b, set) {
            out.push_str(&format!("%{:02X}", b));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// Strips leading/trailing C0 controls and spaces and removes tabs and newlines, as the URL
/// parser does before anything else.
fn preprocess(input: &str) -> String {
    if !input.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r'))
        && !input.starts_with(|c: char| (c as u32) <= 0x20)
        && !input.ends_with(|c: char| (c as u32) <= 0x20)
    {
        return input.to_string();
    }
    let trimmed = input.trim_matches(|c: char| (c as u32) <= 0x20);
    trimmed.chars().filter(|&c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// Splits `scheme:` off the front when the input has a valid scheme.
fn split_scheme(input: &str) -> Option<(String, &str)> {
    let colon = input.find(':')?;
    let scheme = &input[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    if !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        return None;
    }
    Some((scheme.to_ascii_lowercase(), &input[colon + 1..]))
}

fn is_single_dot(seg: &str) -> bool {
    seg == "." || seg.eq_ignore_ascii_case("%2e")
}

fn is_double_dot(seg: &str) -> bool {
    seg == ".."
        || [".%2e", "%2e.", "%2e%2e"].iter().any(|dots| seg.len() == dots.len() && seg.eq_ignore_ascii_case(dots))
}

/// Splits off `?query` and `#fragment` (raw, not yet encoded).
fn split_query_fragment(rest: &str) -> (&str, Option<&str>, Option<&str>) {
    let (before_hash, fragment) = match rest.find('#') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (path, query) = match before_hash.find('?') {
        Some(i) => (&before_hash[..i], Some(&before_hash[i + 1..])),
        None => (before_hash, None),
    };
    (path, query, fragment)
}

/// Appends the `/`-separated (for special schemes also `\`-separated) segments of `input` to
/// `segments`, applying the URL path state's dot-segment rules.
fn push_path_segments<'a>(segments: &mut Vec<Cow<'a, str>>, input: &'a str, special: bool) {
    let is_separator = |c: char| c == '/' || (special && c == '\\');
    let mut parts = input.split(is_separator).peekable();
    while let Some(seg) = parts.next() {
        let is_last = parts.peek().is_none();
        if is_double_dot(seg) {
            segments.pop();
            if is_last {
                segments.push(Cow::Borrowed(""));
            }
        } else if is_single_dot(seg) {
            if is_last {
                segments.push(Cow::Borrowed(""));
            }
        } else if seg.bytes().any(|b| needs_encoding(b, EncodeSet::Path)) {
            segments.push(Cow::Owned(encode(seg, EncodeSet::Path)));
        } else {
            segments.push(Cow::Borrowed(seg));
        }
    }
}

fn serialize_segments(segments: &[Cow<'_, str>]) -> String {
    let mut s = String::with_capacity(segments.iter().map(|seg| seg.len() + 1).sum::<usize>().max(1));
    for seg in segments {
        s.push('/');
        s.push_str(seg);
    }
    if s.is_empty() {
        s.push('/');
    }
    s
}

fn segments_of(path: &str) -> Vec<Cow<'_, str>> {
    // "/a/b/c" -> ["a", "b", "c"]; "/" -> [""].
    path.strip_prefix('/').unwrap_or(path).split('/').map(Cow::Borrowed).collect()
}

impl Url {
    /// `new URL(input)`: parses an absolute URL; `None` when `input` has no valid scheme or is
    /// otherwise not a URL.
    pub fn parse(input: &str) -> Option<Url> {
        let input = preprocess(input);
        let (scheme, rest) = split_scheme(&input)?;
        let special = is_special(&scheme);
        let (body, query, fragment) = split_query_fragment(rest);
        let query_set = if special { EncodeSet::SpecialQuery } else { EncodeSet::Query };
        let query = query.map(|q| encode(q, query_set));
        let fragment = fragment.map(|f| encode(f, EncodeSet::Fragment));
        if special {
            let starts_with_two_slashes = {
                let b = body.as_bytes();
                b.len() >= 2 && matches!(b[0], b'/' | b'\\') && matches!(b[1], b'/' | b'\\')
            };
            let (host, path_part) = if starts_with_two_slashes {
                let after = &body[2..];
                let end = after.find(['/', '\\']).unwrap_or(after.len());
                (Some(after[..end].to_ascii_lowercase()), &after[end..])
            } else if scheme == "file" {
                (Some(String::new()), body)
            } else {
                // `http:foo` and friends: the authority is mandatory for these schemes.
                let trimmed = body.trim_start_matches(['/', '\\']);
                let end = trimmed.find(['/', '\\']).unwrap_or(trimmed.len());
                if trimmed[..end].is_empty() {
                    return None;
                }
                (Some(trimmed[..end].to_ascii_lowercase()), &trimmed[end..])
            };
            if scheme != "file" && host.as_deref().is_none_or(|h| h.is_empty()) {
                // "http://" has no host: not a URL.
                return None;
            }
            let mut host = host;
            if scheme == "file" && host.as_deref() == Some("localhost") {
                host = Some(String::new());
            }
            let mut segments = Vec::new();
            let path_part = path_part.strip_prefix(['/', '\\']).unwrap_or(path_part);
            push_path_segments(&mut segments, path_part, true);
            return Some(Url {
                scheme,
                host,
                path: serialize_segments(&segments),
                opaque: false,
                query,
                fragment,
            });
        }
        if let Some(after) = body.strip_prefix("//") {
            let end = after.find('/').unwrap_or(after.len());
            let host = after[..end].to_string();
            let mut segments = Vec::new();
            let p = &after[end..];
            if !p.is_empty() {
                push_path_segments(&mut segments, p.strip_prefix('/').unwrap_or(p), false);
            }
            let path = if segments.is_empty() { String::new() } else { serialize_segments(&segments) };
            return Some(Url { scheme, host: Some(host), path, opaque: false, query, fragment });
        }
        if let Some(p) = body.strip_prefix('/') {
            let mut segments = Vec::new();
            push_path_segments(&mut segments, p, false);
            return Some(Url { scheme, host: None, path: serialize_segments(&segments), opaque: false, query, fragment });
        }
        Some(Url { scheme, host: None, path: encode(body, EncodeSet::C0), opaque: true, query, fragment })
    }

    /// `new URL(input, base)`: resolves `input` against `base`. Absolute inputs parse on their
    /// own; relative ones need a base with a hierarchical path (otherwise `None`).
    pub fn join(input: &str, base: &Url) -> Option<Url> {
        let pre = preprocess(input);
        let mut pre = pre;
        if let Some((scheme, rest)) = split_scheme(&pre) {
            // `file:foo` against a `file:` base is relative to it (the URL Standard's "file
            // state" with a base); every other input with a scheme parses on its own.
            if scheme == "file" && base.scheme == "file" && !rest.starts_with(['/', '\\']) {
                pre = rest.to_string();
            } else {
                return Url::parse(&pre);
            }
        }
        if base.opaque {
            return None;
        }
        let special = is_special(&base.scheme);
        let (body, query, fragment) = split_query_fragment(&pre);
        let query_set = if special { EncodeSet::SpecialQuery } else { EncodeSet::Query };
        let enc_query = query.map(|q| encode(q, query_set));
        let enc_fragment = fragment.map(|f| encode(f, EncodeSet::Fragment));
        let is_sep = |c: char| c == '/' || (special && c == '\\');
        let mut chars = body.chars();
        let first = chars.next();
        let second = chars.next();
        if matches!(first, Some(c) if is_sep(c)) && matches!(second, Some(c) if is_sep(c)) {
            // `//host/path`: a new authority.
            let text = format!("{}:{}", base.scheme, body);
            let mut u = Url::parse(&text)?;
            u.query = enc_query;
            u.fragment = enc_fragment;
            return Some(u);
        }
        if body.is_empty() {
            // Only a query and/or fragment: keep the base path.
            let q = if query.is_some() { enc_query } else { base.query.clone() };
            return Some(Url {
                scheme: base.scheme.clone(),
                host: base.host.clone(),
                path: base.path.clone(),
                opaque: false,
                query: q,
                fragment: enc_fragment,
            });
        }
        let mut segments;
        if matches!(first, Some(c) if is_sep(c)) {
            segments = Vec::new();
            push_path_segments(&mut segments, &body[1..], special);
        } else {
            segments = segments_of(&base.path);
            segments.pop();
            push_path_segments(&mut segments, body, special);
        }
        Some(Url {
            scheme: base.scheme.clone(),
            host: base.host.clone(),
            path: serialize_segments(&segments),
            opaque: false,
            query: enc_query,
            fragment: enc_fragment,
        })
    }

    /// The URL's `protocol`, e.g. `file:`.
    pub fn protocol(&self) -> String {
        format!("{}:", self.scheme)
    }

    /// `url.pathname` (still percent-encoded).
    pub fn pathname(&self) -> &str {
        &self.path
    }

    /// `url.search`: `?query`, or empty when there is no query or it is empty.
    pub fn search(&self) -> String {
        match &self.query {
            Some(q) if !q.is_empty() => format!("?{}", q),
            _ => String::new(),
        }
    }

    /// `url.hash`: `#fragment`, or empty when there is none or it is empty.
    pub fn hash(&self) -> String {
        match &self.fragment {
            Some(f) if !f.is_empty() => format!("#{}", f),
            _ => String::new(),
        }
    }

    /// The serialized URL (`url.href`).
    pub fn href(&self) -> String {
        let mut s = format!("{}:", self.scheme);
        if let Some(h) = &self.host {
            s.push_str("//");
            s.push_str(h);
        }
        s.push_str(&self.path);
        if let Some(q) = &self.query {
            s.push('?');
            s.push_str(q);
        }
        if let Some(f) = &self.fragment {
            s.push('#');
            s.push_str(f);
        }
        s
    }

    /// Node's `pathToFileURL(path)` for an absolute POSIX path: `%`, `\`, newlines, tabs, `#`
    /// and `?` are escaped so that the path round-trips.
    pub fn from_file_path(path: &str) -> Url {
        // An absolute path with nothing to escape or encode is its own URL path (the steps
        // below split it into its segments and join them again unchanged).
        if path.starts_with('/') && !path.bytes().any(|b| b == b'%' || b == b'\\' || needs_encoding(b, EncodeSet::Path)) {
            return Url {
                scheme: "file".into(),
                host: Some(String::new()),
                path: path.to_string(),
                opaque: false,
                query: None,
                fragment: None,
            };
        }
        Url::from_file_path_escaped(path)
    }

    /// [`Url::from_file_path`] for any path: escapes the characters a path may hold but a URL
    /// path may not, then percent-encodes each segment.
    fn from_file_path_escaped(path: &str) -> Url {
        let mut escaped = String::with_capacity(path.len());
        for c in path.chars() {
            match c {
                '%' => escaped.push_str("%25"),
                '\\' => escaped.push_str("%5C"),
                '\n' => escaped.push_str("%0A"),
                '\r' => escaped.push_str("%0D"),
                '\t' => escaped.push_str("%09"),
                '#' => escaped.push_str("%23"),
                '?' => escaped.push_str("%3F"),
                c => escaped.push(c),
            }
        }
        let trailing = path.ends_with('/') && path.len() > 1;
        let mut segments: Vec<Cow<'_, str>> = Vec::new();
        for seg in escaped.split('/').skip(1) {
            segments.push(Cow::Owned(encode(seg, EncodeSet::Path)));
        }
        let mut p = serialize_segments(&segments);
        if trailing && !p.ends_with('/') {
            p.push('/');
        }
        Url { scheme: "file".into(), host: Some(String::new()), path: p, opaque: false, query: None, fragment: None }
    }

    /// Node's `fileURLToPath(url)` on POSIX: rejects other schemes
    /// (`ERR_INVALID_URL_SCHEME`), hosts (`ERR_INVALID_FILE_URL_HOST`) and encoded `/`
    /// (`ERR_INVALID_FILE_URL_PATH`), then percent-decodes with `decodeURIComponent`
    /// semantics (`URIError: URI malformed`).
    pub fn to_file_path(&self) -> Result<String, ResolveError> {
        if self.scheme != "file" {
            return Err(ResolveError::invalid_url_scheme("file"));
        }
        if self.host.as_deref().is_some_and(|h| !h.is_empty()) {
            return Err(ResolveError::invalid_file_url_host());
        }
        // Without a '%' there is nothing to reject or decode.
        if !self.path.contains('%') {
            return Ok(self.path.clone());
        }
        let encoded_slash = self.path.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1] == b'2' && (w[2] | 0x20) == b'f');
        if encoded_slash {
            return Err(ResolveError::invalid_file_url_path("must not include encoded / characters"));
        }
        percent_decode_strict(&self.path).ok_or_else(ResolveError::uri_malformed)
    }
}

/// `decodeURIComponent`: every `%` must start a two-hex-digit escape and the decoded bytes
/// must be valid UTF-8; otherwise `None` (a `URIError` in JavaScript).
pub fn percent_decode_strict(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = bytes.get(i + 1).and_then(|&b| (b as char).to_digit(16))?;
            let lo = bytes.get(i + 2).and_then(|&b| (b as char).to_digit(16))?;
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `encodeURIComponent` (used by Node's "Did you mean to import …?" hint for package paths).
pub fn encode_uri_component(s: &str) -> String {
    let mut out = String::new();
    for &b in s.as_bytes() {
        let keep = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{:02X}", b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::from_file_path("/root/project/app/main.mjs")
    }

    fn join(s: &str) -> String {
        Url::join(s, &base()).map(|u| u.href()).unwrap_or_else(|| "FAIL".into())
    }

    #[test]
    fn relative_references_resolve_against_the_base() {
        assert_eq!(join("./a.js"), "file:///root/project/app/a.js");
        assert_eq!(join("../src/./util.js"), "file:///root/project/src/util.js");
        assert_eq!(join("../src//util.js"), "file:///root/project/src//util.js");
        assert_eq!(join("."), "file:///root/project/app/");
        assert_eq!(join(".."), "file:///root/project/");
        assert_eq!(join("../../../../../x.js"), "file:///x.js");
        assert_eq!(join("/abs/x.js"), "file:///abs/x.js");
        assert_eq!(join("//server/share/x.js"), "file://server/share/x.js");
        assert_eq!(join("file:x.js"), "file:///root/project/app/x.js");
        assert_eq!(join("file:/x.js"), "file:///x.js");
    }

    #[test]
    fn plain_paths_take_the_short_way_to_the_same_url() {
        let paths = [
            "/",
            "/a",
            "/a/",
            "//a//b/",
            "/root/project/app/main.mjs",
            "/x/./y/../z.js",
            "/tmp/bench/g-esm-10k/mods/d003/m770.mjs",
            "/a-b_c~d/!$&'()*+,;=:@.js",
        ];
        for path in paths {
            let general = Url::from_file_path_escaped(path);
            let short = Url::from_file_path(path);
            assert_eq!((short.href(), short.path.as_str()), (general.href(), general.path.as_str()), "{path}");
        }
        // Anything to escape or encode takes the long way.
        assert_eq!(Url::from_file_path("/a b/%/#?.js").path, "/a%20b/%25/%23%3F.js");
        assert_eq!(Url::from_file_path("/é").path, "/%C3%A9");
    }

    #[test]
    fn query_and_fragment_are_kept_and_encoded() {
        assert_eq!(join("./a.js?v=1#h"), "file:///root/project/app/a.js?v=1#h");
        assert_eq!(join("./a b.js?x y#p q"), "file:///root/project/app/a%20b.js?x%20y#p%20q");
        assert_eq!(join("./a.js?"), "file:///root/project/app/a.js?");
        let u = Url::join("./a.js?#", &base()).unwrap();
        assert_eq!(u.search(), "");
        assert_eq!(u.hash(), "");
    }

    #[test]
    fn encoded_dot_segments_are_dot_segments() {
        assert_eq!(join("./x/%2e%2e/y.js"), "file:///root/project/app/y.js");
        assert_eq!(join("./x/%2E/y.js"), "file:///root/project/app/x/y.js");
    }

    #[test]
    fn absolute_urls_parse() {
        assert_eq!(Url::parse("FILE:///a/b.js").unwrap().href(), "file:///a/b.js");
        assert_eq!(Url::parse("file:src/util.js").unwrap().href(), "file:///src/util.js");
        assert_eq!(Url::parse("file:").unwrap().href(), "file:///");
        assert_eq!(Url::parse("file://localhost/a").unwrap().href(), "file:///a");
        assert_eq!(Url::parse("C:\\x.js").unwrap().href(), "c:\\x.js");
        assert_eq!(Url::parse("data:text/javascript,export default 1").unwrap().href(), "data:text/javascript,export default 1");
        assert_eq!(Url::parse("node:fs").unwrap().protocol(), "node:");
        assert!(Url::parse("dep-a").is_none());
        assert!(Url::parse("./x").is_none());
        assert!(Url::parse("1a:x").is_none());
    }

    #[test]
    fn file_url_to_path_decodes_and_checks() {
        let u = Url::join("./a%20b%C3%A9.js", &base()).unwrap();
        assert_eq!(u.to_file_path().unwrap(), "/root/project/app/a bé.js");
        let bad = Url::join("./100%.js", &base()).unwrap();
        assert_eq!(bad.to_file_path().unwrap_err().label(), "URIError");
        let slash = Url::join("./a%2Fb.js", &base()).unwrap();
        assert_eq!(slash.to_file_path().unwrap_err().label(), "ERR_INVALID_FILE_URL_PATH");
        let host = Url::parse("file://otherhost/x.js").unwrap();
        assert_eq!(host.to_file_path().unwrap_err().label(), "ERR_INVALID_FILE_URL_HOST");
        let node = Url::parse("node:fs").unwrap();
        assert_eq!(node.to_file_path().unwrap_err().label(), "ERR_INVALID_URL_SCHEME");
    }

    #[test]
    fn path_to_file_url_escapes_url_syntax() {
        assert_eq!(Url::from_file_path("/p/a#b?c%d e.js").href(), "file:///p/a%23b%3Fc%25d%20e.js");
        assert_eq!(Url::from_file_path("/p/é.js").href(), "file:///p/%C3%A9.js");
        let round = Url::from_file_path("/p/100%.js").to_file_path().unwrap();
        assert_eq!(round, "/p/100%.js");
    }

    #[test]
    fn strict_percent_decoding() {
        assert_eq!(percent_decode_strict("%75til").as_deref(), Some("util"));
        assert_eq!(percent_decode_strict("%"), None);
        assert_eq!(percent_decode_strict("%zz"), None);
        assert_eq!(percent_decode_strict("%E0%A4%A"), None);
        assert_eq!(percent_decode_strict("%FF"), None);
    }
}
