//! A mutation search for panics and slow inputs (not a test: it runs for as long as it is
//! told). It starts from the example cases (tests/cases) and the evidence fixtures, changes
//! their text the way real pastes and hostile inputs differ (cut, repeated, spliced between
//! boxes, stray quotes, escapes, percent signs, invisible and right-to-left characters), and
//! runs each mutant through everything the page does with a case: the analysis, its JSON
//! report, a share link and back, the HAR sanitiser and the file-drop box chooser.
//!
//!     cargo run --profile mutate --example mutate -- [SECONDS] [SEED]
//!
//! A mutant that panics, or takes longer than the slow limit, is written to
//! target/mutants/ as a case file the CLI reads (`redirect-doctor check FILE`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use redirect_doctor::core::evidence::sanitize;
use redirect_doctor::core::{analyze, file, share, CaseInput};

/// A mutant whose steps together take longer than this (in this optimised build; a
/// megabyte-sized box takes a few hundred milliseconds) is written out.
const SLOW: Duration = Duration::from_millis(1000);

const TOKENS: &[&str] = &[
    "%",
    "%2",
    "%25",
    "%2F",
    "%E2%80",
    "%C3",
    "%00",
    "\"",
    "'",
    "\\",
    "\\\"",
    "\\u00",
    "\\ud83d",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "://",
    "?",
    "#",
    "&",
    "=",
    "/",
    "//",
    "..",
    "*",
    "@",
    ";",
    "<",
    ">",
    "&amp;",
    "&#",
    "redirect_uri=",
    "client_id=",
    "response_type=",
    "response_mode=form_post",
    "code=",
    "error=",
    "state=",
    "AADSTS50011",
    "AADSTS240004",
    "AADSTS",
    "https://",
    "http://localhost:",
    "http://127.0.0.1",
    "[::1]",
    "ms-appx-web://",
    "msauth.",
    "urn:ietf:wg:oauth:2.0:oob",
    "login.microsoftonline.com",
    "b2clogin.com",
    "\u{200B}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{0301}",
    "\u{1F600}",
    "\u{FF1A}",
    "\u{00A0}",
    "\u{2028}",
    "\u{0}",
    "é",
    "İ",
    "ß",
    "ﬁ",
    "\"redirectUris\"",
    "\"entries\"",
    "\"log\"",
    "\"text\"",
    "\"status\"",
    "null",
    "true",
    "-1",
    "1e309",
    "00000000-0000-0000-0000-000000000000",
    "Web",
    "SPA:",
    "Mobile and desktop applications",
    "#v1.",
    "```",
    "> ",
    "- ",
    "PS C:\\> ",
    "Correlation ID:",
    "Timestamp:",
    ",\"",
    "\",\"",
    "base64",
    "gzip",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// A char boundary of `s` at or before a random byte offset.
fn boundary(s: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(s.len() + 1);
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn range(s: &str, rng: &mut Rng) -> (usize, usize) {
    let a = boundary(s, rng);
    let b = boundary(s, rng);
    (a.min(b), a.max(b))
}

fn mutate_text(s: &str, pool: &[String], rng: &mut Rng) -> String {
    let mut s = s.to_string();
    for _ in 0..=rng.below(4) {
        match rng.below(9) {
            0 => {
                let (a, b) = range(&s, rng);
                s.replace_range(a..b, "");
            }
            1 | 2 => {
                let at = boundary(&s, rng);
                s.insert_str(at, TOKENS[rng.below(TOKENS.len())]);
            }
            3 => {
                let (a, b) = range(&s, rng);
                let piece = s[a..b].to_string();
                let most = if rng.below(20) == 0 { 2000 } else { 4 };
                let times = 1 + rng.below(most);
                if piece.len() * times < 4 << 20 {
                    s.insert_str(b, &piece.repeat(times));
                }
            }
            4 => {
                let other = &pool[rng.below(pool.len())];
                let (a, b) = range(other, rng);
                let at = boundary(&s, rng);
                s.insert_str(at, &other[a..b]);
            }
            5 => {
                let at = boundary(&s, rng);
                s.truncate(at);
            }
            6 => {
                // One character changed in case or replaced by its percent-encoding.
                let at = boundary(&s, rng);
                if let Some(c) = s[at..].chars().next() {
                    let new = if rng.below(2) == 0 {
                        if c.is_ascii_lowercase() {
                            c.to_ascii_uppercase().to_string()
                        } else {
                            c.to_ascii_lowercase().to_string()
                        }
                    } else {
                        let mut buf = [0u8; 4];
                        c.encode_utf8(&mut buf)
                            .bytes()
                            .map(|b| format!("%{b:02X}"))
                            .collect()
                    };
                    s.replace_range(at..at + c.len_utf8(), &new);
                }
            }
            7 => {
                // Wrapped as a terminal or a mail client would.
                let width = 20 + rng.below(100);
                let mut out = String::with_capacity(s.len() + s.len() / width + 1);
                for (i, c) in s.chars().enumerate() {
                    if i > 0 && i % width == 0 {
                        out.push('\n');
                    }
                    out.push(c);
                }
                s = out;
            }
            _ => {
                s = pool[rng.below(pool.len())].clone();
            }
        }
    }
    s
}

fn load(root: &Path) -> (Vec<CaseInput>, Vec<String>) {
    let mut cases = Vec::new();
    let mut evidence = Vec::new();
    let mut dirs = vec![root.join("tests/cases"), root.join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = read.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            if p.starts_with(root.join("tests/cases")) {
                if let Ok(case) = serde_json::from_str::<CaseInput>(&text) {
                    cases.push(case);
                }
            } else {
                evidence.push(text);
            }
        }
    }
    (cases, evidence)
}

fn fields(c: &CaseInput) -> [&String; 5] {
    [
        &c.authorize,
        &c.registered,
        &c.callback,
        &c.audience,
        &c.evidence,
    ]
}

fn fields_mut(c: &mut CaseInput) -> [&mut String; 5] {
    [
        &mut c.authorize,
        &mut c.registered,
        &mut c.callback,
        &mut c.audience,
        &mut c.evidence,
    ]
}

/// Everything the page does with one case; an error names the step that went wrong.
/// `timed` prints how long each step took.
fn exercise(case: &CaseInput, timed: bool) -> Result<(), String> {
    let mut clock = Instant::now();
    let mut lap = |step: &str| {
        if timed {
            eprintln!("{step}: {} ms", clock.elapsed().as_millis());
        }
        clock = Instant::now();
    };
    let a = analyze(case);
    lap("analyze");
    let json = a.report.to_json();
    serde_json::from_str::<serde_json::Value>(&json)
        .map_err(|e| format!("the report is not JSON: {e}"))?;
    lap("report");
    let (fragment, _) = share::share_fragment(case, &share::ShareOptions::default());
    lap("share link");
    match share::decode(&fragment) {
        Ok(back) => {
            lap("share link opened");
            analyze(&back);
            lap("shared case analysed");
        }
        // The page says so instead of offering the link (ui/share_slot.rs).
        Err(share::ShareError::TooLarge) if fragment.len() > share::MAX_DECODED / 1000 => {}
        Err(e) => return Err(format!("its own share link does not open: {e:?}")),
    }
    if !case.evidence.trim().is_empty() {
        let _ = sanitize::har(&case.evidence, &sanitize::Options::default());
        lap("sanitised copy");
    }
    for f in fields(case) {
        if !f.is_empty() {
            file::box_for(f);
        }
    }
    lap("file box");
    Ok(())
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    if let Some(path) = args.peek().filter(|a| a.ends_with(".json")) {
        // Replay one written mutant, step by step.
        let text = std::fs::read_to_string(path).expect("the case file can be read");
        let case: CaseInput = serde_json::from_str(&text).expect("a case file");
        let outcome = exercise(&case, true);
        println!("{outcome:?}");
        return;
    }
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/mutants");
    std::fs::create_dir_all(&out).expect("target/mutate can be created");
    let (cases, evidence) = load(root);
    assert!(!cases.is_empty(), "no cases found under tests/cases");
    let mut pool: Vec<String> = cases
        .iter()
        .flat_map(|c| fields(c).into_iter().filter(|f| !f.is_empty()).cloned())
        .collect();
    pool.extend(evidence.iter().cloned());

    let last_panic = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    {
        let last_panic = last_panic.clone();
        std::panic::set_hook(Box::new(move |info| {
            *last_panic.lock().unwrap() = info.to_string();
        }));
    }
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut panics, mut slow) = (0u64, 0u64, 0u64);
    let mut seen = std::collections::HashSet::new();
    while Instant::now() < deadline {
        let mut case = cases[rng.below(cases.len())].clone();
        if rng.below(4) == 0 {
            case.evidence = evidence[rng.below(evidence.len())].clone();
        }
        if rng.below(10) == 0 {
            // A box's text pasted into another box.
            let from = fields(&case)[rng.below(5)].clone();
            *fields_mut(&mut case)[rng.below(5)] = from;
        }
        for _ in 0..=rng.below(2) {
            let i = rng.below(5);
            let f = fields(&case)[i].clone();
            *fields_mut(&mut case)[i] = mutate_text(&f, &pool, &mut rng);
        }
        runs += 1;
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| exercise(&case, false)));
        let took = started.elapsed();
        let problem = match outcome {
            Ok(Ok(())) if took > SLOW => Some(format!("slow: {} ms", took.as_millis())),
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(_) => Some(format!("panic: {}", last_panic.lock().unwrap())),
        };
        let Some(problem) = problem else {
            continue;
        };
        let key = problem
            .split(" ms")
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>();
        if problem.starts_with("slow") {
            slow += 1;
        } else {
            panics += 1;
        }
        // One file per distinct problem (per panic location; every slow input up to 20).
        let first = seen.insert(key.clone());
        if !(first || problem.starts_with("slow") && slow <= 20) {
            continue;
        }
        let name = format!(
            "{}-{runs}.json",
            if problem.starts_with("slow") {
                "slow"
            } else {
                "problem"
            }
        );
        let mut value = serde_json::to_value(&case).expect("a case is JSON");
        value["note"] = serde_json::Value::String(problem.clone());
        std::fs::write(
            out.join(&name),
            serde_json::to_string_pretty(&value).unwrap(),
        )
        .expect("target/mutants is writable");
        eprintln!("{name}: {}", problem.lines().next().unwrap_or_default());
    }
    println!("{runs} mutants in {seconds} s: {panics} failed, {slow} slow (over {} ms); files in target/mutants/", SLOW.as_millis());
    if panics > 0 {
        std::process::exit(1);
    }
}
