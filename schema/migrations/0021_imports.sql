CREATE TABLE `staff_api_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_by_account_id` integer NOT NULL,
	`public_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_by_account_id` integer,
	FOREIGN KEY (`created_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_api_tokens_public_id_idx` ON `staff_api_tokens` (`public_id`);--> statement-breakpoint
CREATE INDEX `staff_api_tokens_revoked_idx` ON `staff_api_tokens` (`revoked_at`);