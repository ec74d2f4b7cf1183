CREATE TABLE `federated_identities` (
	`id` integer PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`subject` text NOT NULL,
	`account_id` integer NOT NULL,
	`linked_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "federated_identities_provider_check" CHECK("federated_identities"."provider" IN ('franceconnect', 'pro_sante_connect'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `federated_identities_subject_idx` ON `federated_identities` (`provider`,`subject`);--> statement-breakpoint
CREATE INDEX `federated_identities_account_idx` ON `federated_identities` (`account_id`);--> statement-breakpoint
CREATE TABLE `federated_logins` (
	`id` integer PRIMARY KEY NOT NULL,
	`handle` text NOT NULL,
	`secret_hash` text NOT NULL,
	`provider` text NOT NULL,
	`status` text NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`next_path` text,
	`subject` text,
	`display_name` text,
	`acr` text,
	`id_token` text,
	`account_id` integer,
	`session_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "federated_logins_provider_check" CHECK("federated_logins"."provider" IN ('franceconnect', 'pro_sante_connect')),
	CONSTRAINT "federated_logins_status_check" CHECK("federated_logins"."status" IN ('started', 'awaiting_link', 'linking', 'completed', 'ended'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `federated_logins_handle_unique` ON `federated_logins` (`handle`);--> statement-breakpoint
CREATE INDEX `federated_logins_session_idx` ON `federated_logins` (`session_id`);--> statement-breakpoint
CREATE INDEX `federated_logins_expires_idx` ON `federated_logins` (`expires_at`);