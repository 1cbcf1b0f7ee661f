//! The report Node writes to stderr when a program dies of an uncaught exception or an unhandled
//! rejection (src/node_errors.cc `TriggerUncaughtException` / `AppendExceptionLine`):
//!
//! ```text
//! /abs/path.js:3              <- the source excerpt: file (path, or file: URL for a module),
//!   throw e;                     line, the source line and a caret under the column
//!   ^
//!                             <- for an Error object: a blank line
//! Error: late                 <- util.inspect of the value: the stack, own properties in braces
//!     at ... {
//!   code: 'X'
//! }
//!
//! Node.js v20.20.2
//! ```
//!
//! For a value that is not an Error object, Node prints the excerpt (after a blank line) right
//! above the value, and for a primitive adds ``(Use `node --trace-uncaught ...` to show where
//! the exception was thrown)``. An error that reached Node through a promise points at where it
//! was created (its first stack frame). A thrown value points at the `throw` — the interpreter
//! does not record that position yet, so an error's creation site stands in for it, and values
//! without a stack get no excerpt.

use modjs_vm::host::event_loop::Uncaught;
use modjs_vm::host::inspect::inspect_error;
use modjs_vm::host::process::NODE_VERSION;
use modjs_vm::host::uncaught::{error_creation_site, report_value, SourceSite};
use modjs_vm::object::ObjectKind;
use modjs_vm::{Value, Vm};

use super::code_frame::underline;

/// Node's last line of every fatal report.
pub fn node_trailer() -> String {
    format!("\nNode.js v{NODE_VERSION}\n")
}

/// The whole stderr report for `uncaught`.
pub fn uncaught_report(vm: &mut Vm, uncaught: &Uncaught) -> String {
    let report = report_value(vm, uncaught);
    let value = report.value;
    let excerpt = error_creation_site(vm, &value).and_then(|site| source_excerpt(&site));
    let is_native_error = matches!(&value, Value::Object(o) if matches!(vm.heap.get(*o).kind, ObjectKind::Error));
    let text = inspect_error(vm, &value);
    let mut out = String::new();
    if is_native_error {
        if let Some(ex) = &excerpt {
            out.push_str(ex);
            out.push('\n');
        }
        out.push_str(&text);
        out.push('\n');
    } else {
        if let Some(ex) = &excerpt {
            out.push('\n');
            out.push_str(ex);
        }
        out.push_str(&text);
        out.push('\n');
        if !value.is_object() {
            out.push_str("(Use `node --trace-uncaught ...` to show where the exception was thrown)\n");
        }
    }
    out.push_str(&node_trailer());
    out
}

/// `FILE:LINE\n<source line>\n<caret>\n` for a site, when its file can be read.
fn source_excerpt(site: &SourceSite) -> Option<String> {
    let path = match site.file.strip_prefix("file://") {
        Some(_) => modjs_loader::resolve::url::Url::parse(&site.file)?.to_file_path().ok()?,
        None => site.file.clone(),
    };
    let text = std::fs::read_to_string(&path).ok()?;
    let line_no = site.line as usize;
    let line = text.split('\n').nth(line_no.checked_sub(1)?)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let line = line.split('\0').next().unwrap_or("");
    let start = (site.column as usize).saturating_sub(1);
    let caret = underline(line.as_bytes(), start, start + 1);
    Some(format!("{}:{}\n{}\n{}\n", site.file, site.line, line, caret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_puts_the_caret_under_the_column() {
        let dir = std::env::temp_dir().join(format!("modjs-uncaught-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.js");
        std::fs::write(&file, "let x;\n\tfoo(new Error('m'));\n").unwrap();
        let site = SourceSite { file: file.display().to_string(), line: 2, column: 6 };
        let ex = source_excerpt(&site).unwrap();
        assert_eq!(ex, format!("{}:2\n\tfoo(new Error('m'));\n\t    ^\n", file.display()));
        let missing = SourceSite { file: "/nonexistent/x.js".into(), line: 1, column: 1 };
        assert_eq!(source_excerpt(&missing), None);
        let past_end = SourceSite { line: 9, ..site };
        assert_eq!(source_excerpt(&past_end), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_rejected_primitive_is_reported_as_node_does() {
        let mut vm = Vm::new();
        let promise = modjs_vm::builtins::promise::new_promise(&mut vm);
        let text = uncaught_report(&mut vm, &Uncaught::Rejection { promise, reason: Value::Number(42.0) });
        assert!(text.contains("The promise rejected with the reason \"42\"."), "{text}");
        assert!(text.contains("  code: 'ERR_UNHANDLED_REJECTION'"), "{text}");
        assert!(text.ends_with("\n\nNode.js v20.20.2\n"), "{text}");
    }

    #[test]
    fn a_thrown_primitive_gets_the_trace_uncaught_hint() {
        let mut vm = Vm::new();
        let text = uncaught_report(&mut vm, &Uncaught::Exception(Value::Number(42.0)));
        assert_eq!(
            text,
            "42\n(Use `node --trace-uncaught ...` to show where the exception was thrown)\n\nNode.js v20.20.2\n"
        );
    }
}
