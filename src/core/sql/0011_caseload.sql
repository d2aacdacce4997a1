-- goldthread store, version 11: caseloads. The policy gives each
-- experience band of social worker the range of cases it should hold
-- (newly qualified 8-10, after the first year 10-12, more than two years
-- 12-20, as plans state it); a council may change the ranges. A caseload
-- snapshot is each worker's cases on one date, by team; loading a date
-- again replaces that date's snapshot. Breaches are worked out, never
-- stored.

CREATE TABLE caseload_band (
    band     TEXT PRIMARY KEY
             CHECK (band IN ('newly-qualified', 'second-year', 'experienced')),
    low      INTEGER NOT NULL CHECK (low >= 0),
    high     INTEGER NOT NULL CHECK (high >= low AND high <= 1000)
);
INSERT INTO caseload_band(band, low, high) VALUES
    ('newly-qualified', 8, 10), ('second-year', 10, 12),
    ('experienced', 12, 20);

CREATE TABLE caseload (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES plan(id),
    as_at    TEXT NOT NULL,
    team     TEXT NOT NULL CHECK (length(team) > 0),
    worker   TEXT NOT NULL CHECK (length(worker) > 0),
    band     TEXT NOT NULL REFERENCES caseload_band(band),
    cases    INTEGER NOT NULL CHECK (cases >= 0),
    UNIQUE (plan_id, as_at, team, worker)
);

CREATE TRIGGER caseload_band_audit AFTER UPDATE ON caseload_band BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'caseload_band', NEW.rowid, 'update',
          gt_json('band', OLD.band, 'low', OLD.low, 'high', OLD.high),
          gt_json('band', NEW.band, 'low', NEW.low, 'high', NEW.high));
END;
CREATE TRIGGER caseload_audit_insert AFTER INSERT ON caseload BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'caseload', NEW.id, 'insert',
          gt_json('as_at', NEW.as_at, 'team', NEW.team, 'worker', NEW.worker,
                  'band', NEW.band, 'cases', NEW.cases));
END;
CREATE TRIGGER caseload_audit_delete AFTER DELETE ON caseload BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before)
  VALUES (gt_now(), gt_actor(), 'caseload', OLD.id, 'delete',
          gt_json('as_at', OLD.as_at, 'team', OLD.team, 'worker', OLD.worker,
                  'band', OLD.band, 'cases', OLD.cases));
END;
