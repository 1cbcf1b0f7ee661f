//! `Module._extensions['.json']`: `require('./x.json')` parses the file once (the module is
//! cached like any other) with the original `JSON.parse`; a parse error's message is prefixed
//! with the filename (`/abs/x.json: Unexpected token …`).

use modjs_vm::{attrs, JsResult, ObjRef, PropertyKey, Value, Vm};

use super::load::{read_source, take_prefetched};
use super::shared;

/// Loads a JSON module into `module.exports`.
pub fn load_json(vm: &mut Vm, module: ObjRef, filename: &str) -> JsResult<()> {
    let s = shared(vm)?;
    let content = match take_prefetched(vm, filename)? {
        Some(p) => p.source,
        None => read_source(vm, filename)?,
    };
    let text = content.strip_prefix('\u{feff}').unwrap_or(&content);
    match vm.call(&s.json_parse, Value::Undefined, &[Value::from(text)]) {
        Ok(value) => {
            vm.define_value(module, PropertyKey::from("exports"), value, attrs::ALL);
            Ok(())
        }
        Err(thrown) => {
            if let Value::Object(err) = &thrown {
                let key = PropertyKey::from("message");
                let message = vm.get(*err, &key)?;
                let message = vm.to_string(&message)?.to_rust_lossy();
                let prefixed = format!("{filename}: {message}");
                vm.put(*err, key, Value::from(prefixed.as_str()), false)?;
            }
            Err(thrown)
        }
    }
}
