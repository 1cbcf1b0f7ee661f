use modjs_parser::ast::*;
fn main() {
    macro_rules! s { ($($t:ty),*) => { $( println!("{:>4} {}", std::mem::size_of::<$t>(), stringify!($t)); )* } }
    s!(Expr, ExprKind, Stmt, StmtKind, Function, Class, ClassMember, Pattern, Property, PropKey, Template, ImportDecl, ExportDecl, VarDecl, ForHead, ForInit, Params, CatchClause, Ident, (PropKey, Function), modjs_lexer::Tok, Option<ClassMember>, SwitchCase);
}
