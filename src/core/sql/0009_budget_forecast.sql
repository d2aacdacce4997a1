-- goldthread store, version 9: budget monitoring. For a month of the
-- budget's year, each service area's forecast outturn (the council
-- funding it expects to spend by the year's end, in pounds); variance and
-- its RAG are worked out against the area's budget, never stored. A
-- forecast corrected for the same month replaces the one before, and the
-- audit log keeps what it was.

CREATE TABLE budget_forecast (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plan(id),
    year       INTEGER NOT NULL,
    month_end  TEXT NOT NULL,     -- the last day of the month reported
    area       TEXT NOT NULL,
    forecast   INTEGER NOT NULL,
    entered_at TEXT NOT NULL,
    UNIQUE (plan_id, year, month_end, area)
);

CREATE TRIGGER budget_forecast_audit_insert AFTER INSERT ON budget_forecast
BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'budget_forecast', NEW.id, 'insert',
          gt_json('month_end', NEW.month_end, 'area', NEW.area,
                  'forecast', NEW.forecast));
END;
CREATE TRIGGER budget_forecast_audit_update AFTER UPDATE ON budget_forecast
BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'budget_forecast', NEW.id, 'update',
          gt_json('month_end', OLD.month_end, 'area', OLD.area,
                  'forecast', OLD.forecast),
          gt_json('month_end', NEW.month_end, 'area', NEW.area,
                  'forecast', NEW.forecast));
END;
