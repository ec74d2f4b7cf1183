-- rights_check_recent_members (ADR 0044, schema/tables/rights-check-members.ts) is kept by this
-- trigger, in the statement that records a rights check, so that no writer can forget it: the
-- number's latest check time (the later one, should checks arrive out of order), and the
-- practice's rows last checked 20 minutes or more before this check dropped (twice the ten-minute
-- window of core/professionnel/harvesting.ts, RECENT_MEMBERS_KEPT_MS; each row is deleted once,
-- so the deletion costs a constant share per check).
CREATE TRIGGER `rights_check_recent_members_after_check`
AFTER INSERT ON `rights_checks`
BEGIN
	DELETE FROM rights_check_recent_members
	WHERE professional_id = NEW.professional_id AND last_checked_at <= NEW.checked_at - 1200000;
	INSERT INTO rights_check_recent_members (professional_id, member_number, last_checked_at)
	VALUES (NEW.professional_id, NEW.member_number_as_sent, NEW.checked_at)
	ON CONFLICT (professional_id, member_number)
	DO UPDATE SET last_checked_at = max(last_checked_at, excluded.last_checked_at);
END;
--> statement-breakpoint
-- The checks of the last 20 minutes before this migration, so that the watch misses none.
INSERT INTO rights_check_recent_members (professional_id, member_number, last_checked_at)
SELECT professional_id, member_number_as_sent, max(checked_at) FROM rights_checks
WHERE checked_at > CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 1200000
GROUP BY professional_id, member_number_as_sent;
