-- goldthread store, version 8: the risk register. A plan's risks, each
-- with its cause and effect, owner, category, likelihood and impact from 1
-- to 5 before any control (inherent), now (residual) and aimed for
-- (target), and when it is next to be reviewed; its mitigations (owner,
-- status, due date) in order; and the items of the plan it threatens. An
-- import replaces the plan's register; the audit log keeps every risk.

CREATE TABLE risk (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan(id),
    ref         TEXT NOT NULL CHECK (length(ref) > 0),
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL CHECK (length(title) > 0),
    cause       TEXT,
    effect      TEXT,
    owner_id    INTEGER REFERENCES person(id),
    category    TEXT,
    inherent_l  INTEGER NOT NULL CHECK (inherent_l BETWEEN 1 AND 5),
    inherent_i  INTEGER NOT NULL CHECK (inherent_i BETWEEN 1 AND 5),
    residual_l  INTEGER NOT NULL CHECK (residual_l BETWEEN 1 AND 5),
    residual_i  INTEGER NOT NULL CHECK (residual_i BETWEEN 1 AND 5),
    target_l    INTEGER CHECK (target_l BETWEEN 1 AND 5),
    target_i    INTEGER CHECK (target_i BETWEEN 1 AND 5),
    review_date TEXT,
    UNIQUE (plan_id, ref)
);

CREATE TABLE risk_mitigation (
    id       INTEGER PRIMARY KEY,
    risk_id  INTEGER NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    action   TEXT NOT NULL CHECK (length(action) > 0),
    owner_id INTEGER REFERENCES person(id),
    status   TEXT NOT NULL
             CHECK (status = 'planned' OR status = 'in progress'
                    OR status = 'done'),
    due      TEXT
);

CREATE TABLE risk_link (
    risk_id INTEGER NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES item(id),
    PRIMARY KEY (risk_id, item_id)
);

CREATE TRIGGER risk_audit_insert AFTER INSERT ON risk BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'risk', NEW.id, 'insert',
          gt_json('ref', NEW.ref, 'title', NEW.title,
                  'residual', NEW.residual_l * NEW.residual_i,
                  'review_date', NEW.review_date));
END;
CREATE TRIGGER risk_audit_delete AFTER DELETE ON risk BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before)
  VALUES (gt_now(), gt_actor(), 'risk', OLD.id, 'delete',
          gt_json('ref', OLD.ref, 'title', OLD.title,
                  'residual', OLD.residual_l * OLD.residual_i,
                  'review_date', OLD.review_date));
END;
