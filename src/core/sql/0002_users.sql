-- goldthread store, version 2: people who sign in, their sessions, and
-- failed sign-ins for throttling. Passwords are stored only as Argon2id
-- strings; session tokens only as hashes.

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL
                  CHECK (role = 'admin' OR role = 'planner' OR role = 'lead'
                         OR role = 'viewer'),
    person_id     INTEGER REFERENCES person(id),  -- whose work they lead
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,      -- hex hash of the cookie's token
    user_id    INTEGER NOT NULL REFERENCES app_user(id),
    csrf       TEXT NOT NULL,         -- the token every form carries
    created_at INTEGER NOT NULL,      -- Unix seconds
    last_seen  INTEGER NOT NULL
);
CREATE INDEX session_user ON session(user_id);

CREATE TABLE sign_in_failure (
    id       INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    address  TEXT NOT NULL,
    at       INTEGER NOT NULL         -- Unix seconds
);
CREATE INDEX sign_in_failure_user ON sign_in_failure(username, at);
CREATE INDEX sign_in_failure_address ON sign_in_failure(address, at);

-- Users are audited without their password hashes.
CREATE TRIGGER app_user_audit_insert AFTER INSERT ON app_user BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, after)
  VALUES (gt_now(), gt_actor(), 'app_user', NEW.id, 'insert', NULL);
END;
CREATE TRIGGER app_user_audit_update AFTER UPDATE ON app_user BEGIN
  INSERT INTO audit_log(at, actor, table_name, row_id, action, before, after)
  VALUES (gt_now(), gt_actor(), 'app_user', NEW.id, 'update',
          gt_json('username', OLD.username, 'display_name', OLD.display_name,
                  'role', OLD.role, 'person_id', OLD.person_id,
                  'disabled', OLD.disabled,
                  'password_changed', OLD.password_hash <> NEW.password_hash),
          gt_json('username', NEW.username, 'display_name', NEW.display_name,
                  'role', NEW.role, 'person_id', NEW.person_id,
                  'disabled', NEW.disabled));
END;
