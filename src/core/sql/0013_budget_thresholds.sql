-- goldthread store, version 13: a council's own RAG thresholds for budget
-- monitoring are settings (budget_amber, budget_red: basis points over
-- budget, 50 being 0.5%); without them the defaults of 0.5% and 2% apply.
-- A change moves every forecast's RAG, so it is audited. Other settings
-- (the key that hashes children's IDs) never reach the audit log.

CREATE TRIGGER setting_budget_audit_insert AFTER INSERT ON setting
    WHEN NEW.key IN ('budget_amber', 'budget_red') BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'setting', NEW.rowid, 'insert',
          gt_json('key', NEW.key, 'value', NEW.value));
END;
CREATE TRIGGER setting_budget_audit_update AFTER UPDATE ON setting
    WHEN NEW.key IN ('budget_amber', 'budget_red') BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'setting', NEW.rowid, 'update',
          gt_json('key', OLD.key, 'value', OLD.value),
          gt_json('key', NEW.key, 'value', NEW.value));
END;
