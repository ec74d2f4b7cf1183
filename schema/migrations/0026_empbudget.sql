CREATE TABLE `employee_directory_counts` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`employees` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `employer_administrator_role_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`role` text NOT NULL,
	`changed_at` integer NOT NULL,
	`changed_by_account_id` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `employer_administrators`(`account_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "employer_administrator_role_changes_role_check" CHECK("employer_administrator_role_changes"."role" IN ('lecture', 'gestion', 'finances'))
);
--> statement-breakpoint
CREATE INDEX `employer_administrator_role_changes_account_idx` ON `employer_administrator_role_changes` (`account_id`,`id`);--> statement-breakpoint
ALTER TABLE `outgoing_mails` ADD `template_data` text;