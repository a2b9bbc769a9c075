#!/usr/bin/env python3
"""Shrinks a journey that makes import_analyze fail to a small one that
fails the same way (the same first panic line, numbers and ids aside).

libFuzzer's own `cargo fuzz tmin` shrinks bytes and keeps any crash; this
works on the journey itself: it drops scenarios, touchpoints (with their
transitions), transitions and settings, and rounds numbers towards 0, 1 and
the defaults, for as long as the failure stays the same.

  python3 fuzz/minimize.py CRASH_FILE [OUT]   # CRASH_FILE: a journey (JSON)
  python3 fuzz/minimize.py --from-panic LOG   # the journey printed in a panic message

The import_analyze binary must be built (cargo +nightly fuzz build -s none).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.join(HERE, "target/x86_64-unknown-linux-gnu/release/import_analyze")


def signature(text):
    """The failure class of a journey's text, or None when it passes."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        out = subprocess.run([BIN, path], capture_output=True, text=True, timeout=60).stderr
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        os.unlink(path)
    m = re.search(r"panicked at [^\n]*\n([^\n]*)", out)
    if not m:
        return None
    line = m.group(1)
    line = re.sub(r'"[^"]*"', '"…"', line)
    line = re.sub(r"\[[^\]]*\]", "[…]", line)
    return re.sub(r"-?\d[\d.e+-]*|NaN|inf", "#", line)


def candidates(j):
    """Smaller or simpler variants of a journey, biggest cuts first."""
    if j.get("scenarios"):
        yield {**j, "scenarios": []}
        for i in range(len(j["scenarios"])):
            yield {**j, "scenarios": j["scenarios"][:i] + j["scenarios"][i + 1:]}
    tps = j.get("touchpoints", [])
    for i in range(len(tps)):
        gone = tps[i]["id"]
        used = any(gone in json.dumps(s) for s in j.get("scenarios", []))
        if used:
            continue
        yield {**j, "touchpoints": tps[:i] + tps[i + 1:],
               "transitions": [t for t in j.get("transitions", []) if gone not in (t["from"], t["to"])]}
    trs = j.get("transitions", [])
    for i in range(len(trs)):
        yield {**j, "transitions": trs[:i] + trs[i + 1:]}
    if "settings" in j:
        for k in list(j["settings"]):
            s = dict(j["settings"])
            del s[k]
            yield {**j, "settings": s}
    for i, t in enumerate(tps):
        for k in ("channel", "owner", "notes", "painPoints", "opportunities", "service", "proactive", "goal",
                  "effort", "kind", "emotion", "impact", "dropout", "entry"):
            if k in t:
                u = dict(t)
                del u[k]
                yield {**j, "touchpoints": tps[:i] + [u] + tps[i + 1:]}
        for k in ("emotion", "impact", "dropout", "entry"):
            if isinstance(t.get(k), float):
                for v in (0, 1, 0.5, -1, round(t[k], 3), float("%.2g" % t[k])):
                    if v != t[k]:
                        yield {**j, "touchpoints": tps[:i] + [{**t, k: v}] + tps[i + 1:]}
    for i, t in enumerate(trs):
        if "weight" in t:
            for v in (None, 1, 2, float("%.2g" % t["weight"])):
                u = dict(t)
                if v is None:
                    del u["weight"]
                elif v == t["weight"]:
                    continue
                else:
                    u["weight"] = v
                yield {**j, "transitions": trs[:i] + [u] + trs[i + 1:]}


def minimize(j):
    want = signature(json.dumps(j))
    if want is None:
        sys.exit("this journey does not fail")
    print("failure:", want, file=sys.stderr)
    changed = True
    while changed:
        changed = False
        for c in candidates(j):
            if signature(json.dumps(c)) == want:
                j, changed = c, True
                break
    return j


def main():
    args = sys.argv[1:]
    if args and args[0] == "--from-panic":
        text = open(args[1]).read()
        text = text[text.index("journey:\n") + 9:]
        j = json.JSONDecoder().raw_decode(text.strip())[0]
        args = args[1:]
    else:
        j = json.load(open(args[0]))
    out = json.dumps(minimize(j), separators=(",", ":"))
    if len(args) > 1:
        open(args[1], "w").write(out)
    print(out)


if __name__ == "__main__":
    main()
