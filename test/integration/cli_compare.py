#!/usr/bin/env python3
"""The awscoro CLI against the reference AWS CLI (awscli/botocore) on the same moto_server.

usage: cli_compare.py AWSCORO_BINARY     (AWSCORO_TEST_MOTO_ENDPOINT names the server)

Each check prints one line; the last line is `cli-compare: N passed, M failed, K skipped`.
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import uuid

AWSCORO = sys.argv[1]
ENDPOINT = os.environ.get("AWSCORO_TEST_MOTO_ENDPOINT", "")
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
           AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")
for k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN"):
    ENV.pop(k, None)
RUN_ID = uuid.uuid4().hex[:8]

results = {"passed": 0, "failed": 0, "skipped": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"))


def awscoro(*args, endpoint=True):
    cmd = [AWSCORO] + (["--endpoint-url", ENDPOINT] if endpoint else []) + list(args)
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=120)


def aws(*args):
    cmd = ["aws", "--endpoint-url", ENDPOINT, "--output", "json", "--no-paginate"] + list(args)
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=120)


def normalize(v):
    """Timestamps compare as instants: awscli prints +00:00, awscoro Z."""
    if isinstance(v, dict):
        return {k: normalize(x) for k, x in v.items()}
    if isinstance(v, list):
        return [normalize(x) for x in v]
    if isinstance(v, str) and len(v) >= 19 and v[4] == "-" and v[10] == "T":
        try:
            t = datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
            return t.astimezone(datetime.timezone.utc).isoformat()
        except ValueError:
            return v
    return v


def same_output(name, ours, theirs):
    if ours.returncode != 0 or theirs.returncode != 0:
        check(name, False, f"exit {ours.returncode}/{theirs.returncode}: {ours.stderr.strip()} | {theirs.stderr.strip()}")
        return None
    a, b = normalize(json.loads(ours.stdout)), normalize(json.loads(theirs.stdout))
    check(name, a == b, f"\n awscoro: {a}\n awscli:  {b}")
    return a


def main():
    if not ENDPOINT:
        print("cli-compare: 0 passed, 0 failed, 1 skipped (no moto endpoint)")
        return
    bucket = f"awscoro-cli-{RUN_ID}"
    r = awscoro("s3", "create-bucket", json.dumps({"Bucket": bucket}))
    check("create-bucket exits 0", r.returncode == 0, r.stderr)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"Bucket": bucket, "Key": "k.txt", "Body": "aGVsbG8="}, f)
        params_file = f.name
    r = awscoro("s3", "PutObject", "@" + params_file)
    check("PutObject with @FILE params and a base64 blob", r.returncode == 0 and "ETag" in json.loads(r.stdout or "{}"),
          r.stderr)
    os.unlink(params_file)

    same_output("s3 list-buckets matches awscli", awscoro("s3", "list-buckets"), aws("s3api", "list-buckets"))
    same_output("s3 list-objects-v2 matches awscli",
                awscoro("s3", "list-objects-v2", json.dumps({"Bucket": bucket})),
                aws("s3api", "list-objects-v2", "--bucket", bucket))

    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "body")
        r = awscoro("s3", "get-object", json.dumps({"Bucket": bucket, "Key": "k.txt"}), "--outfile", out)
        body = open(out, "rb").read() if os.path.exists(out) else b""
        check("get-object --outfile writes the streaming body", r.returncode == 0 and body == b"hello", r.stderr)
        resp = json.loads(r.stdout or "{}")
        check("get-object output leaves the body out", "Body" not in resp and resp.get("ContentLength") == 5, r.stdout)

    table = f"awscoro-cli-{RUN_ID}"
    create = {"TableName": table, "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
              "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
              "BillingMode": "PAY_PER_REQUEST"}
    r = awscoro("dynamodb", "CreateTable", json.dumps(create))
    check("dynamodb CreateTable", r.returncode == 0, r.stderr)
    item = {"id": {"S": "1"}, "n": {"N": "42"}, "b": {"B": "AAEC"}, "l": {"L": [{"S": "x"}, {"BOOL": True}]}}
    r = awscoro("dynamodb", "put-item", json.dumps({"TableName": table, "Item": item}))
    check("dynamodb put-item", r.returncode == 0, r.stderr)
    same_output("dynamodb get-item matches awscli (blobs base64)",
                awscoro("dynamodb", "get-item", json.dumps({"TableName": table, "Key": {"id": {"S": "1"}}})),
                aws("dynamodb", "get-item", "--table-name", table, "--key", json.dumps({"id": {"S": "1"}})))
    same_output("sts get-caller-identity matches awscli", awscoro("sts", "get-caller-identity"),
                aws("sts", "get-caller-identity"))

    r = awscoro("s3", "head-bucket", json.dumps({"Bucket": f"missing-{RUN_ID}"}))
    check("a service error exits 254 with botocore's message",
          r.returncode == 254 and "An error occurred (404) when calling the HeadBucket operation: Not Found" in r.stderr,
          f"exit {r.returncode}: {r.stderr}")
    r = awscoro("dynamodb", "get-item", json.dumps({"Key": {}}))
    check("bad params exit 252 naming the problem",
          r.returncode == 252 and 'Missing required parameter in input: "TableName"' in r.stderr,
          f"exit {r.returncode}: {r.stderr}")
    r = awscoro("s3", "list-bucket")
    check("an unknown operation exits 252 with suggestions", r.returncode == 252 and "ListBuckets" in r.stderr,
          f"exit {r.returncode}: {r.stderr}")
    r = awscoro("s3", "ListBuckets", "[1]")
    check("PARAMS that are not an object exit 252", r.returncode == 252, f"exit {r.returncode}: {r.stderr}")

    # --show-request: the signature must be the one botocore computes for the same request and time.
    r = awscoro("--region", "us-west-2", "sqs", "send-message",
                json.dumps({"QueueUrl": "https://sqs.us-west-2.amazonaws.com/123456789012/q", "MessageBody": "hi"}),
                "--show-request", endpoint=False)
    if r.returncode != 0:
        check("--show-request prints the signed request", False, r.stderr)
    else:
        shown = json.loads(r.stdout)
        check("--show-request signs like botocore", botocore_agrees(shown), json.dumps(shown))


def botocore_agrees(shown):
    """Recomputes the shown request's SigV4 signature with botocore's own steps at the shown time."""
    import base64
    import botocore.auth
    import botocore.awsrequest
    import botocore.credentials
    headers = {k: v for k, v in shown["headers"].items() if k.lower() != "authorization"}
    amz_date = headers["X-Amz-Date"]
    req = botocore.awsrequest.AWSRequest(method=shown["method"], url=shown["url"],
                                         data=base64.b64decode(shown["body_base64"]), headers=headers)
    req.context["timestamp"] = amz_date
    auth = botocore.auth.SigV4Auth(botocore.credentials.Credentials("testing", "testing"), "sqs", "us-west-2")
    canonical = auth.canonical_request(req)
    signature = auth.signature(auth.string_to_sign(req, canonical), req)
    return shown["headers"]["Authorization"].endswith("Signature=" + signature)


if __name__ == "__main__":
    try:
        main()
    finally:
        print(f"cli-compare: {results['passed']} passed, {results['failed']} failed, {results['skipped']} skipped")
        sys.exit(1 if results["failed"] else 0)
