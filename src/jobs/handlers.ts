import { rerenderBodiesShowing } from '../features/articles/rerender-media-bodies.js';
import { sendDonationReceipt } from '../features/funding/send-receipt.js';
import { generateMediaVariants } from '../features/media/generate-variants.js';
import { runConfirmJob, runManageLinkJob, runSendJob } from '../features/notifications/send-notifications.js';
import type { JobHandler } from './worker.js';

/**
 * Every kind of background job and the function that runs it. A feature that enqueues a job
 * (`enqueueJob(tx, now, kind, payload)`) adds its handler here.
 */
export const jobHandlers: Record<string, JobHandler> = {
  // funding
  'funding.receipt': async (ctx, job) => void (await sendDonationReceipt(ctx, (job.payload as { entryId: number }).entryId)),
  // media: responsive variants of an upload, then the article bodies that show it get their srcset
  'media.variants': async (ctx, job) => {
    const { mediaId } = job.payload as { mediaId: number };
    await generateMediaVariants(ctx, mediaId);
    await rerenderBodiesShowing(ctx, mediaId);
  },
  // notifications: one batched email per subscription, the double opt-in email, a fresh manage link
  'notifications.send': runSendJob,
  'notifications.confirm': runConfirmJob,
  'notifications.manage-link': runManageLinkJob,
};
