#!/usr/bin/env python3
"""fps-driver/1 driver for boto 2 (boto.fps.connection.FPSConnection).

Speaks JSON lines on stdin/stdout (docs/sdk-driver.md). Maps the kit's calls onto boto's own API
and back; adds nothing boto would not send.

  python3 adapters/boto/driver.py          boto exactly as shipped
  python3 adapters/boto/driver.py --shim   with a labelled Python 3 compatibility shim applied to
                                           boto/fps/connection.py (dict.has_key, len(filter(...)),
                                           urllib.quote), so the protocol checks can go on

Nothing is printed on stdout except answers; notes and tracebacks go to stderr.
"""
import json
import os
import sys
import traceback

NOTES = []
SHIM = '--shim' in sys.argv[1:]

try:
    import boto  # noqa: E402
except ImportError:
    # pyenv and virtualenv interpreters do not see Debian's python3-boto; use the system copy.
    sys.path.append('/usr/lib/python3/dist-packages')
    import boto  # noqa: E402
    NOTES.append('boto imported from /usr/lib/python3/dist-packages (Debian python3-boto)')

# boto's retry settings (boto.config 'Boto' section) stay at their defaults: the kit faults only the
# first attempt, so a resend comes after boto's first back-off (under a second).

import boto.fps.connection as fpsconn  # noqa: E402

SHIM_REPLACEMENTS = [
    ('kw.has_key', 'kw.__contains__'),        # dict.has_key is gone in Python 3
    ('len(filter(', 'len(list(filter('),     # filter() is lazy in Python 3
    ('urllib.quote(', 'urllib.parse.quote('),  # urllib.quote moved to urllib.parse
]


def apply_shim():
    """Re-executes boto/fps/connection.py with the Python 3 fixes above, in its own module."""
    path = fpsconn.__file__
    with open(path, encoding='utf-8') as f:
        src = f.read()
    for old, new in SHIM_REPLACEMENTS:
        if old == 'len(filter(':
            # close the extra parenthesis: len(filter(a, b)) -> len(list(filter(a, b)))
            import re
            src = re.sub(r'len\(filter\(([^()]*(?:\([^()]*\))?[^()]*)\)\)', r'len(list(filter(\1)))', src)
        else:
            src = src.replace(old, new)
    src = src.replace('import urllib\n', 'import urllib\nimport urllib.parse\n', 1)
    exec(compile(src, path + ' (python3 shim)', 'exec'), fpsconn.__dict__)
    NOTES.append('Python 3 compatibility shim applied to boto/fps/connection.py: ' +
                 '; '.join('%s -> %s' % r for r in SHIM_REPLACEMENTS))


if SHIM:
    apply_shim()

FPSConnection = fpsconn.FPSConnection

ACTIONS = {
    'Pay': 'pay', 'Reserve': 'reserve', 'Settle': 'settle', 'Refund': 'refund', 'Cancel': 'cancel',
    'CancelToken': 'cancel_token', 'GetTransactionStatus': 'get_transaction_status',
    'GetTokenByCaller': 'get_token_by_caller',
    'GetRecipientVerificationStatus': 'get_recipient_verification_status',
    'VerifySignature': 'verify_signature',
}
PIPELINES = ['SingleUse', 'MultiUse', 'Recurring', 'Recipient', 'EditToken']
# Token fields boto's generic parser lays flat on GetTokenByCallerResult; the documents nest them.
TOKEN_FIELDS = {'TokenId', 'FriendlyName', 'TokenStatus', 'DateInstalled', 'CallerReference',
                'TokenType', 'OldTokenId', 'PaymentReason'}

conn = None


class Amount(object):
    """What boto's complex_amounts reads: .Value and .CurrencyCode."""
    def __init__(self, value, currency):
        self.Value = value
        self.CurrencyCode = currency


def plain(value):
    """boto response objects -> JSON values with the documents' element names."""
    from boto.fps.response import ResponseElement
    if isinstance(value, ResponseElement):
        out = {}
        for k, v in value.__dict__.items():
            if k.startswith('_'):
                continue
            out[k] = plain(v)
        return out
    if isinstance(value, list):
        return [plain(v) for v in value]
    if value is None:
        return None
    return str(value)


def result_of(action, response):
    result = getattr(response, action + 'Result', None)
    out = plain(result) if result is not None else {}
    if not isinstance(out, dict):
        out = {}
    # whitespace-only text of container elements is not a value
    out = {k: v for k, v in out.items() if not (isinstance(v, str) and v.strip() == '')}
    if action == 'GetTokenByCaller':
        token = {k: out.pop(k) for k in list(out) if k in TOKEN_FIELDS}
        if token:
            out['Token'] = token
    meta = getattr(response, 'ResponseMetadata', None)
    request_id = getattr(meta, 'RequestId', None)
    if request_id:
        out['RequestId'] = request_id
    return out


def fps_error(e):
    from boto.exception import BotoServerError
    if not isinstance(e, BotoServerError):
        return None
    err = {'httpStatus': e.status}
    if getattr(e, 'error_code', None):
        err['code'] = e.error_code
    if getattr(e, 'error_message', None):
        err['message'] = e.error_message
    if getattr(e, 'request_id', None):
        err['requestId'] = e.request_id
    return err


def crash(e):
    tb = traceback.extract_tb(e.__traceback__)
    where = ''
    for frame in reversed(tb):
        if '/boto/' in frame.filename:
            where = ' at %s:%d' % (frame.filename, frame.lineno)
            break
    text = '%s: %s%s' % (type(e).__name__, e, where)
    # one line for the report; FPS_DRIVER_TRACEBACK=1 prints the whole traceback
    sys.stderr.write((traceback.format_exc() if os.environ.get('FPS_DRIVER_TRACEBACK') == '1' else 'boto raised ' + text + '\n'))
    return {'ok': False, 'crash': text}


def hello(_msg):
    name = 'boto' + (' (with Python 3 compatibility shim)' if SHIM else '')
    return {'ok': True, 'sdk': {'name': name, 'version': boto.__version__,
                                'language': 'python %d.%d' % sys.version_info[:2]},
            'supports': {'actions': sorted(ACTIONS), 'pipelines': PIPELINES,
                         'verifyReturnUrl': True, 'verifyIpn': True},
            'notes': NOTES + ['return URLs and IPNs are verified through the VerifySignature action '
                              '(boto has no local helper)']}


def configure(msg):
    global conn
    from urllib.parse import urlparse
    u = urlparse(msg['endpoint'])
    conn = FPSConnection(aws_access_key_id=msg['accessKeyId'],
                         aws_secret_access_key=msg['secretAccessKey'],
                         host=u.hostname, port=u.port, is_secure=(u.scheme == 'https'))
    if msg.get('version') and msg['version'] != FPSConnection.APIVersion:
        NOTES.append('boto always sends Version=%s' % FPSConnection.APIVersion)
    return {'ok': True}


def call(msg):
    action = msg['action']
    method = ACTIONS.get(action)
    if method is None:
        return {'ok': False, 'unsupported': 'boto has no method for %s' % action}
    kw = {}
    for k, v in msg['params'].items():
        if isinstance(v, dict) and set(v) == {'Value', 'CurrencyCode'}:
            kw[k] = Amount(v['Value'], v['CurrencyCode'])  # boto's complex_amounts
        elif isinstance(v, dict):
            for child, x in v.items():  # other complex types go as Name.Child, as boto's users pass them
                kw['%s.%s' % (k, child)] = x
        else:
            kw[k] = v
    try:
        response = getattr(conn, method)(**kw)
    except KeyError as e:
        # boto's @requires decorator refuses a call missing what it insists on: it cannot express it
        if 'requires' in str(e):
            return {'ok': False, 'unsupported': 'boto refuses the call: %s' % e.args[0]}
        return crash(e)
    except Exception as e:  # noqa: BLE001 - every SDK failure is reported, never raised
        err = fps_error(e)
        if err is not None:
            return {'ok': False, 'error': err}
        return crash(e)
    return {'ok': True, 'result': result_of(action, response)}


def cbui_url(msg):
    params = dict(msg['params'])
    params['pipelineName'] = msg['pipeline']
    try:
        url = conn.cbui_url(**params)
    except Exception as e:  # noqa: BLE001
        return crash(e)
    return {'ok': True, 'url': url}


def verify(endpoint, http_parameters):
    try:
        response = conn.verify_signature(UrlEndPoint=endpoint, HttpParameters=http_parameters)
    except Exception as e:  # noqa: BLE001
        err = fps_error(e)
        return {'ok': False, 'error': err} if err is not None else crash(e)
    status = result_of('VerifySignature', response).get('VerificationStatus')
    return {'ok': True, 'valid': status == 'Success'}


def verify_return_url(msg):
    from urllib.parse import urlsplit
    u = urlsplit(msg['url'])
    return verify('%s://%s%s' % (u.scheme, u.netloc, u.path), u.query)


def verify_ipn(msg):
    from urllib.parse import quote
    body = '&'.join('%s=%s' % (quote(k, safe='-_.~'), quote(v, safe='-_.~')) for k, v in msg['params'].items())
    return verify(msg['endpoint'], body)


HANDLERS = {'hello': hello, 'configure': configure, 'call': call, 'cbuiUrl': cbui_url,
            'verifyReturnUrl': verify_return_url, 'verifyIpn': verify_ipn}


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
        except ValueError:
            sys.stderr.write('not JSON: %r\n' % line)
            continue
        mid = msg.get('id')
        if msg.get('type') == 'shutdown':
            out.write(json.dumps({'id': mid, 'ok': True}) + '\n')
            out.flush()
            return 0
        handler = HANDLERS.get(msg.get('type'))
        if handler is None:
            answer = {'ok': False, 'unsupported': 'unknown message type %r' % msg.get('type')}
        else:
            try:
                answer = handler(msg)
            except Exception as e:  # noqa: BLE001 - a driver bug is a crash answer, not a dead driver
                answer = crash(e)
        answer['id'] = mid
        out.write(json.dumps(answer) + '\n')
        out.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main())
