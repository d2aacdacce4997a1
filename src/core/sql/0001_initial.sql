-- goldthread store, version 1: organisations, units, people, plans, items,
-- the golden thread of links, status updates, evidence and the audit log.
-- Closed lists are checked with OR rather than IN: SQLite builds a
-- temporary index for every IN list on every insert, which made bulk
-- imports several times slower.
-- Dates are ISO 8601 text (YYYY-MM-DD), times are UTC ISO 8601 text; both
-- sort as text and port to a server database unchanged.

CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    ons_code    TEXT,            -- GSS code, e.g. E06000040
    dfe_la_code TEXT             -- three-digit old LA code, e.g. 868
);

CREATE TABLE unit (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisation(id),
    parent_id       INTEGER REFERENCES unit(id),
    kind            TEXT NOT NULL
                    CHECK (kind = 'directorate' OR kind = 'division' OR kind = 'service' OR kind = 'team'),
    name            TEXT NOT NULL UNIQUE
);

CREATE TABLE person (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,  -- a name or a role title, as plans write leads
    job_title TEXT,
    email     TEXT,
    unit_id   INTEGER REFERENCES unit(id)
);

CREATE TABLE plan (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL
                  CHECK (kind = 'corporate' OR kind = 'partnership' OR kind = 'directorate' OR kind = 'service_development' OR kind = 'improvement' OR kind = 'team' OR kind = 'individual'),
    title         TEXT NOT NULL,
    owner_unit_id INTEGER REFERENCES unit(id),
    period_from   TEXT,
    period_to     TEXT,
    review_date   TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE item (
    id             INTEGER PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plan(id),
    parent_id      INTEGER REFERENCES item(id),
    kind           TEXT NOT NULL
                   CHECK (kind = 'priority' OR kind = 'theme' OR kind = 'objective' OR kind = 'action' OR kind = 'milestone' OR kind = 'outcome'),
    ref            TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT,
    lead_id        INTEGER REFERENCES person(id),
    owner_id       INTEGER REFERENCES person(id),
    deadline_text  TEXT,             -- as the plan wrote it
    deadline_start TEXT,
    deadline_due   TEXT,
    deadline_every INTEGER NOT NULL DEFAULT 0,  -- months; 0 = does not recur
    deadline_ongoing INTEGER NOT NULL DEFAULT 0,
    monitoring     TEXT,
    source         TEXT,             -- where the idea came from
    position       INTEGER NOT NULL, -- order among siblings
    UNIQUE (plan_id, ref)
);
CREATE INDEX item_parent ON item(parent_id);
CREATE INDEX item_lead ON item(lead_id);

-- "from contributes to to": many-to-many, across plans.
CREATE TABLE link (
    from_item_id INTEGER NOT NULL REFERENCES item(id),
    to_item_id   INTEGER NOT NULL REFERENCES item(id),
    PRIMARY KEY (from_item_id, to_item_id),
    CHECK (from_item_id <> to_item_id)
);
CREATE INDEX link_to ON link(to_item_id);

CREATE TABLE status_update (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES item(id),
    brag        TEXT NOT NULL
                CHECK (brag = 'blue' OR brag = 'red' OR brag = 'amber' OR brag = 'green' OR brag = 'not_rated'),
    commentary  TEXT,
    author_id   INTEGER REFERENCES person(id),
    as_of       TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX status_update_item ON status_update(item_id, as_of, id);

CREATE TABLE evidence (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES item(id),
    update_id  INTEGER REFERENCES status_update(id),
    file_name  TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    content    BLOB NOT NULL
);
CREATE INDEX evidence_item ON evidence(item_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id    INTEGER,
    action    TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),
    before    TEXT,   -- JSON of the row before, for update and delete
    after     TEXT    -- JSON of the row after, for insert and update
);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Status history and evidence are append-only: a correction is a new update.
CREATE TRIGGER status_update_no_update BEFORE UPDATE ON status_update
BEGIN SELECT RAISE(ABORT, 'status updates are append-only'); END;
CREATE TRIGGER status_update_no_delete BEFORE DELETE ON status_update
BEGIN SELECT RAISE(ABORT, 'status updates are append-only'); END;
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- The audit log is written by triggers so that no write path can forget it.
-- An insert records who added which row: the row itself holds what was
-- added until it changes, and every change records the row before and
-- after. Links have no id of their own, so theirs carry the key.
-- gt_actor(), gt_now() and gt_json() are supplied by the connection (db.c).
CREATE TRIGGER plan_audit_insert AFTER INSERT ON plan BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'plan', NEW.id, 'insert',
          NULL);
END;
CREATE TRIGGER plan_audit_update AFTER UPDATE ON plan BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'plan', NEW.id, 'update',
          gt_json('code', OLD.code, 'kind', OLD.kind, 'title', OLD.title,
                      'owner_unit_id', OLD.owner_unit_id,
                      'period_from', OLD.period_from, 'period_to', OLD.period_to,
                      'review_date', OLD.review_date),
          gt_json('code', NEW.code, 'kind', NEW.kind, 'title', NEW.title,
                      'owner_unit_id', NEW.owner_unit_id,
                      'period_from', NEW.period_from, 'period_to', NEW.period_to,
                      'review_date', NEW.review_date));
END;
CREATE TRIGGER item_audit_insert AFTER INSERT ON item BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'item', NEW.id, 'insert',
          NULL);
END;
CREATE TRIGGER item_audit_update AFTER UPDATE ON item BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'item', NEW.id, 'update',
          gt_json('parent_id', OLD.parent_id, 'kind', OLD.kind,
                      'ref', OLD.ref, 'title', OLD.title,
                      'lead_id', OLD.lead_id, 'owner_id', OLD.owner_id,
                      'deadline', OLD.deadline_text,
                      'monitoring', OLD.monitoring, 'source', OLD.source),
          gt_json('parent_id', NEW.parent_id, 'kind', NEW.kind,
                      'ref', NEW.ref, 'title', NEW.title,
                      'lead_id', NEW.lead_id, 'owner_id', NEW.owner_id,
                      'deadline', NEW.deadline_text,
                      'monitoring', NEW.monitoring, 'source', NEW.source));
END;
CREATE TRIGGER link_audit_insert AFTER INSERT ON link BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'link', NEW.from_item_id, 'insert',
          gt_json('from_item_id', NEW.from_item_id,
                  'to_item_id', NEW.to_item_id));
END;
CREATE TRIGGER link_audit_delete AFTER DELETE ON link BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before)
  VALUES (gt_now(), gt_actor(), 'link', OLD.from_item_id, 'delete',
          gt_json('from_item_id', OLD.from_item_id,
                      'to_item_id', OLD.to_item_id));
END;
CREATE TRIGGER status_update_audit AFTER INSERT ON status_update BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'status_update', NEW.id, 'insert',
          NULL);
END;
CREATE TRIGGER evidence_audit AFTER INSERT ON evidence BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'evidence', NEW.id, 'insert',
          NULL);
END;
CREATE TRIGGER person_audit_insert AFTER INSERT ON person BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'person', NEW.id, 'insert',
          NULL);
END;
CREATE TRIGGER organisation_audit_update AFTER UPDATE ON organisation BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'organisation', NEW.id, 'update',
          gt_json('name', OLD.name, 'ons_code', OLD.ons_code,
                  'dfe_la_code', OLD.dfe_la_code),
          gt_json('name', NEW.name, 'ons_code', NEW.ons_code,
                  'dfe_la_code', NEW.dfe_la_code));
END;
CREATE TRIGGER unit_audit_insert AFTER INSERT ON unit BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'unit', NEW.id, 'insert',
          NULL);
END;
CREATE TRIGGER organisation_audit_insert AFTER INSERT ON organisation BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'organisation', NEW.id, 'insert',
          NULL);
END;
