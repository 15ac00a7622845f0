"""Answers SRP and SECRET_HASH cases with pycognito, for the cross-check.

Reads one JSON object on standard input with four lists of cases (made by
tests/tests/srp_crosscheck.rs) and writes, as JSON, what pycognito's
aws_srp module computes for each: `srp` (SRP_A, then the PASSWORD_VERIFIER
answer), `device` (the DEVICE_PASSWORD_VERIFIER answer), `device_verifier`
(the ConfirmDevice verifier) and `secret_hash`. The private value `a`, the
clock and the random bytes are fixed from the case; everything else is
pycognito's own code. Usage: python pycognito_reference.py < cases.json
"""

import datetime
import json
import sys
import types

from pycognito import aws_srp


def fixed_clock(epoch_seconds):
    """A stand-in for the datetime module whose utcnow() is the case's time."""
    moment = datetime.datetime.fromtimestamp(epoch_seconds, datetime.timezone.utc)

    class Clock(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return moment.replace(tzinfo=None)

    return types.SimpleNamespace(datetime=Clock)


def with_private_value(srp, a_hex):
    """Replaces the random private value pycognito drew with the case's."""
    srp.small_a_value = int(a_hex, 16) % srp.big_n
    srp.large_a_value = srp.calculate_a()
    return srp


def challenge(case):
    return {
        "SALT": case["salt"],
        "SRP_B": case["srp_b"],
        "SECRET_BLOCK": case["secret_block"],
    }


def srp_case(case):
    srp = aws_srp.AWSSRP(
        username=case["username"],
        password=case["password"],
        pool_id=case["pool_id"],
        client_id=case["client_id"],
        client=object(),  # never called: no request is made
        client_secret=case["client_secret"],
    )
    with_private_value(srp, case["a"])
    auth = srp.get_auth_params()
    parameters = challenge(case)
    parameters["USERNAME"] = case["username"]
    parameters["USER_ID_FOR_SRP"] = case["user_id_for_srp"]
    aws_srp.datetime = fixed_clock(case["epoch_seconds"])
    answer = srp.process_challenge(parameters, auth)
    return {
        "srp_a": auth["SRP_A"],
        "initiate_secret_hash": auth.get("SECRET_HASH"),
        "signature": answer["PASSWORD_CLAIM_SIGNATURE"],
        "timestamp": answer["TIMESTAMP"],
        "secret_block": answer["PASSWORD_CLAIM_SECRET_BLOCK"],
        "answer_secret_hash": answer.get("SECRET_HASH"),
    }


def device_case(case):
    srp = aws_srp.AWSSRP(
        username=case["username"],
        password="unused",
        pool_id="us-east-1_unused",
        client_id="unused",
        client=object(),
        device_key=case["device_key"],
        device_group_key=case["device_group_key"],
        device_password=case["device_password"],
    )
    with_private_value(srp, case["a"])
    parameters = challenge(case)
    parameters["USERNAME"] = case["username"]
    aws_srp.datetime = fixed_clock(case["epoch_seconds"])
    answer = srp.process_device_challenge(parameters)
    return {
        "srp_a": aws_srp.long_to_hex(srp.large_a_value),
        "signature": answer["PASSWORD_CLAIM_SIGNATURE"],
        "timestamp": answer["TIMESTAMP"],
    }


def device_verifier_case(case):
    # generate_hash_device draws the password's 40 bytes, then the salt's 16.
    draws = [bytes.fromhex(case["password_bytes"]), bytes.fromhex(case["salt_bytes"])]
    real_os = aws_srp.os
    aws_srp.os = types.SimpleNamespace(urandom=lambda n: draws.pop(0))
    try:
        password, config = aws_srp.generate_hash_device(
            case["device_group_key"], case["device_key"]
        )
    finally:
        aws_srp.os = real_os
    return {
        "password": password,
        "password_verifier": config["PasswordVerifier"],
        "salt": config["Salt"],
    }


def secret_hash_case(case):
    return aws_srp.AWSSRP.get_secret_hash(
        case["username"], case["client_id"], case["client_secret"]
    )


def main():
    cases = json.load(sys.stdin)
    json.dump(
        {
            "srp": [srp_case(c) for c in cases["srp"]],
            "device": [device_case(c) for c in cases["device"]],
            "device_verifier": [device_verifier_case(c) for c in cases["device_verifier"]],
            "secret_hash": [secret_hash_case(c) for c in cases["secret_hash"]],
        },
        sys.stdout,
    )


main()
