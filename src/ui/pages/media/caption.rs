//! Captions as Instagram shows them: hashtags and mentions highlighted, line breaks kept.
//! Every piece becomes a text node; nothing in a caption is ever read as markup.

use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Text(&'a str),
    Hashtag(&'a str),
    Mention(&'a str),
}

fn tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// Splits a caption into text, `#hashtags` and `@mentions`. A marker inside a word
/// (`a#b`, `mail@example.org`) stays text.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut plain_start = 0;
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let boundary = previous.is_none_or(|p| !(tag_char(p) || p == '.' || p == '@' || p == '#'));
        if boundary && (c == '#' || c == '@') {
            let body_start = i + c.len_utf8();
            let rest = &text[body_start..];
            let wanted: fn(char) -> bool = if c == '#' { tag_char } else { name_char };
            let mut len: usize = rest
                .char_indices()
                .find(|(_, ch)| !wanted(*ch))
                .map_or(rest.len(), |(n, _)| n);
            if c == '@' {
                // A sentence's full stop is not part of the name.
                len = rest[..len].trim_end_matches('.').len();
            }
            if len > 0 {
                if plain_start < i {
                    tokens.push(Token::Text(&text[plain_start..i]));
                }
                let end = body_start + len;
                let token = &text[i..end];
                tokens.push(if c == '#' {
                    Token::Hashtag(token)
                } else {
                    Token::Mention(token)
                });
                plain_start = end;
                previous = token.chars().last();
                while chars.peek().is_some_and(|(n, _)| *n < end) {
                    chars.next();
                }
                continue;
            }
        }
        previous = Some(c);
    }
    if plain_start < text.len() {
        tokens.push(Token::Text(&text[plain_start..]));
    }
    tokens
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

/// A caption; its container keeps line breaks (`white-space: pre-line`).
#[component]
pub fn Caption(props: &Props) -> Html {
    html! {
        <p class={classes!("caption", props.class.clone())}>
            { for tokenize(&props.text).into_iter().map(|token| match token {
                Token::Text(t) => html! { { t.to_string() } },
                Token::Hashtag(t) => html! { <span class="hashtag">{ t.to_string() }</span> },
                Token::Mention(t) => html! { <span class="mention">{ t.to_string() }</span> },
            }) }
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn hashtags_and_mentions_are_found() {
        assert_eq!(
            tokenize("Sunny day #café with @marta.r.\nNext line"),
            vec![
                Token::Text("Sunny day "),
                Token::Hashtag("#café"),
                Token::Text(" with "),
                Token::Mention("@marta.r"),
                Token::Text(".\nNext line"),
            ]
        );
    }

    #[wasm_bindgen_test]
    fn markers_inside_words_and_alone_stay_text() {
        assert_eq!(
            tokenize("mail me@example.org, # alone, a#b"),
            vec![Token::Text("mail me@example.org, # alone, a#b")]
        );
        assert_eq!(tokenize(""), vec![]);
        assert_eq!(
            tokenize("#one#two"),
            vec![Token::Hashtag("#one"), Token::Text("#two")]
        );
    }

    #[wasm_bindgen_test]
    fn markup_stays_text() {
        assert_eq!(
            tokenize("<b>#tag</b>"),
            vec![
                Token::Text("<b>"),
                Token::Hashtag("#tag"),
                Token::Text("</b>")
            ]
        );
    }
}
