//! A small, tolerant HTML reader: tags, attributes, text with entities decoded, `<br>` as a
//! newline, and a tree good enough to walk Meta's DYI pages by structure. It accepts any
//! bytes: invalid UTF-8 is replaced, stray end tags are ignored, unclosed elements close
//! at the end. Nesting is capped at [`MAX_DEPTH`] (deeper elements become siblings at the
//! cap), so building is linear and walking the tree recursively is bounded.

/// Deepest element nesting kept; Meta's pages nest about a dozen levels.
pub const MAX_DEPTH: usize = 64;

/// Nodes kept per page (about 100 bytes each); the rest of a bigger page is not read. A
/// thread page of 10,000 messages has about 100,000.
pub const MAX_NODES: usize = 1_000_000;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element {
        tag: String,
        attrs: Vec<(String, String)>,
        children: Vec<usize>,
    },
    Text(String),
}

/// A parsed page: nodes in document order; node 0 is the document root.
#[derive(Debug)]
pub struct Dom {
    nodes: Vec<Node>,
    /// The page had more than [`MAX_NODES`] nodes; only the first ones are here.
    pub truncated: bool,
}

/// An element of a [`Dom`], for walking.
#[derive(Clone, Copy)]
pub struct El<'a> {
    dom: &'a Dom,
    id: usize,
}

impl Dom {
    pub fn parse(bytes: &[u8]) -> Dom {
        let text = String::from_utf8_lossy(bytes);
        Builder::default().run(&text)
    }

    pub fn root(&self) -> El<'_> {
        El { dom: self, id: 0 }
    }
}

impl<'a> El<'a> {
    fn node(&self) -> Option<&'a Node> {
        self.dom.nodes.get(self.id)
    }

    fn child_ids(&self) -> &'a [usize] {
        match self.node() {
            Some(Node::Element { children, .. }) => children,
            _ => &[],
        }
    }

    /// Lower-case tag name ("" for the document root).
    pub fn tag(&self) -> &'a str {
        match self.node() {
            Some(Node::Element { tag, .. }) => tag,
            _ => "",
        }
    }

    pub fn attr(&self, name: &str) -> Option<&'a str> {
        match self.node() {
            Some(Node::Element { attrs, .. }) => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Whether the `class` attribute lists `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
    }

    /// Child elements, in order.
    pub fn elements(self) -> impl Iterator<Item = El<'a>> + 'a {
        let dom = self.dom;
        self.child_ids()
            .iter()
            .filter(move |&&id| matches!(dom.nodes.get(id), Some(Node::Element { .. })))
            .map(move |&id| El { dom, id })
    }

    /// Children as text (for text nodes) or elements.
    pub fn children(self) -> impl Iterator<Item = Child<'a>> + 'a {
        let dom = self.dom;
        self.child_ids()
            .iter()
            .filter_map(move |&id| match dom.nodes.get(id)? {
                Node::Text(t) => Some(Child::Text(t)),
                Node::Element { .. } => Some(Child::El(El { dom, id })),
            })
    }

    /// The text directly inside this element (not inside child elements).
    pub fn own_text(&self) -> String {
        self.children()
            .filter_map(|c| match c {
                Child::Text(t) => Some(t),
                Child::El(_) => None,
            })
            .collect()
    }

    /// All text below this element, in document order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    fn push_text(&self, out: &mut String) {
        for child in self.children() {
            match child {
                Child::Text(t) => out.push_str(t),
                Child::El(e) => e.push_text(out),
            }
        }
    }

    /// The first element below this one (depth-first) satisfying `pick`.
    pub fn find(&self, pick: &dyn Fn(&El<'a>) -> bool) -> Option<El<'a>> {
        for e in self.elements() {
            if pick(&e) {
                return Some(e);
            }
            if let Some(found) = e.find(pick) {
                return Some(found);
            }
        }
        None
    }

    /// Whether any element below this one satisfies `pick`.
    pub fn contains(&self, pick: &dyn Fn(&El<'a>) -> bool) -> bool {
        self.find(pick).is_some()
    }
}

pub enum Child<'a> {
    Text(&'a str),
    El(El<'a>),
}

#[derive(Default)]
struct Builder {
    nodes: Vec<Node>,
    /// Open elements: (node id, tag); the document root is not on it.
    open: Vec<(usize, String)>,
}

impl Builder {
    fn run(mut self, src: &str) -> Dom {
        self.nodes.push(Node::Element {
            tag: String::new(),
            attrs: Vec::new(),
            children: Vec::new(),
        });
        let mut rest = src;
        while !rest.is_empty() && self.nodes.len() < MAX_NODES {
            let Some(lt) = rest.find('<') else {
                self.text(rest);
                rest = "";
                break;
            };
            let (before, at) = rest.split_at(lt);
            self.text(before);
            rest = self.markup(at);
        }
        Dom {
            nodes: self.nodes,
            truncated: !rest.is_empty(),
        }
    }

    fn parent(&self) -> usize {
        self.open.last().map_or(0, |(id, _)| *id)
    }

    fn append(&mut self, node: Node) -> usize {
        let id = self.nodes.len();
        self.nodes.push(node);
        let parent = self.parent();
        if let Some(Node::Element { children, .. }) = self.nodes.get_mut(parent) {
            children.push(id);
        }
        id
    }

    /// Source text: entities decoded; formatting whitespace between tags dropped.
    fn text(&mut self, raw: &str) {
        if raw.is_empty() || (raw.contains('\n') && raw.trim().is_empty()) {
            return;
        }
        self.append(Node::Text(decode_entities(raw)));
    }

    /// Consume markup starting at `<`; returns what follows it.
    fn markup<'s>(&mut self, at: &'s str) -> &'s str {
        let body = &at[1..];
        if let Some(comment) = body.strip_prefix("!--") {
            return comment.find("-->").map_or("", |i| &comment[i + 3..]);
        }
        if body.starts_with('!') || body.starts_with('?') {
            return body.find('>').map_or("", |i| &body[i + 1..]);
        }
        if let Some(end) = body.strip_prefix('/') {
            let close = end.find('>').unwrap_or(end.len());
            let tag = tag_name(&end[..close]);
            self.close(&tag);
            return end.get(close + 1..).unwrap_or("");
        }
        if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // A lone `<` in text.
            self.append(Node::Text("<".to_owned()));
            return body;
        }
        let (tag, attrs, self_closing, after) = open_tag(body);
        if tag == "br" {
            self.append(Node::Text("\n".to_owned()));
            return after;
        }
        let id = self.append(Node::Element {
            tag: tag.clone(),
            attrs,
            children: Vec::new(),
        });
        if self_closing || VOID.contains(&tag.as_str()) {
            return after;
        }
        if RAW_TEXT.contains(&tag.as_str()) {
            let end = find_end_tag(after, &tag);
            let inner = &after[..end.0];
            if !inner.is_empty() {
                let text = Node::Text(decode_entities(inner));
                let tid = self.nodes.len();
                self.nodes.push(text);
                if let Some(Node::Element { children, .. }) = self.nodes.get_mut(id) {
                    children.push(tid);
                }
            }
            return &after[end.1..];
        }
        if self.open.len() < MAX_DEPTH {
            self.open.push((id, tag));
        }
        after
    }

    /// Close the innermost open `tag` and everything opened inside it; ignore a stray one.
    fn close(&mut self, tag: &str) {
        if let Some(i) = self.open.iter().rposition(|(_, t)| t == tag) {
            self.open.truncate(i);
        }
    }
}

/// `(start of "</tag", index after its ">")` in `s`, or the end of `s`. Scans once, without
/// copying: a page of unclosed `<title>`s must not cost a copy of the rest per tag.
fn find_end_tag(s: &str, tag: &str) -> (usize, usize) {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find("</")).map(|i| from + i) {
        let name = bytes.get(i + 2..i + 2 + tag.len());
        if name.is_some_and(|n| n.eq_ignore_ascii_case(tag.as_bytes())) {
            let close = s
                .get(i..)
                .and_then(|r| r.find('>'))
                .map_or(s.len(), |j| i + j + 1);
            return (i, close);
        }
        from = i + 2;
    }
    (s.len(), s.len())
}

fn tag_name(s: &str) -> String {
    s.split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Parse `tag attr="v" …>`; returns (tag, attributes, self-closing, rest after `>`).
fn open_tag(s: &str) -> (String, Vec<(String, String)>, bool, &str) {
    let name_end = s
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(s.len());
    let tag = s[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = &s[name_end..];
    let mut self_closing = false;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return (tag, attrs, self_closing, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (tag, attrs, self_closing, after);
        }
        if let Some(after) = rest.strip_prefix('/') {
            self_closing = true;
            rest = after;
            continue;
        }
        self_closing = false;
        let key_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len())
            .max(1.min(rest.len()));
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    match inner.find(q) {
                        Some(i) => (&inner[..i], &inner[i + 1..]),
                        None => (inner, ""),
                    }
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_entities(raw);
            rest = next;
        }
        attrs.push((key, value));
    }
}

/// Decode `&name;`, `&#NNN;` and `&#xHH;`; anything unknown is kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        // Entity names are short; a `;` further away is not ours.
        let semi = after.bytes().take(12).position(|b| b == b';');
        match semi.and_then(|j| entity(&after[..j]).map(|c| (c, j))) {
            Some((c, j)) => {
                out.push(c);
                rest = &after[j + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return Some(char::from_u32(code).unwrap_or('\u{FFFD}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        "reg" => '®',
        "euro" => '€',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_pages_are_cut_at_the_node_cap() {
        let page = "<b>x".repeat(MAX_NODES);
        let dom = Dom::parse(page.as_bytes());
        assert!(dom.truncated);
        assert!(dom.nodes.len() <= MAX_NODES + 1);
        assert!(!Dom::parse(b"<p>small</p>").truncated);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &#039;x&#x27; &lt;&gt; &nope; & &#99999999;"),
            "a & b 'x' <> &nope; & \u{FFFD}"
        );
    }

    #[test]
    fn tree_text_and_attributes() {
        let dom = Dom::parse(
            b"<!DOCTYPE html><html><head><title>T &amp; t</title></head><body>\n\
              <div class=\"a b\" id=x>one<br />two<img src='p.jpg'><span>s</span></div>\n\
              <!-- c --><p>unclosed <b>bold</p></body></html>",
        );
        let div = dom.root().find(&|e| e.has_class("b")).unwrap();
        assert_eq!(div.attr("id"), Some("x"));
        assert_eq!(div.own_text(), "one\ntwo");
        assert_eq!(div.text(), "one\ntwos");
        let img = div.find(&|e| e.tag() == "img").unwrap();
        assert_eq!(img.attr("src"), Some("p.jpg"));
        let title = dom.root().find(&|e| e.tag() == "title").unwrap();
        assert_eq!(title.text(), "T & t");
        let p = dom.root().find(&|e| e.tag() == "p").unwrap();
        assert_eq!(p.text(), "unclosed bold");
    }

    #[test]
    fn hostile_markup_is_bounded() {
        let deep = "<div>".repeat(100_000) + &"</span>".repeat(100_000);
        let dom = Dom::parse(deep.as_bytes());
        assert!(dom.root().find(&|e| e.tag() == "span").is_none());
        for bad in [
            "<",
            "<a",
            "<a b=",
            "<a b='",
            "&",
            "&#",
            "</",
            "<!--",
            "<script>x",
            "\u{fffd}<é",
        ] {
            let dom = Dom::parse(bad.as_bytes());
            let _ = dom.root().text();
        }
    }
}
