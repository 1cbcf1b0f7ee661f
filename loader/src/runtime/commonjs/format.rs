//! CommonJS or ES module, for a file `require` loads (Node v20.20's `Module._extensions['.js']`
//! and `wrapSafe`'s retry):
//! - `.cjs` is CommonJS; a `.js` file follows the nearest package.json `"type"`
//!   (`"module"` makes it an ES module, `"commonjs"` turns detection off);
//! - any other `.js`, an extensionless file or an unknown extension is compiled as CommonJS,
//!   and when that fails, Node's syntax detection decides ([`detect_format`]).

use modjs_parser::ast::{Goal, Program};
use modjs_parser::SyntaxError;

use super::wrapper::{compile_wrapper_program, parse_wrapper, PreparedWrapper};
use crate::resolve::errors::ResolveError;
use crate::resolve::package_json::{lookup_package_scope, PackageType};
use crate::resolve::url::Url;
use crate::resolve::Resolver;

/// How `require` treats a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequireFormat {
    CommonJs,
    Module,
    /// No fixed format: CommonJS unless syntax detection finds an ES module.
    Detect,
}

/// The format of a file `require` loads, from its extension and package scope.
pub fn require_format(r: &mut Resolver, filename: &str) -> Result<RequireFormat, ResolveError> {
    let base = &filename[filename.rfind('/').map_or(0, |i| i + 1)..];
    if base.ends_with(".cjs") {
        return Ok(RequireFormat::CommonJs);
    }
    if base.ends_with(".mjs") {
        return Ok(RequireFormat::Module);
    }
    if base.ends_with(".js") {
        let scope = lookup_package_scope(&mut r.packages, &Url::from_file_path(filename))?;
        return Ok(match scope.package_type {
            PackageType::Module => RequireFormat::Module,
            PackageType::CommonJs => RequireFormat::CommonJs,
            PackageType::None => RequireFormat::Detect,
        });
    }
    Ok(RequireFormat::Detect)
}

/// What syntax detection decided.
#[derive(Debug)]
pub enum Detected {
    /// CommonJS, with the checked wrapper program.
    CommonJs(Box<Program>),
    /// An ES module (its own parse reports its errors).
    Module,
    /// CommonJS that does not compile: this is the error to report.
    Error(SyntaxError),
}

/// The CommonJS errors after which Node retries the text as an ES module unconditionally.
const ESM_SYNTAX_ERRORS: &[&str] = &[
    "Cannot use import statement outside a module",
    "Unexpected token 'export'",
    "Cannot use 'import.meta' outside a module",
];

/// The CommonJS errors that an ES module would not have: Node retries as an ES module when the
/// text compiles as one.
const CJS_ONLY_ERRORS: &[&str] = &[
    "Identifier 'module' has already been declared",
    "Identifier 'exports' has already been declared",
    "Identifier 'require' has already been declared",
    "Identifier '__filename' has already been declared",
    "Identifier '__dirname' has already been declared",
    "await is only valid in async functions and the top level bodies of modules",
];

/// Node v20.20's syntax detection (`shouldRetryAsESM`): the text is compiled as CommonJS; when
/// that fails on ES module syntax (`import`/`export` statements, `import.meta`) it is an ES
/// module; when it fails on something only CommonJS forbids (top-level `await`, redeclaring a
/// wrapper parameter) it is an ES module if it parses as one. Anything else stays a CommonJS
/// syntax error.
pub fn detect_format(source: &str) -> Detected {
    match parse_wrapper(source) {
        Ok(program) => Detected::CommonJs(Box::new(program)),
        Err(e) if ESM_SYNTAX_ERRORS.contains(&e.message.as_str()) => Detected::Module,
        Err(e) if CJS_ONLY_ERRORS.contains(&e.message.as_str()) => {
            if modjs_parser::parse(source, Goal::Module).is_ok() {
                Detected::Module
            } else {
                Detected::Error(e)
            }
        }
        Err(e) => Detected::Error(e),
    }
}

/// Syntax detection with the wrapper of a CommonJS text compiled (work that may be done ahead,
/// on another thread).
#[derive(Debug)]
pub enum Detection {
    CommonJs(PreparedWrapper),
    Module,
    Error(SyntaxError),
}

/// [`detect_format`], then the CommonJS wrapper compiled.
pub fn detect_and_prepare(source: &str) -> Detection {
    match detect_format(source) {
        Detected::CommonJs(program) => Detection::CommonJs(compile_wrapper_program(&program)),
        Detected::Module => Detection::Module,
        Detected::Error(e) => Detection::Error(e),
    }
}
