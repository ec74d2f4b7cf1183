CREATE TABLE `staff_roles` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`granted_at` integer NOT NULL,
	`granted_by_account_id` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_roles_role_check" CHECK("staff_roles"."role" IN ('agent', 'superviseur', 'admin'))
);
