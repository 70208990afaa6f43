"""Schemathesis hooks for tests/contract/schemathesis.test.ts (loaded through `hooks` in the generated
schemathesis.toml).

Some rules the server enforces are not JSON Schema: the document says them in words, and a
generator cannot know them. For those, and only for POSITIVE cases (the ones Schemathesis claims are
valid and checks with positive_data_acceptance), `map_case` keeps the generated data inside the rule,
changing as little as it can; the checks stay on. Negative cases are never touched. After a hook
changes a case, Schemathesis revalidates it against the document, so nothing here can make an
invalid case pass as positive.

Each rule names the suite of ours that tests it directly.

- A5 region membership: a well-formed code must also be in the GB/T 2260 table (the document would
  need an enum of ~3,200 codes). Region codes and desk `region` prefixes not in the table are
  replaced with one of the same length that is. Ours: tests/unit/region.test.ts,
  tests/api/desks.test.ts, tests/fuzz/routes.test.ts.
- A6 pagination cursors are minted by the server; no schema describes "a value this server issued".
  Positive cases are sent without `cursor`. Ours: tests/api/desks.test.ts (paging, a garbage cursor,
  a cursor of another sort), tests/api/notifications.test.ts (paging), tests/fuzz/routes.test.ts.
- A7 cross-field rules: after-tax ≤ pre-tax salary and the probation limit (劳动合同法第十九条) in the
  agreement's terms; the desks' submittedFrom < submittedTo and "CSV export is not paged" (no limit or
  cursor with format=csv); the password policy's "not the username" on registration. Ours:
  tests/unit/schemas.test.ts, tests/unit/agreement-draft.test.ts, tests/api/drafts.test.ts,
  tests/api/desks.test.ts, tests/unit/password-policy.test.ts, tests/api/accounts.test.ts.
- Rules a pattern cannot hold: the credit code's authority/category pair (positions 1–2, the table
  in domain/uscc-authorities.ts), its GB 11714 organisation-code check (17th) and GB 32100 check
  character (18th, a weighted sum mod 31),
  and the password policy's letter and digit, which are Unicode categories (\\p{L}, \\p{Nd}) Python's
  regex dialect does not have. Ours: tests/unit/uscc.test.ts, tests/unit/password-policy.test.ts.
- Phones (contact.phone, archive.phone, the registration's phone): the document's pattern says what a
  phone may be written with; whether it is a number of the plan (mobile blocks, area codes,
  lengths) is not a pattern. A generated phone is replaced with a real one, written in one of the
  accepted ways. Ours: tests/unit/phone.test.ts.
- The batch ids' uniqueItems is in the document; it is our dictionaries (schemathesis.toml binds
  `body.ids[*]` to the school's signings) that put one id twice into a positive case. Duplicates are
  removed, case-insensitively as the server compares UUIDs (api/signings/batch-routes.ts; its
  description says so, uniqueItems cannot).

`filter_failure` drops one failure only, A8: ensure_resource_availability after an idempotent
replay. A create replayed with its Idempotency-Key answers the first 201 again (`Idempotent-Replayed:
true`), even when that resource has been deleted since — documented on the Idempotency-Key header —
so a 404 for it is the documented behaviour, not a resource that failed to appear. Only failures of
that check, for a resource whose creation answer Schemathesis saw replayed, are dropped (the run
prints them as "Filtered"). Ours: tests/api/signing-rules.test.ts (replays), tests/races/duplicates.test.ts.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from datetime import datetime, timedelta, timezone
from typing import Any

import schemathesis
from schemathesis import GenerationMode

with open(os.environ["WQ_SCHEMATHESIS_DATA"], encoding="utf-8") as data_file:
    DATA = json.load(data_file)

REGION_CODES: list[str] = sorted(DATA["regionCodes"])
REGION_SET = set(REGION_CODES)
# Desk `region`: 2 digits = a province (…0000 in the table), 4 = a prefecture (…00), 6 = a code.
REGION_PREFIXES = {
    2: sorted({c[:2] for c in REGION_CODES if c.endswith("0000")}),
    4: sorted({c[:4] for c in REGION_CODES if c.endswith("00")}),
    6: REGION_CODES,
}

# What String.prototype.trim removes (the server trims before checking).
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

DESKS = {"GET /api/school/signings", "GET /api/employer/signings"}
AGREEMENT_BODIES = {
    "POST /api/signings/{id}/employer-sign",
    "PUT /api/signings/{id}/agreement/draft",
    "POST /api/employer/templates",
    "PUT /api/employer/templates/{id}",
}
BATCHES = {"POST /api/signings/school-confirm", "POST /api/signings/school-return"}


def pick(values: list[str], seed: str) -> str:
    """One of `values`, the same for the same `seed` (a run stays reproducible)."""
    return values[zlib.crc32(seed.encode("utf-8", "surrogatepass")) % len(values)]


def split_space(value: str) -> tuple[str, str, str]:
    core = value.strip(JS_SPACE)
    if not core:
        return value, "", ""
    start = value.index(core)
    return value[:start], core, value[start + len(core) :]


# ── A5: region membership ──────────────────────────────────────────────────────────────────────


def known_region_code(value: Any) -> Any:
    """A 6-digit code (signing_create's regionCode) that is in the table."""
    if not isinstance(value, str):
        return value
    lead, core, trail = split_space(value)
    if len(core) != 6 or not core.isascii() or not core.isdigit() or core in REGION_SET:
        return value
    return lead + pick(REGION_CODES, core) + trail


def known_desk_region(value: Any) -> Any:
    """A desk `region` (2, 4 or 6 digits) whose code or prefix is in the table."""
    if not isinstance(value, str):
        return value
    lead, core, trail = split_space(value)
    if len(core) not in REGION_PREFIXES or not core.isascii() or not core.isdigit():
        return value
    if core in REGION_PREFIXES[len(core)]:
        return value
    return lead + pick(REGION_PREFIXES[len(core)], core) + trail


# ── the credit code's prefix and check characters (GB 32100, GB 11714) ─────────────────────────

# Position 1 → the categories allowed at position 2 (domain/uscc-authorities.ts; each has "1").
CREDIT_CODE_CATEGORIES = {
    "1": "1239", "2": "19", "3": "123459", "4": "19", "5": "12349", "6": "129",
    "7": "129", "8": "19", "9": "123", "A": "19", "N": "1239", "Y": "1",
}
ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def with_check_character(value: Any) -> Any:
    """A code of the documented pattern with a known category for its authority (else category 1),
    the organisation code's check character (17th) and the 18th recomputed."""
    if not isinstance(value, str):
        return value
    lead, core, trail = split_space(value)
    if len(core) != 18 or any(c not in CREDIT_CODE_ALPHABET for c in core) or core[0] not in CREDIT_CODE_CATEGORIES:
        return value
    if core[1] not in CREDIT_CODE_CATEGORIES[core[0]]:
        core = core[0] + "1" + core[2:]
    org = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(core[8:16], ORGANIZATION_CODE_WEIGHTS))
    org_check = {10: "X", 11: "0"}.get(11 - org % 11, str(11 - org % 11))
    first17 = core[:16] + org_check
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS))
    check = CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]
    return lead + first17 + check + trail


# ── phones: a number of the plan (domain/phone.ts) ─────────────────────────────────────────────

PHONE_MAX_LENGTH = 40  # domain/phone.ts PHONE_MAX_LENGTH, the document's maxLength
PHONES = ["13800138000", "021-64826000", "+86 21 6482 6000", "(021)64826000转8001", "010-62752114", "+852 2123 4567"]


def real_phone(value: Any) -> Any:
    """A phone string, blank ones (drafts read them as unset) kept; anything else left to the checks."""
    if not isinstance(value, str):
        return value
    lead, core, trail = split_space(value)
    if not core:
        return value
    phone = pick(PHONES, core)
    # The surrounding blanks stay (the server trims them), within the document's maxLength.
    room = PHONE_MAX_LENGTH - len(phone)
    lead = lead[:room]
    return lead + phone + trail[: max(0, room - len(lead))]


def real_phones(body: dict[str, Any]) -> None:
    for section in ("contact", "archive"):
        if isinstance(body.get(section), dict) and "phone" in body[section]:
            body[section]["phone"] = real_phone(body[section]["phone"])


# ── the password policy (domain/password-policy.ts) ────────────────────────────────────────────


def password_acceptable(password: str, username: Any) -> bool:
    if not 10 <= len(password) <= 128:
        return True  # the document's minLength/maxLength already say it; not this hook's business
    if not any(c.isalpha() for c in password) or not any(c.isdecimal() for c in password):
        return False
    if password[0] in JS_SPACE or password[-1] in JS_SPACE:
        return False
    name = username.strip(JS_SPACE).lower() if isinstance(username, str) else ""
    lower = password.lower()
    if name and (lower == name or (len(name) >= 3 and name in lower)):
        return False
    return True


def acceptable_password(password: Any, username: Any) -> Any:
    """The same length, with a letter first and a digit last, without the username in it."""
    if not isinstance(password, str) or password_acceptable(password, username):
        return password
    candidate = "中" + password[1:-1] + "1"
    name = username.strip(JS_SPACE).lower() if isinstance(username, str) else ""
    if len(name) >= 3:
        while (at := candidate.lower().find(name)) >= 0:
            candidate = candidate[:at] + "中" * len(name) + candidate[at + len(name) :]
    if not password_acceptable(candidate, username):
        candidate = "中" * (len(password) - 1) + "1"
    return candidate


# ── A7: the agreement's cross-field rules (domain/schemas/agreement.ts) ─────────────────────────


def is_whole(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer()


def max_probation_months(contract_term_months: float) -> int:
    if contract_term_months < 3:
        return 0
    if contract_term_months < 12:
        return 1
    if contract_term_months < 36:
        return 2
    return 6


def max_probation_for(kind: Any, term: Any) -> int | None:
    """劳动合同法第十九条 by kind (domain/contract-term.ts); None: a fixed term without its months."""
    if kind == "openEnded":
        return 6
    if kind == "task":
        return 0
    return max_probation_months(term) if is_whole(term) else None


def terms_within_rules(terms: Any, complete: bool) -> None:
    """`complete`: the send's body, where a fixed term (the default kind) needs its months."""
    if not isinstance(terms, dict):
        return
    pre, after = terms.get("monthlySalaryPreTax"), terms.get("monthlySalaryAfterTax")
    if is_whole(pre) and is_whole(after) and after > pre:
        terms["monthlySalaryPreTax"], terms["monthlySalaryAfterTax"] = after, pre
    # Months only for 固定期限 (the kind's default), required there in the send.
    kind = terms.get("contractTermKind", "fixed")
    if kind in ("openEnded", "task"):
        terms.pop("contractTermMonths", None)
    elif kind == "fixed" and complete and "contractTermMonths" not in terms:
        terms["contractTermMonths"] = 12
    term, probation = terms.get("contractTermMonths"), terms.get("probationMonths")
    limit = max_probation_for(kind, term)
    if limit is not None and is_whole(probation) and probation > limit:
        terms["probationMonths"] = limit


# ── A7: the desks' date range ──────────────────────────────────────────────────────────────────

DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
INSTANT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$")
BEIJING = timezone(timedelta(hours=8))


def range_bound(value: Any, bound: str) -> datetime | None:
    """The instant a desk's submittedFrom starts at / submittedTo ends before (api/desk/params.ts)."""
    if not isinstance(value, str):
        return None
    text = value.strip(JS_SPACE)
    try:
        if m := DAY.match(text):
            start = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=BEIJING)
            return start if bound == "from" else start + timedelta(days=1)
        if m := INSTANT.match(text):
            offset = timezone.utc
            if m[8] != "Z":
                sign = 1 if m[8][0] == "+" else -1
                offset = timezone(sign * timedelta(hours=int(m[8][1:3]), minutes=int(m[8][4:6])))
            micros = int((m[7] or "0")[:6].ljust(6, "0"))
            at = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), micros, tzinfo=offset)
            return at if bound == "from" else at + timedelta(milliseconds=1)
    except (ValueError, OverflowError):
        return None
    return None


# ── the hooks ──────────────────────────────────────────────────────────────────────────────────


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE:
        return case
    label = case.operation.label
    query = case.query if isinstance(case.query, dict) else None
    body = case.body if isinstance(case.body, dict) else None

    if query is not None and "cursor" in query:
        del query["cursor"]  # A6

    if label in DESKS and query is not None:
        if "region" in query:
            query["region"] = known_desk_region(query["region"])
        if isinstance(query.get("format"), str) and query["format"] == "csv":
            query.pop("limit", None)
        start, end = range_bound(query.get("submittedFrom"), "from"), range_bound(query.get("submittedTo"), "to")
        if start is not None and end is not None and start >= end:
            del query["submittedTo"]

    if label == "POST /api/signings" and body is not None:
        body["regionCode"] = known_region_code(body.get("regionCode"))
        employer = body.get("employer")
        if isinstance(employer, dict) and "creditCode" in employer:
            employer["creditCode"] = with_check_character(employer["creditCode"])

    if label in AGREEMENT_BODIES | {"PUT /api/signings/{id}/archive"} and body is not None:
        real_phones(body)
        if label == "PUT /api/signings/{id}/archive" and "phone" in body:
            body["phone"] = real_phone(body["phone"])

    if label == "POST /api/employers/register" and body is not None:
        if "phone" in body:
            body["phone"] = real_phone(body["phone"])
        if "creditCode" in body:
            body["creditCode"] = with_check_character(body["creditCode"])
        if "password" in body:
            body["password"] = acceptable_password(body["password"], body.get("username"))

    if label in AGREEMENT_BODIES and body is not None and isinstance(body.get("agreement"), dict):
        terms_within_rules(body["agreement"].get("employmentTerms"), complete=label == "POST /api/signings/{id}/employer-sign")

    if label in BATCHES and body is not None and isinstance(body.get("ids"), list):
        unique: list[Any] = []
        seen: set[Any] = set()
        for item in body["ids"]:
            key = item.lower() if isinstance(item, str) else json.dumps(item, sort_keys=True)
            if key not in seen:
                seen.add(key)
                unique.append(item)
        body["ids"] = unique
    return case


# A8: the ids of resources whose creation answer was an idempotent replay.
REPLAYED_IDS: set[str] = set()


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    if response.status_code != 201 or response.headers.get("idempotent-replayed") != ["true"]:
        return
    try:
        created = response.json()
    except Exception:  # noqa: BLE001 — not JSON: nothing was created that a later call could miss
        return
    if isinstance(created, dict) and isinstance(created.get("id"), str):
        REPLAYED_IDS.add(created["id"])


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    if type(failure).__name__ != "EnsureResourceAvailability":
        return True
    return not any(value in REPLAYED_IDS for value in (case.path_parameters or {}).values())
