//! The call stack as Error stacks show it (`at f (file:line:column)`).

use crate::bytecode::TemplateKind;
use crate::error::StackFrameInfo;
use crate::vm::Vm;

/// V8 shows at most this many frames.
const STACK_TRACE_LIMIT: usize = 10;

impl Vm {
    /// The active bytecode frames, innermost first.
    pub fn interpreter_stack_trace(&self) -> Vec<StackFrameInfo> {
        let mut out = Vec::new();
        for f in self.interp.frames.iter().rev() {
            if out.len() >= STACK_TRACE_LIMIT {
                break;
            }
            let t = &f.template;
            // The saved pc points after the running instruction.
            let (line, column) = t.line_column(f.pc.saturating_sub(1)).unwrap_or((1, 1));
            let function_name = match t.kind {
                TemplateKind::Script | TemplateKind::Module => None,
                _ => {
                    let n = t.name.to_rust_lossy();
                    let is_new = f.construct || matches!(t.kind, TemplateKind::ClassConstructor { .. });
                    if n.is_empty() {
                        None
                    } else if is_new {
                        Some(format!("new {n}"))
                    } else {
                        Some(n)
                    }
                }
            };
            out.push(StackFrameInfo {
                function_name,
                file: t.source.path.clone(),
                line: line as u32,
                column: column as u32,
            });
        }
        out
    }
}
