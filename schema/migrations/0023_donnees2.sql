CREATE TABLE `data_exports` (
	`id` integer PRIMARY KEY NOT NULL,
	`public_id` text NOT NULL,
	`account_id` integer NOT NULL,
	`status` text NOT NULL,
	`row_estimate` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`ready_at` integer,
	`expires_at` integer,
	`storage_key` text,
	`byte_length` integer,
	`file_name` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "data_exports_status_check" CHECK("data_exports"."status" IN ('pending', 'ready', 'expired')),
	CONSTRAINT "data_exports_ready_check" CHECK("data_exports"."status" <> 'ready' OR ("data_exports"."storage_key" IS NOT NULL AND "data_exports"."expires_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `data_exports_publicId_unique` ON `data_exports` (`public_id`);--> statement-breakpoint
CREATE INDEX `data_exports_account_idx` ON `data_exports` (`account_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `data_exports_expiry_idx` ON `data_exports` (`status`,`expires_at`);