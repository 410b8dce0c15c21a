import { z } from 'zod';

/** Env values are strings; these parse the few shapes we use and say what was expected. */
export const envString = (fallback?: string) =>
  fallback === undefined ? z.string().min(1) : z.string().min(1).default(fallback);

export const envInt = (fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) =>
  z
    .string()
    .regex(/^-?\d+$/, `expected an integer`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);

/** A decimal number such as `0.005` (no exponent, no leading dot: what people write in env). */
export const envNumber = (fallback: number, { min = -Infinity, max = Infinity } = {}) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, 'expected a decimal number')
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .default(fallback);

export const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
    .transform((v) => v === 'true' || v === '1')
    .default(fallback);

export const envList = (fallback: string[]) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(1, 'expected a comma-separated list'))
    .default(fallback);

export const envEnum = <const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
) => z.enum(values, { message: `expected one of ${values.join(', ')}` }).default(fallback);

export const envOptional = () => z.string().min(1).optional();
