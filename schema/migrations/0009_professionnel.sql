CREATE TABLE `practice_api_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`created_by_account_id` integer NOT NULL,
	`name` text NOT NULL,
	`public_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`scope` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "practice_api_keys_scope_check" CHECK("practice_api_keys"."scope" IN ('droits'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_api_keys_public_id_idx` ON `practice_api_keys` (`public_id`);--> statement-breakpoint
CREATE INDEX `practice_api_keys_professional_idx` ON `practice_api_keys` (`professional_id`,`revoked_at`);--> statement-breakpoint
CREATE TABLE `rights_check_alerts` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`pattern` text NOT NULL,
	`raised_at` integer NOT NULL,
	`details` text,
	`closed_at` integer,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rights_check_alerts_pattern_check" CHECK("rights_check_alerts"."pattern" IN ('sequential_numbers', 'many_members'))
);
--> statement-breakpoint
CREATE INDEX `rights_check_alerts_professional_idx` ON `rights_check_alerts` (`professional_id`,`raised_at`);--> statement-breakpoint
CREATE INDEX `rights_check_alerts_open_idx` ON `rights_check_alerts` (`closed_at`,`raised_at`);--> statement-breakpoint
CREATE TABLE `rights_checks` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`channel` text NOT NULL,
	`checked_at` integer NOT NULL,
	`member_number_as_sent` text NOT NULL,
	`member_id` integer,
	`care_date` text NOT NULL,
	`found` integer NOT NULL,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rights_checks_channel_check" CHECK("rights_checks"."channel" IN ('form', 'qr', 'api'))
);
--> statement-breakpoint
CREATE INDEX `rights_checks_professional_idx` ON `rights_checks` (`professional_id`,`checked_at`);--> statement-breakpoint
CREATE INDEX `rights_checks_member_idx` ON `rights_checks` (`member_id`,`checked_at`);