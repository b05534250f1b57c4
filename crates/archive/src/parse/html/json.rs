//! The JSON that HTML pages are turned back into. Objects keep their order and repeated
//! keys (a page may show one label twice), and text is escaped the way Meta escapes it
//! (each UTF-8 byte of a non-ASCII character as its own `\u00XX`): the shared readers
//! repair every string as Meta's, and that repair gives back exactly the page's text.

use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq)]
pub enum J {
    Str(String),
    Int(i64),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    pub fn str(s: impl Into<String>) -> J {
        J::Str(s.into())
    }

    /// Serialized, Meta-escaped.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::new();
        self.write(&mut out);
        out.into_bytes()
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Str(s) => write_str(s, out),
            J::Int(n) => {
                let _ = write!(out, "{n}");
            }
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(pairs) => {
                out.push('{');
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    let mut buf = [0u8; 4];
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c if c.is_ascii() => out.push(c),
            c => {
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\u{b:04x}");
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::repair;

    #[test]
    fn round_trips_through_meta_repair() {
        let doc = J::Obj(vec![
            ("a".into(), J::str("café 👍 \"q\"\n\\")),
            ("a".into(), J::Arr(vec![J::Int(-3), J::str("Ã©")])),
        ]);
        let text = String::from_utf8(doc.to_bytes()).unwrap();
        assert!(text.is_ascii());
        let v: Vec<(String, serde_json::Value)> =
            serde_json::from_str::<crate::lenient::Pairs<serde_json::Value>>(&text)
                .unwrap()
                .0;
        assert_eq!(v.len(), 2);
        assert_eq!(repair(v[0].1.as_str().unwrap()), "café 👍 \"q\"\n\\");
        assert_eq!(repair(v[1].1[1].as_str().unwrap()), "Ã©");
    }
}
