-- PostgreSQL: the rules SQLite's migrations 0001 to 0018 keep in
-- triggers, by the same names on the same tables and events
-- (tests/pg/schema.sh compares them): the audit trail, the append-only
-- history and the rules of plan versions, approvals and sessions. The
-- change counts, tallies and current statuses are in
-- 0018_triggers_counts.sql.
--
-- Who acts and the test clock come from the transaction (gt.actor and
-- gt.now, set by the store when it begins a write).

-- The recorded time as UTC ISO 8601, or the test clock when set.
CREATE FUNCTION gt_now() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('gt.now', true), ''),
                  to_char(now() AT TIME ZONE 'UTC',
                          'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
$$;

CREATE FUNCTION gt_actor() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('gt.actor', true), ''), 'system')
$$;

-- One audit function for every audited table, where SQLite has a trigger
-- of its own for each. Arguments: the column whose value is the entry's
-- row id ('' for none), then columns kept out of the row's JSON (secrets,
-- and contents too large to copy); an update says whether each of those
-- changed instead.
CREATE FUNCTION gt_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  row_of jsonb := coalesce(new_row, old_row);
  kept_out text;
BEGIN
  FOR i IN 1 .. TG_NARGS - 1 LOOP
    kept_out := TG_ARGV[i];
    IF TG_OP = 'UPDATE' THEN
      new_row := new_row || jsonb_build_object(kept_out || '_changed',
        old_row -> kept_out IS DISTINCT FROM new_row -> kept_out);
    END IF;
    old_row := old_row - kept_out;
    new_row := new_row - kept_out;
  END LOOP;
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before,
                        after)
  VALUES (gt_now(), gt_actor(), TG_TABLE_NAME,
          CASE WHEN TG_ARGV[0] <> '' THEN (row_of ->> TG_ARGV[0])::bigint END,
          lower(TG_OP), old_row::text, new_row::text);
  RETURN NULL;
END
$$;

-- A rule that refuses the change, with the words SQLite's gives.
CREATE FUNCTION gt_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER organisation_audit_insert AFTER INSERT ON organisation
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER organisation_audit_update AFTER UPDATE ON organisation
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER unit_audit_insert AFTER INSERT ON unit
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER person_audit_insert AFTER INSERT ON person
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER plan_audit_insert AFTER INSERT ON plan
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER plan_audit_update AFTER UPDATE ON plan
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER item_audit_insert AFTER INSERT ON item
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER item_audit_update AFTER UPDATE ON item
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER link_audit_insert AFTER INSERT ON link
  FOR EACH ROW EXECUTE FUNCTION gt_audit('from_item_id');
CREATE TRIGGER link_audit_delete AFTER DELETE ON link
  FOR EACH ROW EXECUTE FUNCTION gt_audit('from_item_id');
CREATE TRIGGER status_update_audit AFTER INSERT ON status_update
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER evidence_audit AFTER INSERT ON evidence
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id', 'content');
CREATE TRIGGER app_user_audit_insert AFTER INSERT ON app_user
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id', 'password_hash');
CREATE TRIGGER app_user_audit_update AFTER UPDATE ON app_user
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id', 'password_hash');
CREATE TRIGGER api_token_audit_insert AFTER INSERT ON api_token
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id', 'token_hash');
CREATE TRIGGER api_token_audit_update AFTER UPDATE ON api_token
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id', 'token_hash');
CREATE TRIGGER kpi_audit_insert AFTER INSERT ON kpi
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER kpi_value_audit_insert AFTER INSERT ON kpi_value
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER kpi_value_audit_update AFTER UPDATE ON kpi_value
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER kpi_link_audit_insert AFTER INSERT ON kpi_link
  FOR EACH ROW EXECUTE FUNCTION gt_audit('kpi_id');
CREATE TRIGGER kpi_comparator_audit_insert AFTER INSERT ON kpi_comparator
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER kpi_comparator_audit_update AFTER UPDATE ON kpi_comparator
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER csc_load_audit AFTER INSERT ON csc_load
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER budget_line_audit_insert AFTER INSERT ON budget_line
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER budget_line_audit_delete AFTER DELETE ON budget_line
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER budget_forecast_audit_insert AFTER INSERT ON budget_forecast
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER budget_forecast_audit_update AFTER UPDATE ON budget_forecast
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER risk_audit_insert AFTER INSERT ON risk
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER risk_audit_delete AFTER DELETE ON risk
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER workforce_audit_insert AFTER INSERT ON workforce
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER workforce_audit_update AFTER UPDATE ON workforce
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
-- SQLite records these two by its hidden rowid, which PostgreSQL lacks:
-- the key is in the row's JSON
CREATE TRIGGER caseload_band_audit AFTER UPDATE ON caseload_band
  FOR EACH ROW EXECUTE FUNCTION gt_audit('');
CREATE TRIGGER setting_budget_audit_insert AFTER INSERT ON setting
  FOR EACH ROW WHEN (NEW.key IN ('budget_amber', 'budget_red'))
  EXECUTE FUNCTION gt_audit('');
CREATE TRIGGER setting_budget_audit_update AFTER UPDATE ON setting
  FOR EACH ROW WHEN (NEW.key IN ('budget_amber', 'budget_red'))
  EXECUTE FUNCTION gt_audit('');
CREATE TRIGGER caseload_audit_insert AFTER INSERT ON caseload
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER caseload_audit_delete AFTER DELETE ON caseload
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER plan_version_audit_insert AFTER INSERT ON plan_version
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id', 'snapshot');
CREATE TRIGGER plan_version_audit_update AFTER UPDATE ON plan_version
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id', 'snapshot');
CREATE TRIGGER plan_approval_audit AFTER INSERT ON plan_approval
  FOR EACH ROW EXECUTE FUNCTION gt_audit('id');
CREATE TRIGGER plan_section_audit_insert AFTER INSERT ON plan_section
  FOR EACH ROW EXECUTE FUNCTION gt_audit('plan_id');
CREATE TRIGGER plan_section_audit_update AFTER UPDATE ON plan_section
  FOR EACH ROW EXECUTE FUNCTION gt_audit('plan_id');

-- Append-only history
CREATE TRIGGER status_update_no_update BEFORE UPDATE ON status_update
  FOR EACH ROW EXECUTE FUNCTION gt_refuse('status updates are append-only');
CREATE TRIGGER status_update_no_delete BEFORE DELETE ON status_update
  FOR EACH ROW EXECUTE FUNCTION gt_refuse('status updates are append-only');
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
  FOR EACH ROW EXECUTE FUNCTION gt_refuse('evidence is append-only');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION gt_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION gt_refuse('the audit log is append-only');

-- Plan versions and their approvals
CREATE TRIGGER plan_version_fixed BEFORE UPDATE OF plan_id, number, author,
    created_at, snapshot, sha256 ON plan_version
  FOR EACH ROW EXECUTE FUNCTION
    gt_refuse('a plan version''s snapshot never changes');
CREATE TRIGGER plan_version_kept BEFORE DELETE ON plan_version
  FOR EACH ROW EXECUTE FUNCTION gt_refuse('a plan version is never deleted');
CREATE TRIGGER plan_version_draft_only BEFORE UPDATE OF note, review_date,
    circulation ON plan_version
  FOR EACH ROW WHEN (OLD.status <> 'draft') EXECUTE FUNCTION
    gt_refuse('only a draft version''s details can change');
CREATE TRIGGER plan_version_status BEFORE UPDATE OF status ON plan_version
  FOR EACH ROW WHEN (NOT ((OLD.status = 'draft' AND NEW.status IN ('approved',
                                                             'archived'))
                     OR (OLD.status = 'approved' AND NEW.status IN (
                                                  'published', 'archived'))
                     OR (OLD.status = 'published' AND NEW.status = 'archived')
                     OR OLD.status = NEW.status))
  EXECUTE FUNCTION
    gt_refuse('a plan version cannot go back to an earlier status');
-- a trigger's WHEN cannot read another table, so the version's status is
-- read by a function of its own
CREATE FUNCTION gt_approval_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM plan_version WHERE id = NEW.version_id)
     NOT IN ('draft', 'approved') THEN
    RAISE EXCEPTION 'a published or archived version takes no approvals'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER plan_approval_open BEFORE INSERT ON plan_approval
  FOR EACH ROW EXECUTE FUNCTION gt_approval_open();
CREATE TRIGGER plan_approval_kept BEFORE UPDATE ON plan_approval
  FOR EACH ROW EXECUTE FUNCTION gt_refuse('an approval is never changed');
CREATE TRIGGER plan_approval_kept_delete BEFORE DELETE ON plan_approval
  FOR EACH ROW EXECUTE FUNCTION gt_refuse('an approval is never deleted');

-- A changed password, role or disabling ends the user's sessions
CREATE FUNCTION gt_end_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM session WHERE user_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER app_user_end_sessions AFTER UPDATE OF password_hash, role,
    disabled ON app_user
  FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash
                     OR OLD.role IS DISTINCT FROM NEW.role
                     OR OLD.disabled IS DISTINCT FROM NEW.disabled)
  EXECUTE FUNCTION gt_end_sessions();
