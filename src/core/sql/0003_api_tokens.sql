-- goldthread store, version 3: bearer tokens for the JSON API. Like
-- session tokens, only a hash is stored; the token itself is shown once.

CREATE TABLE api_token (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user(id),
    token_hash TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER api_token_audit_insert AFTER INSERT ON api_token BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'api_token', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER api_token_audit_update AFTER UPDATE ON api_token BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'api_token', NEW.id, 'update',
          gt_json('label', OLD.label, 'revoked', OLD.revoked),
          gt_json('label', NEW.label, 'revoked', NEW.revoked));
END;
