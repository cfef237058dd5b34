import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { addDays, isCalendarDate, swedishToday } from './dates.ts';

/** Everything Vaka reads from its environment, checked once at start. */
export interface Config {
  port: number;
  host: string;
  /** The address people reach the app at; OIDC redirects are built from it. */
  publicUrl: string;
  /** PostgreSQL server when set; otherwise the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Key for signing session and CSRF cookies. */
  sessionSecret: string;
  /** Cookies only over HTTPS; on unless the public URL is plain http on localhost. */
  secureCookies: boolean;
  oidc: {
    /** External issuer; when absent the app runs its own development identity provider. */
    issuer: string | undefined;
    clientId: string;
    clientSecret: string;
  };
  diarium: {
    /**
     * How a diarienummer is written: {class} the case's class in the filing plan, {number} or {number:N}
     * the running number of the year (zero-padded to N digits), {year} the year. Default
     * "{class}-{number:5}/{year}", e.g. 3.1-01234/2026.
     */
    template: string;
  };
  demo: {
    /** Generate and load the demo world into an empty database on start. */
    loadOnFirstStart: boolean;
    units: number;
    seed: number;
    /** The demo world's last day of history: yesterday in Sweden unless VAKA_DEMO_UNTIL pins it, so a fresh
     * demo has this week's signals and alerts; the same day and seed always give the same world. */
    until: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const url = (name: string): string | undefined => {
    const raw = env[name];
    if (!raw) return undefined;
    try {
      new URL(raw);
      return raw;
    } catch {
      problems.push(`${name} must be a URL, got "${raw}"`);
      return undefined;
    }
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };
  const demoUntil = (): string => {
    const yesterday = addDays(swedishToday(), -1);
    const raw = env.VAKA_DEMO_UNTIL;
    if (raw === undefined || raw === '') return yesterday;
    // The generator needs a year of history (from 2022-01-01) and cannot see the future.
    if (!isCalendarDate(raw) || raw < '2023-01-01' || raw > yesterday) {
      problems.push(`VAKA_DEMO_UNTIL must be a date YYYY-MM-DD from 2023-01-01 to yesterday, got "${raw}"`);
      return yesterday;
    }
    return raw;
  };

  const port = integer('PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = (url('VAKA_PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/$/, '');
  const databaseUrl = url('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:/.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const dataDir = path.resolve(env.VAKA_DATA_DIR || 'data');
  const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${env.LOG_LEVEL}"`);

  const isProduction = env.NODE_ENV === 'production';
  let sessionSecret = env.VAKA_SESSION_SECRET ?? '';
  if (!sessionSecret) {
    if (isProduction) problems.push('VAKA_SESSION_SECRET is required when NODE_ENV=production (at least 32 characters)');
    // Development: a fresh secret per process; sessions do not survive a restart.
    sessionSecret = randomBytes(32).toString('hex');
  } else if (sessionSecret.length < 32) {
    problems.push('VAKA_SESSION_SECRET must be at least 32 characters');
  }
  const issuer = url('VAKA_OIDC_ISSUER');
  if (isProduction && !issuer) problems.push('VAKA_OIDC_ISSUER is required when NODE_ENV=production (the development identity provider is for demos and tests only)');
  const diariumTemplate = env.VAKA_DIARIUM_TEMPLATE || '{class}-{number:5}/{year}';
  if (!/\{number(:[1-9])?\}/.test(diariumTemplate) || !diariumTemplate.includes('{year}') || /\{(?!class\}|year\}|number(:[1-9])?\})/.test(diariumTemplate)) {
    problems.push(`VAKA_DIARIUM_TEMPLATE must contain {number} (or {number:N}) and {year}, and may contain {class}; got "${diariumTemplate}"`);
  }
  const isLocalHttp = /^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(publicUrl);

  const config: Config = {
    port,
    host,
    publicUrl,
    databaseUrl,
    dataDir,
    logLevel,
    sessionSecret,
    secureCookies: !isLocalHttp,
    oidc: {
      issuer,
      clientId: env.VAKA_OIDC_CLIENT_ID || 'vaka-staff',
      clientSecret: env.VAKA_OIDC_CLIENT_SECRET || 'vaka-dev-secret-not-for-production',
    },
    diarium: { template: diariumTemplate },
    demo: {
      loadOnFirstStart: flag('VAKA_DEMO', true),
      units: integer('VAKA_DEMO_UNITS', 40000, 1, 500000),
      seed: integer('VAKA_DEMO_SEED', 1, 0, 2 ** 31 - 1),
      until: demoUntil(),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
