-- The spatial index of the network finder (ADR 0021): an R*Tree over the professionals'
-- coordinates (a point is a box of zero size), kept in step with `professionals` by triggers so
-- that every writer (the seed, an import, a staff edit) keeps it right without knowing of it.
-- R*Tree stores 32-bit floats rounded outward: a box query may return a few rows just outside
-- the box, never miss one inside; the search computes exact distances from `professionals`.
CREATE VIRTUAL TABLE `professional_locations` USING rtree(`id`, `min_lat`, `max_lat`, `min_lon`, `max_lon`);
--> statement-breakpoint
INSERT INTO `professional_locations` (`id`, `min_lat`, `max_lat`, `min_lon`, `max_lon`)
SELECT `id`, `latitude`, `latitude`, `longitude`, `longitude` FROM `professionals`
WHERE `latitude` IS NOT NULL AND `longitude` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `professional_locations_insert` AFTER INSERT ON `professionals`
WHEN NEW.`latitude` IS NOT NULL AND NEW.`longitude` IS NOT NULL
BEGIN
	INSERT INTO `professional_locations` (`id`, `min_lat`, `max_lat`, `min_lon`, `max_lon`)
	VALUES (NEW.`id`, NEW.`latitude`, NEW.`latitude`, NEW.`longitude`, NEW.`longitude`);
END;
--> statement-breakpoint
CREATE TRIGGER `professional_locations_update` AFTER UPDATE OF `latitude`, `longitude` ON `professionals`
BEGIN
	DELETE FROM `professional_locations` WHERE `id` = OLD.`id`;
	INSERT INTO `professional_locations` (`id`, `min_lat`, `max_lat`, `min_lon`, `max_lon`)
	SELECT NEW.`id`, NEW.`latitude`, NEW.`latitude`, NEW.`longitude`, NEW.`longitude`
	WHERE NEW.`latitude` IS NOT NULL AND NEW.`longitude` IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `professional_locations_delete` AFTER DELETE ON `professionals`
BEGIN
	DELETE FROM `professional_locations` WHERE `id` = OLD.`id`;
END;
