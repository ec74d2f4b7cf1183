-- Each company's number of affiliations (ADR 0043): the employer's list shows its total on every
-- page; triggers on affiliations keep it in the same statement as the change, so it always equals
-- the company's rows of employee_directory (one per affiliation, migration employeur_custom).
CREATE TRIGGER `employee_directory_counts_after_affiliation_insert`
AFTER INSERT ON `affiliations`
BEGIN
	INSERT INTO employee_directory_counts (company_id, employees) VALUES (NEW.company_id, 1)
	ON CONFLICT (company_id) DO UPDATE SET employees = employees + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_directory_counts_after_affiliation_delete`
AFTER DELETE ON `affiliations`
BEGIN
	UPDATE employee_directory_counts SET employees = employees - 1 WHERE company_id = OLD.company_id;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_directory_counts_after_affiliation_move`
AFTER UPDATE OF company_id ON `affiliations`
WHEN NEW.company_id IS NOT OLD.company_id
BEGIN
	UPDATE employee_directory_counts SET employees = employees - 1 WHERE company_id = OLD.company_id;
	INSERT INTO employee_directory_counts (company_id, employees) VALUES (NEW.company_id, 1)
	ON CONFLICT (company_id) DO UPDATE SET employees = employees + 1;
END;
--> statement-breakpoint
INSERT INTO employee_directory_counts (company_id, employees)
SELECT company_id, count(*) FROM affiliations GROUP BY company_id;
