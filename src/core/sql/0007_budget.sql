-- goldthread store, version 7: revenue budgets. A plan's budget for a
-- financial year is its lines (service area, team or line, gross
-- expenditure, grants, other income, in pounds with income positive), in
-- the order given; total income and council funding are computed from
-- them, never stored. The totals the source table stated are kept beside
-- them (area '' for the grand total), so the table can be reconciled and
-- shown as the council wrote it. An import replaces the year's budget.

CREATE TABLE budget_line (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plan(id),
    year         INTEGER NOT NULL,     -- 2017 for 2017/18
    position     INTEGER NOT NULL,
    area         TEXT NOT NULL CHECK (length(area) > 0),
    name         TEXT NOT NULL CHECK (length(name) > 0),
    gross        INTEGER NOT NULL,
    grants       INTEGER NOT NULL,
    other_income INTEGER NOT NULL,
    unit         INTEGER NOT NULL CHECK (unit > 0),  -- the source's precision
    UNIQUE (plan_id, year, position)
);

CREATE TABLE budget_stated (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plan(id),
    year         INTEGER NOT NULL,
    area         TEXT NOT NULL,
    gross        INTEGER,
    grants       INTEGER,
    other_income INTEGER,
    income       INTEGER,
    funding      INTEGER,
    UNIQUE (plan_id, year, area)
);

CREATE TRIGGER budget_line_audit_insert AFTER INSERT ON budget_line BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'budget_line', NEW.id, 'insert',
          gt_json('year', NEW.year, 'area', NEW.area, 'name', NEW.name,
                  'gross', NEW.gross, 'grants', NEW.grants,
                  'other_income', NEW.other_income));
END;
CREATE TRIGGER budget_line_audit_delete AFTER DELETE ON budget_line BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before)
  VALUES (gt_now(), gt_actor(), 'budget_line', OLD.id, 'delete',
          gt_json('year', OLD.year, 'area', OLD.area, 'name', OLD.name,
                  'gross', OLD.gross, 'grants', OLD.grants,
                  'other_income', OLD.other_income));
END;
