// Files the model may not read or change without the user's explicit consent: secrets, keys, credentials
// and git internals. Matching works on workspace-relative paths and errs on the side of asking.
//
// A rule names a file (the last path segment) or a folder (any segment: the folder and everything in it),
// optionally with the folders right above it (`.docker/config.json`, `gh/hosts.yml`), which are matched on
// the path's trailing segments at any depth. Each name is also tried without backup and editor-copy suffixes
// (`.env.bak`, `.env.swp`, `#.env#`, `secrets copy.yaml`, `id_rsa~`), so a copy of a denied file is denied.

export type DeniedFileCheck = { denied: false } | { denied: true; reason: string };

export interface DeniedFileOptions {
  /** Linux file systems are case-sensitive; Windows and macOS (by default) are not. Defaults to false: match case-insensitively. */
  caseSensitive?: boolean;
}

interface DenyRule {
  /** Tested against one path segment (the file name, or a folder name for folder rules). */
  pattern: RegExp;
  reason: string;
  /** The rule names a folder: everything inside it is denied. */
  folder?: boolean;
  /** The folders right above the named segment, outermost first: [/^\.docker$/] for `.docker/config.json`. */
  parents?: readonly RegExp[];
  /** Exceptions, e.g. `.env.example`, which by convention holds no secrets. Tested against the name and its backup-less forms. */
  except?: RegExp;
  /** The rule does not apply when any folder of the path matches (translation files named `auth.json`). */
  unlessInside?: RegExp;
}

/** Final extensions of source, documentation and data files: `env.ts` or `env.d.ts` is code, not an env file. */
const SOURCE_EXTENSION =
  /\.(?:[cm]?[jt]sx?|py|pyi|rb|go|rs|java|kts?|scala|swift|c|cc|cpp|cxx|h|hh|hpp|cs|fs|vb|php|lua|dart|exs?|erl|hs|ml|clj|cljs|elm|vue|svelte|astro|sh|bash|zsh|fish|ps1|psm1|bat|cmd|md|mdx|rst|adoc|html?|css|scss|sass|less|styl|json|jsonc|json5|ya?ml|toml|xml|lock|map|snap|svg|png|jpe?g|gif|ico|sql|graphql|gql|proto|tf|hcl|nix|groovy|gradle|ipynb)$/i;

/** Names that by convention hold placeholders, not secrets: `.env.example`, `.env-sample`, `prod.env.template`, `example.env`. */
const EXAMPLE_NAME = /(?:^|[._-])(?:example|sample|template|defaults?|dist)$|^\.?(?:example|sample|template)[._-]/;

const ENV_REASON = 'environment file (.env), which usually holds secrets';
const TOKEN_REASON = 'file that commonly stores access tokens or passwords';
const CLI_LOGIN_REASON = 'command-line tool login (stored access token)';
const KEY_REASON = 'private key, keystore or password database';
const CREDENTIALS_REASON = 'credentials or secrets file';

const DENY_RULES: readonly DenyRule[] = [
  // Folders.
  { pattern: /^\.git$/, folder: true, reason: 'git internals (.git/), including its config, which can hold credentials and hooks that run code' },
  { pattern: /^\.ssh$/, folder: true, reason: 'SSH keys and configuration (.ssh/)' },
  { pattern: /^\.aws$/, folder: true, reason: 'cloud credentials (.aws/)' },
  { pattern: /^\.azure$/, folder: true, reason: 'cloud credentials (.azure/)' },
  { pattern: /^\.oci$/, folder: true, reason: 'cloud credentials (.oci/)' },
  { pattern: /^gcloud$/, parents: [/^(?:\.config|roaming)$/], folder: true, reason: 'cloud credentials (.config/gcloud/)' },
  { pattern: /^\.kube$/, folder: true, reason: 'Kubernetes credentials (.kube/)' },
  { pattern: /^(?:\.gnupg|private-keys-v1\.d)$/, folder: true, reason: 'GnuPG keys (.gnupg/)' },
  { pattern: /^\.password-store$/, folder: true, reason: 'password store (.password-store/)' },
  { pattern: /^keyrings$/, parents: [/^\.local$/, /^share$/], folder: true, reason: 'desktop keyring (keyrings/)' },
  { pattern: /^keyrings$/, parents: [/^\.gnome2$/], folder: true, reason: 'desktop keyring (keyrings/)' },
  { pattern: /^keychains$/, parents: [/^library$/], folder: true, reason: 'macOS keychain (Library/Keychains/)' },

  // Environment files: `.env`, `.env.local`, `.env-prod`, `prod.env`, `.prod.env`, `.flaskenv`, `.dev.vars` (wrangler).
  { pattern: /^(?:\.env|\.env[._-].+|.+\.env|\.flaskenv|\.dev\.vars(?:\..+)?)$/, except: EXAMPLE_NAME, reason: ENV_REASON },
  // `prod.env.local`, `env.local`, `env-prod`: an env file unless the name ends like source code (`env.ts`, `env.d.ts`).
  { pattern: /^(?:.+\.env|env)[._-].+$/, except: new RegExp(`${EXAMPLE_NAME.source}|${SOURCE_EXTENSION.source}`, 'i'), reason: ENV_REASON },
  { pattern: /^\.secrets?(?:[._-].+)?$/, except: /^\.secrets\.baseline$|(?:^|[._-])(?:example|sample|template)$/, reason: 'secrets file (.secrets)' },

  // By extension, a key is a key in any case, even on a case-sensitive file system.
  { pattern: /\.(?:pem|key|p12|pfx|pkcs12|jks|jceks|bks|keystore|ppk|p8|kdbx?|1pux|opvault|psafe3|keychain|keychain-db|keyring)$/i, reason: KEY_REASON },
  { pattern: /\.(?:gpg|pgp)$/i, reason: 'GnuPG key or encrypted file' },
  // Armored exports are usually public keys or signatures; only the ones named secret or private are keys.
  { pattern: /^(?:[^/]*[._-])?(?:secret|private|priv|secring)(?:[._-][^/]*)?\.asc$/i, reason: 'GnuPG private key export' },
  { pattern: /^secring\./i, reason: 'GnuPG private key export' },
  { pattern: /\.ovpn$/i, reason: 'VPN profile, which usually embeds keys' },
  { pattern: /\.conf$/i, parents: [/^wireguard$/], reason: 'VPN profile, which usually embeds keys' },

  // SSH keys, under their default names and the usual custom ones (`github_rsa`, `deploy_ed25519`, `deploy_key`).
  { pattern: /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:\..*)?$/, reason: 'SSH key (id_rsa, id_ed25519, …)' },
  { pattern: /^[\w.-]*[_-](?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:\.pub)?$/, reason: 'SSH key (id_rsa, id_ed25519, …)' },
  { pattern: /^ssh_host_\w+_key(?:\.pub)?$/, reason: 'SSH host key' },
  { pattern: /^(?:[\w.-]*[_-])?(?:private|deploy|signing|secret)[_-]?key(?:\.txt)?$/, reason: KEY_REASON },

  // Dotfiles and rc files of tools that keep tokens or passwords in them.
  {
    pattern:
      /^(?:[._]?npmrc|\.yarnrc(?:\.yml)?|[._]?pypirc|[._]?netrc|\.git-credentials|\.pgpass|pgpass\.conf|\.?htpasswd|\.dockercfg|\.my\.cnf|\.mylogin\.cnf|\.boto|\.s3cfg|\.vault-token|\.terraformrc|terraform\.rc|\.databrickscfg|rclone\.conf|clouds\.ya?ml|(?:keystore|signing)\.properties)$/,
    reason: TOKEN_REASON,
  },
  { pattern: /^\.envrc(?:[._-].+)?$/, except: EXAMPLE_NAME, reason: TOKEN_REASON },
  { pattern: /^\.[\w-]*_history$|^\.histfile$|^consolehost_history\.txt$/, reason: 'shell or REPL history, which often holds typed secrets' },

  // Credential files known by folder and name.
  { pattern: /^config\.json$/, parents: [/^\.docker$/], reason: 'container registry credentials (.docker/config.json)' },
  { pattern: /^hosts\.ya?ml$/, parents: [/^gh$/], reason: CLI_LOGIN_REASON },
  { pattern: /^hub$/, parents: [/^\.config$/], reason: CLI_LOGIN_REASON },
  { pattern: /^config\.ya?ml$/, parents: [/^(?:glab-cli|doctl|\.fly)$/], reason: CLI_LOGIN_REASON },
  { pattern: /^profiles\.yml$/, parents: [/^\.dbt$/], reason: 'database connection profiles with passwords (.dbt/profiles.yml)' },
  { pattern: /^config$/, parents: [/^\.snowsql$/], reason: 'database connection profiles with passwords (.snowsql/config)' },
  // composer's auth.json, `.codex/auth.json` and the like; not the translation files of an `auth` screen.
  { pattern: /^auth\.json$/, unlessInside: /^(?:locales?|i18n|l10n|langs?|languages?|translations?|messages|intl)$/, reason: 'package registry or tool login credentials (auth.json)' },
  // `.cargo/credentials`, `.gem/credentials`, `.config/git/credentials`.
  { pattern: /^credentials(?:\.toml)?$/, parents: [/^(?:\..+|git)$/], reason: CREDENTIALS_REASON },
  { pattern: /^settings(?:-security)?\.xml$/, parents: [/^\.m2$/], reason: 'Maven settings with repository passwords (.m2/settings.xml)' },
  { pattern: /^settings-security\.xml$/, reason: 'Maven settings with repository passwords (.m2/settings.xml)' },
  { pattern: /^gradle\.properties$/, parents: [/^\.gradle$/], reason: 'Gradle user properties with repository and signing passwords (.gradle/gradle.properties)' },
  { pattern: /^nuget\.config$/, parents: [/^\.nuget$/, /^nuget$/], reason: 'NuGet feed credentials (NuGet.Config)' },
  // Kubernetes client configurations: `kubeconfig`, `prod.kubeconfig`, `kubeconfig-prod.yaml`; not `kubeconfig.ts`.
  { pattern: /^(?:[^/]*[._-])?kubeconfig(?:[_-][^.]*)?(?:\.(?:ya?ml|json|conf|txt))?$/, reason: 'Kubernetes credentials (kubeconfig)' },

  // Secrets and credentials by name.
  {
    pattern: /^(?:credentials|client[_-]?secrets?|service[_-]?account|secrets?)(?:[._-][^/]*)?\.(?:json|jsonc|json5|ya?ml|toml|ini|xml|txt|conf|cfg|properties|env|enc|plist)$/,
    reason: CREDENTIALS_REASON,
  },
  { pattern: /(?:^|[._-])(?:credentials?|secrets?)\.(?:json|ya?ml|toml|ini|xml|txt)$/, reason: 'credentials file' },
  { pattern: /firebase-adminsdk[^/]*\.json$|^application_default_credentials\.json$|^oauth[_-]?(?:creds|credentials|tokens?)(?:[._-][^/]*)?\.json$/, reason: 'credentials file' },
  { pattern: /^(?:[\w-]*[._-])?passwords?\.(?:txt|csv|json|ya?ml|xlsx?)$/, reason: 'password list' },
  // Anything but source code in a secrets or credentials folder (docker secrets, Rails `config/credentials/*.yml.enc`).
  { pattern: /^.+$/, parents: [/^\.?(?:secrets?|credentials)$/], except: SOURCE_EXTENSION, reason: 'file in a secrets or credentials folder' },
  // Access tokens: `token.json` (Google OAuth), `github.token`; not design tokens (`tokens.json`) or `tokens.css`.
  { pattern: /^(?:[^/]*[._-])?token\.(?:json|pickle|txt|ya?ml|dat)$|\.token$|^\.?token$|^(?:access_tokens|credentials)\.db$/, reason: 'access token file' },

  { pattern: /\.tfstate$|\.tfvars(?:\.json)?$/, reason: 'infrastructure state or variables, which often contain secrets' },
];

/** Trailing suffixes that backups, editors and file managers add to a copy of a file, stripped one at a time. */
const COPY_SUFFIXES: readonly RegExp[] = [
  /\.(?:bak|bk|bkp|backup|old|orig|original|save|saved|sav|tmp|temp|copy|prev|rej)\d*$/i,
  /\.sw[a-p]$/i, // vim swap files: `.env.swp`, `.id_rsa.swo`
  /\.\d+$/, // numbered copies and rotations: `credentials.json.1`
  /\.~\d+~$|~+$/, // `name~`, emacs numbered backups `name.~1~`
  /[-_](?:copy|backup|bak|old|orig)\d*$/i,
  // File managers and downloads, at the end or before the extension: `.env - Copy`, `secrets copy 2.yaml`, `credentials (1).json`.
  / - copy(?: \(\d+\))?(?=\.[^.]*$|$)| copy(?: \d+)?(?=\.[^.]*$|$)| \((?:copy|\d+)\)(?=\.[^.]*$|$)/i,
];

/**
 * The name and the names it is a copy of: `.env.local.bak~` → `.env.local.bak`, `.env.local`. Emacs wraps
 * (`#.env#`) and locks (`.#.env`) are unwrapped; vim swap files add a leading dot (`.id_rsa.swp`), so after a
 * suffix is stripped the name is also tried without one.
 */
function copyCandidates(segment: string): string[] {
  const candidates = [segment];
  let name = segment;
  for (let round = 0; round < 16; round++) {
    let next = name;
    const emacs = /^#(.+)#$/.exec(next) ?? /^\.#(.+)$/.exec(next);
    if (emacs) next = emacs[1]!;
    else {
      for (const suffix of COPY_SUFFIXES) {
        const stripped = next.replace(suffix, '');
        if (stripped !== next && stripped !== '') {
          next = stripped;
          break;
        }
      }
    }
    next = next.replace(/[. ]+$/, '');
    if (next === name || next === '') break;
    name = next;
    candidates.push(name);
  }
  if (candidates.length > 1) {
    for (const candidate of candidates.slice(1)) {
      if (candidate.startsWith('.') && candidate.length > 1) candidates.push(candidate.slice(1));
    }
  }
  return [...new Set(candidates)];
}

export function isDeniedWithoutConsent(relativePath: string, options: DeniedFileOptions = {}): DeniedFileCheck {
  const caseSensitive = options.caseSensitive ?? false;
  for (const segments of pathSegmentLists(relativePath, caseSensitive)) {
    const names = segments.map(copyCandidates);
    const lastIndex = segments.length - 1;
    for (let index = 0; index <= lastIndex; index++) {
      for (const rule of DENY_RULES) {
        // Folder rules match any segment (the folder or anything below it); file rules only the file name.
        if (!rule.folder && index !== lastIndex) continue;
        if (!matchesAt(rule, names, index)) continue;
        if (rule.unlessInside && segments.slice(0, lastIndex).some((segment) => rule.unlessInside!.test(segment))) continue;
        return { denied: true, reason: rule.reason };
      }
    }
  }
  return { denied: false };
}

function matchesAt(rule: DenyRule, names: readonly string[][], index: number): boolean {
  const own = names[index]!;
  if (!own.some((name) => rule.pattern.test(name)) || own.some((name) => rule.except?.test(name))) return false;
  const parents = rule.parents ?? [];
  if (index < parents.length) return false;
  return parents.every((parent, offset) => names[index - parents.length + offset]!.some((name) => parent.test(name)));
}

/**
 * A '/'- or '\'-separated workspace-relative path as lists of canonical segments: as written, and with `..`
 * resolved lexically when it has any (`src/../.kube/config`). Both are checked, so neither form hides a name.
 */
export function pathSegmentLists(relativePath: string, caseSensitive = false): string[][] {
  const written = relativePath
    .split(/[\\/]+/)
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => (segment === '..' ? segment : canonicalSegment(segment, caseSensitive)))
    // Windows drops trailing dots and spaces: a segment of only those ("...") names the folder it is in.
    .filter((segment) => segment !== '');
  if (!written.includes('..')) return [written];
  const resolved: string[] = [];
  for (const segment of written) {
    if (segment === '..') resolved.pop();
    else resolved.push(segment);
  }
  return [written, resolved];
}

/**
 * The name as a case-insensitive file system resolves it: lower-cased, without the trailing dots and
 * spaces Windows drops, and without an NTFS stream suffix (".env::$DATA" opens ".env").
 */
export function canonicalSegment(segment: string, caseSensitive: boolean): string {
  if (caseSensitive) return segment;
  return segment.replace(/:.*$/, '').replace(/[. ]+$/, '').toLowerCase();
}
