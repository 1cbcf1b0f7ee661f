//! The Symbol constructor (§20.4.1), its properties (§20.4.2: `for`, `keyFor`, the well-known
//! symbols) and Symbol.prototype (§20.4.3).

use crate::error::JsResult;
use crate::native::CallArgs;
use crate::object::ObjectKind;
use crate::property::{attrs, PropertyKey};
use crate::realm::Intrinsic;
use crate::string::JsString;
use crate::symbol::Symbol;
use crate::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    let proto = vm.intrinsic(Intrinsic::SymbolPrototype);
    let ctor = vm.new_native_constructor("Symbol", 0, symbol_constructor);
    vm.realm.set_intrinsic(Intrinsic::Symbol, ctor);
    vm.define_value(ctor, PropertyKey::from("prototype"), Value::Object(proto), attrs::NONE);
    vm.define_value(proto, PropertyKey::from("constructor"), Value::Object(ctor), attrs::BUILTIN);

    vm.define_method(ctor, "for", 1, symbol_for);
    vm.define_method(ctor, "keyFor", 1, symbol_key_for);
    let well_known: Vec<(&'static str, Symbol)> =
        vm.symbols.all().iter().map(|(name, sym)| (*name, (*sym).clone())).collect();
    for (name, sym) in well_known {
        vm.define_value(ctor, PropertyKey::from(name), Value::Symbol(sym), attrs::NONE);
    }
    // Node 20 adds these two (explicit resource management) as registered symbols:
    // `Symbol.dispose === Symbol.for("nodejs.dispose")`.
    for (name, key) in [("dispose", "nodejs.dispose"), ("asyncDispose", "nodejs.asyncDispose")] {
        let key = JsString::from(key);
        let sym = Symbol::registered(key.clone());
        vm.symbol_registry.insert(key, sym.clone());
        vm.define_value(ctor, PropertyKey::from(name), Value::Symbol(sym), attrs::NONE);
    }

    vm.define_getter(proto, PropertyKey::from("description"), symbol_proto_description, None, attrs::CONFIGURABLE);
    vm.define_method(proto, "toString", 0, symbol_proto_to_string);
    vm.define_method(proto, "valueOf", 0, symbol_proto_value_of);
    let to_primitive = vm.symbols.to_primitive.clone();
    vm.define_symbol_method(proto, to_primitive, 1, symbol_proto_to_primitive, attrs::CONFIGURABLE);
    let tag = PropertyKey::Symbol(vm.symbols.to_string_tag.clone());
    vm.define_value(proto, tag, Value::from("Symbol"), attrs::CONFIGURABLE);

    let global = vm.global();
    vm.define_value(global, PropertyKey::from("Symbol"), Value::Object(ctor), attrs::BUILTIN);
}

/// Symbol ( [ description ] ) (§20.4.1.1).
fn symbol_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    // 1. `new Symbol()` throws.
    if args.new_target.is_some() {
        return Err(vm.throw_type_error("Symbol is not a constructor"));
    }
    // 2-3. descString = undefined or ToString(description).
    let description = args.get(0);
    let desc = if description.is_undefined() { None } else { Some(vm.to_string(&description)?) };
    Ok(Value::Symbol(Symbol::new(desc)))
}

/// Symbol.for ( key ) (§20.4.2.2): one symbol per key in the GlobalSymbolRegistry.
fn symbol_for(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let key = vm.to_string(&args.get(0))?;
    if let Some(sym) = vm.symbol_registry.get(&key) {
        return Ok(Value::Symbol(sym.clone()));
    }
    let sym = Symbol::registered(key.clone());
    vm.symbol_registry.insert(key, sym.clone());
    Ok(Value::Symbol(sym))
}

/// Symbol.keyFor ( sym ) (§20.4.2.6).
fn symbol_key_for(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Symbol(sym) = args.get(0) else {
        let v = args.get(0);
        let msg = format!("{} is not a symbol", vm.describe_value_plain(&v));
        return Err(vm.throw_type_error(&msg));
    };
    Ok(match &sym.0.registered_key {
        Some(k) => Value::String(k.clone()),
        None => Value::Undefined,
    })
}

/// ThisSymbolValue (§20.4.3.4.1), with V8's message naming the method.
fn this_symbol_value(vm: &mut Vm, this: &Value, method: &str) -> JsResult<Symbol> {
    match this {
        Value::Symbol(s) => return Ok(s.clone()),
        Value::Object(o) => {
            if let ObjectKind::Symbol(s) = &vm.heap.get(*o).kind {
                return Ok(s.clone());
            }
        }
        _ => {}
    }
    Err(vm.throw_type_error(&format!("{method} requires that 'this' be a Symbol")))
}

/// get Symbol.prototype.description (§20.4.3.2).
fn symbol_proto_description(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_symbol_value(vm, &args.this, "Symbol.prototype.description")?;
    Ok(s.description().map(Value::String).unwrap_or(Value::Undefined))
}

/// Symbol.prototype.toString ( ) (§20.4.3.3).
fn symbol_proto_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = this_symbol_value(vm, &args.this, "Symbol.prototype.toString")?;
    Ok(Value::String(symbol_descriptive_string(&s)))
}

/// SymbolDescriptiveString ( sym ) (§20.4.3.3.1), keeping the description's code units.
pub fn symbol_descriptive_string(s: &Symbol) -> JsString {
    let desc = s.description().unwrap_or_else(JsString::empty);
    JsString::concat(&JsString::concat(&JsString::from("Symbol("), &desc), &JsString::from(")"))
}

/// Symbol.prototype.valueOf ( ) (§20.4.3.4).
fn symbol_proto_value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Symbol(this_symbol_value(vm, &args.this, "Symbol.prototype.valueOf")?))
}

/// Symbol.prototype [ @@toPrimitive ] ( hint ) (§20.4.3.5).
fn symbol_proto_to_primitive(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Symbol(this_symbol_value(vm, &args.this, "Symbol.prototype [ @@toPrimitive ]")?))
}
