/**
 * Where the platform may send a request of its own (webhooks): only to public addresses, unless allow-listed.
 * Pure: no DNS, no sockets. The caller resolves a name (every address it resolves to) and asks checkDestination.
 *
 * Refused by default: loopback, private (RFC 1918), link-local, unique-local (fc00::/7), CGNAT (100.64/10), cloud
 * metadata addresses, and the other special-purpose ranges (unspecified, multicast, broadcast, reserved, documentation,
 * benchmarking). IPv4 is also read in the forms inet_aton accepts (2130706433, 0177.0.0.1, 0x7f.1), IPv6 with an
 * embedded IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by that address.
 */

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'cgnat'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'reserved';

export interface IpAddress {
  version: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
}

/** One IPv4 part in decimal, octal (leading 0) or hexadecimal (0x) notation, as inet_aton reads it. */
function ipv4Part(part: string): number | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return null;
}

/** IPv4 in dotted-quad or any shorter inet_aton form (a, a.b, a.b.c; every part decimal, octal or hex); null otherwise. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length === 0 || parts.length > 4 || parts.some((p) => p === '')) return null;
  const values = parts.map(ipv4Part);
  if (values.some((v) => v === null || !Number.isFinite(v))) return null;
  const nums = values as number[];
  const last = nums[nums.length - 1]!;
  const leading = nums.slice(0, -1);
  if (leading.some((v) => v > 255)) return null;
  if (last >= 256 ** (5 - nums.length)) return null;
  const bytes = [...leading];
  const tailBytes = 4 - leading.length;
  for (let i = tailBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes;
}

/** Strict dotted-quad (a.b.c.d, decimal) as it may appear at the end of an IPv6 address. */
function dottedQuad(text: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** IPv6 (with ::, an embedded dotted quad, a zone id, optional brackets); null otherwise. */
export function parseIpv6(input: string): number[] | null {
  let text = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) return null;
  const lastColon = text.lastIndexOf(':');
  const afterLast = text.slice(lastColon + 1);
  if (afterLast.includes('.')) {
    // "…:a.b.c.d": the dotted quad is the last two groups
    const quad = dottedQuad(afterLast);
    if (!quad) return null;
    text = `${text.slice(0, lastColon + 1)}${((quad[0]! << 8) | quad[1]!).toString(16)}:${((quad[2]! << 8) | quad[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const group = (g: string): number | null => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : null);
  const side = (s: string): number[] | null => {
    if (s === '') return [];
    const groups = s.split(':').map(group);
    return groups.some((g) => g === null) ? null : (groups as number[]);
  };
  const head = side(halves[0]!);
  const rest = halves.length === 2 ? side(halves[1]!) : [];
  if (!head || !rest) return null;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    groups = head;
    if (groups.length !== 8) return null;
  }
  const bytes: number[] = [];
  for (const g of groups) bytes.push(g >> 8, g & 0xff);
  return bytes;
}

/** An IPv4 or IPv6 literal (any form above); null for a host name. */
export function parseIp(text: string): IpAddress | null {
  const v4 = parseIpv4(text);
  if (v4) return { version: 4, bytes: v4 };
  const v6 = parseIpv6(text);
  if (v6 && v6.length === 16) return { version: 6, bytes: v6 };
  return null;
}

export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return ip.bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i]! << 8) | ip.bytes[i + 1]!).toString(16));
  return groups.join(':');
}

interface Range {
  bytes: number[];
  prefix: number;
}

function inRange(bytes: number[], range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== (range.bytes[i]! & mask)) return false;
  }
  return true;
}

function range(cidr: string): Range {
  const [addr, prefix] = cidr.split('/');
  const ip = parseIp(addr!)!;
  return { bytes: ip.bytes, prefix: Number(prefix) };
}

/** Special-purpose IPv4 ranges, most specific first (the first match names the class). */
const IPV4: [string, AddressClass][] = [
  ['169.254.169.254/32', 'metadata'], // AWS, GCP, Azure, OpenStack, …
  ['169.254.170.2/32', 'metadata'], // AWS ECS task metadata
  ['100.100.100.200/32', 'metadata'], // Alibaba Cloud
  ['168.63.129.16/32', 'metadata'], // Azure wire server (a public address)
  ['192.0.0.192/32', 'metadata'], // Oracle Cloud
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
];

const IPV6: [string, AddressClass][] = [
  ['fd00:ec2::254/128', 'metadata'], // AWS IMDS over IPv6
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'private'],
  ['100::/64', 'reserved'],
  ['2001::/32', 'reserved'], // Teredo: the IPv4 address inside is obfuscated, so it cannot be judged
  ['2001:db8::/32', 'documentation'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'], // site-local (deprecated)
  ['ff00::/8', 'multicast'],
  ['::/96', 'reserved'], // IPv4-compatible (deprecated)
];

const V4_RANGES = IPV4.map(([c, k]) => [range(c), k] as const);
const V6_RANGES = IPV6.map(([c, k]) => [range(c), k] as const);
const MAPPED = range('::ffff:0:0/96');
const NAT64 = range('64:ff9b::/96');
const SIX_TO_FOUR = range('2002::/16');

/** The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), if any. */
export function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.version !== 6) return null;
  if (inRange(ip.bytes, MAPPED) || inRange(ip.bytes, NAT64)) return { version: 4, bytes: ip.bytes.slice(12) };
  if (inRange(ip.bytes, SIX_TO_FOUR)) return { version: 4, bytes: ip.bytes.slice(2, 6) };
  return null;
}

/** What kind of address this is; throws for text that is not an IP address. */
export function classifyAddress(address: string | IpAddress): AddressClass {
  const ip = typeof address === 'string' ? parseIp(address) : address;
  if (!ip) throw new Error(`not an IP address: "${String(address)}"`);
  const inner = embeddedIpv4(ip);
  if (inner) return classifyAddress(inner);
  for (const [r, kind] of ip.version === 4 ? V4_RANGES : V6_RANGES) if (inRange(ip.bytes, r)) return kind;
  return 'public';
}

export interface AllowList {
  /** Host names (lower case) allowed whatever they resolve to. */
  hosts: Set<string>;
  /** Addresses and CIDR ranges allowed although not public. */
  ranges: Range[];
}

export const EMPTY_ALLOW_LIST: AllowList = { hosts: new Set(), ranges: [] };

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** Reads WEBHOOK_ALLOWED_HOSTS entries: host names, IP addresses, CIDR ranges (a.b.c.d/n, x::/n). */
export function parseAllowList(entries: readonly string[]): { allowList: AllowList; problems: string[] } {
  const allowList: AllowList = { hosts: new Set(), ranges: [] };
  const problems: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    const [addr, prefixText, extra] = entry.split('/');
    const ip = parseIp(addr!);
    if (ip) {
      const max = ip.version === 4 ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (
        extra !== undefined ||
        !Number.isInteger(prefix) ||
        prefix < 0 ||
        prefix > max ||
        (prefixText !== undefined && !/^\d+$/.test(prefixText))
      ) {
        problems.push(`WEBHOOK_ALLOWED_HOSTS: "${entry}" is not a valid address or CIDR range`);
        continue;
      }
      allowList.ranges.push({ bytes: ip.bytes, prefix });
      continue;
    }
    if (prefixText !== undefined || !HOST_NAME.test(entry)) {
      problems.push(`WEBHOOK_ALLOWED_HOSTS: "${entry}" is neither a host name, an address nor a CIDR range`);
      continue;
    }
    allowList.hosts.add(entry.toLowerCase().replace(/\.$/, ''));
  }
  return { allowList, problems };
}

function allowedAddress(ip: IpAddress, allow: AllowList): boolean {
  const candidates = [ip, embeddedIpv4(ip)].filter((x): x is IpAddress => x !== null);
  return candidates.some((c) => allow.ranges.some((r) => inRange(c.bytes, r)));
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * May a request go to `host` (the URL's host: a name or an address literal) now that it resolved to `addresses`?
 * Every address must be public or allow-listed (a name that resolves to one public and one private address is
 * refused: the connection may go to either); an allow-listed host name is accepted whatever it resolves to.
 */
export function checkDestination(host: string, addresses: readonly string[], allow: AllowList = EMPTY_ALLOW_LIST): Verdict {
  const name = host
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (allow.hosts.has(name)) return { ok: true };
  const literal = parseIp(name);
  const all = literal ? [formatIp(literal)] : addresses;
  if (all.length === 0) return { ok: false, reason: `${host} does not resolve to any address` };
  for (const address of all) {
    const ip = parseIp(address);
    if (!ip) return { ok: false, reason: `${host} resolved to "${address}", which is not an IP address` };
    if (allowedAddress(ip, allow)) continue;
    const kind = classifyAddress(ip);
    if (kind !== 'public') {
      const shown = formatIp(ip) === name ? name : `${name} resolves to ${formatIp(ip)}, which is`;
      return {
        ok: false,
        reason: `${shown} a ${kind} address: webhooks may only point to public addresses (or to hosts in WEBHOOK_ALLOWED_HOSTS)`,
      };
    }
  }
  return { ok: true };
}
