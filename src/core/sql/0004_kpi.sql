-- goldthread store, version 4: key performance indicators. An indicator is
-- defined once (unit, decimals, which way is better, how often it is
-- measured, tolerance); each period then has a value (or a missing-value
-- symbol), its numerator and denominator when it is a rate, a target and a
-- note. A period is stored as its kind and first and last day, so "Q1
-- 2024/25" and "April to June 2024" are the same quarter only if the kind
-- says so. Indicators measure items of the golden thread through kpi_link.

CREATE TABLE kpi (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    definition  TEXT,
    unit        TEXT NOT NULL
                CHECK (unit = 'count' OR unit = 'percent' OR unit = 'rate10k'
                       OR unit = 'days' OR unit = 'gbp000' OR unit = 'ratio'),
    decimals    INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 4),
    polarity    TEXT NOT NULL
                CHECK (polarity = 'higher' OR polarity = 'lower'
                       OR polarity = 'band'),
    frequency   TEXT NOT NULL
                CHECK (frequency = 'monthly' OR frequency = 'quarterly'
                       OR frequency = 'annual' OR frequency = 'snapshot'),
    owner_id    INTEGER REFERENCES person(id),
    tolerance   REAL NOT NULL DEFAULT 0 CHECK (tolerance >= 0),
    tolerance_relative INTEGER NOT NULL DEFAULT 0,
    no_change   REAL NOT NULL DEFAULT 0 CHECK (no_change >= 0)
);

CREATE TABLE kpi_value (
    id           INTEGER PRIMARY KEY,
    kpi_id       INTEGER NOT NULL REFERENCES kpi(id),
    period_kind  TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    -- 'n' for a number in value, or a missing-value symbol; NULL when only
    -- a target has been set for the period
    value_kind   TEXT CHECK (value_kind = 'n' OR value_kind = 'x'
                             OR value_kind = 'z' OR value_kind = 'c'
                             OR value_kind = 'low'),
    value        REAL,
    numerator    REAL,
    denominator  REAL,
    target       REAL,
    target_high  REAL,               -- the top of a band
    note         TEXT,
    entered_by   INTEGER REFERENCES person(id),
    entered_at   TEXT NOT NULL,
    UNIQUE (kpi_id, period_kind, period_start, period_end)
);

CREATE TABLE kpi_link (
    kpi_id  INTEGER NOT NULL REFERENCES kpi(id),
    item_id INTEGER NOT NULL REFERENCES item(id),
    PRIMARY KEY (kpi_id, item_id)
);

CREATE TRIGGER kpi_audit_insert AFTER INSERT ON kpi BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'kpi', NEW.id, 'insert',
          gt_json('code', NEW.code, 'title', NEW.title, 'unit', NEW.unit,
                  'polarity', NEW.polarity, 'frequency', NEW.frequency));
END;
CREATE TRIGGER kpi_value_audit_insert AFTER INSERT ON kpi_value BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'kpi_value', NEW.id, 'insert',
          gt_json('kpi_id', NEW.kpi_id, 'period_start', NEW.period_start,
                  'period_end', NEW.period_end, 'value_kind', NEW.value_kind,
                  'value', NEW.value, 'target', NEW.target,
                  'note', NEW.note));
END;
CREATE TRIGGER kpi_value_audit_update AFTER UPDATE ON kpi_value BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'kpi_value', NEW.id, 'update',
          gt_json('value_kind', OLD.value_kind, 'value', OLD.value,
                  'numerator', OLD.numerator, 'denominator', OLD.denominator,
                  'target', OLD.target, 'target_high', OLD.target_high,
                  'note', OLD.note),
          gt_json('value_kind', NEW.value_kind, 'value', NEW.value,
                  'numerator', NEW.numerator, 'denominator', NEW.denominator,
                  'target', NEW.target, 'target_high', NEW.target_high,
                  'note', NEW.note));
END;
CREATE TRIGGER kpi_link_audit_insert AFTER INSERT ON kpi_link BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'kpi_link', NEW.kpi_id, 'insert',
          gt_json('kpi_id', NEW.kpi_id, 'item_id', NEW.item_id));
END;
