-- goldthread store, version 14: who may sign in changes at once.
--
-- A changed password, role or deactivation ends every session of that
-- user, whichever front end made the change: the database does it, so no
-- code path can forget. Sign-in attempts are claimed before the password
-- is checked (one transaction counts and claims), so concurrent guesses
-- cannot pass the limits; a successful sign-in clears its own claim.

CREATE TRIGGER app_user_end_sessions AFTER UPDATE OF password_hash, role,
    disabled ON app_user
    WHEN OLD.password_hash IS NOT NEW.password_hash
      OR OLD.role IS NOT NEW.role
      OR OLD.disabled IS NOT NEW.disabled BEGIN
  DELETE FROM session WHERE user_id = NEW.id;
END;

-- counts per username and address together
CREATE INDEX sign_in_failure_pair ON sign_in_failure(username, address, at);
