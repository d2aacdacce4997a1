-- goldthread store, version 10: workforce. For each unit (a service or
-- team, as the plan names it) and period: the establishment, the FTE in
-- post and the agency FTE among them, and the working days lost to
-- sickness. Vacancies, the agency share and days lost per FTE are worked
-- out, never stored. A period given again for a unit replaces it; the
-- audit log keeps what it was.

CREATE TABLE workforce (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plan(id),
    unit          TEXT NOT NULL CHECK (length(unit) > 0),
    period_kind   TEXT NOT NULL,
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    establishment REAL NOT NULL CHECK (establishment >= 0),
    filled        REAL NOT NULL CHECK (filled >= 0),
    agency        REAL NOT NULL CHECK (agency >= 0),
    sickness_days REAL CHECK (sickness_days >= 0),
    UNIQUE (plan_id, unit, period_kind, period_start, period_end)
);

CREATE TRIGGER workforce_audit_insert AFTER INSERT ON workforce BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'workforce', NEW.id, 'insert',
          gt_json('unit', NEW.unit, 'period_end', NEW.period_end,
                  'establishment', NEW.establishment, 'filled', NEW.filled,
                  'agency', NEW.agency, 'sickness_days', NEW.sickness_days));
END;
CREATE TRIGGER workforce_audit_update AFTER UPDATE ON workforce BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'workforce', NEW.id, 'update',
          gt_json('establishment', OLD.establishment, 'filled', OLD.filled,
                  'agency', OLD.agency, 'sickness_days', OLD.sickness_days),
          gt_json('establishment', NEW.establishment, 'filled', NEW.filled,
                  'agency', NEW.agency, 'sickness_days', NEW.sickness_days));
END;
