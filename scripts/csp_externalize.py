#!/usr/bin/env python3
"""Trunk post-build hook: make the built index.html pass its own Content-Security-Policy.

Trunk writes its WebAssembly start-up code (and, under `trunk serve`, its reload client) as
inline <script> elements. The page's CSP allows scripts from 'self' only, so this hook moves
every inline script into a file named after the SHA-256 of its text, next to index.html, and
points the <script> element at it. Then it checks the result: exactly one CSP meta, no
'unsafe-inline' / 'unsafe-eval', no inline script and no inline event handler left. Any
problem fails the build rather than shipping a page that would break or weaken the policy.

It also drops the `integrity` attribute from the wasm's `<link rel=preload as=fetch>`: browsers
do not check integrity for that destination, so it protected nothing, and Chromium logs a
warning about it on every load.

Reads TRUNK_STAGING_DIR and TRUNK_PUBLIC_URL, which Trunk sets for hooks. Standard library
only. Also usable by hand: csp_externalize.py --check DIR (only verifies DIR/index.html).
"""

import hashlib
import html
import os
import re
import sys

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
HAS_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
CSP_META = re.compile(
    r"<meta\b[^>]*http-equiv\s*=\s*[\"']?Content-Security-Policy[\"']?[^>]*>", re.IGNORECASE
)
CONTENT = re.compile(r"\bcontent\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
EVENT_ATTR = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
PRELOAD_FETCH = re.compile(
    r"\brel\s*=\s*[\"']?preload\b.*\bas\s*=\s*[\"']?fetch\b"
    r"|\bas\s*=\s*[\"']?fetch\b.*\brel\s*=\s*[\"']?preload\b",
    re.IGNORECASE | re.DOTALL,
)
INTEGRITY = re.compile(r"\s+integrity\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)


def drop_preload_integrity(page):
    """The page without `integrity` on <link rel=preload as=fetch> elements."""

    def strip(match):
        tag = match.group(0)
        return INTEGRITY.sub("", tag) if PRELOAD_FETCH.search(tag) else tag

    return LINK.sub(strip, page)


def fail(message):
    print(f"csp_externalize: {message}", file=sys.stderr)
    sys.exit(1)


def externalize(dist, public_url):
    index = os.path.join(dist, "index.html")
    with open(index, encoding="utf-8") as f:
        page = f.read()

    moved = []

    def replace(match):
        attrs, body = match.group(1), match.group(2)
        if HAS_SRC.search(attrs) or not body.strip():
            return match.group(0)
        data = body.strip().encode("utf-8") + b"\n"
        name = f"boot-{hashlib.sha256(data).hexdigest()[:16]}.js"
        with open(os.path.join(dist, name), "wb") as out:
            out.write(data)
        moved.append(name)
        return f'<script{attrs} src="{public_url}{name}"></script>'

    page = SCRIPT.sub(replace, page)
    page = drop_preload_integrity(page)
    with open(index, "w", encoding="utf-8") as f:
        f.write(page)
    for name in moved:
        print(f"csp_externalize: moved an inline script to {name}")


def check(dist):
    index = os.path.join(dist, "index.html")
    with open(index, encoding="utf-8") as f:
        page = f.read()
    metas = CSP_META.findall(page)
    if len(metas) != 1:
        fail(f"{index}: expected one Content-Security-Policy meta, found {len(metas)}")
    content = CONTENT.search(metas[0])
    if not content:
        fail(f"{index}: the Content-Security-Policy meta has no content")
    policy = html.unescape(content.group(1)[1:-1])
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    for needed in ("default-src", "script-src", "connect-src", "base-uri", "form-action"):
        if needed not in directives:
            fail(f"{index}: the policy lacks {needed}")
    for name, sources in directives.items():
        for source in sources:
            if source.lower() in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"):
                fail(f"{index}: {name} allows {source}")
    if directives["default-src"] != ["'none'"]:
        fail(f"{index}: default-src must be 'none'")
    for match in SCRIPT.finditer(page):
        if not HAS_SRC.search(match.group(1)) and match.group(2).strip():
            fail(f"{index}: an inline script is left")
    if EVENT_ATTR.search(page):
        fail(f"{index}: an inline event handler attribute is left")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
        return
    dist = os.environ.get("TRUNK_STAGING_DIR")
    if not dist:
        fail("TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook, or use --check DIR)")
    public_url = os.environ.get("TRUNK_PUBLIC_URL", "./")
    if not public_url.endswith("/"):
        public_url += "/"
    externalize(dist, public_url)
    check(dist)


if __name__ == "__main__":
    main()
