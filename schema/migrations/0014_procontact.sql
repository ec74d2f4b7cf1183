CREATE TABLE `practice_messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`professional_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`attachment_id` integer,
	`created_at` integer NOT NULL,
	`answered_at` integer,
	`answer_text` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `uploaded_documents`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "practice_messages_subject_check" CHECK("practice_messages"."subject" IN ('facture', 'paiement', 'droits', 'tiers_payant', 'compte', 'autre')),
	CONSTRAINT "practice_messages_answer_check" CHECK("practice_messages"."answered_at" IS NULL OR "practice_messages"."answer_text" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_messages_reference_idx` ON `practice_messages` (`reference`);--> statement-breakpoint
CREATE INDEX `practice_messages_practice_idx` ON `practice_messages` (`professional_id`,`created_at`);