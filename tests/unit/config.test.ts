// Configuration in one validated place (lib/config): defaults, a clear error naming each bad
// variable (never its value, which may be a secret), and no other module reading process.env.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, parseConfig, variable } from "@/lib/config";

const problems = (env: Record<string, string>) => {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe("configuration", () => {
  it("gives every default when nothing is set, and treats an empty value as unset", () => {
    const c = parseConfig({ PORT: "", SESSION_IDLE_MINUTES: "  " });
    expect(c).toMatchObject({
      PORT: 3000,
      SESSION_MAX_MINUTES: 480,
      SESSION_IDLE_MINUTES: 30,
      TRUSTED_PROXY_HOPS: 0,
      EVIDENCE_STORAGE: "local",
      EVIDENCE_MAX_FILE_BYTES: 5 * 1024 ** 3,
      RETENTION_MONTHS: 36,
      WORKER: "on",
      S3_REGION: "eu-west-2",
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_URL).toBeUndefined();
  });

  it("reads good values", () => {
    const c = parseConfig({
      PORT: "8080",
      DATABASE_URL: "postgresql://u:p@db:5432/e",
      SMTP_URL: "smtps://u:p@mail.example:465",
      EVIDENCE_STORAGE: "s3",
      S3_BUCKET: "evidence",
      RETENTION_MONTHS: "72",
    });
    expect(c).toMatchObject({
      PORT: 8080,
      DATABASE_URL: "postgresql://u:p@db:5432/e",
      EVIDENCE_STORAGE: "s3",
      S3_BUCKET: "evidence",
      RETENTION_MONTHS: 72,
    });
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ PORT: "eighty" }, /^PORT must be a port number$/],
    [{ PORT: "70000" }, /^PORT must be a port number of at most 65535$/],
    [{ SESSION_IDLE_MINUTES: "0" }, /^SESSION_IDLE_MINUTES must be a number of minutes of at least 1$/],
    [{ EVIDENCE_MAX_FILE_BYTES: "1.5" }, /^EVIDENCE_MAX_FILE_BYTES must be a number of bytes$/],
    [{ TRUSTED_PROXY_HOPS: "-1" }, /^TRUSTED_PROXY_HOPS must be a number of proxies of at least 0$/],
    [{ RETENTION_MONTHS: "5000" }, /^RETENTION_MONTHS must be a number of months of at most 1200$/],
    [{ EVIDENCE_STORAGE: "ftp" }, /^EVIDENCE_STORAGE must be one of local, s3$/],
    [{ EVIDENCE_STORAGE: "s3" }, /^S3_BUCKET must be set when EVIDENCE_STORAGE is s3$/],
    [{ DATABASE_URL: "mysql://root@db/e" }, /^DATABASE_URL must be a PostgreSQL URL/],
    [{ SMTP_URL: "http://mail.example" }, /^SMTP_URL must be an SMTP URL/],
    [{ NEXTAUTH_URL: "example.org" }, /^NEXTAUTH_URL must be the site's address/],
    [{ WORKER: "no" }, /^WORKER must be one of on, off$/],
  ])("refuses %o, naming the variable", (env, message) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it("names every bad variable at once, and never echoes a value", () => {
    let message = "";
    try {
      parseConfig({
        DATABASE_URL: "mysql://root:s3cr3t-password@db/e",
        PORT: "x",
        CLAMD_HOST: "clamav",
        CLAMD_PORT: "y",
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/PORT must be/);
    expect(message).toMatch(/CLAMD_PORT must be/);
    expect(message).not.toMatch(/s3cr3t/);
    expect(message).toMatch(/README\.md/);
  });

  it("reads CLAMD_PORT only with CLAMD_HOST, so a Kubernetes service's CLAMD_PORT=tcp://… does not stop the app", () => {
    expect(problems({ CLAMD_PORT: "tcp://10.0.0.7:3310" })).toEqual([]);
    expect(problems({ CLAMD_SOCKET: "/run/clamd.sock", CLAMD_PORT: "tcp://10.0.0.7:3310" })).toEqual([]);
    expect(problems({ CLAMD_HOST: "clamav", CLAMD_PORT: "tcp://10.0.0.7:3310" })).toEqual([
      "CLAMD_PORT must be a port number (with CLAMD_HOST)",
    ]);
    expect(problems({ CLAMD_HOST: "clamav", CLAMD_PORT: "3311" })).toEqual([]);
  });

  it("keeps the session secret exactly as given, as next-auth reads it", () => {
    expect(parseConfig({ NEXTAUTH_SECRET: " secret with spaces \n" }).NEXTAUTH_SECRET).toBe(" secret with spaces \n");
  });

  it("checks one variable alone for what a module needs when it loads", () => {
    const saved = { RETENTION_MONTHS: process.env.RETENTION_MONTHS, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
    process.env.RETENTION_MONTHS = "not a number";
    process.env.NEXTAUTH_URL = "https://eportfolio.example";
    try {
      expect(variable("NEXTAUTH_URL")).toBe("https://eportfolio.example");
      expect(() => variable("RETENTION_MONTHS")).toThrow(/RETENTION_MONTHS must be a number of months/);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("the README lists every variable config() reads", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(CONFIG_VARIABLES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it("no module but lib/config reads process.env (lib/domain reads none at all)", () => {
    const grep = spawnSync(
      "git",
      ["grep", "-n", "-E", "process\\.env", "--", "lib", "app", "components", ":!lib/config", ":!lib/generated"],
      { encoding: "utf8" },
    );
    expect(grep.status, grep.stderr).not.toBe(2); // 1: nothing found
    const hits = grep.stdout.split("\n").filter(Boolean);
    // NODE_ENV and NEXT_RUNTIME are Next.js's, set by the framework rather than the operator.
    expect(hits.filter((line) => !/process\.env\.(NODE_ENV|NEXT_RUNTIME)\b/.test(line))).toEqual([]);
  });
});
