// The tus server's lock on an upload, across every app server sharing the database: a PostgreSQL
// session advisory lock, held on a connection of its own for as long as tus holds the lock (one
// request at a time writes an upload, whichever server it reaches). The in-memory locker of
// @tus/server only works within one process.
//
// tus asks the current holder to let go when a newer request for the same upload arrives (a client
// that reconnects while its old request is still open): across servers that request travels as a
// NOTIFY on a channel every server LISTENs to. A server that dies loses its connections, and
// PostgreSQL releases their locks at once.
//
// Needs session-level connections: behind a transaction-pooling proxy (PgBouncer in transaction
// mode) point UPLOAD_LOCK_DATABASE_URL at the database directly (docs/deployment.md).
import { ERRORS, type Lock, type Locker, type RequestRelease } from "@tus/utils";
import pg from "pg";

const CHANNEL = "tus_upload_release";
/** The first key of every advisory lock taken here, so they cannot collide with other users'. */
const LOCK_CLASS = 0x7475; // "tu"

/** How often a waiting request asks the holder again to let go (a lost NOTIFY, a listener reconnecting). */
const ASK_AGAIN_MS = 1000;

export class PostgresLocker implements Locker {
  readonly pool: pg.Pool;
  private listener: Promise<pg.Client> | null = null;
  private closed = false;
  /** Locks this process holds, by upload id: how to ask each holder to let go. */
  readonly held = new Map<string, RequestRelease>();
  /** The connections holding them. */
  readonly holding = new Set<pg.PoolClient>();

  constructor(
    private readonly connectionString: string,
    readonly options: { acquireTimeoutMs?: number; maxConnections?: number } = {},
  ) {
    // Each held lock keeps one connection (so does a request waiting for one, up to its timeout).
    // keepAlive: a connection cut off without a word (a NAT, a failed host) is noticed by TCP.
    this.pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 50,
      connectionTimeoutMillis: this.acquireTimeoutMs,
      keepAlive: true,
      application_name: "eportfolio-upload-locks",
    });
    this.pool.on("error", (error) => console.error("Upload lock connection:", error.message));
  }

  get acquireTimeoutMs() {
    return this.options.acquireTimeoutMs ?? 30_000;
  }

  newLock(id: string): Lock {
    return new PostgresLock(id, this);
  }

  /** One connection per process listens for other servers' requests to let go of a lock held here. */
  listen(): Promise<pg.Client> {
    this.listener ??= (async () => {
      const client = new pg.Client({
        connectionString: this.connectionString,
        keepAlive: true,
        application_name: "eportfolio-upload-locks",
      });
      client.on("notification", (message) => {
        const release = message.payload ? this.held.get(message.payload) : undefined;
        if (release) void Promise.resolve(release()).catch(() => {});
      });
      client.on("error", (error) => {
        console.error("Upload lock listener:", error.message);
        this.listener = null;
        // Listen again soon rather than at this server's next lock: until then other servers'
        // requests to let go would go unheard.
        if (!this.closed) setTimeout(() => void this.listen().catch(() => {}), 1000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      return client;
    })().catch((error) => {
      this.listener = null;
      throw error;
    });
    return this.listener;
  }

  /** Shuts down: connections holding locks are closed (so PostgreSQL frees their locks), as at a crash. */
  async close(): Promise<void> {
    this.closed = true;
    for (const client of this.holding) client.release(true);
    this.holding.clear();
    const listener = await this.listener?.catch(() => null);
    this.listener = null;
    await listener?.end().catch(() => {});
    await this.pool.end();
  }
}

class PostgresLock implements Lock {
  private client: pg.PoolClient | null = null;
  private onLost: ((error: Error) => void) | null = null;
  private lost = false;

  constructor(
    private readonly id: string,
    private readonly locker: PostgresLocker,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    await this.locker.listen();
    const client = await this.locker.pool.connect();
    const deadline = Date.now() + this.locker.acquireTimeoutMs;
    try {
      let asked = 0;
      for (let attempt = 0; ; attempt++) {
        const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [
          LOCK_CLASS,
          this.id,
        ]);
        if (rows[0]?.ok) {
          this.client = client;
          this.locker.holding.add(client);
          this.locker.held.set(this.id, requestRelease);
          // The connection may drop while the lock is held (a database restart, a cut network):
          // PostgreSQL has then let go of the lock, so the request writing under it is stopped
          // at once, before another server can take the lock and write too.
          this.onLost = (error) => {
            console.error(`Upload lock on ${this.id} lost:`, error.message);
            this.lost = true;
            this.locker.held.delete(this.id);
            this.locker.holding.delete(client);
            void Promise.resolve(requestRelease()).catch(() => {});
          };
          client.on("error", this.onLost);
          return;
        }
        if (signal.aborted || Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
        // Held elsewhere: ask the holder (on whichever server) to finish, again each second while
        // waiting, and try again shortly.
        if (Date.now() - asked >= ASK_AGAIN_MS) {
          await client.query("SELECT pg_notify($1, $2)", [CHANNEL, this.id]);
          asked = Date.now();
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(250, 20 * 2 ** attempt)));
      }
    } catch (error) {
      // A failed query may have left the connection broken: destroy it rather than reuse it.
      client.release(error instanceof Error ? error : undefined);
      throw error;
    }
  }

  async unlock(): Promise<void> {
    const client = this.client;
    if (!client) throw new Error("Releasing an unlocked lock!");
    this.client = null;
    if (this.onLost) client.removeListener("error", this.onLost);
    this.onLost = null;
    this.locker.held.delete(this.id);
    if (this.lost) {
      // The connection dropped, and the lock with it: the broken connection is destroyed.
      this.lost = false;
      client.release(true);
      return;
    }
    if (!this.locker.holding.delete(client)) return; // closed meanwhile: its lock went with it
    try {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_CLASS, this.id]);
      client.release();
    } catch (error) {
      // A broken connection: destroy it (its locks go with it) rather than return it to the pool.
      client.release(error instanceof Error ? error : true);
    }
  }
}
