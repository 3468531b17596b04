import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { Config } from '../../config/config.schema.js';

type Trust = (address: string, hop: number) => boolean;

/** `::ffff:a.b.c.d` is the IPv4 address a.b.c.d (a dual-stack socket reports IPv4 peers so). */
const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/**
 * Whether an address is one of `entries` (IPs and CIDRs, IPv4 or IPv6); an IPv4-mapped IPv6
 * address counts as its IPv4 address.
 */
export function addressList(entries: readonly string[]): (address: string) => boolean {
  const listed = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (bits === undefined) listed.addAddress(address, family);
    else listed.addSubnet(address, Number(bits), family);
  }
  return (address) => {
    const plain = unmapped(address);
    if (isIPv4(plain)) return listed.check(plain, 'ipv4');
    return isIPv6(plain) && listed.check(plain, 'ipv6');
  };
}

function trustOf(trustProxy: Config['trustProxy']): Trust {
  if (typeof trustProxy === 'boolean') return () => trustProxy;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  const trusted = addressList(trustProxy);
  return (address) => trusted(address);
}

/**
 * The client address of a raw request (a WebSocket upgrade, which Fastify never sees), found
 * as Fastify finds `request.ip` under the same `TRUST_PROXY`: from the peer back through
 * `X-Forwarded-For`, hop by hop, while the hop that reported it is trusted.
 */
export function clientAddressOf(trustProxy: Config['trustProxy']) {
  const trust = trustOf(trustProxy);
  return (request: IncomingMessage): string => {
    const peer = request.socket.remoteAddress ?? '';
    const header = request.headers['x-forwarded-for'];
    if (trustProxy === false || typeof header !== 'string') return peer;
    const hops = [
      peer,
      ...header
        .split(',')
        .map((hop) => hop.trim())
        .filter(Boolean)
        .reverse(),
    ];
    let hop = 0;
    while (hop < hops.length - 1 && trust(hops[hop]!, hop)) hop += 1;
    return hops[hop]!;
  };
}
