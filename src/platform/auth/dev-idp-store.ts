type Payload = Record<string, unknown> & { uid?: string; grantId?: string; consumed?: number };

interface Entry {
  value: unknown;
  expiresAt: number;
}

const SWEEP_ABOVE = 1000;

/**
 * Storage for the development identity provider (oidc-provider's adapter interface): its sessions,
 * interactions, codes and grants in this process's memory, one store per provider. Lost on restart,
 * which only means signing in again.
 */
export function createDevIdpAdapter() {
  const store = new Map<string, Entry>();
  const get = <T>(key: string): T | undefined => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.value as T;
  };
  const set = (key: string, value: unknown, expiresInSeconds: number | undefined) => {
    if (store.size > SWEEP_ABOVE) {
      const now = Date.now();
      for (const [k, e] of store) if (e.expiresAt <= now) store.delete(k);
    }
    store.set(key, { value, expiresAt: expiresInSeconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresInSeconds * 1000 });
  };

  return class DevIdpAdapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number) {
      const key = this.key(id);
      set(key, payload, expiresIn);
      if (payload.uid) set(`uid:${payload.uid}`, key, expiresIn);
      if (payload.grantId) {
        const members = get<Set<string>>(`grant:${payload.grantId}`) ?? new Set<string>();
        members.add(key);
        set(`grant:${payload.grantId}`, members, undefined);
      }
    }

    async find(id: string) {
      return get<Payload>(this.key(id));
    }

    async findByUid(uid: string) {
      const key = get<string>(`uid:${uid}`);
      return key ? get<Payload>(key) : undefined;
    }

    async findByUserCode() {
      return undefined;
    }

    async consume(id: string) {
      const payload = get<Payload>(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string) {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const key of get<Set<string>>(`grant:${grantId}`) ?? []) store.delete(key);
      store.delete(`grant:${grantId}`);
    }
  };
}
