//! The instruction set.
//!
//! Registers are `u16` indexes into the current frame's window of the shared register stack.
//! Register 0 holds `this`; registers `1..=param_count` receive the arguments. Cell slots are
//! `u16` indexes into the frame's window of the cell stack (bindings that closures capture);
//! upvalues are indexes into the running closure's captured cells. `name`/`key` operands index
//! the template's name pool, `idx` operands its constant pool, `func` its child templates.
//! Jump targets are absolute instruction indexes.

pub type Reg = u16;

/// A `text` operand meaning "no source text".
pub const NO_TEXT: u32 = u32::MAX;

/// One instruction. Operands are inline so that the dispatch loop never allocates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Insn {
    // ----- loads and moves ------------------------------------------------------------------
    LoadUndef { dst: Reg },
    LoadNull { dst: Reg },
    LoadTrue { dst: Reg },
    LoadFalse { dst: Reg },
    /// The uninitialised marker (a `let`/`const`/`class` binding before its declaration runs).
    LoadEmpty { dst: Reg },
    LoadInt { dst: Reg, value: i32 },
    LoadConst { dst: Reg, idx: u32 },
    Move { dst: Reg, src: Reg },
    /// The active function object.
    LoadCallee { dst: Reg },
    /// `new.target` (undefined in a plain call).
    LoadNewTarget { dst: Reg },
    /// The active function's `[[HomeObject]]`.
    LoadHomeObject { dst: Reg },
    /// `ReferenceError: Cannot access 'name' before initialization` when `src` is empty.
    CheckTdz { src: Reg, name: u32 },
    /// In a derived constructor: `ReferenceError: Must call super constructor …` when `this`
    /// (register `src`) is still empty.
    CheckThis { src: Reg },
    /// `ReferenceError: Super constructor may only be called once` unless `src` is empty.
    CheckThisUninitialized { src: Reg },
    /// `TypeError: Assignment to constant variable.`
    ThrowConstAssign,
    /// Throws an error of the given kind with the message in the name pool.
    ThrowError { kind: ErrorType, msg: u32 },

    // ----- binding cells --------------------------------------------------------------------
    /// A fresh uninitialised cell in slot `slot` (a new scope instance).
    NewCell { slot: u16 },
    /// A fresh cell in `slot` holding `undefined` (a `var`-like binding).
    NewCellUndefined { slot: u16 },
    /// A fresh cell in `slot` holding the old cell's value (per-iteration `let` copies).
    CopyCell { slot: u16 },
    GetCell { dst: Reg, slot: u16 },
    /// Read with the TDZ check; `name` names the binding in the error.
    GetCellChecked { dst: Reg, slot: u16, name: u32 },
    SetCell { slot: u16, src: Reg },
    /// Write to an initialised binding (TDZ check first).
    SetCellChecked { slot: u16, src: Reg, name: u32 },
    GetUpvalue { dst: Reg, idx: u16 },
    GetUpvalueChecked { dst: Reg, idx: u16, name: u32 },
    SetUpvalue { idx: u16, src: Reg },
    SetUpvalueChecked { idx: u16, src: Reg, name: u32 },

    // ----- global bindings ------------------------------------------------------------------
    /// Global lexical record, then the global object; `ReferenceError: x is not defined`.
    GetGlobal { dst: Reg, name: u32 },
    /// As `GetGlobal` but an unresolvable name gives `undefined` (`typeof x`).
    GetGlobalOrUndefined { dst: Reg, name: u32 },
    /// PutValue on a global reference (strictness from the template).
    SetGlobal { name: u32, src: Reg },

    // ----- with environments (§9.1.1.2, `compiler/with_scope.rs`) ---------------------------
    /// `with (src)`: ToObject(src) into `dst` (TypeError for undefined and null).
    ToObject { dst: Reg, src: Reg },
    /// HasBinding of `name` on the with environment whose binding object is in `env`: when
    /// it has the binding (a property not blocked by @@unscopables), `base` = that object and
    /// jump to `found`; else fall through with `base` unchanged.
    WithHasBinding { base: Reg, env: Reg, name: u32, found: u32 },
    /// GetBindingValue of `name` on the binding object in `base` (strictness from the template).
    WithGetBinding { dst: Reg, base: Reg, name: u32 },
    /// SetMutableBinding of `name` on the binding object in `base`.
    WithSetBinding { base: Reg, name: u32, src: Reg },
    /// WithBaseObject of the environment found by `WithHasBinding` (`base`: an object or
    /// `undefined`) into `dst`: a with object, else `undefined` (also for the record of a
    /// function's eval-declared variables, a declarative one, §9.1.1.1.10).
    WithBaseObject { dst: Reg, base: Reg },
    /// Initialises a script's lexical declaration in the realm's global record.
    InitGlobalLexical { name: u32, src: Reg },
    /// CreateGlobalFunctionBinding(name, r[src], deletable) (a Script's functions are not
    /// deletable, sloppy eval code's are).
    DeclareGlobalFunction { name: u32, src: Reg, deletable: bool },
    /// Sloppy direct eval code declaring `name` in its calling function's variable environment
    /// (`compiler/eval_var_scope.rs`): CreateMutableBinding(name, true) and InitializeBinding to
    /// undefined in the object record held by the cell of upvalue `env` — stored there first
    /// when the cell still holds `undefined` — unless the record has the binding.
    DeclareEvalVar { env: u16, name: u32 },
    /// SetMutableBinding(name, r[src], false) on that record (InitializeBinding of a function
    /// declared by the eval code; a block function's copy, Annex B.3.2.3).
    SetEvalVar { env: u16, name: u32, src: Reg },
    /// `delete x` for an unqualified global name (sloppy only).
    DeleteGlobal { dst: Reg, name: u32 },

    // ----- operators ------------------------------------------------------------------------
    Add { dst: Reg, lhs: Reg, rhs: Reg },
    Sub { dst: Reg, lhs: Reg, rhs: Reg },
    Mul { dst: Reg, lhs: Reg, rhs: Reg },
    Div { dst: Reg, lhs: Reg, rhs: Reg },
    Rem { dst: Reg, lhs: Reg, rhs: Reg },
    Exp { dst: Reg, lhs: Reg, rhs: Reg },
    Shl { dst: Reg, lhs: Reg, rhs: Reg },
    Shr { dst: Reg, lhs: Reg, rhs: Reg },
    UShr { dst: Reg, lhs: Reg, rhs: Reg },
    BitAnd { dst: Reg, lhs: Reg, rhs: Reg },
    BitOr { dst: Reg, lhs: Reg, rhs: Reg },
    BitXor { dst: Reg, lhs: Reg, rhs: Reg },
    /// `lhs <op> value` with an integer literal on the right (`i + 1`, `x & 1023`, `n % 3`):
    /// the same operation as the three-register form, without a register for the literal.
    ArithImm { op: ImmOp, dst: Reg, lhs: Reg, value: i32 },
    Eq { dst: Reg, lhs: Reg, rhs: Reg },
    NotEq { dst: Reg, lhs: Reg, rhs: Reg },
    StrictEq { dst: Reg, lhs: Reg, rhs: Reg },
    StrictNotEq { dst: Reg, lhs: Reg, rhs: Reg },
    Lt { dst: Reg, lhs: Reg, rhs: Reg },
    LtEq { dst: Reg, lhs: Reg, rhs: Reg },
    Gt { dst: Reg, lhs: Reg, rhs: Reg },
    GtEq { dst: Reg, lhs: Reg, rhs: Reg },
    /// `key in obj` (`TypeError` when `obj` is not an object).
    In { dst: Reg, lhs: Reg, rhs: Reg },
    InstanceOf { dst: Reg, lhs: Reg, rhs: Reg },
    Neg { dst: Reg, src: Reg },
    /// Unary `+`: ToNumber.
    ToNumber { dst: Reg, src: Reg },
    /// ToNumeric (the old value of a postfix `++`/`--`).
    ToNumeric { dst: Reg, src: Reg },
    Not { dst: Reg, src: Reg },
    BitNot { dst: Reg, src: Reg },
    TypeOf { dst: Reg, src: Reg },
    Inc { dst: Reg, src: Reg },
    Dec { dst: Reg, src: Reg },
    /// ToString (template literal substitutions).
    ToString { dst: Reg, src: Reg },
    /// ToPropertyKey (computed keys are converted once, before the value is evaluated).
    ToPropertyKey { dst: Reg, src: Reg },

    // ----- control flow ---------------------------------------------------------------------
    Jump { target: u32 },
    /// A backward jump: also a GC safe point.
    Loop { target: u32 },
    JumpIfTrue { cond: Reg, target: u32 },
    JumpIfFalse { cond: Reg, target: u32 },
    /// Jumps when `src` is `null` or `undefined`.
    JumpIfNullish { src: Reg, target: u32 },
    JumpIfNotNullish { src: Reg, target: u32 },
    JumpIfUndefined { src: Reg, target: u32 },
    JumpIfNotUndefined { src: Reg, target: u32 },
    /// Compare-and-branch: jumps when `lhs <op> rhs` is false (`if`/loop conditions).
    JumpIfCompareFalse { op: CompareOp, lhs: Reg, rhs: Reg, target: u32 },
    /// `JumpIfCompareFalse` against an integer literal (`i < 1000`, `n === 0`).
    JumpIfCompareImmFalse { op: CompareOp, lhs: Reg, value: i32, target: u32 },
    /// Jumps when `lhs === rhs` (switch cases).
    JumpIfStrictEq { lhs: Reg, rhs: Reg, target: u32 },
    /// Jumps when `src` is not an object.
    JumpIfNotObject { src: Reg, target: u32 },
    /// Jumps when register `src` holds the small integer `value` (finally dispatch).
    JumpIfInt { src: Reg, value: i32, target: u32 },
    Return { src: Reg },
    /// The return of a derived constructor: an object is returned as is, `undefined` becomes
    /// `this` (which must be initialised), anything else is a TypeError.
    ReturnDerived { src: Reg, this: Reg },
    Throw { src: Reg },
    /// Pushes an exception handler: a throw jumps to `target` with the exception in `exc`.
    TryStart { target: u32, exc: Reg },
    /// Pops the innermost exception handler.
    TryEnd,

    // ----- functions and calls --------------------------------------------------------------
    /// A closure of child template `func`.
    Closure { dst: Reg, func: u32 },
    /// Calls `r[base]` with `this = r[base+1]` and arguments `r[base+2 .. base+2+argc]`.
    /// `text` (name pool) is the callee as V8 prints it in "x is not a function".
    Call { dst: Reg, base: Reg, argc: u16, text: u32 },
    /// As `Call` with the arguments in the array `r[base+2]`.
    CallSpread { dst: Reg, base: Reg, text: u32 },
    /// `new r[base](r[base+2 ..])` (`r[base+1]` is scratch).
    New { dst: Reg, base: Reg, argc: u16, text: u32 },
    NewSpread { dst: Reg, base: Reg, text: u32 },
    /// `r[dst]` = the parent constructor of the class constructor `r[ctor]` (its prototype),
    /// a TypeError when that is not a constructor.
    GetSuperConstructor { dst: Reg, ctor: Reg },
    /// `super(args)`: Construct(r[base], args from r[base+2 ..], newTarget = r[base+1]); the
    /// new `this` goes to `dst` (the compiler binds it and runs the field initialisers).
    SuperCall { dst: Reg, base: Reg, argc: u16 },
    SuperCallSpread { dst: Reg, base: Reg },
    /// A default derived constructor's `super(...args)`: the frame's own arguments.
    SuperCallForward { dst: Reg, base: Reg },
    /// Runs the field initialiser of the active class constructor on `r[this]`.
    InitFields { this: Reg },
    /// Runs the field initialiser of the class constructor `r[ctor]` on `r[this]`.
    InitFieldsFrom { this: Reg, ctor: Reg },

    // ----- classes --------------------------------------------------------------------------
    /// Completes the class whose constructor closure is `r[ctor]`: `r[parent]` is the
    /// `extends` value (empty when there is none); creates the prototype into `r[proto]`, links
    /// `prototype`/`constructor` and the constructor's own prototype and home object.
    CreateClass { ctor: Reg, proto: Reg, parent: Reg },
    /// Stores the instance field initialiser `r[init]` in the class constructor `r[ctor]`.
    SetClassFields { ctor: Reg, init: Reg },
    /// A new Private Name described by name-pool entry `name` (`#x`).
    NewPrivateName { dst: Reg, name: u32 },
    GetPrivate { dst: Reg, obj: Reg, key: Reg },
    SetPrivate { obj: Reg, key: Reg, src: Reg },
    /// PrivateFieldAdd.
    DefinePrivateField { obj: Reg, key: Reg, src: Reg },
    /// PrivateMethodOrAccessorAdd: `r[func]` as method, getter or setter `r[key]` of `r[obj]`.
    DefinePrivateMethod { obj: Reg, key: Reg, func: Reg, kind: MethodKind },
    /// `#x in obj`.
    PrivateIn { dst: Reg, obj: Reg, key: Reg },
    /// `super[key]` with the home object `r[home]` and receiver `r[this]`.
    SuperGet { dst: Reg, home: Reg, this: Reg, key: Reg },
    SuperSet { home: Reg, this: Reg, key: Reg, src: Reg },

    // ----- generators -----------------------------------------------------------------------
    /// End of a generator's prologue: creates the generator object, suspends the frame into it
    /// and returns it to the caller. On resumption `dst` gets the sent value and `mode` the
    /// resumption kind (next / throw / return).
    InitialYield { dst: Reg, mode: Reg },
    /// `yield`: suspends with the iterator result `{ value: r[src], done: false }`.
    Yield { src: Reg, dst: Reg, mode: Reg },
    /// `yield*`'s suspension: yields the inner iterator's result object `r[src]` as it is.
    YieldRaw { src: Reg, dst: Reg, mode: Reg },
    /// AsyncGeneratorYield of the (awaited) `r[src]`: settles the head request with
    /// `{ value, done: false }`, then suspends unless another request is queued; `dst`/`mode`
    /// receive the resumption like `Yield`.
    AsyncGeneratorYield { src: Reg, dst: Reg, mode: Reg },
    /// First instruction of an async function: creates the activation's state and promise.
    AsyncStart,
    /// `await`: suspends until the promise for `r[src]` settles; on resumption `dst` gets the
    /// value (or `mode` says throw).
    Await { src: Reg, dst: Reg, mode: Reg },
    /// One step of `yield*`: calls the inner iterator's `next`, `throw` or `return` (per
    /// `r[mode]`) with `r[recv]`; the result object goes to `res` (a missing `return` gives a
    /// synthesized `{ value: r[recv], done: true }`; a missing `throw` closes the iterator and
    /// throws V8's TypeError).
    YieldDelegateCall { res: Reg, iter: Reg, recv: Reg, mode: Reg },

    // ----- objects and properties -----------------------------------------------------------
    NewObject { dst: Reg },
    /// The template object of tagged-template site `site` (one per site and realm, frozen).
    GetTemplateObject { dst: Reg, site: u32 },
    /// A regular expression literal (a new RegExp object each evaluation).
    NewRegExp { dst: Reg, pattern: u32, flags: u32 },
    /// `__proto__: value` in an object literal.
    SetProtoLiteral { obj: Reg, src: Reg },
    /// RequireObjectCoercible for destructuring; `name` is 1 + the name-pool index of the first
    /// property (for V8's message), or 0.
    RequireObjectCoercible { src: Reg, name: u32 },
    NewArray { dst: Reg },
    /// Appends `src` to the array `arr` (array literals).
    ArrayPush { arr: Reg, src: Reg },
    ArrayPushHole { arr: Reg },
    /// Appends every value of the iterable `src` to the array `arr`.
    /// `text` names the spread expression for "x is not iterable" (`NO_TEXT`: in a call's
    /// arguments, which has V8's "Spread syntax requires ..." message).
    ArraySpread { arr: Reg, src: Reg, text: u32 },
    GetProp { dst: Reg, obj: Reg, key: u32 },
    SetProp { obj: Reg, key: u32, src: Reg },
    GetElem { dst: Reg, obj: Reg, key: Reg },
    SetElem { obj: Reg, key: Reg, src: Reg },
    DeleteProp { dst: Reg, obj: Reg, key: u32 },
    DeleteElem { dst: Reg, obj: Reg, key: Reg },
    /// CreateDataPropertyOrThrow with a named key (object literals).
    DefineField { obj: Reg, key: u32, src: Reg },
    DefineElem { obj: Reg, key: Reg, src: Reg },
    /// Defines a method/getter/setter with a computed or named key; `kind` says which.
    DefineMethod { obj: Reg, key: Reg, src: Reg, kind: MethodKind, enumerable: bool },
    /// CopyDataProperties(r[dst], r[src], excluded keys r[excluded .. excluded+count]).
    CopyDataProperties { dst: Reg, src: Reg, excluded: Reg, excluded_count: u16 },
    /// Sets the `[[HomeObject]]` of the closure `func` to `home`.
    SetHomeObject { func: Reg, home: Reg },
    /// SetFunctionName(r[func], r[key]) for anonymous functions given a computed key.
    SetFunctionName { func: Reg, key: Reg, prefix: u8 },

    // ----- iteration ------------------------------------------------------------------------
    /// `for-in`: an iterator over the enumerable string keys of `obj`.
    ForInStart { dst: Reg, obj: Reg },
    /// The next key into `dst`, or a jump to `done` when exhausted.
    ForInNext { dst: Reg, iter: Reg, done: u32 },
    /// GetIterator(src, sync): iterator object into `dst`, its `next` method into `dst + 1`,
    /// `false` (the done flag) into `dst + 2`.
    /// `text` is the iterated expression as V8 prints it in "x is not iterable" (`NO_TEXT`:
    /// none, the value is described instead).
    GetIterator { dst: Reg, src: Reg, text: u32 },
    /// Destructuring step: the next value, or `undefined` once done (sets the done flag).
    IteratorStep { dst: Reg, iter: Reg },
    /// The remaining values as an array (sets the done flag).
    IteratorRest { dst: Reg, iter: Reg },
    /// IteratorClose unless the done flag is set; `quiet` for a throw completion.
    IteratorCloseIfNotDone { iter: Reg, quiet: bool },
    /// Calls `r[iter+1]` on `r[iter]`; jumps to `done` when the result is done, else the value
    /// goes to `dst`.
    IteratorNext { dst: Reg, iter: Reg, done: u32 },
    /// IteratorClose on a normal completion (calls `return`, checks the result is an object).
    IteratorClose { iter: Reg },
    /// IteratorClose on a throw completion: calls `return` and ignores what it does.
    IteratorCloseQuiet { iter: Reg },

    // ----- async iteration (`for await`, `yield*` in async generators) -------------------------
    /// GetIterator(src, async): like `GetIterator` (three registers from `dst`).
    GetAsyncIterator { dst: Reg, src: Reg, text: u32 },
    /// The call of one async `yield*` step per `r[mode]` (next / throw / return) with
    /// `r[recv]`; the value to await goes to `res`, and to `kind` which case it was
    /// (`interpreter::async_iteration::DELEGATE_*`).
    AsyncDelegateCall { res: Reg, iter: Reg, recv: Reg, mode: Reg, kind: Reg },
    /// `TypeError: Iterator result x is not an object` unless `r[src]` is an object.
    CheckIterResult { src: Reg },
    /// Call(r[iter+1], r[iter]) with no arguments; the result, unchecked, into `dst`.
    IteratorCallNext { dst: Reg, iter: Reg },
    /// AsyncIteratorClose up to its Await: calls `return` of `r[iter]` if it has one
    /// (`r[found]` = whether it did, `r[dst]` = its result). `quiet` (a throw completion):
    /// errors are dropped.
    AsyncIteratorCloseCall { dst: Reg, iter: Reg, found: Reg, quiet: bool },

    // ----- misc -----------------------------------------------------------------------------
    /// Unmapped `arguments` object from the frame's argument list.
    CreateArguments { dst: Reg },
    /// Makes the arguments object in `args` a mapped one (§10.4.4.7 CreateMappedArgumentsObject):
    /// its element `index`, if an argument was passed for it, now reads and writes the parameter
    /// binding in cell `slot`.
    MapArgument { args: Reg, index: u16, slot: u16 },
    /// Rest parameter: an array of the arguments from index `from`.
    CreateRest { dst: Reg, from: u16 },
    /// `import(r[specifier], r[options])` (options `undefined` when absent): EvaluateImportCall
    /// from its step 7 (`Vm::evaluate_import_call`); the promise goes to `dst`.
    ImportCall { dst: Reg, specifier: Reg, options: Reg },
    /// `eval(...)` with the callee in `r[base]` and the arguments from `base + 2`: when the callee
    /// is the realm's %eval%, direct eval (`Vm::perform_direct_eval`) with the caller's `this` in
    /// `r[this]` and child template `table` listing the visible bindings; the result goes to
    /// `dst` and the following `Call` is skipped. Otherwise nothing (the `Call` runs).
    /// `argc` = [`SPREAD_ARGC`]: `r[base + 2]` is an array of the arguments (then a
    /// `CallSpread` follows).
    DirectEval { dst: Reg, base: Reg, argc: u16, table: u32, this: Reg },
    /// GC safe point at function entry.
    Nop,
}

/// The `argc` of a `DirectEval` whose arguments are spread into an array.
pub const SPREAD_ARGC: u16 = u16::MAX;

/// The error constructors compile-time-known runtime errors use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorType {
    TypeError,
    ReferenceError,
    SyntaxError,
    RangeError,
}

/// The operator of `ArithImm`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImmOp {
    Add,
    Sub,
    Mul,
    Rem,
    Shl,
    Shr,
    UShr,
    BitAnd,
    BitOr,
    BitXor,
}

impl ImmOp {
    /// The three-register instruction doing the same operation (for the general path).
    pub fn register_form(self) -> Insn {
        let (dst, lhs, rhs) = (0, 0, 0);
        match self {
            ImmOp::Add => Insn::Add { dst, lhs, rhs },
            ImmOp::Sub => Insn::Sub { dst, lhs, rhs },
            ImmOp::Mul => Insn::Mul { dst, lhs, rhs },
            ImmOp::Rem => Insn::Rem { dst, lhs, rhs },
            ImmOp::Shl => Insn::Shl { dst, lhs, rhs },
            ImmOp::Shr => Insn::Shr { dst, lhs, rhs },
            ImmOp::UShr => Insn::UShr { dst, lhs, rhs },
            ImmOp::BitAnd => Insn::BitAnd { dst, lhs, rhs },
            ImmOp::BitOr => Insn::BitOr { dst, lhs, rhs },
            ImmOp::BitXor => Insn::BitXor { dst, lhs, rhs },
        }
    }
}

/// The comparison of a fused compare-and-branch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt,
    LtEq,
    Gt,
    GtEq,
    StrictEq,
    StrictNotEq,
}

impl CompareOp {
    /// The comparison of two numbers.
    #[inline]
    pub fn on_numbers(self, a: f64, b: f64) -> bool {
        match self {
            CompareOp::Lt => a < b,
            CompareOp::LtEq => a <= b,
            CompareOp::Gt => a > b,
            CompareOp::GtEq => a >= b,
            CompareOp::StrictEq => a == b,
            CompareOp::StrictNotEq => a != b,
        }
    }

    /// The relational instruction whose semantics a relational `CompareOp` has on other values
    /// (what `Vm::op_compare` evaluates); `GtEq` for the equality operators, which never get here.
    pub fn relational_insn(self) -> Insn {
        match self {
            CompareOp::Lt => Insn::Lt { dst: 0, lhs: 0, rhs: 0 },
            CompareOp::LtEq => Insn::LtEq { dst: 0, lhs: 0, rhs: 0 },
            CompareOp::Gt => Insn::Gt { dst: 0, lhs: 0, rhs: 0 },
            _ => Insn::GtEq { dst: 0, lhs: 0, rhs: 0 },
        }
    }
}

/// What `DefineMethod` defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    Method,
    Getter,
    Setter,
}
