// Every scheduled task, in the order a tick runs them.
import { accountDeletion } from "./account-deletion.ts";
import { accountLifecycle } from "./account-lifecycle.ts";
import { auditVerify } from "./audit-verify.ts";
import { bankDetailChanges } from "./bank-detail-changes.ts";
import { cguUpdateNotice } from "./cgu-update-notice.ts";
import { dataExportPurge } from "./data-export-purge.ts";
import { dataProtectionReminders } from "./data-protection-reminders.ts";
import { dataRetention } from "./data-retention.ts";
import { outboxRelay } from "./outbox-relay.ts";
import { paymentNotices } from "./payment-notices.ts";
import { purgeExpiredAuth } from "./purge-expired-auth.ts";
import { securityLogPurge } from "./security-log-purge.ts";
import { statementPublication } from "./statement-publication.ts";

export const tasks = [
	outboxRelay,
	purgeExpiredAuth,
	accountLifecycle,
	accountDeletion,
	dataProtectionReminders,
	cguUpdateNotice,
	statementPublication,
	paymentNotices,
	bankDetailChanges,
	securityLogPurge,
	dataRetention,
	auditVerify,
	dataExportPurge,
] as const;
