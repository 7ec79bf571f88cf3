#!/usr/bin/env python3
"""`awscoro paginate` / `awscoro wait` against botocore's paginators and waiters on one moto_server.

usage: paginate_compare.py AWSCORO_BINARY     (AWSCORO_TEST_MOTO_ENDPOINT names the server)

Compares build_full_result and resume tokens byte for byte, resumes each side from the other's
token, and compares waiter outcomes. Last line: `paginate-compare: N passed, M failed, K skipped`.
"""
import datetime
import json
import os
import subprocess
import sys
import uuid

AWSCORO = sys.argv[1]
ENDPOINT = os.environ.get("AWSCORO_TEST_MOTO_ENDPOINT", "")
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1")
for k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN"):
    ENV.pop(k, None)
RUN_ID = uuid.uuid4().hex[:8]
results = {"passed": 0, "failed": 0, "skipped": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"))


def finish():
    print(f"paginate-compare: {results['passed']} passed, {results['failed']} failed, {results['skipped']} skipped")
    sys.exit(1 if results["failed"] else 0)


def normalize(v):
    """Timestamps compare as UTC instants (botocore has datetimes, awscoro ISO-8601 text)."""
    if isinstance(v, dict):
        return {k: normalize(x) for k, x in v.items()}
    if isinstance(v, list):
        return [normalize(x) for x in v]
    if isinstance(v, datetime.datetime):
        return v.astimezone(datetime.timezone.utc).isoformat()
    if isinstance(v, str) and len(v) >= 19 and v[4] == "-" and v[10] == "T":
        try:
            return datetime.datetime.fromisoformat(v.replace("Z", "+00:00")).astimezone(datetime.timezone.utc).isoformat()
        except ValueError:
            return v
    return v


def awscoro(*args):
    cmd = [AWSCORO, "--endpoint-url", ENDPOINT, "--region", "us-east-1"] + list(args)
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=300)


def paginate(service, op, params):
    r = awscoro("paginate", service, op, json.dumps(params))
    if r.returncode != 0:
        raise RuntimeError(f"awscoro paginate {service} {op} exit {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


def compare(name, ours, theirs):
    a, b = normalize(ours), normalize(theirs)
    if a == b:
        check(name, True)
        return
    diff = [k for k in set(a) | set(b) if a.get(k) != b.get(k)]
    check(name, False, f"differs in {diff}")


def main():
    if not ENDPOINT:
        results["skipped"] += 1
        print("skip: AWSCORO_TEST_MOTO_ENDPOINT is not set")
        finish()
    import boto3
    os.environ.update({k: v for k, v in ENV.items() if k.startswith("AWS_")})
    kw = dict(endpoint_url=ENDPOINT, region_name="us-east-1")
    s3, ddb, sqs = boto3.client("s3", **kw), boto3.client("dynamodb", **kw), boto3.client("sqs", **kw)

    # S3: 1,200 keys in pages of 250.
    bucket = f"awscoro-pcmp-{RUN_ID}"
    s3.create_bucket(Bucket=bucket)
    for i in range(1200):
        s3.put_object(Bucket=bucket, Key=f"k{i:05d}", Body=b"x")
    p = s3.get_paginator("list_objects_v2")
    for cfg in ({"PageSize": 250}, {"PageSize": 250, "MaxItems": 600}, {"PageSize": 250, "MaxItems": 777}):
        theirs = p.paginate(Bucket=bucket, PaginationConfig=cfg).build_full_result()
        ours = paginate("s3", "ListObjectsV2", {"Bucket": bucket, "PaginationConfig": cfg})
        compare(f"s3 ListObjectsV2 {cfg}", ours, theirs)
        check(f"s3 ListObjectsV2 {cfg} NextToken identical", ours.get("NextToken") == theirs.get("NextToken"),
              f"{ours.get('NextToken')} vs {theirs.get('NextToken')}")
        if "NextToken" in theirs:
            tok = theirs["NextToken"]
            ours_resumed = paginate("s3", "ListObjectsV2", {"Bucket": bucket, "PaginationConfig": {"StartingToken": tok}})
            theirs_resumed = p.paginate(Bucket=bucket, PaginationConfig={"StartingToken": tok}).build_full_result()
            compare(f"s3 resume from botocore's token {cfg}", ours_resumed, theirs_resumed)
            theirs_from_ours = p.paginate(Bucket=bucket,
                                          PaginationConfig={"StartingToken": ours["NextToken"]}).build_full_result()
            compare(f"botocore resumes from awscoro's token {cfg}", ours_resumed, theirs_from_ours)

    # DynamoDB Scan: LastEvaluatedKey (a map) inside the token, Count summed.
    table = f"awscoro-pcmp-{RUN_ID}"
    ddb.create_table(TableName=table, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST")
    for i in range(25):
        ddb.put_item(TableName=table, Item={"id": {"S": f"item{i}"}, "n": {"N": str(i)}})
    sp = ddb.get_paginator("scan")
    for cfg in ({"PageSize": 10}, {"PageSize": 10, "MaxItems": 13}):
        theirs = sp.paginate(TableName=table, PaginationConfig=cfg).build_full_result()
        ours = paginate("dynamodb", "scan", {"TableName": table, "PaginationConfig": cfg})
        compare(f"dynamodb Scan {cfg}", ours, theirs)
        check(f"dynamodb Scan {cfg} NextToken identical", ours.get("NextToken") == theirs.get("NextToken"),
              f"{ours.get('NextToken')} vs {theirs.get('NextToken')}")
        if "NextToken" in theirs:
            resumed = {"StartingToken": theirs["NextToken"], "PageSize": 10}
            compare("dynamodb Scan resumed", paginate("dynamodb", "Scan", {"TableName": table, "PaginationConfig": resumed}),
                    sp.paginate(TableName=table, PaginationConfig=resumed).build_full_result())

    # SQS ListQueues.
    prefix = f"awscoro-pcmp-{RUN_ID}"
    for i in range(5):
        sqs.create_queue(QueueName=f"{prefix}-{i}")
    for cfg in ({"PageSize": 2}, {"PageSize": 2, "MaxItems": 3}):
        compare(f"sqs ListQueues {cfg}",
                paginate("sqs", "list-queues", {"QueueNamePrefix": prefix, "PaginationConfig": cfg}),
                sqs.get_paginator("list_queues").paginate(QueueNamePrefix=prefix,
                                                          PaginationConfig=cfg).build_full_result())

    # Waiters: success exits 0; failure exits 255 with botocore's message.
    r = awscoro("wait", "s3", "bucket-exists", json.dumps({"Bucket": bucket}))
    check("wait s3 bucket-exists", r.returncode == 0, r.stderr.strip())
    r = awscoro("wait", "dynamodb", "TableExists", json.dumps({"TableName": table}))
    check("wait dynamodb TableExists", r.returncode == 0, r.stderr.strip())
    missing = {"Bucket": f"awscoro-missing-{RUN_ID}", "WaiterConfig": {"Delay": 0, "MaxAttempts": 2}}
    r = awscoro("wait", "s3", "bucket_exists", json.dumps(missing))
    try:
        s3.get_waiter("bucket_exists").wait(**missing)
        expected = "(no error)"
    except Exception as e:  # botocore's WaiterError
        expected = str(e)
    check("wait failure matches botocore", r.returncode == 255 and r.stderr.strip() == expected,
          f"exit {r.returncode}: {r.stderr.strip()!r} vs {expected!r}")
    r = awscoro("paginate", "s3", "ListObjectsV2",
                json.dumps({"Bucket": bucket, "PaginationConfig": {"StartingToken": "a___b___c"}}))
    check("malformed StartingToken is a usage error", r.returncode == 252 and "StartingToken" in r.stderr, r.stderr)
    finish()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a broken environment is a failure, not a crash without a summary
        check("run", False, repr(e))
        finish()
