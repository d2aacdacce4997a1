-- goldthread store, version 17: each item's place in its plan's tree as
-- one key that sorts in the plan's order.
--
-- An item's tree_key is its parent's followed by its own position and id,
-- eight hexadecimal digits each: sorted as text (bytewise), keys give the
-- plan depth first with siblings by position then id, and a key's length
-- over 16 is the item's depth plus one. Items never change plan, parent
-- or position, so a key, set when the item is added (gt_db_item_add),
-- never changes. A page of a plan is then a range of one index, where it
-- was a walk of the tree that queued every top-level item and stepped
-- through every earlier row (page 600 of a 120,000-item plan walked
-- 60,000 items).

ALTER TABLE item ADD COLUMN tree_key TEXT;

-- the backfill is no one's edit: the audit trigger is set aside for it
-- and put back as version 1 wrote it
DROP TRIGGER item_audit_update;
WITH RECURSIVE k(id, tree_key) AS (
  SELECT id, printf('%08x%08x', position, id) FROM item
  WHERE parent_id IS NULL
  UNION ALL
  SELECT c.id, k.tree_key || printf('%08x%08x', c.position, c.id)
  FROM k JOIN item c ON c.parent_id = k.id)
UPDATE item SET tree_key = k.tree_key FROM k WHERE k.id = item.id;
CREATE TRIGGER item_audit_update AFTER UPDATE ON item BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'item', NEW.id, 'update',
          gt_json('parent_id', OLD.parent_id, 'kind', OLD.kind,
                      'ref', OLD.ref, 'title', OLD.title,
                      'lead_id', OLD.lead_id, 'owner_id', OLD.owner_id,
                      'deadline', OLD.deadline_text,
                      'monitoring', OLD.monitoring, 'source', OLD.source),
          gt_json('parent_id', NEW.parent_id, 'kind', NEW.kind,
                      'ref', NEW.ref, 'title', NEW.title,
                      'lead_id', NEW.lead_id, 'owner_id', NEW.owner_id,
                      'deadline', NEW.deadline_text,
                      'monitoring', NEW.monitoring, 'source', NEW.source));
END;

CREATE INDEX item_tree ON item(plan_id, tree_key);
