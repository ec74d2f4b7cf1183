-- An invited administrator of the espace employeur is the row of employer_administrators; the
-- company's main administrator is the employer account without one. A row that vanished or
-- changed would silently turn a « lecture » administrator into another role or into the main
-- administrator: rows are never deleted, the role and the people never change, and the only
-- update allowed records the revocation, once.
CREATE TRIGGER `employer_administrators_no_delete`
BEFORE DELETE ON `employer_administrators`
BEGIN
	SELECT RAISE(ABORT, 'employer_administrators rows are never deleted: revoke instead');
END;
--> statement-breakpoint
CREATE TRIGGER `employer_administrators_revoke_only`
BEFORE UPDATE ON `employer_administrators`
WHEN OLD.revoked_at IS NOT NULL
	OR NEW.revoked_at IS NULL
	OR NEW.revoked_by_account_id IS NULL
	OR NEW.account_id IS NOT OLD.account_id
	OR NEW.company_id IS NOT OLD.company_id
	OR NEW.role IS NOT OLD.role
	OR NEW.first_name IS NOT OLD.first_name
	OR NEW.last_name IS NOT OLD.last_name
	OR NEW.invited_at IS NOT OLD.invited_at
	OR NEW.invited_by_account_id IS NOT OLD.invited_by_account_id
BEGIN
	SELECT RAISE(ABORT, 'employer_administrators: only the revocation may be recorded, once');
END;
