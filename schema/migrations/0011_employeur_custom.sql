-- The employee directory (ADR 0018, schema/tables/employee-directory.ts) is kept by triggers, in
-- the same statement as every change of an affiliation or of an employee's name or NIR, so that
-- no writer (the portal, the demo seed, an import) can forget it. Names are folded as
-- core/employeur/name-key.ts folds a search: lower case, accents and ligatures removed. SQLite's
-- lower() only knows ASCII, hence a replace() per accented letter, run only on names that hold a
-- non-ASCII character, in a few UPDATEs of a dozen letters each (one expression of 60 nested
-- calls overflows SQLite's parser).
CREATE TRIGGER `employee_directory_after_affiliation_insert`
AFTER INSERT ON `affiliations`
BEGIN
	INSERT OR REPLACE INTO employee_directory (affiliation_id, company_id, category_id, name_key, first_name_key, nir_last4,
		employee_number, start_date, end_date, portability_end_date, dispensed)
	SELECT a.id, a.company_id, a.category_id, lower(p.last_name || ' ' || p.first_name),
		lower(p.first_name || ' ' || p.last_name), substr(p.nir, 12, 4), upper(a.employee_number), a.start_date,
		a.end_date, a.portability_end_date, a.dispense_reason IS NOT NULL
	FROM affiliations a JOIN persons p ON p.id = a.person_id WHERE a.id = NEW.id;
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'í', 'i'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'í', 'i')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'ì', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'ú', 'u'), 'ù', 'u'), 'û', 'u'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'ì', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'ú', 'u'), 'ù', 'u'), 'û', 'u')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ê', 'e'), 'Ë', 'e'), 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ñ', 'n'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'Ê', 'e'), 'Ë', 'e'), 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ñ', 'n'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
END;
--> statement-breakpoint
CREATE TRIGGER `employee_directory_after_affiliation_update`
AFTER UPDATE ON `affiliations`
BEGIN
	INSERT OR REPLACE INTO employee_directory (affiliation_id, company_id, category_id, name_key, first_name_key, nir_last4,
		employee_number, start_date, end_date, portability_end_date, dispensed)
	SELECT a.id, a.company_id, a.category_id, lower(p.last_name || ' ' || p.first_name),
		lower(p.first_name || ' ' || p.last_name), substr(p.nir, 12, 4), upper(a.employee_number), a.start_date,
		a.end_date, a.portability_end_date, a.dispense_reason IS NOT NULL
	FROM affiliations a JOIN persons p ON p.id = a.person_id WHERE a.id = NEW.id;
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'í', 'i'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'í', 'i')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'ì', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'ú', 'u'), 'ù', 'u'), 'û', 'u'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'ì', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'ú', 'u'), 'ù', 'u'), 'û', 'u')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ê', 'e'), 'Ë', 'e'), 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ñ', 'n'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'Ê', 'e'), 'Ë', 'e'), 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ñ', 'n'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae')
	WHERE affiliation_id = NEW.id AND name_key GLOB '*[^ -~]*';
END;
--> statement-breakpoint
CREATE TRIGGER `employee_directory_after_affiliation_delete`
AFTER DELETE ON `affiliations`
BEGIN
	DELETE FROM employee_directory WHERE affiliation_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_directory_after_person_update`
AFTER UPDATE OF last_name, first_name, nir ON `persons`
BEGIN
	INSERT OR REPLACE INTO employee_directory (affiliation_id, company_id, category_id, name_key, first_name_key, nir_last4,
		employee_number, start_date, end_date, portability_end_date, dispensed)
	SELECT a.id, a.company_id, a.category_id, lower(p.last_name || ' ' || p.first_name),
		lower(p.first_name || ' ' || p.last_name), substr(p.nir, 12, 4), upper(a.employee_number), a.start_date,
		a.end_date, a.portability_end_date, a.dispense_reason IS NOT NULL
	FROM affiliations a JOIN persons p ON p.id = a.person_id WHERE a.person_id = NEW.id;
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'í', 'i'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'í', 'i')
	WHERE affiliation_id IN (SELECT id FROM affiliations WHERE person_id = NEW.id) AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'ì', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'ú', 'u'), 'ù', 'u'), 'û', 'u'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'ì', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'ú', 'u'), 'ù', 'u'), 'û', 'u')
	WHERE affiliation_id IN (SELECT id FROM affiliations WHERE person_id = NEW.id) AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e')
	WHERE affiliation_id IN (SELECT id FROM affiliations WHERE person_id = NEW.id) AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ê', 'e'), 'Ë', 'e'), 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ñ', 'n'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'Ê', 'e'), 'Ë', 'e'), 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ñ', 'n'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o')
	WHERE affiliation_id IN (SELECT id FROM affiliations WHERE person_id = NEW.id) AND name_key GLOB '*[^ -~]*';
	UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'),
		first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae')
	WHERE affiliation_id IN (SELECT id FROM affiliations WHERE person_id = NEW.id) AND name_key GLOB '*[^ -~]*';
END;
--> statement-breakpoint
-- Affiliations already there (a database migrated after its data was loaded).
INSERT OR REPLACE INTO employee_directory (affiliation_id, company_id, category_id, name_key, first_name_key, nir_last4,
		employee_number, start_date, end_date, portability_end_date, dispensed)
SELECT a.id, a.company_id, a.category_id, lower(p.last_name || ' ' || p.first_name),
		lower(p.first_name || ' ' || p.last_name), substr(p.nir, 12, 4), upper(a.employee_number), a.start_date,
		a.end_date, a.portability_end_date, a.dispense_reason IS NOT NULL
	FROM affiliations a JOIN persons p ON p.id = a.person_id WHERE 1;
--> statement-breakpoint
UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'í', 'i'),
	first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ã', 'a'), 'å', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'í', 'i')
WHERE 1 AND name_key GLOB '*[^ -~]*';
--> statement-breakpoint
UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'ì', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'ú', 'u'), 'ù', 'u'), 'û', 'u'),
	first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'ì', 'i'), 'î', 'i'), 'ï', 'i'), 'ñ', 'n'), 'ó', 'o'), 'ò', 'o'), 'ô', 'o'), 'ö', 'o'), 'õ', 'o'), 'ú', 'u'), 'ù', 'u'), 'û', 'u')
WHERE 1 AND name_key GLOB '*[^ -~]*';
--> statement-breakpoint
UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e'),
	first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'ü', 'u'), 'ý', 'y'), 'ÿ', 'y'), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Á', 'a'), 'Ã', 'a'), 'Å', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e')
WHERE 1 AND name_key GLOB '*[^ -~]*';
--> statement-breakpoint
UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ê', 'e'), 'Ë', 'e'), 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ñ', 'n'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o'),
	first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'Ê', 'e'), 'Ë', 'e'), 'Í', 'i'), 'Ì', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ñ', 'n'), 'Ó', 'o'), 'Ò', 'o'), 'Ô', 'o'), 'Ö', 'o'), 'Õ', 'o')
WHERE 1 AND name_key GLOB '*[^ -~]*';
--> statement-breakpoint
UPDATE employee_directory SET name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name_key, 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'),
	first_name_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name_key, 'Ú', 'u'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Ÿ', 'y'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae')
WHERE 1 AND name_key GLOB '*[^ -~]*';
