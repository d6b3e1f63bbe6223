//! The hostile-input table shared by tests/hostile.rs (the analyzer),
//! tests/cli_hostile.rs (the command line) and benches/hostile.rs (the time
//! bound). Each row is what a user could paste, and what the analysis must say
//! about it: a clear `input.*` finding, or a normal diagnosis.

#![allow(dead_code)]

use redirect_doctor::core::{Analysis, CaseInput};

/// What a row's analysis must show.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// A finding with this code is present.
    Has(&'static str),
    /// No finding with this code is present.
    Lacks(&'static str),
    /// The redirect status (`exact`, `mismatch`, `unchecked`, …).
    Status(&'static str),
    /// No finding at all.
    NoFindings,
}

/// One hostile input.
#[derive(Clone, Debug)]
pub struct Row {
    /// A short name (also the CASE file name in the CLI test).
    pub name: &'static str,
    /// The inputs.
    pub input: CaseInput,
    /// What the analysis must show.
    pub checks: Vec<Check>,
    /// True for the rows the benchmark times (the largest inputs).
    pub slow: bool,
}

impl Row {
    fn new(name: &'static str) -> Row {
        Row {
            name,
            input: CaseInput::default(),
            checks: Vec::new(),
            slow: false,
        }
    }
    fn auth(mut self, s: impl Into<String>) -> Row {
        self.input.authorize = s.into();
        self
    }
    fn reg(mut self, s: impl Into<String>) -> Row {
        self.input.registered = s.into();
        self
    }
    fn cb(mut self, s: impl Into<String>) -> Row {
        self.input.callback = s.into();
        self
    }
    fn ev(mut self, s: impl Into<String>) -> Row {
        self.input.evidence = s.into();
        self
    }
    fn aud(mut self, s: impl Into<String>) -> Row {
        self.input.audience = s.into();
        self
    }
    fn has(mut self, code: &'static str) -> Row {
        self.checks.push(Check::Has(code));
        self
    }
    fn lacks(mut self, code: &'static str) -> Row {
        self.checks.push(Check::Lacks(code));
        self
    }
    fn status(mut self, s: &'static str) -> Row {
        self.checks.push(Check::Status(s));
        self
    }
    fn no_findings(mut self) -> Row {
        self.checks.push(Check::NoFindings);
        self
    }
    fn slow(mut self) -> Row {
        self.slow = true;
        self
    }

    /// Every check that fails on `a`, in words (empty when the row passes).
    pub fn failures(&self, a: &Analysis) -> Vec<String> {
        let codes: Vec<&str> = a.report.findings.iter().map(|f| f.code.as_str()).collect();
        let status = a.report.redirect.status.as_str();
        self.checks
            .iter()
            .filter_map(|c| match *c {
                Check::Has(code) if !codes.contains(&code) => Some(format!(
                    "{}: expected {code}, got {codes:?} (status {status})",
                    self.name
                )),
                Check::Lacks(code) if codes.contains(&code) => Some(format!(
                    "{}: {code} must not appear, got {codes:?}",
                    self.name
                )),
                Check::Status(s) if s != status => Some(format!(
                    "{}: expected status {s}, got {status} ({codes:?})",
                    self.name
                )),
                Check::NoFindings if !codes.is_empty() => {
                    Some(format!("{}: expected no finding, got {codes:?}", self.name))
                }
                _ => None,
            })
            .collect()
    }
}

/// An authorize URL that is well formed except for the given (already
/// encoded) redirect_uri value.
pub fn auth_with(redirect_uri_encoded: &str) -> String {
    format!(
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri={redirect_uri_encoded}&scope=openid%20profile&response_mode=query&state=8f1c2a77d1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    )
}

/// Percent-encodes every byte that is not unreserved.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

const CB: &str = "https://app.contoso.com/cb";
const MB2: usize = 2 << 20;

/// The table.
pub fn rows() -> Vec<Row> {
    let good = auth_with(&enc(CB));
    let mut rows = vec![
        // Sizes.
        Row::new("authorize-2mb")
            .auth("a".repeat(MB2))
            .reg(CB)
            .has("input.too_large")
            .slow(),
        Row::new("registered-2mb")
            .auth(good.clone())
            .reg(format!("{CB}\n").repeat(MB2 / 27))
            .has("input.too_large")
            .slow(),
        Row::new("callback-2mb")
            .auth(good.clone())
            .reg(CB)
            .cb("x".repeat(MB2))
            .has("input.too_large")
            .status("exact")
            .slow(),
        // Repetitions that once made a reader quadratic (each search ran to the text's end).
        Row::new("redirect-uri-20k-spaces")
            .auth(auth_with(&format!("{}{}x", enc(CB), " ".repeat(20_000))))
            .reg(CB)
            .has("request.redirect_uri_invalid")
            .slow(),
        Row::new("registered-40k-mail-link-starts")
            .auth(good.clone())
            .reg("<http".repeat(40_000))
            .lacks("redirect.exact_match")
            .slow(),
        Row::new("registered-50k-dash-rules")
            .auth(good.clone())
            .reg("---\n".repeat(50_000))
            .lacks("redirect.exact_match")
            .slow(),
        Row::new("registered-500k-brackets")
            .auth(good.clone())
            .reg("[".repeat(500_000))
            .lacks("redirect.exact_match")
            .slow(),
        Row::new("registered-50k-same-localhost")
            .auth(good.clone())
            .reg("http://localhost:1/\n".repeat(50_000))
            .lacks("redirect.exact_match")
            .slow(),
        Row::new("audience-8kb")
            .auth(good.clone())
            .reg(CB)
            .aud("A".repeat(8192))
            .has("input.too_large")
            .status("exact"),
        Row::new("authorize-8kb-state")
            .auth(format!("{good}&x={}", "s".repeat(8192)))
            .reg(CB)
            .status("exact")
            .lacks("input.too_large"),
        Row::new("params-200k")
            .auth(format!("{good}{}", "&a=b".repeat(200_000)))
            .reg(CB)
            .status("exact")
            .slow(),
        Row::new("redirect-uri-1000-times")
            .auth(format!(
                "{good}{}",
                format!("&redirect_uri={}", enc(CB)).repeat(1000)
            ))
            .reg(CB)
            .has("request.duplicate_parameter"),
        Row::new("empty-pairs-300k")
            .auth(format!(
                "?client_id=6731de76-14a6-49ae-97bc-6eba6914391e{}&redirect_uri={}",
                "&".repeat(300_000),
                enc(CB)
            ))
            .reg(CB)
            .status("exact")
            .slow(),
        // Control characters.
        Row::new("nul-only")
            .auth("\0".repeat(64))
            .has("input.authorize_unreadable"),
        Row::new("control-chars")
            .auth((1u8..32).map(char::from).collect::<String>())
            .has("input.authorize_unreadable"),
        Row::new("nul-in-redirect-uri")
            .auth(auth_with("https%3A%2F%2Fapp.contoso.com%2Fcb%00"))
            .reg(CB)
            .status("mismatch"),
        Row::new("nul-in-registered")
            .auth(good.clone())
            .reg("https://app.contoso.com/cb\0")
            .status("mismatch"),
        Row::new("del-and-c1-controls")
            .auth(auth_with("https%3A%2F%2Fapp.contoso.com%2Fcb%7F%C2%85"))
            .reg(CB)
            .status("mismatch"),
        // Percent-encoding.
        Row::new("percent-zz")
            .auth(auth_with("https%3A%2F%2Fapp.contoso.com%2Fcb%zz"))
            .reg(CB)
            .status("mismatch"),
        Row::new("percent-alone")
            .auth(auth_with("https%3A%2F%2Fapp.contoso.com%2Fcb%"))
            .reg(CB)
            .status("mismatch"),
        Row::new("percent-truncated")
            .auth(auth_with("https%3A%2F%2Fapp.contoso.com%2Fcb%4"))
            .reg(CB)
            .status("mismatch"),
        Row::new("invalid-utf8-after-decoding")
            .auth(auth_with("https%3A%2F%2Fapp.contoso.com%2F%FF%FE"))
            .reg(CB)
            .has("request.redirect_uri_invalid"),
        Row::new("overlong-utf8")
            .auth(auth_with("https%3A%2F%2Fapp.contoso.com%2F%C0%AF"))
            .reg(CB)
            .has("request.redirect_uri_invalid"),
        Row::new("encoded-20-times")
            .auth(auth_with(&(0..20).fold(CB.to_string(), |s, _| enc(&s))))
            .reg(CB)
            .status("mismatch")
            .slow(),
        Row::new("percent25-chain")
            .auth(auth_with(&format!(
                "https%3A%2F%2Fapp.contoso.com%2F{}41",
                "%25".repeat(100_000)
            )))
            .reg(CB)
            .status("mismatch")
            .slow(),
        // JSON in the registered box.
        Row::new("json-nested-10k-arrays")
            .auth(good.clone())
            .reg("[".repeat(10_000))
            .has("input.registered_unreadable"),
        Row::new("json-nested-10k-objects")
            .auth(good.clone())
            .reg("{\"a\":".repeat(10_000))
            .has("input.registered_unreadable"),
        Row::new("json-nested-inside-redirect-uris")
            .auth(good.clone())
            .reg(format!(
                "{{\"web\":{{\"redirectUris\":{}\"{CB}\"{}}}}}",
                "[".repeat(5000),
                "]".repeat(5000)
            ))
            .has("input.registered_unreadable"),
        Row::new("json-50k-uris")
            .auth(good.clone())
            .reg(format!("[{}\"{CB}\"]", "\"http://x/1\",".repeat(50_000)))
            .has("redirect.too_many_registrations")
            .status("exact")
            .slow(),
        Row::new("json-100k-uris")
            .auth(good.clone())
            .reg(format!(
                "[{}]",
                (0..100_000)
                    .map(|i| format!("\"https://app{i}.contoso.com/cb\""))
                    .collect::<Vec<_>>()
                    .join(",")
            ))
            .has("input.too_large")
            .slow(),
        // A platform object whose list has the wrong type reads as an empty platform today.
        Row::new("json-redirect-uris-number")
            .auth(good.clone())
            .reg(r#"{"web":{"redirectUris":5}}"#)
            .has("redirect.no_registrations")
            .lacks("redirect.exact_match"),
        // `az ad app show --query "{web:web.redirectUris}"` of an app with none registered.
        Row::new("json-web-array")
            .auth(good.clone())
            .reg(r#"{"web":[]}"#)
            .has("redirect.no_registrations")
            .lacks("input.registered_unreadable"),
        Row::new("json-array-of-wrong-types")
            .auth(good.clone())
            .reg(r#"[5, true, null, {}, []]"#)
            .has("input.registered_unreadable"),
        Row::new("json-null-entry-then-uri")
            .auth(good.clone())
            .reg(format!("[null, \"{CB}\"]"))
            .has("input.registered_unreadable")
            .status("exact"),
        Row::new("json-number-out-of-range")
            .auth(good.clone())
            .reg("[1e999999]")
            .has("input.registered_unreadable"),
        Row::new("json-lone-surrogate-escape")
            .auth(good.clone())
            .reg(r#"["https://app.contoso.com/cb\ud800"]"#)
            .has("input.registered_unreadable"),
        Row::new("json-truncated")
            .auth(good.clone())
            .reg(format!("{{\"web\":{{\"redirectUris\":[\"{CB}\""))
            .has("input.registered_unreadable"),
        Row::new("bare-number")
            .auth(good.clone())
            .reg("5")
            .status("unchecked"),
        // Lines.
        Row::new("lines-400k-then-match")
            .auth(good.clone())
            .reg(format!("{}{CB}", "\n".repeat(400_000)))
            .status("exact")
            .slow(),
        Row::new("lines-30k-uris")
            .auth(good.clone())
            .reg(
                (0..30_000)
                    .map(|i| format!("https://a{i}.contoso.com/cb\n"))
                    .collect::<String>(),
            )
            .has("redirect.too_many_registrations")
            .status("mismatch")
            .slow(),
        Row::new("registered-256-of-256-chars")
            .auth(good.clone())
            .reg(
                (0..255)
                    .map(|i| format!("https://app.contoso.com/{i:0>3}{}\n", "p".repeat(256 - 27)))
                    .chain([CB.to_string()])
                    .collect::<String>(),
            )
            .status("exact")
            .lacks("redirect.too_many_registrations"),
        Row::new("registered-257")
            .auth(good.clone())
            .reg(
                (0..257)
                    .map(|i| format!("https://app.contoso.com/cb{i}\n"))
                    .collect::<String>(),
            )
            .has("redirect.too_many_registrations"),
        Row::new("crlf-registered")
            .auth(good.clone())
            .reg(format!("https://x.contoso.com/cb\r\n{CB}\r\n"))
            .status("exact"),
        // Script and HTML payloads.
        Row::new("javascript-redirect-uri")
            .auth(auth_with("javascript%3Aalert(document.domain)"))
            .reg(CB)
            .status("mismatch"),
        Row::new("script-tag-redirect-uri")
            .auth(auth_with("%3Cscript%3Ealert(1)%3C%2Fscript%3E"))
            .reg(CB)
            .has("request.redirect_uri_invalid"),
        Row::new("javascript-registered")
            .auth(auth_with("javascript%3Aalert(1)"))
            .reg("javascript:alert(1)")
            .has("redirect.unsupported_characters")
            .lacks("redirect.exact_match"),
        Row::new("script-tag-registered")
            .auth(good.clone())
            .reg(format!("<script>alert(1)</script>\n{CB}"))
            .status("exact"),
        Row::new("html-callback")
            .auth(good.clone())
            .reg(CB)
            .cb("<img src=x onerror=alert(1)><script>alert(2)</script>")
            .status("exact"),
        Row::new("script-in-authorize-text")
            .auth("<script>alert(1)</script>")
            .has("input.authorize_unreadable"),
        // Unicode.
        Row::new("bidi-override-redirect-uri")
            .auth(auth_with(&enc("https://app.contoso.com/\u{202E}bc")))
            .reg("https://app.contoso.com/bc")
            .has("redirect.invisible_characters"),
        Row::new("bidi-override-registered")
            .auth(good.clone())
            .reg("https://app.contoso.com/cb\u{202E}")
            .has("redirect.invisible_characters"),
        Row::new("emoji-path")
            .auth(auth_with(&enc("https://app.contoso.com/🦀/cb")))
            .reg("https://app.contoso.com/🦀/cb")
            .status("exact"),
        Row::new("emoji-host")
            .auth(auth_with(&enc("https://🦀.contoso.com/cb")))
            .reg(CB)
            .status("mismatch")
            .has("redirect.host_mismatch"),
        Row::new("rtl-path")
            .auth(auth_with(&enc("https://app.contoso.com/مرحبا/שלום")))
            .reg("https://app.contoso.com/مرحبا/שלום")
            .status("exact"),
        Row::new("utf8-edge-chars")
            .auth(auth_with(&enc(
                "https://app.contoso.com/\u{10FFFF}\u{FFFD}\u{E000}\u{7FF}\u{800}",
            )))
            .reg(CB)
            .status("mismatch"),
        Row::new("combining-marks-400")
            .auth(auth_with(&enc(&format!(
                "https://app.contoso.com/e{}",
                "\u{301}".repeat(400)
            ))))
            .reg(CB)
            .status("mismatch"),
        Row::new("bom-authorize")
            .auth(format!("\u{FEFF}{good}"))
            .reg(CB)
            .status("exact"),
        Row::new("bom-registered")
            .auth(good.clone())
            .reg(format!("\u{FEFF}{CB}"))
            .status("exact"),
        Row::new("bom-inside-registered")
            .auth(good.clone())
            .reg(format!("{CB}\u{FEFF}"))
            .has("redirect.invisible_characters"),
        // Empty and blank.
        Row::new("all-empty").no_findings().status("unchecked"),
        Row::new("all-whitespace")
            .auth(" \t\n\r ")
            .reg("\n\n  \t")
            .cb("   ")
            .aud(" ")
            .no_findings()
            .status("unchecked"),
        Row::new("only-registered")
            .reg(CB)
            .lacks("input.authorize_unreadable")
            .status("unchecked"),
        Row::new("question-mark-only")
            .auth("?")
            .has("input.authorize_unreadable"),
        Row::new("equals-only")
            .auth("=")
            .reg(CB)
            .lacks("redirect.exact_match"),
        Row::new("empty-redirect-uri")
            .auth(auth_with(""))
            .reg(CB)
            .has("request.redirect_uri_invalid"),
        Row::new("crlf-wrapped-url")
            .auth(good.replace('&', "\r\n&"))
            .reg(CB)
            .status("exact"),
        // Hosts and ports.
        Row::new("host-10kb")
            .auth(auth_with(&enc(&format!(
                "https://{}.contoso.com/cb",
                "a".repeat(10_240)
            ))))
            .reg(CB)
            .status("mismatch")
            .has("redirect.too_long"),
        // Two 4 KB URIs that differ throughout: the character diff is bounded
        // (the differing middles are shown as one run), not 4,096 x 4,096 steps.
        Row::new("diff-4kb-differing-throughout")
            .auth(auth_with(&enc(&format!(
                "https://app.contoso.com/{}",
                "xy".repeat(2048)
            ))))
            .reg(format!("https://app.contoso.com/{}", "zq".repeat(2048)))
            .status("mismatch")
            .has("redirect.too_long")
            .slow(),
        Row::new("host-10k-dots")
            .auth(auth_with(&enc(&format!(
                "https://a{}.com/cb",
                ".".repeat(10_000)
            ))))
            .reg(CB)
            .status("mismatch"),
        Row::new("port-20-digits")
            .auth(auth_with(&enc(
                "https://app.contoso.com:99999999999999999999/cb",
            )))
            .reg(CB)
            .status("mismatch"),
        Row::new("port-minus-one")
            .auth(auth_with(&enc("https://app.contoso.com:-1/cb")))
            .reg(CB)
            .status("mismatch"),
        Row::new("port-colon-only")
            .auth(auth_with(&enc("https://app.contoso.com:/cb")))
            .reg(CB)
            .status("mismatch"),
        Row::new("ipv6-loopback")
            .auth(auth_with(&enc("http://[::1]:5000/cb")))
            .reg("http://[::1]:5000/cb")
            .has("redirect.loopback_ipv6_unsupported"),
        Row::new("ipv6-unclosed")
            .auth(auth_with(&enc("http://[::1/cb")))
            .reg("http://localhost/cb")
            .status("mismatch"),
        Row::new("ipv6-zone-id")
            .auth(auth_with(&enc("http://[fe80::1%eth0]:80/cb")))
            .reg("http://localhost/cb")
            .status("mismatch"),
        Row::new("ipv6-nested-brackets")
            .auth(auth_with(&enc("http://[[[::1]]]:1/cb")))
            .reg("http://localhost/cb")
            .status("mismatch"),
        Row::new("userinfo-at-signs")
            .auth(auth_with(&enc(&format!(
                "https://{}app.contoso.com/cb",
                "a@".repeat(5000)
            ))))
            .reg(CB)
            .status("mismatch"),
        // Readers added for real pastes: encoded URLs, several URLs, PowerShell, CSV.
        Row::new("encoded-url-tokens-1mb")
            .auth("https%253A%252F%252Fx%253F ".repeat(36_000))
            .has("input.authorize_unreadable")
            .slow(),
        Row::new("authorize-urls-2500")
            .auth(format!("{good}\n").repeat(2_500))
            .reg(CB)
            .status("exact")
            .has("input.several_requests")
            .slow(),
        Row::new("url-then-100k-wrapped-lines")
            .auth(format!("{good}\n{}", "&a=b\n".repeat(100_000)))
            .reg(CB)
            .status("exact")
            .slow(),
        Row::new("pwsh-format-list-8k-records")
            .auth(good.clone())
            .reg(
                (0..8_000)
                    .map(|i| format!("AppId        : 00000000-0000-0000-0000-{i:012}\nRedirectUris : {{https://app{i}.contoso.com/cb, {CB}}}\n\n"))
                    .collect::<String>(),
            )
            .status("unchecked")
            .has("input.registered_unreadable")
            .slow(),
        // Every line a distinct reading problem: merging them must stay linear.
        Row::new("space-broken-uris-30k")
            .auth(good.clone())
            .reg(
                (0..30_000)
                    .map(|i| format!("https: //a{i}.contoso .com/cb\n"))
                    .collect::<String>(),
            )
            .status("unchecked")
            .has("input.registered_unreadable")
            .slow(),
        // SAML readers look back a few bytes for an element's '<prefix:', never to the start.
        Row::new("saml-lookalike-names-75k")
            .auth(format!("<x {}", "AuthnRequest ".repeat(75_000)))
            .reg("https://a.contoso.com/cb")
            .has("input.authorize_unreadable")
            .slow(),
        Row::new("saml-issuer-lookalikes-130k")
            .auth(format!(
                "<AuthnRequest AssertionConsumerServiceURL=\"https://a.contoso.com/cb\"><x {}",
                "Issuer ".repeat(130_000)
            ))
            .reg("https://a.contoso.com/cb")
            .status("exact")
            .has("input.authorize_decoded")
            .slow(),
        Row::new("csv-25k-rows")
            .auth(good.clone())
            .reg(format!(
                "\"Type\",\"Redirect URI\"\n{}",
                "\"Web\",\"https://app.contoso.com/cb\"\n".repeat(25_000)
            ))
            .status("exact")
            .slow(),
        // Error text and callback.
        Row::new("aadsts-repeated")
            .auth("AADSTS50011 ".repeat(80_000))
            .status("unchecked")
            .slow(),
        Row::new("http-repeated")
            .auth("http".repeat(250_000))
            .has("input.authorize_unreadable")
            .slow(),
        Row::new("callback-200k-params")
            .auth(good.clone())
            .reg(CB)
            .cb(format!(
                "{CB}?code=0.AX&state=8f1c2a77d1{}",
                "&a=b".repeat(200_000)
            ))
            .status("exact")
            .has("response.code_received")
            .slow(),
        Row::new("callback-error-100kb")
            .auth(good.clone())
            .reg(CB)
            .cb(format!(
                "{CB}?error=access_denied&error_description={}&state=8f1c2a77d1",
                "AADSTS65004+".repeat(8000)
            ))
            .has("response.user_cancelled"),
        Row::new("log-field-lookalikes-40k")
            .auth(format!(
                "level=error {} redirect_uri={CB}",
                " redirect_uri; xredirect_uri= \"redirect_uri\";".repeat(10_000)
            ))
            .reg(CB)
            .status("exact")
            .slow(),
        Row::new("aadsts240004-wrapper-no-marker")
            .auth(good.clone())
            .reg(CB)
            .cb(format!("AADSTS240004 {}", "Fehler ".repeat(100_000)))
            .has("response.error")
            .slow(),
        Row::new("guid-like-noise")
            .auth(format!(
                "AADSTS50011 {}",
                "6731de76-14a6-49ae-97bc-".repeat(30_000)
            ))
            .status("unchecked")
            .slow(),
        // PowerShell console tables as evidence: many rows, or one endless row.
        Row::new("evidence-format-table-2k-rows")
            .auth(good.clone())
            .reg(CB)
            .ev(format!(
                "AppId CorrelationId ErrorCode\n----- ------------- ---------\n{}",
                "a1    c1                50011\n".repeat(2_000)
            ))
            .has("signin.failure")
            .slow(),
        // Tens of thousands of rows of one sign-in (a long export of one failing app): each
        // row's later rows are looked up, not compared pair by pair (20 s for 20,000 rows before).
        Row::new("evidence-csv-30k-rows-one-sign-in")
            .auth(good.clone())
            .reg(CB)
            .ev(format!(
                "AppId,CorrelationId,ErrorCode,CreatedDateTime\n{}",
                (0..30_000)
                    .map(|i| format!("a1,c1,50011,2026-12-01T10:{:02}:{:02}Z\n", i / 60 % 60, i % 60))
                    .collect::<String>()
            ))
            .has("signin.failure")
            .slow(),
        Row::new("evidence-format-table-endless-row")
            .auth(good.clone())
            .reg(CB)
            .ev(format!(
                "AppId Status\n----- ------\n{} {}\n",
                "x".repeat(1_000_000),
                "- ".repeat(500_000)
            ))
            .has("input.evidence_unreadable")
            .slow(),
    ];
    rows.shrink_to_fit();
    rows
}
