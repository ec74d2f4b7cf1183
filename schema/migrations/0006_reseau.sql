CREATE TABLE `professional_practices` (
	`professional_id` integer PRIMARY KEY NOT NULL,
	`opening_hours` text NOT NULL,
	`hundred_percent_sante` integer NOT NULL,
	`step_free_access` integer NOT NULL,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reseau_communes` (
	`insee` text NOT NULL,
	`postal_code` text NOT NULL,
	`name` text NOT NULL,
	`search_name` text NOT NULL,
	`department` text NOT NULL,
	`latitude` real NOT NULL,
	`longitude` real NOT NULL,
	PRIMARY KEY(`insee`, `postal_code`),
	CONSTRAINT "reseau_communes_postal_code_check" CHECK("reseau_communes"."postal_code" GLOB '[0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "reseau_communes_latitude_check" CHECK("reseau_communes"."latitude" BETWEEN -90 AND 90),
	CONSTRAINT "reseau_communes_longitude_check" CHECK("reseau_communes"."longitude" BETWEEN -180 AND 180)
);
--> statement-breakpoint
CREATE INDEX `reseau_communes_postal_code_idx` ON `reseau_communes` (`postal_code`);--> statement-breakpoint
CREATE INDEX `reseau_communes_search_name_idx` ON `reseau_communes` (`search_name`);