import "server-only";
import { authMode, env } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import { db } from "@/server/store";
import { revokedSessions, revokeSession, storedSessionSecret } from "@/server/store/sessions";
import type { SessionKeys } from "./session";

/** How stale another replica's sign-outs may be here: they are read again after this. */
const REFRESH_MS = 5_000;

type State = {
  secret?: Promise<Buffer>;
  revoked: Set<string>;
  readAt: number;
  reading?: Promise<void>;
};
const state = singleton<State>("sessionKeys", () => ({ revoked: new Set(), readAt: 0 }));

const NO_SESSIONS: SessionKeys = { secret: Buffer.alloc(32), revoked: new Set() };

/**
 * The keys sessions are signed and checked with. Only token sign-in makes sessions, so in the
 * other modes the store is not touched.
 */
export async function sessionKeys(): Promise<SessionKeys> {
  const e = env();
  const mode = authMode(e);
  if (mode === "none" || mode === "proxy") return NO_SESSIONS;
  state.secret ??= e.UNDERLAY_SESSION_SECRET
    ? Promise.resolve(Buffer.from(e.UNDERLAY_SESSION_SECRET))
    : db()
        .then(storedSessionSecret)
        .catch((err) => {
          state.secret = undefined;
          throw err;
        });
  const secret = await state.secret;
  if (Date.now() - state.readAt > REFRESH_MS) {
    state.reading ??= db()
      .then((d) => revokedSessions(d))
      .then((sids) => {
        state.revoked = new Set(sids);
        state.readAt = Date.now();
      })
      .finally(() => (state.reading = undefined));
    await state.reading;
  }
  return { secret, revoked: state.revoked };
}

/** Signs a session out on every replica (here at once, elsewhere within REFRESH_MS). */
export async function signOut(sid: string, exp: number): Promise<void> {
  state.revoked.add(sid);
  await revokeSession(await db(), sid, new Date(exp));
}
