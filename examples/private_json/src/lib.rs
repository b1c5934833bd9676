//! The private input example's logic: the unsigned integer value of a top-level-looking
//! `"field": 123` pair in a JSON document (a byte scan, not a full parser: the first
//! occurrence of the quoted key followed by a colon; whitespace allowed around the colon).
#![no_std]

/// The value of `"field"` in `doc` if it is an unsigned integer below 2^32.
pub fn field_value(doc: &[u8], field: &[u8]) -> Option<u32> {
    let n = field.len();
    let mut i = 0;
    while i + n + 2 <= doc.len() {
        if doc[i] == b'"' && &doc[i + 1..i + 1 + n] == field && doc[i + 1 + n] == b'"' {
            let mut j = skip_space(doc, i + n + 2);
            if j < doc.len() && doc[j] == b':' {
                j = skip_space(doc, j + 1);
                return number(doc, j);
            }
        }
        i += 1;
    }
    None
}

fn skip_space(doc: &[u8], mut j: usize) -> usize {
    while j < doc.len() && matches!(doc[j], b' ' | b'\t' | b'\n' | b'\r') {
        j += 1;
    }
    j
}

fn number(doc: &[u8], mut j: usize) -> Option<u32> {
    let start = j;
    let mut v: u32 = 0;
    while j < doc.len() && doc[j].is_ascii_digit() {
        v = v.checked_mul(10)?.checked_add(u32::from(doc[j] - b'0'))?;
        j += 1;
    }
    if j == start {
        None
    } else {
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::field_value;

    #[test]
    fn finds_integer_fields() {
        let doc = br#"{"name": "Ada", "age" : 36, "id":7}"#;
        assert_eq!(field_value(doc, b"age"), Some(36));
        assert_eq!(field_value(doc, b"id"), Some(7));
        assert_eq!(field_value(doc, b"name"), None);
        assert_eq!(field_value(doc, b"missing"), None);
        assert_eq!(field_value(br#"{"age": 99999999999}"#, b"age"), None);
    }
}
