//! RegExp objects (§22.2): the constructor, %RegExp.prototype% with exec/test/toString, the flag
//! accessors, and the @@match/@@matchAll/@@replace/@@search/@@split protocol the String methods
//! delegate to.
//!
//! Pattern matching itself is the `regress` crate's (an ECMAScript regular expression engine);
//! it matches directly on the UTF-16 code units, in UCS-2 mode without the `u`/`v` flag and in
//! UTF-16 mode with it. Compiled patterns are shared through a small per-thread cache, so a
//! regular expression literal evaluated in a loop is compiled once.

use std::cell::RefCell;
use modjs_parser::fast_hash::FastHashMap as HashMap;
use std::rc::Rc;

use crate::builtins::array::{array_create, create_data_index};
use crate::builtins::array_prototype::MAX_STRING_LENGTH;
use crate::builtins::regexp_string_iterator::create_regexp_string_iterator;
use crate::builtins::string::{code_point_at_units, get_substitution};
use crate::error::JsResult;
use crate::gc::ObjRef;
use crate::native::{CallArgs, NativeFn};
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey, Slot};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::value::Value;
use crate::vm::Vm;

/// The flags of a RegExp, parsed from its [[OriginalFlags]].
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct RegExpFlags {
    pub has_indices: bool,
    pub global: bool,
    pub ignore_case: bool,
    pub multiline: bool,
    pub dot_all: bool,
    pub unicode: bool,
    pub unicode_sets: bool,
    pub sticky: bool,
}

impl RegExpFlags {
    /// Parses a flags string: each of "dgimsuvy" at most once, and not both `u` and `v`.
    pub fn parse(units: &[u16]) -> Option<RegExpFlags> {
        let mut f = RegExpFlags::default();
        for &u in units {
            let slot = match u {
                0x64 => &mut f.has_indices,
                0x67 => &mut f.global,
                0x69 => &mut f.ignore_case,
                0x6D => &mut f.multiline,
                0x73 => &mut f.dot_all,
                0x75 => &mut f.unicode,
                0x76 => &mut f.unicode_sets,
                0x79 => &mut f.sticky,
                _ => return None,
            };
            if *slot {
                return None;
            }
            *slot = true;
        }
        if f.unicode && f.unicode_sets {
            return None;
        }
        Some(f)
    }

    /// Whether matching works on code points (`u` or `v`).
    pub fn full_unicode(&self) -> bool {
        self.unicode || self.unicode_sets
    }
}

/// A RegExp instance's internal slots.
pub struct RegExpData {
    /// [[OriginalSource]]
    pub source: JsString,
    /// [[OriginalFlags]]
    pub flags_text: JsString,
    pub flags: RegExpFlags,
    /// [[RegExpMatcher]]
    pub matcher: Rc<regress::Regex>,
    /// Which capture groups are named (see `named_group_indices`).
    pub named: Rc<[usize]>,
    /// For sticky matching: in `string`, no match starts in `from..next` (`next` is where the
    /// next match starts, or `None` when there is none). Lets `split` (which matches sticky at
    /// every position) run in linear time.
    sticky_hint: Option<(JsString, usize, Option<usize>)>,
}

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::RegExpPrototype);
    let ctor = vm.new_native_constructor("RegExp", 2, regexp_constructor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    let species = PropertyKey::Symbol(vm.symbols.species.clone());
    vm.define_getter(ctor, species, regexp_species, None, attrs::CONFIGURABLE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);
    vm.realm.set_intrinsic(Intrinsic::RegExp, ctor);
    let global = vm.global();
    vm.define_value(global, PropertyKey::from("RegExp"), Value::Object(ctor), attrs::BUILTIN);

    // In V8's property order.
    vm.define_method(proto, "exec", 1, regexp_exec);
    let getters: [(&str, NativeFn); 9] = [
        ("dotAll", get_dot_all),
        ("flags", get_flags),
        ("global", get_global),
        ("hasIndices", get_has_indices),
        ("ignoreCase", get_ignore_case),
        ("multiline", get_multiline),
        ("source", get_source),
        ("sticky", get_sticky),
        ("unicode", get_unicode),
    ];
    for (name, f) in getters {
        vm.define_getter(proto, PropertyKey::from(name), f, None, attrs::CONFIGURABLE);
    }
    vm.define_method(proto, "compile", 2, regexp_compile);
    vm.define_method(proto, "toString", 0, regexp_to_string);
    vm.define_method(proto, "test", 1, regexp_test);
    vm.define_getter(proto, PropertyKey::from("unicodeSets"), get_unicode_sets, None, attrs::CONFIGURABLE);
    let s = vm.symbols.match_.clone();
    define_symbol_method(vm, proto, s, "[Symbol.match]", 1, regexp_symbol_match);
    let s = vm.symbols.match_all.clone();
    define_symbol_method(vm, proto, s, "[Symbol.matchAll]", 1, regexp_symbol_match_all);
    let s = vm.symbols.replace.clone();
    define_symbol_method(vm, proto, s, "[Symbol.replace]", 2, regexp_symbol_replace);
    let s = vm.symbols.search.clone();
    define_symbol_method(vm, proto, s, "[Symbol.search]", 1, regexp_symbol_search);
    let s = vm.symbols.split.clone();
    define_symbol_method(vm, proto, s, "[Symbol.split]", 2, regexp_symbol_split);

    crate::builtins::regexp_string_iterator::install(vm);
}

fn define_symbol_method(vm: &mut Vm, obj: ObjRef, sym: crate::symbol::Symbol, _name: &str, len: u32, f: NativeFn) {
    vm.define_symbol_method(obj, sym, len, f, attrs::BUILTIN);
}

// ----- creation ----------------------------------------------------------------------------------

thread_local! {
    /// Compiled matchers by (pattern, flags), so that re-evaluating a literal does not re-parse.
    static COMPILED: RefCell<HashMap<(JsString, JsString), Rc<regress::Regex>>> = RefCell::new(HashMap::default());
}

/// The pattern as regress reads it: with `u`/`v` a surrogate pair is one code point; without,
/// the pattern is a list of code units (a pair is two characters, as the input is).
fn pattern_code_points(units: &[u16], full_unicode: bool) -> Vec<u32> {
    if !full_unicode {
        return units.iter().map(|&u| u as u32).collect();
    }
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let (cp, n) = code_point_at_units(units, i);
        out.push(cp);
        i += n;
    }
    out
}

/// Whether the pattern has a `{n,m}` quantifier with `n > m`.
fn has_reversed_braces(source: &str) -> bool {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            let rest = &source[i + 1..];
            if let Some(close) = rest.find('}') {
                let inner = &rest[..close];
                if let Some((a, b)) = inner.split_once(',') {
                    if let (Ok(a), Ok(b)) = (a.parse::<u64>(), b.parse::<u64>()) {
                        if a > b {
                            return true;
                        }
                    }
                }
            }
        }
        i += 1;
    }
    false
}

/// V8's wording for a pattern error, from regress's.
fn v8_pattern_message(regress_text: &str, source: &[u16], unicode: bool) -> String {
    let count = |c: u8| {
        let mut n = 0;
        let mut escaped = false;
        for &u in source {
            if escaped {
                escaped = false;
            } else if u == b'\\' as u16 {
                escaped = true;
            } else if u == c as u16 {
                n += 1;
            }
        }
        n
    };
    let text = String::from_utf16_lossy(source);
    match regress_text {
        "Unbalanced parenthesis" => {
            if count(b'(') > count(b')') {
                "Unterminated group".into()
            } else {
                "Unmatched ')'".into()
            }
        }
        "Incomplete escape" | "Unterminated escape" => "\\ at end of pattern".into(),
        "Quantifier not allowed here" | "Invalid quantifier" | "Invalid braced quantifier" | "Invalid atom character" => {
            if has_reversed_braces(&text) {
                "numbers out of order in {} quantifier".into()
            } else if unicode && count(b'{') > count(b'}') {
                "Incomplete quantifier".into()
            } else if unicode && regress_text == "Invalid atom character" && (text.contains('{') || text.contains('}')) {
                "Lone quantifier brackets".into()
            } else {
                "Nothing to repeat".into()
            }
        }
        "Invalid character range" => "Range out of order in character class".into(),
        t if t.starts_with("Range values reversed") => "Range out of order in character class".into(),
        t if t.starts_with("Backreference to invalid named capture group") => "Invalid named capture referenced".into(),
        "Invalid character escape" => "Invalid escape".into(),
        "Unbalanced bracket" => "Unterminated character class".into(),
        "Invalid unicode escape" => "Invalid Unicode escape".into(),
        "Invalid token at named capture group identifier" => "Invalid capture group name".into(),
        "Invalid named backreference syntax" => "Invalid named capture referenced".into(),
        other => other.to_string(),
    }
}

/// Parses and compiles a pattern with validated flags (cached).
fn compile_pattern(vm: &mut Vm, pattern: &JsString, flags_text: &JsString, flags: RegExpFlags) -> JsResult<Rc<regress::Regex>> {
    let key = (pattern.clone(), flags_text.clone());
    if let Some(re) = COMPILED.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(re);
    }
    let rflags = regress::Flags {
        icase: flags.ignore_case,
        multiline: flags.multiline,
        dot_all: flags.dot_all,
        unicode: flags.unicode,
        unicode_sets: flags.unicode_sets,
        no_opt: false,
    };
    let cps = pattern_code_points(pattern.as_units(), flags.full_unicode());
    match regress::Regex::from_unicode(cps.into_iter(), rflags) {
        Ok(re) => {
            let re = Rc::new(re);
            COMPILED.with(|c| {
                let mut c = c.borrow_mut();
                if c.len() >= 512 {
                    c.clear();
                }
                c.insert(key, re.clone());
            });
            Ok(re)
        }
        Err(e) => {
            let msg = v8_pattern_message(&e.text, pattern.as_units(), flags.full_unicode());
            Err(vm.throw_syntax_error(&format!(
                "Invalid regular expression: /{}/{}: {}",
                pattern.to_rust_lossy(),
                flags_text.to_rust_lossy(),
                msg
            )))
        }
    }
}

/// The parsed slots for a pattern and flags (the checks of RegExpInitialize, §22.2.3.3).
fn regexp_data(vm: &mut Vm, pattern: JsString, flags_text: JsString) -> JsResult<RegExpData> {
    let Some(flags) = RegExpFlags::parse(flags_text.as_units()) else {
        return Err(vm.throw_syntax_error(&format!(
            "Invalid flags supplied to RegExp constructor '{}'",
            flags_text.to_rust_lossy()
        )));
    };
    let matcher = compile_pattern(vm, &pattern, &flags_text, flags)?;
    let named: Rc<[usize]> = named_group_indices(pattern.as_units()).into();
    Ok(RegExpData { source: pattern, flags_text, flags, matcher, named, sticky_hint: None })
}

/// RegExpAlloc + RegExpInitialize (§22.2.3.1, §22.2.3.3) with the pattern and flags already
/// converted to strings: a new RegExp object with `lastIndex` 0.
fn regexp_alloc_initialized(vm: &mut Vm, proto: ObjRef, pattern: JsString, flags: JsString) -> JsResult<ObjRef> {
    let data = regexp_data(vm, pattern, flags)?;
    let obj = vm.heap.alloc(Object::new(Some(proto), ObjectKind::RegExp(Box::new(data))));
    vm.define_value(obj, PropertyKey::from("lastIndex"), Value::Number(0.0), attrs::WRITABLE);
    Ok(obj)
}

/// A regular expression literal's object: `/pattern/flags` (RegExpCreate with strings).
/// The interpreter calls this for each evaluation of a literal.
impl Vm {
    pub fn regexp_create(&mut self, pattern: JsString, flags: JsString) -> JsResult<ObjRef> {
        let proto = self.intrinsic(Intrinsic::RegExpPrototype);
        regexp_alloc_initialized(self, proto, pattern, flags)
    }
}

/// RegExpCreate(P, F) (§22.2.3.2) with values (`undefined` meaning the empty string).
pub fn regexp_create_from_values(vm: &mut Vm, p: &Value, f: &Value) -> JsResult<ObjRef> {
    let pattern = if p.is_undefined() { JsString::empty() } else { vm.to_string(p)? };
    let flags = if f.is_undefined() { JsString::empty() } else { vm.to_string(f)? };
    vm.regexp_create(pattern, flags)
}

/// IsRegExp (§7.2.8).
pub fn is_regexp(vm: &mut Vm, v: &Value) -> JsResult<bool> {
    let Value::Object(o) = v else { return Ok(false) };
    let key = PropertyKey::Symbol(vm.symbols.match_.clone());
    let matcher = vm.get(*o, &key)?;
    if !matcher.is_undefined() {
        return Ok(vm.to_boolean(&matcher));
    }
    Ok(matches!(vm.heap.get(*o).kind, ObjectKind::RegExp(_)))
}

fn regexp_slots(vm: &Vm, o: ObjRef) -> Option<(JsString, JsString)> {
    match &vm.heap.get(o).kind {
        ObjectKind::RegExp(d) => Some((d.source.clone(), d.flags_text.clone())),
        _ => None,
    }
}

/// RegExp(pattern, flags) (§22.2.4.1).
fn regexp_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let pattern = args.get(0);
    let flags = args.get(1);
    // 1. Let patternIsRegExp be ? IsRegExp(pattern).
    let pattern_is_regexp = is_regexp(vm, &pattern)?;
    // 2-3. Called as a function with a regexp and no flags: return it when its constructor is
    // this function.
    let new_target = match args.new_target {
        Some(nt) => nt,
        None => {
            let nt = args.callee;
            if pattern_is_regexp && flags.is_undefined() {
                let pc = vm.get_v(&pattern, &PropertyKey::from("constructor"))?;
                if let Value::Object(pc) = pc {
                    if pc == nt {
                        return Ok(pattern);
                    }
                }
            }
            nt
        }
    };
    // 4-6. P and F.
    let slots = pattern.as_object().and_then(|o| regexp_slots(vm, o));
    let (p, f) = if let Some((src, fl)) = slots {
        (Value::String(src), if flags.is_undefined() { Value::String(fl) } else { flags })
    } else if pattern_is_regexp {
        let src = vm.get_v(&pattern, &PropertyKey::from("source"))?;
        let fl = if flags.is_undefined() { vm.get_v(&pattern, &PropertyKey::from("flags"))? } else { flags };
        (src, fl)
    } else {
        (pattern, flags)
    };
    // 7. Let O be ? RegExpAlloc(newTarget).
    let proto = vm.get_prototype_from_constructor(new_target, Intrinsic::RegExpPrototype)?;
    // 8. RegExpInitialize(O, P, F).
    let ps = if p.is_undefined() { JsString::empty() } else { vm.to_string(&p)? };
    let fs = if f.is_undefined() { JsString::empty() } else { vm.to_string(&f)? };
    Ok(Value::Object(regexp_alloc_initialized(vm, proto, ps, fs)?))
}

/// get RegExp[@@species] (§22.2.5.2).
fn regexp_species(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this.clone())
}

/// RegExp.prototype.compile(pattern, flags) (§B.2.4.1): re-initializes this regexp in place.
fn regexp_compile(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(o) = args.this.as_object().filter(|o| regexp_slots(vm, *o).is_some()) else {
        return Err(incompatible(vm, "RegExp.prototype.compile", &args.this));
    };
    let pattern = args.get(0);
    let flags = args.get(1);
    let (p, f) = match pattern.as_object().and_then(|po| regexp_slots(vm, po)) {
        Some((src, fl)) => {
            if !flags.is_undefined() {
                return Err(vm.throw_type_error("Cannot supply flags when constructing one RegExp from another"));
            }
            (src, fl)
        }
        None => {
            let p = if pattern.is_undefined() { JsString::empty() } else { vm.to_string(&pattern)? };
            let f = if flags.is_undefined() { JsString::empty() } else { vm.to_string(&flags)? };
            (p, f)
        }
    };
    let data = regexp_data(vm, p, f)?;
    vm.heap.get_mut(o).kind = ObjectKind::RegExp(Box::new(data));
    vm.put(o, PropertyKey::from("lastIndex"), Value::Number(0.0), true)?;
    Ok(Value::Object(o))
}

fn incompatible(vm: &mut Vm, method: &str, this: &Value) -> Value {
    let shown = vm.describe_for_error(this);
    vm.throw_type_error(&format!("Method {method} called on incompatible receiver {shown}"))
}

// ----- matching ----------------------------------------------------------------------------------

/// One successful match: the whole match and the capture groups as code-unit ranges, and the
/// group names (empty for an unnamed group).
struct MatchResult {
    start: usize,
    end: usize,
    captures: Vec<Option<(usize, usize)>>,
    names: Vec<Option<String>>,
}

/// The capture-group indices (0-based, among the capturing groups) of the named groups, in
/// pattern order: every `(` that is not `(?` opens a capturing group, and so does `(?<name>`.
fn named_group_indices(pattern: &[u16]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut count = 0;
    let mut i = 0;
    let mut in_class = false;
    while i < pattern.len() {
        let u = pattern[i];
        if u == b'\\' as u16 {
            i += 2;
            continue;
        }
        if in_class {
            if u == b']' as u16 {
                in_class = false;
            }
        } else if u == b'[' as u16 {
            in_class = true;
        } else if u == b'(' as u16 {
            let next = pattern.get(i + 1).copied();
            if next != Some(b'?' as u16) {
                count += 1;
            } else if pattern.get(i + 2) == Some(&(b'<' as u16))
                && !matches!(pattern.get(i + 3), Some(&c) if c == b'=' as u16 || c == b'!' as u16)
            {
                out.push(count);
                count += 1;
            }
        }
        i += 1;
    }
    out
}

/// Runs the matcher on `s` from `from`, finding the leftmost match starting at or after it.
fn run_matcher(re: &regress::Regex, named: &[usize], full_unicode: bool, s: &[u16], from: usize) -> Option<MatchResult> {
    let m = if full_unicode { re.find_from_utf16(s, from).next() } else { re.find_from_ucs2(s, from).next() }?;
    let captures: Vec<Option<(usize, usize)>> = m.captures.iter().map(|c| c.as_ref().map(|r| (r.start, r.end))).collect();
    let mut names: Vec<Option<String>> = Vec::new();
    if !named.is_empty() {
        names = vec![None; captures.len()];
        for (&idx, (name, _)) in named.iter().zip(m.named_groups()) {
            if let Some(slot) = names.get_mut(idx) {
                *slot = Some(name.to_string());
            }
        }
    }
    Some(MatchResult { start: m.range.start, end: m.range.end, captures, names })
}

/// AdvanceStringIndex (§22.2.7.3).
pub fn advance_string_index(s: &[u16], index: u64, unicode: bool) -> u64 {
    if !unicode || index + 1 >= s.len() as u64 {
        return index + 1;
    }
    index + code_point_at_units(s, index as usize).1 as u64
}

fn get_last_index(vm: &mut Vm, r: ObjRef) -> JsResult<u64> {
    let v = vm.get(r, &PropertyKey::from("lastIndex"))?;
    match v {
        Value::Number(n) if n >= 0.0 && n.fract() == 0.0 => Ok(n.min(9007199254740991.0) as u64),
        other => vm.to_length(&other),
    }
}

fn set_last_index(vm: &mut Vm, r: ObjRef, v: u64) -> JsResult<()> {
    vm.put(r, PropertyKey::from("lastIndex"), Value::Number(v as f64), true)
}

/// RegExpBuiltinExec(R, S) (§22.2.7.2), returning the raw match (or None) after updating
/// `lastIndex` as the spec does.
fn builtin_exec_raw(vm: &mut Vm, r: ObjRef, s: &JsString) -> JsResult<Option<(MatchResult, RegExpFlags)>> {
    let length = s.len() as u64;
    // 2. Let lastIndex be ℝ(? ToLength(? Get(R, "lastIndex"))).
    let mut last_index = get_last_index(vm, r)?;
    let (flags, matcher, named) = match &vm.heap.get(r).kind {
        ObjectKind::RegExp(d) => (d.flags, d.matcher.clone(), d.named.clone()),
        _ => return Err(incompatible(vm, "RegExp.prototype.exec", &Value::Object(r))),
    };
    // 4. Neither global nor sticky: start at 0.
    if !flags.global && !flags.sticky {
        last_index = 0;
    }
    // 13.a. Past the end: fail.
    if last_index > length {
        if flags.global || flags.sticky {
            set_last_index(vm, r, 0)?;
        }
        return Ok(None);
    }
    let from = last_index as usize;
    let found = if flags.sticky {
        sticky_match(vm, r, &matcher, &named, flags, s, from)
    } else {
        run_matcher(&matcher, &named, flags.full_unicode(), s.as_units(), from)
    };
    let Some(m) = found else {
        // 13.b.i. Failure: reset lastIndex when global or sticky.
        if flags.global || flags.sticky {
            set_last_index(vm, r, 0)?;
        }
        return Ok(None);
    };
    // 15-16. Update lastIndex to the end of the match.
    if flags.global || flags.sticky {
        set_last_index(vm, r, m.end as u64)?;
    }
    Ok(Some((m, flags)))
}

/// A sticky match at exactly `from`, using the object's hint about where the next match starts.
fn sticky_match(vm: &mut Vm, r: ObjRef, matcher: &regress::Regex, named: &[usize], flags: RegExpFlags, s: &JsString, from: usize) -> Option<MatchResult> {
    if let ObjectKind::RegExp(d) = &vm.heap.get(r).kind {
        if let Some((hs, hfrom, hnext)) = &d.sticky_hint {
            if JsString::ptr_eq(hs, s) && from >= *hfrom {
                match hnext {
                    None => return None,
                    Some(n) if from < *n => return None,
                    _ => {}
                }
            }
        }
    }
    let m = run_matcher(matcher, named, flags.full_unicode(), s.as_units(), from);
    let next = m.as_ref().map(|m| m.start);
    if let ObjectKind::RegExp(d) = &mut vm.heap.get_mut(r).kind {
        d.sticky_hint = Some((s.clone(), from, next));
    }
    match m {
        Some(m) if m.start == from => Some(m),
        _ => None,
    }
}

/// RegExpBuiltinExec's result object (§22.2.7.2 steps 20-36): the match array with `index`,
/// `input`, `groups` and, with the `d` flag, `indices`.
fn build_match_array(vm: &mut Vm, s: &JsString, m: &MatchResult, flags: RegExpFlags) -> JsResult<ObjRef> {
    let n = m.captures.len();
    let units = s.as_units();
    let a = array_create(vm, (n + 1) as u64, None)?;
    vm.define_value(a, PropertyKey::from("index"), Value::Number(m.start as f64), attrs::ALL);
    vm.define_value(a, PropertyKey::from("input"), Value::String(s.clone()), attrs::ALL);
    let mut elements = Vec::with_capacity(n + 1);
    elements.push(Value::String(JsString::from_slice(&units[m.start..m.end])));
    for c in &m.captures {
        elements.push(match c {
            Some((b, e)) => Value::String(JsString::from_slice(&units[*b..*e])),
            None => Value::Undefined,
        });
    }
    let has_groups = m.names.iter().any(Option::is_some);
    let groups = if has_groups {
        let g = vm.new_object_with_proto(None);
        for (i, name) in m.names.iter().enumerate() {
            if let Some(name) = name {
                vm.define_value(g, PropertyKey::from(name.as_str()), elements[i + 1].clone(), attrs::ALL);
            }
        }
        Value::Object(g)
    } else {
        Value::Undefined
    };
    for (i, v) in elements.into_iter().enumerate() {
        create_data_index(vm, a, i as u64, v)?;
    }
    vm.define_value(a, PropertyKey::from("groups"), groups, attrs::ALL);
    if flags.has_indices {
        // MakeMatchIndicesIndexPairArray (§22.2.7.8).
        let indices = array_create(vm, (n + 1) as u64, None)?;
        let mut pairs = Vec::with_capacity(n + 1);
        let whole = vm.create_array_from_list(vec![Value::Number(m.start as f64), Value::Number(m.end as f64)]);
        pairs.push(Value::Object(whole));
        for c in &m.captures {
            pairs.push(match c {
                Some((b, e)) => {
                    Value::Object(vm.create_array_from_list(vec![Value::Number(*b as f64), Value::Number(*e as f64)]))
                }
                None => Value::Undefined,
            });
        }
        let igroups = if has_groups {
            let g = vm.new_object_with_proto(None);
            for (i, name) in m.names.iter().enumerate() {
                if let Some(name) = name {
                    vm.define_value(g, PropertyKey::from(name.as_str()), pairs[i + 1].clone(), attrs::ALL);
                }
            }
            Value::Object(g)
        } else {
            Value::Undefined
        };
        for (i, v) in pairs.into_iter().enumerate() {
            create_data_index(vm, indices, i as u64, v)?;
        }
        vm.define_value(indices, PropertyKey::from("groups"), igroups, attrs::ALL);
        vm.define_value(a, PropertyKey::from("indices"), Value::Object(indices), attrs::ALL);
    }
    Ok(a)
}

/// RegExpBuiltinExec(R, S) (§22.2.7.2).
fn regexp_builtin_exec(vm: &mut Vm, r: ObjRef, s: &JsString) -> JsResult<Value> {
    match builtin_exec_raw(vm, r, s)? {
        Some((m, flags)) => Ok(Value::Object(build_match_array(vm, s, &m, flags)?)),
        None => Ok(Value::Null),
    }
}

/// Whether `f` is the built-in %RegExp.prototype.exec%.
fn is_builtin_exec(vm: &Vm, f: &Value) -> bool {
    match f {
        Value::Object(o) => match &vm.heap.get(*o).kind {
            ObjectKind::NativeFunction(nf) => nf.f as usize == (regexp_exec as NativeFn) as usize,
            _ => false,
        },
        _ => false,
    }
}

/// RegExpExec(R, S) (§22.2.7.1).
fn regexp_exec_abstract(vm: &mut Vm, r: ObjRef, s: &JsString) -> JsResult<Value> {
    // 1. Let exec be ? Get(R, "exec").
    let exec = vm.get(r, &PropertyKey::from("exec"))?;
    if is_builtin_exec(vm, &exec) && matches!(vm.heap.get(r).kind, ObjectKind::RegExp(_)) {
        return regexp_builtin_exec(vm, r, s);
    }
    // 2. If IsCallable(exec), call it; the result must be an object or null.
    if vm.is_callable(&exec) {
        let result = vm.call(&exec, Value::Object(r), &[Value::String(s.clone())])?;
        if !result.is_object() && !result.is_null() {
            return Err(vm.throw_type_error("object null is not a function"));
        }
        return Ok(result);
    }
    // 3-4. Otherwise R must be a RegExp.
    if !matches!(vm.heap.get(r).kind, ObjectKind::RegExp(_)) {
        return Err(incompatible(vm, "RegExp.prototype.exec", &Value::Object(r)));
    }
    regexp_builtin_exec(vm, r, s)
}

// ----- prototype methods -------------------------------------------------------------------------

/// RegExp.prototype.exec(string) (§22.2.6.2).
fn regexp_exec(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let r = match &args.this {
        Value::Object(o) if matches!(vm.heap.get(*o).kind, ObjectKind::RegExp(_)) => *o,
        _ => return Err(incompatible(vm, "RegExp.prototype.exec", &args.this)),
    };
    let s = vm.to_string(&args.get(0))?;
    regexp_builtin_exec(vm, r, &s)
}

/// RegExp.prototype.test(S) (§22.2.6.16).
fn regexp_test(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(r) = args.this else {
        return Err(incompatible(vm, "RegExp.prototype.test", &args.this));
    };
    let s = vm.to_string(&args.get(0))?;
    // A plain regexp needs no match array.
    let exec = vm.get(r, &PropertyKey::from("exec"))?;
    if is_builtin_exec(vm, &exec) && matches!(vm.heap.get(r).kind, ObjectKind::RegExp(_)) {
        return Ok(Value::Bool(builtin_exec_raw(vm, r, &s)?.is_some()));
    }
    let m = regexp_exec_abstract(vm, r, &s)?;
    Ok(Value::Bool(!m.is_null()))
}

/// RegExp.prototype.toString() (§22.2.6.17).
fn regexp_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(r) = args.this else {
        return Err(incompatible(vm, "RegExp.prototype.toString", &args.this));
    };
    let source = vm.get(r, &PropertyKey::from("source"))?;
    let pattern = vm.to_string(&source)?;
    let flags_v = vm.get(r, &PropertyKey::from("flags"))?;
    let flags = vm.to_string(&flags_v)?;
    let mut out = vec![b'/' as u16];
    out.extend_from_slice(pattern.as_units());
    out.push(b'/' as u16);
    out.extend_from_slice(flags.as_units());
    Ok(Value::String(JsString::from_units(out)))
}

/// EscapeRegExpPattern (§22.2.6.13.1): the source as it could appear in a literal.
fn escape_regexp_pattern(src: &JsString) -> JsString {
    if src.is_empty() {
        return JsString::from("(?:)");
    }
    let mut out = Vec::with_capacity(src.len());
    let mut escaped = false;
    let mut in_class = false;
    for &u in src.as_units() {
        match u {
            0x0A => out.extend("\\n".encode_utf16()),
            0x0D => out.extend("\\r".encode_utf16()),
            0x2028 => out.extend("\\u2028".encode_utf16()),
            0x2029 => out.extend("\\u2029".encode_utf16()),
            0x2F if !escaped && !in_class => out.extend("\\/".encode_utf16()),
            _ => out.push(u),
        }
        if escaped {
            escaped = false;
        } else if u == b'\\' as u16 {
            escaped = true;
        } else if u == b'[' as u16 {
            in_class = true;
        } else if u == b']' as u16 {
            in_class = false;
        }
    }
    JsString::from_units(out)
}

/// The shared part of the flag getters (§22.2.6.4.1 RegExpHasFlag).
fn regexp_has_flag(vm: &mut Vm, this: &Value, name: &str, pick: fn(&RegExpFlags) -> bool) -> JsResult<Value> {
    let Value::Object(r) = this else {
        let shown = vm.describe_for_error(this);
        return Err(vm.throw_type_error(&format!("RegExp.prototype.{name} getter called on non-object {shown}")));
    };
    if let ObjectKind::RegExp(d) = &vm.heap.get(*r).kind {
        return Ok(Value::Bool(pick(&d.flags)));
    }
    if *r == vm.intrinsic(Intrinsic::RegExpPrototype) {
        return Ok(Value::Undefined);
    }
    Err(vm.throw_type_error(&format!("RegExp.prototype.{name} getter called on non-RegExp object")))
}

macro_rules! flag_getter {
    ($fn_name:ident, $name:literal, $field:ident) => {
        #[doc = concat!("get RegExp.prototype.", $name, " (§22.2.6).")]
        fn $fn_name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
            regexp_has_flag(vm, &args.this, $name, |f| f.$field)
        }
    };
}

flag_getter!(get_dot_all, "dotAll", dot_all);
flag_getter!(get_global, "global", global);
flag_getter!(get_has_indices, "hasIndices", has_indices);
flag_getter!(get_ignore_case, "ignoreCase", ignore_case);
flag_getter!(get_multiline, "multiline", multiline);
flag_getter!(get_sticky, "sticky", sticky);
flag_getter!(get_unicode, "unicode", unicode);
flag_getter!(get_unicode_sets, "unicodeSets", unicode_sets);

/// get RegExp.prototype.flags (§22.2.6.4).
fn get_flags(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(r) = args.this else {
        let shown = vm.describe_for_error(&args.this);
        return Err(vm.throw_type_error(&format!("RegExp.prototype.flags getter called on non-object {shown}")));
    };
    let mut out = Vec::new();
    for (name, ch) in [
        ("hasIndices", 'd'),
        ("global", 'g'),
        ("ignoreCase", 'i'),
        ("multiline", 'm'),
        ("dotAll", 's'),
        ("unicode", 'u'),
        ("unicodeSets", 'v'),
        ("sticky", 'y'),
    ] {
        let v = vm.get(r, &PropertyKey::from(name))?;
        if vm.to_boolean(&v) {
            out.push(ch as u16);
        }
    }
    Ok(Value::String(JsString::from_units(out)))
}

/// get RegExp.prototype.source (§22.2.6.13).
fn get_source(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(r) = args.this else {
        let shown = vm.describe_for_error(&args.this);
        return Err(vm.throw_type_error(&format!("RegExp.prototype.source getter called on non-object {shown}")));
    };
    if let ObjectKind::RegExp(d) = &vm.heap.get(r).kind {
        let src = d.source.clone();
        return Ok(Value::String(escape_regexp_pattern(&src)));
    }
    if r == vm.intrinsic(Intrinsic::RegExpPrototype) {
        return Ok(Value::from("(?:)"));
    }
    Err(vm.throw_type_error("RegExp.prototype.source getter called on non-RegExp object"))
}

/// The this value of the @@ methods, which must be an object.
fn this_regexp_object(vm: &mut Vm, this: &Value, method: &str) -> JsResult<ObjRef> {
    match this {
        Value::Object(o) => Ok(*o),
        _ => Err(incompatible(vm, method, this)),
    }
}

fn flags_string(vm: &mut Vm, rx: ObjRef) -> JsResult<JsString> {
    let f = vm.get(rx, &PropertyKey::from("flags"))?;
    vm.to_string(&f)
}

fn has_flag(flags: &JsString, c: u8) -> bool {
    flags.as_units().contains(&(c as u16))
}

/// The `"0"` element of a match result, as a string.
fn match_string(vm: &mut Vm, result: &Value) -> JsResult<JsString> {
    let v = vm.get_v(result, &PropertyKey::Index(0))?;
    vm.to_string(&v)
}

/// After an empty match of a global regexp: move lastIndex past it (so the loop advances).
fn advance_after_empty_match(vm: &mut Vm, rx: ObjRef, s: &JsString, full_unicode: bool) -> JsResult<()> {
    let this_index = get_last_index(vm, rx)?;
    let next = advance_string_index(s.as_units(), this_index, full_unicode);
    set_last_index(vm, rx, next)
}

/// RegExp.prototype[@@match](string) (§22.2.6.8).
fn regexp_symbol_match(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rx = this_regexp_object(vm, &args.this, "RegExp.prototype.@@match")?;
    let s = vm.to_string(&args.get(0))?;
    let flags = flags_string(vm, rx)?;
    if !has_flag(&flags, b'g') {
        return regexp_exec_abstract(vm, rx, &s);
    }
    let full_unicode = has_flag(&flags, b'u') || has_flag(&flags, b'v');
    set_last_index(vm, rx, 0)?;
    let mut found: Vec<Value> = Vec::new();
    loop {
        let result = regexp_exec_abstract(vm, rx, &s)?;
        if result.is_null() {
            if found.is_empty() {
                return Ok(Value::Null);
            }
            return Ok(Value::Object(vm.create_array_from_list(found)));
        }
        let match_str = match_string(vm, &result)?;
        if match_str.is_empty() {
            advance_after_empty_match(vm, rx, &s, full_unicode)?;
        }
        found.push(Value::String(match_str));
    }
}

/// SpeciesConstructor(O, defaultConstructor) (§7.3.22).
fn species_constructor(vm: &mut Vm, o: ObjRef, default: Intrinsic) -> JsResult<ObjRef> {
    let c = vm.get(o, &PropertyKey::from("constructor"))?;
    if c.is_undefined() {
        return Ok(vm.intrinsic(default));
    }
    let Value::Object(co) = c else {
        return Err(vm.throw_type_error("The .constructor property is not an object"));
    };
    let key = PropertyKey::Symbol(vm.symbols.species.clone());
    let s = vm.get(co, &key)?;
    if s.is_nullish() {
        return Ok(vm.intrinsic(default));
    }
    if vm.is_constructor(&s) {
        if let Value::Object(so) = s {
            return Ok(so);
        }
    }
    Err(vm.throw_type_error("object.constructor[Symbol.species] is not a constructor"))
}

fn construct_object(vm: &mut Vm, c: ObjRef, args: &[Value]) -> JsResult<ObjRef> {
    match vm.construct(c, args, None)? {
        Value::Object(o) => Ok(o),
        other => {
            let shown = vm.describe_for_error(&other);
            Err(vm.throw_type_error(&format!("{shown} is not an object")))
        }
    }
}

/// RegExp.prototype[@@matchAll](string) (§22.2.6.9).
fn regexp_symbol_match_all(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let r = this_regexp_object(vm, &args.this, "RegExp.prototype.@@matchAll")?;
    let s = vm.to_string(&args.get(0))?;
    let c = species_constructor(vm, r, Intrinsic::RegExp)?;
    let flags = flags_string(vm, r)?;
    let matcher = construct_object(vm, c, &[Value::Object(r), Value::String(flags.clone())])?;
    let last_index = get_last_index(vm, r)?;
    set_last_index(vm, matcher, last_index)?;
    let global = has_flag(&flags, b'g');
    let full_unicode = has_flag(&flags, b'u') || has_flag(&flags, b'v');
    Ok(Value::Object(create_regexp_string_iterator(vm, matcher, s, global, full_unicode)))
}

/// One step of a RegExp String Iterator (§22.2.9.2.1 steps 5-11): the next match, or None.
pub fn regexp_string_iterator_step(vm: &mut Vm, r: ObjRef, s: &JsString, global: bool, full_unicode: bool) -> JsResult<Option<Value>> {
    let m = regexp_exec_abstract(vm, r, s)?;
    if m.is_null() {
        return Ok(None);
    }
    if global {
        let match_str = match_string(vm, &m)?;
        if match_str.is_empty() {
            advance_after_empty_match(vm, r, s, full_unicode)?;
        }
    }
    Ok(Some(m))
}

/// RegExp.prototype[@@replace](string, replaceValue) (§22.2.6.11).
fn regexp_symbol_replace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rx = this_regexp_object(vm, &args.this, "RegExp.prototype.@@replace")?;
    let s = vm.to_string(&args.get(0))?;
    let length_s = s.len();
    let mut replace_value = args.get(1);
    let functional = vm.is_callable(&replace_value);
    if !functional {
        replace_value = Value::String(vm.to_string(&replace_value)?);
    }
    let flags = flags_string(vm, rx)?;
    let global = has_flag(&flags, b'g');
    let full_unicode = has_flag(&flags, b'u') || has_flag(&flags, b'v');
    if global {
        set_last_index(vm, rx, 0)?;
    }
    // 11-12. Collect the results.
    let mut results: Vec<Value> = Vec::new();
    loop {
        let result = regexp_exec_abstract(vm, rx, &s)?;
        if result.is_null() {
            break;
        }
        results.push(result.clone());
        if !global {
            break;
        }
        let match_str = match_string(vm, &result)?;
        if match_str.is_empty() {
            advance_after_empty_match(vm, rx, &s, full_unicode)?;
        }
    }
    // 14-15. Build the result string.
    let units = s.as_units();
    let mut accumulated: Vec<u16> = Vec::with_capacity(units.len());
    let mut next_source_position = 0usize;
    for result in results {
        let Value::Object(ro) = result else { continue };
        let result_length = vm.length_of_array_like(ro)?;
        let n_captures = result_length.saturating_sub(1);
        let matched = match_string(vm, &result)?;
        let match_length = matched.len();
        let pos_v = vm.get(ro, &PropertyKey::from("index"))?;
        let position = vm.to_integer_or_infinity(&pos_v)?.max(0.0).min(length_s as f64) as usize;
        let mut captures: Vec<Value> = Vec::with_capacity(n_captures as usize);
        for n in 1..=n_captures {
            let cap = vm.get(ro, &crate::builtins::array::index_key(n))?;
            captures.push(if cap.is_undefined() { cap } else { Value::String(vm.to_string(&cap)?) });
        }
        let mut named_captures = vm.get(ro, &PropertyKey::from("groups"))?;
        let replacement: Vec<u16> = if functional {
            let mut call_args = Vec::with_capacity(captures.len() + 4);
            call_args.push(Value::String(matched.clone()));
            call_args.extend(captures.iter().cloned());
            call_args.push(Value::Number(position as f64));
            call_args.push(Value::String(s.clone()));
            if !named_captures.is_undefined() {
                call_args.push(named_captures);
            }
            let r = vm.call(&replace_value, Value::Undefined, &call_args)?;
            vm.to_string(&r)?.as_units().to_vec()
        } else {
            if !named_captures.is_undefined() {
                named_captures = Value::Object(vm.to_object(&named_captures)?);
            }
            let template = match &replace_value {
                Value::String(t) => t.clone(),
                _ => JsString::empty(),
            };
            get_substitution(vm, matched.as_units(), units, position, &captures, &named_captures, template.as_units())?
        };
        if position >= next_source_position {
            accumulated.extend_from_slice(&units[next_source_position..position]);
            accumulated.extend_from_slice(&replacement);
            next_source_position = position + match_length;
            if accumulated.len() > MAX_STRING_LENGTH {
                return Err(vm.throw_range_error("Invalid string length"));
            }
        }
    }
    if next_source_position < length_s {
        accumulated.extend_from_slice(&units[next_source_position..]);
    }
    Ok(Value::String(JsString::from_units(accumulated)))
}

/// RegExp.prototype[@@search](string) (§22.2.6.12).
fn regexp_symbol_search(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rx = this_regexp_object(vm, &args.this, "RegExp.prototype.@@search")?;
    let s = vm.to_string(&args.get(0))?;
    let key = PropertyKey::from("lastIndex");
    let previous = vm.get(rx, &key)?;
    let zero = Value::Number(0.0);
    if !vm.same_value(&previous, &zero) {
        vm.put(rx, key.clone(), zero, true)?;
    }
    let result = regexp_exec_abstract(vm, rx, &s)?;
    let current = vm.get(rx, &key)?;
    if !vm.same_value(&current, &previous) {
        vm.put(rx, key, previous, true)?;
    }
    if result.is_null() {
        return Ok(Value::Number(-1.0));
    }
    vm.get_v(&result, &PropertyKey::from("index"))
}

/// Whether `rx` is a RegExp whose matching behaviour is the built-in one: an own `lastIndex`
/// data property, `exec` and `flags` from %RegExp.prototype% untouched, and species unchanged.
fn is_pristine_regexp(vm: &Vm, rx: ObjRef) -> bool {
    let obj = vm.heap.get(rx);
    let proto = vm.intrinsic(Intrinsic::RegExpPrototype);
    if !matches!(obj.kind, ObjectKind::RegExp(_)) || obj.proto != Some(proto) || obj.props.len() != 1 {
        return false;
    }
    let p = vm.heap.get(proto);
    let builtin = |name: &str, f: NativeFn| match p.props.get(&PropertyKey::from(name)) {
        Some(Slot::Data { value: Value::Object(o), .. }) => {
            matches!(&vm.heap.get(*o).kind, ObjectKind::NativeFunction(nf) if nf.f as usize == f as usize)
        }
        _ => false,
    };
    let getter = |name: &str, f: NativeFn| match p.props.get(&PropertyKey::from(name)) {
        Some(Slot::Accessor { get: Some(o), .. }) => {
            matches!(&vm.heap.get(*o).kind, ObjectKind::NativeFunction(nf) if nf.f as usize == f as usize)
        }
        _ => false,
    };
    let ctor = vm.intrinsic(Intrinsic::RegExp);
    let ctor_ok = matches!(p.props.get(&PropertyKey::from("constructor")), Some(Slot::Data { value: Value::Object(c), .. }) if *c == ctor);
    let species = PropertyKey::Symbol(vm.symbols.species.clone());
    let species_ok = match vm.heap.get(ctor).props.get(&species) {
        Some(Slot::Accessor { get: Some(g), .. }) => {
            matches!(&vm.heap.get(*g).kind, ObjectKind::NativeFunction(nf) if nf.f as usize == (regexp_species as NativeFn) as usize)
        }
        _ => false,
    };
    ctor_ok
        && species_ok
        && builtin("exec", regexp_exec)
        && getter("flags", get_flags)
        && getter("global", get_global)
        && getter("ignoreCase", get_ignore_case)
        && getter("multiline", get_multiline)
        && getter("dotAll", get_dot_all)
        && getter("unicode", get_unicode)
        && getter("unicodeSets", get_unicode_sets)
        && getter("sticky", get_sticky)
        && getter("hasIndices", get_has_indices)
}

/// RegExp.prototype[@@split](string, limit) (§22.2.6.14).
fn regexp_symbol_split(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let rx = this_regexp_object(vm, &args.this, "RegExp.prototype.@@split")?;
    let s = vm.to_string(&args.get(0))?;
    let limit = args.get(1);
    if is_pristine_regexp(vm, rx) {
        return split_plain(vm, rx, &s, &limit);
    }
    let c = species_constructor(vm, rx, Intrinsic::RegExp)?;
    let flags = flags_string(vm, rx)?;
    let unicode_matching = has_flag(&flags, b'u') || has_flag(&flags, b'v');
    let new_flags = if has_flag(&flags, b'y') {
        flags.clone()
    } else {
        JsString::concat(&flags, &JsString::from("y"))
    };
    let splitter = construct_object(vm, c, &[Value::Object(rx), Value::String(new_flags)])?;
    let a = array_create(vm, 0, None)?;
    let mut length_a: u64 = 0;
    let lim = if limit.is_undefined() { u32::MAX as u64 } else { vm.to_uint32(&limit)? as u64 };
    if lim == 0 {
        return Ok(Value::Object(a));
    }
    let size = s.len() as u64;
    if size == 0 {
        let z = regexp_exec_abstract(vm, splitter, &s)?;
        if !z.is_null() {
            return Ok(Value::Object(a));
        }
        create_data_index(vm, a, 0, Value::String(s))?;
        return Ok(Value::Object(a));
    }
    let units = s.as_units();
    let mut p: u64 = 0;
    let mut q: u64 = p;
    while q < size {
        set_last_index(vm, splitter, q)?;
        let z = regexp_exec_abstract(vm, splitter, &s)?;
        if z.is_null() {
            q = advance_string_index(units, q, unicode_matching);
            continue;
        }
        let e = get_last_index(vm, splitter)?.min(size);
        if e == p {
            q = advance_string_index(units, q, unicode_matching);
            continue;
        }
        let t = JsString::from_slice(&units[p as usize..q as usize]);
        create_data_index(vm, a, length_a, Value::String(t))?;
        length_a += 1;
        if length_a == lim {
            return Ok(Value::Object(a));
        }
        p = e;
        let Value::Object(zo) = z else { break };
        let number_of_captures = vm.length_of_array_like(zo)?.saturating_sub(1);
        for i in 1..=number_of_captures {
            let next_capture = vm.get(zo, &crate::builtins::array::index_key(i))?;
            create_data_index(vm, a, length_a, next_capture)?;
            length_a += 1;
            if length_a == lim {
                return Ok(Value::Object(a));
            }
        }
        q = p;
    }
    let t = JsString::from_slice(&units[p as usize..size as usize]);
    create_data_index(vm, a, length_a, Value::String(t))?;
    Ok(Value::Object(a))
}

/// @@split for a pristine RegExp: the same result as the spec's sticky splitter loop, found by
/// searching forward for each next match instead of trying every position.
fn split_plain(vm: &mut Vm, rx: ObjRef, s: &JsString, limit: &Value) -> JsResult<Value> {
    let (matcher, flags, named) = match &vm.heap.get(rx).kind {
        ObjectKind::RegExp(d) => (d.matcher.clone(), d.flags, d.named.clone()),
        _ => return Err(incompatible(vm, "RegExp.prototype.@@split", &Value::Object(rx))),
    };
    // The spec constructs the splitter here (observable only through species, checked pristine).
    let lim = if limit.is_undefined() { u32::MAX as u64 } else { vm.to_uint32(limit)? as u64 };
    let unicode = flags.full_unicode();
    let units = s.as_units();
    let mut out: Vec<Value> = Vec::new();
    if lim == 0 {
        return Ok(Value::Object(vm.create_array_from_list(out)));
    }
    let size = units.len();
    if size == 0 {
        if run_matcher(&matcher, &named, unicode, units, 0).is_some_and(|m| m.start == 0) {
            return Ok(Value::Object(vm.create_array_from_list(out)));
        }
        out.push(Value::String(s.clone()));
        return Ok(Value::Object(vm.create_array_from_list(out)));
    }
    let mut p = 0usize;
    let mut q = 0usize;
    while q < size {
        // The leftmost match starting at or after q (positions before it cannot match).
        let Some(m) = run_matcher(&matcher, &named, unicode, units, q) else { break };
        if m.start >= size {
            break;
        }
        q = m.start;
        let e = m.end.min(size);
        if e == p {
            q = advance_string_index(units, q as u64, unicode) as usize;
            continue;
        }
        out.push(Value::String(JsString::from_slice(&units[p..q])));
        if out.len() as u64 == lim {
            return Ok(Value::Object(vm.create_array_from_list(out)));
        }
        p = e;
        for c in &m.captures {
            out.push(match c {
                Some((b, e)) => Value::String(JsString::from_slice(&units[*b..*e])),
                None => Value::Undefined,
            });
            if out.len() as u64 == lim {
                return Ok(Value::Object(vm.create_array_from_list(out)));
            }
        }
        q = p;
    }
    out.push(Value::String(JsString::from_slice(&units[p..])));
    Ok(Value::Object(vm.create_array_from_list(out)))
}

