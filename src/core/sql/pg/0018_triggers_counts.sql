-- PostgreSQL: the counts SQLite's migrations 0015, 0016 and 0018 keep in
-- triggers, by the same names on the same tables and events: each plan's
-- count of changes and the rest's (what retires a kept page), each
-- plan's tally of its work by status, and each item's current status.
-- The rules are SQLite's, written once: see 0016_change_counts.sql for
-- what belongs to a plan, and 0018_status_counts.sql for the tallies.

-- Seed rows the SQLite migrations write
INSERT INTO data_change(id, n) VALUES (1, 0);
INSERT INTO caseload_band(band, low, high) VALUES
    ('newly-qualified', 8, 10), ('second-year', 10, 12),
    ('experienced', 12, 20);

-- One function for every count of changes, where SQLite has a trigger a
-- table and event. Its arguments say where the row's plans are: a column
-- ("plan_id") of the row, or a table and the row's column naming a row of
-- it ("item.item_id": the plan of the item the row's item_id names);
-- both the old and the new row's. No argument: the row belongs to no
-- plan, and the rest's count moves.
CREATE FUNCTION gt_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rows_of jsonb[] := ARRAY[]::jsonb[];
  plans bigint[] := ARRAY[]::bigint[];
  r jsonb;
  arg text;
  found_plan bigint;
BEGIN
  IF TG_NARGS = 0 THEN
    UPDATE data_change SET n = n + 1;
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN rows_of := rows_of || to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN rows_of := rows_of || to_jsonb(NEW); END IF;
  FOREACH r IN ARRAY rows_of LOOP
    FOR i IN 0 .. TG_NARGS - 1 LOOP
      arg := TG_ARGV[i];
      IF position('.' IN arg) = 0 THEN
        found_plan := (r ->> arg)::bigint;
      ELSE
        EXECUTE format('SELECT plan_id FROM %I WHERE id = $1',
                       split_part(arg, '.', 1))
          INTO found_plan USING (r ->> split_part(arg, '.', 2))::bigint;
      END IF;
      plans := plans || found_plan;
    END LOOP;
  END LOOP;
  UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = ANY (plans);
  RETURN NULL;
END
$$;

-- A plan's tally row is made with the plan, so its count can be read
-- before it has items; a new plan starts at 1 and a deleted one moves the
-- rest, so the pair read by pages of every plan never comes round again.
CREATE FUNCTION gt_plan_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO plan_tally(plan_id, changes) VALUES (NEW.id, 1)
    ON CONFLICT(plan_id) DO UPDATE SET changes = plan_tally.changes + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE plan_tally SET changes = changes + 1 WHERE plan_id = NEW.id;
  ELSE
    UPDATE data_change SET n = n + 1;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER plan_changes_insert AFTER INSERT ON plan
  FOR EACH ROW EXECUTE FUNCTION gt_plan_changes();
CREATE TRIGGER plan_changes_update AFTER UPDATE ON plan
  FOR EACH ROW EXECUTE FUNCTION gt_plan_changes();
CREATE TRIGGER plan_changes_delete AFTER DELETE ON plan
  FOR EACH ROW EXECUTE FUNCTION gt_plan_changes();

-- A new item counts in its plan's tally, Not rated; a parent that had no
-- children stops counting as work. Not in a bulk write (gt.bulk set for
-- its transaction), whose commit counts its plans afresh: updating the one
-- tally row a new row walks every version of it the transaction has made.
CREATE FUNCTION gt_tally_item() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  carries int := (NEW.kind NOT IN ('priority', 'theme'))::int;
BEGIN
  IF current_setting('gt.bulk', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO plan_tally(plan_id) VALUES (NEW.plan_id)
  ON CONFLICT(plan_id) DO NOTHING;
  UPDATE plan_tally SET items = items + 1, changes = changes + 1,
    not_rated = not_rated + carries,
    status_not_rated = status_not_rated + carries
  WHERE plan_id = NEW.plan_id;
  UPDATE plan_tally SET blue = blue - (x.brag = 'blue')::int,
    red = red - (x.brag = 'red')::int,
    amber = amber - (x.brag = 'amber')::int,
    green = green - (x.brag = 'green')::int,
    not_rated = not_rated - (x.brag = 'not_rated')::int
  FROM (SELECT p.plan_id, coalesce(c.brag, 'not_rated') AS brag
        FROM item p LEFT JOIN item_status c ON c.item_id = p.id
        WHERE p.id = NEW.parent_id AND p.kind NOT IN ('priority', 'theme')
        AND (SELECT count(*) FROM item k WHERE k.parent_id = p.id) = 1) AS x
  WHERE plan_tally.plan_id = x.plan_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER plan_tally_item AFTER INSERT ON item
  FOR EACH ROW EXECUTE FUNCTION gt_tally_item();

-- A status update moves its plan's tally from the item's old current
-- status to its new one, and becomes the current status when it
-- describes a later day (or the same day, recorded later); in a bulk
-- write, the tally is left to its commit as above.
CREATE FUNCTION gt_status_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('gt.bulk', true), '') <> 'on' THEN
    UPDATE plan_tally SET
      blue = blue + x.work * ((x.new = 'blue')::int - (x.old = 'blue')::int),
      red = red + x.work * ((x.new = 'red')::int - (x.old = 'red')::int),
      amber = amber +
        x.work * ((x.new = 'amber')::int - (x.old = 'amber')::int),
      green = green +
        x.work * ((x.new = 'green')::int - (x.old = 'green')::int),
      not_rated = not_rated +
        x.work * ((x.new = 'not_rated')::int - (x.old = 'not_rated')::int),
      latest = greatest(coalesce(latest, ''), NEW.as_of),
      changes = changes + 1,
      status_blue = status_blue +
        x.carries * ((x.new = 'blue')::int - (x.old = 'blue')::int),
      status_red = status_red +
        x.carries * ((x.new = 'red')::int - (x.old = 'red')::int),
      status_amber = status_amber +
        x.carries * ((x.new = 'amber')::int - (x.old = 'amber')::int),
      status_green = status_green +
        x.carries * ((x.new = 'green')::int - (x.old = 'green')::int),
      status_not_rated = status_not_rated +
        x.carries * ((x.new = 'not_rated')::int - (x.old = 'not_rated')::int)
    FROM (SELECT i.plan_id, coalesce(c.brag, 'not_rated') AS old,
            CASE WHEN c.item_id IS NULL OR (NEW.as_of, NEW.id) >
              (c.as_of, c.status_id) THEN NEW.brag ELSE c.brag END AS new,
            (i.kind NOT IN ('priority', 'theme'))::int AS carries,
            (i.kind NOT IN ('priority', 'theme') AND NOT EXISTS (
              SELECT 1 FROM item k WHERE k.parent_id = i.id))::int AS work
          FROM item i LEFT JOIN item_status c ON c.item_id = i.id
          WHERE i.id = NEW.item_id) AS x
    WHERE plan_tally.plan_id = x.plan_id;
  END IF;
  INSERT INTO item_status(item_id, status_id, brag, as_of, last_update_id)
  VALUES (NEW.item_id, NEW.id, NEW.brag, NEW.as_of, NEW.id)
  ON CONFLICT(item_id) DO UPDATE SET
    status_id = CASE WHEN (excluded.as_of, excluded.status_id) >
        (item_status.as_of, item_status.status_id)
      THEN excluded.status_id ELSE item_status.status_id END,
    brag = CASE WHEN (excluded.as_of, excluded.status_id) >
        (item_status.as_of, item_status.status_id)
      THEN excluded.brag ELSE item_status.brag END,
    as_of = greatest(excluded.as_of, item_status.as_of),
    last_update_id = greatest(excluded.last_update_id,
                              item_status.last_update_id);
  RETURN NULL;
END
$$;
CREATE TRIGGER item_status_keep AFTER INSERT ON status_update
  FOR EACH ROW EXECUTE FUNCTION gt_status_keep();

-- What belongs to a plan, and through what
CREATE TRIGGER item_changes_update AFTER UPDATE ON item
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER item_changes_delete AFTER DELETE ON item
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER evidence_changes_insert AFTER INSERT ON evidence
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('item.item_id');
CREATE TRIGGER evidence_changes_delete AFTER DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('item.item_id');
CREATE TRIGGER link_changes_insert AFTER INSERT ON link
  FOR EACH ROW EXECUTE FUNCTION
    gt_count_change('item.from_item_id', 'item.to_item_id');
CREATE TRIGGER link_changes_update AFTER UPDATE ON link
  FOR EACH ROW EXECUTE FUNCTION
    gt_count_change('item.from_item_id', 'item.to_item_id');
CREATE TRIGGER link_changes_delete AFTER DELETE ON link
  FOR EACH ROW EXECUTE FUNCTION
    gt_count_change('item.from_item_id', 'item.to_item_id');
CREATE TRIGGER plan_section_changes_insert AFTER INSERT ON plan_section
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER plan_section_changes_update AFTER UPDATE ON plan_section
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER plan_section_changes_delete AFTER DELETE ON plan_section
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER plan_version_changes_insert AFTER INSERT ON plan_version
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER plan_version_changes_update AFTER UPDATE ON plan_version
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER plan_approval_changes_insert AFTER INSERT ON plan_approval
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_version.version_id');
CREATE TRIGGER risk_changes_insert AFTER INSERT ON risk
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER risk_changes_update AFTER UPDATE ON risk
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER risk_changes_delete AFTER DELETE ON risk
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER risk_link_changes_insert AFTER INSERT ON risk_link
  FOR EACH ROW EXECUTE FUNCTION
    gt_count_change('risk.risk_id', 'item.item_id');
CREATE TRIGGER risk_link_changes_update AFTER UPDATE ON risk_link
  FOR EACH ROW EXECUTE FUNCTION
    gt_count_change('risk.risk_id', 'item.item_id');
CREATE TRIGGER risk_link_changes_delete AFTER DELETE ON risk_link
  FOR EACH ROW EXECUTE FUNCTION
    gt_count_change('risk.risk_id', 'item.item_id');
CREATE TRIGGER risk_mitigation_changes_insert AFTER INSERT ON risk_mitigation
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('risk.risk_id');
CREATE TRIGGER risk_mitigation_changes_update AFTER UPDATE ON risk_mitigation
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('risk.risk_id');
CREATE TRIGGER risk_mitigation_changes_delete AFTER DELETE ON risk_mitigation
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('risk.risk_id');
CREATE TRIGGER budget_line_changes_insert AFTER INSERT ON budget_line
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER budget_line_changes_update AFTER UPDATE ON budget_line
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER budget_line_changes_delete AFTER DELETE ON budget_line
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER budget_forecast_changes_insert AFTER INSERT ON budget_forecast
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER budget_forecast_changes_update AFTER UPDATE ON budget_forecast
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER budget_forecast_changes_delete AFTER DELETE ON budget_forecast
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER budget_stated_changes_insert AFTER INSERT ON budget_stated
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER budget_stated_changes_update AFTER UPDATE ON budget_stated
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER budget_stated_changes_delete AFTER DELETE ON budget_stated
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER workforce_changes_insert AFTER INSERT ON workforce
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER workforce_changes_update AFTER UPDATE ON workforce
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER workforce_changes_delete AFTER DELETE ON workforce
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER caseload_changes_insert AFTER INSERT ON caseload
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER caseload_changes_update AFTER UPDATE ON caseload
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');
CREATE TRIGGER caseload_changes_delete AFTER DELETE ON caseload
  FOR EACH ROW EXECUTE FUNCTION gt_count_change('plan_id');

-- Everything else a page may show: one count between them
CREATE TRIGGER kpi_changes_insert AFTER INSERT ON kpi
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_changes_update AFTER UPDATE ON kpi
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_changes_delete AFTER DELETE ON kpi
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_value_changes_insert AFTER INSERT ON kpi_value
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_value_changes_update AFTER UPDATE ON kpi_value
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_value_changes_delete AFTER DELETE ON kpi_value
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_link_changes_insert AFTER INSERT ON kpi_link
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_link_changes_update AFTER UPDATE ON kpi_link
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_link_changes_delete AFTER DELETE ON kpi_link
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_comparator_changes_insert AFTER INSERT ON kpi_comparator
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_comparator_changes_update AFTER UPDATE ON kpi_comparator
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER kpi_comparator_changes_delete AFTER DELETE ON kpi_comparator
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER person_changes_insert AFTER INSERT ON person
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER person_changes_update AFTER UPDATE ON person
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER person_changes_delete AFTER DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER unit_changes_insert AFTER INSERT ON unit
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER unit_changes_update AFTER UPDATE ON unit
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER unit_changes_delete AFTER DELETE ON unit
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER organisation_changes_insert AFTER INSERT ON organisation
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER organisation_changes_update AFTER UPDATE ON organisation
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER organisation_changes_delete AFTER DELETE ON organisation
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER setting_changes_insert AFTER INSERT ON setting
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER setting_changes_update AFTER UPDATE ON setting
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER setting_changes_delete AFTER DELETE ON setting
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER caseload_band_changes_insert AFTER INSERT ON caseload_band
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER caseload_band_changes_update AFTER UPDATE ON caseload_band
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();
CREATE TRIGGER caseload_band_changes_delete AFTER DELETE ON caseload_band
  FOR EACH ROW EXECUTE FUNCTION gt_count_change();

-- SQLite's group_concat(value, separator), which the store's SQL uses
-- (PostgreSQL's own is string_agg): the values in the order they come
CREATE FUNCTION gt_concat_step(so_far text, value text, separator text)
  RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN so_far
              WHEN so_far IS NULL THEN value
              ELSE so_far || separator || value END
$$;
CREATE AGGREGATE group_concat(text, text) (
  SFUNC = gt_concat_step, STYPE = text);
