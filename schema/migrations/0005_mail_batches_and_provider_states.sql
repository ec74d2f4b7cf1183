CREATE TABLE `mail_provider_states` (
	`provider` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`consecutive_failures` integer NOT NULL,
	`since` integer NOT NULL,
	`retry_at` integer,
	`last_error` text,
	`updated_at` integer NOT NULL,
	CONSTRAINT "mail_provider_states_state_check" CHECK("mail_provider_states"."state" IN ('closed', 'open', 'half-open'))
);
--> statement-breakpoint
ALTER TABLE `outgoing_mails` ADD `batch_key` text;--> statement-breakpoint
CREATE INDEX `outgoing_mails_batch_idx` ON `outgoing_mails` (`batch_key`);