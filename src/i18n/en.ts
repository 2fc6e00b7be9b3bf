import { site } from './en/site.js';
import { discussion } from './en/discussion.js';
import { notifications } from './en/notifications.js';
import { funding } from './en/funding.js';
import { accounts } from './en/accounts.js';
import { admin } from './en/admin.js';
import { feedback } from './en/feedback.js';
import { moderation } from './en/moderation.js';

/** The English catalog's areas, one file each under en/ (a key defined in two fails index.test.ts). */
export const enAreas = { site, discussion, notifications, funding, accounts, admin, feedback, moderation };

/** English messages. Every user-facing string lives in a catalog like this one, one per locale. */
export const en = { ...site, ...discussion, ...notifications, ...funding, ...accounts, ...admin, ...feedback, ...moderation } as const;

export type MessageKey = keyof typeof en;
