mod common;
use common::*;
use modjs_lexer::Tok;

#[test]
fn smoke() {
    let ts = toks("let x = 1 + foo(`a${b}c`) / 2; // hi\n/* c */ if (a?.b) {} 'str' 0x10n");
    println!("{ts:#?}");
    assert!(ts.contains(&Tok::If));
}
