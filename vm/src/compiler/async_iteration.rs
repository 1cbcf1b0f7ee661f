//! `await`, and the syntax of async iteration: `yield` and `yield*` in async generators
//! (§15.5.5, §27.6.3.8) and `for await` (§14.7.5.6-7). Each Await of these algorithms is an
//! `Await` instruction, so the frame suspends the ordinary way; the steps between are
//! instructions of `interpreter/async_iteration.rs`.

use modjs_parser::ast::*;

use super::control::ControlKind;
use super::{CResult, CompileError, Compiler};
use crate::bytecode::{ErrorType, Insn, Reg};
use crate::interpreter::async_iteration::{DELEGATE_CLOSED, DELEGATE_RETURN};

/// Registers an open `for await` iterator needs to be closed from any exit.
#[derive(Clone, Copy)]
pub struct AsyncCloseRegs {
    pub iter: Reg,
    pub result: Reg,
    pub found: Reg,
    pub mode: Reg,
}

impl Compiler {
    /// Await(`r[reg]`) (§6.2.3.1): the settled value replaces it, a rejection throws.
    pub(super) fn emit_await(&mut self, reg: Reg, span: Span) -> CResult<()> {
        if !self.f().is_async {
            return Err(CompileError::unsupported("top-level await", span));
        }
        let mark = self.f().next_reg;
        let mode = self.f().temp(span)?;
        self.f().mark(span);
        self.f().emit(Insn::Await { src: reg, dst: reg, mode });
        self.resume_dispatch(reg, mode, span)?;
        self.f().next_reg = mark;
        Ok(())
    }

    /// `yield` in an async generator: AsyncGeneratorYield(? Await(value)) (§15.5.5 Yield).
    pub(super) fn async_generator_yield(&mut self, reg: Reg, span: Span) -> CResult<()> {
        self.emit_await(reg, span)?;
        let mark = self.f().next_reg;
        let mode = self.f().temp(span)?;
        self.f().mark(span);
        self.f().emit(Insn::AsyncGeneratorYield { src: reg, dst: reg, mode });
        self.unwrap_yield_resumption(reg, mode, span)?;
        self.f().next_reg = mark;
        Ok(())
    }

    /// AsyncGeneratorUnwrapYieldResumption (§27.6.3.7.1) and then the resumption: `next`
    /// continues, `throw` throws, `return` awaits the value and returns it (through `finally`
    /// blocks).
    fn unwrap_yield_resumption(&mut self, reg: Reg, mode: Reg, span: Span) -> CResult<()> {
        let cont = self.f().emit(Insn::JumpIfInt { src: mode, value: 0, target: 0 });
        let to_throw = self.f().emit(Insn::JumpIfInt { src: mode, value: 1, target: 0 });
        self.f().emit(Insn::Await { src: reg, dst: reg, mode });
        let to_throw2 = self.f().emit(Insn::JumpIfInt { src: mode, value: 1, target: 0 });
        self.emit_return(reg, span)?;
        self.f().patch_here(to_throw);
        self.f().patch_here(to_throw2);
        self.f().emit(Insn::Throw { src: reg });
        self.f().patch_here(cont);
        Ok(())
    }

    /// `yield* iterable` in an async generator (§15.5.5 step 5-8 with generatorKind async).
    pub(super) fn async_yield_star(&mut self, arg: &Expr, dst: Reg, span: Span) -> CResult<()> {
        let iter = self.f().temps(3, span)?;
        let received = self.f().temp(span)?;
        let mode = self.f().temp(span)?;
        let res = self.f().temp(span)?;
        let kind = self.f().temp(span)?;
        let await_mode = self.f().temp(span)?;
        self.expr(arg, received)?;
        let text = self.printed_name(arg);
        self.f().mark(span);
        // 5. GetIterator(value, async).
        self.f().emit(Insn::GetAsyncIterator { dst: iter, src: received, text });
        // 7. received = NormalCompletion(undefined).
        self.f().emit(Insn::LoadUndef { dst: received });
        self.f().emit(Insn::LoadInt { dst: mode, value: 0 });
        let top = self.f().pc();
        // 8.a.i / 8.b.ii.1 / 8.c.iv: the call, then Await of its result.
        self.f().emit(Insn::AsyncDelegateCall { res, iter, recv: received, mode, kind });
        self.f().emit(Insn::Await { src: res, dst: res, mode: await_mode });
        let to_throw_res = self.f().emit(Insn::JumpIfInt { src: await_mode, value: 1, target: 0 });
        let to_return_res = self.f().emit(Insn::JumpIfInt { src: kind, value: DELEGATE_RETURN, target: 0 });
        let to_closed = self.f().emit(Insn::JumpIfInt { src: kind, value: DELEGATE_CLOSED, target: 0 });
        // If innerResult is not an Object, throw a TypeError; done → the value.
        self.f().emit(Insn::CheckIterResult { src: res });
        let done_key = self.f().name("done");
        self.f().emit(Insn::GetProp { dst, obj: res, key: done_key });
        let to_done = self.f().emit(Insn::JumpIfTrue { cond: dst, target: 0 });
        // received = Completion(AsyncGeneratorYield(? IteratorValue(innerResult))).
        let value_key = self.f().name("value");
        self.f().emit(Insn::GetProp { dst: received, obj: res, key: value_key });
        self.f().emit(Insn::AsyncGeneratorYield { src: received, dst: received, mode });
        let back1 = self.f().emit(Insn::JumpIfInt { src: mode, value: 0, target: 0 });
        let back2 = self.f().emit(Insn::JumpIfInt { src: mode, value: 1, target: 0 });
        // A `return` resumption awaits its value; a rejection makes it a throw completion.
        self.f().emit(Insn::Await { src: received, dst: received, mode: await_mode });
        let back3 = self.f().emit(Insn::JumpIfInt { src: await_mode, value: 0, target: 0 });
        self.f().emit(Insn::LoadInt { dst: mode, value: 1 });
        self.f().patch_here(back1);
        self.f().patch_here(back2);
        self.f().patch_here(back3);
        self.f().emit(Insn::Loop { target: top });

        // 8.b.iii: no `throw` method; the iterator was closed: check, then the TypeError.
        self.f().patch_here(to_closed);
        self.f().emit(Insn::CheckIterResult { src: res });
        let msg = self.f().name("The iterator does not provide a 'throw' method");
        self.f().emit(Insn::ThrowError { kind: ErrorType::TypeError, msg });
        // An awaited promise rejected.
        self.f().patch_here(to_throw_res);
        self.f().emit(Insn::Throw { src: res });
        // 8.c.iii: no `return` method: return the awaited value.
        self.f().patch_here(to_return_res);
        self.emit_return(res, span)?;
        // Done: the value is the result of `yield*`, or returned for a `return` request.
        self.f().patch_here(to_done);
        self.f().emit(Insn::GetProp { dst, obj: res, key: value_key });
        let to_end = self.f().emit(Insn::JumpIfInt { src: mode, value: 0, target: 0 });
        let to_end2 = self.f().emit(Insn::JumpIfInt { src: mode, value: 1, target: 0 });
        self.emit_return(dst, span)?;
        self.f().patch_here(to_end);
        self.f().patch_here(to_end2);
        Ok(())
    }

    /// AsyncIteratorClose (§7.4.13) of the iterator in `regs.iter`. For a throw completion
    /// (`quiet`) the outcome of `return` is awaited but ignored; otherwise a rejection throws
    /// and a non-object result is a TypeError.
    pub(super) fn emit_async_iterator_close(&mut self, regs: AsyncCloseRegs, quiet: bool) {
        let AsyncCloseRegs { iter, result, found, mode } = regs;
        let f = self.f();
        f.emit(Insn::AsyncIteratorCloseCall { dst: result, iter, found, quiet });
        let skip = f.emit(Insn::JumpIfFalse { cond: found, target: 0 });
        f.emit(Insn::Await { src: result, dst: result, mode });
        if !quiet {
            let ok = f.emit(Insn::JumpIfInt { src: mode, value: 0, target: 0 });
            f.emit(Insn::Throw { src: result });
            f.patch_here(ok);
            f.emit(Insn::CheckIterResult { src: result });
        }
        f.patch_here(skip);
    }

    /// `for await (left of right) body` (§14.7.5.6-7 with iteratorKind async).
    pub(super) fn for_await(
        &mut self,
        left: &ForHead,
        right: &Expr,
        body: &Stmt,
        labels: Vec<Box<str>>,
    ) -> CResult<()> {
        if !self.f().is_async {
            return Err(CompileError::unsupported("for await outside async code", right.span));
        }
        self.clear_completion();
        let iter = self.f().temps(3, right.span)?;
        let value = self.f().temp(right.span)?;
        let exc = self.f().temp(right.span)?;
        let regs = AsyncCloseRegs {
            iter,
            result: self.f().temp(right.span)?,
            found: self.f().temp(right.span)?,
            mode: self.f().temp(right.span)?,
        };
        let tdz = self.for_head_tdz_scope(left)?;
        self.expr(right, value)?;
        if tdz {
            self.pop_scope();
        }
        self.f().mark(right.span);
        let text = self.printed_name(right);
        self.f().emit(Insn::GetAsyncIterator { dst: iter, src: value, text });
        let start = self.f().pc();
        // a-c. nextResult = ? Await(? Call(next, iterator)); it must be an object.
        self.f().emit(Insn::IteratorCallNext { dst: value, iter });
        self.f().emit(Insn::Await { src: value, dst: value, mode: regs.mode });
        let to_throw_next = self.f().emit(Insn::JumpIfInt { src: regs.mode, value: 1, target: 0 });
        self.f().emit(Insn::CheckIterResult { src: value });
        // d-f. done → leave; else the value.
        let done_key = self.f().name("done");
        self.f().emit(Insn::GetProp { dst: regs.found, obj: value, key: done_key });
        let to_exit = self.f().emit(Insn::JumpIfTrue { cond: regs.found, target: 0 });
        let value_key = self.f().name("value");
        self.f().emit(Insn::GetProp { dst: value, obj: value, key: value_key });
        // A throw from the binding or the body closes the iterator, then propagates; leaving
        // the loop otherwise pops the handler first, then closes the iterator.
        let try_start = self.f().emit(Insn::TryStart { target: 0, exc });
        self.push_control(ControlKind::AsyncIterator(regs), Vec::new());
        self.push_control(ControlKind::Handler, Vec::new());
        self.push_scope(false);
        self.for_head_bind(left, value)?;
        self.push_control(ControlKind::Loop, labels);
        self.sub_stmt(body)?;
        let cont = self.f().pc();
        self.f().emit(Insn::TryEnd);
        self.f().emit(Insn::Loop { target: start });
        let loop_ctl = self.pop_control();
        self.pop_scope();
        self.pop_control(); // handler
        self.pop_control(); // iterator
                            // A rejected `next` result propagates without closing.
        self.f().patch_here(to_throw_next);
        self.f().emit(Insn::Throw { src: value });
        let handler = self.f().pc();
        self.f().patch(try_start, handler);
        self.emit_async_iterator_close(regs, true);
        self.f().emit(Insn::Throw { src: exc });
        let mut to_end = Vec::new();
        if let Some(c) = loop_ctl {
            if !c.breaks.is_empty() {
                let pad = self.f().pc();
                for j in c.breaks {
                    self.f().patch(j, pad);
                }
                self.f().emit(Insn::TryEnd);
                self.emit_async_iterator_close(regs, false);
                to_end.push(self.f().emit(Insn::Jump { target: 0 }));
            }
            for j in c.continues {
                self.f().patch(j, cont);
            }
        }
        self.f().patch_here(to_exit);
        for j in to_end {
            self.f().patch_here(j);
        }
        Ok(())
    }
}
