-- goldthread store, version 5: comparators. Beside each indicator, the
-- value elsewhere for a period: England, the region, the statistical
-- neighbours (the set named in area), and each council one by one (type
-- 'authority'), from which the quartile position is worked out. Like a
-- value, a comparator for a period is corrected in place and the audit log
-- keeps what it was.

CREATE TABLE kpi_comparator (
    id           INTEGER PRIMARY KEY,
    kpi_id       INTEGER NOT NULL REFERENCES kpi(id),
    period_kind  TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    area_type    TEXT NOT NULL
                 CHECK (area_type = 'england' OR area_type = 'region'
                        OR area_type = 'neighbours'
                        OR area_type = 'authority'),
    area         TEXT NOT NULL CHECK (length(area) > 0),
    value_kind   TEXT NOT NULL
                 CHECK (value_kind = 'n' OR value_kind = 'x'
                        OR value_kind = 'z' OR value_kind = 'c'
                        OR value_kind = 'low'),
    value        REAL,
    entered_at   TEXT NOT NULL,
    UNIQUE (kpi_id, period_kind, period_start, period_end, area_type, area)
);

CREATE TRIGGER kpi_comparator_audit_insert AFTER INSERT ON kpi_comparator
BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'kpi_comparator', NEW.id, 'insert',
          gt_json('kpi_id', NEW.kpi_id, 'period_start', NEW.period_start,
                  'period_end', NEW.period_end, 'area_type', NEW.area_type,
                  'area', NEW.area, 'value_kind', NEW.value_kind,
                  'value', NEW.value));
END;
CREATE TRIGGER kpi_comparator_audit_update AFTER UPDATE ON kpi_comparator
BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'kpi_comparator', NEW.id, 'update',
          gt_json('value_kind', OLD.value_kind, 'value', OLD.value),
          gt_json('value_kind', NEW.value_kind, 'value', NEW.value));
END;
