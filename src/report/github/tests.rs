//! Escaping of GitHub workflow command values.

use super::{escape_data, escape_property};

#[test]
fn data_escapes_percent_and_line_breaks() {
    assert_eq!(escape_data("50%\r\nnext: a,b"), "50%25%0D%0Anext: a,b");
}

#[test]
fn properties_also_escape_colon_and_comma() {
    assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
}

#[test]
fn percent_is_escaped_first() {
    // Escaping `%` after the others would double-escape their output.
    assert_eq!(escape_property(":"), "%3A");
    assert_eq!(escape_data("%0A"), "%250A");
}
