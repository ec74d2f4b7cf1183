CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`identifier` text NOT NULL,
	`space` text NOT NULL,
	`member_id` integer,
	`company_id` integer,
	`professional_id` integer,
	`staff_person_id` integer,
	`email` text NOT NULL,
	`email_verified_at` integer,
	`password_hash` text,
	`password_changed_at` integer,
	`state` text NOT NULL,
	`state_reason` text,
	`created_at` integer NOT NULL,
	`activated_at` integer,
	`suspended_at` integer,
	`closed_at` integer,
	`deleted_at` integer,
	`access_until` text,
	`totp_secret` text,
	`totp_enabled` integer DEFAULT false NOT NULL,
	`totp_enabled_at` integer,
	`recovery_code_hashes` text,
	`second_factor_method` text DEFAULT 'email' NOT NULL,
	`last_sign_in_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "accounts_space_check" CHECK("accounts"."space" IN ('adherent', 'employeur', 'professionnel', 'gestionnaire')),
	CONSTRAINT "accounts_state_check" CHECK("accounts"."state" IN ('pending', 'active', 'suspended', 'closed', 'deleted')),
	CONSTRAINT "accounts_second_factor_check" CHECK("accounts"."second_factor_method" IN ('none', 'email', 'totp')),
	CONSTRAINT "accounts_identifier_check" CHECK("accounts"."identifier" GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "accounts_adherent_check" CHECK("accounts"."space" <> 'adherent' OR "accounts"."member_id" IS NOT NULL),
	CONSTRAINT "accounts_employeur_check" CHECK("accounts"."space" <> 'employeur' OR "accounts"."company_id" IS NOT NULL),
	CONSTRAINT "accounts_professionnel_check" CHECK("accounts"."space" <> 'professionnel' OR "accounts"."professional_id" IS NOT NULL),
	CONSTRAINT "accounts_gestionnaire_check" CHECK("accounts"."space" <> 'gestionnaire' OR "accounts"."staff_person_id" IS NOT NULL),
	CONSTRAINT "accounts_totp_check" CHECK("accounts"."totp_enabled" = 0 OR "accounts"."totp_secret" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_identifier_idx` ON `accounts` (`identifier`);--> statement-breakpoint
CREATE INDEX `accounts_email_idx` ON `accounts` (`email`);--> statement-breakpoint
CREATE INDEX `accounts_member_idx` ON `accounts` (`member_id`);--> statement-breakpoint
CREATE INDEX `accounts_company_idx` ON `accounts` (`company_id`);--> statement-breakpoint
CREATE INDEX `accounts_professional_idx` ON `accounts` (`professional_id`);--> statement-breakpoint
CREATE INDEX `accounts_state_access_idx` ON `accounts` (`state`,`access_until`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurred_at` integer NOT NULL,
	`account_id` integer,
	`session_id` text,
	`actor_kind` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text,
	`object_id` text,
	`outcome` text NOT NULL,
	`correlation_id` text,
	`ip_hash` text,
	`details` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	CONSTRAINT "audit_events_actor_kind_check" CHECK("audit_events"."actor_kind" IN ('account', 'staff', 'system', 'anonymous')),
	CONSTRAINT "audit_events_outcome_check" CHECK("audit_events"."outcome" IN ('success', 'failure', 'denied'))
);
--> statement-breakpoint
CREATE INDEX `audit_events_account_idx` ON `audit_events` (`account_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `audit_events_object_idx` ON `audit_events` (`object_type`,`object_id`);--> statement-breakpoint
CREATE INDEX `audit_events_occurred_idx` ON `audit_events` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `audit_events_correlation_idx` ON `audit_events` (`correlation_id`);--> statement-breakpoint
CREATE TABLE `task_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`task_name` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text NOT NULL,
	`counts` text,
	`error` text,
	CONSTRAINT "task_runs_outcome_check" CHECK("task_runs"."outcome" IN ('running', 'success', 'failure'))
);
--> statement-breakpoint
CREATE INDEX `task_runs_task_idx` ON `task_runs` (`task_name`,`started_at`);--> statement-breakpoint
CREATE TABLE `one_time_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`account_id` integer NOT NULL,
	`payload` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "one_time_tokens_purpose_check" CHECK("one_time_tokens"."purpose" IN ('activation', 'reset', 'email_change', 'fraud_report', 'sign_in_code'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `one_time_tokens_hash_idx` ON `one_time_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `one_time_tokens_account_idx` ON `one_time_tokens` (`account_id`,`purpose`);--> statement-breakpoint
CREATE INDEX `one_time_tokens_expires_idx` ON `one_time_tokens` (`expires_at`);--> statement-breakpoint
CREATE TABLE `rate_limit_buckets` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer NOT NULL,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `rate_limit_buckets_window_idx` ON `rate_limit_buckets` (`window_started_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL,
	`user_agent_label` text,
	`approximate_place` text,
	`second_factor_verified` integer DEFAULT false NOT NULL,
	`second_factor_verified_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_account_idx` ON `sessions` (`account_id`,`last_used_at`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sign_in_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`window_failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer NOT NULL,
	`last_failure_at` integer,
	`blocked_until` integer,
	CONSTRAINT "sign_in_throttles_scope_check" CHECK("sign_in_throttles"."scope" IN ('identifier', 'ip', 'global')),
	CONSTRAINT "sign_in_throttles_counts_check" CHECK("sign_in_throttles"."consecutive_failures" >= 0 AND "sign_in_throttles"."window_failures" >= 0)
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttles_window_idx` ON `sign_in_throttles` (`window_started_at`);--> statement-breakpoint
CREATE TABLE `bank_detail_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`company_id` integer,
	`member_id` integer,
	`contract_id` integer,
	`mandate_id` integer,
	`new_iban` text NOT NULL,
	`new_iban_last4` text NOT NULL,
	`new_bic` text,
	`new_holder_name` text NOT NULL,
	`request_id` integer,
	`requested_by_account_id` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`effective_at` integer NOT NULL,
	`notified_to` text,
	`notified_at` integer,
	`status` text NOT NULL,
	`applied_at` integer,
	`cancelled_at` integer,
	`cancelled_by_account_id` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `individual_contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mandate_id`) REFERENCES `bank_mandates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bank_detail_changes_target_check" CHECK("bank_detail_changes"."target" IN ('company_mandate', 'member_reimbursement', 'member_mandate')),
	CONSTRAINT "bank_detail_changes_status_check" CHECK("bank_detail_changes"."status" IN ('pending', 'applied', 'cancelled')),
	CONSTRAINT "bank_detail_changes_owner_check" CHECK(("bank_detail_changes"."company_id" IS NULL) <> ("bank_detail_changes"."member_id" IS NULL)),
	CONSTRAINT "bank_detail_changes_iban_last4_check" CHECK(length("bank_detail_changes"."new_iban_last4") = 4)
);
--> statement-breakpoint
CREATE INDEX `bank_detail_changes_due_idx` ON `bank_detail_changes` (`status`,`effective_at`);--> statement-breakpoint
CREATE INDEX `bank_detail_changes_company_idx` ON `bank_detail_changes` (`company_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `bank_detail_changes_member_idx` ON `bank_detail_changes` (`member_id`,`requested_at`);--> statement-breakpoint
CREATE TABLE `bank_mandates` (
	`id` integer PRIMARY KEY NOT NULL,
	`rum` text NOT NULL,
	`ics` text NOT NULL,
	`company_id` integer,
	`member_id` integer,
	`iban` text NOT NULL,
	`iban_last4` text NOT NULL,
	`bic` text,
	`holder_name` text NOT NULL,
	`signed_on` text NOT NULL,
	`status` text NOT NULL,
	`sequence_type` text NOT NULL,
	`last_debit_on` text,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bank_mandates_status_check" CHECK("bank_mandates"."status" IN ('pending', 'active', 'revoked', 'lapsed')),
	CONSTRAINT "bank_mandates_sequence_check" CHECK("bank_mandates"."sequence_type" IN ('OOFF', 'FRST', 'RCUR', 'FNAL')),
	CONSTRAINT "bank_mandates_owner_check" CHECK(("bank_mandates"."company_id" IS NULL) <> ("bank_mandates"."member_id" IS NULL)),
	CONSTRAINT "bank_mandates_rum_check" CHECK(length("bank_mandates"."rum") BETWEEN 1 AND 35),
	CONSTRAINT "bank_mandates_iban_last4_check" CHECK(length("bank_mandates"."iban_last4") = 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_mandates_rum_idx` ON `bank_mandates` (`rum`);--> statement-breakpoint
CREATE INDEX `bank_mandates_company_idx` ON `bank_mandates` (`company_id`,`status`);--> statement-breakpoint
CREATE INDEX `bank_mandates_member_idx` ON `bank_mandates` (`member_id`,`status`);--> statement-breakpoint
CREATE INDEX `bank_mandates_last_debit_idx` ON `bank_mandates` (`status`,`last_debit_on`);--> statement-breakpoint
CREATE TABLE `act_tariffs` (
	`id` integer PRIMARY KEY NOT NULL,
	`act_code` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`base_cents` integer,
	`ss_rate_bp` integer NOT NULL,
	`price_limit_cents` integer,
	`source` text,
	FOREIGN KEY (`act_code`) REFERENCES `acts`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "act_tariffs_dates_check" CHECK("act_tariffs"."effective_to" IS NULL OR "act_tariffs"."effective_to" > "act_tariffs"."effective_from")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `act_tariffs_act_from_idx` ON `act_tariffs` (`act_code`,`effective_from`);--> statement-breakpoint
CREATE TABLE `acts` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`category_code` text NOT NULL,
	`ss_rate_bp` integer NOT NULL,
	`deduction` text,
	`basket` text DEFAULT 'none' NOT NULL,
	FOREIGN KEY (`category_code`) REFERENCES `care_categories`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "acts_deduction_check" CHECK("acts"."deduction" IN ('participation_forfaitaire', 'franchise_medicament', 'franchise_paramedical', 'franchise_transport')),
	CONSTRAINT "acts_basket_check" CHECK("acts"."basket" IN ('none', '100_sante', 'tarif_maitrise', 'tarif_libre')),
	CONSTRAINT "acts_ss_rate_check" CHECK("acts"."ss_rate_bp" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE INDEX `acts_category_idx` ON `acts` (`category_code`);--> statement-breakpoint
CREATE TABLE `care_categories` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`card_domain` text,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cgu_acceptances` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`version` text NOT NULL,
	`accepted_at` integer NOT NULL,
	`capacity` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cgu_acceptances_capacity_check" CHECK("cgu_acceptances"."capacity" IN ('own_capacity', 'parental_authority', 'tutor', 'curator', 'legal_representative'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cgu_acceptances_account_version_idx` ON `cgu_acceptances` (`account_id`,`version`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`choice` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "consents_purpose_check" CHECK("consents"."purpose" IN ('marketing', 'profiling')),
	CONSTRAINT "consents_choice_check" CHECK("consents"."choice" IN ('opposed', 'accepted'))
);
--> statement-breakpoint
CREATE INDEX `consents_account_purpose_idx` ON `consents` (`account_id`,`purpose`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `contribution_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`statement_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`option` text NOT NULL,
	`headcount` integer NOT NULL,
	`base_cents` integer NOT NULL,
	`rate_bp` integer,
	`unit_amount_cents` integer,
	`amount_cents` integer NOT NULL,
	`employer_cents` integer NOT NULL,
	`employee_cents` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `contribution_statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `group_contract_categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contribution_lines_option_check" CHECK("contribution_lines"."option" IN ('isole', 'duo', 'famille')),
	CONSTRAINT "contribution_lines_split_check" CHECK("contribution_lines"."employer_cents" + "contribution_lines"."employee_cents" = "contribution_lines"."amount_cents")
);
--> statement-breakpoint
CREATE INDEX `contribution_lines_statement_idx` ON `contribution_lines` (`statement_id`);--> statement-breakpoint
CREATE TABLE `contribution_statements` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`group_contract_id` integer NOT NULL,
	`period` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`status` text NOT NULL,
	`issued_at` integer,
	`due_date` text,
	`paid_at` integer,
	`headcount` integer NOT NULL,
	`pmss_cents` integer,
	`total_cents` integer NOT NULL,
	`employer_cents` integer NOT NULL,
	`employee_cents` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_contract_id`) REFERENCES `group_contracts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contribution_statements_status_check" CHECK("contribution_statements"."status" IN ('draft', 'issued', 'paid', 'late')),
	CONSTRAINT "contribution_statements_split_check" CHECK("contribution_statements"."employer_cents" + "contribution_statements"."employee_cents" = "contribution_statements"."total_cents")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contribution_statements_contract_period_idx` ON `contribution_statements` (`group_contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `contribution_statements_company_idx` ON `contribution_statements` (`company_id`,`period_start`);--> statement-breakpoint
CREATE INDEX `contribution_statements_status_idx` ON `contribution_statements` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `affiliations` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`group_contract_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`member_id` integer,
	`employee_number` text,
	`option` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`end_reason` text,
	`portability_end_date` text,
	`dispense_reason` text,
	`dispense_requested_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_contract_id`) REFERENCES `group_contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `group_contract_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "affiliations_option_check" CHECK("affiliations"."option" IN ('isole', 'duo', 'famille')),
	CONSTRAINT "affiliations_end_reason_check" CHECK("affiliations"."end_reason" IN ('resignation', 'dismissal', 'contract_end', 'conventional_termination', 'retirement', 'death', 'group_contract_end')),
	CONSTRAINT "affiliations_dispense_reason_check" CHECK("affiliations"."dispense_reason" IN ('fixed_term_contract', 'covered_as_dependant', 'c2s', 'individual_contract', 'part_time_or_apprentice', 'present_at_due')),
	CONSTRAINT "affiliations_option_or_dispense_check" CHECK(("affiliations"."option" IS NULL) <> ("affiliations"."dispense_reason" IS NULL)),
	CONSTRAINT "affiliations_dates_check" CHECK("affiliations"."end_date" IS NULL OR "affiliations"."end_date" >= "affiliations"."start_date"),
	CONSTRAINT "affiliations_portability_check" CHECK("affiliations"."portability_end_date" IS NULL OR ("affiliations"."end_date" IS NOT NULL AND "affiliations"."portability_end_date" > "affiliations"."end_date"))
);
--> statement-breakpoint
CREATE INDEX `affiliations_company_idx` ON `affiliations` (`company_id`,`end_date`);--> statement-breakpoint
CREATE INDEX `affiliations_contract_idx` ON `affiliations` (`group_contract_id`,`category_id`);--> statement-breakpoint
CREATE INDEX `affiliations_person_idx` ON `affiliations` (`person_id`);--> statement-breakpoint
CREATE INDEX `affiliations_member_idx` ON `affiliations` (`member_id`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` integer PRIMARY KEY NOT NULL,
	`siren` text NOT NULL,
	`siret` text NOT NULL,
	`name` text NOT NULL,
	`naf_code` text,
	`address_line1` text NOT NULL,
	`address_line2` text,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`insee_code` text,
	`email` text,
	`phone` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "companies_siren_check" CHECK("companies"."siren" GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "companies_siret_check" CHECK("companies"."siret" GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "companies_siret_siren_check" CHECK(substr("companies"."siret", 1, 9) = "companies"."siren")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `companies_siret_idx` ON `companies` (`siret`);--> statement-breakpoint
CREATE INDEX `companies_siren_idx` ON `companies` (`siren`);--> statement-breakpoint
CREATE INDEX `companies_name_idx` ON `companies` (`name`);--> statement-breakpoint
CREATE TABLE `group_contract_categories` (
	`id` integer PRIMARY KEY NOT NULL,
	`group_contract_id` integer NOT NULL,
	`category` text NOT NULL,
	`label` text NOT NULL,
	`offer_id` integer NOT NULL,
	`employer_share_bp` integer NOT NULL,
	`basis` text NOT NULL,
	`isole_value` integer NOT NULL,
	`duo_value` integer NOT NULL,
	`famille_value` integer NOT NULL,
	FOREIGN KEY (`group_contract_id`) REFERENCES `group_contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "group_contract_categories_category_check" CHECK("group_contract_categories"."category" IN ('ensemble', 'cadres', 'non_cadres')),
	CONSTRAINT "group_contract_categories_basis_check" CHECK("group_contract_categories"."basis" IN ('pmss_percent', 'flat_amount')),
	CONSTRAINT "group_contract_categories_employer_share_check" CHECK("group_contract_categories"."employer_share_bp" BETWEEN 5000 AND 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_contract_categories_contract_category_idx` ON `group_contract_categories` (`group_contract_id`,`category`);--> statement-breakpoint
CREATE TABLE `group_contracts` (
	`id` integer PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`company_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`end_reason` text,
	`contribution_periodicity` text NOT NULL,
	`payment_day` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "group_contracts_periodicity_check" CHECK("group_contracts"."contribution_periodicity" IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
	CONSTRAINT "group_contracts_payment_day_check" CHECK("group_contracts"."payment_day" IS NULL OR "group_contracts"."payment_day" BETWEEN 1 AND 28),
	CONSTRAINT "group_contracts_dates_check" CHECK("group_contracts"."end_date" IS NULL OR "group_contracts"."end_date" >= "group_contracts"."start_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_contracts_number_idx` ON `group_contracts` (`number`);--> statement-breakpoint
CREATE INDEX `group_contracts_company_idx` ON `group_contracts` (`company_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `guarantee_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`table_id` integer NOT NULL,
	`category_code` text NOT NULL,
	`act_code` text,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer DEFAULT 0 NOT NULL,
	`ceiling_cents` integer,
	`period` text DEFAULT 'per_act' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `guarantee_tables`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_code`) REFERENCES `care_categories`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`act_code`) REFERENCES `acts`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "guarantee_lines_kind_check" CHECK("guarantee_lines"."kind" IN ('percent_br', 'flat', 'basket_100_sante', 'ceiling', 'actual_cost')),
	CONSTRAINT "guarantee_lines_period_check" CHECK("guarantee_lines"."period" IN ('per_act', 'per_day', 'per_year', 'per_two_years')),
	CONSTRAINT "guarantee_lines_value_check" CHECK("guarantee_lines"."value" >= 0)
);
--> statement-breakpoint
CREATE INDEX `guarantee_lines_table_idx` ON `guarantee_lines` (`table_id`,`category_code`,`sort_order`);--> statement-breakpoint
CREATE TABLE `guarantee_tables` (
	`id` integer PRIMARY KEY NOT NULL,
	`offer_id` integer NOT NULL,
	`label` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "guarantee_tables_dates_check" CHECK("guarantee_tables"."effective_to" IS NULL OR "guarantee_tables"."effective_to" > "guarantee_tables"."effective_from")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guarantee_tables_offer_from_idx` ON `guarantee_tables` (`offer_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `offer_card_cells` (
	`id` integer PRIMARY KEY NOT NULL,
	`offer_id` integer NOT NULL,
	`domain` text NOT NULL,
	`value` text NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offer_card_cells_offer_domain_idx` ON `offer_card_cells` (`offer_id`,`domain`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`responsible` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "offers_kind_check" CHECK("offers"."kind" IN ('individual', 'collective'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offers_code_idx` ON `offers` (`code`);--> statement-breakpoint
CREATE TABLE `payment_invoices` (
	`payment_id` integer NOT NULL,
	`invoice_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	PRIMARY KEY(`payment_id`, `invoice_id`),
	FOREIGN KEY (`payment_id`) REFERENCES `professional_payments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invoice_id`) REFERENCES `tp_invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_invoices_invoice_idx` ON `payment_invoices` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `professional_payments` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`paid_on` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reference` text NOT NULL,
	`invoice_count` integer NOT NULL,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `professional_payments_reference_idx` ON `professional_payments` (`reference`);--> statement-breakpoint
CREATE INDEX `professional_payments_professional_idx` ON `professional_payments` (`professional_id`,`paid_on`);--> statement-breakpoint
CREATE TABLE `tp_invoice_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`invoice_id` integer NOT NULL,
	`line_number` integer NOT NULL,
	`act_code` text NOT NULL,
	`care_date` text NOT NULL,
	`quantity` integer DEFAULT 1 NOT NULL,
	`charged_cents` integer NOT NULL,
	`base_cents` integer NOT NULL,
	`ss_paid_cents` integer NOT NULL,
	`claimed_cents` integer NOT NULL,
	`accepted_cents` integer,
	`prestation_id` integer,
	FOREIGN KEY (`invoice_id`) REFERENCES `tp_invoices`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`act_code`) REFERENCES `acts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prestation_id`) REFERENCES `prestations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tp_invoice_lines_invoice_line_idx` ON `tp_invoice_lines` (`invoice_id`,`line_number`);--> statement-breakpoint
CREATE INDEX `tp_invoice_lines_prestation_idx` ON `tp_invoice_lines` (`prestation_id`);--> statement-breakpoint
CREATE TABLE `tp_invoices` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`member_id` integer,
	`beneficiary_id` integer,
	`member_number_as_sent` text NOT NULL,
	`invoice_number` text NOT NULL,
	`care_date` text NOT NULL,
	`received_on` text NOT NULL,
	`processed_on` text,
	`charged_cents` integer NOT NULL,
	`claimed_cents` integer NOT NULL,
	`accepted_cents` integer,
	`status` text NOT NULL,
	`rejection_code` text,
	`rejection_label` text,
	`paid_on` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tp_invoices_status_check" CHECK("tp_invoices"."status" IN ('recue', 'acceptee', 'rejetee', 'payee')),
	CONSTRAINT "tp_invoices_rejection_check" CHECK("tp_invoices"."status" <> 'rejetee' OR "tp_invoices"."rejection_code" IS NOT NULL),
	CONSTRAINT "tp_invoices_paid_check" CHECK("tp_invoices"."status" <> 'payee' OR "tp_invoices"."paid_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tp_invoices_professional_number_idx` ON `tp_invoices` (`professional_id`,`invoice_number`);--> statement-breakpoint
CREATE INDEX `tp_invoices_professional_care_date_idx` ON `tp_invoices` (`professional_id`,`care_date`);--> statement-breakpoint
CREATE INDEX `tp_invoices_professional_status_idx` ON `tp_invoices` (`professional_id`,`status`,`received_on`);--> statement-breakpoint
CREATE INDEX `tp_invoices_professional_paid_idx` ON `tp_invoices` (`professional_id`,`paid_on`);--> statement-breakpoint
CREATE INDEX `tp_invoices_member_idx` ON `tp_invoices` (`member_id`,`care_date`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 5 NOT NULL,
	`available_at` integer NOT NULL,
	`leased_until` integer,
	`lease_owner` text,
	`last_error` text,
	`idempotency_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "jobs_status_check" CHECK("jobs"."status" IN ('pending', 'leased', 'done', 'dead')),
	CONSTRAINT "jobs_attempts_check" CHECK("jobs"."attempts" >= 0 AND "jobs"."max_attempts" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency_key_idx` ON `jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_status_available_idx` ON `jobs` (`status`,`available_at`);--> statement-breakpoint
CREATE INDEX `jobs_status_leased_idx` ON `jobs` (`status`,`leased_until`);--> statement-breakpoint
CREATE TABLE `outgoing_mails` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_id` integer,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text,
	`template` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`provider_message_id` text,
	`error` text,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outgoing_mails_status_check" CHECK("outgoing_mails"."status" IN ('queued', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outgoing_mails_idempotency_key_idx` ON `outgoing_mails` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outgoing_mails_to_idx` ON `outgoing_mails` (`to_address`,`created_at`);--> statement-breakpoint
CREATE INDEX `outgoing_mails_created_idx` ON `outgoing_mails` (`created_at`);--> statement-breakpoint
CREATE TABLE `beneficiaries` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`relationship` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`rank` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "beneficiaries_relationship_check" CHECK("beneficiaries"."relationship" IN ('adherent', 'conjoint', 'enfant', 'autre')),
	CONSTRAINT "beneficiaries_dates_check" CHECK("beneficiaries"."end_date" IS NULL OR "beneficiaries"."end_date" >= "beneficiaries"."start_date")
);
--> statement-breakpoint
CREATE INDEX `beneficiaries_member_idx` ON `beneficiaries` (`member_id`,`rank`);--> statement-breakpoint
CREATE INDEX `beneficiaries_person_idx` ON `beneficiaries` (`person_id`);--> statement-breakpoint
CREATE TABLE `individual_contracts` (
	`id` integer PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`member_id` integer NOT NULL,
	`offer_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`end_reason` text,
	`contribution_cents` integer NOT NULL,
	`contribution_periodicity` text NOT NULL,
	`payment_method` text NOT NULL,
	`payment_day` integer,
	`reimbursement_iban` text,
	`reimbursement_iban_last4` text,
	`reimbursement_bic` text,
	`reimbursement_holder` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "individual_contracts_end_reason_check" CHECK("individual_contracts"."end_reason" IN ('member_termination', 'insurer_termination', 'non_payment', 'death', 'group_coverage', 'offer_change')),
	CONSTRAINT "individual_contracts_periodicity_check" CHECK("individual_contracts"."contribution_periodicity" IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
	CONSTRAINT "individual_contracts_payment_method_check" CHECK("individual_contracts"."payment_method" IN ('direct_debit', 'transfer', 'cheque')),
	CONSTRAINT "individual_contracts_payment_day_check" CHECK("individual_contracts"."payment_day" IS NULL OR "individual_contracts"."payment_day" BETWEEN 1 AND 28),
	CONSTRAINT "individual_contracts_contribution_check" CHECK("individual_contracts"."contribution_cents" >= 0),
	CONSTRAINT "individual_contracts_dates_check" CHECK("individual_contracts"."end_date" IS NULL OR "individual_contracts"."end_date" >= "individual_contracts"."start_date"),
	CONSTRAINT "individual_contracts_iban_last4_check" CHECK("individual_contracts"."reimbursement_iban_last4" IS NULL OR length("individual_contracts"."reimbursement_iban_last4") = 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `individual_contracts_number_idx` ON `individual_contracts` (`number`);--> statement-breakpoint
CREATE INDEX `individual_contracts_member_idx` ON `individual_contracts` (`member_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `individual_contracts_offer_idx` ON `individual_contracts` (`offer_id`);--> statement-breakpoint
CREATE INDEX `individual_contracts_end_idx` ON `individual_contracts` (`end_date`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_number` text NOT NULL,
	`person_id` integer NOT NULL,
	`paper_statements` integer DEFAULT false NOT NULL,
	`address_line1` text NOT NULL,
	`address_line2` text,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`insee_code` text,
	`country_code` text DEFAULT 'FR' NOT NULL,
	`email` text,
	`phone` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "members_member_number_check" CHECK("members"."member_number" <> '' AND "members"."member_number" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_member_number_idx` ON `members` (`member_number`);--> statement-breakpoint
CREATE INDEX `members_person_idx` ON `members` (`person_id`);--> statement-breakpoint
CREATE INDEX `members_email_idx` ON `members` (`email`);--> statement-breakpoint
CREATE TABLE `tiers_payant_cards` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`amc_number` text NOT NULL,
	`convention_type` text NOT NULL,
	`routing_criterion` text NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tiers_payant_cards_dates_check" CHECK("tiers_payant_cards"."valid_to" >= "tiers_payant_cards"."valid_from")
);
--> statement-breakpoint
CREATE INDEX `tiers_payant_cards_member_idx` ON `tiers_payant_cards` (`member_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `dated_parameters` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`value` integer NOT NULL,
	`unit` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`source` text,
	CONSTRAINT "dated_parameters_name_check" CHECK("dated_parameters"."name" IN ('participation_forfaitaire', 'participation_forfaitaire_daily_cap', 'participation_forfaitaire_yearly_cap', 'franchise_medicament', 'franchise_paramedical', 'franchise_paramedical_daily_cap', 'franchise_transport', 'franchise_transport_daily_cap', 'franchise_yearly_cap', 'forfait_journalier', 'forfait_journalier_psychiatrie', 'forfait_actes_lourds', 'pmss')),
	CONSTRAINT "dated_parameters_unit_check" CHECK("dated_parameters"."unit" IN ('cents', 'basis_points', 'count')),
	CONSTRAINT "dated_parameters_dates_check" CHECK("dated_parameters"."effective_to" IS NULL OR "dated_parameters"."effective_to" > "dated_parameters"."effective_from")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dated_parameters_name_from_idx` ON `dated_parameters` (`name`,`effective_from`);--> statement-breakpoint
CREATE TABLE `person_roles` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`since` text NOT NULL,
	`until` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "person_roles_role_check" CHECK("person_roles"."role" IN ('adherent', 'beneficiary', 'employee', 'company_contact', 'professional', 'staff'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_roles_person_role_since_idx` ON `person_roles` (`person_id`,`role`,`since`);--> statement-breakpoint
CREATE INDEX `person_roles_role_idx` ON `person_roles` (`role`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_name` text NOT NULL,
	`birth_name` text,
	`first_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`sex` text NOT NULL,
	`nir` text,
	`deceased_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "persons_sex_check" CHECK("persons"."sex" IN ('F', 'M')),
	CONSTRAINT "persons_nir_check" CHECK("persons"."nir" IS NULL OR length("persons"."nir") = 15)
);
--> statement-breakpoint
CREATE INDEX `persons_nir_idx` ON `persons` (`nir`);--> statement-breakpoint
CREATE INDEX `persons_name_idx` ON `persons` (`last_name`,`first_name`,`birth_date`);--> statement-breakpoint
CREATE TABLE `member_payments` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`statement_id` integer,
	`paid_on` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reference` text NOT NULL,
	`iban_last4` text,
	`status` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "member_payments_status_check" CHECK("member_payments"."status" IN ('scheduled', 'paid', 'returned')),
	CONSTRAINT "member_payments_amount_check" CHECK("member_payments"."amount_cents" > 0),
	CONSTRAINT "member_payments_iban_last4_check" CHECK("member_payments"."iban_last4" IS NULL OR length("member_payments"."iban_last4") = 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_payments_reference_idx` ON `member_payments` (`reference`);--> statement-breakpoint
CREATE INDEX `member_payments_member_idx` ON `member_payments` (`member_id`,`paid_on`);--> statement-breakpoint
CREATE INDEX `member_payments_statement_idx` ON `member_payments` (`statement_id`);--> statement-breakpoint
CREATE TABLE `prestations` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`care_date` text NOT NULL,
	`act_code` text NOT NULL,
	`category_code` text NOT NULL,
	`professional_id` integer,
	`quantity` integer DEFAULT 1 NOT NULL,
	`charged_cents` integer NOT NULL,
	`base_cents` integer NOT NULL,
	`ss_rate_bp` integer NOT NULL,
	`ss_paid_cents` integer NOT NULL,
	`participation_forfaitaire_cents` integer DEFAULT 0 NOT NULL,
	`franchise_cents` integer DEFAULT 0 NOT NULL,
	`mutuelle_cents` integer NOT NULL,
	`remaining_cents` integer NOT NULL,
	`paid_to` text NOT NULL,
	`payment_date` text,
	`statement_id` integer,
	`member_payment_id` integer,
	`source_ref` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiaries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`act_code`) REFERENCES `acts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_code`) REFERENCES `care_categories`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_payment_id`) REFERENCES `member_payments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "prestations_paid_to_check" CHECK("prestations"."paid_to" IN ('member', 'professional')),
	CONSTRAINT "prestations_amounts_check" CHECK("prestations"."charged_cents" >= 0 AND "prestations"."base_cents" >= 0 AND "prestations"."ss_paid_cents" >= 0 AND "prestations"."mutuelle_cents" >= 0 AND "prestations"."remaining_cents" >= 0 AND "prestations"."participation_forfaitaire_cents" >= 0 AND "prestations"."franchise_cents" >= 0),
	CONSTRAINT "prestations_sum_check" CHECK("prestations"."ss_paid_cents" + "prestations"."mutuelle_cents" + "prestations"."remaining_cents" = "prestations"."charged_cents"),
	CONSTRAINT "prestations_ss_rate_check" CHECK("prestations"."ss_rate_bp" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE INDEX `prestations_member_care_date_idx` ON `prestations` (`member_id`,`care_date`);--> statement-breakpoint
CREATE INDEX `prestations_member_payment_date_idx` ON `prestations` (`member_id`,`payment_date`);--> statement-breakpoint
CREATE INDEX `prestations_member_category_idx` ON `prestations` (`member_id`,`category_code`,`care_date`);--> statement-breakpoint
CREATE INDEX `prestations_beneficiary_idx` ON `prestations` (`beneficiary_id`,`care_date`);--> statement-breakpoint
CREATE INDEX `prestations_statement_idx` ON `prestations` (`statement_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `prestations_source_ref_idx` ON `prestations` (`source_ref`) WHERE "prestations"."source_ref" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `statements` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`month` text NOT NULL,
	`published_at` integer NOT NULL,
	`line_count` integer NOT NULL,
	`charged_cents` integer NOT NULL,
	`ss_paid_cents` integer NOT NULL,
	`mutuelle_cents` integer NOT NULL,
	`remaining_cents` integer NOT NULL,
	`paid_to_member_cents` integer NOT NULL,
	`paid_to_professionals_cents` integer NOT NULL,
	`document_status` text DEFAULT 'pending' NOT NULL,
	`document_key` text,
	`posted_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "statements_document_status_check" CHECK("statements"."document_status" IN ('pending', 'available', 'failed')),
	CONSTRAINT "statements_month_check" CHECK("statements"."month" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statements_member_month_idx` ON `statements` (`member_id`,`month`);--> statement-breakpoint
CREATE INDEX `statements_published_idx` ON `statements` (`published_at`);--> statement-breakpoint
CREATE TABLE `professional_networks` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`network` text NOT NULL,
	`joined_on` text NOT NULL,
	`left_on` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "professional_networks_network_check" CHECK("professional_networks"."network" IN ('kalixia_optique', 'kalixia_audio', 'kalixia_dentaire', 'kalixia_osteopathie'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `professional_networks_professional_network_idx` ON `professional_networks` (`professional_id`,`network`,`joined_on`);--> statement-breakpoint
CREATE INDEX `professional_networks_network_idx` ON `professional_networks` (`network`,`left_on`);--> statement-breakpoint
CREATE TABLE `professionals` (
	`id` integer PRIMARY KEY NOT NULL,
	`rpps` text,
	`finess` text,
	`adeli` text,
	`last_name` text,
	`first_name` text,
	`practice_name` text,
	`profession` text NOT NULL,
	`specialty` text,
	`sector` text,
	`convention_number` text,
	`convention_signed_on` text,
	`convention_ended_on` text,
	`address_line1` text NOT NULL,
	`address_line2` text,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`insee_code` text,
	`latitude` real,
	`longitude` real,
	`phone` text,
	`email` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "professionals_profession_check" CHECK("professionals"."profession" IN ('medecin_generaliste', 'medecin_specialiste', 'chirurgien_dentiste', 'pharmacien', 'infirmier', 'masseur_kinesitherapeute', 'sage_femme', 'opticien', 'audioprothesiste', 'laboratoire', 'radiologie', 'etablissement_sante')),
	CONSTRAINT "professionals_sector_check" CHECK("professionals"."sector" IN ('secteur_1', 'secteur_2_optam', 'secteur_2', 'non_conventionne')),
	CONSTRAINT "professionals_rpps_check" CHECK("professionals"."rpps" GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "professionals_finess_check" CHECK("professionals"."finess" IS NULL OR length("professionals"."finess") = 9),
	CONSTRAINT "professionals_adeli_check" CHECK("professionals"."adeli" GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
	CONSTRAINT "professionals_name_check" CHECK("professionals"."last_name" IS NOT NULL OR "professionals"."practice_name" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `professionals_rpps_idx` ON `professionals` (`rpps`);--> statement-breakpoint
CREATE INDEX `professionals_finess_idx` ON `professionals` (`finess`);--> statement-breakpoint
CREATE UNIQUE INDEX `professionals_convention_idx` ON `professionals` (`convention_number`);--> statement-breakpoint
CREATE INDEX `professionals_profession_postal_idx` ON `professionals` (`profession`,`postal_code`);--> statement-breakpoint
CREATE INDEX `professionals_location_idx` ON `professionals` (`latitude`,`longitude`);--> statement-breakpoint
CREATE TABLE `request_status_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`changed_at` integer NOT NULL,
	`changed_by_account_id` integer,
	`note` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "request_status_history_from_check" CHECK("request_status_history"."from_status" IN ('received', 'acknowledged', 'in_progress', 'answered', 'rejected', 'cancelled', 'closed')),
	CONSTRAINT "request_status_history_to_check" CHECK("request_status_history"."to_status" IN ('received', 'acknowledged', 'in_progress', 'answered', 'rejected', 'cancelled', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `request_status_history_request_idx` ON `request_status_history` (`request_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`kind` text NOT NULL,
	`sub_kind` text,
	`account_id` integer,
	`channel` text DEFAULT 'web' NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`acknowledge_by` integer,
	`acknowledged_at` integer,
	`answer_by` integer,
	`answered_at` integer,
	`answer_text` text,
	`answered_by_account_id` integer,
	`assigned_to_account_id` integer,
	`closed_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "requests_kind_check" CHECK("requests"."kind" IN ('complaint', 'beneficiary_add', 'beneficiary_remove', 'bank_details_change', 'data_protection', 'fraud_report', 'account_deletion')),
	CONSTRAINT "requests_status_check" CHECK("requests"."status" IN ('received', 'acknowledged', 'in_progress', 'answered', 'rejected', 'cancelled', 'closed')),
	CONSTRAINT "requests_channel_check" CHECK("requests"."channel" IN ('web', 'email', 'post', 'phone', 'counter')),
	CONSTRAINT "requests_answer_check" CHECK("requests"."answered_at" IS NULL OR "requests"."answer_text" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_reference_idx` ON `requests` (`reference`);--> statement-breakpoint
CREATE INDEX `requests_account_idx` ON `requests` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_status_deadline_idx` ON `requests` (`status`,`answer_by`);--> statement-breakpoint
CREATE INDEX `requests_kind_status_idx` ON `requests` (`kind`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_assigned_idx` ON `requests` (`assigned_to_account_id`,`status`);--> statement-breakpoint
CREATE TABLE `uploaded_documents` (
	`id` integer PRIMARY KEY NOT NULL,
	`storage_key` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`owner_account_id` integer NOT NULL,
	`request_id` integer,
	`uploaded_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`owner_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "uploaded_documents_size_check" CHECK("uploaded_documents"."size_bytes" >= 0),
	CONSTRAINT "uploaded_documents_sha256_check" CHECK(length("uploaded_documents"."sha256") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uploaded_documents_storage_key_idx` ON `uploaded_documents` (`storage_key`);--> statement-breakpoint
CREATE INDEX `uploaded_documents_owner_idx` ON `uploaded_documents` (`owner_account_id`,`uploaded_at`);--> statement-breakpoint
CREATE INDEX `uploaded_documents_request_idx` ON `uploaded_documents` (`request_id`);