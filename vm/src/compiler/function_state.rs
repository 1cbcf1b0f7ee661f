//! The state of one function under compilation: its code buffer, constant and name pools,
//! register and cell-slot allocation, block scopes and the control-flow stack.

use modjs_parser::fast_hash::FastHashMap as HashMap;
use std::rc::Rc;

use modjs_lexer::JsStr;
use modjs_parser::ast::Span;

use super::analysis::FunctionInfo;
use super::control::Control;
use super::scope::Scope;
use super::CompileError;
use crate::bytecode::{Capture, CompiledFunction, Constant, Insn, Reg, TemplateKind};

/// An upvalue of the function: which outer binding, captured how.
pub struct Upvalue {
    pub binding_id: u32,
    pub capture: Capture,
}

/// Constant pools of up to this many entries are searched in order: most functions have a
/// handful, and hashing (and copying) every key cost more than comparing. A larger pool gets
/// its hash index.
const LINEAR_POOL: usize = 16;

fn const_key(c: &Constant) -> ConstKey {
    match c {
        Constant::Number(n) => ConstKey::Number(n.to_bits()),
        Constant::String(s) => ConstKey::String(s.0.clone()),
        Constant::BigInt(s) => ConstKey::BigInt(s.clone()),
    }
}

/// Whether two constants are the same pool entry (numbers by their bits: `0` and `-0` differ).
fn same_constant(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Number(x), Constant::Number(y)) => x.to_bits() == y.to_bits(),
        (Constant::String(x), Constant::String(y)) => x.0 == y.0,
        (Constant::BigInt(x), Constant::BigInt(y)) => x == y,
        _ => false,
    }
}

/// The hash of a name (its UTF-16 units) in a function's name pool: one rotate, xor and
/// multiply per unit (the multiply mixes into the high bits, which pick the index slot).
fn name_hash(units: impl Iterator<Item = u16>) -> u64 {
    const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = 0u64;
    for unit in units {
        h = (h.rotate_left(5) ^ unit as u64).wrapping_mul(MULTIPLIER);
    }
    h
}

#[derive(PartialEq, Eq, Hash)]
enum ConstKey {
    Number(u64),
    String(Box<[u16]>),
    BigInt(Box<str>),
}

pub struct FuncState {
    pub kind: TemplateKind,
    pub name: JsStr,
    pub strict: bool,
    pub is_async: bool,
    pub is_generator: bool,
    pub length: u32,
    pub param_count: u16,
    pub needs_arguments: bool,
    pub span: Span,
    pub code: Vec<Insn>,
    constants: Vec<Constant>,
    const_index: HashMap<ConstKey, u32>,
    names: Vec<JsStr>,
    /// Per name in `names`: its [`name_hash`].
    name_hashes: Vec<u64>,
    /// The index of `names`: per slot, 0 when empty, else the name's position plus one. Its
    /// length is zero or a power of two, at least twice the number of names.
    name_slots: Vec<u32>,
    pub children: Vec<CompiledFunction>,
    pub template_sites: Vec<crate::bytecode::TemplateSite>,
    line_table: Vec<(u32, u32)>,
    pub scopes: Vec<Scope>,
    pub next_reg: u32,
    max_reg: u32,
    pub next_cell: u32,
    max_cell: u32,
    pub upvalues: Vec<Upvalue>,
    /// Names that nested functions capture (bindings with these names get cells).
    pub info: Rc<FunctionInfo>,
    pub control: Vec<Control>,
    /// Register holding the completion value (Script top level only).
    pub completion: Option<Reg>,
    /// Names given a var binding by Annex B.3.3 (block functions copied out when evaluated).
    pub annex_b: Vec<Box<str>>,
    /// Jumps to the end of each optional chain being compiled (innermost last).
    pub optional_exits: Vec<Vec<usize>>,
    /// Compiling the initialisation of a parameter list that has expressions.
    pub in_parameters: bool,
}

impl FuncState {
    pub fn new(kind: TemplateKind, name: JsStr, strict: bool, info: Rc<FunctionInfo>, span: Span) -> Self {
        FuncState {
            kind,
            name,
            strict,
            is_async: false,
            is_generator: false,
            length: 0,
            param_count: 0,
            needs_arguments: false,
            span,
            // Room for a small function, so that emitting does not grow the buffers a step at
            // a time (`finish` gives back what is left).
            code: Vec::with_capacity(64),
            constants: Vec::with_capacity(8),
            const_index: HashMap::default(),
            names: Vec::with_capacity(16),
            name_hashes: Vec::with_capacity(16),
            name_slots: Vec::new(),
            children: Vec::new(),
            template_sites: Vec::new(),
            line_table: Vec::with_capacity(32),
            scopes: Vec::with_capacity(4),
            next_reg: 1,
            max_reg: 1,
            next_cell: 0,
            max_cell: 0,
            upvalues: Vec::new(),
            info,
            control: Vec::new(),
            completion: None,
            annex_b: Vec::new(),
            optional_exits: Vec::new(),
            in_parameters: false,
        }
    }

    // ----- emission ---------------------------------------------------------------------------

    pub fn emit(&mut self, insn: Insn) -> usize {
        self.code.push(insn);
        self.code.len() - 1
    }

    pub fn pc(&self) -> u32 {
        self.code.len() as u32
    }

    /// Records that the following instructions belong to the source at `span.start`.
    pub fn mark(&mut self, span: Span) {
        let pc = self.pc();
        match self.line_table.last_mut() {
            Some(last) if last.0 == pc => last.1 = span.start,
            Some(last) if last.1 == span.start => {}
            _ => self.line_table.push((pc, span.start)),
        }
    }

    /// Points the jump at `at` to `target`.
    pub fn patch(&mut self, at: usize, target: u32) {
        match &mut self.code[at] {
            Insn::Jump { target: t }
            | Insn::Loop { target: t }
            | Insn::JumpIfTrue { target: t, .. }
            | Insn::JumpIfFalse { target: t, .. }
            | Insn::JumpIfNullish { target: t, .. }
            | Insn::JumpIfNotNullish { target: t, .. }
            | Insn::JumpIfUndefined { target: t, .. }
            | Insn::JumpIfNotUndefined { target: t, .. }
            | Insn::JumpIfStrictEq { target: t, .. }
            | Insn::JumpIfCompareFalse { target: t, .. }
            | Insn::JumpIfCompareImmFalse { target: t, .. }
            | Insn::JumpIfInt { target: t, .. }
            | Insn::JumpIfNotObject { target: t, .. }
            | Insn::TryStart { target: t, .. }
            | Insn::ForInNext { done: t, .. }
            | Insn::IteratorNext { done: t, .. }
            | Insn::WithHasBinding { found: t, .. } => *t = target,
            _ => {}
        }
    }

    /// Points the jump at `at` to the next instruction.
    pub fn patch_here(&mut self, at: usize) {
        let pc = self.pc();
        self.patch(at, pc);
    }

    // ----- pools ------------------------------------------------------------------------------

    pub fn constant(&mut self, c: Constant) -> u32 {
        let found = if self.constants.len() <= LINEAR_POOL {
            self.constants.iter().position(|k| same_constant(k, &c)).map(|i| i as u32)
        } else {
            if self.const_index.is_empty() {
                for (i, k) in self.constants.iter().enumerate() {
                    self.const_index.insert(const_key(k), i as u32);
                }
            }
            self.const_index.get(&const_key(&c)).copied()
        };
        if let Some(i) = found {
            return i;
        }
        let i = self.constants.len() as u32;
        if !self.const_index.is_empty() {
            self.const_index.insert(const_key(&c), i);
        }
        self.constants.push(c);
        i
    }

    /// The slot of the name pool's index holding the name that `same` accepts (of hash `hash`),
    /// or the empty slot where it belongs (the index is not empty).
    fn name_slot(&self, hash: u64, same: impl Fn(&[u16]) -> bool) -> usize {
        let mask = self.name_slots.len() - 1;
        let mut i = (hash >> 40) as usize & mask;
        loop {
            let slot = self.name_slots[i];
            if slot == 0 {
                return i;
            }
            let at = (slot - 1) as usize;
            if self.name_hashes[at] == hash && same(&self.names[at].0) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the name pool's index (or makes the first one) and puts every name back in it.
    fn grow_name_index(&mut self) {
        let size = (self.name_slots.len() * 2).max(32);
        self.name_slots = vec![0; size];
        let mask = size - 1;
        for (at, &hash) in self.name_hashes.iter().enumerate() {
            let mut i = (hash >> 40) as usize & mask;
            while self.name_slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.name_slots[i] = at as u32 + 1;
        }
    }

    /// The position of a name in the pool: `hash` and `same` find it, `make` makes it when new.
    fn pool_name(&mut self, hash: u64, same: impl Fn(&[u16]) -> bool, make: impl FnOnce() -> JsStr) -> u32 {
        if self.name_slots.len() <= self.names.len() * 2 {
            self.grow_name_index();
        }
        let i = self.name_slot(hash, same);
        if self.name_slots[i] != 0 {
            return self.name_slots[i] - 1;
        }
        let at = self.names.len() as u32;
        self.names.push(make());
        self.name_hashes.push(hash);
        self.name_slots[i] = at + 1;
        at
    }

    pub fn name_units(&mut self, units: &[u16]) -> u32 {
        self.pool_name(name_hash(units.iter().copied()), |n| n == units, || JsStr(units.into()))
    }

    pub fn name(&mut self, s: &str) -> u32 {
        // Most names are ASCII identifiers: hashed and compared as UTF-16 without being widened
        // unless the name is new.
        if s.is_ascii() {
            let bytes = s.as_bytes();
            let hash = name_hash(bytes.iter().map(|&b| b as u16));
            let same = |n: &[u16]| n.len() == bytes.len() && n.iter().zip(bytes).all(|(&unit, &byte)| unit == byte as u16);
            return self.pool_name(hash, same, || JsStr(bytes.iter().map(|&b| b as u16).collect()));
        }
        let units: Vec<u16> = s.encode_utf16().collect();
        self.name_units(&units)
    }

    // ----- registers and cells ----------------------------------------------------------------

    /// A fresh temporary register (released by resetting `next_reg` to a saved mark).
    pub fn temp(&mut self, span: Span) -> Result<Reg, CompileError> {
        self.temps(1, span)
    }

    /// `n` consecutive fresh registers; returns the first.
    pub fn temps(&mut self, n: u32, span: Span) -> Result<Reg, CompileError> {
        let r = self.next_reg;
        self.next_reg += n;
        if self.next_reg > u16::MAX as u32 {
            return Err(CompileError::unsupported("functions with this many registers", span));
        }
        self.max_reg = self.max_reg.max(self.next_reg);
        Ok(r as Reg)
    }

    pub fn cell_slot(&mut self, span: Span) -> Result<u16, CompileError> {
        let s = self.next_cell;
        self.next_cell += 1;
        if self.next_cell > u16::MAX as u32 {
            return Err(CompileError::unsupported("functions with this many closures' variables", span));
        }
        self.max_cell = self.max_cell.max(self.next_cell);
        Ok(s as u16)
    }

    /// The finished function, still free of VM values (see [`CompiledFunction`]).
    pub fn finish(mut self) -> CompiledFunction {
        // A template lives as long as its module: give back the vectors' growth slack.
        self.code.shrink_to_fit();
        self.line_table.shrink_to_fit();
        self.children.shrink_to_fit();
        self.template_sites.shrink_to_fit();
        CompiledFunction {
            name: self.name,
            kind: self.kind,
            strict: self.strict,
            is_async: self.is_async,
            is_generator: self.is_generator,
            length: self.length,
            param_count: self.param_count,
            register_count: self.max_reg as u16,
            cell_count: self.max_cell as u16,
            needs_arguments: self.needs_arguments,
            code: self.code,
            constants: self.constants,
            names: self.names,
            children: self.children,
            template_sites: self.template_sites,
            captures: self.upvalues.iter().map(|u| u.capture).collect(),
            line_table: self.line_table,
            span: (self.span.start, self.span.end),
        }
    }
}
