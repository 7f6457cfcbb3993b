import { ConfigError, loadEnv } from './env';

describe('loadEnv', () => {
  it('applies defaults for the single-process mode', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HEARTH_ROLE).toBe('all');
    expect(env.publicBaseUrl).toBe('http://localhost:3000');
    expect(env.runsApi && env.runsWorker).toBe(true);
  });

  it('converts numbers and trims a trailing slash from the base URL', () => {
    const env = loadEnv({ PORT: '8080', PUBLIC_BASE_URL: 'https://hearth.example.org/' });
    expect(env.PORT).toBe(8080);
    expect(env.publicBaseUrl).toBe('https://hearth.example.org');
    expect(env.secureCookies).toBe(true);
  });

  it('fails naming the variable and never printing its value', () => {
    const attempt = () => loadEnv({ HEARTH_ROLE: 'everything', DATABASE_URL: 'mysql://secret-password@db' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain('HEARTH_ROLE');
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('secret-password');
      expect(message).not.toContain('everything');
    }
  });

  it('rejects a short signing secret', () => {
    expect(() => loadEnv({ SIGNING_SECRET: 'short' })).toThrow(/SIGNING_SECRET/);
  });

  it('reads TRUST_PROXY as nothing, everything, or a number of proxy hops', () => {
    expect(loadEnv({}).trustProxy).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => loadEnv({ TRUST_PROXY: '0' })).toThrow(/TRUST_PROXY/);
  });

  it('rejects a non-numeric port', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('reads optional variables without defaults and keeps DKIM all-or-none', () => {
    const key = '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----';
    const env = loadEnv({ DKIM_DOMAIN: 'example.org', DKIM_SELECTOR: 'hearth', DKIM_PRIVATE_KEY: key });
    expect(env.dkim).toEqual({
      domainName: 'example.org',
      keySelector: 'hearth',
      privateKey: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
    });
    expect(() => loadEnv({ DKIM_DOMAIN: 'example.org' })).toThrow(/set together/);
    expect(loadEnv({ SMTP_URL: 'smtp://relay:25' }).SMTP_URL).toBe('smtp://relay:25');
  });

  it('keeps the outbox heartbeat at most half the lease, so one late beat does not lose a claim', () => {
    const env = loadEnv({});
    expect([env.OUTBOX_LEASE_MS, env.OUTBOX_HEARTBEAT_MS]).toEqual([30_000, 10_000]);
    expect(loadEnv({ OUTBOX_LEASE_MS: '4000', OUTBOX_HEARTBEAT_MS: '2000' }).OUTBOX_LEASE_MS).toBe(4000);
    expect(() => loadEnv({ OUTBOX_LEASE_MS: '4000', OUTBOX_HEARTBEAT_MS: '2001' })).toThrow(
      /OUTBOX_HEARTBEAT_MS must be at most half of OUTBOX_LEASE_MS/,
    );
  });
});
