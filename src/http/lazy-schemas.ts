import AjvCompiler from '@fastify/ajv-compiler';
import SerializerCompiler from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * Route schemas compiled when first used, not at start-up.
 *
 * Fastify compiles every route's validator (Ajv) and response serializer (fast-json-stringify)
 * while the app boots: with our schemas that was ~400 ms of CPU in a 1.6 s start, most of it for
 * routes a given process may never serve (admin forms, the API). Here each route gets a thin
 * function that compiles its real one on the first call and then delegates to it. Schemas a
 * process never uses are never compiled (6 MB less heap after a reader warm-up); a schema mistake
 * is caught by `tests/schemas.test.ts`, which compiles them all with `warmUp()`.
 * The Ajv options are Fastify's own (the `ajv` server option still reaches them).
 */
type Compile = (route: { schema: unknown; method?: string; url?: string; httpPart?: string }) => ValidateFn;
type ValidateFn = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };

export interface LazySchemas {
  compilersFactory: NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
  /** Compile every schema not compiled yet. Throws the first compile error, naming the route. */
  warmUp(): void;
  /** How many schemas are still waiting to be compiled. */
  pending(): number;
}

export function lazySchemas(): LazySchemas {
  const waiting = new Set<() => void>();
  const baseValidator = AjvCompiler() as unknown as (externalSchemas: unknown, options: unknown) => Compile;
  const baseSerializer = SerializerCompiler() as unknown as (externalSchemas: unknown, options: unknown) => (route: unknown) => (data: unknown) => string;

  function buildValidator(externalSchemas: unknown, options: unknown): Compile {
    const compile = baseValidator(externalSchemas, options);
    return (route) => {
      let real: ValidateFn | undefined;
      const ensure = () => {
        if (!real) {
          waiting.delete(ensure);
          try {
            real = compile(route);
          } catch (error) {
            throw new Error(`${route.method ?? ''} ${route.url ?? ''} ${route.httpPart ?? ''}: ${(error as Error).message}`);
          }
        }
        return real;
      };
      waiting.add(ensure);
      const validate: ValidateFn = (data, context) => {
        const fn = ensure();
        // Ajv mutates (coerces) a root value only when told its parent: pass Fastify's context through.
        const valid = fn.schemaEnv ? fn(data, context) : fn(data);
        validate.errors = fn.errors;
        return valid;
      };
      // Truthy, so Fastify hands us the parent context Ajv needs (see validateParam in fastify).
      validate.schemaEnv = true;
      return validate;
    };
  }

  function buildSerializer(externalSchemas: unknown, options: unknown) {
    const compile = baseSerializer(externalSchemas, options);
    return (route: unknown) => {
      let real: ((data: unknown) => string) | undefined;
      const ensure = () => {
        if (!real) {
          waiting.delete(ensure);
          real = compile(route);
        }
        return real;
      };
      waiting.add(ensure);
      return (data: unknown) => ensure()(data);
    };
  }

  return {
    compilersFactory: { buildValidator, buildSerializer } as unknown as LazySchemas['compilersFactory'],
    warmUp() {
      for (const ensure of [...waiting]) ensure();
    },
    pending: () => waiting.size,
  };
}
