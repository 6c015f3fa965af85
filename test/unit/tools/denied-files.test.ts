// Files that need the user's consent before the model may read or change them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeniedWithoutConsent } from '../../../src/common/tools/deniedFiles';

const DENIED = [
  '.env',
  '.env.local',
  '.env.production',
  'packages/api/.env',
  'config/.env.development.local',
  'certs/server.pem',
  'tls/private.key',
  'keys/store.p12',
  'keys/store.pfx',
  'android/app/release.keystore',
  'id_rsa',
  'id_rsa.pub',
  'backup/id_ed25519',
  'id_ecdsa_sk',
  '.git/config',
  '.git/hooks/pre-commit',
  '.git',
  'vendor/lib/.git/config',
  '.npmrc',
  '.netrc',
  '_netrc',
  '.pypirc',
  '.git-credentials',
  '.yarnrc.yml',
  '.envrc',
  'credentials.json',
  'gcp/service-account.json',
  'auth/client_secret_1234.json',
  'google-credentials.json',
  'config/secrets.yaml',
  '.ssh/config',
  'home/.aws/credentials',
  'infra/terraform.tfstate',
  'infra/prod.tfvars',
  '.\\.env',
  'src\\..\\.git\\config',
];

const ALLOWED = [
  'src/env.ts',
  '.env.example',
  '.env.sample',
  '.env.template',
  'environment.ts',
  'docs/keys.md',
  'src/key.ts',
  'src/credentials.ts',
  'public/cert.crt',
  '.gitignore',
  '.github/workflows/ci.yml',
  'gitconfig.md',
  'package.json',
  'src/id_rsa_parser.ts.bak/../parser.ts',
  'README.md',
];

describe('isDeniedWithoutConsent', () => {
  for (const path of DENIED) {
    test(`denies ${path}`, () => {
      const result = isDeniedWithoutConsent(path);
      assert.equal(result.denied, true, `${path} should need consent`);
      if (result.denied) assert.ok(result.reason.length > 10);
    });
  }
  for (const path of ALLOWED) {
    test(`allows ${path}`, () => {
      assert.deepEqual(isDeniedWithoutConsent(path), { denied: false });
    });
  }

  test('matches case-insensitively by default, as on Windows and macOS', () => {
    for (const path of ['.ENV', '.Git/CONFIG', 'Keys/Server.PEM', 'ID_RSA', '.NPMRC']) {
      assert.equal(isDeniedWithoutConsent(path).denied, true, path);
    }
  });

  test('on a case-sensitive file system only exact names match, but key extensions in any case', () => {
    assert.equal(isDeniedWithoutConsent('.ENV', { caseSensitive: true }).denied, false);
    assert.equal(isDeniedWithoutConsent('.env', { caseSensitive: true }).denied, true);
    assert.equal(isDeniedWithoutConsent('Server.PEM', { caseSensitive: true }).denied, true);
  });

  test('names Windows resolves to a denied file are denied', () => {
    for (const path of ['.env.', '.env ', '.env::$DATA', '.git./config']) {
      assert.equal(isDeniedWithoutConsent(path).denied, true, path);
    }
  });

  test('reasons say what kind of file it is', () => {
    const reason = (path: string): string => {
      const result = isDeniedWithoutConsent(path);
      return result.denied ? result.reason : '';
    };
    assert.match(reason('.git/config'), /git/);
    assert.match(reason('.env'), /environment/);
    assert.match(reason('a.pem'), /key/);
  });
});
