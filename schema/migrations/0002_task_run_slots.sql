-- Existing rows (none before this release) get an empty slot; new ones always name theirs.
ALTER TABLE `task_runs` ADD `slot` text NOT NULL DEFAULT '';--> statement-breakpoint
CREATE UNIQUE INDEX `task_runs_slot_idx` ON `task_runs` (`task_name`,`slot`);