// Every environment variable the app reads, parsed with zod in one place (README "Configuration"
// lists them with their defaults). Start-up (instrumentation.ts, and the start, server and worker
// scripts) parses them once and stops with a message naming each bad variable; the rest of the code
// asks config() and never reads process.env itself. config() reads the environment again when it
// changes, so a test may set a variable for one case.
import { z } from "zod";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** An empty value counts as unset, as shells and .env files write it. */
const unset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = () => z.preprocess(unset, z.string().trim().optional());
const text = (fallback: string) => z.preprocess(unset, z.string().trim().default(fallback));
const whole = (fallback: number, { min = 1, max = Number.MAX_SAFE_INTEGER, unit = "a whole number" } = {}) =>
  z.preprocess(
    unset,
    z.coerce
      .number({ error: `must be ${unit}` })
      .int({ error: `must be ${unit}` })
      .min(min, { error: `must be ${unit} of at least ${min}` })
      .max(max, { error: `must be ${unit} of at most ${max}` })
      .default(fallback),
  );
const url = (protocols: string[], what: string) =>
  z.preprocess(
    unset,
    z
      .string()
      .trim()
      .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
        error: `must be ${what}`,
      })
      .optional(),
  );
const postgresUrl = () =>
  url(["postgres:", "postgresql:"], "a PostgreSQL URL (postgresql://user:password@host:5432/database)");
const choice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(unset, z.enum(values, { error: `must be one of ${values.join(", ")}` }).default(fallback));

export const configSchema = z.object({
  // Database
  DATABASE_URL: postgresUrl(),
  APP_DATABASE_URL: postgresUrl(),
  APP_DATABASE_PASSWORD: optionalText(),
  UPLOAD_LOCK_DATABASE_URL: postgresUrl(),
  EMBEDDED_PG_DIR: text(".data/postgres"),
  // Serving and sign-in
  PORT: whole(3000, { max: 65535, unit: "a port number" }),
  // Exactly as given, not trimmed: next-auth reads the same variables itself to check the cookies.
  NEXTAUTH_SECRET: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: url(["http:", "https:"], "the site's address, http:// or https://"),
  TRUSTED_PROXY_HOPS: whole(0, { min: 0, max: 10, unit: "a number of proxies" }),
  SESSION_MAX_MINUTES: whole(8 * 60, { unit: "a number of minutes" }),
  SESSION_IDLE_MINUTES: whole(30, { unit: "a number of minutes" }),
  SKIP_BUILD: z.preprocess(unset, z.enum(["1", "0"], { error: "must be 1 or 0" }).optional()),
  WORKER: choice(["on", "off"], "on"),
  // Evidence files
  EVIDENCE_STORAGE: choice(["local", "s3"], "local"),
  EVIDENCE_STORAGE_DIR: text(".data/evidence"),
  EVIDENCE_UPLOAD_DIR: text(".data/uploads"),
  S3_BUCKET: optionalText(),
  S3_ENDPOINT: url(["http:", "https:"], "the S3 endpoint's address, http:// or https://"),
  S3_REGION: text("eu-west-2"),
  S3_ACCESS_KEY_ID: optionalText(),
  S3_SECRET_ACCESS_KEY: optionalText(),
  S3_FORCE_PATH_STYLE: choice(["true", "false"], "true"),
  EVIDENCE_MAX_FILE_BYTES: whole(5 * GiB, { unit: "a number of bytes" }),
  EVIDENCE_MAX_CANDIDATE_BYTES: whole(50 * GiB, { unit: "a number of bytes" }),
  EVIDENCE_UPLOAD_EXPIRY_HOURS: whole(24, { unit: "a number of hours" }),
  EVIDENCE_SCAN_INLINE_MAX_BYTES: whole(64 * MiB, { unit: "a number of bytes" }),
  CLAMD_SOCKET: optionalText(),
  CLAMD_HOST: optionalText(),
  // Read only with CLAMD_HOST (a Kubernetes service named clamd sets CLAMD_PORT=tcp://…).
  CLAMD_PORT: optionalText(),
  // E-mail and retention
  SMTP_URL: url(["smtp:", "smtps:"], "an SMTP URL (smtp://user:password@host:587, or smtps://)"),
  MAIL_FROM: text("NVQ e-portfolio <no-reply@localhost>"),
  RETENTION_MONTHS: whole(36, { max: 1200, unit: "a number of months" }),
});

/** Rules across variables, checked even when others are bad so that every problem is named at once. */
function crossVariableProblems(env: Record<string, string | undefined>): string[] {
  const value = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const problems: string[] = [];
  if (value("EVIDENCE_STORAGE") === "s3" && !value("S3_BUCKET"))
    problems.push("S3_BUCKET must be set when EVIDENCE_STORAGE is s3");
  const port = Number(value("CLAMD_PORT") ?? 3310);
  if (value("CLAMD_HOST") && !value("CLAMD_SOCKET") && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    problems.push("CLAMD_PORT must be a port number (with CLAMD_HOST)");
  }
  return problems;
}

export type Config = z.infer<typeof configSchema>;
/** The variables config() reads, in the order README lists them. */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof Config)[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee "Configuration" in README.md.`,
    );
    this.name = "ConfigError";
  }
}

/** Parses an environment; throws a ConfigError naming every bad variable (never echoing a value, which may be a secret). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, env[name]])));
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${String(issue.path[0] ?? "configuration")} ${issue.message}`)),
    ...crossVariableProblems(env),
  ];
  if (problems.length === 0 && result.success) return result.data;
  throw new ConfigError(problems);
}

let cached: { key: string; value: Config } | null = null;

/** The configuration of this process, parsed again only when one of its variables changed. */
export function config(): Config {
  const key = CONFIG_VARIABLES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
  if (cached?.key !== key) cached = { key, value: parseConfig(process.env) };
  return cached.value;
}

/**
 * One variable, checked alone: for a value a module needs when it loads (the session cookie's
 * name), so that loading it, or building the app, does not depend on every other variable.
 */
export function variable<K extends keyof Config>(name: K): Config[K] {
  const result = configSchema.shape[name].safeParse(process.env[name]);
  if (result.success) return result.data as Config[K];
  throw new ConfigError(result.error.issues.map((issue) => `${name} ${issue.message}`));
}
