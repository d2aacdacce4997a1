#!/bin/sh
# tests/pg/schema.sh GOLDTHREAD: the PostgreSQL schema
# (src/core/sql/pg/) gives the same tables, columns, keys, constraints,
# indexes, triggers and seed rows as SQLite's migrations at the same
# version. Run inside
# tests/pg/run.sh: each engine describes its catalogue in the same lines,
# and the two descriptions must be equal.
set -eu
GT=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
for tool in sqlite3 psql; do
    command -v $tool >/dev/null || { echo "tests/pg: needs $tool"; exit 1; }
done

"$GT" init --db "$DIR/s.db" >/dev/null
version=$(sqlite3 "$DIR/s.db" 'PRAGMA user_version')
# PostgreSQL's migrations are numbered with SQLite's: its first brings a
# new database to the version it is numbered for, each later one a version
# on, and the last must be SQLite's latest.
last=$(ls "$ROOT"/src/core/sql/pg/*.sql | sort | tail -1)
[ "$(basename "$last" | cut -c1-4)" = "$(printf '%04d' "$version")" ] ||
    { echo "SQLite's schema is at version $version but PostgreSQL's last migration is $(basename "$last"): write its PostgreSQL migration"; exit 1; }
# made as the store makes it: from the migrations built into goldthread,
# so a file left out of the build shows as a difference
"$GT" init --db postgresql:// >/dev/null

# One line a fact. Types by class: int, real, text, bytes. A primary key
# column is not null on both. Defaults as written, PostgreSQL's casts of
# them dropped. Checks counted a table (SQLite keeps only their text).
sqlite3 "$DIR/s.db" <<'SQL' >"$DIR/sqlite.txt"
.mode list
.separator " "
SELECT 'column', m.name, p.name,
       CASE p.type WHEN 'INTEGER' THEN 'int' WHEN 'REAL' THEN 'real'
            WHEN 'TEXT' THEN 'text' WHEN 'BLOB' THEN 'bytes' ELSE p.type END,
       CASE WHEN p."notnull" OR p.pk THEN 'not-null' ELSE 'null' END,
       'default=' || IFNULL(p.dflt_value, '')
  FROM sqlite_schema m, pragma_table_info(m.name) p
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%';
SELECT 'order', m.name, group_concat(p.name, ',')
  FROM sqlite_schema m, pragma_table_info(m.name) p
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' GROUP BY m.name;
SELECT 'primary-key', name, group_concat(col, ',') FROM (
  SELECT m.name AS name, p.name AS col FROM sqlite_schema m,
         pragma_table_info(m.name) p
   WHERE m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk) GROUP BY name;
SELECT 'unique', name, cols FROM (
  SELECT m.name AS name, (SELECT group_concat(c.name, ',') FROM
         (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno) c) AS cols
    FROM sqlite_schema m, pragma_index_list(m.name) i
   WHERE m.type = 'table' AND i.origin = 'u');
SELECT 'foreign-key', m.name, f."from", f."table",
       IFNULL(f."to", 'id')
  FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
 WHERE m.type = 'table';
SELECT 'index', i.name, m.name,
       (SELECT group_concat(c.name, ',') FROM
         (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno) c),
       CASE WHEN i."unique" THEN 'unique' ELSE 'any' END,
       CASE WHEN i.partial THEN 'partial' ELSE 'whole' END
  FROM sqlite_schema m, pragma_index_list(m.name) i
 WHERE m.type = 'table' AND i.origin = 'c';
SELECT 'checks', name, n FROM (
  SELECT name, (length(sql) - length(replace(sql, 'CHECK (', ''))) / 7 AS n
    FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%')
 WHERE n > 0;
SELECT 'trigger', name, tbl_name,
       CASE WHEN head LIKE '% BEFORE %' THEN 'before' ELSE 'after' END,
       CASE WHEN head LIKE '%BEFORE INSERT%' OR head LIKE '%AFTER INSERT%'
            THEN 'insert'
            WHEN head LIKE '%BEFORE DELETE%' OR head LIKE '%AFTER DELETE%'
            THEN 'delete' ELSE 'update' END
  FROM (SELECT name, tbl_name, substr(sql, 1, instr(sql, ' ON ')) AS head
          FROM sqlite_schema
         WHERE type = 'trigger');
SELECT 'row', 'data_change', id, n FROM data_change;
SELECT 'row', 'caseload_band', band, low, high FROM caseload_band;
SQL

psql -q -X -At -F ' ' <<'SQL' >"$DIR/pg.txt"
SELECT 'column', c.table_name, c.column_name,
       CASE c.data_type WHEN 'bigint' THEN 'int'
            WHEN 'double precision' THEN 'real' WHEN 'text' THEN 'text'
            WHEN 'bytea' THEN 'bytes' ELSE c.data_type END,
       CASE WHEN c.is_nullable = 'NO' THEN 'not-null' ELSE 'null' END,
       'default=' || coalesce(regexp_replace(c.column_default,
                                             '::[a-z ]+$', ''), '')
  FROM information_schema.columns c
 WHERE c.table_schema = current_schema() AND c.column_name <> 'rowid'
   AND c.table_name <> 'gt_schema_version';
SELECT 'rowid', table_name FROM information_schema.columns
 WHERE table_schema = current_schema() AND column_name = 'rowid'
   AND is_identity = 'YES';
SELECT 'order', table_name, string_agg(column_name, ',' ORDER BY
       ordinal_position)
  FROM information_schema.columns WHERE table_schema = current_schema()
   AND column_name <> 'rowid' AND table_name <> 'gt_schema_version'
 GROUP BY table_name;
-- the schema's version: SQLite keeps it in PRAGMA user_version,
-- PostgreSQL in a table of its own, compared as the version alone
SELECT 'version', max(version) FROM gt_schema_version;
SELECT CASE k.contype WHEN 'p' THEN 'primary-key' ELSE 'unique' END,
       t.relname,
       (SELECT string_agg(a.attname, ',' ORDER BY x.n) FROM
          unnest(k.conkey) WITH ORDINALITY AS x(attnum, n)
          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.attnum)
  FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
 WHERE k.contype IN ('p', 'u')
   AND t.relnamespace = current_schema()::regnamespace;
SELECT 'foreign-key', t.relname, a.attname, r.relname, b.attname
  FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
  JOIN pg_class r ON r.oid = k.confrelid
  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.conkey[1]
  JOIN pg_attribute b ON b.attrelid = r.oid AND b.attnum = k.confkey[1]
 WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace;
SELECT 'index', i.relname, t.relname,
       (SELECT string_agg(a.attname, ',' ORDER BY x.n) FROM
          unnest(x_.indkey::int2[]) WITH ORDINALITY AS x(attnum, n)
          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.attnum),
       CASE WHEN x_.indisunique THEN 'unique' ELSE 'any' END,
       CASE WHEN x_.indpred IS NOT NULL THEN 'partial' ELSE 'whole' END
  FROM pg_index x_ JOIN pg_class i ON i.oid = x_.indexrelid
  JOIN pg_class t ON t.oid = x_.indrelid
 WHERE t.relnamespace = current_schema()::regnamespace
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid);
SELECT 'checks', t.relname, count(*)
  FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
 WHERE k.contype = 'c' AND t.relnamespace = current_schema()::regnamespace
 GROUP BY t.relname;
SELECT 'trigger', trigger_name, event_object_table, lower(action_timing),
       lower(event_manipulation)
  FROM information_schema.triggers
 WHERE trigger_schema = current_schema();
SELECT 'row', 'data_change', id, n FROM data_change;
SELECT 'row', 'caseload_band', band, low, high FROM caseload_band;
SQL

# SQLite's implicit rowid is a column on PostgreSQL where the store reads
# rows back in the order they were written: the child-level lists
for list in contact referral assessment s47 cp_plan care leaver; do
    echo "rowid csc_$list" >>"$DIR/sqlite.txt"
done
echo "version $version" >>"$DIR/sqlite.txt"
sort "$DIR/sqlite.txt" >"$DIR/sqlite.sorted"
sort "$DIR/pg.txt" >"$DIR/pg.sorted"
if ! diff -u "$DIR/sqlite.sorted" "$DIR/pg.sorted" >"$DIR/diff"; then
    echo "the PostgreSQL schema differs from SQLite's at version $version (- SQLite, + PostgreSQL):"
    grep '^[-+][a-z]' "$DIR/diff"
    exit 1
fi
# text compared and sorted by its bytes, as SQLite's BINARY, whatever the
# database's locale: every text column is COLLATE "C"
psql -q -X -At -c "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C' ORDER BY 1" >"$DIR/collations"
if [ -s "$DIR/collations" ]; then
    echo "text columns on PostgreSQL that do not sort by bytes (COLLATE \"C\"):"
    cat "$DIR/collations"
    exit 1
fi
echo "the same $(grep -c '^column' "$DIR/sqlite.sorted") columns of $(grep -c '^order' "$DIR/sqlite.sorted") tables, keys, checks, indexes and $(grep -c '^trigger' "$DIR/sqlite.sorted") triggers on both engines at version $version"
