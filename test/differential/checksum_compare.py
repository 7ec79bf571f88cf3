#!/usr/bin/env python3
"""Flexible checksums and request compression: awscoro's requests against botocore's.

For each case, builds the request with botocore (stopped at before-send, so nothing is sent) and
with `awscoro --show-request`, and compares the method, URL, the headers that carry checksums,
encodings and payload hashes, and the body (gzip bodies compared inflated: the gzip header's
timestamp differs). Algorithms botocore only has with awscrt (CRC32C, CRC64NVME) are checked
against digests computed here instead.

usage: checksum_compare.py AWSCORO_BINARY
Prints one line per failing case, then `checksum-compare: N passed, M failed`.
"""
import base64
import gzip
import json
import os
import subprocess
import sys

try:
    import botocore.session
except ImportError:
    print('SKIP all: botocore is not installed for this python3')
    print('checksum-compare: 0 passed, 0 failed')
    sys.exit(77)

# Headers compared; everything else is signing, dates or user agents.
COMPARED = ('content-md5', 'content-encoding', 'x-amz-trailer', 'x-amz-decoded-content-length',
            'x-amz-sdk-checksum-algorithm', 'x-amz-checksum-mode', 'x-amz-content-sha256', 'transfer-encoding')
# awscoro sends the aws-chunked body with Content-Length (its length is known), not chunked.
EXPECTED = {'transfer-encoding': ('chunked', None)}

BASE_ENV = {'AWS_ACCESS_KEY_ID': 'AKIDEXAMPLE', 'AWS_SECRET_ACCESS_KEY': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
            'AWS_CONFIG_FILE': '/dev/null', 'AWS_SHARED_CREDENTIALS_FILE': '/dev/null',
            'AWS_DEFAULT_REGION': 'us-east-1', 'AWS_EC2_METADATA_DISABLED': 'true'}

BODY = b'The quick brown fox jumps over the lazy dog. ' * 40


def crc32c(data):
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    c = 0xFFFFFFFF
    for b in data:
        c = table[(c ^ b) & 0xFF] ^ (c >> 8)
    return (c ^ 0xFFFFFFFF).to_bytes(4, 'big')


def crc64nvme(data):
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x9A6C9329AC4BC9B5 if c & 1 else c >> 1
        table.append(c)
    c = 0xFFFFFFFFFFFFFFFF
    for b in data:
        c = table[(c ^ b) & 0xFF] ^ (c >> 8)
    return (c ^ 0xFFFFFFFFFFFFFFFF).to_bytes(8, 'big')


class Stop(Exception):
    def __init__(self, request):
        super().__init__('stop')
        self.request = request


def stop(request, **kwargs):
    raise Stop(request)


def b64(data):
    return base64.b64encode(data).decode()


def botocore_request(service, method, params, env, endpoint_url):
    os.environ.clear()
    os.environ.update(env)
    session = botocore.session.get_session()
    client = session.create_client(service, region_name='us-east-1', endpoint_url=endpoint_url)
    client.meta.events.register_first('before-send', stop)
    try:
        getattr(client, method)(**params)
    except Stop as s:
        r = s.request
        body = r.body or b''
        if hasattr(body, 'read'):
            body = body.read()
        if isinstance(body, str):
            body = body.encode()
        return {'method': r.method, 'url': r.url, 'headers': {k.lower(): (v.decode() if isinstance(v, bytes) else v)
                                                              for k, v in r.headers.items()}, 'body': body}
    raise RuntimeError('botocore sent nothing')


def awscoro_request(binary, service, op, params, env, endpoint_url):
    cmd = [binary, '--show-request', '--region', 'us-east-1']
    if endpoint_url:
        cmd += ['--endpoint-url', endpoint_url]
    cli = {k: (b64(v) if isinstance(v, bytes) else v) for k, v in params.items()}
    cmd += [service, op, json.dumps(cli)]
    p = subprocess.run(cmd, capture_output=True, env=env, timeout=60)
    if p.returncode != 0:
        return None, p.stderr.decode(errors='replace').strip()[:300]
    out = json.loads(p.stdout)
    return {'method': out['method'], 'url': out['url'], 'headers': {k.lower(): v for k, v in out['headers'].items()},
            'body': base64.b64decode(out.get('body_base64', ''))}, None


def inflate(req):
    if 'gzip' in (req['headers'].get('content-encoding') or ''):
        return gzip.decompress(req['body'])
    return req['body']


def compare(boto, ours):
    diffs = []
    if boto['method'] != ours['method'] or boto['url'] != ours['url']:
        diffs.append(f"{boto['method']} {boto['url']} != {ours['method']} {ours['url']}")
    bh, oh = boto['headers'], ours['headers']
    names = set(COMPARED) | {k for k in set(bh) | set(oh) if k.startswith('x-amz-checksum-')}
    for k in sorted(names):
        if (bh.get(k), oh.get(k)) == EXPECTED.get(k):
            continue
        if bh.get(k) != oh.get(k):
            diffs.append(f'header {k}: {bh.get(k)!r} != {oh.get(k)!r}')
    if inflate(boto) != inflate(ours):
        diffs.append(f"body {inflate(boto)[:200]!r} != {inflate(ours)[:200]!r}")
    return diffs


def aws_chunked(body, name, digest):
    chunks = b''.join(b'%x\r\n%s\r\n' % (len(body[i:i + 1048576]), body[i:i + 1048576])
                      for i in range(0, len(body), 1048576))
    return chunks + b'0\r\n%s:%s\r\n\r\n' % (name.encode(), b64(digest).encode())


def main():
    binary = sys.argv[1]
    put = {'Bucket': 'bucket', 'Key': 'key', 'Body': BODY}
    tagging = {'AccountId': '123456789012', 'Bucket': 'bucket', 'Tagging': {'TagSet': [{'Key': 'k', 'Value': 'v'}]}}
    metrics = {'Namespace': 'ns', 'MetricData': [{'MetricName': f'metric-{i}', 'Value': float(i)} for i in range(300)]}
    small_metrics = {'Namespace': 'ns', 'MetricData': [{'MetricName': 'm', 'Value': 1.0}]}
    http = 'http://127.0.0.1:9'
    when_required = {'AWS_REQUEST_CHECKSUM_CALCULATION': 'when_required'}
    # (name, service, python method, operation, params, extra env, endpoint url)
    cases = [
        ('PutObject default (trailer)', 's3', 'put_object', 'PutObject', put, {}, None),
        ('PutObject default over http (header)', 's3', 'put_object', 'PutObject', put, {}, http),
        ('PutObject when_required', 's3', 'put_object', 'PutObject', put, when_required, None),
        ('PutObject empty body', 's3', 'put_object', 'PutObject', {'Bucket': 'bucket', 'Key': 'key'}, {}, None),
        ('PutObject user ChecksumCRC32', 's3', 'put_object', 'PutObject', dict(put, ChecksumCRC32='AAAAAA=='), {}, None),
        ('PutObject ContentMD5 + SHA1', 's3', 'put_object', 'PutObject',
         dict(put, ContentMD5='1B2M2Y8AsgTpgAmY7PhCfg==', ChecksumAlgorithm='SHA1'), {}, http),
        ('UploadPart SHA256', 's3', 'upload_part', 'UploadPart',
         dict(put, PartNumber=1, UploadId='u', ChecksumAlgorithm='SHA256'), {}, None),
        ('DeleteObjects (requestChecksumRequired)', 's3', 'delete_objects', 'DeleteObjects',
         {'Bucket': 'bucket', 'Delete': {'Objects': [{'Key': 'a'}]}}, when_required, None),
        ('PutBucketTagging s3control (httpChecksumRequired)', 's3control', 'put_bucket_tagging', 'PutBucketTagging',
         tagging, {}, None),
        ('PutBucketTagging s3control when_required', 's3control', 'put_bucket_tagging', 'PutBucketTagging',
         tagging, when_required, None),
        ('PutPublicAccessBlock s3control', 's3control', 'put_public_access_block', 'PutPublicAccessBlock',
         {'AccountId': '123456789012', 'PublicAccessBlockConfiguration': {'BlockPublicAcls': True}}, {}, None),
        ('GetObject ChecksumMode default', 's3', 'get_object', 'GetObject', {'Bucket': 'bucket', 'Key': 'key'}, {}, None),
        ('GetObject when_required', 's3', 'get_object', 'GetObject', {'Bucket': 'bucket', 'Key': 'key'},
         {'AWS_RESPONSE_CHECKSUM_VALIDATION': 'when_required'}, None),
        ('PutMetricData large (gzip)', 'cloudwatch', 'put_metric_data', 'PutMetricData', metrics, {}, None),
        ('PutMetricData small', 'cloudwatch', 'put_metric_data', 'PutMetricData', small_metrics, {}, None),
        ('PutMetricData min size 1', 'cloudwatch', 'put_metric_data', 'PutMetricData', small_metrics,
         {'AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES': '1'}, None),
        ('PutMetricData compression disabled', 'cloudwatch', 'put_metric_data', 'PutMetricData', metrics,
         {'AWS_DISABLE_REQUEST_COMPRESSION': 'true'}, None),
    ]
    for alg in ('CRC32', 'SHA1', 'SHA256'):
        cases.append((f'PutObject {alg} (trailer)', 's3', 'put_object', 'PutObject', dict(put, ChecksumAlgorithm=alg), {}, None))
        cases.append((f'PutObject {alg} over http', 's3', 'put_object', 'PutObject', dict(put, ChecksumAlgorithm=alg), {}, http))

    passed, failed = 0, 0
    for name, service, method, op, params, extra, url in cases:
        env = dict(BASE_ENV, **extra)
        boto = botocore_request(service, method, params, env, url)
        ours, err = awscoro_request(binary, service, op, params, env, url)
        diffs = [f'awscoro failed: {err}'] if ours is None else compare(boto, ours)
        if diffs:
            failed += 1
            print(f'FAIL {name}: ' + '; '.join(d[:400] for d in diffs))
        else:
            passed += 1

    # botocore needs awscrt for these: check the trailer against digests computed here.
    for alg, fn in (('CRC32C', crc32c), ('CRC64NVME', crc64nvme)):
        env = dict(BASE_ENV)
        ours, err = awscoro_request(binary, 's3', 'PutObject', dict(put, ChecksumAlgorithm=alg), env, None)
        header = f'x-amz-checksum-{alg.lower()}'
        want_body = aws_chunked(BODY, header, fn(BODY))
        problems = []
        if ours is None:
            problems.append(f'awscoro failed: {err}')
        else:
            h = ours['headers']
            if ours['body'] != want_body:
                problems.append(f"body {ours['body'][-80:]!r} != {want_body[-80:]!r}")
            for k, v in (('x-amz-trailer', header), ('content-encoding', 'aws-chunked'),
                         ('x-amz-decoded-content-length', str(len(BODY))), ('x-amz-sdk-checksum-algorithm', alg),
                         ('x-amz-content-sha256', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER')):
                if h.get(k) != v:
                    problems.append(f'header {k}: {h.get(k)!r} != {v!r}')
        # Over http the checksum is a header.
        ours, err = awscoro_request(binary, 's3', 'PutObject', dict(put, ChecksumAlgorithm=alg), env, http)
        if ours is None or ours['headers'].get(header) != b64(fn(BODY)) or ours['body'] != BODY:
            problems.append(f'http: {header} {None if ours is None else ours["headers"].get(header)!r} != {b64(fn(BODY))!r}')
        if problems:
            failed += 1
            print(f'FAIL PutObject {alg}: ' + '; '.join(problems))
        else:
            passed += 1

    print(f'checksum-compare: {passed} passed, {failed} failed')
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
