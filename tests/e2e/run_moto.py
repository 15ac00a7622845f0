"""Runs moto_server on 127.0.0.1 at the given port until standard input closes.

The end-to-end tests start this script with a pipe as its standard input and
keep the pipe's other end for as long as they run. However the test process
ends (success, failure, a panic, a kill), the pipe closes, and this script
stops the one server it started. Usage: python run_moto.py PORT

With signature checking on, moto refuses unsigned requests except for the
operations it lists as public, and its list lacks RespondToAuthChallenge,
which Cognito serves without AWS credentials (the model gives it
`@auth([])`, as it does InitiateAuth). The server runs with that one
operation added, so the public sign-in flow meets moto as it would meet
Cognito.
"""

import subprocess
import sys

SERVER = """
import sys
from moto.core.authorization import ActionAuthenticatorMixin
from moto.server import main

ActionAuthenticatorMixin.PUBLIC_OPERATIONS.append(
    "AWSCognitoIdentityProviderService.RespondToAuthChallenge"
)
main(sys.argv[1:])
"""

port = sys.argv[1]
server = subprocess.Popen([sys.executable, "-c", SERVER, "-H", "127.0.0.1", "-p", port])
try:
    sys.stdin.read()
finally:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
