#!/usr/bin/env python3
"""./run bench [NAME...]: runs every benchmark program under build/bench (those whose name
contains one of the NAMEs, when given) and prints what each reports."""
import os
import subprocess
import sys


def main():
    build_dir = sys.argv[1]
    only = sys.argv[2:]
    found = []
    for root, _, files in os.walk(os.path.join(build_dir, "bench")):
        for f in files:
            path = os.path.join(root, f)
            if f.startswith("bench-") and os.access(path, os.X_OK) and not f.endswith((".p", ".o")):
                if not only or any(o in f for o in only):
                    found.append(path)
    status = 0
    for path in sorted(found):
        print(f"== {os.path.basename(path)}", flush=True)
        status |= subprocess.call([path], timeout=600)
    sys.exit(status)


if __name__ == "__main__":
    main()
