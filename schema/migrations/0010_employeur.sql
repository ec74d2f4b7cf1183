CREATE TABLE `employee_directory` (
	`affiliation_id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`name_key` text NOT NULL,
	`first_name_key` text NOT NULL,
	`nir_last4` text,
	`employee_number` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`portability_end_date` text,
	`dispensed` integer NOT NULL,
	FOREIGN KEY (`affiliation_id`) REFERENCES `affiliations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `group_contract_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `employee_directory_name_idx` ON `employee_directory` (`company_id`,`name_key`,`dispensed`,`end_date`,`portability_end_date`,`category_id`);--> statement-breakpoint
CREATE INDEX `employee_directory_first_name_idx` ON `employee_directory` (`company_id`,`first_name_key`);--> statement-breakpoint
CREATE INDEX `employee_directory_nir_idx` ON `employee_directory` (`company_id`,`nir_last4`);--> statement-breakpoint
CREATE INDEX `employee_directory_number_idx` ON `employee_directory` (`company_id`,`employee_number`);--> statement-breakpoint
CREATE INDEX `employee_directory_start_idx` ON `employee_directory` (`company_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `employee_directory_status_idx` ON `employee_directory` (`company_id`,`dispensed`,`end_date`,`portability_end_date`,`category_id`);