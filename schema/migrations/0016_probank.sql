CREATE TABLE `practice_bank_accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`iban` text NOT NULL,
	`iban_last4` text NOT NULL,
	`bic` text NOT NULL,
	`holder_name` text NOT NULL,
	`status` text NOT NULL,
	`active_since` integer NOT NULL,
	`replaced_at` integer,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "practice_bank_accounts_status_check" CHECK("practice_bank_accounts"."status" IN ('active', 'replaced')),
	CONSTRAINT "practice_bank_accounts_iban_last4_check" CHECK(length("practice_bank_accounts"."iban_last4") = 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_bank_accounts_active_idx` ON `practice_bank_accounts` (`professional_id`) WHERE "practice_bank_accounts"."status" = 'active';--> statement-breakpoint
CREATE INDEX `practice_bank_accounts_professional_idx` ON `practice_bank_accounts` (`professional_id`,`active_since`);--> statement-breakpoint
CREATE TABLE `practice_bank_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`bank_account_id` integer,
	`new_iban` text NOT NULL,
	`new_iban_last4` text NOT NULL,
	`new_bic` text NOT NULL,
	`new_holder_name` text NOT NULL,
	`requested_by_account_id` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`effective_at` integer NOT NULL,
	`notified_to` text,
	`status` text NOT NULL,
	`applied_at` integer,
	`cancelled_at` integer,
	`cancelled_by_account_id` integer,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bank_account_id`) REFERENCES `practice_bank_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "practice_bank_changes_status_check" CHECK("practice_bank_changes"."status" IN ('pending', 'applied', 'cancelled')),
	CONSTRAINT "practice_bank_changes_iban_last4_check" CHECK(length("practice_bank_changes"."new_iban_last4") = 4)
);
--> statement-breakpoint
CREATE INDEX `practice_bank_changes_due_idx` ON `practice_bank_changes` (`status`,`effective_at`);--> statement-breakpoint
CREATE INDEX `practice_bank_changes_professional_idx` ON `practice_bank_changes` (`professional_id`,`requested_at`);