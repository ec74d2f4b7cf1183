CREATE TABLE `affiliation_import_lines` (
	`import_id` integer NOT NULL,
	`line` integer NOT NULL,
	`status` text NOT NULL,
	`payload` text,
	`nir` text,
	`reason` text,
	`affiliation_id` integer,
	PRIMARY KEY(`import_id`, `line`),
	FOREIGN KEY (`import_id`) REFERENCES `affiliation_imports`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "affiliation_import_lines_status_check" CHECK("affiliation_import_lines"."status" IN ('pending', 'valid', 'rejected', 'already', 'created'))
);
--> statement-breakpoint
CREATE INDEX `affiliation_import_lines_status_idx` ON `affiliation_import_lines` (`import_id`,`status`,`line`);--> statement-breakpoint
CREATE INDEX `affiliation_import_lines_nir_idx` ON `affiliation_import_lines` (`import_id`,`nir`);--> statement-breakpoint
CREATE TABLE `affiliation_imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`status` text NOT NULL,
	`line_count` integer NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`finished_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "affiliation_imports_status_check" CHECK("affiliation_imports"."status" IN ('validating', 'validated', 'confirming', 'done'))
);
--> statement-breakpoint
CREATE INDEX `affiliation_imports_company_idx` ON `affiliation_imports` (`company_id`,`file_sha256`);