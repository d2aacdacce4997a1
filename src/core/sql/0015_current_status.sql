-- goldthread store, version 15: each item's current status, and each
-- plan's counts, kept beside them.
--
-- The current status of an item is the update describing the latest date
-- (of two on one date, the later recorded). A plan's tally counts its
-- items, and its work at the bottom of the tree (not priorities or
-- themes, not anything with children: what the roll-ups count) by
-- current status. Pages read both by key instead of searching every
-- item's history; triggers keep them in the transaction that adds the
-- item or the update, so no write path can forget them. Updates are
-- append-only and an item's plan, parent and kind never change, so
-- adding one is the only change that can move either. A bulk import sets
-- the triggers aside and catches up by one statement each at commit
-- (db.c).

-- last_update_id is the item's update recorded last, whatever date it
-- describes: the home page's recently updated work.
CREATE TABLE item_status (
    item_id        INTEGER PRIMARY KEY REFERENCES item(id),
    status_id      INTEGER NOT NULL REFERENCES status_update(id),
    brag           TEXT NOT NULL,
    as_of          TEXT NOT NULL,
    last_update_id INTEGER NOT NULL REFERENCES status_update(id)
);
CREATE INDEX item_status_recent ON item_status(last_update_id);

CREATE TABLE plan_tally (
    plan_id   INTEGER PRIMARY KEY REFERENCES plan(id),
    items     INTEGER NOT NULL DEFAULT 0,
    blue      INTEGER NOT NULL DEFAULT 0,
    red       INTEGER NOT NULL DEFAULT 0,
    amber     INTEGER NOT NULL DEFAULT 0,
    green     INTEGER NOT NULL DEFAULT 0,
    not_rated INTEGER NOT NULL DEFAULT 0,
    -- the latest day any of its items' current statuses describes: the
    -- tally answers for a day no earlier than this
    latest    TEXT
);

-- A new item counts, and as work when it is not a group; its parent, on
-- gaining its first child, stops counting as work.
CREATE TRIGGER plan_tally_item AFTER INSERT ON item BEGIN
  INSERT INTO plan_tally(plan_id) VALUES (NEW.plan_id)
  ON CONFLICT(plan_id) DO NOTHING;
  UPDATE plan_tally SET items = items + 1,
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

-- A new update moves work from its old current status to its new one,
-- then becomes the current status if it describes the latest date.
CREATE TRIGGER item_status_keep AFTER INSERT ON status_update BEGIN
  UPDATE plan_tally SET
    blue = blue + x.work * ((x.new = 'blue') - (x.old = 'blue')),
    red = red + x.work * ((x.new = 'red') - (x.old = 'red')),
    amber = amber + x.work * ((x.new = 'amber') - (x.old = 'amber')),
    green = green + x.work * ((x.new = 'green') - (x.old = 'green')),
    not_rated = not_rated +
      x.work * ((x.new = 'not_rated') - (x.old = 'not_rated')),
    latest = max(IFNULL(latest, ''), NEW.as_of)
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

INSERT INTO item_status(item_id, status_id, brag, as_of, last_update_id)
SELECT item_id, id, brag, as_of, last FROM (
  SELECT item_id, id, brag, as_of, row_number() OVER (
    PARTITION BY item_id ORDER BY as_of DESC, id DESC) AS latest,
    max(id) OVER (PARTITION BY item_id) AS last
  FROM status_update)
WHERE latest = 1;

-- a plan's tree read in order: children by position, and the top level
CREATE INDEX item_children ON item(parent_id, position);
CREATE INDEX item_top ON item(plan_id, position) WHERE parent_id IS NULL;
DROP INDEX item_parent;
-- whether a person leads anything in a plan, without reading their items
-- in every other plan
CREATE INDEX item_lead_plan ON item(lead_id, plan_id);
DROP INDEX item_lead;
-- a person's own work, as lead or owner, without reading every item
CREATE INDEX item_owner ON item(owner_id) WHERE owner_id IS NOT NULL;
-- what may be overdue (work with a deadline that neither recurs nor runs
-- on), longest first, read no further than a page shows: the terms are
-- those of gt_db_items_overdue's query, which is how SQLite knows it may
-- use the index
CREATE INDEX item_due ON item(deadline_due) WHERE deadline_due IS NOT NULL
  AND deadline_ongoing = 0 AND deadline_every = 0
  AND kind NOT IN ('priority', 'theme');

-- the same count a bulk write's commit makes of the plans it touched
INSERT INTO plan_tally(plan_id, items, blue, red, amber, green, not_rated,
  latest)
SELECT plan_id, count(*), sum(work AND brag = 'blue'),
  sum(work AND brag = 'red'), sum(work AND brag = 'amber'),
  sum(work AND brag = 'green'), sum(work AND brag = 'not_rated'), max(as_of)
FROM (SELECT i.plan_id, IFNULL(c.brag, 'not_rated') AS brag, c.as_of,
        i.kind NOT IN ('priority', 'theme') AND i.id NOT IN (
          SELECT parent_id FROM item WHERE parent_id IS NOT NULL) AS work
      FROM item i LEFT JOIN item_status c ON c.item_id = i.id)
GROUP BY plan_id;
