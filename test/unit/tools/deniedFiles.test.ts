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


/** New shapes of each class, by what they are: every one needs consent. */
const DENIED_BY_CLASS: Record<string, string[]> = {
  'env files in every common shape': [
    '.env.production.local',
    'prod.env',
    '.prod.env',
    'deploy/staging.env',
    '.env-prod',
    '.env_prod',
    'env.local',
    'env-production',
    'prod.env.local',
    '.flaskenv',
    '.dev.vars',
    '.dev.vars.staging',
    '.secrets',
    '.secret',
    'secrets.toml',
    '.streamlit/secrets.toml',
    '.env.vault',
    '.env.keys',
    '.env.example.local',
    '.envrc.local',
  ],
  'backup and editor copies of denied files': [
    '.env~',
    '.env.bak',
    '.env.backup',
    '.env.old',
    '.env.orig',
    '.env.save',
    '.env.swp',
    '..env.swp',
    '.env.tmp',
    '#.env#',
    '.#.env',
    '.env.copy',
    '.env (copy)',
    '.env - Copy',
    '.env copy',
    '.env.1',
    '.id_rsa.swp',
    'id_rsa~',
    'id_rsa.old.bak~',
    'id_ed25519.orig',
    'server.pem.bak',
    'tls/server.key.save',
    '.npmrc.orig',
    '.pypirc~',
    'credentials.json.1',
    'credentials (1).json',
    'secrets copy.yaml',
    'secrets - Copy.yaml',
    'secrets copy 2.yaml',
    'config/.env.production.local.bak2',
    'terraform.tfstate.backup',
    'infra/prod.tfvars.old',
    '.aws.bak/credentials',
    'gh/hosts.yml.bak',
  ],
  'credential files known by folder and name': [
    '.kube/config',
    'home/.kube/config',
    '.kube/prod-cluster',
    'kubeconfig',
    'prod.kubeconfig',
    'kubeconfig-prod.yaml',
    '.docker/config.json',
    'gh/hosts.yml',
    '.config/gh/hosts.yml',
    '.config/hub',
    '.config/glab-cli/config.yml',
    'auth.json',
    '.codex/auth.json',
    '.composer/auth.json',
    '.config/gcloud/credentials.db',
    '.config/gcloud/legacy_credentials/me@example.com/adc.json',
    'application_default_credentials.json',
    '.azure/msal_token_cache.json',
    '.azure/prod/.env',
    '.cargo/credentials',
    '.cargo/credentials.toml',
    '.gem/credentials',
    '.config/git/credentials',
    '.m2/settings.xml',
    '.m2/settings-security.xml',
    '.gradle/gradle.properties',
    '.nuget/NuGet/NuGet.Config',
    '.dbt/profiles.yml',
    '.oci/config',
  ],
  'dotfiles that keep tokens or passwords': [
    '.pgpass',
    '.my.cnf',
    '.mylogin.cnf',
    '.boto',
    '.s3cfg',
    '.vault-token',
    '.terraformrc',
    'terraform.rc',
    '.htpasswd',
    'deploy/.htpasswd',
    '.yarnrc',
    '.databrickscfg',
    'rclone.conf',
    'clouds.yaml',
    'android/keystore.properties',
    '.bash_history',
    '.zsh_history',
    '.psql_history',
  ],
  'keys, keychains, keyrings and password stores': [
    '.password-store/email/work.gpg',
    '.local/share/keyrings/login.keyring',
    'login.keychain-db',
    'Library/Keychains/login.keychain',
    'backup.keychain',
    '.gnupg/pubring.kbx',
    'backup/private-keys-v1.d/ABCD.key',
    'secrets.json.gpg',
    'export.pgp',
    'private.asc',
    'secret-key.asc',
    'keys/alice_private.asc',
    'secring.asc',
    'config/master.key',
    'vault.kdbx',
    'release.jceks',
    'client.ovpn',
    'vpn/wireguard/wg0.conf',
    'github_rsa',
    'deploy_ed25519.pub',
    'deploy_key',
    'ssh_host_ed25519_key',
  ],
  'secrets and tokens by name': [
    'config/credentials.yml.enc',
    'config/credentials/production.yml.enc',
    'config/credentials/production.key',
    'secrets/db_password.txt',
    'k8s/db-secret.yaml',
    'app.secrets.json',
    'credentials.txt',
    'project-firebase-adminsdk-abc12.json',
    'oauth_creds.json',
    'passwords.txt',
    'token.json',
    'token.pickle',
    'refresh_token.txt',
    'github.token',
    'infra/prod.tfstate',
    'infra/prod.tfvars.json',
  ],
  'names Windows and lexical `..` resolve to a denied file': [
    '.KUBE/Config',
    '.Env.Local.BAK',
    'src/../.kube/config',
    'a/b/../../.docker/config.json',
    '.env.bak::$DATA',
    '.env.swp.',
  ],
};

/** Ordinary files whose names look a little like secrets: none needs consent. */
const ALLOWED_BY_CLASS: Record<string, string[]> = {
  'source and docs named after env, auth, keys or tokens': [
    'docs/environment.md',
    'config/index.ts',
    'src/config',
    'src/auth.ts',
    'src/auth/index.ts',
    'tokens.css',
    'src/design/tokens.json',
    'keyboard.ts',
    'src/env.mjs',
    'src/env.d.ts',
    'vite-env.d.ts',
    'env.d.ts',
    'src/environments/environment.prod.ts',
    'environment.yml',
    'src/token.ts',
    'src/tokenizer.ts',
    'grammar/Lexer.tokens',
    'kubeconfig.ts',
    'pkg/kubeconfig_test.go',
    'src/secrets/index.ts',
    'src/credentials/store.ts',
    'src/crypto/rsa.ts',
    'src/private_key_parser.ts',
    'src/backup.ts',
    'notes copy.md',
    'Makefile.bak',
    'docker-compose.env.yml',
  ],
  'env example files, also as backups': [
    '.env.example',
    '.env.example.bak',
    '.env.sample~',
    '.env.dist',
    '.env.defaults',
    '.env-example',
    '.env_sample',
    'prod.env.example',
    'env.example',
    'example.env',
    '.dev.vars.example',
    '.envrc.example',
    '.env.template.swp',
  ],
  'public keys, signatures and other non-secrets': [
    'known_hosts',
    'deploy/known_hosts',
    'public.asc',
    'KEYS.asc',
    'dist/release.tar.gz.asc',
    '.secrets.baseline',
    'locales/en/auth.json',
    'public/locales/de/auth.json',
    'gradle.properties',
    'settings.xml',
    '.editorconfig',
    '.vscode/settings.json',
    '.venv/bin/activate',
    'env/lib/python3.12/site.py',
    'model.pth',
  ],
};

/** Why a path needs consent ('' when it does not). */
function denialReason(path: string): string {
  const result = isDeniedWithoutConsent(path);
  return result.denied ? result.reason : '';
}

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
    assert.match(denialReason('.git/config'), /git/);
    assert.match(denialReason('.env'), /environment/);
    assert.match(denialReason('a.pem'), /key/);
  });
  for (const [kind, paths] of Object.entries(DENIED_BY_CLASS)) {
    describe(`needs consent for ${kind}`, () => {
      for (const path of paths) {
        test(`denies ${path}`, () => {
          const result = isDeniedWithoutConsent(path);
          assert.equal(result.denied, true, `${path} should need consent`);
          if (result.denied) assert.ok(result.reason.length > 10);
        });
      }
    });
  }
  for (const [kind, paths] of Object.entries(ALLOWED_BY_CLASS)) {
    describe(`does not flag ${kind}`, () => {
      for (const path of paths) {
        test(`allows ${path}`, () => {
          assert.deepEqual(isDeniedWithoutConsent(path), { denied: false });
        });
      }
    });
  }

  test('a copy of a denied file gives the reason of the file it copies', () => {
    assert.equal(denialReason('.env.local.bak'), denialReason('.env.local'));
    assert.equal(denialReason('#id_rsa#'), denialReason('id_rsa'));
    assert.equal(denialReason('.kube/config.orig'), denialReason('.kube/config'));
  });

  test('folder-and-name rules match the trailing segments only', () => {
    assert.equal(isDeniedWithoutConsent('home/user/.docker/config.json').denied, true);
    assert.equal(isDeniedWithoutConsent('docker/config.json').denied, false);
    assert.equal(isDeniedWithoutConsent('.docker/config.json/readme.md').denied, false);
    assert.equal(isDeniedWithoutConsent('hosts.yml').denied, false);
    assert.equal(isDeniedWithoutConsent('.m2/repository/settings.xml').denied, false);
  });

  test('on a case-sensitive file system backup suffixes in any case still mark a copy', () => {
    assert.equal(isDeniedWithoutConsent('id_rsa.BAK', { caseSensitive: true }).denied, true);
    assert.equal(isDeniedWithoutConsent('.npmrc.Orig', { caseSensitive: true }).denied, true);
    assert.equal(isDeniedWithoutConsent('.KUBE/config', { caseSensitive: true }).denied, false);
    assert.equal(isDeniedWithoutConsent('.kube/config', { caseSensitive: true }).denied, true);
  });

  test('reasons name the new kinds of file', () => {
    assert.match(denialReason('.kube/config'), /Kubernetes/);
    assert.match(denialReason('prod.env'), /environment/);
    assert.match(denialReason('.docker/config.json'), /registry/);
    assert.match(denialReason('.bash_history'), /history/);
  });
});
