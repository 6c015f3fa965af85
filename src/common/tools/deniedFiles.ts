// Files the model may not read or change without the user's explicit consent: secrets, keys, credentials
// and git internals. Matching works on workspace-relative paths and errs on the side of asking.

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
  /** Exceptions, e.g. `.env.example`, which by convention holds no secrets. */
  except?: RegExp;
}

const DENY_RULES: readonly DenyRule[] = [
  { pattern: /^\.git$/, folder: true, reason: 'git internals (.git/), including its config, which can hold credentials and hooks that run code' },
  { pattern: /^\.ssh$/, folder: true, reason: 'SSH keys and configuration (.ssh/)' },
  { pattern: /^\.aws$/, folder: true, reason: 'cloud credentials (.aws/)' },
  { pattern: /^\.gnupg$/, folder: true, reason: 'GnuPG keys (.gnupg/)' },
  {
    pattern: /^\.env(?:\..+)?$/,
    except: /^\.env\.(?:example|sample|template|defaults|dist)$/,
    reason: 'environment file (.env), which usually holds secrets',
  },
  // By extension, a key is a key in any case, even on a case-sensitive file system.
  { pattern: /\.(?:pem|key|p12|pfx|jks|keystore|ppk|p8|kdbx)$/i, reason: 'private key, keystore or password database' },
  { pattern: /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:\..*)?$/, reason: 'SSH key (id_rsa, id_ed25519, …)' },
  { pattern: /^(?:\.npmrc|\.yarnrc(?:\.yml)?|\.envrc|\.pypirc|\.netrc|_netrc|\.git-credentials|\.pgpass|\.htpasswd|\.dockercfg)$/, reason: 'file that commonly stores access tokens or passwords' },
  {
    pattern: /^(?:credentials|client[_-]?secrets?|service[_-]?account|secrets?)(?:[._-][^/]*)?\.(?:json|ya?ml|toml|ini|xml)$/,
    reason: 'credentials or secrets file',
  },
  { pattern: /(?:^|[._-])credentials?\.json$/, reason: 'credentials file' },
  { pattern: /^terraform\.tfstate(?:\.backup)?$|\.tfvars$/, reason: 'infrastructure state or variables, which often contain secrets' },
];

export function isDeniedWithoutConsent(relativePath: string, options: DeniedFileOptions = {}): DeniedFileCheck {
  const caseSensitive = options.caseSensitive ?? false;
  const segments = relativePath
    .split(/[\\/]+/)
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => canonicalSegment(segment, caseSensitive));
  const lastIndex = segments.length - 1;
  for (const [index, segment] of segments.entries()) {
    for (const rule of DENY_RULES) {
      // Folder rules match any segment (the folder or anything below it); file rules only the file name.
      if (!rule.folder && index !== lastIndex) continue;
      if (!rule.pattern.test(segment) || rule.except?.test(segment)) continue;
      return { denied: true, reason: rule.reason };
    }
  }
  return { denied: false };
}

/**
 * The name as a case-insensitive file system resolves it: lower-cased, without the trailing dots and
 * spaces Windows drops, and without an NTFS stream suffix (".env::$DATA" opens ".env").
 */
function canonicalSegment(segment: string, caseSensitive: boolean): string {
  if (caseSensitive) return segment;
  return segment.replace(/:.*$/, '').replace(/[. ]+$/, '').toLowerCase();
}
