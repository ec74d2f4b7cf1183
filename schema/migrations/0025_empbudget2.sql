CREATE TABLE `employee_directory_counts` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`employees` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
