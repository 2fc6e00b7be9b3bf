import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { FundingError } from '../../features/funding/errors.js';
import { receiveStripeEvent } from '../../features/funding/receive-stripe-event.js';
import { verifyStripeEvent } from '../../features/funding/stripe-client.js';
import { statusForCode } from '../errors.js';

/**
 * `POST /webhooks/stripe`. The signature covers the exact bytes Stripe sent, so this route gets
 * its body raw: an encapsulated scope whose only content-type parser keeps the Buffer. (The
 * same-origin check exempts /webhooks/*; the signature is the authentication.) Answers 2xx for
 * every verified event, applied or not, so Stripe stops retrying; the outcome says what happened.
 */
export function stripeWebhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_request, body, done) => done(null, body));
    scope.post('/webhooks/stripe', { schema: { hide: true } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['stripe-signature'];
      try {
        const event = verifyStripeEvent(ctx, raw, typeof signature === 'string' ? signature : undefined);
        const received = await receiveStripeEvent(ctx, event);
        return reply.code(200).send({ received: true, id: event.id, ...received });
      } catch (error) {
        if (!(error instanceof FundingError)) throw error;
        request.log.warn({ code: error.code }, 'stripe webhook refused');
        return reply.code(statusForCode(error.code)).send({ error: { code: error.code, message: error.message } });
      }
    });
  });
}
