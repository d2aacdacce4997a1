-- goldthread store, version 16: counts of changes, one for each plan and
-- one for everything else, so that a page kept by the server is retired
-- by a change to what it shows and by nothing else.
--
-- A plan's count (plan_tally.changes) goes up with every insert, update
-- or delete of a row that belongs to the plan: the plan, its sections,
-- versions and approvals, items, status updates, evidence, links (both
-- ends' plans), risks with their links and mitigations, budget lines,
-- forecasts and statements, workforce and caseloads. data_change.n goes up
-- with every change to anything else a page may show: indicators, their
-- values, links and comparators, people, units, the organisation,
-- settings and caseload bands. Not counted, since no kept page shows
-- them: the audit log, sessions, sign-in failures, users and API tokens,
-- child-level records, and the two tables derived here (item_status,
-- plan_tally). Counts are kept by triggers in the writing transaction,
-- so a rollback takes its counts back too; the unit tests check that
-- every table is counted or named above. A bulk import counts each plan
-- it touched once, at its commit (db.c).

ALTER TABLE plan_tally ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;

CREATE TABLE data_change (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO data_change(id, n) VALUES (1, 0);

-- every plan has its tally, so its count can be read before it has
-- items. Pages of every plan read the sum of the plans' counts with the
-- rest: a new plan starts at 1 so that the sum moves, and a plan deleted
-- moves the rest, so the pair never comes round to an earlier value.
INSERT INTO plan_tally(plan_id) SELECT id FROM plan
  WHERE id NOT IN (SELECT plan_id FROM plan_tally);
CREATE TRIGGER plan_changes_insert AFTER INSERT ON plan BEGIN
  INSERT INTO plan_tally(plan_id, changes) VALUES (NEW.id, 1)
  ON CONFLICT(plan_id) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER plan_changes_update AFTER UPDATE ON plan BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.id;
END;
CREATE TRIGGER plan_changes_delete AFTER DELETE ON plan BEGIN
  UPDATE data_change SET n = n + 1;
END;

-- the two triggers of version 15, counting as they go: they already
-- write the plan's tally row, so counting costs a write no more
DROP TRIGGER plan_tally_item;
CREATE TRIGGER plan_tally_item AFTER INSERT ON item BEGIN
  INSERT INTO plan_tally(plan_id) VALUES (NEW.plan_id)
  ON CONFLICT(plan_id) DO NOTHING;
  UPDATE plan_tally SET items = items + 1, changes = changes + 1,
    not_rated = not_rated + (NEW.kind NOT IN ('priority', 'theme'))
  WHERE plan_id = NEW.plan_id;
  UPDATE plan_tally SET blue = blue - (x.brag = 'blue'),
    red = red - (x.brag = 'red'), amber = amber - (x.brag = 'amber'),
    green = green - (x.brag = 'green'),
    not_rated = not_rated - (x.brag = 'not_rated')
  FROM (SELECT p.plan_id, IFNULL(c.brag, 'not_rated') AS brag
        FROM item p LEFT JOIN item_status c ON c.item_id = p.id
        WHERE p.id = NEW.parent_id AND p.kind NOT IN ('priority', 'theme')
        AND (SELECT count(*) FROM item k WHERE k.parent_id = p.id) = 1) AS x
  WHERE plan_tally.plan_id = x.plan_id;
END;

DROP TRIGGER item_status_keep;
CREATE TRIGGER item_status_keep AFTER INSERT ON status_update BEGIN
  UPDATE plan_tally SET
    blue = blue + x.work * ((x.new = 'blue') - (x.old = 'blue')),
    red = red + x.work * ((x.new = 'red') - (x.old = 'red')),
    amber = amber + x.work * ((x.new = 'amber') - (x.old = 'amber')),
    green = green + x.work * ((x.new = 'green') - (x.old = 'green')),
    not_rated = not_rated +
      x.work * ((x.new = 'not_rated') - (x.old = 'not_rated')),
    latest = max(IFNULL(latest, ''), NEW.as_of),
    changes = changes + 1
  FROM (SELECT i.plan_id, IFNULL(c.brag, 'not_rated') AS old,
          CASE WHEN c.item_id IS NULL OR (NEW.as_of, NEW.id) >
            (c.as_of, c.status_id) THEN NEW.brag ELSE c.brag END AS new,
          i.kind NOT IN ('priority', 'theme') AND NOT EXISTS (
            SELECT 1 FROM item k WHERE k.parent_id = i.id) AS work
        FROM item i LEFT JOIN item_status c ON c.item_id = i.id
        WHERE i.id = NEW.item_id) AS x
  WHERE plan_tally.plan_id = x.plan_id;
  INSERT INTO item_status(item_id, status_id, brag, as_of, last_update_id)
  VALUES (NEW.item_id, NEW.id, NEW.brag, NEW.as_of, NEW.id)
  ON CONFLICT(item_id) DO UPDATE SET
    status_id = CASE WHEN (excluded.as_of, excluded.status_id) >
        (item_status.as_of, item_status.status_id)
      THEN excluded.status_id ELSE item_status.status_id END,
    brag = CASE WHEN (excluded.as_of, excluded.status_id) >
        (item_status.as_of, item_status.status_id)
      THEN excluded.brag ELSE item_status.brag END,
    as_of = max(excluded.as_of, item_status.as_of),
    last_update_id = max(excluded.last_update_id, item_status.last_update_id);
END;

CREATE TRIGGER item_changes_update AFTER UPDATE ON item BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER item_changes_delete AFTER DELETE ON item BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = OLD.plan_id;
END;

CREATE TRIGGER evidence_changes_insert AFTER INSERT ON evidence BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id = (SELECT plan_id FROM item WHERE id = NEW.item_id);
END;
CREATE TRIGGER evidence_changes_delete AFTER DELETE ON evidence BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id = (SELECT plan_id FROM item WHERE id = OLD.item_id);
END;

CREATE TRIGGER link_changes_insert AFTER INSERT ON link BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id IN (
    SELECT plan_id FROM item WHERE id IN (NEW.from_item_id, NEW.to_item_id));
END;
CREATE TRIGGER link_changes_update AFTER UPDATE ON link BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id IN (
    SELECT plan_id FROM item WHERE id IN (OLD.from_item_id, OLD.to_item_id,
                                          NEW.from_item_id, NEW.to_item_id));
END;
CREATE TRIGGER link_changes_delete AFTER DELETE ON link BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id IN (
    SELECT plan_id FROM item WHERE id IN (OLD.from_item_id, OLD.to_item_id));
END;

CREATE TRIGGER plan_section_changes_insert AFTER INSERT ON plan_section BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER plan_section_changes_update AFTER UPDATE ON plan_section BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER plan_section_changes_delete AFTER DELETE ON plan_section BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = OLD.plan_id;
END;

CREATE TRIGGER plan_version_changes_insert AFTER INSERT ON plan_version BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER plan_version_changes_update AFTER UPDATE ON plan_version BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;

CREATE TRIGGER plan_approval_changes_insert AFTER INSERT ON plan_approval
BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id =
    (SELECT plan_id FROM plan_version WHERE id = NEW.version_id);
END;

CREATE TRIGGER risk_changes_insert AFTER INSERT ON risk BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER risk_changes_update AFTER UPDATE ON risk BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER risk_changes_delete AFTER DELETE ON risk BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = OLD.plan_id;
END;

CREATE TRIGGER risk_link_changes_insert AFTER INSERT ON risk_link BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id IN (
    SELECT plan_id FROM risk WHERE id = NEW.risk_id
    UNION SELECT plan_id FROM item WHERE id = NEW.item_id);
END;
CREATE TRIGGER risk_link_changes_update AFTER UPDATE ON risk_link BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id IN (
    SELECT plan_id FROM risk WHERE id IN (OLD.risk_id, NEW.risk_id)
    UNION SELECT plan_id FROM item WHERE id IN (OLD.item_id, NEW.item_id));
END;
CREATE TRIGGER risk_link_changes_delete AFTER DELETE ON risk_link BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id IN (
    SELECT plan_id FROM risk WHERE id = OLD.risk_id
    UNION SELECT plan_id FROM item WHERE id = OLD.item_id);
END;

CREATE TRIGGER risk_mitigation_changes_insert AFTER INSERT ON risk_mitigation
BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id = (SELECT plan_id FROM risk WHERE id = NEW.risk_id);
END;
CREATE TRIGGER risk_mitigation_changes_update AFTER UPDATE ON risk_mitigation
BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id IN (
    SELECT plan_id FROM risk WHERE id IN (OLD.risk_id, NEW.risk_id));
END;
CREATE TRIGGER risk_mitigation_changes_delete AFTER DELETE ON risk_mitigation
BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id = (SELECT plan_id FROM risk WHERE id = OLD.risk_id);
END;

-- tables whose rows carry their plan: the same three triggers each
CREATE TRIGGER budget_line_changes_insert AFTER INSERT ON budget_line BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER budget_line_changes_update AFTER UPDATE ON budget_line BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER budget_line_changes_delete AFTER DELETE ON budget_line BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = OLD.plan_id;
END;
CREATE TRIGGER budget_forecast_changes_insert AFTER INSERT ON budget_forecast
BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER budget_forecast_changes_update AFTER UPDATE ON budget_forecast
BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER budget_forecast_changes_delete AFTER DELETE ON budget_forecast
BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = OLD.plan_id;
END;
CREATE TRIGGER budget_stated_changes_insert AFTER INSERT ON budget_stated
BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER budget_stated_changes_update AFTER UPDATE ON budget_stated
BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER budget_stated_changes_delete AFTER DELETE ON budget_stated
BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = OLD.plan_id;
END;
CREATE TRIGGER workforce_changes_insert AFTER INSERT ON workforce BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER workforce_changes_update AFTER UPDATE ON workforce BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER workforce_changes_delete AFTER DELETE ON workforce BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = OLD.plan_id;
END;
CREATE TRIGGER caseload_changes_insert AFTER INSERT ON caseload BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER caseload_changes_update AFTER UPDATE ON caseload BEGIN
  UPDATE plan_tally SET changes = changes + 1
  WHERE plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER caseload_changes_delete AFTER DELETE ON caseload BEGIN
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = OLD.plan_id;
END;

-- everything else a page may show: one count between them
CREATE TRIGGER kpi_changes_insert AFTER INSERT ON kpi
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_changes_update AFTER UPDATE ON kpi
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_changes_delete AFTER DELETE ON kpi
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_value_changes_insert AFTER INSERT ON kpi_value
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_value_changes_update AFTER UPDATE ON kpi_value
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_value_changes_delete AFTER DELETE ON kpi_value
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_link_changes_insert AFTER INSERT ON kpi_link
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_link_changes_update AFTER UPDATE ON kpi_link
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_link_changes_delete AFTER DELETE ON kpi_link
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_comparator_changes_insert AFTER INSERT ON kpi_comparator
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_comparator_changes_update AFTER UPDATE ON kpi_comparator
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER kpi_comparator_changes_delete AFTER DELETE ON kpi_comparator
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER person_changes_insert AFTER INSERT ON person
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER person_changes_update AFTER UPDATE ON person
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER person_changes_delete AFTER DELETE ON person
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER unit_changes_insert AFTER INSERT ON unit
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER unit_changes_update AFTER UPDATE ON unit
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER unit_changes_delete AFTER DELETE ON unit
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER organisation_changes_insert AFTER INSERT ON organisation
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER organisation_changes_update AFTER UPDATE ON organisation
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER organisation_changes_delete AFTER DELETE ON organisation
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER setting_changes_insert AFTER INSERT ON setting
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER setting_changes_update AFTER UPDATE ON setting
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER setting_changes_delete AFTER DELETE ON setting
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER caseload_band_changes_insert AFTER INSERT ON caseload_band
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER caseload_band_changes_update AFTER UPDATE ON caseload_band
BEGIN UPDATE data_change SET n = n + 1; END;
CREATE TRIGGER caseload_band_changes_delete AFTER DELETE ON caseload_band
BEGIN UPDATE data_change SET n = n + 1; END;
