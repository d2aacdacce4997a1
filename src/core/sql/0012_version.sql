-- goldthread store, version 12: plan versions and approvals, and the
-- departmental template's sections.
--
-- A version is a snapshot of a plan as it stood (its fields, sections,
-- items with their statuses, indicators, budget and risks) kept as a JSON
-- document that never changes, with its number, author, what changed and
-- its status: draft, then approved (once a body has approved it), then
-- published (the one a council has put out; publishing another archives
-- it), and archived. Approvals name the body (the author, a Directorate
-- Management Team, Cabinet), the date and who approved. Review date and
-- circulation belong to the version and change only while it is a draft.
-- The rules are kept here as well as in the code, so no path round the
-- code can rewrite what was approved.

CREATE TABLE plan_section (
    plan_id  INTEGER NOT NULL REFERENCES plan(id),
    section  TEXT NOT NULL CHECK (section IN ('ambitions', 'budget',
             'outcomes', 'projects', 'capabilities', 'horizon')),
    body     TEXT NOT NULL CHECK (length(body) <= 20000),
    PRIMARY KEY (plan_id, section)
);

CREATE TABLE plan_version (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan(id),
    number      INTEGER NOT NULL CHECK (number >= 1),
    status      TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'approved', 'published',
                                  'archived')),
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    note        TEXT,
    review_date TEXT,
    circulation TEXT,
    snapshot    TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    UNIQUE (plan_id, number)
);

CREATE TABLE plan_approval (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES plan_version(id),
    body        TEXT NOT NULL CHECK (length(body) > 0),
    approved_on TEXT NOT NULL,
    approved_by TEXT NOT NULL CHECK (length(approved_by) > 0),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TRIGGER plan_version_fixed BEFORE UPDATE OF plan_id, number, author,
    created_at, snapshot, sha256 ON plan_version BEGIN
  SELECT RAISE(ABORT, 'a plan version''s snapshot never changes');
END;
CREATE TRIGGER plan_version_kept BEFORE DELETE ON plan_version BEGIN
  SELECT RAISE(ABORT, 'a plan version is never deleted');
END;
CREATE TRIGGER plan_version_draft_only BEFORE UPDATE OF note, review_date,
    circulation ON plan_version WHEN OLD.status <> 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft version''s details can change');
END;
CREATE TRIGGER plan_version_status BEFORE UPDATE OF status ON plan_version
    WHEN NOT ((OLD.status = 'draft' AND NEW.status IN ('approved',
                                                        'archived'))
           OR (OLD.status = 'approved' AND NEW.status IN ('published',
                                                           'archived'))
           OR (OLD.status = 'published' AND NEW.status = 'archived')
           OR OLD.status = NEW.status) BEGIN
  SELECT RAISE(ABORT, 'a plan version cannot go back to an earlier status');
END;
CREATE TRIGGER plan_approval_open BEFORE INSERT ON plan_approval
    WHEN (SELECT status FROM plan_version WHERE id = NEW.version_id)
         NOT IN ('draft', 'approved') BEGIN
  SELECT RAISE(ABORT, 'a published or archived version takes no approvals');
END;
CREATE TRIGGER plan_approval_kept BEFORE UPDATE ON plan_approval BEGIN
  SELECT RAISE(ABORT, 'an approval is never changed');
END;
CREATE TRIGGER plan_approval_kept_delete BEFORE DELETE ON plan_approval BEGIN
  SELECT RAISE(ABORT, 'an approval is never deleted');
END;

CREATE TRIGGER plan_version_audit_insert AFTER INSERT ON plan_version BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'plan_version', NEW.id, 'insert',
          gt_json('number', NEW.number, 'status', NEW.status,
                  'sha256', NEW.sha256));
END;
CREATE TRIGGER plan_version_audit_update AFTER UPDATE ON plan_version BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'plan_version', NEW.id, 'update',
          gt_json('status', OLD.status, 'note', OLD.note,
                  'review_date', OLD.review_date,
                  'circulation', OLD.circulation),
          gt_json('status', NEW.status, 'note', NEW.note,
                  'review_date', NEW.review_date,
                  'circulation', NEW.circulation));
END;
CREATE TRIGGER plan_approval_audit AFTER INSERT ON plan_approval BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'plan_approval', NEW.id, 'insert',
          gt_json('version_id', NEW.version_id, 'body', NEW.body,
                  'approved_on', NEW.approved_on,
                  'approved_by', NEW.approved_by));
END;
CREATE TRIGGER plan_section_audit_insert AFTER INSERT ON plan_section BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'plan_section', NEW.plan_id, 'insert',
          gt_json('section', NEW.section, 'body', NEW.body));
END;
CREATE TRIGGER plan_section_audit_update AFTER UPDATE ON plan_section BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'plan_section', NEW.plan_id, 'update',
          gt_json('section', OLD.section, 'body', OLD.body),
          gt_json('section', NEW.section, 'body', NEW.body));
END;
