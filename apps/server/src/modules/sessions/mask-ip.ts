import { isIPv4, isIPv6 } from 'node:net';

/** The eight groups of an IPv6 address, `::` expanded; an embedded IPv4 tail counts as two. */
function ipv6Groups(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const split = (part: string) =>
    part === '' ? [] : part.split(':').flatMap((group) => (isIPv4(group) ? ['v4', 'v4'] : [group]));
  const left = split(head);
  const right = tail === undefined ? [] : split(tail);
  return [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
}

/**
 * Where a session signed in from, roughly and without a geo service: the member's own IP with
 * the host part hidden, `203.0.113.x` or `2001:db8:…` (the provider's network, not the line).
 */
export function maskIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const v4 = mapped ?? ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.x`;
  if (!isIPv6(ip)) return '…';
  const [first, second] = ipv6Groups(ip.toLowerCase()).map((group) =>
    group.replace(/^0+(?=.)/, ''),
  );
  return `${first}:${second}:…`;
}
