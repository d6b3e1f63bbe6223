#!/usr/bin/env python3
"""Serves a built site for the end-to-end tests, on 127.0.0.1 only.

The same files answer at / and under /tools/redirect-doctor/, so one server proves both that
the page works at a host's root and from a sub-path (relative asset URLs). Any other path is
a 404. Standard library only.

    serve.py --dir ../../dist --port 4391
"""

import argparse
import functools
import http.server
import os
import urllib.parse

SUBPATH = "/tools/redirect-doctor/"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".svg": "image/svg+xml",
    }

    def translate_path(self, path):
        bare = urllib.parse.urlsplit(path).path
        if bare == SUBPATH.rstrip("/"):
            return self.directory  # a folder: the handler redirects to the slash form
        if bare.startswith(SUBPATH):
            bare = "/" + bare[len(SUBPATH):]
        elif bare.startswith("/tools"):
            return "/nonexistent/not-served"  # a 404
        return super().translate_path(bare)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # keep the test output readable
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    root = os.path.abspath(args.dir)
    if not os.path.isfile(os.path.join(root, "index.html")):
        raise SystemExit(f"serve.py: {root}/index.html is missing; run make dist first")
    handler = functools.partial(Handler, directory=root)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"serving {root} at http://127.0.0.1:{args.port}/ and {SUBPATH}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
