CREATE TABLE `rights_check_recent_members` (
	`professional_id` integer NOT NULL,
	`member_number` text NOT NULL,
	`last_checked_at` integer NOT NULL,
	PRIMARY KEY(`professional_id`, `member_number`),
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rights_check_recent_members_time_idx` ON `rights_check_recent_members` (`professional_id`,`last_checked_at`);