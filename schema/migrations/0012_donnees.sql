CREATE TABLE `data_directives` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`instructions` text,
	`person_name` text,
	`person_contact` text,
	`recorded_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "data_directives_kind_check" CHECK("data_directives"."kind" IN ('post_mortem_directives', 'trusted_person')),
	CONSTRAINT "data_directives_content_check" CHECK(("data_directives"."kind" = 'post_mortem_directives' AND "data_directives"."instructions" IS NOT NULL) OR ("data_directives"."kind" = 'trusted_person' AND "data_directives"."person_name" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `data_directives_account_idx` ON `data_directives` (`account_id`,`kind`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `page_views` (
	`day` text NOT NULL,
	`space` text NOT NULL,
	`path` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `space`, `path`),
	CONSTRAINT "page_views_space_check" CHECK("page_views"."space" IN ('public', 'adherent', 'employeur', 'professionnel', 'gestionnaire')),
	CONSTRAINT "page_views_views_check" CHECK("page_views"."views" >= 0)
);
--> statement-breakpoint
CREATE TABLE `service_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`ended_at` integer,
	`created_at` integer NOT NULL,
	CONSTRAINT "service_events_kind_check" CHECK("service_events"."kind" IN ('maintenance', 'incident')),
	CONSTRAINT "service_events_dates_check" CHECK("service_events"."ends_at" IS NULL OR "service_events"."ends_at" >= "service_events"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `service_events_kind_idx` ON `service_events` (`kind`,`ended_at`,`starts_at`);