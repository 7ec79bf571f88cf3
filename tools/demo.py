#!/usr/bin/env python3
"""./run demo: starts moto_server on a free 127.0.0.1 port, runs examples/quickstart against it,
and stops the server by its PID."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_driver import MotoServer  # noqa: E402


def main():
    build_dir = sys.argv[1]
    moto = MotoServer()
    if not moto.start():
        print("demo: moto_server is not available (Python's moto provides it)", file=sys.stderr)
        sys.exit(1)
    try:
        print(f"demo: moto_server running at {moto.endpoint} (pid {moto.proc.pid})")
        env = dict(os.environ)
        env.setdefault("AWS_ACCESS_KEY_ID", "testing")
        env.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
        env.pop("AWS_PROFILE", None)
        code = subprocess.call([os.path.join(build_dir, "examples", "quickstart"), moto.endpoint], env=env)
    finally:
        moto.stop()
        print("demo: moto_server stopped")
    sys.exit(code)


if __name__ == "__main__":
    main()
