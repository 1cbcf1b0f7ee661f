//! The payload of a function object made from bytecode (ObjectKind::Function): the template,
//! the captured cells, and the slots classes and methods need.

use std::rc::Rc;

use crate::bytecode::{Capture, FunctionTemplate, TemplateKind};
use crate::gc::{CellRef, ObjRef, Trace, Tracer};
use crate::object::property_map::PropertyMap;
use crate::object::{Object, ObjectKind};
use crate::property::{attrs, PropertyKey, Slot};
use crate::realm::Intrinsic;
use crate::value::Value;
use crate::vm::Vm;

/// An ECMAScript function object's internal slots (§10.2).
pub struct Closure {
    /// [[ECMAScriptCode]] and everything static about the function.
    pub template: Rc<FunctionTemplate>,
    /// The captured binding cells (the closure's [[Environment]], flattened).
    pub upvalues: Rc<[CellRef]>,
    /// [[HomeObject]] (methods: for `super` lookups).
    pub home_object: Option<ObjRef>,
    /// A class constructor's instance field initialiser ([[Fields]], compiled into one
    /// function).
    pub fields: Option<ObjRef>,
}

impl Trace for Closure {
    fn trace(&self, t: &mut Tracer) {
        for c in self.upvalues.iter() {
            t.cell(*c);
        }
        if let Some(h) = self.home_object {
            t.obj(h);
        }
        if let Some(f) = self.fields {
            t.obj(f);
        }
    }
}

impl Vm {
    /// OrdinaryFunctionCreate + MakeConstructor as the `Closure` instruction does it: a function
    /// object for `template` capturing `upvalues`, with `length`, `name` and (for ordinary
    /// constructors and generators) `prototype`.
    pub fn make_closure(&mut self, template: Rc<FunctionTemplate>, upvalues: Rc<[CellRef]>) -> ObjRef {
        let proto = self.intrinsic(match (template.is_async, template.is_generator) {
            (false, false) => Intrinsic::FunctionPrototype,
            (false, true) => Intrinsic::GeneratorFunctionPrototype,
            (true, false) => Intrinsic::AsyncFunctionPrototype,
            (true, true) => Intrinsic::AsyncGeneratorFunctionPrototype,
        });
        let generator_proto = match (template.is_async, template.is_generator) {
            (false, true) => Some(Intrinsic::GeneratorPrototype),
            (true, true) => Some(Intrinsic::AsyncGeneratorPrototype),
            _ => None,
        };
        let kind = template.kind;
        let length = template.length;
        let name = template.name.clone();
        let needs_prototype = matches!(kind, TemplateKind::Normal) && template.is_constructor();
        let own_properties = if needs_prototype || generator_proto.is_some() { 3 } else { 2 };
        // The object is made with its properties in place (distinct keys, no searches); the
        // arena accounts for the reserved storage when it allocates.
        let keys = &self.interp.common_keys;
        let (length_key, name_key) = (keys.length.clone(), keys.name.clone());
        let mut props = PropertyMap::default();
        props.reserve_exact(own_properties);
        props.push_new(length_key, Slot::Data { value: Value::Number(length as f64), attrs: attrs::CONFIGURABLE });
        props.push_new(name_key, Slot::Data { value: Value::String(name), attrs: attrs::CONFIGURABLE });
        let mut object = Object::new(
            Some(proto),
            ObjectKind::Function(Box::new(Closure { template, upvalues, home_object: None, fields: None })),
        );
        object.props = props;
        let func = self.heap.alloc(object);
        let prototype = if needs_prototype {
            let keys = &self.interp.common_keys;
            let constructor_key = keys.constructor.clone();
            let mut p = Object::ordinary(Some(self.intrinsic(Intrinsic::ObjectPrototype)));
            p.props.reserve_exact(1);
            p.props.push_new(constructor_key, Slot::Data { value: Value::Object(func), attrs: attrs::BUILTIN });
            Some(self.heap.alloc(p))
        } else if let Some(gp) = generator_proto {
            // A generator function's `prototype` is the prototype of its generator objects.
            let parent = self.intrinsic(gp);
            Some(self.new_object_with_proto(Some(parent)))
        } else {
            None
        };
        if let Some(p) = prototype {
            let prototype_key = self.interp.common_keys.prototype.clone();
            let slot = Slot::Data { value: Value::Object(p), attrs: attrs::WRITABLE };
            self.heap.get_mut(func).props.push_new(prototype_key, slot);
        }
        func
    }

    /// The closure payload of a function object, if it is one.
    pub fn closure(&self, f: ObjRef) -> Option<&Closure> {
        match &self.heap.get(f).kind {
            ObjectKind::Function(c) => Some(c),
            _ => None,
        }
    }

    pub fn closure_mut(&mut self, f: ObjRef) -> Option<&mut Closure> {
        match &mut self.heap.get_mut(f).kind {
            ObjectKind::Function(c) => Some(c),
            _ => None,
        }
    }
}

/// The captured cells of a new closure, taken from the creating frame's cells and upvalues.
pub fn capture_cells(captures: &[Capture], frame_cells: &[CellRef], frame_upvalues: &[CellRef]) -> Rc<[CellRef]> {
    captures
        .iter()
        .map(|c| match *c {
            Capture::Cell(slot) => frame_cells[slot as usize],
            Capture::Upvalue(idx) => frame_upvalues[idx as usize],
        })
        .collect()
}

/// Property keys the interpreter uses constantly, made once.
pub struct CommonKeys {
    pub length: PropertyKey,
    pub name: PropertyKey,
    pub prototype: PropertyKey,
    pub constructor: PropertyKey,
    pub next: PropertyKey,
    pub done: PropertyKey,
    pub value: PropertyKey,
    pub return_: PropertyKey,
    pub callee: PropertyKey,
    /// The fields of a property descriptor object (ToPropertyDescriptor).
    pub enumerable: PropertyKey,
    pub configurable: PropertyKey,
    pub writable: PropertyKey,
    pub get: PropertyKey,
    pub set: PropertyKey,
}

impl CommonKeys {
    pub fn new() -> CommonKeys {
        CommonKeys {
            length: PropertyKey::interned("length"),
            name: PropertyKey::interned("name"),
            prototype: PropertyKey::interned("prototype"),
            constructor: PropertyKey::interned("constructor"),
            next: PropertyKey::interned("next"),
            done: PropertyKey::interned("done"),
            value: PropertyKey::interned("value"),
            return_: PropertyKey::interned("return"),
            callee: PropertyKey::interned("callee"),
            enumerable: PropertyKey::interned("enumerable"),
            configurable: PropertyKey::interned("configurable"),
            writable: PropertyKey::interned("writable"),
            get: PropertyKey::interned("get"),
            set: PropertyKey::interned("set"),
        }
    }
}

impl Default for CommonKeys {
    fn default() -> Self {
        CommonKeys::new()
    }
}
