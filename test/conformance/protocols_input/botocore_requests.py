#!/usr/bin/env python3
"""Compares awscoro's serialized requests with botocore's, byte for byte.

    conformance-protocols-input <conformance dir> --dump ours.jsonl
    python3 botocore_requests.py <conformance dir> ours.jsonl

Runs botocore's own serializer over every input case and prints each case whose method, URI,
headers, body or host prefix differ. Differences expected on purpose: members given as null
(awscoro sends nothing), document payloads (botocore writes {"null": ...}) and the "?" botocore
leaves after a path when every query member was an empty list.
"""
import base64
import copy
import glob
import json
import os
import sys

from botocore.model import ServiceModel
from botocore.serialize import create_serializer
from botocore.utils import percent_encode_sequence


def convert(v, shape):
    # Float specials arrive as strings in the test data; botocore takes Python floats.
    if v is None or getattr(shape, 'is_document_type', False):
        return v
    t = shape.type_name
    if t == 'structure':
        return {k: convert(x, shape.members[k]) if k in shape.members else x for k, x in v.items()}
    if t == 'list':
        return [convert(x, shape.member) for x in v]
    if t == 'map':
        return {k: convert(x, shape.value) for k, x in v.items()}
    if t in ('float', 'double') and isinstance(v, str):
        return float(v.replace('Infinity', 'inf'))
    return v


def botocore_requests(conformance_dir):
    out = {}
    for path in sorted(glob.glob(os.path.join(conformance_dir, 'protocols', 'input', '*.json'))):
        base = os.path.basename(path)[:-5]
        for suite in json.load(open(path)):
            for case in suite['cases']:
                model = ServiceModel({'metadata': suite['metadata'], 'shapes': suite['shapes'],
                                      'operations': {case['given']['name']: case['given']}})
                op = model.operation_model(case['given']['name'])
                params = convert(case['params'], op.input_shape) if op.input_shape else case['params']
                r = create_serializer(suite['metadata']['protocol'], include_validation=False) \
                    .serialize_to_request(copy.deepcopy(params), op)
                body = r['body']
                if isinstance(body, dict):
                    body = percent_encode_sequence(body)
                if isinstance(body, str):
                    body = body.encode()
                uri = r['url_path']
                if r['query_string']:
                    uri += ('&' if '?' in uri else '?') + percent_encode_sequence(r['query_string'])
                out[(base, case['id'])] = {
                    'method': r['method'], 'uri': uri, 'body': body, 'host_prefix': r.get('host_prefix') or '',
                    'headers': {k: str(v) for k, v in r['headers'].items()}}
    return out


def main():
    expected = botocore_requests(sys.argv[1])
    differing = 0
    for line in open(sys.argv[2]):
        o = json.loads(line)
        b = expected[(o['file'], o['id'])]
        uri = o['path'] + (('&' if '?' in o['path'] else '?') + o['query'] if o['query'] else '')
        ours = {'method': o['method'], 'uri': uri, 'body': base64.b64decode(o['body']),
                'host_prefix': o['host_prefix'], 'headers': o['headers']}
        diffs = [(k, b[k], ours[k]) for k in b if b[k] != ours[k]]
        if diffs:
            differing += 1
            print(f"{o['file']}/{o['id']}")
            for k, want, got in diffs:
                print(f'    {k}: botocore {want!r}, awscoro {got!r}')
    print(f'{differing} of {len(expected)} cases differ from botocore')


if __name__ == '__main__':
    main()
