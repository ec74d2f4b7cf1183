CREATE TABLE `employer_administrators` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`role` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`invited_at` integer NOT NULL,
	`invited_by_account_id` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by_account_id` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "employer_administrators_role_check" CHECK("employer_administrators"."role" IN ('lecture', 'gestion', 'finances'))
);
--> statement-breakpoint
CREATE INDEX `employer_administrators_company_idx` ON `employer_administrators` (`company_id`,`invited_at`);