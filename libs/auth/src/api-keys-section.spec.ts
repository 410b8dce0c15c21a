import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@lambda/config';
import { DEVELOPMENT_TOKEN, apiKeysSection, hashToken } from './index.js';

const load = (env: Record<string, string>) => loadConfig({ auth: apiKeysSection }, env).auth;
const teamA = { id: 'team-a', sha256: hashToken('secret-a'), scopes: ['events:write'] };

describe('apiKeysSection', () => {
  it('reads keys from API_KEYS, with a default rate', () => {
    expect(load({ API_KEYS: JSON.stringify([teamA]) })).toEqual({
      keys: [{ ...teamA, ratePerSecond: 100 }],
      usesDevelopmentKey: false,
    });
  });

  it('reads keys from the file API_KEYS_FILE names', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'keys-')), 'keys.json');
    writeFileSync(file, JSON.stringify([{ ...teamA, ratePerSecond: 5 }]));
    expect(load({ API_KEYS_FILE: file }).keys).toEqual([{ ...teamA, ratePerSecond: 5 }]);
    expect(() => load({ API_KEYS_FILE: `${file}.missing` })).toThrow(
      /API_KEYS_FILE: cannot read the file: ENOENT/,
    );
  });

  it('falls back to the development key only in development with nothing configured', () => {
    const config = load({});
    expect(config.usesDevelopmentKey).toBe(true);
    expect(config.keys[0]?.sha256).toBe(hashToken(DEVELOPMENT_TOKEN));
    expect(() => load({ LAMBDA_ENV: 'production' })).toThrow(
      'API_KEYS: API_KEYS or API_KEYS_FILE is required when LAMBDA_ENV=production',
    );
  });

  it.each([
    [{ API_KEYS: '[{' }, /API_KEYS: expected a JSON array of keys/],
    [
      { API_KEYS: JSON.stringify([{ ...teamA, sha256: 'abc' }]) },
      /key 0\.sha256: expected the SHA-256/,
    ],
    [{ API_KEYS: JSON.stringify([{ ...teamA, scopes: ['admin'] }]) }, /key 0\.scopes\.0: /],
    [{ API_KEYS: JSON.stringify([teamA, teamA]) }, /key 1\.id: duplicate id team-a/],
    [{ API_KEYS: '[]', LAMBDA_ENV: 'production' }, /at least one key is required/],
    [
      { API_KEYS: '[]', API_KEYS_FILE: '/keys.json' },
      /API_KEYS_FILE: set API_KEYS or API_KEYS_FILE/,
    ],
    [
      {
        LAMBDA_ENV: 'production',
        API_KEYS: JSON.stringify([{ ...teamA, sha256: hashToken(DEVELOPMENT_TOKEN) }]),
      },
      /the public development key is refused/,
    ],
  ])('rejects %j with a message naming the problem', (env, message) => {
    expect(() => load(env)).toThrow(message);
  });
});
