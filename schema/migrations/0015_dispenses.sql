CREATE TABLE `dispense_documents` (
	`affiliation_id` integer PRIMARY KEY NOT NULL,
	`document_id` integer NOT NULL,
	FOREIGN KEY (`affiliation_id`) REFERENCES `affiliations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `uploaded_documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dispense_documents_document_idx` ON `dispense_documents` (`document_id`);