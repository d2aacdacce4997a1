#!/bin/sh
# The statutory indicators of docs/csc.md as SQL over the Annex A lists
# that `goldthread synth` writes, loaded into SQLite with the sqlite3
# shell's .import: the second baseline bench/csc.sh times goldthread
# against. Prints Code,Numerator,Denominator as goldthread's --csv does.
# usage: sh bench/csc_sql.sh DIR FROM TO HOLIDAYS.json
set -eu
DIR=$1 FROM=$2 TO=$3 HOL=$4
DB=$(mktemp -u).db
trap 'rm -f "$DB"' EXIT

# iso COLUMN: a DD/MM/YYYY cell as ISO text, NULL when blank
iso() { echo "nullif(substr($1,7,4)||'-'||substr($1,4,2)||'-'||substr($1,1,2),'--')"; }
# months DATE N: the same day N months on, the month's last day when shorter
months() {
    echo "(CASE WHEN strftime('%d', date($1, '$2 months')) <> strftime('%d', $1) THEN date($1, '$2 months', 'start of month', '-1 day') ELSE date($1, '$2 months') END)"
}
# wd A B: working days in [A, B)
wd() { echo "((SELECT n FROM cal WHERE d = $2) - (SELECT n FROM cal WHERE d = $1))"; }

sqlite3 "$DB" <<SQL
.mode csv
.import $DIR/list1.csv l1
.import $DIR/list3.csv l3
.import $DIR/list4.csv l4
.import $DIR/list5.csv l5
.import $DIR/list7.csv l7
.import $DIR/list8.csv l8
.import $DIR/list9.csv l9
CREATE TABLE hol AS SELECT json_extract(value, '$.date') AS d
  FROM json_each(readfile('$HOL'), '$."england-and-wales".events');
-- n: working days before each day, 2005 to 2035
CREATE TABLE cal (d TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
INSERT INTO cal
  WITH RECURSIVE day(d) AS (SELECT '2005-01-01' UNION ALL
    SELECT date(d, '+1 day') FROM day WHERE d < '2035-12-31')
  SELECT d, sum(strftime('%w', d) NOT IN ('0','6') AND d NOT IN (SELECT d FROM hol))
    OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  FROM day;
UPDATE cal SET n = 0 WHERE n IS NULL;
CREATE TABLE c AS SELECT $(iso '"Date of Contact"') AS d FROM l1;
CREATE TABLE r AS SELECT "Child Unique ID" AS child, $(iso '"Date of referral"') AS d,
  "Number of Referrals in Last 12 Months" AS prior FROM l3;
CREATE INDEX r_child ON r(child, d);
CREATE TABLE a AS SELECT "Child Unique ID" AS child,
  $(iso '"Continuous Assessment Start Date"') AS s,
  $(iso '"Continuous Assessment Date of Authorisation"') AS e FROM l4;
CREATE TABLE s47 AS SELECT $(iso '"Strategy discussion initiating Section 47 Enquiry Start Date"') AS s,
  $(iso '"Date of Initial Child Protection Conference"') AS i FROM l5;
CREATE TABLE p AS SELECT $(iso '"Child Protection Plan Start Date"') AS s,
  $(iso '"Child Protection Plan End Date"') AS e,
  $(iso '"Date of latest review conference"') AS rv,
  "Number of Previous Child Protection Plans" AS prev FROM l7;
CREATE TABLE cla AS SELECT date($(iso '"Date of Birth"'), 'start of month') AS dob,
  $(iso '"Date Started to be Looked After"') AS s,
  $(iso '"Date Ceased to be Looked After"') AS e,
  $(iso '"Date of Latest Statutory Review"') AS rv,
  $(iso '"Start Date of Most Recent Placement"') AS placed,
  "Number of Placements in the Last 12 months" AS pl,
  substr(CASE WHEN "Child's Legal Status" LIKE '_) %' THEN substr("Child's Legal Status", 4)
              ELSE "Child's Legal Status" END, 1, 2) AS legal FROM l8;
CREATE TABLE cl AS SELECT date($(iso '"Date of Birth"'), 'start of month') AS dob,
  "Suitability of Accommodation" AS suit,
  CASE WHEN "Activity Status" LIKE '_) %' THEN substr("Activity Status", 4)
       ELSE "Activity Status" END AS act FROM l9;
CREATE VIEW openp AS SELECT * FROM p WHERE s <= '$TO' AND (e IS NULL OR e > '$TO');
CREATE VIEW opencla AS SELECT * FROM cla WHERE s <= '$TO' AND (e IS NULL OR e > '$TO')
  AND legal NOT IN ('V3', 'V4');
CREATE VIEW age AS SELECT *, CAST(strftime('%Y', '$TO') AS INTEGER) - CAST(strftime('%Y', dob) AS INTEGER)
  - (CAST(strftime('%m', '$TO') AS INTEGER) < CAST(strftime('%m', dob) AS INTEGER)) AS years FROM cla;
CREATE VIEW leavers AS SELECT *, CAST(strftime('%Y', '$TO') AS INTEGER) - CAST(strftime('%Y', dob) AS INTEGER)
  - (CAST(strftime('%m', '$TO') AS INTEGER) < CAST(strftime('%m', dob) AS INTEGER)) AS years FROM cl;
.mode list
.separator ,
SELECT 'Code', 'Numerator', 'Denominator';
SELECT 'CSC-CONTACTS', count(*), 0 FROM c WHERE d BETWEEN '$FROM' AND '$TO';
SELECT 'CSC-CONVERSION', (SELECT count(*) FROM r WHERE d BETWEEN '$FROM' AND '$TO'),
  (SELECT count(*) FROM c WHERE d BETWEEN '$FROM' AND '$TO');
SELECT 'CSC-REREF', sum(EXISTS (SELECT 1 FROM r q WHERE q.child = r.child AND q.d < r.d
    AND q.d >= $(months r.d -12))), count(*) FROM r WHERE d BETWEEN '$FROM' AND '$TO';
SELECT 'CSC-REREF-LIST', sum(CAST(prior AS INTEGER) >= 1), sum(prior <> '')
  FROM r WHERE d BETWEEN '$FROM' AND '$TO';
SELECT 'CSC-ASSESS45', sum($(wd a.s a.e) <= 45), count(*) FROM a WHERE e BETWEEN '$FROM' AND '$TO';
SELECT 'CSC-ASSESS45-REF', sum($(wd ref a.e) <= 45), count(*) FROM
  (SELECT a.*, (SELECT max(d) FROM r WHERE r.child = a.child AND r.d <= a.s) AS ref
   FROM a WHERE e BETWEEN '$FROM' AND '$TO') a WHERE ref IS NOT NULL;
SELECT 'CSC-ICPC15', sum($(wd s i) <= 15), count(*) FROM s47
  WHERE i BETWEEN '$FROM' AND '$TO' AND i >= s;
SELECT 'CSC-CPP', count(*), 0 FROM openp;
SELECT 'CSC-CPP2Y', sum(s <= $(months "'$TO'" -24)), count(*) FROM openp;
SELECT 'CSC-CPP2Y-ENDED', sum(e >= $(months s 24)), count(*) FROM p WHERE e BETWEEN '$FROM' AND '$TO';
SELECT 'CSC-CPP2ND', sum(CAST(prev AS INTEGER) >= 1), count(*) FROM p
  WHERE s BETWEEN '$FROM' AND '$TO' AND prev <> '';
SELECT 'CSC-CPPREV', sum(CASE WHEN rv IS NOT NULL THEN '$TO' <= $(months rv 6)
  ELSE '$TO' <= $(months s 3) END), count(*) FROM openp;
SELECT 'CSC-CLA', count(*), 0 FROM opencla;
SELECT 'CSC-STAB3', sum(CAST(pl AS INTEGER) >= 3), sum(pl <> '') FROM opencla;
SELECT 'CSC-STABLT', sum(placed IS NOT NULL AND placed <= $(months "'$TO'" -24)), count(*)
  FROM age WHERE s <= '$TO' AND (e IS NULL OR e > '$TO') AND legal NOT IN ('V3', 'V4')
  AND years < 16 AND s <= $(months "'$TO'" -30);
SELECT 'CSC-CLSUIT', sum(suit LIKE '%) Suitable' OR suit = 'Suitable'), count(*) FROM leavers
  WHERE years BETWEEN 19 AND 21;
SELECT 'CSC-CLEET', sum(act GLOB '[FP][1-5]'), count(*) FROM leavers WHERE years BETWEEN 19 AND 21;
SELECT 'CSC-CLAREV', sum(CASE WHEN rv IS NOT NULL THEN '$TO' <= $(months rv 6)
  ELSE $(wd s "'$TO'") <= 20 END), count(*) FROM opencla;
SQL
