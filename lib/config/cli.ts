// For command-line scripts only (it exits the process): instrumentation.ts, which Next.js also
// compiles for the Edge runtime, imports ./index and throws instead.
import { config, ConfigError, type Config } from "./index";

/** For the start, server and worker scripts: the configuration, or the problems on stderr and exit code 1. */
export function configOrExit(): Config {
  try {
    return config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
