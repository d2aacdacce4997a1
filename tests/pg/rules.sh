#!/bin/sh
# tests/pg/rules.sh: on PostgreSQL the database itself keeps the audit
# trail and the append-only rules, as SQLite's triggers do: who acts and
# the clock from the transaction, secrets and contents kept out of the
# audit's JSON, history that cannot be changed or deleted, plan versions
# that only move forward, sessions ended by a changed password or role;
# the counts of changes, the tallies and current statuses pages read.
# Run inside tests/pg/run.sh: sh tests/pg/rules.sh GOLDTHREAD.
set -eu
"$1" init --db postgresql:// >/dev/null
ERR=$(mktemp)
trap 'rm -f "$ERR"' EXIT
failures=0
q() { psql -q -X -At -v ON_ERROR_STOP=1 -c "$1"; }
fail() { echo "not ok: $1"; failures=$((failures + 1)); }
ok() { echo "ok: $1"; }
# expect WHAT ACTUAL WANTED
expect() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$2', wanted '$3'"; fi; }
# refused WHAT SQL MESSAGE: the statement fails with MESSAGE
refused() {
    if psql -q -X -At -v ON_ERROR_STOP=1 -c "$2" >/dev/null 2>"$ERR"; then
        fail "$1: was not refused"
    elif grep -q "$3" "$ERR"; then
        ok "$1"
    else
        fail "$1: refused with $(cat "$ERR")"
    fi
}
as_planner="SELECT set_config('gt.actor', 'planner', true), set_config('gt.now', '2026-11-27T09:00:00Z', true);"

q "BEGIN; $as_planner
INSERT INTO plan(id, code, kind, title, created_at)
  VALUES (1, 'CSC', 'directorate', 'Children''s services plan', '2026-04-01');
INSERT INTO item(id, plan_id, kind, ref, title, position)
  VALUES (1, 1, 'action', '1.1', 'Recruit social workers', 1);
INSERT INTO status_update(id, item_id, brag, as_of, recorded_at)
  VALUES (1, 1, 'amber', '2026-10-31', '2026-11-27T09:00:00Z');
INSERT INTO evidence(item_id, update_id, file_name, media_type, size, sha256,
                     content)
  VALUES (1, 1, 'board.pdf', 'application/pdf', 4, 'abcd', '\\x00ff00ff');
UPDATE plan SET title = 'Children''s services plan 2026-27' WHERE id = 1;
INSERT INTO app_user(id, username, display_name, role, password_hash,
                     created_at)
  VALUES (1, 'lead', 'A Lead', 'lead', 'argon2-secret', '2026-11-27');
COMMIT;" >/dev/null

expect "every write is audited, by who and when the transaction said" \
    "$(q "SELECT string_agg(table_name || ' ' || action || ' ' || actor || ' ' || at, '; ' ORDER BY id) FROM audit_log")" \
    "plan insert planner 2026-11-27T09:00:00Z; item insert planner 2026-11-27T09:00:00Z; status_update insert planner 2026-11-27T09:00:00Z; evidence insert planner 2026-11-27T09:00:00Z; plan update planner 2026-11-27T09:00:00Z; app_user insert planner 2026-11-27T09:00:00Z"
expect "an update records the row before and after" \
    "$(q "SELECT (before::jsonb ->> 'title') || ' -> ' || (after::jsonb ->> 'title') FROM audit_log WHERE table_name = 'plan' AND action = 'update'")" \
    "Children's services plan -> Children's services plan 2026-27"
expect "the entry names its row" \
    "$(q "SELECT row_id FROM audit_log WHERE table_name = 'status_update'")" "1"
expect "evidence's content stays out of the audit" \
    "$(q "SELECT after::jsonb ? 'content' FROM audit_log WHERE table_name = 'evidence'")" "f"

q "INSERT INTO session(token_hash, user_id, csrf, created_at, last_seen)
   VALUES ('t1', 1, 'c', 0, 0)" >/dev/null
q "BEGIN; $as_planner UPDATE app_user SET password_hash = 'argon2-new' WHERE id = 1; COMMIT;" >/dev/null
expect "a password is never audited, only that it changed" \
    "$(q "SELECT (before::jsonb ? 'password_hash') OR (after::jsonb ? 'password_hash'), after::jsonb ->> 'password_hash_changed' FROM audit_log WHERE table_name = 'app_user' AND action = 'update'")" \
    "f|true"
expect "a changed password ends the user's sessions" \
    "$(q "SELECT count(*) FROM session")" "0"
q "UPDATE plan SET review_date = '2027-03-31' WHERE id = 1" >/dev/null
expect "with nobody named the audit says system, at the time" \
    "$(q "SELECT actor, at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' FROM audit_log ORDER BY id DESC LIMIT 1")" \
    "system|t"

refused "a status update is never changed" \
    "UPDATE status_update SET brag = 'green'" "status updates are append-only"
refused "a status update is never deleted" \
    "DELETE FROM status_update" "status updates are append-only"
refused "evidence is never changed" \
    "UPDATE evidence SET file_name = 'x.pdf'" "evidence is append-only"
refused "the audit log is never changed" \
    "UPDATE audit_log SET actor = 'someone else'" "the audit log is append-only"
refused "the audit log is never deleted" \
    "DELETE FROM audit_log" "the audit log is append-only"

q "INSERT INTO plan_version(id, plan_id, number, author, created_at, snapshot,
                            sha256)
   VALUES (1, 1, 1, 'planner', '2026-11-27', '{}', 'ef')" >/dev/null
refused "a draft is not published before it is approved" \
    "UPDATE plan_version SET status = 'published' WHERE id = 1" \
    "a plan version cannot go back to an earlier status"
refused "a version's snapshot never changes" \
    "UPDATE plan_version SET snapshot = '{\"x\": 1}' WHERE id = 1" \
    "snapshot never changes"
q "INSERT INTO plan_approval(id, version_id, body, approved_on, approved_by,
                             recorded_by, recorded_at)
   VALUES (1, 1, 'DMT', '2026-11-20', 'Director', 'planner', '2026-11-27')" >/dev/null
q "UPDATE plan_version SET status = 'approved' WHERE id = 1" >/dev/null
q "UPDATE plan_version SET status = 'published' WHERE id = 1" >/dev/null
expect "approved then published" \
    "$(q "SELECT status FROM plan_version WHERE id = 1")" "published"
refused "a published version's details are fixed" \
    "UPDATE plan_version SET note = 'late note' WHERE id = 1" \
    "only a draft version's details can change"
refused "a published version takes no approvals" \
    "INSERT INTO plan_approval(version_id, body, approved_on, approved_by, recorded_by, recorded_at) VALUES (1, 'Cabinet', '2026-11-28', 'Leader', 'planner', '2026-11-28')" \
    "takes no approvals"
refused "an approval is never changed" \
    "UPDATE plan_approval SET body = 'Cabinet'" "an approval is never changed"
refused "a version is never deleted" \
    "DELETE FROM plan_version" "a plan version is never deleted"

# The counts and tallies the pages read, kept in the writing transaction
tally="SELECT items, blue, red, amber, green, not_rated, status_green, status_not_rated, latest, changes FROM plan_tally WHERE plan_id = 2"
q "INSERT INTO plan(id, code, kind, title, created_at)
   VALUES (2, 'TEAM', 'team', 'Team plan', '2026-04-01')" >/dev/null
expect "a new plan has its tally, counted once" "$(q "$tally")" "0|0|0|0|0|0|0|0||1"
q "INSERT INTO item(id, plan_id, kind, ref, title, position)
   VALUES (10, 2, 'action', '1', 'Audit case files', 1)" >/dev/null
expect "a new item is work not yet rated" "$(q "$tally")" "1|0|0|0|0|1|0|1||2"
q "INSERT INTO status_update(id, item_id, brag, as_of, recorded_at)
   VALUES (10, 10, 'green', '2026-09-30', '2026-10-01')" >/dev/null
expect "a status update moves the tally" "$(q "$tally")" "1|0|0|0|1|0|1|0|2026-09-30|3"
q "INSERT INTO status_update(id, item_id, brag, as_of, recorded_at)
   VALUES (11, 10, 'red', '2026-06-30', '2026-10-02')" >/dev/null
expect "an update describing an earlier day is history, not the current status" \
    "$(q "SELECT brag || ' ' || as_of || ' ' || status_id || ' ' || last_update_id FROM item_status WHERE item_id = 10") $(q "$tally")" \
    "green 2026-09-30 10 11 1|0|0|0|1|0|1|0|2026-09-30|4"
q "INSERT INTO item(id, plan_id, parent_id, kind, ref, title, position)
   VALUES (11, 2, 10, 'milestone', '1.1', 'Half the files audited', 1)" >/dev/null
expect "a parent with work under it stops counting as work" \
    "$(q "$tally")" "2|0|0|0|0|1|1|1|2026-09-30|5"
changes="SELECT string_agg(plan_id || ':' || changes, ' ' ORDER BY plan_id) FROM plan_tally"
was=$(q "SELECT changes FROM plan_tally WHERE plan_id = 1")
q "INSERT INTO link(from_item_id, to_item_id) VALUES (10, 1)" >/dev/null
expect "a link counts a change in the plans at both ends" \
    "$(q "$changes")" "1:$((was + 1)) 2:6"
before=$(q "SELECT n FROM data_change")
q "INSERT INTO kpi(code, title, unit, polarity, frequency)
   VALUES ('NI 62', 'Placement stability', 'percent', 'higher', 'annual')" >/dev/null
expect "a change to the rest moves the rest's count" \
    "$(q "SELECT n - $before FROM data_change")" "1"

if [ "$failures" -gt 0 ]; then
    echo "$failures of PostgreSQL's rules failed"
    exit 1
fi
echo "PostgreSQL keeps the audit trail, the append-only rules, the counts and the tallies"
