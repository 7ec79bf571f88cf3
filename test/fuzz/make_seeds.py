#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the conformance suites.

usage: make_seeds.py CONFORMANCE_DIR OUT_DIR
Makes OUT_DIR/<target>/ for each fuzz target: response bodies of the protocol output cases
(first byte: the status class the target maps it to), CBOR items, XML response bodies (first
byte: where the tokenizer target cuts the body), JMESPath expressions with
their documents, endpoint rule sets, timestamps, and hand-built event stream frames.
"""
import base64
import glob
import hashlib
import json
import os
import struct
import sys
import zlib


def write(out, target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), 'wb') as f:
        f.write(data)


def status_byte(status):
    return bytes([0 if status < 300 else (2 if status < 500 else 3)])


def protocol_bodies(conf, out, target, files, b64=False):
    for name in files:
        path = os.path.join(conf, 'protocols', 'output', name)
        if not os.path.exists(path):
            continue
        for group in json.load(open(path)):
            for case in group['cases']:
                resp = case.get('response', {})
                body = resp.get('body', '') or ''
                raw = base64.b64decode(body) if b64 else body.encode()
                write(out, target, status_byte(resp.get('status_code', 200)) + raw)


def frame(headers, payload):
    hb = b''
    for name, value in headers:
        v = value.encode()
        hb += bytes([len(name)]) + name.encode() + b'\x07' + struct.pack('>H', len(v)) + v
    prelude = struct.pack('>II', 16 + len(hb) + len(payload), len(hb))
    prelude += struct.pack('>I', zlib.crc32(prelude))
    msg = prelude + hb + payload
    return msg + struct.pack('>I', zlib.crc32(msg))


def main():
    conf, out = sys.argv[1], sys.argv[2]
    protocol_bodies(conf, out, 'fuzz-parse-rest-xml', ['rest-xml.json', 'query.json', 'ec2.json'])
    protocol_bodies(conf, out, 'fuzz-parse-json', ['json.json', 'json_1_0.json', 'json_1_0-query-compatible.json'])
    protocol_bodies(conf, out, 'fuzz-parse-rest-json', ['rest-json.json'])
    protocol_bodies(conf, out, 'fuzz-parse-cbor', ['smithy-rpc-v2-cbor.json', 'smithy-rpc-v2-cbor-query-compatible.json',
                                                   'smithy-rpc-v2-cbor-non-query-compatible.json'], b64=True)
    for name in ('decode-success-tests.json', 'decode-error-tests.json'):
        for case in json.load(open(os.path.join(conf, 'cbor', name))):
            write(out, 'fuzz-parse-cbor', b'\x00' + bytes.fromhex(case['input']))
            write(out, 'fuzz-cbor-decode', bytes.fromhex(case['input']))

    for d in ('xml/responses', 'xml/errors'):
        for path in glob.glob(os.path.join(conf, 'response-parsing', d, '*.xml')):
            body = open(path, 'rb').read()
            write(out, 'fuzz-xml-tokenizer', bytes([len(body) // 2 % 256]) + body)

    for path in glob.glob(os.path.join(conf, 'jmespath', '*.json')):
        groups = json.load(open(path))
        for group in groups if isinstance(groups, list) else []:
            if not isinstance(group, dict):
                continue
            doc = json.dumps(group.get('given'))
            for case in group.get('cases', []):
                write(out, 'fuzz-jmespath', case['expression'] + '\0' + doc)

    for path in glob.glob(os.path.join(conf, 'endpoint-rules-engine', 'valid-rules', '*.json')):
        write(out, 'fuzz-endpoint-rules', open(path, 'rb').read())

    for ts in ['2015-01-25T08:00:00Z', '2015-01-25T08:00:00.123456Z', '2015-01-25T08:00:00+05:30',
               '2015-01-25', '20150125T080000Z', 'Sun, 06 Nov 1994 08:49:37 GMT', '1422172800',
               '1422172800.123', '-1', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '1970-01-01T00:00:00.1-00:00',
               'Thu, 01 Jan 1970 00:00:00 GMT', '2015-13-45T99:99:99Z', '1e10']:
        write(out, 'fuzz-timestamp', ts)

    events = [
        frame([(':message-type', 'event'), (':event-type', 'Blobby')], b'\x00\x01data'),
        frame([(':message-type', 'event'), (':event-type', 'Record')], b'{"Name": "n"}'),
        frame([(':message-type', 'event'), (':event-type', 'Plain')], b'{"Name": "p", "N": 3}'),
        frame([(':message-type', 'exception'), (':exception-type', 'Boom')], b'{"Message": "m"}'),
        frame([(':message-type', 'error'), (':error-code', 'E'), (':error-message', 'x')], b''),
        frame([], b''),
    ]
    for i, e in enumerate(events):
        write(out, 'fuzz-event-stream', bytes([i * 7 % 64]) + e)
    write(out, 'fuzz-event-stream', b'\x03' + b''.join(events))


if __name__ == '__main__':
    main()
