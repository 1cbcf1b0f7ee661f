//! The control-flow stack: loops, labels, switch, `finally` blocks and open iterators, and how
//! `break`, `continue` and `return` leave them (running `finally` code and closing iterators on
//! the way).

use modjs_parser::ast::Span;

use super::{CompileError, Compiler};
use crate::bytecode::{Insn, Reg};

/// Completion codes a `finally` block dispatches on (registers hold them as small integers).
pub const COMPLETION_NORMAL: i32 = 0;
pub const COMPLETION_THROW: i32 = 1;
pub const COMPLETION_RETURN: i32 = 2;
/// Codes from here on are `break`/`continue` jumps recorded by the `finally` block.
pub const COMPLETION_FIRST_JUMP: i32 = 3;

/// A pending jump out of a `finally`-protected region.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Break(usize),
    Continue(usize),
}

pub enum ControlKind {
    /// A loop: `break` and `continue` targets.
    Loop,
    /// A labelled non-loop statement or a switch: `break` only.
    Breakable { is_switch: bool },
    /// A `try` block with an active handler: leaving it pops the handler.
    Handler,
    /// A region protected by `finally`: leaving it runs the finally code first.
    Finally { kind_reg: Reg, value_reg: Reg, entry_jumps: Vec<usize>, exits: Vec<Exit> },
    /// A `for-of` body: leaving it early closes the iterator in `iter`.
    Iterator { iter: Reg },
    /// An array destructuring pattern: leaving it early (a `return` resumption of a `yield`
    /// inside it) closes the iterator unless it is done.
    DestructuringIterator { iter: Reg },
    /// A `for await` body: leaving it early closes (and awaits) the async iterator.
    AsyncIterator(super::async_iteration::AsyncCloseRegs),
}

pub struct Control {
    pub kind: ControlKind,
    pub labels: Vec<Box<str>>,
    pub breaks: Vec<usize>,
    pub continues: Vec<usize>,
    /// Where `continue` goes when known in advance (else the `continues` are patched).
    pub continue_target: Option<u32>,
}

impl Control {
    pub fn new(kind: ControlKind, labels: Vec<Box<str>>) -> Control {
        Control { kind, labels, breaks: Vec::new(), continues: Vec::new(), continue_target: None }
    }
}

impl Compiler {
    pub(super) fn push_control(&mut self, kind: ControlKind, labels: Vec<Box<str>>) {
        self.f().control.push(Control::new(kind, labels));
    }

    pub(super) fn pop_control(&mut self) -> Option<Control> {
        self.f().control.pop()
    }

    /// The control entry a `break`/`continue` targets.
    fn jump_target(&self, label: Option<&str>, is_continue: bool) -> Option<usize> {
        let f = self.funcs.last()?;
        for (i, c) in f.control.iter().enumerate().rev() {
            let matches_kind = match c.kind {
                ControlKind::Loop => true,
                ControlKind::Breakable { is_switch } => !is_continue && (is_switch || label.is_some()),
                _ => false,
            };
            if !matches_kind {
                continue;
            }
            match label {
                None => return Some(i),
                Some(l) => {
                    if c.labels.iter().any(|x| &**x == l) {
                        return Some(i);
                    }
                }
            }
        }
        None
    }

    pub(super) fn compile_break(&mut self, label: Option<&str>, span: Span) -> Result<(), CompileError> {
        let Some(target) = self.jump_target(label, false) else {
            return Err(CompileError::internal("break target not found", span));
        };
        self.emit_exit(Exit::Break(target), span)
    }

    pub(super) fn compile_continue(&mut self, label: Option<&str>, span: Span) -> Result<(), CompileError> {
        let Some(target) = self.jump_target(label, true) else {
            return Err(CompileError::internal("continue target not found", span));
        };
        self.emit_exit(Exit::Continue(target), span)
    }

    /// Leaves every control entry above `exit`'s target, then jumps.
    pub(super) fn emit_exit(&mut self, exit: Exit, span: Span) -> Result<(), CompileError> {
        let target = match exit {
            Exit::Break(t) | Exit::Continue(t) => t,
        };
        let mut i = self.f().control.len();
        while i > target + 1 {
            i -= 1;
            if self.leave_control(i, Some(exit), None, span)? {
                return Ok(());
            }
        }
        let j = self.f().emit(Insn::Jump { target: 0 });
        let c = &mut self.f().control[target];
        match exit {
            Exit::Break(_) => c.breaks.push(j),
            Exit::Continue(_) => match c.continue_target {
                Some(t) => {
                    let t = t;
                    self.f().patch(j, t);
                }
                None => c.continues.push(j),
            },
        }
        Ok(())
    }

    /// Emits the code leaving control entry `i` on the way to an exit or a return. Returns true
    /// when the exit was routed into a finally block (which continues the journey itself).
    fn leave_control(&mut self, i: usize, exit: Option<Exit>, ret: Option<Reg>, _span: Span) -> Result<bool, CompileError> {
        if let ControlKind::AsyncIterator(regs) = self.f().control[i].kind {
            self.emit_async_iterator_close(regs, false);
            return Ok(false);
        }
        let f = self.f();
        match &mut f.control[i].kind {
            ControlKind::Handler => {
                f.emit(Insn::TryEnd);
                Ok(false)
            }
            ControlKind::Iterator { iter } => {
                let iter = *iter;
                f.emit(Insn::IteratorClose { iter });
                Ok(false)
            }
            ControlKind::DestructuringIterator { iter } => {
                let iter = *iter;
                f.emit(Insn::IteratorCloseIfNotDone { iter, quiet: false });
                Ok(false)
            }
            ControlKind::Finally { kind_reg, value_reg, exits, .. } => {
                let (kind_reg, value_reg) = (*kind_reg, *value_reg);
                let code = match exit {
                    Some(e) => {
                        let n = match exits.iter().position(|x| *x == e) {
                            Some(n) => n,
                            None => {
                                exits.push(e);
                                exits.len() - 1
                            }
                        };
                        COMPLETION_FIRST_JUMP + n as i32
                    }
                    None => COMPLETION_RETURN,
                };
                if let Some(r) = ret {
                    if r != value_reg {
                        f.emit(Insn::Move { dst: value_reg, src: r });
                    }
                }
                f.emit(Insn::LoadInt { dst: kind_reg, value: code });
                // The protected region's handler is popped before running the finally code.
                f.emit(Insn::TryEnd);
                let j = f.emit(Insn::Jump { target: 0 });
                if let ControlKind::Finally { entry_jumps, .. } = &mut f.control[i].kind {
                    entry_jumps.push(j);
                }
                Ok(true)
            }
            ControlKind::Loop | ControlKind::Breakable { .. } | ControlKind::AsyncIterator(_) => Ok(false),
        }
    }

    /// `return` of the value in `src`: through every finally block and open iterator.
    pub(super) fn emit_return(&mut self, src: Reg, span: Span) -> Result<(), CompileError> {
        let mut i = self.f().control.len();
        while i > 0 {
            i -= 1;
            if self.leave_control(i, None, Some(src), span)? {
                return Ok(());
            }
        }
        self.emit_final_return(src, span)
    }
}
