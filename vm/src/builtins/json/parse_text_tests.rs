//! Expected results are what Node v20 gives: `JSON.stringify(JSON.parse(text))` for valid
//! texts ("ok …"), the SyntaxError message otherwise ("err …").

use super::*;
use crate::builtins::json::quote::quote_json_string;
use crate::conversions::number_to_string::number_to_string;

/// A plain tree, printed back the way `JSON.stringify` would print the parsed object.
enum Tree {
    Null,
    Bool(bool),
    Num(f64),
    Str(Vec<u16>),
    Arr(Vec<Tree>),
    Obj(Vec<(Vec<u16>, Tree)>),
}

struct TreeBuilder;

impl JsonBuilder for TreeBuilder {
    type Value = Tree;
    fn null(&mut self) -> Tree {
        Tree::Null
    }
    fn boolean(&mut self, value: bool) -> Tree {
        Tree::Bool(value)
    }
    fn number(&mut self, value: f64) -> Tree {
        Tree::Num(value)
    }
    fn string(&mut self, units: Vec<u16>) -> Tree {
        Tree::Str(units)
    }
    fn array(&mut self, elements: Vec<Tree>) -> Tree {
        Tree::Arr(elements)
    }
    fn object(&mut self, members: Vec<(Vec<u16>, Tree)>) -> Tree {
        Tree::Obj(members)
    }
}

fn array_index(key: &[u16]) -> Option<u32> {
    let text = String::from_utf16(key).ok()?;
    let n: u32 = text.parse().ok()?;
    (n.to_string() == text && n != u32::MAX).then_some(n)
}

fn print(tree: &Tree, out: &mut Vec<u16>) {
    let ascii = |out: &mut Vec<u16>, s: &str| out.extend(s.encode_utf16());
    match tree {
        Tree::Null => ascii(out, "null"),
        Tree::Bool(b) => ascii(out, if *b { "true" } else { "false" }),
        Tree::Num(n) if n.is_finite() => ascii(out, &number_to_string(*n)),
        Tree::Num(_) => ascii(out, "null"),
        Tree::Str(s) => quote_json_string(s, out),
        Tree::Arr(elements) => {
            ascii(out, "[");
            for (i, e) in elements.iter().enumerate() {
                if i > 0 {
                    ascii(out, ",");
                }
                print(e, out);
            }
            ascii(out, "]");
        }
        Tree::Obj(members) => {
            // Property order of an ordinary object: indices ascending, then names in
            // insertion order; a repeated name keeps its place and takes the last value.
            let mut keys: Vec<&Vec<u16>> = Vec::new();
            for (k, _) in members {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            let mut ordered: Vec<&Vec<u16>> = keys.iter().copied().filter(|k| array_index(k).is_some()).collect();
            ordered.sort_by_key(|k| array_index(k));
            ordered.extend(keys.iter().copied().filter(|k| array_index(k).is_none()));
            ascii(out, "{");
            for (i, key) in ordered.into_iter().enumerate() {
                if i > 0 {
                    ascii(out, ",");
                }
                quote_json_string(key, out);
                ascii(out, ":");
                let value = members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v);
                if let Some(v) = value {
                    print(v, out);
                }
            }
            ascii(out, "}");
        }
    }
}

fn run(text: &str) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    match parse_json_text(&units, &mut TreeBuilder) {
        Ok(tree) => {
            let mut out = Vec::new();
            print(&tree, &mut out);
            format!("ok {}", String::from_utf16_lossy(&out))
        }
        Err(e) => format!("err {}", e.message_lossy()),
    }
}

#[rustfmt::skip]
const CASES: &[(&str, &str)] = &[
    ("{\"a\":1,}", "err Expected double-quoted property name in JSON at position 7"),
    ("", "err Unexpected end of JSON input"),
    ("{", "err Expected property name or '}' in JSON at position 1"),
    ("[1,2", "err Expected ',' or ']' after array element in JSON at position 4"),
    ("tru", "err Unexpected end of JSON input"),
    ("\"abc", "err Unterminated string in JSON at position 4"),
    ("{\"a\" 1}", "err Expected ':' after property name in JSON at position 5"),
    ("01", "err Unexpected number in JSON at position 1"),
    ("1.", "err Unterminated fractional number in JSON at position 2"),
    ("-", "err No number after minus sign in JSON at position 1"),
    ("\"\\x\"", "err Bad escaped character in JSON at position 2"),
    ("\"a\\u12\"", "err Bad Unicode escape in JSON at position 6"),
    ("[1]x", "err Unexpected non-whitespace character after JSON at position 3"),
    ("  ", "err Unexpected end of JSON input"),
    ("undefined", "err \"undefined\" is not valid JSON"),
    ("'a'", "err Unexpected token ''', \"'a'\" is not valid JSON"),
    ("{\"a\":1}}", "err Unexpected non-whitespace character after JSON at position 7"),
    ("nul", "err Unexpected end of JSON input"),
    ("1e", "err Exponent part is missing a number in JSON at position 2"),
    ("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":[1,2,3,4,5,6,7,8,9]x}", "err Expected ',' or '}' after property value in JSON at position 60"),
    ("[-]", "err No number after minus sign in JSON at position 2"),
    ("{a:1}", "err Expected property name or '}' in JSON at position 1"),
    ("[1,]", "err Unexpected token ']', \"[1,]\" is not valid JSON"),
    ("{,}", "err Expected property name or '}' in JSON at position 1"),
    ("123abc", "err Unexpected non-whitespace character after JSON at position 3"),
    ("[object Object]", "err \"[object Object]\" is not valid JSON"),
    ("NaN", "err \"NaN\" is not valid JSON"),
    ("Infinity", "err \"Infinity\" is not valid JSON"),
    ("null1", "err Unexpected non-whitespace character after JSON at position 4"),
    ("trux", "err Unexpected token 'x', \"trux\" is not valid JSON"),
    ("[1 true]", "err Expected ',' or ']' after array element in JSON at position 3"),
    ("[tru]", "err Unexpected token ']', \"[tru]\" is not valid JSON"),
    ("{\"a\":tx}", "err Unexpected token 'x', \"{\"a\":tx}\" is not valid JSON"),
    ("[1,2,3,4,5,6,7,8,9,10,11,12,@]", "err Unexpected token '@', ...\",10,11,12,@]\" is not valid JSON"),
    ("@", "err Unexpected token '@', \"@\" is not valid JSON"),
    ("[\"\u{1}\"]", "err Bad control character in string literal in JSON at position 2"),
    ("\"abc\u{a}\"", "err Bad control character in string literal in JSON at position 4"),
    ("{\"a\":}", "err Unexpected token '}', \"{\"a\":}\" is not valid JSON"),
    ("[-01]", "err Unexpected number in JSON at position 3"),
    ("[1.e2]", "err Unterminated fractional number in JSON at position 3"),
    ("[.5]", "err Unexpected token '.', \"[.5]\" is not valid JSON"),
    ("[+1]", "err Unexpected token '+', \"[+1]\" is not valid JSON"),
    ("1E+", "err Exponent part is missing a number in JSON at position 3"),
    ("-0", "ok 0"),
    ("\u{a0} 1", "err Unexpected token '\u{a0}', \"\u{a0} 1\" is not valid JSON"),
    ("\u{feff}1", "err Unexpected token '\u{feff}', \"\u{feff}1\" is not valid JSON"),
    ("[1]\u{2028}", "err Unexpected non-whitespace character after JSON at position 3"),
    (" [1]\u{9}\u{d}\u{a}", "ok [1]"),
    ("\"\\u00ZZ\"", "err Bad Unicode escape in JSON at position 5"),
    ("{\"a\":1 \"b\":2}", "err Expected ',' or '}' after property value in JSON at position 7"),
    ("[\"a\" \"b\"]", "err Expected ',' or ']' after array element in JSON at position 5"),
    ("\"\\", "err Unexpected end of JSON input"),
    ("{\"\\x\":1}", "err Bad escaped character in JSON at position 3"),
    ("[1, 2, 3, 4, 5, 6, 7, 8, ]", "err Unexpected token ']', ...\" 6, 7, 8, ]\" is not valid JSON"),
    ("{\"a\"", "err Expected ':' after property name in JSON at position 4"),
    ("{\"a\":", "err Unexpected end of JSON input"),
    ("[", "err Unexpected end of JSON input"),
    ("[1,", "err Unexpected end of JSON input"),
    ("t", "err Unexpected end of JSON input"),
    ("\"", "err Unterminated string in JSON at position 1"),
    ("\"\\u", "err Bad Unicode escape in JSON at position 3"),
    ("\"\\u12", "err Bad Unicode escape in JSON at position 5"),
    ("{\"a\":1", "err Expected ',' or '}' after property value in JSON at position 6"),
    ("[[[]]", "err Expected ',' or ']' after array element in JSON at position 5"),
    ("x123456789012345678901234567890", "err Unexpected token 'x', \"x123456789\"... is not valid JSON"),
    ("1234567890123x4567890123456789012345678901234567890", "err Unexpected non-whitespace character after JSON at position 13"),
    ("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,,]", "err Unexpected token ',', ...\",13,14,15,,]\" is not valid JSON"),
    ("falsey", "err Unexpected non-whitespace character after JSON at position 5"),
    ("[true false]", "err Expected ',' or ']' after array element in JSON at position 6"),
    ("{1:2}", "err Expected property name or '}' in JSON at position 1"),
    ("@2345678901234567890", "err Unexpected token '@', \"@2345678901234567890\" is not valid JSON"),
    ("@23456789012345678901", "err Unexpected token '@', \"@234567890\"... is not valid JSON"),
    ("{\"a\":1,1}", "err Expected double-quoted property name in JSON at position 7"),
    ("{\"a\":1,", "err Expected double-quoted property name in JSON at position 7"),
    ("[1,\"a\"2]", "err Expected ',' or ']' after array element in JSON at position 6"),
    ("1 2", "err Unexpected non-whitespace character after JSON at position 2"),
    ("[1\u{0}]", "err Expected ',' or ']' after array element in JSON at position 2"),
    ("{\"a\":1, \"b\"}", "err Unexpected token '}', \"{\"a\":1, \"b\"}\" is not valid JSON"),
    ("{\"a\" : 1 , }", "err Expected double-quoted property name in JSON at position 11"),
    ("[,1]", "err Unexpected token ',', \"[,1]\" is not valid JSON"),
    ("nul l", "err Unexpected token ' ', \"nul l\" is not valid JSON"),
    ("-a", "err No number after minus sign in JSON at position 1"),
    ("0.a", "err Unterminated fractional number in JSON at position 2"),
    ("1e-a", "err Exponent part is missing a number in JSON at position 3"),
    ("-00", "err Unexpected number in JSON at position 2"),
    ("0x10", "err Unexpected non-whitespace character after JSON at position 1"),
    ("[\"\u{9}\"]", "err Bad control character in string literal in JSON at position 2"),
    ("{\"a\":1,\"b\"", "err Unexpected end of JSON input"),
    ("{\"a\":1,\"b\" 2}", "err Unexpected number in JSON at position 11"),
    ("{\"a\":1,\"b\" \"c\"}", "err Unexpected string in JSON at position 11"),
    ("t1", "err Unexpected number in JSON at position 1"),
    ("t\"", "err Unexpected string in JSON at position 1"),
    ("[nul", "err Unexpected end of JSON input"),
    ("{ ", "err Expected property name or '}' in JSON at position 2"),
    ("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\": }", "err Unexpected token '}', ...\"d\":4,\"e\": }\" is not valid JSON"),
    ("[\"\\u00", "err Bad Unicode escape in JSON at position 6"),
    ("\"\\\"", "err Unterminated string in JSON at position 3"),
    ("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,@]", "err Unexpected token '@', ...\",18,19,20,@]\" is not valid JSON"),
    ("{\"a\":1,\"a\":2,\"b\":[true,false,null]}", "ok {\"a\":2,\"b\":[true,false,null]}"),
    ("[1e5,1E-5,-0.0,0.5e+1,123456789012345678901234567890,1e400]", "ok [100000,0.00001,0,5,1.2345678901234568e+29,null]"),
    ("{\"\\u0061\\n\":\"\\ud83d\\ude00\\ud800\"}", "ok {\"a\\n\":\"\u{1f600}\\ud800\"}"),
    ("{\"__proto__\":{\"x\":1},\"2\":1,\"1\":2}", "ok {\"1\":2,\"2\":1,\"__proto__\":{\"x\":1}}"),
    (" { \"a\" : [ 1 , { } , [ ] ] } ", "ok {\"a\":[1,{},[]]}"),
    ("\"\\u00e9\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "ok \"\u{e9}/\\b\\f\\n\\r\\t\\\"\\\\\""),
    ("[[[[[[[[[[1]]]]]]]]]]", "ok [[[[[[[[[[1]]]]]]]]]]"),
    ("-0.0e-0", "ok 0"),
    ("\"\u{7f}\u{2028}\"", "ok \"\u{7f}\u{2028}\""),
];

#[test]
fn parses_and_reports_errors_like_v8() {
    let mut failures = Vec::new();
    for &(text, expected) in CASES {
        let got = run(text);
        if got != expected {
            failures.push(format!("{text:?}\n   got: {got:?}\n  want: {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn the_unexpected_token_is_one_utf16_unit() {
    // node: JSON.parse("😀") — the message holds the lone high surrogate.
    let source: Vec<u16> = "😀".encode_utf16().collect();
    let err = parse_json_text(&source, &mut TreeBuilder).err().map(|e| e.message);
    let mut expected: Vec<u16> = "Unexpected token '".encode_utf16().collect();
    expected.push(0xD83D);
    expected.extend("', \"😀\" is not valid JSON".encode_utf16());
    assert_eq!(err, Some(expected));
}

#[test]
fn deep_nesting_does_not_recurse() {
    let depth = 200_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut tree = parse_json_text(&units, &mut TreeBuilder).ok();
    let mut levels = 0;
    // Take the tree apart iteratively too (a recursive drop would overflow).
    while let Some(Tree::Arr(mut elements)) = tree {
        levels += 1;
        tree = elements.pop();
    }
    assert_eq!(levels, depth);
    let open = "{\"a\":".repeat(depth);
    let units: Vec<u16> = open.encode_utf16().collect();
    assert_eq!(parse_json_text(&units, &mut TreeBuilder).err().map(|e| e.message_lossy()),
        Some("Unexpected end of JSON input".to_string()));
}
