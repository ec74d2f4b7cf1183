-- Each company's affiliations counted per status key (ADR 0048, schema/tables/employee-status-counts.ts):
-- triggers on affiliations keep it in the same statement as the change, so that for every key it
-- equals the company's rows of employee_directory (one per affiliation, migration employeur_custom)
-- with that key. A missing end date is counted as '9999-12-31' and a missing portability end date
-- as '' so that every key is a value (a primary key cannot hold NULL) and every status a range.
-- A key whose count falls to zero is removed: the table holds only keys in use.
CREATE TRIGGER `employee_status_counts_after_affiliation_insert`
AFTER INSERT ON `affiliations`
BEGIN
	INSERT INTO employee_status_counts (company_id, dispensed, end_date, portability_end_date, category_id, employees)
	VALUES (NEW.company_id, NEW.dispense_reason IS NOT NULL, coalesce(NEW.end_date, '9999-12-31'),
		coalesce(NEW.portability_end_date, ''), NEW.category_id, 1)
	ON CONFLICT (company_id, dispensed, end_date, portability_end_date, category_id) DO UPDATE SET employees = employees + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_status_counts_after_affiliation_delete`
AFTER DELETE ON `affiliations`
BEGIN
	UPDATE employee_status_counts SET employees = employees - 1
	WHERE company_id = OLD.company_id AND dispensed = (OLD.dispense_reason IS NOT NULL)
		AND end_date = coalesce(OLD.end_date, '9999-12-31') AND portability_end_date = coalesce(OLD.portability_end_date, '')
		AND category_id = OLD.category_id;
	DELETE FROM employee_status_counts
	WHERE company_id = OLD.company_id AND dispensed = (OLD.dispense_reason IS NOT NULL)
		AND end_date = coalesce(OLD.end_date, '9999-12-31') AND portability_end_date = coalesce(OLD.portability_end_date, '')
		AND category_id = OLD.category_id AND employees = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_status_counts_after_affiliation_update`
AFTER UPDATE OF company_id, category_id, dispense_reason, end_date, portability_end_date ON `affiliations`
WHEN NEW.company_id IS NOT OLD.company_id OR NEW.category_id IS NOT OLD.category_id
	OR (NEW.dispense_reason IS NULL) <> (OLD.dispense_reason IS NULL)
	OR coalesce(NEW.end_date, '9999-12-31') <> coalesce(OLD.end_date, '9999-12-31')
	OR coalesce(NEW.portability_end_date, '') <> coalesce(OLD.portability_end_date, '')
BEGIN
	UPDATE employee_status_counts SET employees = employees - 1
	WHERE company_id = OLD.company_id AND dispensed = (OLD.dispense_reason IS NOT NULL)
		AND end_date = coalesce(OLD.end_date, '9999-12-31') AND portability_end_date = coalesce(OLD.portability_end_date, '')
		AND category_id = OLD.category_id;
	DELETE FROM employee_status_counts
	WHERE company_id = OLD.company_id AND dispensed = (OLD.dispense_reason IS NOT NULL)
		AND end_date = coalesce(OLD.end_date, '9999-12-31') AND portability_end_date = coalesce(OLD.portability_end_date, '')
		AND category_id = OLD.category_id AND employees = 0;
	INSERT INTO employee_status_counts (company_id, dispensed, end_date, portability_end_date, category_id, employees)
	VALUES (NEW.company_id, NEW.dispense_reason IS NOT NULL, coalesce(NEW.end_date, '9999-12-31'),
		coalesce(NEW.portability_end_date, ''), NEW.category_id, 1)
	ON CONFLICT (company_id, dispensed, end_date, portability_end_date, category_id) DO UPDATE SET employees = employees + 1;
END;
--> statement-breakpoint
-- Affiliations already there (a database migrated after its data was loaded).
INSERT INTO employee_status_counts (company_id, dispensed, end_date, portability_end_date, category_id, employees)
SELECT company_id, dispense_reason IS NOT NULL, coalesce(end_date, '9999-12-31'), coalesce(portability_end_date, ''),
	category_id, count(*)
FROM affiliations GROUP BY 1, 2, 3, 4, 5;
