//! FunctionTemplate: the compiled, immutable form of one function (or script/module body).

use std::cell::Cell;
use std::rc::Rc;

use modjs_lexer::JsStr;

use super::insn::Insn;
use crate::property::PropertyKey;
use crate::string::JsString;
use crate::value::Value;

/// A compile-time constant (the pool `LoadConst` reads).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Number(f64),
    String(JsStr),
    /// A BigInt literal's source digits (with any `0x`/`0o`/`0b` prefix, without the `n`).
    BigInt(Box<str>),
}

/// The strings of one tagged template literal.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateSite {
    pub cooked: Vec<Option<JsStr>>,
    pub raw: Vec<JsStr>,
}

/// Where a closure's captured cell comes from when the closure is created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// The creating frame's cell slot.
    Cell(u16),
    /// The creating closure's own upvalue.
    Upvalue(u16),
}

/// What kind of callable a template makes (decides `this` binding, [[Construct]], `prototype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateKind {
    /// A Script's top level.
    Script,
    /// A Module body.
    Module,
    /// `function` declaration or expression: constructible unless async/generator.
    Normal,
    Arrow,
    /// Object/class method, getter or setter: not constructible, has a home object.
    Method,
    /// A class constructor (base or derived): callable only with `new`.
    ClassConstructor { derived: bool },
    /// The synthetic function that runs a class's field initialisers for a new instance.
    FieldInitializer,
}

/// Source file information shared by all templates of one compilation (for stack traces).
pub struct SourceInfo {
    pub path: String,
    pub text: Rc<str>,
    /// Line starts, computed the first time a position is asked for (most modules never throw,
    /// and scanning every source on the loading thread cost about 2% of loading a large graph).
    lines: std::cell::OnceCell<modjs_lexer::LineIndex>,
}

impl SourceInfo {
    pub fn new(path: &str, text: &str) -> SourceInfo {
        SourceInfo::shared(path.to_string(), Rc::from(text))
    }

    /// Source information for text that is already shared.
    pub fn shared(path: String, text: Rc<str>) -> SourceInfo {
        SourceInfo { path, text, lines: std::cell::OnceCell::new() }
    }

    /// The line index of the text.
    pub fn lines(&self) -> &modjs_lexer::LineIndex {
        self.lines.get_or_init(|| modjs_lexer::LineIndex::new(&self.text))
    }
}

impl std::fmt::Debug for SourceInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SourceInfo({})", self.path)
    }
}

/// One compiled function as the compiler leaves it: everything a [`FunctionTemplate`] holds,
/// with its constants and names still compile-time data (no VM strings, no interned keys, no
/// `Rc`). It is `Send`, so a module can be compiled on the thread that parsed it;
/// [`CompiledFunction::materialize`] turns it into templates on the thread that runs it.
#[derive(Debug)]
pub struct CompiledFunction {
    pub name: JsStr,
    pub kind: TemplateKind,
    pub strict: bool,
    pub is_async: bool,
    pub is_generator: bool,
    pub length: u32,
    pub param_count: u16,
    pub register_count: u16,
    pub cell_count: u16,
    pub needs_arguments: bool,
    pub code: Vec<Insn>,
    pub constants: Vec<Constant>,
    pub names: Vec<JsStr>,
    pub children: Vec<CompiledFunction>,
    pub template_sites: Vec<TemplateSite>,
    pub captures: Vec<Capture>,
    pub line_table: Vec<(u32, u32)>,
    pub span: (u32, u32),
}

impl CompiledFunction {
    /// The function's template (and its nested functions' templates), made for this thread:
    /// constants become values, names become interned strings and property keys.
    pub fn materialize(self, source: &Rc<SourceInfo>) -> Rc<FunctionTemplate> {
        let values = self
            .constants
            .iter()
            .map(|c| match c {
                Constant::Number(n) => Value::Number(*n),
                Constant::String(s) => Value::String(JsString::from_slice(s.units())),
                // BigInt literals are rejected before a constant is made.
                Constant::BigInt(_) => Value::Undefined,
            })
            .collect();
        // Names are interned, so that property keys compiled anywhere match the keys objects
        // store by pointer.
        let name_strings: Vec<JsString> = self.names.iter().map(|n| JsString::interned(n.units())).collect();
        let keys: Vec<PropertyKey> = name_strings.iter().map(|s| PropertyKey::from_string(s.clone())).collect();
        let property_hints = keys.iter().map(|_| Cell::new(0)).collect();
        let children = self.children.into_iter().map(|c| c.materialize(source)).collect();
        Rc::new(FunctionTemplate {
            values,
            name_strings,
            keys,
            property_hints,
            name: JsString::from_slice(self.name.units()),
            kind: self.kind,
            strict: self.strict,
            is_async: self.is_async,
            is_generator: self.is_generator,
            length: self.length,
            param_count: self.param_count,
            register_count: self.register_count,
            cell_count: self.cell_count,
            needs_arguments: self.needs_arguments,
            code: self.code,
            children,
            template_sites: self.template_sites,
            captures: self.captures,
            line_table: self.line_table,
            span: self.span,
            source: source.clone(),
        })
    }
}

/// One compiled function.
pub struct FunctionTemplate {
    /// The function's own name (`""` for anonymous functions before SetFunctionName); every
    /// closure's `name` property shares this string.
    pub name: JsString,
    pub kind: TemplateKind,
    pub strict: bool,
    pub is_async: bool,
    pub is_generator: bool,
    /// The `length` property: parameters before the first default or rest.
    pub length: u32,
    /// Registers `1..=param_count` receive the arguments.
    pub param_count: u16,
    /// Total registers in a frame (including register 0 for `this`).
    pub register_count: u16,
    /// Cell slots in a frame.
    pub cell_count: u16,
    /// The frame keeps its full argument list (for `arguments` or a rest parameter).
    pub needs_arguments: bool,
    pub code: Vec<Insn>,
    /// The constants as values (what `LoadConst` loads), made once at compile time.
    pub values: Vec<Value>,
    /// Names (property keys of `GetProp`/`SetProp`, global names, binding names in errors) as
    /// strings and as property keys, made once at compile time.
    pub name_strings: Vec<JsString>,
    pub keys: Vec<PropertyKey>,
    /// Per name: the position in an object's property map where the interpreter last found a
    /// property of that name (an inline cache keyed by name rather than by instruction; a wrong
    /// guess only costs a normal search).
    pub property_hints: Box<[Cell<u32>]>,
    pub children: Vec<Rc<FunctionTemplate>>,
    /// Tagged-template sites: cooked strings (`None`: an invalid escape, `undefined`) and raw
    /// strings.
    pub template_sites: Vec<TemplateSite>,
    /// How each upvalue is captured when a closure of this template is created.
    pub captures: Vec<Capture>,
    /// `(pc, source byte offset)` pairs, ascending by pc: the offset of the instruction at `pc`
    /// and the following ones up to the next entry.
    pub line_table: Vec<(u32, u32)>,
    /// The source text span of the function (for `Function.prototype.toString`).
    pub span: (u32, u32),
    pub source: Rc<SourceInfo>,
}

impl FunctionTemplate {
    /// The source byte offset of the instruction at `pc` (for stack traces).
    pub fn source_offset(&self, pc: usize) -> Option<u32> {
        let pc = pc as u32;
        let i = self.line_table.partition_point(|&(p, _)| p <= pc);
        if i == 0 {
            None
        } else {
            Some(self.line_table[i - 1].1)
        }
    }

    /// (1-based line, 1-based column) of the instruction at `pc`, as V8 prints them.
    pub fn line_column(&self, pc: usize) -> Option<(usize, usize)> {
        let off = self.source_offset(pc)? as usize;
        let (line, col) = self.source.lines().line_col(&self.source.text, off);
        Some((line, col + 1))
    }

    /// Whether closures of this template have a [[Construct]] method.
    pub fn is_constructor(&self) -> bool {
        match self.kind {
            TemplateKind::Normal => !self.is_async && !self.is_generator,
            TemplateKind::ClassConstructor { .. } => true,
            _ => false,
        }
    }
}

impl std::fmt::Debug for FunctionTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "function {:?} ({:?}, {} registers, {} cells)", self.name.to_rust_lossy(), self.kind, self.register_count, self.cell_count)?;
        for (i, insn) in self.code.iter().enumerate() {
            writeln!(f, "  {i:4} {insn:?}")?;
        }
        for c in &self.children {
            write!(f, "{c:?}")?;
        }
        Ok(())
    }
}
