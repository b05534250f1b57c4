//! Folding: lower case, accents dropped, ligatures and fullwidth forms spelt out, so
//! `zoe` finds `Zoë` and `strasse` finds `Straße`. Hand-written tables (under 1 KB)
//! instead of Unicode decomposition tables (~100 KB of wasm): Latin-1, Latin
//! Extended-A/B and Latin Extended Additional cover the accents exports carry; Greek
//! tonos and Cyrillic `ё` are spelt out; every other letter is only lower-cased.
//!
//! Tokens: runs of letters and digits (any script that writes words with spaces);
//! Han, kana and Hangul one character per token, since those scripts put no spaces
//! between words (a query's adjacent CJK characters are checked as a phrase); each
//! emoji its own token, skin tones, variation selectors and joiners dropped.

/// U+00C0..=U+024F: the base letter, `*` for two letters (see [`expand`]), `.` for
/// "only lower-case".
const LATIN: &[u8] = b"aaaaaa*ceeeeiiiidnooooo.ouuuuy**aaaaaa*ceeeeiiiidnooooo.ouuuuy*yaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkqllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzsbbbb..occdddddeeeffgg*iikkl.mnnooo**ppr....ttttuuuvyyzz........w....*********aaiioouuuuuuuuuueaaaa**ggggkkoooo..j***gg*wnnaa**ooaaaaeeeeiiiioooorrrruuuusstt..hhnd**zzaaeeooooooooyylntj**accltsz..buveejjqqrryy";
const LATIN_FIRST: u32 = 0xC0;

/// U+1E00..=U+1EFF (Vietnamese and other stacked accents), same encoding.
const LATIN_ADDITIONAL: &[u8] = b"aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyas..*.aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";
const LATIN_ADDITIONAL_FIRST: u32 = 0x1E00;

/// The two-letter folds marked `*` in the tables.
fn expand(c: char) -> &'static str {
    match c {
        'Æ' | 'æ' | 'Ǣ' | 'ǣ' | 'Ǽ' | 'ǽ' => "ae",
        'Þ' | 'þ' => "th",
        'ß' | 'ẞ' => "ss",
        'Ĳ' | 'ĳ' => "ij",
        'Œ' | 'œ' => "oe",
        'ƕ' | 'Ƕ' => "hv",
        'Ƣ' | 'ƣ' => "oi",
        'Ǆ' | 'ǅ' | 'ǆ' | 'Ǳ' | 'ǲ' | 'ǳ' => "dz",
        'Ǉ' | 'ǈ' | 'ǉ' => "lj",
        'Ǌ' | 'ǋ' | 'ǌ' => "nj",
        'Ȣ' | 'ȣ' => "ou",
        'ȸ' => "db",
        'ȹ' => "qp",
        _ => "",
    }
}

/// A letter from one of the tables: `Some(fold)` when the table spells it out.
fn from_table(c: char, table: &[u8], first: u32) -> Option<Fold> {
    let at = usize::try_from(u32::from(c).checked_sub(first)?).ok()?;
    match *table.get(at)? {
        b'.' => None,
        b'*' => Some(Fold::Str(expand(c))),
        b => Some(Fold::Char(char::from(b))),
    }
}

/// What one character folds to.
enum Fold {
    Char(char),
    Str(&'static str),
    Lower(char),
    Drop,
}

fn fold_one(c: char) -> Fold {
    let cp = u32::from(c);
    if c.is_ascii() {
        return Fold::Char(c.to_ascii_lowercase());
    }
    if let Some(f) = from_table(c, LATIN, LATIN_FIRST) {
        return f;
    }
    if let Some(f) = from_table(c, LATIN_ADDITIONAL, LATIN_ADDITIONAL_FIRST) {
        return f;
    }
    match cp {
        // Combining marks (text already decomposed), joiners, variation selectors and
        // skin tones: dropped, so `👍🏽` finds `👍` and `e\u{301}` finds `é`.
        0x0300..=0x036F | 0x200B..=0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF => Fold::Drop,
        // Fullwidth ASCII (`ｚｏｅ`).
        0xFF01..=0xFF5E => {
            char::from_u32(cp - 0xFEE0).map_or(Fold::Drop, |a| Fold::Char(a.to_ascii_lowercase()))
        }
        0xFB00 => Fold::Str("ff"),
        0xFB01 => Fold::Str("fi"),
        0xFB02 => Fold::Str("fl"),
        0xFB03 => Fold::Str("ffi"),
        0xFB04 => Fold::Str("ffl"),
        0xFB05 | 0xFB06 => Fold::Str("st"),
        _ => match c {
            'ά' | 'Ά' => Fold::Char('α'),
            'έ' | 'Έ' => Fold::Char('ε'),
            'ή' | 'Ή' => Fold::Char('η'),
            'ί' | 'Ί' | 'ϊ' | 'ΐ' | 'Ϊ' => Fold::Char('ι'),
            'ό' | 'Ό' => Fold::Char('ο'),
            'ύ' | 'Ύ' | 'ϋ' | 'ΰ' | 'Ϋ' => Fold::Char('υ'),
            'ώ' | 'Ώ' => Fold::Char('ω'),
            'ς' => Fold::Char('σ'),
            'ё' | 'Ё' => Fold::Char('е'),
            _ => Fold::Lower(c),
        },
    }
}

/// Appends the folded form of `c` to `out`.
pub fn push_folded(c: char, out: &mut String) {
    match fold_one(c) {
        Fold::Char(f) => out.push(f),
        Fold::Str(s) => out.push_str(s),
        Fold::Lower(c) => out.extend(c.to_lowercase()),
        Fold::Drop => {}
    }
}

/// `text` folded as a whole (case, accents, ligatures), separators kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    text.chars().for_each(|c| push_folded(c, &mut out));
    out
}

/// How a character takes part in tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Part of a word.
    Word,
    /// A token on its own (CJK ideographs, kana, Hangul syllables; emoji).
    Alone,
    /// Dropped inside a token without ending it (combining marks, skin tones, joiners).
    Ignore,
    /// Between tokens.
    Space,
}

fn class(c: char) -> Class {
    let cp = u32::from(c);
    match cp {
        0x0300..=0x036F | 0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF => Class::Ignore,
        0x3040..=0x30FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF => Class::Alone,
        // Pictographs, symbols and dingbats: emoji.
        0x1F000..=0x1FAFF
        | 0x2600..=0x27BF
        | 0x2B00..=0x2BFF
        | 0x2300..=0x23FF
        | 0x2190..=0x21FF
        | 0x3030
        | 0x303D
        | 0x3297
        | 0x3299
        | 0x00A9
        | 0x00AE => Class::Alone,
        _ if c.is_alphanumeric() => Class::Word,
        // Fullwidth letters and digits are alphanumeric already; other marks inside a
        // word (Indic vowel signs …) keep it whole.
        _ if is_mark(c) => Class::Ignore,
        _ => Class::Space,
    }
}

/// Combining marks of scripts other than Latin (the common blocks), which belong to
/// the letter before them.
fn is_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31..=0x0E3A
        | 0x0E47..=0x0E4E)
}

/// Longest token kept, in bytes of folded text: longer runs (hashes, base64) are cut.
pub const MAX_TOKEN: usize = 48;

/// One token of a text: its bytes in the original text and its folded form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub folded: &'a str,
}

/// The token being read: where it starts and ends in the text, and its folded form,
/// written to `buf` only once it differs from the text (lower-case ASCII is lent as is).
struct Pending {
    start: Option<usize>,
    end: usize,
    plain: bool,
    buf: String,
    count: usize,
}

impl Pending {
    /// Hands the token read so far to `visit`, if any, and starts afresh.
    fn flush(&mut self, text: &str, limit: usize, visit: &mut impl FnMut(Token<'_>) -> bool) {
        if let Some(start) = self.start.take()
            && self.count < limit
        {
            let folded = if self.plain {
                let end = self.end.min(start + MAX_TOKEN);
                text.get(start..end).unwrap_or("")
            } else {
                self.buf.as_str()
            };
            if !folded.is_empty() {
                self.count += 1;
                let more = visit(Token {
                    start,
                    end: self.end,
                    folded,
                });
                if !more {
                    self.count = limit;
                }
            }
        }
        self.buf.clear();
        self.plain = true;
    }

    /// Adds the ASCII letters and digits `text[from..to]` to the token.
    fn push_ascii(&mut self, text: &str, from: usize, to: usize, upper: bool) {
        let start = *self.start.get_or_insert(from);
        if self.plain && upper {
            self.plain = false;
            self.buf.push_str(text.get(start..from).unwrap_or(""));
            truncate_at_char(&mut self.buf, MAX_TOKEN);
        }
        if !self.plain {
            let room = MAX_TOKEN.saturating_sub(self.buf.len());
            let run = text.get(from..to).unwrap_or("");
            let run = run.get(..room.min(run.len())).unwrap_or("");
            self.buf.extend(run.chars().map(|c| c.to_ascii_lowercase()));
        }
        self.end = to;
    }

    /// Adds `c` (not ASCII) at byte `at` to the token.
    fn push(&mut self, text: &str, at: usize, c: char) {
        let start = *self.start.get_or_insert(at);
        if self.plain {
            // From here the folded form differs from the text: copy what was plain.
            self.plain = false;
            self.buf.push_str(text.get(start..at).unwrap_or(""));
            truncate_at_char(&mut self.buf, MAX_TOKEN);
        }
        if !self.plain && self.buf.len() < MAX_TOKEN {
            push_folded(c, &mut self.buf);
            truncate_at_char(&mut self.buf, MAX_TOKEN);
        }
        self.end = at + c.len_utf8();
    }
}

/// Calls `visit` for each token of `text` in order, at most `limit` of them. The folded
/// form is lent for the call only. ASCII takes a fast path: most chat text is ASCII.
pub fn tokens(text: &str, limit: usize, mut visit: impl FnMut(Token<'_>)) {
    tokens_until(text, limit, |t| {
        visit(t);
        true
    });
}

/// [`tokens`], stopping as soon as `visit` returns `false`.
pub fn tokens_until(text: &str, limit: usize, mut visit: impl FnMut(Token<'_>) -> bool) {
    let mut t = Pending {
        start: None,
        end: 0,
        plain: true,
        buf: String::new(),
        count: 0,
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() && t.count < limit {
        let b = bytes[at];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                // A run of ASCII letters and digits in one tight loop.
                let run = at;
                let mut upper = false;
                while let Some(b) = bytes.get(at).filter(|b| b.is_ascii_alphanumeric()) {
                    upper |= b.is_ascii_uppercase();
                    at += 1;
                }
                t.push_ascii(text, run, at, upper);
            } else {
                t.flush(text, limit, &mut visit);
                at += 1;
            }
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        match class(c) {
            Class::Word => t.push(text, at, c),
            // Marks and joiners belong to the token they are in, folded (mostly away).
            Class::Ignore => {
                if t.start.is_some() {
                    t.push(text, at, c);
                }
            }
            Class::Alone => {
                t.flush(text, limit, &mut visit);
                t.push(text, at, c);
                t.flush(text, limit, &mut visit);
            }
            Class::Space => t.flush(text, limit, &mut visit),
        }
        at += c.len_utf8();
    }
    t.flush(text, limit, &mut visit);
}

fn truncate_at_char(s: &mut String, max: usize) {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
}

/// The folded tokens of `text`, owned (for queries; documents use [`tokens`]).
pub fn token_list(text: &str, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    tokens(text, limit, |t| out.push(t.folded.to_owned()));
    out
}

/// Whether `c` is written one character per token (CJK); a query's run of them is
/// matched as a phrase.
pub fn is_cjk(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if class(c) == Class::Alone
        && !matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF
            | 0x2300..=0x23FF | 0x2190..=0x21FF | 0x3030 | 0x303D | 0x3297 | 0x3299
            | 0x00A9 | 0x00AE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_ligatures_and_fullwidth() {
        assert_eq!(fold("Zoë"), "zoe");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ŒUVRE ﬁne"), "oeuvre fine");
        assert_eq!(fold("ｚｏｅ"), "zoe");
        assert_eq!(fold("Núñez Weiß Søren Łódź"), "nunez weiss soren lodz");
        assert_eq!(fold("Tiếng Việt"), "tieng viet");
        assert_eq!(fold("Ελληνικά Καλησπέρα"), "ελληνικα καλησπερα");
        assert_eq!(fold("Ёлка ПРИВЕТ"), "елка привет");
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
    }

    #[test]
    fn splits_words_cjk_and_emoji() {
        let words = token_list("Café crème & croissant ☕🥐 — the little things", 100);
        assert_eq!(
            words,
            [
                "cafe",
                "creme",
                "croissant",
                "☕",
                "🥐",
                "the",
                "little",
                "things"
            ]
        );
        assert_eq!(
            token_list("東京の夜 #tokyo", 100),
            ["東", "京", "の", "夜", "tokyo"]
        );
        assert_eq!(token_list("Thumbs 👍🏽👍🏿!", 100), ["thumbs", "👍", "👍"]);
        assert_eq!(token_list("👨‍👩‍👧 family", 100), ["👨", "👩", "👧", "family"]);
        assert_eq!(token_list("Ελλάδα, Москва", 100), ["ελλαδα", "москва"]);
        assert_eq!(token_list("a b c d", 2), ["a", "b"]);
        assert!(is_cjk("東") && !is_cjk("👍") && !is_cjk("ab"));
    }

    #[test]
    fn tokens_point_into_the_original_text() {
        let text = "Señora NÚÑEZ's ❤️ garden";
        let mut seen = Vec::new();
        tokens(text, 10, |t| {
            seen.push((&text[t.start..t.end], t.folded.to_owned()))
        });
        let want = [
            ("Señora", "senora"),
            ("NÚÑEZ", "nunez"),
            ("s", "s"),
            ("❤", "❤"),
            ("garden", "garden"),
        ];
        let want: Vec<(&str, String)> = want.iter().map(|(a, b)| (*a, (*b).to_owned())).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn long_runs_are_cut_on_a_character() {
        assert_eq!(
            token_list("e\u{301}te\u{301} Cafe\u{301}", 5),
            ["ete", "cafe"]
        );
        assert_eq!(
            token_list(&"ab".repeat(100), 5),
            ["ab".repeat(MAX_TOKEN / 2)]
        );
        assert_eq!(
            token_list(&"aB".repeat(100), 5),
            ["ab".repeat(MAX_TOKEN / 2)]
        );
        let long = "é".repeat(100);
        let words = token_list(&long, 10);
        assert_eq!(words.len(), 1);
        assert!(words[0].len() <= MAX_TOKEN);
    }
}
