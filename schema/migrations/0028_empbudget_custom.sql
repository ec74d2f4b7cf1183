-- An administrator's role changes are appended (ADR 0043): a row is never updated nor deleted,
-- so the history of who held which role, and who gave it, cannot be rewritten.
CREATE TRIGGER `employer_administrator_role_changes_no_update`
BEFORE UPDATE ON `employer_administrator_role_changes`
BEGIN
	SELECT RAISE(ABORT, 'employer_administrator_role_changes rows are never changed: append a new one');
END;
--> statement-breakpoint
CREATE TRIGGER `employer_administrator_role_changes_no_delete`
BEFORE DELETE ON `employer_administrator_role_changes`
BEGIN
	SELECT RAISE(ABORT, 'employer_administrator_role_changes rows are never deleted');
END;
