#!/usr/bin/env python3
"""A minimal fps-driver/1 driver: copy it, and replace the three marked places with your SDK.

Run:  npx fps-conformance sdk --driver "python3 adapters/example/minimal_driver.py"
As it stands it has no SDK behind it: it answers hello/configure and says "unsupported" to the rest.
"""
import json
import sys

client = None  # your SDK's client object


def hello(msg):
    return {'ok': True,
            'sdk': {'name': 'my-fps-sdk', 'version': '0.0.0', 'language': 'python'},
            # (1) list what your SDK can do; the kit skips the rest (reported not applicable)
            'supports': {'actions': [], 'pipelines': [], 'verifyReturnUrl': False, 'verifyIpn': False}}


def configure(msg):
    global client
    # (2) build your SDK's client against msg['endpoint'] (the kit's loopback FPS), with
    #     msg['accessKeyId'] / msg['secretAccessKey']; msg['cbuiEndpoint'] is its Co-Branded UI.
    client = object()
    return {'ok': True}


def call(msg):
    # (3) map msg['action'] and msg['params'] (documents' names; amounts are
    #     {"Value": "1.00", "CurrencyCode": "USD"}) onto your SDK, then answer one of:
    #   {'ok': True, 'result': {'TransactionId': ..., 'TransactionStatus': ..., 'RequestId': ...}}
    #   {'ok': False, 'error': {'code': ..., 'message': ..., 'requestId': ..., 'httpStatus': 400}}
    #   {'ok': False, 'crash': 'ExceptionType: message'}   (anything that is not an FPS error)
    return {'ok': False, 'unsupported': 'no SDK wired into this example yet'}


def unsupported(msg):
    return {'ok': False, 'unsupported': 'not offered by this SDK'}


HANDLERS = {'hello': hello, 'configure': configure, 'call': call,
            'cbuiUrl': unsupported, 'verifyReturnUrl': unsupported, 'verifyIpn': unsupported}

for line in sys.stdin:
    if not line.strip():
        continue
    msg = json.loads(line)
    if msg['type'] == 'shutdown':
        print(json.dumps({'id': msg['id'], 'ok': True}), flush=True)
        break
    try:
        answer = HANDLERS.get(msg['type'], unsupported)(msg)
    except Exception as e:  # an SDK exception is an answer, never a dead driver
        answer = {'ok': False, 'crash': '%s: %s' % (type(e).__name__, e)}
    answer['id'] = msg['id']
    print(json.dumps(answer), flush=True)  # stdout carries answers only; log to stderr
