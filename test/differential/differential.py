#!/usr/bin/env python3
"""Differential test: awscoro's serialized requests against botocore's, for random valid inputs.

For a fixed seed, picks operations across every service botocore knows (every protocol), builds
a random valid input from each operation's input shape (required members, enums, length and
value ranges, nested structures, lists, maps, unions, blobs, timestamps), and compares what
`awscoro --show-request` prints with the request botocore serializes and signs for the same
params: method, scheme/host/path, query (as a multiset), the headers that matter and the body,
compared by protocol (JSON values, form fields, XML trees, CBOR items, raw bytes otherwise).
The signature itself is not compared (dates differ), but its kind is: the Authorization scheme,
the SigV4 credential scope (region and signing name) and a bearer token.

Some cases run both sides under the same extra settings, so that a choice botocore makes from
what is installed or configured is made the same way on both (see case_variant): operations that
require endpoint discovery (off: both must refuse; or an explicit endpoint URL, as a discovered
one is given), services that can sign SigV4a (auth_scheme_preference sigv4, since botocore
without awscrt cannot sign SigV4a), and bearer tokens from AWS_BEARER_TOKEN_<SIGNING NAME>.

usage: differential.py AWSCORO_BINARY [--cases N] [--seed S] [--jobs J] [--density D] [--verbose]
Prints one line per difference, then `differential: N passed, M failed, K skipped`.
"""
import argparse
import base64
import concurrent.futures
import datetime
import json
import os
import random
import re
import struct
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

try:
    import botocore.session
    from botocore.exceptions import ParamValidationError
except ImportError:  # no oracle on this machine: the whole suite is skipped
    print('SKIP all: botocore is not installed for this python3')
    print('differential: 0 passed, 0 failed, 1 skipped')
    sys.exit(77)

# Headers that differ by design or by time, not by serialization.
IGNORED_HEADERS = {
    'authorization', 'x-amz-date', 'user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request',
    'x-amz-security-token', 'x-amz-content-sha256', 'expect', 'host', 'content-length',
    'x-amz-user-agent',
}

# Query-string authentication fields of SigV2 (SimpleDB), carried in the body: signing, not
# serialization, like the Authorization header.
SIGV2_FIELDS = {'AWSAccessKeyId', 'SignatureVersion', 'SignatureMethod', 'Timestamp', 'Signature'}


# Members that botocore reads as a URL to send to (and fails on anything else): a valid value.
URL_MEMBERS = {'PredictEndpoint': 'https://realtime.machinelearning.us-east-1.amazonaws.com'}


class Stop(Exception):
    """Raised from botocore's before-send to stop a call once the request is signed."""

    def __init__(self, request):
        super().__init__('stop')
        self.request = request


# --- random inputs -----------------------------------------------------------------------------

class InputBuilder:
    def __init__(self, rng, density=0.5):
        self.rng = rng
        self.density = density  # chance of setting an optional top-level member (half that below)

    def string(self, shape, name):
        if shape.enum:
            return self.rng.choice(shape.enum)
        lo = int(shape.metadata.get('min', 1) or 0)
        hi = int(shape.metadata.get('max', lo + 10))
        lo = max(lo, 1)
        hi = max(lo, min(hi, lo + 10))
        n = self.rng.randint(lo, hi)
        alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
        return ''.join(self.rng.choice(alphabet) for _ in range(n))

    def number(self, shape, integer):
        lo = shape.metadata.get('min')
        hi = shape.metadata.get('max')
        lo = 0 if lo is None else lo
        hi = lo + 1000 if hi is None else hi
        lo, hi = max(lo, -1_000_000), min(hi, lo + 1000)
        if integer:
            return self.rng.randint(int(lo), int(hi))
        return lo + self.rng.randint(0, 8) * 0.25 if lo + 2 <= hi else float(lo)

    def value(self, shape, name, depth):
        t = shape.type_name
        if t == 'structure':
            return self.structure(shape, depth)
        if t == 'list':
            lo = int(shape.metadata.get('min', 0) or 0)
            n = max(lo, self.rng.randint(0, 2) if depth < 3 else 0)
            n = min(n, max(lo, 3))
            return [self.value(shape.member, name, depth + 1) for _ in range(n)]
        if t == 'map':
            lo = int(shape.metadata.get('min', 0) or 0)
            n = max(lo, self.rng.randint(0, 2) if depth < 3 else 0)
            out = {}
            for _ in range(n * 3):
                if len(out) >= n:
                    break
                out[self.value(shape.key, name, depth + 1)] = self.value(shape.value, name, depth + 1)
            return out
        if t == 'string':
            if name in URL_MEMBERS:
                return URL_MEMBERS[name]
            return self.string(shape, name)
        if t in ('integer', 'long'):
            return self.number(shape, True)
        if t in ('float', 'double'):
            return self.number(shape, False)
        if t == 'boolean':
            return self.rng.choice([True, False])
        if t == 'blob':
            n = self.rng.randint(1, 12)
            return bytes(self.rng.randrange(256) for _ in range(n))
        if t == 'timestamp':
            sec = self.rng.randint(946684800, 1893456000)
            return datetime.datetime.fromtimestamp(sec, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
        raise ValueError(f'unsupported shape type {t}')

    def structure(self, shape, depth):
        if shape.metadata.get('document'):
            return {'k': self.rng.choice(['v', 1, True])}
        members = shape.members
        required = set(shape.required_members)
        if shape.is_union if hasattr(shape, 'is_union') else shape.metadata.get('union'):
            name = self.rng.choice(sorted(members))
            return {name: self.value(members[name], name, depth + 1)}
        out = {}
        for name, m in members.items():
            if m.metadata.get('idempotencyToken') or m.serialization.get('idempotencyToken'):
                out[name] = '00000000-0000-4000-8000-%012d' % self.rng.randrange(10 ** 12)
                continue
            p = 1.0 if name in required else (self.density if depth == 0 else self.density / 2)
            if depth > 4 and name not in required:
                continue
            if self.rng.random() < p:
                out[name] = self.value(m, name, depth + 1)
        return out


def to_cli_json(v):
    """Params as awscoro's CLI takes them: blobs base64."""
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    if isinstance(v, dict):
        return {k: to_cli_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_cli_json(x) for x in v]
    return v


# --- body comparison ---------------------------------------------------------------------------

def cbor_decode(data):
    def item(i):
        ib = data[i]
        major, info = ib >> 5, ib & 31
        i += 1

        def arg(i):
            if info < 24:
                return info, i
            n = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
            if n is None:
                return None, i
            return int.from_bytes(data[i:i + n], 'big'), i + n
        if major == 7:
            if info == 20:
                return False, i
            if info == 21:
                return True, i
            if info in (22, 23):
                return None, i
            if info == 25:
                return struct.unpack('>e', data[i:i + 2])[0], i + 2
            if info == 26:
                return struct.unpack('>f', data[i:i + 4])[0], i + 4
            if info == 27:
                return struct.unpack('>d', data[i:i + 8])[0], i + 8
            if info == 31:
                return StopIteration, i
            raise ValueError('bad simple value')
        a, i = arg(i)
        if major == 0:
            return a, i
        if major == 1:
            return -1 - a, i
        if major in (2, 3):
            if a is None:
                parts = []
                while True:
                    v, i = item(i)
                    if v is StopIteration:
                        break
                    parts.append(v)
                return (b'' if major == 2 else '').join(parts), i
            raw = data[i:i + a]
            return (bytes(raw) if major == 2 else raw.decode()), i + a
        if major == 4:
            out = []
            while a is None or len(out) < a:
                v, i = item(i)
                if v is StopIteration:
                    break
                out.append(v)
            return out, i
        if major == 5:
            out = {}
            while a is None or len(out) < a:
                k, i = item(i)
                if k is StopIteration:
                    break
                v, i = item(i)
                out[k] = v
            return out, i
        if major == 6:
            v, i = item(i)
            return {'tag': a, 'value': v}, i
        raise ValueError('bad major type')
    v, _ = item(0)
    return v


def xml_canon(elem):
    tag = elem.tag
    text = (elem.text or '').strip()
    return (tag, tuple(sorted(elem.attrib.items())), text, tuple(xml_canon(c) for c in elem))


def without_signing_time(value):
    """A presigned URL in a form field (RDS PreSignedUrl, EC2 PresignedUrl) without the parts
    that depend on when it was signed, like the ignored Authorization and X-Amz-Date headers."""
    if 'X-Amz-Signature=' not in value:
        return value
    url = urllib.parse.urlsplit(value)
    query = tuple((k, re.sub(r'/\d{8}/', '/DATE/', v) if k == 'X-Amz-Credential' else v)
                  for k, v in urllib.parse.parse_qsl(url.query, keep_blank_values=True)
                  if k not in ('X-Amz-Date', 'X-Amz-Signature'))
    return (url.scheme, url.netloc, url.path, query)


def body_view(protocol, content_type, body):
    if not body:
        return ('empty',)
    ct = (content_type or '').lower()
    try:
        if 'json' in ct or (protocol in ('json', 'rest-json') and body[:1] in (b'{', b'[')):
            return ('json', json.loads(body))
        if 'x-www-form-urlencoded' in ct:
            fields = urllib.parse.parse_qsl(body.decode(), keep_blank_values=True)
            return ('form', sorted(((k, without_signing_time(v)) for k, v in fields if k not in SIGV2_FIELDS),
                                   key=repr))
        if 'cbor' in ct:
            return ('cbor', cbor_decode(body))
        if protocol == 'rest-xml' and body.lstrip()[:1] == b'<':
            return ('xml', xml_canon(ET.fromstring(body)))
    except Exception as e:  # an unparsable body compares as bytes
        return ('raw', body, repr(e))
    return ('raw', body)


def normalize_floats(v):
    if isinstance(v, float) and v == int(v):
        return int(v)
    if isinstance(v, dict):
        return {k: normalize_floats(x) for k, x in v.items()}
    if isinstance(v, list):
        return [normalize_floats(x) for x in v]
    return v


# --- the two sides -----------------------------------------------------------------------------

def botocore_request(client, op_name, params):
    py_name = client.meta.method_to_api_mapping and {
        v: k for k, v in client.meta.method_to_api_mapping.items()}[op_name]
    try:
        getattr(client, py_name)(**params)
    except Stop as s:
        return s.request
    return None


def awscoro_request(binary, service, op_name, params, env, variant):
    cmd = [binary, '--show-request', '--region', 'us-east-1']
    if variant.get('endpoint_url'):
        cmd += ['--endpoint-url', variant['endpoint_url']]
    cmd += [service, op_name, json.dumps(to_cli_json(params))]
    p = subprocess.run(cmd, capture_output=True, env={**env, **variant.get('env', {})}, timeout=30)
    if p.returncode != 0:
        return None, p.stderr.decode(errors='replace').strip()[:300]
    return json.loads(p.stdout), None


def compare(protocol, boto_req, ours):
    diffs = []
    if boto_req.method != ours['method']:
        diffs.append(f"method {boto_req.method} != {ours['method']}")
    bu = urllib.parse.urlsplit(boto_req.url)
    ou = urllib.parse.urlsplit(ours['url'])
    if (bu.scheme, bu.netloc) != (ou.scheme, ou.netloc):
        diffs.append(f'host {bu.scheme}://{bu.netloc} != {ou.scheme}://{ou.netloc}')
    if urllib.parse.unquote(bu.path) != urllib.parse.unquote(ou.path):
        diffs.append(f'path {bu.path} != {ou.path}')
    bq = sorted(urllib.parse.parse_qsl(bu.query, keep_blank_values=True))
    oq = sorted(urllib.parse.parse_qsl(ou.query, keep_blank_values=True))
    if bq != oq:
        diffs.append(f'query {bq} != {oq}')
    bh = {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in boto_req.headers.items()}
    oh = {k.lower(): v for k, v in ours['headers'].items()}
    for k in sorted(set(bh) | set(oh)):
        if k in IGNORED_HEADERS:
            continue
        if bh.get(k) != oh.get(k):
            diffs.append(f'header {k}: {bh.get(k)!r} != {oh.get(k)!r}')
    if auth_view(bh.get('authorization')) != auth_view(oh.get('authorization')):
        diffs.append(f"auth {auth_view(bh.get('authorization'))} != {auth_view(oh.get('authorization'))}")
    body = boto_req.body or b''
    if isinstance(body, str):
        body = body.encode()
    elif hasattr(body, 'read'):
        body = body.read()
    ob = base64.b64decode(ours.get('body_base64', ''))
    ct = bh.get('content-type') or oh.get('content-type')
    bv, ov = body_view(protocol, ct, body), body_view(protocol, ct, ob)
    if bv[0] == 'json' and ov[0] == 'json':
        bv, ov = normalize_floats(bv[1]), normalize_floats(ov[1])
    if bv != ov:
        diffs.append(f'body {body[:2000]!r} != {ob[:2000]!r}')
    return diffs


def auth_view(value):
    """What an Authorization header says about how the request was signed, without the parts
    that depend on when: the scheme, the SigV4 credential scope (region/service, no date), or
    the bearer token."""
    if value is None:
        return None
    scheme, _, rest = value.partition(' ')
    if scheme == 'Bearer':
        return (scheme, rest)
    scope = re.search(r'Credential=[^/,]*/\d{8}/([^,]*)', rest)
    return (scheme, scope.group(1) if scope else rest[:40])


def load_known(path):
    known = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            spec, reason = line.split('|', 1)
            service, op, prefix = spec.strip().split(' ', 2)
            known.append((service, op, prefix.strip(), reason.strip()))
    return known


def known_reason(known, service, op_name, diffs):
    """The reasons when every difference is a known one, else None."""
    reasons = []
    for d in diffs:
        hit = [r for s, o, p, r in known if s in ('*', service) and o in ('*', op_name) and re.match(p, d)]
        if not hit:
            return None
        reasons.append(hit[0])
    return sorted(set(reasons))


BEARER_TOKEN = 'differential-bearer-token'
DISCOVERED_ENDPOINT = 'https://ingest-cell2.timestream.us-east-1.amazonaws.com'


def offers_sigv4a(session, model):
    """True when the service lists SigV4a for some operation, or its rule set can answer with it."""
    if 'aws.auth#sigv4a' in (model.metadata.get('auth') or []):
        return True
    if any('aws.auth#sigv4a' in (model.operation_model(o).auth or []) for o in model.operation_names):
        return True
    try:
        rules = session.get_component('data_loader').load_service_model(
            model.service_name, 'endpoint-rule-set-1', model.api_version)
    except Exception:
        return False
    return '"sigv4a"' in json.dumps(rules)


def case_variant(model, op, index, sigv4a_services):
    """The settings both sides run a case under (environment, endpoint URL)."""
    env = {}
    variant = {'env': env}
    if op.endpoint_discovery and op.endpoint_discovery.get('required'):
        # Discovery would call DescribeEndpoints on AWS itself: with discovery off both must
        # refuse the call; with an endpoint URL (the one discovery would give) neither discovers
        # and both must build the same request.
        if index % 2 == 0:
            env['AWS_ENDPOINT_DISCOVERY_ENABLED'] = 'false'
        else:
            variant['endpoint_url'] = DISCOVERED_ENDPOINT
    if model.service_name in sigv4a_services:
        # botocore signs SigV4a only with awscrt, which this machine need not have; with the
        # preference both sides pick SigV4 wherever the service offers it.
        env['AWS_AUTH_SCHEME_PREFERENCE'] = 'sigv4'
    if 'smithy.api#httpBearerAuth' in (op.auth or model.metadata.get('auth') or []) and index % 2 == 1:
        # A token in the environment replaces SigV4 for bedrock; half the cases test that.
        env['AWS_BEARER_TOKEN_' + model.signing_name.replace('-', '_').replace(' ', '_').upper()] = BEARER_TOKEN
    return variant


class scoped_environ:
    """os.environ plus a case's settings while botocore builds the client or the request."""

    def __init__(self, extra):
        self.extra = extra

    def __enter__(self):
        self.saved = dict(os.environ)
        os.environ.update(self.extra)

    def __exit__(self, *exc):
        os.environ.clear()
        os.environ.update(self.saved)


def skip_reason(model, op):
    if op.has_event_stream_input:
        return 'event stream input: botocore has no client method for it, so no request to compare'
    if model.protocol not in ('query', 'ec2', 'json', 'rest-json', 'rest-xml', 'smithy-rpc-v2-cbor'):
        return f'protocol {model.protocol}'
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('binary')
    ap.add_argument('--cases', type=int, default=600)
    ap.add_argument('--seed', type=int, default=20240501)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--verbose', action='store_true')
    ap.add_argument('--density', type=float, default=0.5)
    ap.add_argument('--service', action='append')
    ap.add_argument('--known', default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                    'known_differences.txt'))
    args = ap.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
    env.update({'AWS_ACCESS_KEY_ID': 'AKIDEXAMPLE', 'AWS_SECRET_ACCESS_KEY': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
                'AWS_CONFIG_FILE': '/dev/null', 'AWS_SHARED_CREDENTIALS_FILE': '/dev/null',
                'AWS_DEFAULT_REGION': 'us-east-1', 'AWS_EC2_METADATA_DISABLED': 'true',
                # Bearer-only services (CodeCatalyst) take their token from here on both sides.
                'AWS_BEARER_TOKEN_CODECATALYST': BEARER_TOKEN})
    os.environ.clear()
    os.environ.update(env)

    rng = random.Random(args.seed)
    session = botocore.session.get_session()
    services = args.service or session.get_available_services()
    order = list(services)
    rng.shuffle(order)
    # Round-robin over the services so every one gets a case before any gets a second.
    plan = [order[i % len(order)] for i in range(args.cases)]

    started = datetime.datetime.now()
    clients = {}
    models = {}
    sigv4a_services = set()
    cases = []
    skipped = []
    for i, service in enumerate(plan):
        crng = random.Random(f'{args.seed}/{i}')
        if service not in models:
            models[service] = session.get_service_model(service)
            if offers_sigv4a(session, models[service]):
                sigv4a_services.add(service)
        model = models[service]
        ops = sorted(model.operation_names)
        op = model.operation_model(crng.choice(ops))
        why = skip_reason(model, op)
        if why:
            skipped.append((service, op.name, why))
            continue
        variant = case_variant(model, op, i, sigv4a_services)
        key = (service, tuple(sorted(variant['env'].items())), variant.get('endpoint_url'))
        with scoped_environ(variant['env']):
            if key not in clients:
                # Settings read from the environment are read by a new session, under the case's.
                owner = botocore.session.get_session() if key[1] or key[2] else session
                c = owner.create_client(
                    service, region_name='us-east-1', endpoint_url=variant.get('endpoint_url'))
                c.meta.events.register_first('before-send', lambda request, **kw: (_ for _ in ()).throw(Stop(request)))
                clients[key] = c
            client = clients[key]
        params = InputBuilder(crng, args.density).structure(op.input_shape, 0) if op.input_shape else {}
        try:
            with scoped_environ(variant['env']):
                req = botocore_request(client, op.name, params)
        except ParamValidationError as e:
            skipped.append((service, op.name, f'botocore refused the generated input: {str(e)[:120]}'))
            continue
        except Stop:
            raise
        except Exception as e:
            if type(e).__name__ in ('EndpointResolutionError', 'EndpointDiscoveryRequired'):
                # The rule set refuses these params, or the operation needs discovery that is
                # turned off: awscoro must refuse them too.
                cases.append((service, op.name, model.protocol, params, e, variant))
                continue
            skipped.append((service, op.name, f'botocore failed before sending: {type(e).__name__}: {str(e)[:160]}'))
            continue
        if req is None:
            skipped.append((service, op.name, 'botocore sent nothing'))
            continue
        cases.append((service, op.name, model.protocol, params, req, variant))

    def run(case):
        service, op_name, protocol, params, req, variant = case
        ours, err = awscoro_request(args.binary, service, op_name, params, env, variant)
        if isinstance(req, Exception):
            if ours is None:
                return case, []
            return case, [f'botocore refused the endpoint ({str(req)[:100]}) but awscoro built {ours["url"]}']
        if ours is None:
            return case, [f'awscoro failed: {err}']
        return case, compare(protocol, req, ours)

    known = load_known(args.known)
    passed, failed = 0, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for case, diffs in pool.map(run, cases):
            service, op_name, protocol, params, _, variant = case
            reasons = known_reason(known, service, op_name, diffs) if diffs else None
            if reasons:
                skipped.append((service, op_name, 'known difference: ' + '; '.join(reasons)))
            elif diffs:
                failed += 1
                print(f'FAIL {service} {op_name} ({protocol}): ' + '; '.join(d[:600] for d in diffs))
                if args.verbose:
                    print('  params: ' + json.dumps(to_cli_json(params))[:2000])
                    print('  settings: ' + json.dumps(variant))
            else:
                passed += 1
    for service, op_name, why in skipped:
        print(f'SKIP {service} {op_name}: {why}')
    elapsed = (datetime.datetime.now() - started).total_seconds()
    print(f'{len(set(plan))} services, {elapsed:.1f} s')
    print(f'differential: {passed} passed, {failed} failed, {len(skipped)} skipped')
    total = passed + failed
    return 0 if total and failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
