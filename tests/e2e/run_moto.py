"""Runs moto_server on 127.0.0.1 at the given port until standard input closes.

The end-to-end tests start this script with a pipe as its standard input and
keep the pipe's other end for as long as they run. However the test process
ends (success, failure, a panic, a kill), the pipe closes, and this script
stops the one server it started. Usage: python run_moto.py PORT
"""

import os
import subprocess
import sys

port = sys.argv[1]
moto_server = os.path.join(os.path.dirname(sys.executable), "moto_server")
server = subprocess.Popen([moto_server, "-H", "127.0.0.1", "-p", port])
try:
    sys.stdin.read()
finally:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
