#!/usr/bin/env python3
"""Runs every test program meson knows of and prints the project's total.

Each program prints its own summary: doctest's `[doctest] test cases: N | N passed | M failed |
K skipped`, or, for conformance runners, a last line `NAME: N passed, M failed, K skipped` (the
runner's total). A program that exits non-zero without a summary counts as one failure.

Programs in the meson suite `moto` get AWSCORO_TEST_MOTO_ENDPOINT: one moto_server, started on a
free 127.0.0.1 port for the run and stopped by its PID at the end.

Then a short fuzz pass: test/fuzz/run_fuzz.sh builds the libFuzzer targets with clang (in
build-fuzz, or AWSCORO_FUZZ_BUILD_DIR) and runs each for AWSCORO_FUZZ_SECONDS (default 10); each
target counts as one test, a crash as a failure. Without clang and libFuzzer, or with
AWSCORO_FUZZ_SECONDS=0, the targets count as skipped, with the reason.
"""
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ_SCRIPT = os.path.join(ROOT, "test", "fuzz", "run_fuzz.sh")
FUZZ_RESULT = re.compile(r"^(fuzz-[a-z0-9-]+): (ok|FAILED)")
DOCTEST = re.compile(r"\[doctest\] test cases:\s*(\d+) \|\s*(\d+) passed \|\s*(\d+) failed \|\s*(\d+) skipped")
SUITE = re.compile(r"^([A-Za-z0-9_.-]+): (\d+) passed, (\d+) failed, (\d+) skipped$")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    def __init__(self):
        self.proc = None
        self.endpoint = None

    def start(self):
        exe = shutil_which("moto_server")
        if not exe:
            return False
        port = free_port()
        self.proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        self.endpoint = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=2)
                return True
            except Exception:
                if self.proc.poll() is not None:
                    return False
                time.sleep(0.2)
        return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def shutil_which(name):
    from shutil import which
    return which(name)


def summarize(output):
    """(passed, failed, skipped) from a program's output, or None if it printed no summary."""
    doctest = DOCTEST.findall(output)
    if doctest:
        _, p, f, s = doctest[-1]
        return int(p), int(f), int(s)
    suites = [SUITE.match(line.strip()) for line in output.splitlines()]
    suites = [m for m in suites if m]
    if suites:
        m = suites[-1]
        return int(m.group(2)), int(m.group(3)), int(m.group(4))
    return None


def fuzz_unavailable(seconds):
    """Why the fuzz pass cannot run here, or None."""
    if seconds <= 0:
        return "AWSCORO_FUZZ_SECONDS is 0"
    clang = shutil_which("clang++")
    if not clang:
        return "clang++ is not installed; ./run setup installs clang"
    name = f"libclang_rt.fuzzer-{platform.machine()}.a"
    found = subprocess.run([clang, f"-print-file-name={name}"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True).stdout.strip()
    if not os.path.isabs(found) or not os.path.exists(found):
        return "libFuzzer is not installed; ./run setup installs libclang-rt-14-dev"
    return None


def run_fuzz(only):
    """Runs every fuzz target (or those matching `only`) briefly; returns [passed, failed, skipped]."""
    targets = subprocess.check_output([FUZZ_SCRIPT, "--list"], text=True).split()
    if only:
        targets = [t for t in targets if any(o in t for o in only)]
    if not targets:
        return [0, 0, 0]
    seconds = int(os.environ.get("AWSCORO_FUZZ_SECONDS", "10"))
    reason = fuzz_unavailable(seconds)
    if reason:
        for t in targets:
            print(f"== {t}: skipped ({reason})")
        return [0, 0, len(targets)]
    print(f"== fuzz: {len(targets)} targets, {seconds} s each", flush=True)
    env = dict(os.environ, FUZZ_SECONDS=str(seconds))
    start = time.monotonic()
    r = subprocess.run([FUZZ_SCRIPT, "--no-install", *targets], env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, errors="replace")
    sys.stdout.write(r.stdout)
    results = {}
    for line in r.stdout.splitlines():
        m = FUZZ_RESULT.match(line)
        if m:
            results[m.group(1)] = m.group(2) == "ok"
    if r.returncode == 3 and not results:
        for t in targets:
            print(f"== {t}: skipped (clang or libFuzzer is not installed)")
        return [0, 0, len(targets)]
    counts = [0, 0, 0]
    for t in targets:
        ok = results.get(t, False)  # not reported: the build failed before it ran
        counts[0 if ok else 1] += 1
        print(f"-- {t}: {int(ok)} passed, {int(not ok)} failed, 0 skipped")
    print(f"-- fuzz: {time.monotonic() - start:.1f} s", flush=True)
    return counts


def main():
    build_dir = sys.argv[1]
    only = sys.argv[2:]
    tests = json.loads(subprocess.check_output(["meson", "introspect", "--tests", build_dir], text=True))
    if only:
        tests = [t for t in tests if any(o in t["name"] for o in only)]
    moto = MotoServer()
    needs_moto = any("moto" in t.get("suite", []) or any(s.endswith(":moto") for s in t.get("suite", []))
                     for t in tests)
    moto_up = needs_moto and moto.start()
    total = [0, 0, 0]
    # The compiled-model cache of this run starts empty and stays out of the user's home.
    cache_dir = os.path.join(os.path.abspath(build_dir), "test-model-cache")
    shutil.rmtree(cache_dir, ignore_errors=True)
    try:
        for t in tests:
            env = dict(os.environ, AWSCORO_CACHE_DIR=cache_dir)
            env.update(t.get("env") or {})
            suites = t.get("suite", [])
            if any(s == "moto" or s.endswith(":moto") for s in suites):
                if not moto_up:
                    print(f"== {t['name']}: skipped (moto_server is not available)")
                    total[2] += 1
                    continue
                env["AWSCORO_TEST_MOTO_ENDPOINT"] = moto.endpoint
            timeout = t.get("timeout") or 600
            print(f"== {t['name']}", flush=True)
            start = time.monotonic()
            try:
                r = subprocess.run(t["cmd"], cwd=t.get("workdir") or build_dir, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   errors="replace", timeout=timeout)
                out, code = r.stdout, r.returncode
            except subprocess.TimeoutExpired as e:
                out = (e.stdout or b"").decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
                out += f"\n{t['name']}: timed out after {timeout} s\n"
                code = -1
            sys.stdout.write(out if out.endswith("\n") or not out else out + "\n")
            counts = summarize(out)
            if counts is None:
                counts = (1, 0, 0) if code == 0 else (0, 1, 0)
            elif code != 0 and counts[1] == 0:
                counts = (counts[0], 1, counts[2])  # crashed after its summary, or failed outside cases
            print(f"-- {t['name']}: {counts[0]} passed, {counts[1]} failed, {counts[2]} skipped"
                  f" ({time.monotonic() - start:.1f} s)", flush=True)
            for i in range(3):
                total[i] += counts[i]
    finally:
        moto.stop()
    for i, n in enumerate(run_fuzz(only)):
        total[i] += n
    print(f"tests: {total[0]} passed, {total[1]} failed, {total[2]} skipped")
    sys.exit(1 if total[1] else 0)


if __name__ == "__main__":
    main()
