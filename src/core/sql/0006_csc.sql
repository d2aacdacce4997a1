-- goldthread store, version 6: child-level records and the analyst role.
--
-- The Annex A lists as the indicators read them, one table a list, loaded
-- whole by `goldthread csc load` (a load replaces what was there: each
-- extract is the council's full picture). A child is kept only as a keyed
-- hash of its ID (the key is the setting child_id_key), a date of birth
-- only as its month, and no name or address at all. Teams and workers are
-- named, since managers follow breaches up with them. Loads are recorded,
-- and audited, one row each; the rows themselves are not audited one by
-- one (a load is hundreds of thousands of them).

CREATE TABLE csc_load (
    id        INTEGER PRIMARY KEY,
    loaded_at TEXT NOT NULL,
    actor     TEXT NOT NULL,
    source    TEXT NOT NULL,      -- the file or folder's name as given
    children  INTEGER NOT NULL,
    rows      INTEGER NOT NULL,   -- rows kept
    rejected  INTEGER NOT NULL    -- rows refused, listed at load
);

CREATE TABLE csc_child (
    id   INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE     -- keyed BLAKE2b of the child's ID
);

CREATE TABLE csc_name (           -- teams and workers
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE csc_contact (        -- List 1
    child        INTEGER NOT NULL REFERENCES csc_child(id),
    contact_date TEXT NOT NULL
);

CREATE TABLE csc_referral (       -- List 3
    child         INTEGER NOT NULL REFERENCES csc_child(id),
    referral_date TEXT NOT NULL,
    earlier       INTEGER,        -- referrals in the 12 months before
    nfa           INTEGER,        -- 1 yes, 0 no, NULL not given
    team          INTEGER REFERENCES csc_name(id),
    worker        INTEGER REFERENCES csc_name(id)
);

CREATE TABLE csc_assessment (     -- List 4
    child           INTEGER NOT NULL REFERENCES csc_child(id),
    start_date      TEXT NOT NULL,
    authorised_date TEXT,
    team            INTEGER REFERENCES csc_name(id),
    worker          INTEGER REFERENCES csc_name(id)
);

CREATE TABLE csc_s47 (            -- List 5
    child            INTEGER NOT NULL REFERENCES csc_child(id),
    start_date       TEXT NOT NULL,
    icpc_date        TEXT,
    icpc_unnecessary INTEGER,
    icpc_to_plan     INTEGER,
    team             INTEGER REFERENCES csc_name(id),
    worker           INTEGER REFERENCES csc_name(id)
);

CREATE TABLE csc_cp_plan (        -- List 7
    child       INTEGER NOT NULL REFERENCES csc_child(id),
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    review_date TEXT,
    earlier     INTEGER,          -- previous plans
    team        INTEGER REFERENCES csc_name(id),
    worker      INTEGER REFERENCES csc_name(id)
);

CREATE TABLE csc_care (           -- List 8
    child        INTEGER NOT NULL REFERENCES csc_child(id),
    birth_month  TEXT,            -- YYYY-MM
    start_date   TEXT NOT NULL,
    ceased_date  TEXT,
    placed_date  TEXT,
    review_date  TEXT,
    legal_status TEXT,
    placements   INTEGER,         -- in the last 12 months
    team         INTEGER REFERENCES csc_name(id),
    worker       INTEGER REFERENCES csc_name(id)
);

CREATE TABLE csc_leaver (         -- List 9
    child       INTEGER NOT NULL REFERENCES csc_child(id),
    birth_month TEXT,
    suitable    INTEGER,
    activity    TEXT,
    in_touch    INTEGER
);

-- An indicator counted from child-level records (csc save marks those it
-- adds): its counts from 1 to 5 are shown as c to everyone but admins and
-- analysts, and in every committee report, as the DfE publishes them.
ALTER TABLE kpi ADD COLUMN child_level INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER csc_load_audit AFTER INSERT ON csc_load BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'csc_load', NEW.id, 'insert',
          gt_json('source', NEW.source, 'children', NEW.children,
                  'rows', NEW.rows, 'rejected', NEW.rejected));
END;

-- The analyst role: reads what a viewer reads, and the child-level pages.
-- SQLite cannot change a CHECK rule in place, so the table is rebuilt (the
-- migration runs with foreign keys off and checks them before it commits).
CREATE TABLE app_user_new (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL
                  CHECK (role = 'admin' OR role = 'planner' OR role = 'lead'
                         OR role = 'viewer' OR role = 'analyst'),
    person_id     INTEGER REFERENCES person(id),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
INSERT INTO app_user_new SELECT id, username, display_name, role, person_id,
    password_hash, disabled, created_at FROM app_user;
DROP TABLE app_user;
ALTER TABLE app_user_new RENAME TO app_user;

CREATE TRIGGER app_user_audit_insert AFTER INSERT ON app_user BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'app_user', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER app_user_audit_update AFTER UPDATE ON app_user BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'app_user', NEW.id, 'update',
          gt_json('username', OLD.username, 'display_name', OLD.display_name,
                  'role', OLD.role, 'person_id', OLD.person_id,
                  'disabled', OLD.disabled,
                  'password_changed', OLD.password_hash <> NEW.password_hash),
          gt_json('username', NEW.username, 'display_name', NEW.display_name,
                  'role', NEW.role, 'person_id', NEW.person_id,
                  'disabled', NEW.disabled));
END;
