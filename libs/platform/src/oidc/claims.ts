import { ROLES } from '../access/access-policy';
import { AuthError, checkedPrincipal, type Principal, type Role } from '../auth';

/**
 * Which claims of an OpenID provider's access token give the Principal (settings OIDC_CLAIM_*, libs/platform/src/config.ts).
 * A claim name may be a dotted path into nested claims (`realm_access.roles`).
 */
export interface ClaimMapping {
  role: string;
  gemeente: string;
  agb: string;
  regio: string;
  gemeenten: string;
  /** Provider values of the role claim → Trajectwacht roles (OIDC_ROLE_VALUES); a value not listed counts as itself. */
  roleValues: Record<string, Role>;
  /** Regio → its gemeenten (OIDC_REGIO_GEMEENTEN), for a provider that names the regio but not its gemeenten. */
  regioGemeenten: Record<string, string[]>;
  /**
   * The claim that makes a toegang token its gemeente's toegang beheerder (OIDC_CLAIM_BEHEERDER); unset: no OpenID token
   * is a beheerder. Read for role toegang only (on another role it is ignored, as in the local tokens).
   */
  beheerder?: string;
  /**
   * OIDC_BEHEERDER_VALUE: the claim holds this value (a text, a list, or a space-separated text, like a roles or groups
   * claim). Unset: the claim must be `true` or `"true"`.
   */
  beheerderValue?: string;
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  role: 'role',
  gemeente: 'gemeente',
  agb: 'agb',
  regio: 'regio',
  gemeenten: 'gemeenten',
  roleValues: {},
  regioGemeenten: {},
};

function read(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A claim that holds one text: a string, or a list of exactly one (as some providers give user attributes). */
function single(claims: Record<string, unknown>, path: string): string | undefined {
  const value = read(claims, path);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  if (value === undefined) return undefined;
  throw new AuthError(`the access token's claim "${path}" must be one text`);
}

function roleOf(claims: Record<string, unknown>, mapping: ClaimMapping): Role {
  const value = read(claims, mapping.role);
  const given = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
  const roles = [...new Set(given.map((v) => mapping.roleValues[v] ?? v).filter((v): v is Role => (ROLES as string[]).includes(v)))];
  if (roles.length === 0)
    throw new AuthError(`the access token has no Trajectwacht role in its claim "${mapping.role}" (${ROLES.join(', ')})`);
  if (roles.length > 1)
    throw new AuthError(`the access token has more than one Trajectwacht role in its claim "${mapping.role}": ${roles.join(', ')}`);
  return roles[0]!;
}

function gemeentenOf(claims: Record<string, unknown>, mapping: ClaimMapping, regio: string | undefined): string[] | undefined {
  const value = read(claims, mapping.gemeenten);
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (value !== undefined) throw new AuthError(`the access token's claim "${mapping.gemeenten}" must be a list of gemeentecodes`);
  if (regio && mapping.regioGemeenten[regio]) return mapping.regioGemeenten[regio];
  if (regio)
    throw new AuthError(
      `the access token names regio ${regio} but not its gemeenten (claim "${mapping.gemeenten}"), ` +
        'and OIDC_REGIO_GEMEENTEN does not list it',
    );
  return undefined;
}

/**
 * Whether a toegang token is the toegang beheerder. Without OIDC_BEHEERDER_VALUE: `true` or `"true"` yes, `false`,
 * `"false"` or absent no; with it: the value in the claim (a text, a list or a space-separated text) yes, absent no.
 * Anything else (a number, an object, another text) is refused: a misread privilege is not guessed.
 */
function beheerderOf(claims: Record<string, unknown>, mapping: ClaimMapping): boolean {
  if (!mapping.beheerder) return false;
  const value = read(claims, mapping.beheerder);
  if (value === undefined) return false;
  const wanted = mapping.beheerderValue;
  if (wanted === undefined) {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new AuthError(`the access token's claim "${mapping.beheerder}" must be true or false`);
  }
  const given = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : undefined;
  if (!given || !given.every((v) => typeof v === 'string'))
    throw new AuthError(`the access token's claim "${mapping.beheerder}" must be a text or a list of texts`);
  return given.includes(wanted);
}

/**
 * The Principal of a verified access token of the OpenID provider: its role, and the organisation that role needs
 * (gemeente, agb, or regio and gemeenten; for toegang whether it is the beheerder), from the configured claims.
 * Throws AuthError naming what is missing.
 */
export function principalFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping): Principal {
  const sub = claims.sub;
  if (typeof sub !== 'string' || !sub) throw new AuthError('the access token has no subject');
  const role = roleOf(claims, mapping);
  const regio = role === 'regio' ? single(claims, mapping.regio) : undefined;
  return checkedPrincipal({
    sub,
    role,
    ...(role === 'toegang' ? { gemeente: single(claims, mapping.gemeente), beheerder: beheerderOf(claims, mapping) } : {}),
    ...(role === 'aanbieder' ? { agb: single(claims, mapping.agb) } : {}),
    ...(role === 'regio' ? { regio, gemeenten: gemeentenOf(claims, mapping, regio) } : {}),
  });
}

/** OIDC_ROLE_VALUES: `provider-value=role,…` (e.g. `jeugd-toegang=toegang,jeugd-beheer=beheer`). Problems are pushed. */
export function parseRoleValues(raw: string | undefined, problems: string[]): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const entry of (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [value, role] = entry.split('=').map((v) => v.trim());
    if (!value || !role || !(ROLES as string[]).includes(role)) {
      problems.push(`OIDC_ROLE_VALUES must list provider-value=role pairs (role one of ${ROLES.join(', ')}), got "${entry}"`);
      continue;
    }
    out[value] = role as Role;
  }
  return out;
}

/** OIDC_REGIO_GEMEENTEN: `regio=gemeente gemeente …;regio=…` (e.g. `flevoland=0034 0050 0303`). Problems are pushed. */
export function parseRegioGemeenten(raw: string | undefined, problems: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of (raw ?? '')
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [regio, list] = entry.split('=').map((v) => v.trim());
    const gemeenten = (list ?? '').split(/[\s,]+/).filter(Boolean);
    if (!regio || gemeenten.length === 0 || !gemeenten.every((g) => /^[0-9]{4}$/.test(g))) {
      problems.push(`OIDC_REGIO_GEMEENTEN must list regio=gemeentecode … entries separated by ';', got "${entry}"`);
      continue;
    }
    out[regio] = gemeenten;
  }
  return out;
}
