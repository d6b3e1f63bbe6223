//! A character diff of two raw strings, aligned for display, with byte
//! offsets, code points and a per-component table.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::uri::{self, Uri};

/// What happened to a run of characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// The same on both sides.
    Equal,
    /// Only in the sent URI.
    Insert,
    /// Only in the registered URI.
    Delete,
    /// Different characters on each side.
    Replace,
}

impl OpKind {
    /// The lowercase name (used for CSS modifiers).
    pub fn as_str(self) -> &'static str {
        match self {
            OpKind::Equal => "equal",
            OpKind::Insert => "insert",
            OpKind::Delete => "delete",
            OpKind::Replace => "replace",
        }
    }
}

/// One character as the diff view draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Glyph {
    /// The character.
    pub ch: char,
    /// Its byte offset in its string.
    pub offset: usize,
    /// What to draw: the character, or a visible stand-in for an invisible one.
    pub shown: String,
    /// A description for invisible or non-ASCII characters ("U+200B ZERO WIDTH SPACE").
    pub note: Option<String>,
}

/// An aligned run: characters of the sent URI above those of the registered one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// What happened.
    pub kind: OpKind,
    /// Characters on the sent side (empty for a delete).
    pub sent: Vec<Glyph>,
    /// Characters on the registered side (empty for an insert).
    pub registered: Vec<Glyph>,
}

/// One row of the component table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComponentRow {
    /// scheme, host, port, path, query or fragment.
    pub name: &'static str,
    /// The sent component, if present.
    pub sent: Option<String>,
    /// The registered component, if present.
    pub registered: Option<String>,
    /// True when both are byte-for-byte equal (or both absent).
    pub equal: bool,
}

/// The whole diff of two strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UriDiff {
    /// The sent URI.
    pub sent: String,
    /// The registered URI compared with.
    pub registered: String,
    /// Aligned runs, in order.
    pub segments: Vec<Segment>,
    /// The per-component table.
    pub components: Vec<ComponentRow>,
    /// True when the strings were too long to diff character by character
    /// and only the common prefix and suffix were aligned.
    pub coarse: bool,
}

impl UriDiff {
    /// True when the strings are byte-for-byte equal.
    pub fn is_equal(&self) -> bool {
        self.sent == self.registered
    }
}

/// The most work a character diff may do: the product of the lengths of the
/// two differing middles (what is left after the common prefix and suffix).
/// Myers' algorithm costs up to that product, so beyond it the middles are
/// shown as one replaced run and a hostile paste cannot make the page do
/// quadratic work. 2^16 covers the longest registered URI Entra accepts (256
/// characters) against a sent URI of 256 characters that differ throughout.
const MAX_DIFF_CELLS: usize = 1 << 16;

/// The visible stand-in and description of a character.
pub fn describe(c: char) -> (String, Option<String>) {
    let cp = format!("U+{:04X}", c as u32);
    if let Some(name) = uri::invisible_name(c) {
        let shown = match c {
            ' ' => "␠".to_string(),
            '\t' => "⇥".to_string(),
            '\n' => "␤".to_string(),
            '\r' => "␍".to_string(),
            _ => format!("⟨{cp}⟩"),
        };
        return (shown, Some(format!("{cp} {name}")));
    }
    if let Some(ascii) = uri::confusable_ascii(c) {
        return (c.to_string(), Some(format!("{cp}, looks like '{ascii}'")));
    }
    if !c.is_ascii() {
        return (c.to_string(), Some(format!("{cp} non-ASCII")));
    }
    (c.to_string(), None)
}

fn glyphs(s: &str, chars: &[(usize, char)]) -> Vec<Glyph> {
    let _ = s;
    chars
        .iter()
        .map(|&(offset, ch)| {
            let (shown, note) = describe(ch);
            Glyph {
                ch,
                offset,
                shown,
                note,
            }
        })
        .collect()
}

fn segment(kind: OpKind, s: &str, a: &[(usize, char)], r: &str, b: &[(usize, char)]) -> Segment {
    Segment {
        kind,
        sent: glyphs(s, a),
        registered: glyphs(r, b),
    }
}

/// Diffs `sent` against `registered`, character by character.
pub fn diff(sent: &str, registered: &str) -> UriDiff {
    let a: Vec<(usize, char)> = sent.char_indices().collect();
    let b: Vec<(usize, char)> = registered.char_indices().collect();
    let mut segments = Vec::new();
    let pre = a.iter().zip(&b).take_while(|(x, y)| x.1 == y.1).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x.1 == y.1)
        .count();
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let coarse = am.len().saturating_mul(bm.len()) > MAX_DIFF_CELLS;
    if coarse {
        if pre > 0 {
            segments.push(segment(
                OpKind::Equal,
                sent,
                &a[..pre],
                registered,
                &b[..pre],
            ));
        }
        segments.push(segment(OpKind::Replace, sent, am, registered, bm));
        if suf > 0 {
            segments.push(segment(
                OpKind::Equal,
                sent,
                &a[a.len() - suf..],
                registered,
                &b[b.len() - suf..],
            ));
        }
    } else {
        let ac: Vec<char> = a.iter().map(|x| x.1).collect();
        let bc: Vec<char> = b.iter().map(|x| x.1).collect();
        for op in capture_diff_slices(Algorithm::Myers, &ac, &bc) {
            let (kind, ar, br) = match op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => (
                    OpKind::Equal,
                    old_index..old_index + len,
                    new_index..new_index + len,
                ),
                DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                } => (
                    OpKind::Insert,
                    old_index..old_index + old_len,
                    new_index..new_index,
                ),
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => (
                    OpKind::Delete,
                    old_index..old_index,
                    new_index..new_index + new_len,
                ),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => (
                    OpKind::Replace,
                    old_index..old_index + old_len,
                    new_index..new_index + new_len,
                ),
            };
            let (Some(av), Some(bv)) = (a.get(ar), b.get(br)) else {
                continue;
            };
            segments.push(segment(kind, sent, av, registered, bv));
        }
    }
    UriDiff {
        sent: sent.to_string(),
        registered: registered.to_string(),
        segments,
        components: components(sent, registered),
        coarse,
    }
}

/// The per-component comparison table.
pub fn components(sent: &str, registered: &str) -> Vec<ComponentRow> {
    let (s, r) = (Uri::new(sent), Uri::new(registered));
    let row = |name, a: Option<&str>, b: Option<&str>| ComponentRow {
        name,
        sent: a.map(str::to_string),
        registered: b.map(str::to_string),
        equal: a == b,
    };
    fn path<'a>(u: &Uri<'a>) -> Option<&'a str> {
        Some(u.path()).filter(|p| !p.is_empty())
    }
    vec![
        row("scheme", s.scheme(), r.scheme()),
        row("host", s.host(), r.host()),
        row("port", s.port(), r.port()),
        row("path", path(&s), path(&r)),
        row("query", s.query(), r.query()),
        row("fragment", s.fragment(), r.fragment()),
    ]
}

/// The UTF-8 bytes of `s` as hex, grouped per character.
pub fn hex(s: &str) -> Vec<(char, String)> {
    s.chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let h: Vec<String> = bytes.iter().map(|b| format!("{b:02X}")).collect();
            (c, h.join(" "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(d: &UriDiff) -> Vec<(OpKind, String, String)> {
        d.segments
            .iter()
            .map(|s| {
                (
                    s.kind,
                    s.sent.iter().map(|g| g.ch).collect(),
                    s.registered.iter().map(|g| g.ch).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn trailing_slash_is_one_insert_at_the_end() {
        let d = diff("https://a.b/cb/", "https://a.b/cb");
        let k = kinds(&d);
        assert_eq!(
            k.last().map(|x| (x.0, x.1.as_str())),
            Some((OpKind::Insert, "/"))
        );
        let ins = d
            .segments
            .iter()
            .find(|s| s.kind == OpKind::Insert)
            .expect("insert");
        assert_eq!(ins.sent[0].offset, 14);
    }

    #[test]
    fn invisible_characters_are_named() {
        let d = diff("https://a.b/cb", "https://a.b/cb\u{200B}");
        let del = d
            .segments
            .iter()
            .find(|s| s.kind == OpKind::Delete)
            .expect("delete");
        assert_eq!(del.registered[0].shown, "⟨U+200B⟩");
        assert_eq!(
            del.registered[0].note.as_deref(),
            Some("U+200B ZERO WIDTH SPACE")
        );
    }

    #[test]
    fn scheme_change_is_a_replace_or_insert() {
        let d = diff("http://a.b/cb", "https://a.b/cb");
        assert!(d
            .segments
            .iter()
            .any(|s| s.kind == OpKind::Delete && s.registered.iter().any(|g| g.ch == 's')));
        let row = d
            .components
            .iter()
            .find(|r| r.name == "scheme")
            .expect("row");
        assert!(!row.equal);
        assert!(d
            .components
            .iter()
            .filter(|r| r.name != "scheme")
            .all(|r| r.equal));
    }

    #[test]
    fn confusables_are_noted() {
        let (_, note) = describe('о');
        assert_eq!(note.as_deref(), Some("U+043E, looks like 'o'"));
    }

    #[test]
    fn long_inputs_with_a_short_difference_are_diffed_exactly() {
        let a = format!("https://a.b/{}x", "y".repeat(100_000));
        let b = format!("https://a.b/{}z", "y".repeat(100_000));
        let d = diff(&a, &b);
        assert!(!d.coarse);
        let kinds: Vec<OpKind> = d.segments.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [OpKind::Equal, OpKind::Replace]);
        assert_eq!(d.segments[1].sent[0].ch, 'x');
        assert_eq!(d.segments[1].registered[0].ch, 'z');
    }

    #[test]
    fn long_differing_middles_are_one_replaced_run() {
        // 1,000 × 1,000 differing characters: beyond the work bound.
        let a = format!("https://a.b/{}/end", "xy".repeat(500));
        let b = format!("https://a.b/{}/end", "yz".repeat(500));
        let d = diff(&a, &b);
        assert!(d.coarse);
        let kinds: Vec<OpKind> = d.segments.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [OpKind::Equal, OpKind::Replace, OpKind::Equal]);
        assert_eq!(d.segments[1].sent.len(), 1000);
        assert_eq!(d.segments[1].registered.len(), 1000);
        // Within the bound the same shape is diffed character by character.
        let a = format!("https://a.b/{}/end", "xy".repeat(100));
        let b = format!("https://a.b/{}/end", "yz".repeat(100));
        let d = diff(&a, &b);
        assert!(!d.coarse);
        assert!(d.segments.len() > 3);
    }

    #[test]
    fn hex_groups_multibyte_characters() {
        let h = hex("aо");
        assert_eq!(h[0].1, "61");
        assert_eq!(h[1].1, "D0 BE");
    }
}
