//! The token adapter: the context-sensitive decisions between the raw lexer and the grammar.
//!
//! JavaScript's lexical grammar depends on syntactic context in ways an LR(1) table cannot
//! express. This adapter keeps just enough context — a stack of open brackets, what each one
//! belongs to, and a stack of function contexts — to decide, token by token:
//!
//! - **regex or division**: a `/` after something that ends an expression divides; anywhere else
//!   it starts a regular expression (the hard cases are `)` and `}`: we know whether the paren was
//!   an `if (…)` head and whether the brace closed a block or an object literal);
//! - **template continuations**: a `}` that closes a `${` substitution resumes the template;
//! - **blocks versus object literals**: `{` at statement start, after a function head or `=>` is
//!   [`Tok::LBraceBlock`], otherwise an object literal [`Tok::LBrace`] — this is the spec's
//!   `[lookahead ∉ { {, function, class }]` rule done once, here;
//! - **declaration keywords**: `function`/`class` in statement position become
//!   [`Tok::DeclFunction`]/[`Tok::DeclClass`];
//! - **contextual keywords**: `await` inside async functions and module code, `yield` inside
//!   generators, `async` before a function or arrow, `let` starting a declaration, and
//!   `get`/`set`/`static` as member modifiers;
//! - **restricted productions**: an automatic semicolon after `return`/`break`/`continue`/`throw`
//!   followed by a line break, `yield` without operand before a line break, `++`/`--` after a
//!   line break as prefix operators, and no line break before `=>`.
//!
//! Everything else about automatic semicolon insertion happens in the grammar (error recovery).

use std::cell::Cell;
use std::collections::VecDeque;

use modjs_lexer::{Goal as LexGoal, Lexer, Name, Tok, Token};

use crate::ast::{Goal, Span};
use crate::error::SyntaxError;

/// Deepest bracket nesting accepted; V8 reports deeper nesting as a stack overflow.
pub const MAX_NESTING: usize = 2500;
/// Longest run of prefix operators accepted (`!!!!…x`), for the same reason.
pub const MAX_PREFIX_RUN: usize = 5000;

/// State shared between the adapter and the grammar's actions.
pub struct ParseCtx<'src> {
    pub src: &'src str,
    pub goal: Goal,
    /// Start of the most recently produced token (the parser's lookahead when an error occurs).
    pub last_start: Cell<usize>,
    /// End of the token produced before that one.
    pub prev_end: Cell<usize>,
    /// `import.defer` / `import.source` seen and not yet completed by a call.
    pub pending_phase_calls: Cell<u32>,
    /// The error that ended the token stream (lexical errors and the adapter's own): the
    /// parse's result, whatever the parser made of the tokens before it.
    pub adapter_error: Cell<Option<SyntaxError>>,
    /// The text is the body of a function (a CommonJS module): `return` is allowed at its
    /// top level.
    pub function_body: bool,
}

impl<'src> ParseCtx<'src> {
    pub fn new(src: &'src str, goal: Goal) -> Self {
        ParseCtx {
            src,
            goal,
            last_start: Cell::new(0),
            prev_end: Cell::new(0),
            pending_phase_calls: Cell::new(0),
            adapter_error: Cell::new(None),
            function_body: false,
        }
    }

    /// The end of the token before the token starting at `start` (if it is the latest one).
    pub fn end_before(&self, start: usize) -> Option<usize> {
        (self.last_start.get() == start).then(|| self.prev_end.get())
    }

    /// Is there a line terminator in the source between `from` and `to` (whitespace/comments)?
    pub fn newline_between(&self, from: usize, to: usize) -> bool {
        let (from, to) = (from.min(self.src.len()), to.min(self.src.len()));
        if from >= to {
            return false;
        }
        self.src.as_bytes()[from..to].iter().enumerate().any(|(i, &b)| {
            b == b'\n'
                || b == b'\r'
                || (b == 0xE2
                    && self.src.as_bytes().get(from + i + 1) == Some(&0x80)
                    && matches!(self.src.as_bytes().get(from + i + 2), Some(0xA8) | Some(0xA9)))
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ParenKind {
    /// Grouping, call arguments, arrow parameters (not known yet).
    Expr,
    /// `if (…)`, `while (…)`, `with (…)`, `switch (…)`, `catch (…)`.
    ControlHead,
    /// `for (…)` / `for await (…)`.
    ForHead,
    /// A function's or method's parameter list.
    Params,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BraceKind {
    /// A block statement or a switch body.
    Block,
    /// A function body; `decl` when the function is a declaration (statement position).
    FnBody { decl: bool, method: bool },
    ArrowBody,
    StaticBlock,
    ClassBody { decl: bool },
    Object,
    /// `${ … }` inside a template literal.
    TemplateSubst,
    /// `import { … }`, `export { … }`, `with { type: "json" }`.
    ModuleClause,
}

impl BraceKind {
    fn statement_list(self) -> bool {
        matches!(
            self,
            BraceKind::Block | BraceKind::FnBody { .. } | BraceKind::ArrowBody | BraceKind::StaticBlock
        )
    }
}

/// Where we are inside an object literal or class body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MemberState {
    /// Expecting the start of a member (modifiers or its name).
    Key,
    /// After the member's name: `(`, `:`, `=`, `,`/`;`/`}` follow.
    AfterKey,
    /// Inside a property value, spread argument or field initializer.
    Value,
}

#[derive(Clone, Copy, Debug)]
struct Member {
    state: MemberState,
    is_async: bool,
    is_generator: bool,
    is_static: bool,
    /// The member's name was a computed `[…]` still open.
    computed_open: bool,
}

impl Member {
    fn new() -> Member {
        Member {
            state: MemberState::Key,
            is_async: false,
            is_generator: false,
            is_static: false,
            computed_open: false,
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum FrameKind {
    Paren { kind: ParenKind, async_call: bool },
    Bracket,
    Brace { kind: BraceKind, owns_fn: bool },
}

#[derive(Clone, Copy, Debug)]
struct Frame {
    kind: FrameKind,
    /// Open `?` of conditional expressions at this level (to tell `a ? b : c` from labels).
    questions: u32,
    member: Member,
}

/// A function whose parameters or body we are in (decides `await` and `yield`).
#[derive(Clone, Copy, Debug)]
struct FnCtx {
    /// A class static block (not a function: `return` is not allowed in it).
    static_block: bool,
    /// A function declaration (its body's `}` ends a statement).
    decl: bool,
    /// An object or class method (its body's `}` returns to the member list).
    method: bool,
    is_async: bool,
    is_generator: bool,
    /// A concise arrow body: ends when the stack drops to `depth` or a `,`/`;`/`:` at it.
    concise: bool,
    depth: usize,
    questions: u32,
}

/// What kind of thing the previous significant token was.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prev {
    /// Start of input.
    Start,
    /// A token after which an expression has ended (identifier, literal, `)`, `]`, …).
    ExprEnd,
    /// A token after which an operand is expected (operators, `(`, keywords like `return`).
    Operand,
    /// A token after which a statement starts (`;`, `{`, `}` of a block, `)` of an if head…).
    StmtStart,
}

/// What the adapter remembers of the tokens it emitted: the few kinds its decisions ask about,
/// as a `Copy` value (remembering a [`Tok`] meant a clone and a drop per token).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Recent {
    /// No token yet, or one no decision asks about.
    Other,
    /// An identifier other than `async` and `assert` (escaped ones included).
    Ident,
    /// The unescaped identifier `async` (the raw token, not the adapter's [`Tok::Async`]).
    IdentAsync,
    /// The unescaped identifier `assert`.
    IdentAssert,
    /// A literal (string, number, bigint, regex, complete template, private name) or `null`.
    Literal,
    /// `,`, or a template chunk that opens a substitution (an operand follows both).
    Comma,
    Dot,
    QuestionDot,
    LParen,
    RParen,
    Star,
    Export,
    Default,
    Import,
    With,
    If,
    While,
    Switch,
    Catch,
    For,
    Await,
    Async,
    Class,
    DeclClass,
    Static,
}

impl Recent {
    /// Once per token (in `emit`): inlined there.
    #[inline(always)]
    fn of(tok: &Tok) -> Recent {
        match tok {
            Tok::Ident(n) if !n.escaped && &*n.name == "async" => Recent::IdentAsync,
            Tok::Ident(n) if !n.escaped && &*n.name == "assert" => Recent::IdentAssert,
            Tok::Ident(_) => Recent::Ident,
            Tok::PrivateName(_)
            | Tok::Str { .. }
            | Tok::Num { .. }
            | Tok::BigInt(_)
            | Tok::Regex(_)
            | Tok::NoSubstitutionTemplate(_)
            | Tok::TemplateTail(_)
            | Tok::Null => Recent::Literal,
            Tok::TemplateHead(_) | Tok::TemplateMiddle(_) | Tok::Comma => Recent::Comma,
            Tok::Dot => Recent::Dot,
            Tok::QuestionDot => Recent::QuestionDot,
            Tok::LParen => Recent::LParen,
            Tok::RParen => Recent::RParen,
            Tok::Star => Recent::Star,
            Tok::Export => Recent::Export,
            Tok::Default => Recent::Default,
            Tok::Import => Recent::Import,
            Tok::With => Recent::With,
            Tok::If => Recent::If,
            Tok::While => Recent::While,
            Tok::Switch => Recent::Switch,
            Tok::Catch => Recent::Catch,
            Tok::For => Recent::For,
            Tok::Await => Recent::Await,
            Tok::Async => Recent::Async,
            Tok::Class => Recent::Class,
            Tok::DeclClass => Recent::DeclClass,
            Tok::Static => Recent::Static,
            _ => Recent::Other,
        }
    }
}

pub struct Adapter<'src, 'ctx> {
    lexer: Lexer<'src>,
    ctx: &'ctx ParseCtx<'src>,
    stack: Vec<Frame>,
    /// Bottom frame: the Script or Module body.
    base: Frame,
    fns: Vec<FnCtx>,
    module_await: bool,
    prev: Prev,
    /// The previous token, for the few decisions that need it.
    prev_tok: Recent,
    prev_prev_tok: Recent,
    prev_end: usize,
    peeked: VecDeque<Token>,
    out: VecDeque<(usize, Tok, usize)>,
    /// `function` seen: (is_async, is_generator, is_decl) until its parameter list opens.
    pending_fn: Option<(bool, bool, bool)>,
    /// A parameter list just closed: the next `{` is that function's body (is_decl, is_method).
    expect_fn_body: Option<(bool, bool)>,
    /// `class` seen at this stack depth (is_decl) until its body opens (a stack, for
    /// `class extends class {} {}`).
    pending_class: Vec<(usize, bool)>,
    /// `=>` just seen: the next `{` is an arrow body.
    expect_arrow_body: bool,
    /// The last `)` closed a paren opened right after `async` (an async arrow head candidate).
    last_paren_async: bool,
    /// Position where an `async` in declaration position was emitted.
    async_decl: bool,
    /// Inside an import/export declaration (for `{` of clauses and attributes).
    in_module_decl: bool,
    prefix_run: usize,
    /// The statement starting next is the body of `if`/`while`/`for`/`with`/`else`/`do` or a
    /// label: a single-statement context, where `let` on its own line is an identifier.
    single_statement: bool,
    prev_paren_control: bool,
    /// A function expression's context was pushed at `function` (popped again at its `(`).
    fn_expr_pushed: bool,
    /// The previous token closed `export { … }`.
    closed_export_clause: bool,
    /// Inside `export { … }` (as opposed to an import clause).
    export_clause_open: bool,
    done: bool,
    failed: bool,
}

fn is_key_start(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Ident(_)
            | Tok::Str { .. }
            | Tok::Num { .. }
            | Tok::BigInt(_)
            | Tok::LBracket
            | Tok::PrivateName(_)
    ) || t.is_reserved_word()
}

/// A reserved word as the raw lexer returns it (the adapter's own tokens never come here).
fn is_reserved(t: &Tok) -> bool {
    t.is_reserved_word()
}

fn ident_is(t: &Tok, s: &str) -> bool {
    matches!(t, Tok::Ident(Name { name, escaped: false }) if &**name == s)
}

impl<'src, 'ctx> Adapter<'src, 'ctx> {
    pub fn new(ctx: &'ctx ParseCtx<'src>) -> Self {
        let lex_goal = match ctx.goal {
            Goal::Script => LexGoal::Script,
            Goal::Module => LexGoal::Module,
        };
        Adapter {
            lexer: Lexer::new(ctx.src, lex_goal),
            ctx,
            stack: Vec::new(),
            base: Frame {
                kind: FrameKind::Brace { kind: BraceKind::Block, owns_fn: false },
                questions: 0,
                member: Member::new(),
            },
            fns: Vec::new(),
            module_await: ctx.goal == Goal::Module,
            prev: Prev::Start,
            prev_tok: Recent::Other,
            prev_prev_tok: Recent::Other,
            prev_end: 0,
            peeked: VecDeque::new(),
            out: VecDeque::new(),
            pending_fn: None,
            expect_fn_body: None,
            pending_class: Vec::new(),
            expect_arrow_body: false,
            last_paren_async: false,
            async_decl: false,
            in_module_decl: false,
            prefix_run: 0,
            closed_export_clause: false,
            export_clause_open: false,
            single_statement: false,
            prev_paren_control: false,
            fn_expr_pushed: false,
            done: false,
            failed: false,
        }
    }

    fn top(&self) -> &Frame {
        self.stack.last().unwrap_or(&self.base)
    }

    fn top_mut(&mut self) -> &mut Frame {
        match self.stack.last_mut() {
            Some(f) => f,
            None => &mut self.base,
        }
    }

    fn top_brace(&self) -> Option<BraceKind> {
        match self.top().kind {
            FrameKind::Brace { kind, .. } => Some(kind),
            _ => None,
        }
    }

    /// At the level of a statement list (program, block, function body)?
    fn at_statement_level(&self) -> bool {
        self.top_brace().is_some_and(|k| k.statement_list())
    }

    fn in_member_list(&self) -> Option<(bool, MemberState)> {
        match self.top_brace() {
            Some(BraceKind::Object) => Some((false, self.top().member.state)),
            Some(BraceKind::ClassBody { .. }) => Some((true, self.top().member.state)),
            _ => None,
        }
    }

    fn await_is_keyword(&self) -> bool {
        match self.fns.last() {
            Some(f) => f.is_async,
            None => self.module_await,
        }
    }

    fn yield_is_keyword(&self) -> bool {
        self.fns.last().is_some_and(|f| f.is_generator)
    }

    #[inline(always)]
    fn lex(&mut self, regex_allowed: bool) -> Result<Token, SyntaxError> {
        let t = self.lexer.next_token().map_err(lex_error)?;
        if regex_allowed && matches!(t.tok, Tok::Slash | Tok::SlashEq) {
            return self.lexer.rescan_regex(&t).map_err(lex_error);
        }
        Ok(t)
    }

    /// Looks at the `n`-th (0-based) token after the current one. Tokens are lexed as if
    /// they followed an identifier (division), except the first after `yield`/`return`…, which
    /// the caller lexes with `regex_allowed`.
    fn peek(&mut self, n: usize, regex_allowed: bool) -> Result<&Token, SyntaxError> {
        while self.peeked.len() <= n {
            let allow = self.peeked.is_empty() && regex_allowed;
            let t = self.lex(allow)?;
            self.peeked.push_back(t);
        }
        Ok(&self.peeked[n])
    }

    #[inline(always)]
    fn next_raw(&mut self) -> Result<Token, SyntaxError> {
        if let Some(t) = self.peeked.pop_front() {
            return Ok(t);
        }
        let regex_allowed = self.prev != Prev::ExprEnd;
        self.lex(regex_allowed)
    }

    fn push(&mut self, kind: FrameKind, at: Span) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_NESTING {
            return Err(SyntaxError::range_error("Maximum call stack size exceeded", at));
        }
        self.stack.push(Frame { kind, questions: 0, member: Member::new() });
        Ok(())
    }

    /// Ends concise arrow bodies that a token at the current depth terminates.
    #[inline(always)]
    fn end_concise_arrows(&mut self, closing: bool, colon: bool) {
        // Most closing tokens are not inside a concise arrow body at all.
        if self.fns.last().is_some_and(|f| f.concise) {
            self.end_open_concise_arrows(closing, colon);
        }
    }

    #[inline(never)]
    fn end_open_concise_arrows(&mut self, closing: bool, colon: bool) {
        while let Some(f) = self.fns.last() {
            if !f.concise {
                break;
            }
            let depth = self.stack.len();
            let ends = if closing {
                depth <= f.depth
            } else if colon {
                depth == f.depth && self.top().questions <= f.questions
            } else {
                depth <= f.depth
            };
            if ends {
                self.fns.pop();
            } else {
                break;
            }
        }
    }

    /// The next token for the parser.
    #[inline(always)]
    fn produce(&mut self) -> Result<Option<(usize, Tok, usize)>, SyntaxError> {
        if let Some(t) = self.out.pop_front() {
            return Ok(Some(t));
        }
        if self.done {
            return Ok(None);
        }
        let raw = self.next_raw()?;
        let Token { tok, start, end, nl_before } = raw;
        let span = Span::new(start, end);

        // A token on a new line after a complete expression that cannot continue it starts a
        // new statement (the grammar will insert the semicolon).
        let mut stmt_start = self.prev == Prev::StmtStart || self.prev == Prev::Start;
        if !stmt_start && self.prev == Prev::ExprEnd && nl_before && self.at_statement_level() {
            let continues = matches!(
                tok,
                Tok::In | Tok::Instanceof | Tok::NoSubstitutionTemplate(_) | Tok::TemplateHead(_)
            ) || !(matches!(
                tok,
                Tok::Ident(_)
                    | Tok::Num { .. }
                    | Tok::Str { .. }
                    | Tok::BigInt(_)
                    | Tok::LBrace
                    | Tok::Bang
                    | Tok::Tilde
                    | Tok::PrivateName(_)
            ) || is_reserved(&tok));
            if !continues {
                stmt_start = true;
            }
        }
        stmt_start &= self.at_statement_level();
        if stmt_start && !matches!(tok, Tok::Import | Tok::Export) {
            self.in_module_decl = false;
        }

        if self.expect_fn_body.is_some() && tok != Tok::LBrace {
            // Not a body after all (a syntax error follows); drop the function context.
            self.expect_fn_body = None;
            self.fns.pop();
        }

        // Member names in object literals and class bodies: keywords are plain names there,
        // and get/set/static/async/* are modifiers.
        let member_ctx = self.in_member_list();
        let after_dot = matches!(self.prev_tok, Recent::Dot | Recent::QuestionDot);
        if after_dot && (matches!(tok, Tok::Ident(_)) || is_reserved(&tok)) {
            return Ok(Some(self.emit(tok, start, end, Prev::ExprEnd)));
        }
        if self.top_brace() == Some(BraceKind::ModuleClause) && matches!(tok, Tok::Ident(_)) {
            return Ok(Some(self.emit(tok, start, end, Prev::ExprEnd)));
        }
        if let Some((is_class, MemberState::Key)) = member_ctx {
            if let Some(t) = self.member_key_token(&tok, is_class, start, end)? {
                return Ok(Some(t));
            }
        }
        if let Some((true, MemberState::AfterKey)) | Some((true, MemberState::Value)) = member_ctx {
            // A class field without `;`: a new member starts on a new line.
            if nl_before
                && self.prev == Prev::ExprEnd
                && (matches!(tok, Tok::Ident(_) | Tok::PrivateName(_) | Tok::Str { .. } | Tok::Num { .. } | Tok::LBracket | Tok::Star)
                    || is_reserved(&tok))
                && !matches!(tok, Tok::In | Tok::Instanceof)
                && !(self.top().member.state == MemberState::Value && tok == Tok::LBracket)
            {
                self.top_mut().member = Member::new();
                if let Some(t) = self.member_key_token(&tok, true, start, end)? {
                    return Ok(Some(t));
                }
            }
        }

        let next_prev;
        let out_tok: Tok = match tok {
            Tok::Eof => {
                self.done = true;
                return Ok(None);
            }
            Tok::Ident(ref name) => {
                // Only a few words depend on their context; every other name is an operand.
                let contextual = !name.escaped
                    && matches!(&*name.name, "await" | "yield" | "let" | "as" | "from" | "assert" | "async");
                if contextual {
                    let (t, p) = self.contextual_word(tok, stmt_start)?;
                    next_prev = p;
                    t
                } else {
                    next_prev = Prev::ExprEnd;
                    tok
                }
            }
            Tok::Function => {
                next_prev = Prev::Operand;
                self.function_keyword(stmt_start)?
            }
            Tok::Class => {
                let decl = stmt_start || self.decl_position();
                self.pending_class.push((self.stack.len(), decl));
                next_prev = Prev::Operand;
                if decl {
                    Tok::DeclClass
                } else {
                    Tok::Class
                }
            }
            Tok::Import | Tok::Export => {
                if stmt_start && self.stack.is_empty() {
                    self.in_module_decl = true;
                }
                next_prev = Prev::Operand;
                tok
            }
            Tok::Return | Tok::Throw | Tok::Break | Tok::Continue => {
                self.restricted_statement_keyword(&tok, span, end)?;
                next_prev = Prev::Operand;
                tok
            }
            Tok::This | Tok::Super | Tok::Null | Tok::True | Tok::False => {
                next_prev = Prev::ExprEnd;
                tok
            }
            Tok::Num { .. }
            | Tok::BigInt(_)
            | Tok::Str { .. }
            | Tok::Regex(_)
            | Tok::NoSubstitutionTemplate(_)
            | Tok::PrivateName(_) => {
                next_prev = Prev::ExprEnd;
                tok
            }
            Tok::TemplateHead(_) => {
                self.push(FrameKind::Brace { kind: BraceKind::TemplateSubst, owns_fn: false }, span)?;
                next_prev = Prev::Operand;
                tok
            }
            Tok::Else | Tok::Do | Tok::Try | Tok::Finally | Tok::Catch => {
                next_prev = Prev::StmtStart;
                tok
            }
            Tok::LParen => {
                let params = self.pending_fn.is_some() || matches!(member_ctx, Some((_, MemberState::AfterKey)));
                let kind = if params {
                    self.open_parameter_list();
                    ParenKind::Params
                } else {
                    match self.prev_tok {
                        Recent::If | Recent::While | Recent::With | Recent::Switch | Recent::Catch => {
                            ParenKind::ControlHead
                        }
                        Recent::For => ParenKind::ForHead,
                        Recent::Await if self.prev_prev_tok == Recent::For => ParenKind::ForHead,
                        _ => ParenKind::Expr,
                    }
                };
                let async_call = kind == ParenKind::Expr
                    && self.prev_tok == Recent::IdentAsync
                    && !nl_before;
                self.push(FrameKind::Paren { kind, async_call }, span)?;
                next_prev = Prev::Operand;
                tok
            }
            Tok::RParen => {
                self.end_concise_arrows(true, false);
                match self.stack.last() {
                    Some(Frame { kind: FrameKind::Paren { kind, async_call }, .. }) => {
                        let (kind, async_call) = (*kind, *async_call);
                        self.stack.pop();
                        self.last_paren_async = async_call;
                        self.prev_paren_control = false;
                        match kind {
                            ParenKind::Params => {
                                let f = self.fns.last().copied();
                                self.expect_fn_body =
                                    Some(f.map(|f| (f.decl, f.method)).unwrap_or((false, false)));
                                next_prev = Prev::Operand;
                            }
                            ParenKind::ControlHead | ParenKind::ForHead => {
                                self.prev_paren_control = true;
                                next_prev = Prev::StmtStart
                            }
                            ParenKind::Expr => next_prev = Prev::ExprEnd,
                        }
                    }
                    _ => next_prev = Prev::ExprEnd,
                }
                tok
            }
            Tok::LBracket => {
                self.push(FrameKind::Bracket, span)?;
                next_prev = Prev::Operand;
                tok
            }
            Tok::RBracket => {
                self.end_concise_arrows(true, false);
                if matches!(self.stack.last(), Some(Frame { kind: FrameKind::Bracket, .. })) {
                    self.stack.pop();
                }
                if let Some(f) = self.stack.last_mut() {
                    if f.member.computed_open {
                        f.member.computed_open = false;
                        f.member.state = MemberState::AfterKey;
                    }
                }
                next_prev = Prev::ExprEnd;
                tok
            }
            Tok::LBrace => {
                let (kind, owns_fn, out) = self.classify_lbrace(stmt_start, nl_before);
                self.push(FrameKind::Brace { kind, owns_fn }, span)?;
                next_prev = if kind == BraceKind::Object || kind == BraceKind::ModuleClause {
                    Prev::Operand
                } else {
                    Prev::StmtStart
                };
                out
            }
            Tok::RBrace => {
                self.end_concise_arrows(true, false);
                match self.stack.last().copied() {
                    Some(Frame { kind: FrameKind::Brace { kind: BraceKind::TemplateSubst, .. }, .. }) => {
                        self.stack.pop();
                        let cont = self
                            .lexer
                            .rescan_template_continuation(&Token { tok: Tok::RBrace, start, end, nl_before })
                            .map_err(lex_error)?;
                        let (s, e) = (cont.start, cont.end);
                        let middle = matches!(cont.tok, Tok::TemplateMiddle(_));
                        if middle {
                            self.push(FrameKind::Brace { kind: BraceKind::TemplateSubst, owns_fn: false }, span)?;
                        }
                        let p = if middle { Prev::Operand } else { Prev::ExprEnd };
                        return Ok(Some(self.emit(cont.tok, s, e, p)));
                    }
                    Some(Frame { kind: FrameKind::Brace { kind, owns_fn }, .. }) => {
                        self.stack.pop();
                        if kind == BraceKind::ModuleClause && self.export_clause_open {
                            self.export_clause_open = false;
                            let (s, e) = (start, end);
                            let t = self.emit(Tok::RBrace, s, e, Prev::ExprEnd);
                            self.closed_export_clause = true;
                            return Ok(Some(t));
                        }
                        if owns_fn {
                            self.fns.pop();
                        }
                        next_prev = match kind {
                            BraceKind::Block | BraceKind::StaticBlock => Prev::StmtStart,
                            BraceKind::FnBody { decl: true, .. } | BraceKind::ClassBody { decl: true } => {
                                Prev::StmtStart
                            }
                            BraceKind::ArrowBody => {
                                if self.at_statement_level() {
                                    Prev::StmtStart
                                } else {
                                    Prev::ExprEnd
                                }
                            }
                            _ => Prev::ExprEnd,
                        };
                        // Back in an enclosing member list after a method body / static block.
                        if matches!(kind, BraceKind::FnBody { method: true, .. } | BraceKind::StaticBlock) {
                            if let Some((is_class, _)) = self.in_member_list() {
                                let f = self.top_mut();
                                f.member = Member::new();
                                if !is_class {
                                    f.member.state = MemberState::Value;
                                }
                            }
                        }
                    }
                    _ => next_prev = Prev::ExprEnd,
                }
                tok
            }
            Tok::Arrow => {
                self.arrow(nl_before, span)?;
                next_prev = Prev::Operand;
                tok
            }
            Tok::Question => {
                self.top_mut().questions += 1;
                next_prev = Prev::Operand;
                tok
            }
            Tok::Colon => {
                self.end_concise_arrows(false, true);
                let f = self.top_mut();
                if f.questions > 0 {
                    f.questions -= 1;
                    next_prev = Prev::Operand;
                } else if let Some((false, MemberState::AfterKey)) = member_ctx {
                    self.top_mut().member.state = MemberState::Value;
                    next_prev = Prev::Operand;
                } else if self.at_statement_level() {
                    next_prev = Prev::StmtStart;
                } else {
                    next_prev = Prev::Operand;
                }
                tok
            }
            Tok::Semi => {
                self.end_concise_arrows(false, false);
                if self.at_statement_level() {
                    self.in_module_decl = false;
                    next_prev = Prev::StmtStart;
                } else {
                    if let Some((true, _)) = self.in_member_list() {
                        self.top_mut().member = Member::new();
                    }
                    next_prev = Prev::Operand;
                }
                tok
            }
            Tok::Comma => {
                self.end_concise_arrows(false, false);
                if let Some((false, _)) = self.in_member_list() {
                    self.top_mut().member = Member::new();
                }
                next_prev = Prev::Operand;
                tok
            }
            Tok::Eq => {
                if let Some((_, MemberState::AfterKey)) = member_ctx {
                    self.top_mut().member.state = MemberState::Value;
                }
                next_prev = Prev::Operand;
                tok
            }
            Tok::Ellipsis => {
                if let Some((false, MemberState::Key)) = member_ctx {
                    self.top_mut().member.state = MemberState::Value;
                }
                next_prev = Prev::Operand;
                tok
            }
            Tok::PlusPlus | Tok::MinusMinus => {
                if self.prev == Prev::ExprEnd && !nl_before {
                    next_prev = Prev::ExprEnd;
                    tok
                } else {
                    next_prev = Prev::Operand;
                    match (tok, nl_before) {
                        (Tok::PlusPlus, true) => Tok::PlusPlusNl,
                        (Tok::MinusMinus, true) => Tok::MinusMinusNl,
                        (t, _) => t,
                    }
                }
            }
            _ => {
                next_prev = Prev::Operand;
                tok
            }
        };

        // Runs of prefix operators nest the tree as deeply as brackets do.
        if next_prev == Prev::Operand
            && matches!(
                out_tok,
                Tok::Bang
                    | Tok::Tilde
                    | Tok::Plus
                    | Tok::Minus
                    | Tok::Typeof
                    | Tok::Void
                    | Tok::Delete
                    | Tok::PlusPlus
                    | Tok::MinusMinus
                    | Tok::PlusPlusNl
                    | Tok::MinusMinusNl
                    | Tok::Await
                    | Tok::New
            )
            && self.prev != Prev::ExprEnd
        {
            self.prefix_run += 1;
            if self.prefix_run > MAX_PREFIX_RUN {
                return Err(SyntaxError::range_error("Maximum call stack size exceeded", span));
            }
        } else {
            self.prefix_run = 0;
        }

        Ok(Some(self.emit(out_tok, start, end, next_prev)))
    }

    /// The `(` of a parameter list (after `function …` or a method's name): the function's
    /// context begins. Out of line, as it is rare.
    #[inline(never)]
    fn open_parameter_list(&mut self) {
        if let Some((is_async, is_gen, decl)) = self.pending_fn.take() {
            if std::mem::take(&mut self.fn_expr_pushed) {
                self.fns.pop();
            }
            self.fns.push(FnCtx {
                static_block: false,
                decl,
                method: false,
                is_async,
                is_generator: is_gen,
                concise: false,
                depth: 0,
                questions: 0,
            });
        } else {
            let m = self.top().member;
            self.fns.push(FnCtx {
                static_block: false,
                decl: false,
                method: true,
                is_async: m.is_async,
                is_generator: m.is_generator,
                concise: false,
                depth: 0,
                questions: 0,
            });
        }
    }

    /// `=>`: an arrow function's context begins (a concise body until `{` says otherwise).
    /// Out of line, as it is rare.
    #[inline(never)]
    fn arrow(&mut self, nl_before: bool, span: Span) -> Result<(), SyntaxError> {
        if nl_before {
            return Err(SyntaxError::new("Unexpected token '=>'", span));
        }
        let is_async = match self.prev_tok {
            Recent::RParen => self.last_paren_async,
            Recent::Ident | Recent::IdentAsync | Recent::IdentAssert => self.prev_prev_tok == Recent::Async,
            _ => false,
        };
        let questions = self.top().questions;
        self.fns.push(FnCtx {
            static_block: false,
            decl: false,
            method: false,
            is_async,
            is_generator: false,
            concise: true,
            depth: self.stack.len(),
            questions,
        });
        self.expect_arrow_body = true;
        Ok(())
    }

    /// `function`: a declaration or an expression (whose context starts at once: its name
    /// follows the function's own `await`/`yield` rules). Out of line, as it is rare.
    #[inline(never)]
    fn function_keyword(&mut self, stmt_start: bool) -> Result<Tok, SyntaxError> {
        let after_async = self.prev_tok == Recent::Async;
        let decl = if after_async { self.async_decl } else { stmt_start || self.decl_position() };
        let gen = matches!(self.peek(0, false)?.tok, Tok::Star);
        self.pending_fn = Some((after_async, gen, decl));
        if !decl {
            // A function expression's own name is bound inside it: `await`/`yield`
            // there follow the function's kind, not the surrounding code's.
            self.fns.push(FnCtx {
                static_block: false,
                decl,
                method: false,
                is_async: after_async,
                is_generator: gen,
                concise: false,
                depth: 0,
                questions: 0,
            });
            self.fn_expr_pushed = true;
        }
        Ok(if decl { Tok::DeclFunction } else { Tok::Function })
    }

    /// `return`/`throw`/`break`/`continue` (restricted productions): a line break after the
    /// keyword ends the statement. Out of line, as it is rare.
    #[inline(never)]
    fn restricted_statement_keyword(&mut self, tok: &Tok, span: Span, end: usize) -> Result<(), SyntaxError> {
        if *tok == Tok::Return && !self.ctx.function_body && !self.fns.iter().any(|f| !f.static_block) {
            return Err(SyntaxError::new("Illegal return statement", span));
        }
        let p = self.peek(0, true)?;
        if p.nl_before && p.tok != Tok::Eof && p.tok != Tok::Semi {
            self.out.push_back((end, Tok::AutoSemi, end));
        }
        Ok(())
    }

    /// An unescaped `await`, `yield`, `let`, `as`, `from`, `assert` or `async`: the keyword
    /// token it stands for here, or the identifier itself. Out of line: the per-token path
    /// stays small, and these words are rare.
    #[inline(never)]
    fn contextual_word(&mut self, tok: Tok, stmt_start: bool) -> Result<(Tok, Prev), SyntaxError> {
        let word = match &tok {
            Tok::Ident(name) if !name.escaped => &*name.name,
            _ => "",
        };
        Ok(match word {
            "await" if self.await_is_keyword() => {
                (Tok::Await, Prev::Operand)
            }
            "yield" if self.yield_is_keyword() => {
                let p = self.peek(0, true)?;
                let no_operand = p.nl_before
                    || matches!(
                        p.tok,
                        Tok::RParen
                            | Tok::RBracket
                            | Tok::RBrace
                            | Tok::Comma
                            | Tok::Semi
                            | Tok::Colon
                            | Tok::Eof
                            | Tok::In
                    );
                if no_operand {
                    (Tok::YieldNoOperand, Prev::ExprEnd)
                } else {
                    (Tok::Yield, Prev::Operand)
                }
            }
            "let" if stmt_start || self.at_for_head_start() || self.prev_tok == Recent::Export => {
                let in_for_head = self.at_for_head_start();
                self.peek(0, false)?;
                let of_of = in_for_head && self.peek_is_of_of()?;
                let p = &self.peeked[0];
                let decl = matches!(p.tok, Tok::LBracket | Tok::LBrace)
                    || (matches!(p.tok, Tok::Ident(_))
                        && !(in_for_head && ident_is(&p.tok, "of") && !of_of))
                    || (stmt_start
                        && !p.nl_before
                        && !self.single_statement
                        && is_reserved(&p.tok)
                        && p.tok != Tok::In
                        && p.tok != Tok::Instanceof);
                // In a single-statement context `let` on its own line is an
                // identifier (ASI follows), except before `[`: an expression statement
                // may not start with `let [`, so that stays a (rejected) declaration.
                let decl = decl
                    && !(self.single_statement
                        && self.peeked[0].nl_before
                        && self.peeked[0].tok != Tok::LBracket);
                if decl {
                    (Tok::Let, Prev::Operand)
                } else {
                    (tok, Prev::ExprEnd)
                }
            }
            "as" if self.in_module_decl
                && self.prev_tok == Recent::Star
                && self.prev_prev_tok == Recent::Export =>
            {
                (Tok::As, Prev::Operand)
            }
            "from" if self.in_module_decl && self.closed_export_clause => {
                (Tok::From, Prev::Operand)
            }
            "assert" if self.in_module_decl
                && self.prev_tok == Recent::Literal
                && !self.peek(0, false)?.nl_before
                && self.peeked[0].tok == Tok::LBrace =>
            {
                (Tok::With, Prev::Operand)
            }
            "async" => {
                let p = self.peek(0, false)?;
                let p_nl = p.nl_before;
                let is_fn = matches!(p.tok, Tok::Function) && !p_nl;
                let arrow = !p_nl
                    && matches!(p.tok, Tok::Ident(_))
                    && self.prev != Prev::ExprEnd
                    && {
                        let q = self.peek(1, false)?;
                        q.tok == Tok::Arrow && !q.nl_before
                    };
                if is_fn {
                    self.async_decl = stmt_start || self.decl_position();
                        (Tok::Async, Prev::Operand)
                } else if arrow {
                    (Tok::Async, Prev::Operand)
                } else {
                    (tok, Prev::ExprEnd)
                }
            }
            _ => (tok, Prev::ExprEnd),
        })
    }

    #[inline(always)]
    fn emit(&mut self, tok: Tok, start: usize, end: usize, next_prev: Prev) -> (usize, Tok, usize) {
        self.closed_export_clause = false;
        self.single_statement = next_prev == Prev::StmtStart
            && (matches!(tok, Tok::Else | Tok::Do | Tok::Colon)
                || (tok == Tok::RParen && self.prev_paren_control));
        if self.expect_arrow_body && tok != Tok::Arrow {
            // The arrow's body is a concise expression.
            self.expect_arrow_body = false;
        }
        self.ctx.prev_end.set(self.prev_end);
        self.ctx.last_start.set(start);
        self.prev_end = end;
        self.prev = next_prev;
        self.prev_prev_tok = self.prev_tok;
        self.prev_tok = Recent::of(&tok);
        (start, tok, end)
    }

    fn at_for_head_start(&self) -> bool {
        matches!(self.top().kind, FrameKind::Paren { kind: ParenKind::ForHead, .. })
            && self.prev_tok == Recent::LParen
    }

    /// `for (let of of …)`: `let` declares `of` when another `of` follows.
    fn peek_is_of_of(&mut self) -> Result<bool, SyntaxError> {
        self.peek(0, false)?;
        let q = self.peek(1, false)?;
        Ok(ident_is(&q.tok, "of"))
    }

    /// Right after `export` or `export default`: `function`/`class` are declarations.
    fn decl_position(&self) -> bool {
        match self.prev_tok {
            Recent::Export => true,
            Recent::Default => self.in_module_decl && self.prev_prev_tok == Recent::Export,
            _ => false,
        }
    }

    fn classify_lbrace(&mut self, stmt_start: bool, nl_before: bool) -> (BraceKind, bool, Tok) {
        if let Some((decl, method)) = self.expect_fn_body.take() {
            return (BraceKind::FnBody { decl, method }, true, Tok::LBraceBlock);
        }
        if self.expect_arrow_body {
            self.expect_arrow_body = false;
            if let Some(f) = self.fns.last_mut() {
                f.concise = false;
            }
            return (BraceKind::ArrowBody, true, Tok::LBraceBlock);
        }
        if let Some(&(depth, decl)) = self.pending_class.last() {
            if depth == self.stack.len()
                && (self.prev == Prev::ExprEnd
                    || matches!(self.prev_tok, Recent::Class | Recent::DeclClass))
            {
                self.pending_class.pop();
                return (BraceKind::ClassBody { decl }, false, Tok::LBraceBlock);
            }
        }
        if let Some((true, _)) = self.in_member_list() {
            if self.prev_tok == Recent::Static {
                self.fns.push(FnCtx {
                    static_block: true,
                    decl: false,
                    method: false,
                    is_async: true,
                    is_generator: false,
                    concise: false,
                    depth: 0,
                    questions: 0,
                });
                return (BraceKind::StaticBlock, true, Tok::LBraceBlock);
            }
        }
        if self.in_module_decl
            && (matches!(self.prev_tok, Recent::Import | Recent::Export | Recent::With)
                || (self.prev_tok == Recent::Comma && self.stack.is_empty())
                || self.prev_tok == Recent::IdentAssert)
        {
            self.export_clause_open = self.prev_tok == Recent::Export;
            return (BraceKind::ModuleClause, false, Tok::LBrace);
        }
        if stmt_start || (self.prev == Prev::ExprEnd && nl_before) {
            return (BraceKind::Block, false, Tok::LBraceBlock);
        }
        if self.prev == Prev::ExprEnd && self.at_statement_level() {
            return (BraceKind::Block, false, Tok::LBraceBlock);
        }
        (BraceKind::Object, false, Tok::LBrace)
    }

    /// A token in the position where an object/class member begins.
    fn member_key_token(
        &mut self,
        tok: &Tok,
        is_class: bool,
        start: usize,
        end: usize,
    ) -> Result<Option<(usize, Tok, usize)>, SyntaxError> {
        let word = match tok {
            Tok::Ident(Name { name, escaped: false }) => Some(&**name),
            _ => None,
        };
        if let Some(w @ ("get" | "set" | "static" | "async")) = word {
            let p = self.peek(0, false)?;
            let starts_key = is_key_start(&p.tok);
            let modifier = match w {
                "get" | "set" => starts_key,
                "static" => is_class && (starts_key || matches!(p.tok, Tok::Star | Tok::LBrace)),
                _ => !p.nl_before && (starts_key || p.tok == Tok::Star),
            };
            if modifier {
                let m = &mut self.top_mut().member;
                let t = match w {
                    "get" => Tok::Get,
                    "set" => Tok::Set,
                    "static" => {
                        m.is_static = true;
                        Tok::Static
                    }
                    _ => {
                        m.is_async = true;
                        Tok::Async
                    }
                };
                return Ok(Some(self.emit(t, start, end, Prev::Operand)));
            }
        }
        match tok {
            Tok::Star => {
                self.top_mut().member.is_generator = true;
                Ok(Some(self.emit(Tok::Star, start, end, Prev::Operand)))
            }
            Tok::LBracket => {
                self.top_mut().member.computed_open = true;
                self.push(FrameKind::Bracket, Span::new(start, end))?;
                Ok(Some(self.emit(Tok::LBracket, start, end, Prev::Operand)))
            }
            t if is_key_start(t) => {
                self.top_mut().member.state = MemberState::AfterKey;
                Ok(Some(self.emit(t.clone(), start, end, Prev::ExprEnd)))
            }
            _ => Ok(None),
        }
    }
}

fn lex_error(e: modjs_lexer::LexError) -> SyntaxError {
    SyntaxError::new(e.message, Span::new(e.pos, e.pos + 1))
}

/// The parser's token stream: plain triples, so that the parser's loop does not unwrap a
/// `Result` per token. An error ends the stream early and is left in
/// [`ParseCtx::adapter_error`], where the caller finds it: it takes precedence over whatever
/// the parser concluded from the shortened input.
impl<'src, 'ctx> Iterator for Adapter<'src, 'ctx> {
    type Item = (usize, Tok, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.produce() {
            Ok(t) => t,
            Err(e) => {
                self.failed = true;
                self.ctx.adapter_error.set(Some(e));
                None
            }
        }
    }
}
