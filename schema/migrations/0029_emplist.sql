CREATE TABLE `employee_status_counts` (
	`company_id` integer NOT NULL,
	`dispensed` integer NOT NULL,
	`end_date` text NOT NULL,
	`portability_end_date` text NOT NULL,
	`category_id` integer NOT NULL,
	`employees` integer NOT NULL,
	PRIMARY KEY(`company_id`, `dispensed`, `end_date`, `portability_end_date`, `category_id`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `group_contract_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `employee_directory_name_idx`;--> statement-breakpoint
DROP INDEX `employee_directory_status_idx`;--> statement-breakpoint
CREATE INDEX `employee_directory_name_idx` ON `employee_directory` (`company_id`,`name_key`,`affiliation_id`,`dispensed`,`end_date`,`portability_end_date`,`category_id`);--> statement-breakpoint
CREATE INDEX `employee_directory_status_idx` ON `employee_directory` (`company_id`,`dispensed`,`end_date`,`portability_end_date`,`category_id`,`name_key`);