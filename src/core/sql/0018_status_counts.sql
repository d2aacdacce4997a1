-- goldthread store, version 18: each plan's items by current status.
--
-- The tally of version 15 counts a plan's work at the bottom of the tree
-- (what the roll-ups count); a plan's page filtered by status lists every
-- item that carries a status (all but priorities and themes, with
-- children or not), and counted them by reading every item of the plan
-- (a red-only page of 120,000 items, 30 a second). These counts are kept
-- by the same two triggers, in the same row they already write, and, like
-- the rest of the tally, answer for a day no earlier than its latest.
-- A migration cannot alter a trigger, so versions 15 and 16's two are
-- written again with the new counts.

ALTER TABLE plan_tally ADD COLUMN status_blue INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plan_tally ADD COLUMN status_red INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plan_tally ADD COLUMN status_amber INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plan_tally ADD COLUMN status_green INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plan_tally ADD COLUMN status_not_rated INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER plan_tally_item;
CREATE TRIGGER plan_tally_item AFTER INSERT ON item BEGIN
  INSERT INTO plan_tally(plan_id) VALUES (NEW.plan_id)
  ON CONFLICT(plan_id) DO NOTHING;
  UPDATE plan_tally SET items = items + 1, changes = changes + 1,
    not_rated = not_rated + (NEW.kind NOT IN ('priority', 'theme')),
    status_not_rated = status_not_rated + (NEW.kind NOT IN ('priority', 'theme'))
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
    changes = changes + 1,
    status_blue = status_blue + x.carries * ((x.new = 'blue') - (x.old = 'blue')),
    status_red = status_red + x.carries * ((x.new = 'red') - (x.old = 'red')),
    status_amber =
      status_amber + x.carries * ((x.new = 'amber') - (x.old = 'amber')),
    status_green =
      status_green + x.carries * ((x.new = 'green') - (x.old = 'green')),
    status_not_rated = status_not_rated +
      x.carries * ((x.new = 'not_rated') - (x.old = 'not_rated'))
  FROM (SELECT i.plan_id, IFNULL(c.brag, 'not_rated') AS old,
          CASE WHEN c.item_id IS NULL OR (NEW.as_of, NEW.id) >
            (c.as_of, c.status_id) THEN NEW.brag ELSE c.brag END AS new,
          i.kind NOT IN ('priority', 'theme') AS carries,
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


UPDATE plan_tally SET status_blue = f.blue, status_red = f.red,
  status_amber = f.amber, status_green = f.green, status_not_rated = f.nr
FROM (SELECT i.plan_id, sum(c.brag IS 'blue') AS blue,
        sum(c.brag IS 'red') AS red, sum(c.brag IS 'amber') AS amber,
        sum(c.brag IS 'green') AS green,
        sum(IFNULL(c.brag, 'not_rated') = 'not_rated') AS nr
      FROM item i LEFT JOIN item_status c ON c.item_id = i.id
      WHERE i.kind NOT IN ('priority', 'theme') GROUP BY i.plan_id) AS f
WHERE plan_tally.plan_id = f.plan_id;
