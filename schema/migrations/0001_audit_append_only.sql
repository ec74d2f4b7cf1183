-- The audit trail is append-only (SECURITY.md, "Audit trail with probative value"): entries are
-- inserted, never changed or removed. The hash chain makes tampering visible; these triggers make
-- it impossible through SQL. Retention of old entries, if ever needed, goes through a reviewed
-- migration that drops and recreates the triggers.
CREATE TRIGGER `audit_events_no_update`
BEFORE UPDATE ON `audit_events`
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete`
BEFORE DELETE ON `audit_events`
BEGIN
	SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is not allowed');
END;
--> statement-breakpoint
-- Status history of requests is the record of deadlines met or missed: append-only as well.
CREATE TRIGGER `request_status_history_no_update`
BEFORE UPDATE ON `request_status_history`
BEGIN
	SELECT RAISE(ABORT, 'request_status_history is append-only: UPDATE is not allowed');
END;
--> statement-breakpoint
-- A signed acceptance of the terms of use is proof: it can be added, never rewritten.
CREATE TRIGGER `cgu_acceptances_no_update`
BEFORE UPDATE ON `cgu_acceptances`
BEGIN
	SELECT RAISE(ABORT, 'cgu_acceptances is append-only: UPDATE is not allowed');
END;
