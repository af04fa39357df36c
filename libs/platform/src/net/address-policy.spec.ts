import { checkDestination, classifyAddress, formatIp, parseAllowList, parseIp, parseIpv4, type AddressClass } from './address-policy';

describe('address policy (SSRF guard for outgoing requests)', () => {
  it.each<[string, AddressClass]>([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['192.169.0.1', 'public'],
  ])('IPv4 %s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each<[string, AddressClass]>([
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:400e:80f::200e', 'public'],
  ])('IPv6 %s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each<[string, AddressClass]>([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['2002:c0a8:0101::1', 'private'],
    ['::127.0.0.1', 'reserved'],
  ])('IPv6 with an IPv4 address inside: %s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each<[string, string]>([
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
    ['2852039166', '169.254.169.254'],
    ['0', '0.0.0.0'],
  ])('IPv4 in inet_aton form %s is %s', (text, dotted) => {
    expect(parseIpv4(text)?.join('.')).toBe(dotted);
    expect(classifyAddress(text)).toBe(classifyAddress(dotted));
  });

  it.each(['256.0.0.1', '1.2.3.4.5', '08.0.0.1', '4294967296', '1..2.3', 'example.org', '12345678a', '1.2.3.0xg'])(
    '%s is not IPv4',
    (text) => {
      expect(parseIpv4(text)).toBeNull();
    },
  );

  it.each([':::1', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '::ffff:1.2.3.256', '1:2:3:4:5:6:7'])(
    '%s is not an IP address',
    (text) => {
      expect(parseIp(text)).toBeNull();
      expect(() => classifyAddress(text)).toThrow(/not an IP address/);
    },
  );

  it('formats addresses back', () => {
    expect(formatIp(parseIp('::ffff:127.0.0.1')!)).toBe('0:0:0:0:0:ffff:7f00:1');
    expect(formatIp(parseIp('0177.1')!)).toBe('127.0.0.1');
  });

  describe('checkDestination', () => {
    it('accepts a name whose every address is public', () => {
      expect(checkDestination('hooks.example.nl', ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])).toEqual({ ok: true });
    });

    it('refuses a name when any one of its addresses is not public, and says which', () => {
      const verdict = checkDestination('hooks.example.nl', ['93.184.216.34', '10.0.0.5']);
      expect(verdict).toEqual({
        ok: false,
        reason: expect.stringContaining('hooks.example.nl resolves to 10.0.0.5, which is a private address'),
      });
    });

    it('refuses address literals, whatever the resolver said', () => {
      expect(checkDestination('127.0.0.1', [])).toEqual({ ok: false, reason: expect.stringMatching(/^127\.0\.0\.1 a loopback address/) });
      expect(checkDestination('[::1]', ['8.8.8.8'])).toMatchObject({ ok: false });
      expect(checkDestination('[::ffff:169.254.169.254]', [])).toEqual({ ok: false, reason: expect.stringContaining('metadata') });
      expect(checkDestination('2130706433', [])).toMatchObject({ ok: false });
    });

    it('refuses a name that does not resolve', () => {
      expect(checkDestination('nowhere.example', [])).toEqual({ ok: false, reason: 'nowhere.example does not resolve to any address' });
    });

    it('accepts what the allow-list names: host names, addresses, CIDR ranges (IPv4-mapped addresses too)', () => {
      const { allowList, problems } = parseAllowList(['hooks.intern.local', '127.0.0.1', '10.20.0.0/16', 'fd00::/8']);
      expect(problems).toEqual([]);
      expect(checkDestination('HOOKS.intern.local.', ['10.9.9.9'], allowList)).toEqual({ ok: true });
      expect(checkDestination('127.0.0.1', [], allowList)).toEqual({ ok: true });
      expect(checkDestination('[::ffff:127.0.0.1]', [], allowList)).toEqual({ ok: true });
      expect(checkDestination('api.intern', ['10.20.3.4', 'fd00::5'], allowList)).toEqual({ ok: true });
      expect(checkDestination('api.intern', ['10.20.3.4', '10.21.0.1'], allowList)).toMatchObject({ ok: false });
      expect(checkDestination('127.0.0.2', [], allowList)).toMatchObject({ ok: false });
      expect(checkDestination('other.intern.local', ['127.0.0.1'], allowList)).toEqual({ ok: true }); // allowed by address
      expect(checkDestination('other.intern.local', ['127.0.0.1', '169.254.169.254'], allowList)).toMatchObject({ ok: false });
    });

    it('explains allow-list entries it cannot read', () => {
      expect(parseAllowList(['10.0.0.0/33', '::1/129', 'not a host', 'a/b', '1.2.3.4/x']).problems).toHaveLength(5);
    });
  });
});
