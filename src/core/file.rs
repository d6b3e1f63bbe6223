//! A file's bytes as text: what the page does with a dropped or picked file, and the command
//! line with a case file.
//!
//! Exports come in more encodings than UTF-8: Windows PowerShell 5 writes `>` and
//! `Out-File` as UTF-16 with a byte-order mark, a spreadsheet saves CSV as Windows-1252, and a
//! HAR is sometimes zipped before it is attached to a ticket. Each is read as what it is, or
//! refused with one sentence, never shown as garbled text.

/// A file read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding when it was not plain UTF-8 (`UTF-16LE`, `Windows-1252`), for the
    /// file's status line.
    pub encoding: Option<&'static str>,
}

/// The input box a file belongs in when it is dropped on the page and not on one of the boxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputBox {
    /// The authorize request (an authorize URL, Entra's error text).
    Authorize,
    /// The registered redirect URIs (a manifest, Graph JSON, a list).
    Registered,
    /// A HAR or a sign-in log export, and whatever else (the box says what it cannot read).
    Evidence,
}

impl InputBox {
    /// The box's label on the page.
    pub fn label(self) -> &'static str {
        match self {
            InputBox::Authorize => "Authorize request",
            InputBox::Registered => "Registered redirect URIs",
            InputBox::Evidence => "Evidence",
        }
    }
}

/// Which box `text` (a file's text) belongs in: a HAR or a sign-in log export is evidence; an
/// app's manifest or Graph JSON, or a platform-headed list, is the registration; an authorize
/// URL or Entra's error text is the request; a plain list of URIs is the registration; anything
/// else goes to the evidence box, whose reader says what it could not read.
pub fn box_for(text: &str) -> InputBox {
    // Larger than a text box holds: only evidence can be that large.
    if text.len() > super::MAX_FIELD {
        return InputBox::Evidence;
    }
    use super::evidence::Kind;
    let evidence = super::evidence::read(text).kind;
    if evidence == Kind::Har {
        return InputBox::Evidence;
    }
    // An app's JSON carries an appId like a sign-in log entry: its redirect URIs decide.
    let registered = super::registered::read(text);
    let listed = !registered.uris.is_empty();
    // An app's JSON with empty lists is still the registration (it has no redirect URI).
    if (listed || registered.from_json) && registered.has_platforms
        || listed && registered.from_json
    {
        return InputBox::Registered;
    }
    if evidence == Kind::SignInLog {
        return InputBox::Evidence;
    }
    if super::authorize::read(text).is_some_and(|r| {
        r.error_text.is_some() || r.redirect_uri().is_some() || r.get("client_id").is_some()
    }) {
        return InputBox::Authorize;
    }
    if listed {
        InputBox::Registered
    } else {
        InputBox::Evidence
    }
}

/// Reads `bytes` (the file `name`) as text, or says in one sentence why it is not text.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Decoded, String> {
    decode_within(name, bytes, super::MAX_EVIDENCE)
}

/// [`decode`], a compressed file inflated to at most `max` bytes.
fn decode_within(name: &str, bytes: Vec<u8>, max: usize) -> Result<Decoded, String> {
    // Byte-order marks at the start, however many (stripped in one pass: one call and one
    // copy per mark overflowed the stack on a file of them).
    let mut start = 0;
    while bytes
        .get(start..)
        .is_some_and(|r| r.starts_with(&[0xEF, 0xBB, 0xBF]))
    {
        start += 3;
    }
    let bytes = if start > 0 {
        bytes.get(start..).unwrap_or_default().to_vec()
    } else {
        bytes
    };
    // A HAR saved compressed (`.har.gz`; mitmproxy's `.zhar` is zlib): inflated, up to what the
    // evidence box reads, and read as the file it holds.
    let (bytes, compressed) = match gunzip(&bytes, max)
        .map(|b| (b, "gzip"))
        .or_else(|e| match e {
            Inflate::Not => unzlib(&bytes, max).map(|b| (b, "zlib")),
            e => Err(e),
        }) {
        Ok((inflated, kind)) => (inflated, Some(kind)),
        Err(Inflate::TooLarge(kind)) => {
            return Err(format!(
                "{name} is {kind}-compressed and holds more than {} MB, the most the page reads (a file that grows so much is no single sign-in's HAR): export the HAR again with only the failing sign-in (clear the Network log, reproduce, export), or filter the sign-in logs, and give that file.",
                max >> 20
            ));
        }
        Err(Inflate::Not) => (bytes, None),
    };
    let decoded = decode_plain(name, bytes)?;
    Ok(match compressed {
        None => decoded,
        Some(kind) => Decoded {
            encoding: Some(compressed_label(kind, decoded.encoding)),
            ..decoded
        },
    })
}

/// The encoding said of a compressed file: how it was compressed and the text's own encoding.
fn compressed_label(kind: &str, text: Option<&'static str>) -> &'static str {
    match (kind, text) {
        ("gzip", None) => "gzip-compressed UTF-8",
        ("gzip", Some("UTF-16LE")) => "gzip-compressed UTF-16LE",
        ("gzip", Some("UTF-16BE")) => "gzip-compressed UTF-16BE",
        ("gzip", Some(_)) => "gzip-compressed Windows-1252",
        (_, None) => "zlib-compressed UTF-8",
        (_, Some("UTF-16LE")) => "zlib-compressed UTF-16LE",
        (_, Some("UTF-16BE")) => "zlib-compressed UTF-16BE",
        (_, Some(_)) => "zlib-compressed Windows-1252",
    }
}

/// Why compressed data was not inflated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Inflate {
    /// It is not data of that kind (or damaged).
    Not,
    /// It holds more than the limit (named by its kind: `gzip`, `zlib`).
    TooLarge(&'static str),
}

fn inflated(
    r: Result<Vec<u8>, miniz_oxide::inflate::DecompressError>,
    kind: &'static str,
) -> Result<Vec<u8>, Inflate> {
    r.map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Inflate::TooLarge(kind),
        _ => Inflate::Not,
    })
}

/// The content of gzip data (RFC 1952: a header, raw deflate, a trailer), at most `max` bytes.
pub(crate) fn gunzip(b: &[u8], max: usize) -> Result<Vec<u8>, Inflate> {
    if b.len() < 18 || b[0] != 0x1f || b[1] != 0x8b || b[2] != 8 {
        return Err(Inflate::Not);
    }
    let flags = b[3];
    let mut at = 10;
    if flags & 4 != 0 {
        let len = |i: usize| b.get(i).map(|&x| usize::from(x)).ok_or(Inflate::Not);
        at += 2 + (len(at)? | len(at + 1)? << 8);
    }
    // A file name, then a comment: each ends with a zero byte.
    for bit in [8, 16] {
        if flags & bit != 0 {
            let rest = b.get(at..).ok_or(Inflate::Not)?;
            at += rest.iter().position(|&x| x == 0).ok_or(Inflate::Not)? + 1;
        }
    }
    if flags & 2 != 0 {
        at += 2;
    }
    let data = b.get(at..).ok_or(Inflate::Not)?;
    inflated(
        miniz_oxide::inflate::decompress_to_vec_with_limit(data, max),
        "gzip",
    )
}

/// The content of zlib data (RFC 1950: deflate, 32 KB window at most, no preset dictionary),
/// at most `max` bytes. Text may start with the two bytes of such a header (`x^`), so only
/// data that inflates whole, its checksum right, is taken.
pub(crate) fn unzlib(b: &[u8], max: usize) -> Result<Vec<u8>, Inflate> {
    let zlib = b.len() > 6
        && b[0] & 0x0f == 8
        && b[0] >> 4 <= 7
        && b[1] & 0x20 == 0
        && (u16::from(b[0]) << 8 | u16::from(b[1])) % 31 == 0;
    if !zlib {
        return Err(Inflate::Not);
    }
    inflated(
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(b, max),
        "zlib",
    )
}

/// [`decode`] of bytes that are not compressed.
fn decode_plain(name: &str, bytes: Vec<u8>) -> Result<Decoded, String> {
    if let Some(kind) = magic_kind(&bytes) {
        return Err(format!("{name} is {kind}, not text: {}", binary_fix(kind)));
    }
    if let Some(le) = utf16_order(&bytes) {
        let start =
            usize::from(bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])) * 2;
        let units = bytes[start..].chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        return Ok(Decoded {
            text,
            encoding: Some(if le { "UTF-16LE" } else { "UTF-16BE" }),
        });
    }
    // Text never holds a zero byte (UTF-16 was read above).
    if bytes[..bytes.len().min(65_536)].contains(&0) {
        let kind = "binary data";
        return Err(format!("{name} is {kind}, not text: {}", binary_fix(kind)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: None,
        }),
        Err(e) => Ok(Decoded {
            text: e.as_bytes().iter().map(|&b| windows_1252(b)).collect(),
            encoding: Some("Windows-1252"),
        }),
    }
}

/// Whether `bytes` are UTF-16, little-endian (true) or big-endian (false): by the byte-order
/// mark, or, without one, by text whose every other byte is zero (ASCII in UTF-16).
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(true);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(false);
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |i: usize| {
        head.chunks_exact(2)
            .filter(|p| p[i] == 0 && p[1 - i] != 0)
            .count()
    };
    // Nearly every unit an ASCII character: a zero byte beside a non-zero one.
    let (odd, even) = (zero_at(1), zero_at(0));
    if odd * 10 >= pairs * 9 {
        Some(true)
    } else if even * 10 >= pairs * 9 {
        Some(false)
    } else {
        None
    }
}

/// What a file that is not text is, by its first bytes.
fn magic_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 7] = [
        (b"PK\x03\x04", "a zip archive"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"\xd0\xcf\x11\xe0", "an Office document"),
    ];
    // A tar archive (what a `.tar.gz` holds) says so at byte 257.
    if bytes.get(257..262) == Some(b"ustar") {
        return Some("a tar archive");
    }
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|&(_, kind)| kind)
}

/// What to do instead of opening a file of `kind`.
fn binary_fix(kind: &str) -> &'static str {
    if kind.ends_with("archive") {
        "unpack it and open the file inside (the .har, .json or .csv)."
    } else if kind.ends_with("image") {
        "a screenshot cannot be read; paste the text it shows, or the URL from the address bar."
    } else {
        "open the export itself (the .har, .json, .csv or .txt), or paste its text."
    }
}

/// A byte of Windows-1252 as a character: Latin-1, but for the printable characters the
/// code page puts at 0x80–0x9F.
pub(crate) fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
        for u in units {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    const LIST: &str =
        "Web\r\nhttps://app.contoso.com/signin-oidc\r\nhttps://app.contoso.com/é\r\n";

    /// Any number of UTF-8 byte-order marks at the start are dropped, in one pass.
    #[test]
    fn many_byte_order_marks_are_dropped() {
        let mut bytes = [0xEF, 0xBB, 0xBF].repeat(100_000);
        bytes.extend_from_slice(b"https://app.contoso.com/cb");
        let d = decode("list.txt", bytes).expect("text");
        assert_eq!(d.text, "https://app.contoso.com/cb");
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn utf8_text_is_read_as_it_is_and_its_mark_dropped() {
        let d = decode("a.txt", LIST.as_bytes().to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (LIST, None));
        let marked = [b"\xEF\xBB\xBF".as_slice(), LIST.as_bytes()].concat();
        assert_eq!(decode("a.txt", marked).unwrap().text, LIST);
    }

    #[test]
    fn utf16_is_read_with_or_without_its_mark() {
        for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
            let d = decode("out.txt", utf16(LIST, le, bom)).unwrap();
            assert_eq!(d.text, LIST, "le={le} bom={bom}");
            assert_eq!(d.encoding, Some(if le { "UTF-16LE" } else { "UTF-16BE" }));
        }
    }

    #[test]
    fn a_spreadsheet_csv_in_windows_1252_keeps_its_accents() {
        let bytes =
            b"Tipo,URI de redirecionamento\r\nWeb,https://app.contoso.com/cb \x96 a\xe7\xe3o\r\n"
                .to_vec();
        let d = decode("apps.csv", bytes).unwrap();
        assert_eq!(d.encoding, Some("Windows-1252"));
        assert!(d.text.contains("cb – ação"), "{}", d.text);
    }

    #[test]
    fn archives_images_and_binary_data_are_refused_with_what_to_do() {
        let cases: [(&[u8], &str); 4] = [
            (
                b"PK\x03\x04\x14\x00rest",
                "a zip archive, not text: unpack it",
            ),
            (b"\x1f\x8b\x08\x00\x00", "a gzip archive"),
            (
                b"\x89PNG\r\n\x1a\n\0\0",
                "a PNG image, not text: a screenshot",
            ),
            (b"MZ\x90\x00\x03\x00\x00\x00\x04", "binary data"),
        ];
        for (bytes, said) in cases {
            let e = decode("f.bin", bytes.to_vec()).unwrap_err();
            assert!(e.starts_with("f.bin is ") && e.contains(said), "{e}");
        }
        // Near misses: short text, and text with a stray non-ASCII byte, are text.
        assert!(decode("a", b"ok".to_vec()).is_ok());
        assert!(decode("a", b"https://a/\xe9cb then more text".to_vec()).is_ok());
    }

    /// A HAR saved compressed, as gzip (`.har.gz`) or zlib (mitmproxy's `.zhar`), is read as
    /// the HAR; one that inflates past the limit is refused saying so; a zip stays refused.
    #[test]
    fn a_compressed_har_is_inflated_within_the_limit() {
        let har = br#"{"log":{"version":"1.2","entries":[]}}"#;
        let deflated = miniz_oxide::deflate::compress_to_vec(har, 6);
        let mut gz = vec![0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3];
        gz.extend_from_slice(b"a.har\0");
        gz.extend_from_slice(&deflated);
        gz.extend_from_slice(&[0; 8]);
        let zlib = miniz_oxide::deflate::compress_to_vec_zlib(har, 6);
        for (name, bytes, said) in [
            ("a.har.gz", &gz, "gzip-compressed UTF-8"),
            ("a.zhar", &zlib, "zlib-compressed UTF-8"),
        ] {
            let d = decode(name, bytes.clone()).expect("inflated");
            assert_eq!(d.text.as_bytes(), har);
            assert_eq!(d.encoding, Some(said));
            let e = decode_within(name, bytes.clone(), har.len() - 1).unwrap_err();
            assert!(e.starts_with(name) && e.contains("more than 0 MB"), "{e}");
        }
        // A tar inside gzip is an archive to unpack.
        let mut tar = vec![b'a'; 512];
        tar[257..262].copy_from_slice(b"ustar");
        let mut tgz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        tgz.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(&tar, 6));
        tgz.extend_from_slice(&[0; 8]);
        let e = decode("a.tar.gz", tgz).unwrap_err();
        assert!(e.contains("a tar archive, not text: unpack it"), "{e}");
        // Near misses: text that starts like a zlib header (`x^`) is text; damaged gzip is
        // refused as an archive.
        assert_eq!(
            decode("a.txt", b"x^ not zlib".to_vec()).unwrap().text,
            "x^ not zlib"
        );
        let mut broken = gz.clone();
        broken.truncate(20);
        assert!(decode("b.gz", broken)
            .unwrap_err()
            .contains("a gzip archive"));
    }

    #[test]
    fn a_file_dropped_on_the_page_goes_to_the_box_that_reads_it() {
        let har = r#"{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","time":1,"request":{"method":"GET","url":"https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&redirect_uri=https%3A%2F%2Fa.contoso.com%2Fcb","httpVersion":"HTTP/1.1","headers":[],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[],"cookies":[],"content":{"size":0,"mimeType":"text/html"},"redirectURL":"","headersSize":-1,"bodySize":0},"cache":{},"timings":{"send":0,"wait":1,"receive":0}}]}}"#;
        assert_eq!(box_for(har), InputBox::Evidence);
        let manifest = r#"{"appId":"6731de76-14a6-49ae-97bc-6eba6914391e","web":{"redirectUris":["https://a.contoso.com/cb"]},"spa":{"redirectUris":[]}}"#;
        assert_eq!(box_for(manifest), InputBox::Registered);
        let empty = r#"{"appId":"6731de76-14a6-49ae-97bc-6eba6914391e","signInAudience":"AzureADMyOrg","web":{"redirectUris":[]},"spa":{"redirectUris":[]},"publicClient":{"redirectUris":[]}}"#;
        assert_eq!(box_for(empty), InputBox::Registered);
        assert_eq!(
            box_for("https://a.contoso.com/cb\nhttps://b.contoso.com/cb\n"),
            InputBox::Registered
        );
        let url = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fa.contoso.com%2Fcb";
        assert_eq!(box_for(url), InputBox::Authorize);
        let error = "AADSTS50011: The redirect URI 'https://a.contoso.com/cb' specified in the request does not match the redirect URIs configured for the application '6731de76-14a6-49ae-97bc-6eba6914391e'.";
        assert_eq!(box_for(error), InputBox::Authorize);
        let signin = r#"{"value":[{"id":"1","createdDateTime":"2026-01-01T00:00:00Z","appId":"6731de76-14a6-49ae-97bc-6eba6914391e","appDisplayName":"Contoso","correlationId":"0b5c1d3e-2f4a-4b6c-8d7e-9f0a1b2c3d4e","status":{"errorCode":50011,"failureReason":"The redirect URI specified in the request does not match."}}]}"#;
        assert_eq!(box_for(signin), InputBox::Evidence);
        assert_eq!(box_for("hello"), InputBox::Evidence);
        assert_eq!(
            box_for(&" ".repeat(super::super::MAX_FIELD + 1)),
            InputBox::Evidence
        );
    }
}
